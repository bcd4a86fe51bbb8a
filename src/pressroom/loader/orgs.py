"""Organisations named in a release: "United Nations Office on Drugs and Crime (UNODC)".

Found by the shapes organisation names take, never from a list of names: a capitalised
name ending in an organisation head noun (Office, Ministry, Department, Initiative, ...)
with its complement ("... on Drugs and Crime"); a name defined with its acronym in
parentheses; a company with a legal suffix ("Acme, Inc.") or described as one ("Acme is
a software company"); members listed as such ("members such as Acme and Beta"); a body
named before a job title ("Interpol Washington Director ..."); an acronym used as a name
("the FBI"). Mentions of one body ("the Justice Department" / "Department of Justice",
"Bureau of Prisons" / "Federal Bureau of Prisons", "UN" / "United Nations") are merged.
"""

from __future__ import annotations

import re
from collections import Counter
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

# possessors that belong to the name: groups ("Children's Fund", "Citizens' Academy") and,
# before an office, the officer ("Attorney's Office", "Sheriff's Department")
GROUP_POSSESSORS = wordset("children people peoples women men veterans citizens workers farmers "
                           "consumers investors employees nations")
ROLE_POSSESSORS = wordset(
    "attorney attorneys prosecutor prosecutors sheriff sheriffs solicitor general defender "
    "defenders marshal marshals commissioner commissioners governor governors mayor mayors "
    "president presidents secretary coroner controller comptroller treasurer auditor clerk "
    "examiner da ag")
OFFICE_HEADS = wordset("office offices department bureau service unit division section")
ACRONYM_STOP = wordset(
    "CEO CTO CFO COO CIO DOB MPH PDF URL API IP IT TV AM PM USA US UK EU DNA GPS ID FAQ LTS "
    "HTML SMS PR HR NGO NGOS AG AGS DA OK RSS PS ET EST PST CST MST EDT PDT CDT SEO QR VP SVP "
    "EVP GDP HIV AIDS COVID LGBT LGBTQ CPR ATM ATV SUV DUI DWI MR MRS MS DR JR SR II III IV "
    "NO ESG USD EUR GBP FY AI VR AR IOT LLC INC LTD CO PLC BA MA PHD MD JD AND THE OF FOR "
    "FROM WITH NEW NOT BUT ALL ARE WAS HAS WILL")
GENERIC_WORDS = wordset("u.s. us federal national police district county city local regional "
                        "directors trustees governors members")
# nouns for what a company or body is ("Acme is a software company")
ORG_NOUNS = (r"company|companies|firm|firms|corporation|provider|organi[sz]ation|organi[sz]ations|"
             r"nonprofit|non-profit|agency|agencies|consortium|startup|start-up|vendor|vendors|"
             r"maker|manufacturer|retailer|chain|bank|insurer|charity|group|network|foundation|"
             r"institution|university|association|cooperative|operator|publisher|developer|"
             r"store|brand|partner|partners|members|sponsors|enterprises")
HEAD_FIRST = wordset("project proyecto projet")
JOB_TITLES = wordset("adviser advisor director officer manager coordinator spokesperson spokesman "
                     "spokeswoman representative consultant specialist analyst counsel chairman "
                     "chairperson president secretary minister")
# head nouns of languages that put the adjectives after them ("Fiscalía Especializada")
ROMANCE_HEADS = wordset(
    "ministerio oficina departamento fiscalía fiscalia procuraduría procuraduria policía policia "
    "unidad comisión comision consejo secretaría instituto fundación fundacion universidad corte "
    "juzgado organización organizacion asociación asociacion dirección direccion agencia "
    "ministère agence institut fondation université cour gendarmerie direction organisation "
    "organisación")
SELF_NAMED = wordset("foundation inc. inc corporation company corp. group holdings institute "
                     "university college school hospital bank labs ltd ltd. llc plc")
LEGAL_FORMS = wordset("foundation inc. inc corporation company corp. group association institute "
                      "organization organisation society trust fund")
PLURAL_NAMES = wordset("nations services industries investigations systems forces labs "
                       "laboratories holdings enterprises partners technologies operations "
                       "affairs states")
COMPANY_SUFFIX = (r"(?:Inc\.?|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltd\.?|Limited|PLC|plc|GmbH|"
                  r"S\.A\.|N\.V\.|AG|Co\.|LLP|L\.P\.)")
_FUNCTION_AFTER = wordset("and or in is was were has had have will would said says to for with "
                          "by on at as that which who from also can could may might should must "
                          "did does agents officials")


@dataclass
class OrgEntry:
    name: str
    acronym: str | None
    first: int
    names: Counter[str] = field(default_factory=Counter)
    starts: list[int] = field(default_factory=list)


Found = tuple[str, str | None, int]


def _low(tok: Token) -> str:
    return tok.lower.rstrip(".") if not tok.text.endswith(".") or len(tok.text) > 4 else tok.lower


def _is_head(tok: Token) -> bool:
    return tok.cap and (tok.lower in ORG_HEADS or tok.lower.rstrip(".") in ORG_HEADS)


def _matches_acronym(words: list[str], acronym: str) -> bool:
    """Does the acronym spell the initials of the words (connectors optional)?"""
    letters = acronym[:-1] if acronym.endswith("s") else acronym
    letters = re.sub(r"[^A-Z0-9]", "", letters.upper())

    def walk(i: int, j: int) -> bool:
        if j == len(letters):
            return all(w.lower() in ORG_CONNECTORS for w in words[i:])
        if i == len(words):
            return False
        word = words[i]
        if word.lower() in ORG_CONNECTORS and walk(i + 1, j):
            return True
        if word[:1].upper() != letters[j]:
            return False
        if walk(i + 1, j + 1):
            return True
        # a word may give more than one letter ("Track4Tip", "Bundeskriminalamt")
        rest, k, pos = word[1:].upper(), j + 1, 0
        while k < len(letters):
            pos = rest.find(letters[k], pos)
            if pos < 0:
                break
            k, pos = k + 1, pos + 1
            if walk(i + 1, k):
                return True
        return False

    return walk(0, 0)


def find_organizations(src: Source, person_spans: list[tuple[int, int]] | None = None,
                       ) -> list[OrgEntry]:
    """Organisations in `src`, merged and in order of first mention."""
    person_spans = person_spans or []
    places = country_names() | us_states()
    found: list[Found] = []
    terms: set[str] = set()  # acronyms defined for things that are not bodies
    for seg in src.segments:
        if seg.heading:
            continue
        for chunk in chunks(seg.text, seg.start):
            found.extend(_from_chunk(src, chunk, person_spans, places))
        found.extend(_acronym_definitions(src, seg.text, seg.start, places, terms))
        found.extend(_companies(seg.text, seg.start, places))
        found.extend(_described(seg.text, seg.start, places, person_spans))
    weak: set[str] = set()
    found.extend(_standalone_acronyms(src, found, terms, weak))
    found = [f for f in found if f[0] not in places and f[0] not in terms]
    openers = {a for a, _ in src.sentences} | {s.start for s in src.segments}
    openers |= {src.text.index(m.group(1), m.start()) for m in re.finditer(
        r"(?:^|\n|[:;]\s|^-\s|\n-\s)\s*(\w)", src.text)}
    return _merge(found, weak, openers)


def _split_chunk(chunk: list[Token], listed: bool = False) -> list[list[Token]]:
    """Split at possessives ("NOAA's Office"), at "of the" before another body and at "and"
    between two bodies ("the Federal Trade Commission and Consumer Protection Bureau")."""
    parts: list[list[Token]] = [[]]
    for i, tok in enumerate(chunk):
        parts[-1].append(tok)
        if tok.possessive and i + 1 < len(chunk) and not (
                _low(tok) in GROUP_POSSESSORS or (_low(tok) in ROLE_POSSESSORS
                                                  and _low(chunk[i + 1]) in OFFICE_HEADS)):
            parts.append([])
    out: list[list[Token]] = []
    for part in parts:
        current: list[Token] = []
        i = 0
        while i < len(part):
            tok = part[i]
            rest = part[i + 1:]
            if tok.lower in {"of", "for", "at", "with", "from", "in", "to", "de", "del"} and \
                    rest and rest[0].lower in {"the", "la", "el", "los", "las"}:
                after = rest[1:]
                stop = next((k for k, t in enumerate(after) if t.lower in {"of", "for"} and
                             k + 1 < len(after) and after[k + 1].lower == "the"), len(after))
                if any(_is_head(t) or t.acronym for t in after[:stop]) or \
                        not any(_is_head(t) for t in current):
                    out.append(current)
                    current = []
                    i += 2
                    continue
            if tok.lower in {"y", "et"} and rest[:1] and rest[0].lower in {"el", "la", "los", "las",
                                                                         "le", "les"} \
                    and len(rest) > 1 and _is_head(rest[1]):
                out.append(current)  # "el Ministerio de X y el Ministerio de Y"
                current = []
                i += 2
                continue
            if tok.lower in {"and", "&", "y", "et"} and current and any(
                    _is_head(t) for t in rest) and (_is_head(current[-1]) or (
                    listed and len(current) == 1)):
                out.append(current)
                current = []
                i += 1
                continue
            current.append(tok)
            i += 1
        out.append(current)
    return [p for p in out if p]


def _in(tok: Token, spans: list[tuple[int, int]]) -> bool:
    return any(a <= tok.start < b for a, b in spans)


def _from_chunk(src: Source, chunk: list[Token], person_spans: list[tuple[int, int]],
                places: frozenset[str]) -> list[Found]:
    out: list[Found] = []
    text = src.text
    start, end = chunk[0].start, chunk[-1].start + len(chunk[-1].text)
    if text[start - 1:start] == "(" and text[end:end + 1] == ")" and \
            re.search(r"\w\s*$", text[:start - 1]):
        return out  # "Interpol Washington (U.S. National Central Bureau)": another name
    listed = bool(re.search(r"\w,\s*$", text[max(0, start - 40):start]))
    parts = _split_chunk(chunk, listed)
    for index, part in enumerate(parts):
        # people are not part of a name, unless the body is named after them ("Carter Center")
        part = [t for k, t in enumerate(part) if not _in(t, person_spans) or (
            k + 1 < len(part) and _is_head(part[k + 1]) and not _in(part[k + 1], person_spans))]
        heads = [k for k, t in enumerate(part) if _is_head(t)]
        if heads:
            name_toks = _org_span(part, heads, places)
            before = text[max(0, name_toks[0].start - 4):name_toks[0].start] if name_toks else ""
            if name_toks and name_toks[0] is not part[0]:
                k = part.index(name_toks[0])
                if part[k - 1].lower in {"of", "de"} and k >= 2 and \
                        _low(part[k - 2]) in TITLE_WORDS:
                    continue  # "Jefe de Policía ...", "Chief of Police": a title
            if name_toks and not re.search(r"\b(?:a|an|un|una)\s+$", before):
                out.append((_text(src, name_toks), None, name_toks[0].start))
            continue
        # a possessor whose unit follows ("NOAA's Office of ...", "Interpol Washington's ...")
        nxt = parts[index + 1] if index + 1 < len(parts) else []
        if part and part[-1].possessive and any(_is_head(t) for t in nxt[:6]):
            cuts = [k for k, t in enumerate(part) if t.lower in {"of", "for", "at", "and"}]
            cand = _strip_left(part[cuts[-1] + 1:] if cuts else part)
            if cand and _plausible_name(cand, places) and not any(t.lower == "and" for t in cand):
                out.append((_text(src, cand), None, cand[0].start))
            continue
        # a body named before a job title ("Interpol Washington Director", "Acme CEO")
        titles = [k for k, t in enumerate(part) if _low(t) in TITLE_WORDS and t.cap]
        if titles and titles[0] > 0 and _low(part[titles[0]]) not in GENERIC_WORDS | {
                "state", "public", "police"} and any(_low(t) in PERSON_NOUNS or _low(t) in {
                "director", "ceo", "cto", "secretary-general"} for t in part[titles[0]:]):
            cand = _strip_left(part[:titles[0]])
            named = person_spans and any(0 <= a - part[-1].end <= 3 for a, _ in person_spans)
            if cand and _plausible_name(cand, places) and (named or _distinctive(src, cand)) and \
                    _low(cand[-1]) not in {"u.s", "u.s.", "us"} and \
                    not any(t.lower == "and" for t in cand):
                out.append((_text(src, cand), None, cand[0].start))
    return out


def _distinctive(src: Source, toks: list[Token]) -> bool:
    """Does a short capitalised name look like a proper name, not a capitalised word?"""
    if len(toks) > 1 or toks[0].acronym or re.search(r"[a-z][A-Z]", toks[0].text):
        return not toks[0].lower.endswith("ing")
    word = toks[0].text
    return len(re.findall(rf"(?<![.!?:]\s)(?<!^)\b{re.escape(word)}\b", src.text)) >= 2


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
    if len(toks) == 1 and toks[0].lower.endswith("ing"):
        return False  # "Joining Attorney General ...": a verb
    if any(_low(t) in GEO_HEADS or any(p in GEO_HEADS for p in _low(t).split("-"))
           for t in toks[-1:]):
        return False
    if all(_low(t) in TITLE_WORDS | MONTH_WORDS | PERSON_NOUNS for t in toks):
        return False
    return not (len(toks) == 1 and toks[0].acronym and toks[0].text.upper() in ACRONYM_STOP)


def _org_span(part: list[Token], heads: list[int], places: frozenset[str]) -> list[Token]:
    """The organisation name in a chunk part holding head nouns."""
    last = heads[-1]
    end = last + 1
    if _low(part[heads[0]]) in HEAD_FIRST and heads[0] == 0:  # "Project Safe Childhood"
        end = len(part)
    if _low(part[heads[0]]) in ROMANCE_HEADS:  # "Procuraduría Especializada contra la Trata"
        end = len(part)
        while end > heads[0] + 1 and not part[end - 1].cap:
            end -= 1
    # complement: "Office on Drugs and Crime", "Ministry of Foreign Affairs"
    k = end
    while k < len(part) and part[k].lower in ORG_CONNECTORS and k + 1 < len(part):
        if part[k].lower in {"in", "at", "à"} and k == last + 1:
            break  # "Unit in Germany", "Academy in Spanish": a place, not the name
        if part[k].lower in {"and", "&", "y", "et"} and k == last + 1:
            break  # "Acme Labs and Beta": a list, not a complement
        j = k + 1
        while j < len(part) and (part[j].cap or part[j].lower in ORG_CONNECTORS):
            if part[j].lower in ORG_CONNECTORS and not (j + 1 < len(part) and (
                    part[j + 1].cap or part[j + 1].lower in ORG_CONNECTORS)):
                break
            j += 1
        if j == k + 1:
            break
        if part[k].lower in {"in", "at", "en", "à"} and \
                " ".join(t.text for t in part[k + 1:j]) in places:
            break
        end = j
        k = j
    # more capitalised words after the name: the head was only a modifier ("Price
    # Protection Policy"), unless a title follows ("Acme Foundation Director")
    if end < len(part) and part[end].cap and _low(part[end]) not in PERSON_NOUNS | {
            "director", "ceo", "cto", "chair", "chairman", "chief"}:
        return []
    name = part[:end]
    # a name starts after "Information for", "Director of" when no head stands before it
    first_head = next(i for i, t in enumerate(name) if _is_head(t))
    for i in range(first_head - 1, 0, -1):
        if name[i].lower in {"for", "of", "at", "para", "de", "pour"}:
            name = name[i + 1:]
            break
    while name and (_low(name[0]) in COMMON_CAPS or _low(name[0]) in MONTH_WORDS
                    or re.search(r"-[a-z]", name[0].text) or not name[0].cap
                    or (name[0].lower.endswith("ly") and len(name) > 1)):
        name = name[1:]
    if not name or not any(_is_head(t) for t in name):
        return []
    first_head = next(i for i, t in enumerate(name) if _is_head(t))
    if any(_low(t) in JOB_TITLES for t in name[:first_head]) and \
            not any(t.possessive for t in name[:first_head]):
        return []  # "Senior Adviser on Migrant Protection" is a job title
    if _low(name[-1]) in NON_ORG_HEADS:
        return []
    if len(name) == 1:
        return []  # "Department" alone is generic
    main = _low(part[last])
    if main.endswith("s") and main not in PLURAL_NAMES and part[last] in name and \
            not any(t.lower in ORG_CONNECTORS for t in name[:name.index(part[last])]):
        return []  # "U.S. Attorneys' Offices", "Consumer Protection Units": several bodies
    if all(_low(t) in ORG_HEADS | GENERIC_WORDS or t.lower in ORG_CONNECTORS for t in name) \
            and not any(t.acronym for t in name):
        return []  # "Police Department", "Board of Directors": generic
    return name


def _text(src: Source, toks: list[Token]) -> str:
    last = toks[-1]
    return src.text[toks[0].start:last.start + len(last.text)]


_ACRONYM_DEF = re.compile(r"\s*\(\s*[\"“']?(?P<acr>[A-Z][A-Za-z0-9&.\-]*[A-Z0-9]s?)[\"”']?\s*\)")


def _acronym_definitions(src: Source, text: str, base: int, places: frozenset[str],
                         terms: set[str]) -> list[Found]:
    out: list[Found] = []
    for m in re.finditer(r"([a-z][\w\-]*\s+){1,4}\((?P<acr>[A-Z]{2,8})s?\)", text):
        terms.add(m.group("acr"))  # "long-term support (LTS)": a term, not a body
    # "l'Organisation internationale pour les migrations (OIM)": lower-case words in the name
    for m in re.finditer(r"((?:[\w’'\-]+\s+){1,9})\(\s*(?P<acr>[A-Z]{2,8})\s*\)", text):
        words = m.group(1).split()
        for start in range(len(words)):
            cand = [re.sub(r"^[LlDd][’']", "", w) for w in words[start:]]
            if not cand[0][:1].isupper() or cand[0].lower() in COMMON_CAPS:
                continue
            if any(w[:1].islower() and w.lower() not in ORG_CONNECTORS for w in cand) and \
                    cand[0].lower() in ORG_HEADS and _matches_acronym(cand, m.group("acr")):
                offset = m.start(1) + m.group(1).index(words[start])
                offset += len(words[start]) - len(cand[0])
                out.append((" ".join(cand), m.group("acr"), base + offset))
                break
    for chunk in chunks(text, base):
        m = _ACRONYM_DEF.match(text, chunk[-1].end - base)
        if not m:
            continue
        acronym = m.group("acr")
        letters = [c for c in (acronym[:-1] if acronym.endswith("s") else acronym)
                   if c.isalpha()]
        if len(letters) < 2 or not all(c.isupper() for c in letters):
            continue
        part = _split_chunk(chunk)[-1]
        heads = [k for k, t in enumerate(part) if _is_head(t)]
        for start in range(len(part) + 1):
            if start == len(part):
                # a body named in another language: "Oficina de ... Delito (UNODC)"
                named = _org_span(part, heads, places) if heads else []
                if named and named[-1] is part[-1]:
                    out.append((_text(src, named), acronym, named[0].start))
                break
            cand = part[start:]
            words = [t.text for t in cand]
            if cand[0].lower in ORG_CONNECTORS or not _matches_acronym(words, acronym):
                continue
            if start > 0 and _low(part[start - 1]) in {"u.s", "u.s.", "us"}:
                cand = part[start - 1:]
            name = _text(src, cand)
            if name in places or _low(cand[-1]) in NON_ORG_HEADS:
                terms.add(acronym)
            elif not (len(cand) == 1 and len(acronym) < 3):
                out.append((name, acronym, cand[0].start))
            break
    return out


def _companies(text: str, base: int, places: frozenset[str]) -> list[Found]:
    out: list[Found] = []
    for m in re.finditer(r"((?:[A-Z][\w&'’.\-]*\s+){0,3}[A-Z][\w&'’.\-]*),?\s+" + COMPANY_SUFFIX
                         + r"(?![\w])", text):
        words = m.group(1).split()
        while words and words[0].lower() in COMMON_CAPS:
            words = words[1:]
        if not words or words[0] in places or re.search(r"\b(?:a|an)\s+$", text[:m.start()]):
            continue  # "a California Corporation" describes, it does not name
        name = text[m.start(1) + m.group(1).index(words[0]):m.end()]
        out.append((name, None, base + m.start(1)))
    return out


_NAME = r"[A-Z][\w’'.&\-]*(?:\s+[A-Z][\w’'.&\-]*){0,3}"


def _described(text: str, base: int, places: frozenset[str],
               person_spans: list[tuple[int, int]]) -> list[Found]:
    """Bodies the text says are bodies: "Acme is a software company", "Acme, one of the
    largest agencies", "members such as Acme, Beta and Gamma"."""
    out: list[Found] = []

    def add(name: str, start: int) -> None:
        name = name.strip().rstrip(".,")
        words = name.split()
        while words and words[0].lower() in COMMON_CAPS:
            start += len(words[0]) + 1
            words = words[1:]
        name = " ".join(words)
        if not words or name in places or re.fullmatch(COMPANY_SUFFIX, name + "."):
            return
        if any(a <= base + start < b for a, b in person_spans):
            return
        if any(w.lower().rstrip(".") in PERSON_NOUNS | MONTH_WORDS for w in words):
            return
        out.append((name, None, base + start))

    pattern = (rf"(?<![\w’'])({_NAME})(?:,\s+(?:one of the|a|an|the)\s+|\s+(?:is|was|are)\s+"
               rf"(?:one of the|a|an|the)\s+)(?:[\w\-]+\s+){{0,5}}?(?:{ORG_NOUNS})\b")
    for m in re.finditer(pattern, text):
        add(m.group(1), m.start(1))
    for m in re.finditer(rf"\b(?i:officer|director|president|manager|member|chairman|"
                         rf"chairperson|engineer|head|partner|counsel|scientist|analyst|"
                         rf"architect|developer|evangelist|programs|staff|source|vp|ceo|cto|cfo|"
                         rf"coo)\b[^.;:,]{{0,30}}?\bat\s+({_NAME})", text):
        add(m.group(1), m.start(1))
    for m in re.finditer(rf"\b(?:CEO|CTO|CFO|COO|[Ff]ounder|[Cc]o-[Ff]ounder)\s+of\s+({_NAME})",
                         text):
        add(m.group(1), m.start(1))
    lists = (rf"\b(?i:{ORG_NOUNS})\b,?\s+(?:such as|including|like|incluyendo|como)\s+"
             rf"((?:{_NAME},?\s+)+(?:and|y|et)\s+{_NAME})")
    for m in re.finditer(lists, text):
        offset = m.start(1)
        for item in re.split(r",\s+(?:and\s+)?|\s+(?:and|y|et)\s+", m.group(1)):
            if item:
                add(item, text.index(item, offset))
    return out


def _standalone_acronyms(src: Source, found: list[Found], terms: set[str], weak: set[str]
                         ) -> list[Found]:
    """Acronyms used as names; `weak` gets those that count only if they spell a name."""
    defined = {acr for _, acr, _ in found if acr}
    counts: dict[str, list[int]] = {}
    strong: set[str] = set()
    total: dict[str, int] = {}
    names = country_names()
    for seg in src.segments:
        if seg.text.isupper() or seg.heading:
            continue
        toks = tokens(seg.text, seg.start)
        for i, tok in enumerate(toks):
            word = tok.text.rstrip(".")
            if not re.fullmatch(r"[A-Z]{2,8}", word) or word in ACRONYM_STOP or word in names:
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            joined = nxt is not None and nxt.start - tok.end <= 1 and not tok.possessive
            total[word] = total.get(word, 0) + 1
            if joined and nxt.cap and _low(nxt) not in TITLE_WORDS:
                continue  # part of a longer name ("SDG Summit", "TARGET Unit")
            counts.setdefault(word, []).append(tok.start)
            before = src.text[max(0, tok.start - 4):tok.start]
            after_ok = not joined or nxt.lower in _FUNCTION_AFTER or nxt.cap
            if (before.lower().endswith("the ") and after_ok) or tok.possessive or (
                    joined and nxt.cap and _low(nxt) in TITLE_WORDS):
                strong.add(word)
    out: list[Found] = []
    for word, starts in counts.items():
        if word in defined or word in terms:
            continue
        if not (len(starts) >= 2 or word in strong or (len(word) >= 4 and total[word] >= 3)):
            weak.add(word)
        out.append((word, None, starts[0]))
    return out


def _key(name: str) -> str:
    name = name.replace("’", "'")
    name = re.sub(r"^(?:the|la|el|le|les|los|las)\s+", "", name, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", name).strip().casefold()


def _variants(name: str) -> set[str]:
    """Keys under which other mentions of the same body may be written."""
    key = _key(name)
    out = {key, key.replace("u.s. ", "united states "), key.replace("united states ", "u.s. ")}
    out.add(re.sub(r",?\s+" + COMPANY_SUFFIX.lower() + r"$", "", key))
    out.add(" ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in key.split()))
    m = re.fullmatch(r"(\w+) (department|ministry|office)", key)
    if m:
        out.add(f"{m.group(2)} of {m.group(1)}")
    m = re.fullmatch(r"(?:u\.s\. )?(department|ministry|office) of (\w+)", key)
    if m:
        out.add(f"{m.group(2)} {m.group(1)}")
    return out


def _qualifier(words: str, names: set[str]) -> bool:
    """Words that may stand before a body's name without making it another body: a place
    ("Minnesota", "Riverside County"), "U.S.", "Federal", or the parent's full name
    ("United Nations General Assembly")."""
    places = {p.casefold() for p in country_names() | us_states()}
    last = words.split()[-1] if words.split() else ""
    demonym = re.fullmatch(r"([a-zà-ÿ]{4})[a-zà-ÿ]*(?:an|ian|ese|ish|ch|i)", words)
    if demonym and any(p.startswith(demonym.group(1)) for p in places):
        return True  # "Colombian Attorney General's Office" / "Attorney General's Office"
    return words in places or last in {"county", "city", "state"} or (
        words in names and " " in words) or all(
        w in {"u.s.", "us", "united", "states", "federal", "the"} for w in words.split())


def _same_body(variants: set[str], keys: set[str], names: set[str]) -> bool:
    """One name is the other with a qualifier before it or a head noun after it."""
    for a in variants:
        for b in keys:
            short, long = (a, b) if len(a) < len(b) else (b, a)
            if short == long or not short:
                continue
            if long.endswith(" " + short) and len(short.split()) >= 2 and \
                    any(w in ORG_HEADS for w in short.split()) and \
                    _qualifier(long[:-len(short) - 1], names):
                return True
            if long.startswith(short + " ") and short.split()[-1] in ORG_HEADS and \
                    re.match(r"(?:for|of|in|on)\s", long[len(short) + 1:]):
                return True  # "U.S. Attorney's Office" / "... for the District of X"
            if long.startswith(short + " ") and long[len(short) + 1:] in LEGAL_FORMS:
                return True  # "Dream Center" / "Dream Center Foundation"
    return False


def _merge(found: list[Found], weak: set[str] | frozenset[str] = frozenset(),
           openers: set[int] | frozenset[int] = frozenset()) -> list[OrgEntry]:
    """Merge mentions of one body; `openers` are offsets where a sentence begins."""
    entries: list[OrgEntry] = []
    all_keys = {_key(name) for name, _, _ in found}
    # "Key Acme Foundation" at a sentence start is "Acme Foundation"
    found = [(name.split(" ", 1)[1], acr, start + len(name.split(" ", 1)[0]) + 1)
             if " " in name and _key(name.split(" ", 1)[1]) in all_keys and start in openers
             and not name.split()[0].isupper() and not _qualifier(_key(name.split()[0]), set())
             else (name, acr, start) for name, acr, start in found]
    for name, acronym, start in sorted(found, key=lambda f: f[2]):
        variants = _variants(name)
        target = None
        for entry in entries:
            keys = set().union(*(_variants(n) for n in entry.names))
            if variants & keys or (acronym and acronym == entry.acronym) or (
                    not acronym and name == entry.acronym) or _same_body(variants, keys,
                                                                         all_keys):
                target = entry
                break
        if target is None:
            entries.append(OrgEntry(name, acronym, start, Counter([name]), [start]))
            continue
        target.names[name] += 1
        target.starts.append(start)
        if acronym and not target.acronym:
            target.acronym = acronym
    # an acronym used alone that spells the initials of a named body
    out: list[OrgEntry] = []
    for entry in entries:
        if entry.acronym is None and re.fullmatch(r"[A-Z]{2,8}", entry.name):
            partner = next((e for e in entries if e is not entry and e.acronym is None and
                            " " in e.name and (_matches_acronym(e.name.split(), entry.name) or (
                                # "ITT" and "ITT Technical Institute": the body's own name
                                e.name.split()[0] == entry.name
                                and e.name.split()[-1].lower() in SELF_NAMED))), None)
            if partner is not None:
                partner.acronym = entry.name
                partner.first = min(partner.first, entry.first)
                partner.starts.extend(entry.starts)
                continue
        if entry.name in weak and sum(entry.names.values()) == 1:
            continue
        out.append(entry)
    for entry in out:
        written = [n for n in entry.names if n != entry.acronym] or list(entry.names)
        # the fullest name (most words), on a tie the shorter spelling, then the first written
        entry.name = max(written, key=lambda n: (len(n.split()), -len(n), -written.index(n)))
        if entry.acronym == entry.name:
            entry.acronym = None
    out.sort(key=lambda e: e.first)
    return out
