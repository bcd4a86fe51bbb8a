"""The shape of an organisation name inside a run of capitalised words.

Where a name starts and ends (head nouns such as Office or Ministry and their
complement), where a run holds two bodies ("the Unit of the Agency", "Acme's Office"),
and whether an acronym spells a name. Used by `orgs` (finding) and `orgmerge` (merging).
"""

from __future__ import annotations

import re
import unicodedata

from pressroom.loader.names import (
    COMMON_CAPS,
    COOPERATIVES,
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
    "FROM WITH NEW NOT BUT ALL ARE WAS HAS WILL "
    # letters after a person's name ("Ann Roe MP"): offices and honours, not bodies
    "MP MEP MEPS MSP MLA MPP QC KC OBE MBE CBE KBE DBE")


GENERIC_WORDS = wordset("u.s. us federal national police district county city local regional "
                        "directors trustees governors members")


# a company's legal form ends its name: "Banco Austral S.A. and Meridian Trust Bank"
COMPANY_SUFFIXES = wordset("inc. inc corp. corp llc ltd. ltd plc gmbh s.a. n.v. b.v. ag a/s asa ab "
                           "oy oyj s.p.a. llp")


EMBASSY_HEADS = wordset("embassy consulate embajada consulado ambassade consulat")


# words before "Center" or "Facility" that make a name a jail or prison (a place)
FACILITY_WORDS = wordset("detention correctional correction corrections penitentiary remand "
                         "custody reformatory")


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
    "organisación embajada ambassade consulado consulat")


# plurals that end the name of a unit after "and" ("Enforcement and Removal Operations")
ACTIVITY_PLURALS = wordset("operations affairs services investigations programs programmes "
                           "relations communications")


PLURAL_NAMES = wordset("nations services industries investigations systems forces labs "
                       "laboratories holdings enterprises partners technologies operations "
                       "affairs states")


_NOT_NAME_ALONE = TITLE_WORDS | MONTH_WORDS | PERSON_NOUNS
# (a body's own organs are generic too: "the Executive Board", "the Governing Council")
# (a cooperative is named for what it does: "Department of Cooperatives", "Cooperative
# College" are bodies of their own)
_GENERIC_NAME_WORDS = (ORG_HEADS - COOPERATIVES) | GENERIC_WORDS | {"executive", "governing"}
# titles that may follow a body's name ("Acme Foundation Director")
_TITLES_AFTER_BODY = PERSON_NOUNS | {"director", "ceo", "cto", "chair", "chairman", "chief"}


def low(tok: Token) -> str:
    return tok.lower.rstrip(".") if not tok.text.endswith(".") or len(tok.text) > 4 else tok.lower


def is_head(tok: Token) -> bool:
    return _is_head(tok)


def _is_head(tok: Token) -> bool:
    return tok.cap and (tok.lower in ORG_HEADS or tok.lower.rstrip(".") in ORG_HEADS)


def matches_acronym(words: list[str], acronym: str) -> bool:
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
        if _fold(word[:1]).upper() != letters[j]:  # "Électricité" gives "E"
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


_SPLIT_WORDS = frozenset({"of", "for", "at", "with", "from", "in", "to", "de", "del", "y", "et",
                          "and", "&"})


def _fold(char: str) -> str:
    """A letter without its accent ("É" -> "E")."""
    return unicodedata.normalize("NFD", char)[:1]


def split_chunk(chunk: list[Token], listed: bool = False) -> list[list[Token]]:
    """Split at possessives ("NOAA's Office"), at "of the" before another body and at "and"
    between two bodies ("the Federal Trade Commission and Consumer Protection Bureau")."""
    parts: list[list[Token]] = [[]]
    for i, tok in enumerate(chunk):
        parts[-1].append(tok)
        if tok.possessive and i + 1 < len(chunk) and not (
                low(tok) in GROUP_POSSESSORS or (low(tok) in ROLE_POSSESSORS
                                                  and low(chunk[i + 1]) in OFFICE_HEADS)):
            parts.append([])
    out: list[list[Token]] = []
    for part in parts:
        # what the tests below ask of the words before or after a place is worked out once
        # per part (asked at every "and" or "of the", it made a long chunk quadratic):
        # head_from[k], a body's head word among part[k:]; marked_from[k], the first head or
        # acronym at or after k; of_the_from[k], the first "of the" or "for the" at or after
        # k; heads_before[k], the number of heads in part[:k]
        n = len(part)
        heads = [is_head(t) for t in part]
        head_from = [False] * (n + 1)
        marked_from = [n] * (n + 1)
        of_the_from = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            head_from[k] = head_from[k + 1] or heads[k]
            marked_from[k] = k if heads[k] or part[k].acronym else marked_from[k + 1]
            of_the_from[k] = k if part[k].lower in {"of", "for"} and k + 1 < n and \
                part[k + 1].lower == "the" else of_the_from[k + 1]
        heads_before = [0] * (n + 1)
        for k in range(n):
            heads_before[k + 1] = heads_before[k] + heads[k]
        current: list[Token] = []  # part[first:i]
        first = 0
        i = 0
        while i < n:
            tok = part[i]
            if tok.lower not in _SPLIT_WORDS:  # (the words the tests below start with)
                current.append(tok)
                i += 1
                continue
            if tok.lower in {"of", "for", "at", "with", "from", "in", "to", "de", "del"} and \
                    i + 1 < n and part[i + 1].lower in {"the", "la", "el", "los", "las"}:
                # the words after the article, up to the next "of the" or "for the"
                stop = of_the_from[i + 2]
                bare_head = len(current) == 1 and heads[first]
                if not bare_head and (marked_from[i + 2] < stop or
                                      heads_before[i] == heads_before[first]):
                    out.append(current)
                    current = []
                    i += 2
                    first = i
                    continue
            if tok.lower in {"y", "et"} and i + 1 < n and part[i + 1].lower in {
                    "el", "la", "los", "las", "le", "les"} and i + 2 < n and heads[i + 2]:
                out.append(current)  # "el Ministerio de X y el Ministerio de Y"
                current = []
                i += 2
                first = i
                continue
            if tok.lower in {"and", "&", "y", "et"} and current and head_from[i + 1] and (
                    heads[i - 1] or (
                    listed and len(current) == 1) or current[-1].lower in COMPANY_SUFFIXES):
                out.append(current)
                current = []
                i += 1
                first = i
                continue
            current.append(tok)
            i += 1
        out.append(current)
    return [p for p in out if p]


def distinctive(src: Source, toks: list[Token]) -> bool:
    """Does a short capitalised name look like a proper name, not a capitalised word?"""
    if len(toks) > 1 or toks[0].acronym or re.search(r"[a-z][A-Z]", toks[0].text):
        return not toks[0].lower.endswith("ing")
    word = toks[0].text
    return len(re.findall(rf"(?<![.!?:]\s)(?<!^)\b{re.escape(word)}\b", src.text)) >= 2


def strip_left(toks: list[Token]) -> list[Token]:
    while toks and (low(toks[0]) in COMMON_CAPS or not toks[0].cap
                    or (toks[0].lower.endswith("ly") and len(toks) > 1)):
        toks = toks[1:]
    while toks and not toks[-1].cap:
        toks = toks[:-1]
    return toks


def plausible_name(toks: list[Token], places: frozenset[str]) -> bool:
    words = [t.text for t in toks]
    name = " ".join(words)
    if name in places or words[0].lower() in PLACE_PREFIXES and len(words) <= 3:
        return False
    if len(toks) == 1 and toks[0].lower.endswith("ing"):
        return False  # "Joining Attorney General ...": a verb
    if any(low(t) in GEO_HEADS or any(p in GEO_HEADS for p in low(t).split("-"))
           for t in toks[-1:]):
        return False
    if all(low(t) in _NOT_NAME_ALONE for t in toks):
        return False
    return not (len(toks) == 1 and toks[0].acronym and toks[0].text.upper() in ACRONYM_STOP)


def _before_seat(part: list[Token], head: int, places: frozenset[str]) -> int:
    """Where a name with its head noun first ends before the place the body sits in or
    another body it is at: "Ministerio de Salud en México" (but "Fiscalía Especializada en
    Delitos ..." is one name)."""
    for k in range(head + 1, len(part) - 1):
        if part[k].lower not in {"en", "in", "at", "à"}:
            continue
        rest = part[k + 1:]
        if rest[0].text in places or low(rest[0]) in PLACE_PREFIXES | GEO_HEADS | {
                "ciudad", "provincia", "región", "estado", "ville", "région"} or \
                any(_is_head(t) for t in rest):
            return k
    return len(part)


def org_span(part: list[Token], heads: list[int], places: frozenset[str],
             singular: bool = False) -> list[Token]:
    """The organisation name in a chunk part holding head nouns; `singular` when the text
    treats it as one thing ("Northwind Data Centers, which operates ...")."""
    head_toks = {id(part[k]) for k in heads}

    def is_head(tok: Token) -> bool:  # (the heads given: a plural may be one)
        return id(tok) in head_toks or _is_head(tok)

    last = heads[-1]
    end = last + 1
    seated = False  # (the name ends before where the body sits: no complement after it)
    if low(part[heads[0]]) in HEAD_FIRST and heads[0] == 0:  # "Project Safe Childhood"
        end = len(part)
    if low(part[heads[0]]) in ROMANCE_HEADS:  # "Procuraduría Especializada contra la Trata"
        end = len(part)
        if low(part[heads[0]]) not in EMBASSY_HEADS:
            end = _before_seat(part, heads[0], places)
            seated = end < len(part)
        while end > heads[0] + 1 and not part[end - 1].cap:
            end -= 1
    # complement: "Office on Drugs and Crime", "Ministry of Foreign Affairs"
    k = len(part) if seated else end
    while k < len(part) and part[k].lower in ORG_CONNECTORS and k + 1 < len(part):
        if part[k].lower in {"in", "at", "à"} and k == last + 1:
            break  # "Unit in Germany", "Academy in Spanish": a place, not the name
        if part[k].lower in {"and", "&", "y", "et"} and k == last + 1:
            # "Enforcement and Removal Operations": one name ending in a plural of activity
            j = k + 1
            while j < len(part) and part[j].cap:
                j += 1
            if j > k + 1 and low(part[j - 1]) in ACTIVITY_PLURALS:
                end = k = j
                continue
            break  # "Acme Labs and Beta": a list, not a complement
        j = k + 1
        while j < len(part) and (part[j].cap or part[j].lower in ORG_CONNECTORS):
            if part[j].lower in ORG_CONNECTORS and not (j + 1 < len(part) and (
                    part[j + 1].cap or part[j + 1].lower in ORG_CONNECTORS)):
                break
            j += 1
        if j == k + 1 or low(part[k + 1]) in MONTH_WORDS:
            break  # (nor a date: "Council ... on Monday")
        if part[k].lower in {"in", "at", "en", "à"} and \
                " ".join(t.text for t in part[k + 1:j]) in places and \
                low(part[heads[0]]) not in EMBASSY_HEADS:
            break  # (an embassy is named with the country it is in)
        end = j
        k = j
    # more capitalised words after the name: the head was only a modifier ("Price
    # Protection Policy"), unless a title follows ("Acme Foundation Director")
    if end < len(part) and part[end].cap and low(part[end]) not in _TITLES_AFTER_BODY:
        return []
    if end < len(part) and part[end].cap and low(part[end - 1]) in TITLE_WORDS:
        return []  # "Regional Programme Coordinator", "Project Manager": a job title
    name = part[:end]
    # a name starts after "Information for", "Director of" when no head stands before it
    first_head = next(i for i, t in enumerate(name) if is_head(t))
    for i in range(first_head - 1, 0, -1):
        if name[i].lower in {"for", "of", "at", "para", "de", "pour"}:
            name = name[i + 1:]
            break
    while name and (low(name[0]) in COMMON_CAPS or low(name[0]) in MONTH_WORDS
                    or ("-" in name[0].text and re.search(r"-[a-z]", name[0].text))
                    or not name[0].cap
                    or (name[0].lower.endswith("ly") and len(name) > 1)):
        name = name[1:]
    if not name or not any(is_head(t) for t in name):
        return []
    first_head = next(i for i, t in enumerate(name) if is_head(t))
    if any(low(t) in JOB_TITLES for t in name[:first_head]) and \
            not any(t.possessive for t in name[:first_head]):
        return []  # "Senior Adviser on Migrant Protection" is a job title
    if low(name[-1]) in NON_ORG_HEADS:
        return []
    if len(name) >= 2 and low(name[-2]) in FACILITY_WORDS:
        return []  # "Cascade Valley Detention Center": a jail, a place
    if len(name) == 1:
        return []  # "Department" alone is generic
    main = low(part[last])
    if main.endswith("s") and main not in PLURAL_NAMES and part[last] in name and \
            not singular and \
            not any(t.lower in ORG_CONNECTORS for t in name[:name.index(part[last])]):
        return []  # "U.S. Attorneys' Offices", "Consumer Protection Units": several bodies
    if all(low(t) in _GENERIC_NAME_WORDS or t.lower in ORG_CONNECTORS for t in name) \
            and not any(t.acronym for t in name):
        return []  # "Police Department", "Board of Directors": generic
    return name


def token_text(src: Source, toks: list[Token]) -> str:
    last = toks[-1]
    return src.text[toks[0].start:last.start + len(last.text)]
