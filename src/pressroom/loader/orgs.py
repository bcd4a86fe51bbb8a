"""Organisations named in a release: "United Nations Office on Drugs and Crime (UNODC)".

Found by the shapes organisation names take, never from a list of names: a capitalised
name ending in an organisation head noun (Office, Ministry, Department, Initiative, ...)
with its complement ("... on Drugs and Crime"); a name defined with its acronym in
parentheses; a company with a legal suffix ("Acme, Inc."); a body named before a job title
("Interpol Washington Director ..."); an acronym used as a name ("the FBI"). Mentions of
the same body (by acronym, "the Justice Department" / "Department of Justice", "Bureau of
Prisons" / "Federal Bureau of Prisons") are merged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pressroom.loader.countries import country_names, us_states
from pressroom.loader.names import (
    COMMON_CAPS,
    GEO_HEADS,
    MONTH_WORDS,
    NON_ORG_HEADS,
    ORG_CONNECTORS,
    ORG_HEADS,
    PERSON_NOUNS,
    PLACE_PREFIXES,
    TITLE_WORDS,
    Source,
    Token,
    chunks,
    tokens,
)
from pressroom.loader.text import wordset

# possessors that belong to the name ("Attorney's Office", "Children's Fund")
NAME_POSSESSORS = wordset(
    "attorney attorneys prosecutor prosecutors sheriff sheriffs solicitor general children "
    "people peoples women men veterans citizens workers farmers consumers defender defenders "
    "investors employees nations marshal marshals commissioner commissioners governor "
    "governors mayor mayors president presidents secretary coroner controller comptroller "
    "treasurer auditor clerk examiner")
ACRONYM_STOP = wordset(
    "CEO CTO CFO COO CIO DOB MPH PDF URL API IP IT TV AM PM USA US UK EU DNA GPS ID FAQ LTS "
    "HTML SMS PR HR NGO NGOS AG AGS DA OK RSS PS ET EST PST CST MST EDT PDT CDT SEO QR VP SVP "
    "EVP GDP HIV AIDS COVID LGBT LGBTQ CPR ATM ATV SUV DUI DWI MR MRS MS DR JR SR II III IV "
    "NO ESG USD EUR GBP FY Q1 Q2 Q3 Q4 AI VR AR IOT LLC INC LTD CO PLC BA MA PHD MD JD")
COMPANY_SUFFIX = (r"(?:Inc\.?|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltd\.?|Limited|PLC|plc|GmbH|"
                  r"S\.A\.|N\.V\.|AG|Co\.|LLP|L\.P\.)")


@dataclass
class OrgEntry:
    name: str
    acronym: str | None
    first: int
    names: set[str] = field(default_factory=set)
    starts: list[int] = field(default_factory=list)


def _low(tok: Token) -> str:
    return tok.lower.rstrip(".") if not tok.text.endswith(".") or len(tok.text) > 4 else tok.lower


def _is_head(tok: Token) -> bool:
    return tok.cap and (tok.lower in ORG_HEADS or tok.lower.rstrip(".") in ORG_HEADS)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w[0].isalnum()).upper()


def _matches_acronym(words: list[str], acronym: str) -> bool:
    """Does the acronym spell the initials of the words (connectors optional)?"""
    letters = acronym.upper().rstrip("S") if acronym.endswith("s") else acronym.upper()
    letters = re.sub(r"[^A-Z0-9]", "", letters)

    def walk(i: int, j: int) -> bool:
        if j == len(letters):
            return all(w.lower() in ORG_CONNECTORS for w in words[i:])
        if i == len(words):
            return False
        word = words[i]
        if word.lower() in ORG_CONNECTORS and walk(i + 1, j):
            return True
        if word[:1].upper() == letters[j]:
            # a word may give more than one letter ("Track4Tip", "Bundeskriminalamt")
            if walk(i + 1, j + 1):
                return True
            rest = word[1:].upper()
            k = j + 1
            pos = 0
            while k < len(letters):
                pos = rest.find(letters[k], pos)
                if pos < 0:
                    break
                k += 1
                pos += 1
                if walk(i + 1, k):
                    return True
        return False

    return walk(0, 0)


def find_organizations(src: Source, person_spans: list[tuple[int, int]] | None = None,
                       ) -> list[OrgEntry]:
    """Organisations in `src`, merged and in order of first mention."""
    person_spans = person_spans or []
    places = country_names() | us_states()
    found: list[tuple[str, str | None, int]] = []  # (name, acronym, start)
    body = [s for s in src.segments if not s.heading]
    for seg in body:
        text = seg.text
        for chunk in chunks(text, seg.start):
            found.extend(_from_chunk(src, chunk, person_spans, places))
        found.extend(_acronym_definitions(src, seg.text, seg.start, places))
        found.extend(_companies(seg.text, seg.start))
    found.extend(_standalone_acronyms(src, found))
    return _merge(found)


def _split_chunk(chunk: list[Token], src: Source) -> list[list[Token]]:
    """Split at possessives ("NOAA's Office") and at "of the" before another body."""
    parts: list[list[Token]] = [[]]
    for i, tok in enumerate(chunk):
        parts[-1].append(tok)
        if tok.possessive and i + 1 < len(chunk) and _low(tok) not in NAME_POSSESSORS:
            parts.append([])
    out: list[list[Token]] = []
    for part in parts:
        current: list[Token] = []
        i = 0
        while i < len(part):
            tok = part[i]
            if tok.lower in {"of", "for", "at", "with", "from", "in", "to", "de", "del"} and \
                    i + 1 < len(part) and part[i + 1].lower in {"the", "la", "el", "los", "las"}:
                rest = part[i + 2:]
                stop = next((k for k, t in enumerate(rest) if t.lower in {"of", "for"} and
                             k + 1 < len(rest) and rest[k + 1].lower == "the"), len(rest))
                if any(_is_head(t) for t in rest[:stop]) or not any(_is_head(t) for t in current):
                    out.append(current)
                    current = []
                    i += 2
                    continue
            current.append(tok)
            i += 1
        out.append(current)
    return [p for p in out if p]


def _from_chunk(src: Source, chunk: list[Token], person_spans: list[tuple[int, int]],
                places: frozenset[str]) -> list[tuple[str, str | None, int]]:
    out = []
    parts = _split_chunk(chunk, src)
    for index, part in enumerate(parts):
        # cut out people and the title words before them
        part = [t for t in part if not any(a <= t.start < b for a, b in person_spans)] \
            if any(any(a <= t.start < b for a, b in person_spans) for t in part) else part
        heads = [k for k, t in enumerate(part) if _is_head(t)]
        if heads:
            name_toks = _org_span(part, heads)
            if name_toks:
                out.append((_text(src, name_toks), None, name_toks[0].start))
            continue
        # a possessor whose unit follows ("NOAA's Office of ...", "Interpol Washington's ...")
        nxt = parts[index + 1] if index + 1 < len(parts) else []
        if part and part[-1].possessive and any(_is_head(t) for t in nxt[:6]):
            cand = _strip_left(part)
            if cand and _plausible_name(cand, places):
                out.append((_text(src, cand), None, cand[0].start))
            continue
        # a body named before a job title and a person ("Interpol Washington Director Ann Roe")
        titles = [k for k, t in enumerate(part) if _low(t) in TITLE_WORDS and t.cap]
        if titles and titles[0] > 0 and _followed_by_person(part, person_spans):
            cand = _strip_left(part[:titles[0]])
            if cand and _plausible_name(cand, places) and \
                    _low(cand[-1]) not in {"u.s", "u.s.", "us"}:
                out.append((_text(src, cand), None, cand[0].start))
    return out


def _followed_by_person(part: list[Token], person_spans: list[tuple[int, int]]) -> bool:
    end = part[-1].end
    return any(a >= end and a - end <= 3 for a, _ in person_spans)


def _strip_left(toks: list[Token]) -> list[Token]:
    while toks and (_low(toks[0]) in COMMON_CAPS or not toks[0].cap
                    or (toks[0].lower.endswith("ly") and len(toks) > 1)):
        toks = toks[1:]
    while toks and not toks[-1].cap:
        toks = toks[:-1]
    return toks


def _plausible_name(toks: list[Token], places: frozenset[str]) -> bool:
    words = [t.text for t in toks]
    name = " ".join(words)
    if name in places or words[0].lower() in PLACE_PREFIXES and len(words) <= 3:
        return False
    if any(_low(t) in GEO_HEADS for t in toks[-1:]):
        return False
    if all(_low(t) in TITLE_WORDS | MONTH_WORDS | PERSON_NOUNS for t in toks):
        return False
    return not (len(toks) == 1 and toks[0].acronym and toks[0].text.upper() in ACRONYM_STOP)


def _org_span(part: list[Token], heads: list[int]) -> list[Token]:
    """The organisation name in a chunk part holding head nouns."""
    last = heads[-1]
    end = last + 1
    # complement: "Office on Drugs and Crime", "Ministry of Foreign Affairs"
    k = end
    while k < len(part) and part[k].lower in ORG_CONNECTORS and k + 1 < len(part):
        j = k + 1
        while j < len(part) and (part[j].cap or part[j].lower in ORG_CONNECTORS):
            if part[j].lower in ORG_CONNECTORS and not (j + 1 < len(part) and part[j + 1].cap):
                break
            j += 1
        if j == k + 1:
            break
        end = j
        k = j
    name = part[:end]
    # start: leave out sentence openers, adverbs, demonym-like "Spanish-language"
    while name and (_low(name[0]) in COMMON_CAPS or _low(name[0]) in MONTH_WORDS
                    or re.search(r"-[a-z]", name[0].text) or not name[0].cap):
        name = name[1:]
    # leave out a person title that runs into the name: "Director General Office" stays
    while name and len(name) > 1 and name[0].lower.endswith("ly"):
        name = name[1:]
    if not name or not any(_is_head(t) for t in name):
        return []
    if _low(name[-1]) in NON_ORG_HEADS:
        return []
    if len(name) == 1 and _low(name[0]) in ORG_HEADS:
        return []  # "Department" alone is generic
    if all(_low(t) in ORG_HEADS | TITLE_WORDS | {"u.s.", "federal", "state", "national"}
           for t in name) and len(name) <= 2 and not any(t.acronym for t in name):
        return []  # "Police Department", "District Court": generic
    return name


def _text(src: Source, toks: list[Token]) -> str:
    last = toks[-1]
    return src.text[toks[0].start:last.start + len(last.text)]


_ACRONYM_DEF = re.compile(r"\s*\(\s*[\"“']?(?P<acr>[A-Z][A-Za-z0-9&.\-]*[A-Z0-9]s?)[\"”']?\s*\)")


def _acronym_definitions(src: Source, text: str, base: int, places: frozenset[str]
                         ) -> list[tuple[str, str | None, int]]:
    out = []
    for chunk in chunks(text, base):
        last = chunk[-1]
        m = _ACRONYM_DEF.match(text, last.end - base)
        if not m:
            continue
        acronym = m.group("acr")
        letters = [c for c in acronym.rstrip("s") if c.isalpha()]
        if sum(1 for c in letters if c.isupper()) < max(2, len(letters) - 1):
            continue
        for part in _split_chunk(chunk, src)[-1:]:
            for start in range(len(part)):
                cand = part[start:]
                words = [t.text for t in cand]
                if not _matches_acronym(words, acronym):
                    continue
                if cand[0].lower in ORG_CONNECTORS:
                    continue
                if start > 0 and _low(part[start - 1]) in {"u.s", "u.s.", "us"}:
                    cand = part[start - 1:]
                name = _text(src, cand)
                if name in places or _low(cand[-1]) in NON_ORG_HEADS or len(cand) == 1 and \
                        not cand[0].cap:
                    break
                out.append((name, acronym, cand[0].start))
                break
    return out


def _companies(text: str, base: int) -> list[tuple[str, str | None, int]]:
    out = []
    for m in re.finditer(r"((?:[A-Z][\w&'’.\-]*\s+){0,3}[A-Z][\w&'’.\-]*),?\s+" + COMPANY_SUFFIX
                         + r"(?![\w])", text):
        words = m.group(1).split()
        while words and words[0].lower() in COMMON_CAPS:
            words = words[1:]
        if not words:
            continue
        name = text[m.start(1) + m.group(1).index(words[0]):m.end()]
        out.append((name, None, base + m.start(1)))
    return out


def _standalone_acronyms(src: Source, found: list[tuple[str, str | None, int]]
                         ) -> list[tuple[str, str | None, int]]:
    defined = {acr for _, acr, _ in found if acr}
    counts: dict[str, list[int]] = {}
    strong: set[str] = set()
    for seg in src.segments:
        if seg.text.isupper():
            continue
        toks = tokens(seg.text, seg.start)
        for i, tok in enumerate(toks):
            word = tok.text.rstrip(".")
            if not re.fullmatch(r"[A-Z]{2,6}", word) or word in ACRONYM_STOP:
                continue
            if word in country_names():
                continue
            counts.setdefault(word, []).append(tok.start)
            before = src.text[max(0, tok.start - 4):tok.start]
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if before.lower().endswith("the ") or tok.possessive or (
                    nxt is not None and nxt.cap and (_low(nxt) in TITLE_WORDS | ORG_HEADS)
                    and nxt.start - tok.end <= 1):
                strong.add(word)
    out = []
    for word, starts in counts.items():
        if word in defined:
            continue
        if len(starts) >= 2 or word in strong:
            out.append((word, None, starts[0]))
    return out


def _key(name: str) -> str:
    name = name.replace("’", "'")
    name = re.sub(r"^(?:the|la|el|le|les|los|las)\s+", "", name, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", name).strip().casefold()


def _variants(name: str) -> set[str]:
    """Keys under which other mentions of the same body may be written."""
    key = _key(name)
    out = {key}
    out.add(re.sub(r",?\s+" + COMPANY_SUFFIX.lower().replace("\\.", "\\.") + r"$", "", key))
    m = re.fullmatch(r"(\w+) (department|ministry|office)", key)
    if m:
        out.add(f"{m.group(2)} of {m.group(1)}")
    m = re.fullmatch(r"(?:u\.s\. )?(department|ministry|office) of (\w+)", key)
    if m:
        out.add(f"{m.group(2)} {m.group(1)}")
    return out


def _merge(found: list[tuple[str, str | None, int]]) -> list[OrgEntry]:
    found = sorted(found, key=lambda f: f[2])
    entries: list[OrgEntry] = []
    for name, acronym, start in found:
        target = None
        variants = _variants(name)
        for entry in entries:
            keys = set().union(*(_variants(n) for n in entry.names))
            if variants & keys or (acronym and acronym == entry.acronym) or (
                    not acronym and name == entry.acronym) or (
                    entry.acronym is None and entry.name == acronym):
                target = entry
                break
            if _suffix_of(variants, keys):
                target = entry
                break
        if target is None:
            entries.append(OrgEntry(name, acronym, start, {name}, [start]))
            continue
        target.names.add(name)
        target.starts.append(start)
        if acronym and not target.acronym:
            target.acronym = acronym
        if target.name == target.acronym or (
                len(name) > len(target.name) and name != acronym):
            target.name = name
    # an acronym used alone that spells the initials of a named body
    out: list[OrgEntry] = []
    for entry in entries:
        if entry.acronym is None and re.fullmatch(r"[A-Z]{2,6}", entry.name):
            partner = next((e for e in entries if e is not entry and e.acronym is None and
                            " " in e.name and _matches_acronym(e.name.split(), entry.name)),
                           None)
            if partner is not None:
                partner.acronym = entry.name
                partner.first = min(partner.first, entry.first)
                continue
        out.append(entry)
    for entry in out:
        if entry.acronym == entry.name:
            entry.acronym = None
    out.sort(key=lambda e: e.first)
    return out


def _suffix_of(variants: set[str], keys: set[str]) -> bool:
    for a in variants:
        for b in keys:
            short, long = (a, b) if len(a) < len(b) else (b, a)
            if short == long or len(short.split()) < 2:
                continue
            if long.endswith(" " + short) and any(w in ORG_HEADS for w in short.split()):
                return True
    return False
