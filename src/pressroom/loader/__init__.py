"""Raw press-release text to a `Release`: the loader's public face.

`load_bytes(data, name)` decodes and cleans the text, splits off title, page header and
boilerplate, reads the dateline, and runs the extractors (countries, people,
organisations, quotes, events, tags). It raises `LoaderError` only for input that is not
a release at all (empty, binary, no title) or is too large (over `MAX_BYTES`, 2 MB);
everything else gives a `LoadResult` whose diagnostics say what could not be found.

Limits: a raw file over `MAX_BYTES` is refused. The whole text becomes the body, but the
extractors read only its first `EXTRACT_CHARS` characters (about 15,000 words, several
times the longest real release), so a very long release still loads in about a second;
an INFO diagnostic says so. Every step is linear in the length of the text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.errors import Diagnostic, Level, LoaderError
from pressroom.loader.countries import country_names, display_name, find_countries, us_states
from pressroom.loader.dateline import (
    DATE_LINE,
    Dateline,
    date_from_name,
    find_dateline,
    parse_date,
    weekday_date,
)
from pressroom.loader.events import find_events
from pressroom.loader.language import detect_language
from pressroom.loader.names import Source
from pressroom.loader.orgs import find_organizations
from pressroom.loader.people import find_people
from pressroom.loader.quotes import find_quotes
from pressroom.loader.tags import Vocabulary, find_tags, find_vocabulary_tags, weighted_parts
from pressroom.loader.text import Document, clean, decode, sentences, split_document, to_markdown
from pressroom.model import Event, Organization, Person, Quote, Release

__all__ = ["EXTRACT_CHARS", "MAX_BYTES", "LoadResult", "load_bytes", "load_raw"]

MAX_BYTES = 2_000_000  # raw releases larger than this are refused
EXTRACT_CHARS = 100_000  # the extractors read this much of the title and body


@dataclass
class LoadResult:
    release: Release
    diagnostics: list[Diagnostic] = field(default_factory=list)


def load_raw(path: Path, *, vocabulary: Vocabulary | None = None) -> LoadResult:
    """Read a raw release file and load it (see `load_bytes`)."""
    path = Path(path)
    _check_size(path.stat().st_size, path.name)  # before reading it all
    return load_bytes(path.read_bytes(), path.name, vocabulary=vocabulary)


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise LoaderError(name, f"too large: {size / 1e6:.1f} MB; releases over "
                                f"{MAX_BYTES / 1e6:.0f} MB are refused (a press release is a "
                                "few pages: split the file, or check it is not a data dump)")


def load_bytes(data: bytes, name: str, *, vocabulary: Vocabulary | None = None) -> LoadResult:
    """Turn the bytes of a raw release into a `Release` plus warnings; tags come from the
    site's `vocabulary` when there is one (pressroom.yaml's `tags: vocabulary:`)."""
    _check_size(len(data), name)
    text = clean(decode(data, name))
    if not text.strip():
        raise LoaderError(name, "empty file: no text to load")
    doc = split_document(text, name, DATE_LINE)
    diagnostics: list[Diagnostic] = []
    lead_index, dateline = _find_lead(doc)
    date, draft = _release_date(doc, dateline, lead_index, name, diagnostics)
    location = dateline.place if dateline else None

    src = _source(doc, lead_index)
    if src.truncated:
        diagnostics.append(Diagnostic(
            Level.INFO, name, None,
            f"long release ({sum(len(p.text) for p in doc.body):,} characters): people, "
            f"organisations, countries, quotes, events and tags are read from its first "
            f"{EXTRACT_CHARS:,} characters"))
    people = find_people(src, "\n".join(p.text for p in doc.boilerplate)[:EXTRACT_CHARS])
    person_spans = [(a, b) for a, b, _ in people.spans]
    orgs = find_organizations(src, person_spans, location)
    org_spans = []
    for org in orgs:
        for start in org.starts:
            org_spans.append((start, start + max(len(n) for n in org.names)))
    found = find_countries(src, org_spans)
    dateline_country = _dateline_country(location)
    if dateline_country is not None and lead_index is not None and \
            lead_index + 1 < len(src.segments):
        # "MANILA, PHILIPPINES (18 September 2024) —": capitals the scan does not read
        lead_start = src.segments[lead_index + 1].start
        found.append((dateline_country, lead_start, lead_start))
        found.sort(key=lambda f: f[1])
    countries = []
    for country, _, _ in found:
        if country not in countries:
            countries.append(country)
    title_speaker = next((i for a, _, i in people.spans if a < len(doc.title)), None)
    if not re.match(r"(?:statement|remarks|declaraci[oó]n|message|d[ée]claration)\b",
                    doc.title, re.IGNORECASE):
        title_speaker = None
    quotes = find_quotes(src, people, title_speaker)
    body_text = "\n\n".join(s.text for s in src.segments[1:])  # as far as extractors read
    events = find_events(src, orgs, country_names(), date, location)
    names = tuple(n for o in orgs for n in o.names)  # not read as tags

    release = Release(
        title=doc.title,
        date=date,
        body=to_markdown(doc.body + doc.boilerplate),  # as published; nothing is read from it
        location=location,
        language=detect_language(doc.title + "\n" + body_text),
        summary=_summary(doc, lead_index, dateline),
        tags=tuple(find_tags(doc.title, body_text, names) if vocabulary is None
                   else _vocabulary_tags(src, lead_index, names, vocabulary)),
        countries=tuple(countries),
        organizations=tuple(Organization(o.name, o.acronym) for o in orgs),
        people=tuple(Person(p.name, p.role) for p in people.entries),
        quotes=tuple(Quote(q.text, q.speaker) for q in quotes),
        events=tuple(Event(*e) for e in events),
        source=name,
        source_sha256=hashlib.sha256(data).hexdigest(),
        draft=draft,
    )
    return LoadResult(release, diagnostics)


def _dateline_country(place: str | None) -> str | None:
    """The country a dateline's place ends with ("Manila, Philippines"), or None (a US
    state is not one: "Atlanta, Georgia")."""
    if not place or "," not in place:
        return None
    last = place.rsplit(",", 1)[1].strip()
    if last in us_states():
        return None
    return display_name(last)


def _vocabulary_tags(src: Source, lead_index: int | None, names: tuple[str, ...],
                     vocabulary: Vocabulary) -> list[str]:
    """Tags from the site's vocabulary only, the title and lead weighing more."""
    texts = [(s.text, s.kind) for s in src.segments]  # the title is the first
    lead = lead_index + 1 if lead_index is not None else None
    return find_vocabulary_tags(weighted_parts(texts, lead), vocabulary, names)


def _find_lead(doc: Document) -> tuple[int | None, Dateline | None]:
    """The paragraph that opens the release (with its dateline, if any)."""
    for index, para in enumerate(doc.body[:6]):
        found = find_dateline(para.text)
        if found is not None:
            return index, found
        if len(para.text.split()) > 40:  # the lead itself: subtitles and headers are short
            break
    for index, para in enumerate(doc.body):
        if _is_body_paragraph(para.text):
            return index, None
    return (0, None) if doc.body else (None, None)


def _is_body_paragraph(text: str) -> bool:
    return bool(re.search(r"[.!?:;\"”’)]$", text.strip())) and len(text.split()) >= 8


def _release_date(doc: Document, dateline: Dateline | None, lead_index: int | None, name: str,
                  diagnostics: list[Diagnostic]) -> tuple[dt.date | None, bool]:
    if dateline is not None and dateline.date is not None:
        return dateline.date, False
    for line, _ in doc.header_dates:
        value = parse_date(line)
        if value is not None:
            return value, False
    if lead_index is not None:
        # the first paragraph with a full date, when the date is the release's: "today,
        # June 3, 2021" or a date with its weekday ("sentenced on Monday, August 7, 2023")
        lead = doc.body[lead_index].text[:5000]
        m = re.search(r"\btoday,?\s+(\(?[A-Z][^()]{4,30}\d{4})", lead)
        if m and parse_date(m.group(1)) is not None:
            return parse_date(m.group(1)), False
        value = weekday_date(lead)
        if value is not None:
            return value, False
    from_name = date_from_name(name)
    if from_name is not None:
        diagnostics.append(Diagnostic(Level.INFO, name, None,
                                      f"no date in the text; using {from_name} from the file "
                                      "name"))
        return from_name, False
    line = doc.body[lead_index].line if lead_index is not None and doc.body else doc.title_line
    diagnostics.append(Diagnostic(Level.WARNING, name, line,
                                  "no publication date found (no dateline or date line with "
                                  "day, month and year); marked as draft"))
    return None, True


def _source(doc: Document, lead_index: int | None = None) -> Source:
    """The text the extractors read; paragraphs before the lead are the headline's deck."""
    parts = [(doc.title[:EXTRACT_CHARS], doc.title_line, "title")]
    budget = EXTRACT_CHARS - len(parts[0][0])
    truncated = len(doc.title) > EXTRACT_CHARS
    for i, p in enumerate(doc.body):
        text = p.text
        if budget <= 0:
            truncated = True
            break
        if len(text) > budget:  # cut at a space
            cut = text.rfind(" ", 0, budget)
            text = text[:cut if cut > 0 else budget]
            truncated = True
        budget -= len(text) + 2
        parts.append((text, p.line, "deck" if lead_index is not None and i < lead_index
                      else "para"))
    src = Source.build(parts)
    src.truncated = truncated
    return src


def _summary(doc: Document, lead_index: int | None, dateline: Dateline | None) -> str:
    if lead_index is None or not doc.body:
        return doc.title
    text = doc.body[lead_index].text
    if dateline is not None:
        text = text[dateline.end:]
        if not text.strip() and lead_index + 1 < len(doc.body):
            text = doc.body[lead_index + 1].text  # the dateline was a line of its own
    found = sentences(text[:5000].strip())  # (the first sentence is all it needs)
    summary = found[0] if found else doc.title
    # a quotation that runs past the first sentence leaves an opening mark alone
    if summary[:1] in "\"“«'‘" and sum(summary.count(c) for c in "\"“”«»") % 2:
        summary = summary[1:].lstrip()
    return summary
