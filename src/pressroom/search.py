"""The search index: small data files that `static/search.js` reads in the browser.

No server and no download at run time: full-text search and filtering (tag, country,
person, organization, year) run client-side on any static host, under a sub-path, and
from a folder opened with file:// (which is why the data files are scripts calling
`PressroomSearch.receive(name, data)` rather than .json files a page would fetch():
browsers refuse fetch() on file:// but load scripts).

Files, all under `search/data/`:
- `meta.js`: the facets (slug and name of each tag, country, person, organization) and
  one row per release, newest first:
  [path, title, date, place, summary chunk, language, year, tags, countries, people,
   orgs, shown date] where tags..orgs are lists of facet indexes and the shown date is
  the date as the site's `date_format` writes it.
- `s/<n>.js`: the summaries of releases n*SUMMARY_CHUNK to (n+1)*SUMMARY_CHUNK-1, loaded
  only for the results on screen (summaries are most of the weight of a big index).
- `w/<shard>.js`: an inverted index for the words starting with the same two letters:
  {word: [release numbers, delta-encoded]}. A query loads one shard per word.
Words are lowercased, accents removed, split on anything not a letter or digit; the JS
client does the same (see `tokens` there).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from typing import Any

from pressroom.archive import KINDS, Archive, Entry
from pressroom.urls import SEARCH_DATA

VERSION = 1
MIN_WORD = 2
MAX_WORD = 40
SUMMARY_CHARS = 220
SUMMARY_CHUNK = 250
FACETS = {"tags": "tag", "countries": "country", "people": "person",
          "organizations": "organization"}
_WORD = re.compile(r"[^\W_]+")


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_FOLDED: dict[str, str] = {}


def _strip_marks(found: re.Match[str]) -> str:
    """One run of non-ASCII characters without its combining marks (memoized)."""
    run = found.group()
    done = _FOLDED.get(run)
    if done is None:
        done = "".join(c for c in run if not unicodedata.category(c).startswith("M"))
        if len(_FOLDED) < 100_000:
            _FOLDED[run] = done
    return done


def tokens(text: str) -> list[str]:
    """The words of `text` as the index and the JS client see them."""
    folded = text.lower()
    if not folded.isascii():
        folded = _NON_ASCII.sub(_strip_marks, unicodedata.normalize("NFKD", folded))
    return [w for w in _WORD.findall(folded) if MIN_WORD <= len(w) <= MAX_WORD]


def shard_name(word: str) -> str:
    """The shard file holding `word`: its first two letters as hex code points."""
    return "-".join(f"{ord(c):x}" for c in word[:MIN_WORD])


def _document_text(entry: Entry) -> str:
    release = entry.release
    parts = [release.title, release.summary, release.body, release.location or ""]
    for kind in KINDS:
        parts.extend(t.label for t in entry.terms.get(kind, []))
    parts.extend(e.name for e in entry.events)
    parts.extend(f"{q.quote.speaker or ''} {q.quote.text}" for q in entry.quotes)
    return "\n".join(parts)


def _summary(text: str) -> str:
    if len(text) <= SUMMARY_CHARS:
        return text
    return text[:SUMMARY_CHARS].rsplit(" ", 1)[0] + "…"


def _script(name: str, data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"PressroomSearch.receive({json.dumps(name)},{text});\n".encode()


def search_files(archive: Archive, date_format: str = "%Y-%m-%d") -> dict[str, bytes]:
    """Every file of the search index, by output path."""
    facets: dict[str, list[list[str]]] = {}
    positions: dict[str, dict[int, int]] = {}
    for kind, facet in FACETS.items():
        terms = archive.sorted_terms(kind)
        facets[facet] = [[t.slug, t.label] for t in terms]
        positions[kind] = {id(t): i for i, t in enumerate(terms)}
    docs = []
    postings: dict[str, list[int]] = defaultdict(list)
    for number, entry in enumerate(archive.entries):
        release = entry.release
        docs.append([entry.path, release.title, entry.date.isoformat(), release.location or "",
                     number // SUMMARY_CHUNK, release.language, entry.date.year]
                    + [[positions[kind][id(t)] for t in entry.terms.get(kind, [])]
                       for kind in FACETS]
                    + [entry.date.strftime(date_format)])
        for word in sorted(set(tokens(_document_text(entry)))):
            postings[word].append(number)
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word, numbers in postings.items():
        shards[shard_name(word)][word] = _deltas(numbers)
    files = {f"{SEARCH_DATA}w/{name}.js": _script(f"w/{name}", words)
             for name, words in sorted(shards.items())}
    summaries = [_summary(e.release.summary) for e in archive.entries]
    for start in range(0, len(summaries), SUMMARY_CHUNK):
        chunk = start // SUMMARY_CHUNK
        files[f"{SEARCH_DATA}s/{chunk}.js"] = _script(f"s/{chunk}",
                                                       summaries[start:start + SUMMARY_CHUNK])
    meta = {"version": VERSION, "summary_chunk": SUMMARY_CHUNK, "facets": facets, "docs": docs,
            "shards": sorted(shards),
            "fields": ["path", "title", "date", "place", "summary_file", "lang", "year",
                       *FACETS.values(), "shown_date"]}
    files[f"{SEARCH_DATA}meta.js"] = _script("meta", meta)
    return files


def _deltas(numbers: list[int]) -> list[int]:
    """Ascending numbers as the first one and then the gaps (smaller JSON)."""
    return [n - p for p, n in zip([0, *numbers], numbers, strict=False)]
