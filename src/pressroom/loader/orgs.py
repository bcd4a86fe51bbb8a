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

import bisect
import re

from pressroom.loader.countries import country_names, place_names
from pressroom.loader.names import (
    ARTICLE_TAKERS,
    ARTICLES,
    COMMON_CAPS,
    MONTH_WORDS,
    NON_ORG_HEADS,
    ORG_CONNECTORS,
    ORG_HEADS,
    PERSON_NOUNS,
    TITLE_WORDS,
    Covered,
    Segment,
    Source,
    Token,
    is_heading,
)
from pressroom.loader.orgmerge import COMPANY_SUFFIX, Found, OrgEntry, merge_found
from pressroom.loader.orgspans import (
    ACRONYM_STOP,
    GENERIC_WORDS,
    ROMANCE_HEADS,
    distinctive,
    is_head,
    low,
    matches_acronym,
    org_span,
    plausible_name,
    split_chunk,
    strip_left,
    token_text,
)
from pressroom.loader.text import LazyPattern, matches_at, trie_alternation, wordset

__all__ = ["OrgEntry", "find_organizations"]


# nouns for what a company or body is ("Acme is a software company")
ORG_NOUNS = (r"company|companies|firm|firms|corporation|provider|organi[sz]ation|organi[sz]ations|"
             r"nonprofit|non-profit|agency|agencies|consortium|startup|start-up|vendor|vendors|"
             r"maker|manufacturer|retailer|chain|bank|insurer|charity|group|network|foundation|"
             r"institution|university|association|cooperative|operator|publisher|developer|"
             r"store|brand|partner|partners|members|sponsors|enterprises")


_FUNCTION_AFTER = wordset("and or in is was were has had have will would said says to for with "
                          "y e o et ou en de que para por con "
                          "by on at as that which who from also can could may might should must "
                          "did does agents officials")


_ACRONYM_DEF = LazyPattern(r"\s*\(\s*[\"“']?(?P<acr>(?:[A-Z][a-z]+ )?"  # ("Africa CDC")
                           r"[A-Z][A-Za-z0-9&.\-]*[A-Z0-9]s?)[\"”']?\s*\)")


_NAME = r"[A-Z][\w’'.&\-]*(?:\s+[A-Z][\w’'.&\-]*){0,3}"


def find_organizations(src: Source, person_spans: list[tuple[int, int]] | None = None,
                       place: str | None = None) -> list[OrgEntry]:
    """Organisations in `src`, merged and in order of first mention (`place`: the
    dateline's)."""
    person_spans = sorted(person_spans or [])
    person_starts = [a for a, _ in person_spans]
    places = place_names()
    found: list[Found] = []
    terms: set[str] = set()  # acronyms defined for things that are not bodies
    for seg in src.segments:
        if seg.heading and not (seg.kind == "title" and not is_heading(seg.text)):
            continue  # (a title written as a sentence is read as one)
        for chunk in seg.chunks:
            # the people near the chunk (names are short)
            low_k = bisect.bisect_left(person_starts, chunk[0].start - 300)
            high_k = bisect.bisect_left(person_starts, chunk[-1].end + 4)
            found.extend(_from_chunk(src, chunk, person_spans[low_k:high_k], places))
        found.extend(_acronym_definitions(src, seg, places, terms))
        found.extend(_companies(seg.text, seg.start, places))
        found.extend(_described(seg.text, seg.start, places, person_spans))
    weak: set[str] = set()
    found.extend(_standalone_acronyms(src, found, terms, weak))
    # "THE HAGUE, 7 February 2025 –": a word of the dateline's place in capitals is no
    # body, nor the acronym of a parent of the bodies named after it
    town = set(place.upper().replace(",", " ").split()) if place else set()
    found = [f for f in found if f[0] not in places and f[0] not in terms and f[0] not in town]
    # "Bureau of Alcohol" is the start of "Bureau of Alcohol, Tobacco, ... (ATF)", "Instituto
    # ... Técnicos" of "Instituto ... Técnicos en el Exterior (ICETEX)"
    defined: dict[int, list[str]] = {}
    for name, acronym, start in found:
        if acronym:
            defined.setdefault(start, []).append(name)
    if defined:
        found = [f for f in found if f[1] or not any(
            name[len(f[0]):len(f[0]) + 1] in {",", " "} and name.startswith(f[0])
            for name in defined.get(f[2], ()))]
    found = [_title_case_tail(src, f) for f in found]
    openers = {a for a, _ in src.sentences} | {s.start for s in src.segments}
    # (the first word after a line break, a colon or a semicolon: tried only at those marks)
    marks = [0, *(m.start() for m in _OPENER_MARK.finditer(src.text, 1))]
    openers |= {m.start(1) for m in matches_at(_OPENER, src.text, marks)}
    owned = {start for _, _, start in found if _OWNED.search(src.text, max(0, start - 4), start)}
    return merge_found(found, weak, openers, owned, place)


_OPENER = LazyPattern(r"(?:^|\n|[:;]\s|^-\s|\n-\s)\s*(\w)")
_OPENER_MARK = LazyPattern(r"[\n:;]")
_OWNED = LazyPattern(r"\w[’']s\s$")  # (a possessive just before a mention)
# a verb in the singular after a name: "Northwind Data Centers, which operates ..."
_SINGULAR_AFTER = LazyPattern(r",?\s+(?:which\s+|that\s+)?(?:is|was|has|does|[a-z]{2,}[^\Wsu]s)\b")
_WORD_BEFORE_PAREN = LazyPattern(r"\w\s*$")
_INDEFINITE_BEFORE = LazyPattern(r"\b(?:a|an|un|una)\s+$")


_TITLE_TAIL = LazyPattern(r" (?:that|which|who) [A-Z][\w’'\-]*(?: (?:(?:the|of|and|for|in|on|a|an|"
                         r"to) )*[A-Z][\w’'\-]*)+(?![\w’'\-])")


def _title_case_tail(src: Source, found: Found) -> Found:
    """A name that goes on in Title Case after "that" ("Global Programme on Crimes that
    Affect the Environment") is the whole of it."""
    name, acronym, start = found
    tail = _TITLE_TAIL.match(src.text, start + len(name)) if src.text.startswith(
        name, start) else None
    return (name + tail.group(), acronym, start) if tail else found


def _from_chunk(src: Source, chunk: list[Token], person_spans: list[tuple[int, int]],
                places: frozenset[str]) -> list[Found]:
    out: list[Found] = []
    if len(chunk) == 1:
        return out  # one word names no body here (acronyms are found on their own)
    text = src.text
    start, end = chunk[0].start, chunk[-1].start + len(chunk[-1].text)
    if text[start - 1:start] == "(" and text[end:end + 1] == ")" and \
            _WORD_BEFORE_PAREN.search(text[max(0, start - 41):start - 1]):
        return out  # "Interpol Washington (U.S. National Central Bureau)": another name
    before = text[max(0, start - 40):start].rstrip()  # listed: after "word,"
    listed = before[-1:] == "," and len(before) >= 2 and (before[-2].isalnum() or
                                                        before[-2] == "_")
    parts = split_chunk(chunk, listed)
    # (looked up by bisection: a long run of names, each word looking at every name in its
    # chunk, was quadratic)
    in_person = Covered(person_spans)
    for index, part in enumerate(parts):
        # people are not part of a name, unless the body is named after them ("Carter Center")
        if person_spans:
            part = [t for k, t in enumerate(part) if not in_person(t.start) or (
                k + 1 < len(part) and is_head(part[k + 1])
                and not in_person(part[k + 1].start))]
        heads = [k for k, t in enumerate(part) if is_head(t)]
        # a name ending in a plural ("Northwind Data Centers") that a verb in the singular
        # after it treats as one body
        singular = index == len(parts) - 1 and bool(part) and part[-1].lower.endswith("s") \
            and part[-1].cap and (bool(heads) and heads[-1] == len(part) - 1
                                  or part[-1].lower[:-1] in ORG_HEADS) \
            and _SINGULAR_AFTER.match(text, end) is not None
        if singular and not heads:
            heads = [len(part) - 1]
        if heads:
            name_toks = org_span(part, heads, places, singular)
            before = text[max(0, name_toks[0].start - 4):name_toks[0].start] if name_toks else ""
            if name_toks and name_toks[0] is not part[0]:
                k = part.index(name_toks[0])
                if part[k - 1].lower in {"of", "de"} and k >= 2 and \
                        low(part[k - 2]) in TITLE_WORDS:
                    continue  # "Jefe de Policía ...", "Chief of Police": a title
            if name_toks and not _INDEFINITE_BEFORE.search(before):
                out.append((token_text(src, name_toks), None, name_toks[0].start))
            continue
        # a possessor whose unit follows ("NOAA's Office of ...", "Interpol Washington's ...")
        nxt = parts[index + 1] if index + 1 < len(parts) else []
        if part and part[-1].possessive and any(is_head(t) for t in nxt[:6]):
            cuts = [k for k, t in enumerate(part) if t.lower in {"of", "for", "at", "and"}]
            cand = strip_left(part[cuts[-1] + 1:] if cuts else part)
            if cand and plausible_name(cand, places) and not any(t.lower == "and" for t in cand):
                out.append((token_text(src, cand), None, cand[0].start))
            continue
        # a body named before a job title ("Interpol Washington Director", "Acme CEO")
        titles = [k for k, t in enumerate(part) if low(t) in TITLE_WORDS and t.cap]
        if titles and titles[0] > 0 and low(part[titles[0]]) not in GENERIC_WORDS | {
                "state", "public", "police"} and any(low(t) in PERSON_NOUNS or low(t) in {
                "director", "ceo", "cto", "secretary-general"} for t in part[titles[0]:]):
            cand = strip_left(part[:titles[0]])
            named = person_spans and any(0 <= a - part[-1].end <= 3 for a, _ in person_spans)
            if cand and plausible_name(cand, places) and (named or distinctive(src, cand)) and \
                    low(cand[-1]) not in {"u.s", "u.s.", "us"} and \
                    not any(t.lower == "and" for t in cand):
                out.append((token_text(src, cand), None, cand[0].start))
    return out


_ELISION = LazyPattern(r"^[LlDd][’']")
_CAP = r"[A-Z][\w’'\-]*"
_LISTED_COMPLEMENT = LazyPattern(
    rf"(?<![\w’'\-])(?P<name>(?:{_CAP} ){{0,3}}{_CAP} (?:of|for) {_CAP}(?:, {_CAP})+,? and {_CAP}"
    rf"(?: {_CAP})?) ?\( ?(?P<acr>[A-Z]{{2,8}}|[A-Z][a-z]{{2,5}}) ?\)$")
_ANY_PAREN_ACRONYM = LazyPattern(r"\( ?(?:[A-Z]{2,8}|[A-Z][a-z]{2,5}) ?\)")
_PAREN_ACRONYM = LazyPattern(r"\(\s*(?P<acr>[A-Z]{2,8})(?P<s>s?)\s*\)")
_CHAIN_WORD = LazyPattern(r"[\w’'\-]+\s+")


def _words_before(text: str, end: int, limit: int) -> tuple[int, list[str]]:
    """The run of at most `limit` space-separated words that ends at `end` (start, words)."""
    for size in (80, 60 * limit):  # a short look first: most runs are short
        base = max(0, end - size)
        window = text[base:end]
        found: list[re.Match[str]] = []
        stop = len(window)
        for m in reversed(list(_CHAIN_WORD.finditer(window))):
            if m.end() != stop:
                break
            found.append(m)
            stop = m.start()
            if len(found) == limit:
                break
        if not found or len(found) == limit or base == 0 or found[-1].start() > 0:
            break  # the run does not reach back past the window
    if not found:
        return end, []
    return base + found[-1].start(), [m.group().strip() for m in reversed(found)]


def _spells(words: list[str], acronym: str) -> bool:
    """Does the acronym spell the words, or all but a last "and X" added to the name since
    ("Centers for Disease Control and Prevention (CDC)")?"""
    return matches_acronym(words, acronym) or (
        len(words) > 3 and words[-2] == "and" and matches_acronym(words[:-2], acronym))


def _acronym_definitions(src: Source, seg: Segment, places: frozenset[str],
                         terms: set[str]) -> list[Found]:
    text, base = seg.text, seg.start
    out: list[Found] = []
    for paren in _ANY_PAREN_ACRONYM.finditer(text):
        # "Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF)", "Department for
        # Environment, Food and Rural Affairs (Defra)"
        m = _LISTED_COMPLEMENT.search(text, max(0, paren.start() - 160), paren.end())
        if m is None:
            continue
        words = m.group("name").split()
        at = m.start("name")
        while words and words[0].lower() in COMMON_CAPS:
            at += len(words[0]) + 1
            words = words[1:]
        of = next(k for k, w in enumerate(words) if w in {"of", "for"})
        if any(w.lower() in ORG_HEADS for w in words[:of]):
            out.append((" ".join(words), m.group("acr"), base + at))
    for m in _PAREN_ACRONYM.finditer(text):
        before = text[max(0, m.start() - 80):m.start()]
        if not before[-1:].isspace():
            continue
        if re.fullmatch(r"\(\S+\)", m.group()):
            stripped = before.rstrip()
            i = len(stripped)
            while i > 0 and (stripped[i - 1].isalnum() or stripped[i - 1] in "_-"):
                i -= 1
            if any("a" <= c <= "z" for c in stripped[i:]):
                terms.add(m.group("acr"))  # "long-term support (LTS)": a term, not a body
        if m.group("s"):
            continue
        # "l'Organisation internationale pour les migrations (OIM)": lower-case words in the
        # name
        first, words = _words_before(text, m.start(), 12)
        unelided = [_ELISION.sub("", w) for w in words]
        for start in range(len(words)):
            cand = unelided[start:]
            if not cand[0][:1].isupper() or cand[0].lower() in COMMON_CAPS:
                continue
            # an acronym of the name in another language ("l'Autorité intergouvernementale
            # pour le développement (IGAD)") only after an article, for a head noun and its
            # adjective
            elided = cand[0] != words[start] or (start > 0 and words[start - 1].lower() in {
                "la", "le", "el", "les", "los", "las", "del"})
            foreign = elided and len(cand) >= 3 and cand[1][:1].islower() and \
                cand[1].lower() not in ORG_CONNECTORS and len(m.group("acr")) >= 3
            # a name in capitals that the capitalised runs cut at an article ("Instituto
            # ... de Estudios Técnicos en el Exterior (ICETEX)")
            cut = cand[0].lower() in ROMANCE_HEADS and all(
                w[:1].isupper() or w.lower() in ORG_CONNECTORS for w in cand) and any(
                w.lower() in ARTICLES and cand[k].lower() not in ARTICLE_TAKERS
                for k, w in enumerate(cand[1:]))
            if cut or (any(w[:1].islower() and w.lower() not in ORG_CONNECTORS for w in cand)
                       and cand[0].lower() in ORG_HEADS
                       and (matches_acronym(cand, m.group("acr")) or foreign)):
                offset = first + text[first:m.start()].index(words[start])
                offset += len(words[start]) - len(cand[0])
                out.append((" ".join(cand), m.group("acr"), base + offset))
                break
    for chunk in seg.chunks:
        m = _ACRONYM_DEF.match(text, chunk[-1].end - base)
        if not m:
            continue
        acronym = m.group("acr")
        # "Africa Centres for ... (Africa CDC)": the acronym may keep the name's first word
        prefix, _, initials = acronym.rpartition(" ")
        letters = [c for c in (initials[:-1] if initials.endswith("s") else initials)
                   if c.isalpha()]
        if len(letters) < 2 or not all(c.isupper() for c in letters):
            continue
        part = split_chunk(chunk)[-1]
        heads = [k for k, t in enumerate(part) if is_head(t)]
        if prefix:
            if len(part) > 2 and part[0].text == prefix and \
                    _spells([t.text for t in part[1:]], initials):
                out.append((token_text(src, part), acronym, part[0].start))
            continue
        for start in range(len(part) + 1):
            if start == len(part):
                # a body named in another language: "Oficina de ... Delito (UNODC)"
                named = org_span(part, heads, places) if heads else []
                if named and named[-1] is part[-1]:
                    out.append((token_text(src, named), acronym, named[0].start))
                break
            cand = part[start:]
            words = [t.text for t in cand]
            if cand[0].lower in ORG_CONNECTORS or not _spells(words, acronym):
                continue
            if start > 0 and low(part[start - 1]) in {"u.s", "u.s.", "us"}:
                cand = part[start - 1:]
            elif start > 0 and heads and len(letters) > sum(
                    1 for w in words if w.lower() not in ORG_CONNECTORS):
                # the initials of a name in another language, which a word of the last few
                # only seems to spell ("Belgian Health Care Knowledge Centre (KCE)"): the
                # acronym goes with the whole name
                named = org_span(part, heads, places)
                if named and named[-1] is part[-1] and named[0].start < cand[0].start:
                    cand = named
            name = token_text(src, cand)
            if name in places or low(cand[-1]) in NON_ORG_HEADS:
                terms.add(acronym)
            elif not (len(cand) == 1 and len(acronym) < 3):
                out.append((name, acronym, cand[0].start))
            break
    return out


_NAME_RE = LazyPattern(_NAME)
_PERSON_OR_MONTH = PERSON_NOUNS | MONTH_WORDS
_LOWER_WORD = LazyPattern(r".?([^\W\d_A-ZÀ-Þ][\w'’\-]*)")
_CAP_WORD = LazyPattern(r"[A-Z][\w&'’.\-]*")
_NAME_WORD = LazyPattern(r"[A-Z][\w’'.&\-]*")
_SUFFIX_AFTER = LazyPattern(r",?\s+" + COMPANY_SUFFIX + r"(?![\w])")
# ", a ..." or " is a ...": written to open with the class of its first character, so that
# the scan skips to commas and white space
_DESCRIBED = LazyPattern(rf"[,\s](?:(?<=,)\s+(?:one of the|a|an|the)\s+|"
                        rf"(?<!,)\s*(?:is|was|are)\s+(?:one of the|a|an|the)\s+)"
                        rf"(?:[\w\-]+\s+){{0,5}}?(?:{ORG_NOUNS})\b")
# Where _SUFFIX_AFTER may match, found by a quicker scan (it is tried there only): a company
# suffix after white space; the match starts at the comma or the white space before it.
# (the suffixes' letters: "Inc\.?" -> "Inc", "L\.P\." -> "L.P.")
_SUFFIX_FORMS = [form.removesuffix(r"\.?").replace("\\", "")
                 for form in COMPANY_SUFFIX[3:-1].split("|")]
_SUFFIX_HINT = LazyPattern(trie_alternation(_SUFFIX_FORMS, r"(?<=\s.)"))
# ("at" on a word boundary, the literal first: the scan then jumps from "at" to "at")
_WORKS_AT = LazyPattern(r"at(?<!\wat)\s+(?=[A-Z])")
_JOB_BEFORE_AT = LazyPattern(r"\b(?i:officer|director|president|manager|member|chairman|"
                            r"chairperson|engineer|head|partner|counsel|scientist|analyst|"
                            r"architect|developer|evangelist|programs|staff|source|vp|ceo|cto|"
                            r"cfo|coo)\b")
_HEAD_OF = LazyPattern(rf"\b(?:CEO|CTO|CFO|COO|[Ff]ounder|[Cc]o-[Ff]ounder)\s+of\s+({_NAME})")
_HEAD_OF_WORDS = ("CEO", "CTO", "CFO", "COO", "ounder")  # a text without them has no match
_SUCH_AS_WORDS = ("such as", "including", "like", "incluyendo", "como")
# the noun for what a body is, standing before its name after an article ("the law firm
# X"); in French and Spanish an adjective may follow the noun ("l'organisation humanitaire
# X"). The nouns are found first (a trie), the article and the name then looked for.
_ROMANCE_KINDS = wordset("ONG organisation organización société entreprise empresa association "
                         "asociación fondation fundación")
_KIND_NOUN = LazyPattern(trie_alternation(
    sorted(_ROMANCE_KINDS | {"ONG", "NGO"} | wordset(
        "firm company nonprofit non-profit charity organization startup start-up")),
    r"(?<![\w\-].)") + r"(?=\s)")
_ARTICLE = LazyPattern(r"\b(?:[Tt]he|[Aa]n?)\s+(?:[a-z\-]+\s+)?$")
_ROMANCE_ARTICLE = LazyPattern(r"(?:\b(?:[Ll][ae]|[Uu]ne?|[Ee]l|[Uu]na)\s+|\b[Ll][’'])$")
_KIND_AFTER = LazyPattern(r"\s+(?:([a-zà-ÿ\-]+)\s+)?(?=[A-ZÀ-Þ])")
_KIND_WORD = r"[A-ZÀ-Þ][\w’'\-]*(?:\.[\w’'\-]+)*"  # (a dot only inside: "Node.js")
_KIND_NAME = LazyPattern(rf"{_KIND_WORD}(?:\s+(?:&\s+)?{_KIND_WORD}){{0,4}}")
_SUCH_AS = LazyPattern(r"\s(?:such as|including|like|incluyendo|como)\s+")
_NOUN_BEFORE = LazyPattern(rf"\b(?i:{ORG_NOUNS})\b,?$")
_LISTED = LazyPattern(rf"((?:(?>{_NAME}),?\s+)+(?:and|y|et)\s+{_NAME})")


def _chain_before(text: str, end: int, word: re.Pattern[str], limit: int) -> int | None:
    """Where the run of at most `limit` words (`word`, separated by spaces) that ends at
    `end` begins, or None when no such word ends there."""
    base = max(0, end - 80 * limit)
    found = [m for m in word.finditer(text, base, end)]
    start = None
    stop = end
    for m in reversed(found):
        if m.end() != stop or limit == 0:
            break
        start, limit = m.start(), limit - 1
        space = len(text[base:m.start()]) - len(text[base:m.start()].rstrip())
        if not space:
            break
        stop = m.start() - space
    return start


def _space_start(text: str, pos: int) -> int:
    """Where the run of white space that ends at `pos` starts."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def _companies(text: str, base: int, places: frozenset[str]) -> list[Found]:
    """Companies with a legal suffix: "Acme, Inc.", "Beta Labs LLC"."""
    out: list[Found] = []
    starts = []
    for hint in _SUFFIX_HINT.finditer(text):
        start = _space_start(text, hint.start())
        starts.append(start - 1 if start > 0 and text[start - 1] == "," else start)
    for suffix in matches_at(_SUFFIX_AFTER, text, starts):
        first = _chain_before(text, suffix.start(), _CAP_WORD, 4)
        if first is None:
            continue
        words = text[first:suffix.start()].split()
        while words and words[0].lower() in COMMON_CAPS:
            words = words[1:]
        if not words or words[0] in places or re.search(r"\b(?:a|an)\s+$",
                                                         text[max(0, first - 4):first]):
            continue  # "a California Corporation" describes, it does not name
        name = text[first + text[first:suffix.start()].index(words[0]):suffix.end()]
        out.append((name, None, base + first))
    return out


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
        if any(w.lower().rstrip(".") in _PERSON_OR_MONTH for w in words):
            return
        out.append((name, None, base + start))

    # "Acme is a software company", "Acme, one of the largest agencies"
    for m in _DESCRIBED.finditer(text):
        first = _chain_before(text, m.start(), _NAME_WORD, 4)
        while first is not None and first > 0 and (text[first - 1].isalnum() or
                                                   text[first - 1] in "_’'"):
            nxt = re.search(r"\s+", text[first:m.start()])  # not inside a word
            first = first + nxt.end() if nxt else None
        if first is not None:
            add(text[first:m.start()], first)
    # "director at Acme": a job title at most 30 characters before "at"
    for m in _WORKS_AT.finditer(text):
        window = max(0, m.start() - 45)
        if not any(m.start() - job.end() <= 30 and not re.search(r"[.;:,]",
                                                                  text[job.end():m.start()])
                   for job in _JOB_BEFORE_AT.finditer(text, window, m.start())):
            continue
        name = _NAME_RE.match(text, m.end())
        if name:
            add(name.group(), name.start())
    if any(w in text for w in _HEAD_OF_WORDS):
        for m in _HEAD_OF.finditer(text):
            add(m.group(1), m.start(1))
    # "the law firm Kessler Lund & Partners", "l'organisation humanitaire Solidarité Sahel"
    for m in _KIND_NOUN.finditer(text):
        romance = m.group() in _ROMANCE_KINDS
        article = _ROMANCE_ARTICLE if romance else _ARTICLE
        after = _KIND_AFTER.match(text, m.end())
        if after is None or (after.group(1) and not romance) or \
                not article.search(text, max(0, m.start() - 30), m.start()):
            continue
        name = _KIND_NAME.match(text, after.end())
        if name:
            add(name.group(), name.start())
    # "members such as Acme, Beta and Gamma"
    if not any(w in text for w in _SUCH_AS_WORDS):
        return out
    for m in _SUCH_AS.finditer(text):
        if not _NOUN_BEFORE.search(text, max(0, m.start() - 30), m.start()):
            continue
        listed = _LISTED.match(text, m.end())
        if not listed:
            continue
        offset = listed.start(1)
        for item in re.split(r",\s+(?:and\s+)?|\s+(?:and|y|et)\s+", listed.group(1)):
            if item:
                add(item, text.index(item, offset))
    return out


# a list's separator before or after an item
_LISTED_BEFORE = LazyPattern(r"(?:,|,? (?:and|or|y|e|o|et|ou)) $")
_LISTED_AFTER = LazyPattern(r"(?:,|,? (?:and|or|y|e|o|et|ou)) (?:the )?")


def _standalone_acronyms(src: Source, found: list[Found], terms: set[str], weak: set[str]
                         ) -> list[Found]:
    """Acronyms used as names; `weak` gets those that count only if they spell a name."""
    defined = {acr for _, acr, _ in found if acr}
    counts: dict[str, list[int]] = {}
    strong: set[str] = set()
    total: dict[str, int] = {}
    names = country_names()
    places = place_names()
    seats: dict[str, list[int]] = {}
    # where the bodies named so far end and start: an acronym listed with one is a body too
    # ("the Vaccine Alliance, and UNICEF")
    ends = {start + len(name) for name, _, start in found}
    begins = {start for _, _, start in found}
    for seg in src.segments:
        if seg.text.isupper() or seg.heading:
            continue
        toks = seg.tokens
        for i, tok in enumerate(toks):
            if not tok.cap:
                continue
            word = tok.text.rstrip(".")
            # (two to eight letters A-Z)
            if not (2 <= len(word) <= 8 and word.isascii() and word.isalpha() and word.isupper()) \
                    or word in ACRONYM_STOP or word in names:
                continue
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            joined = nxt is not None and nxt.start - tok.end <= 1 and not tok.possessive
            total[word] = total.get(word, 0) + 1
            if joined and nxt.cap and low(nxt) not in TITLE_WORDS:
                # a body and its seat, named so more than once: "INTERPOL Washington"
                after = toks[i + 2] if i + 2 < len(toks) else None
                if nxt.text in places and not nxt.possessive and (
                        after is None or not after.cap or after.start - nxt.end > 1):
                    seats.setdefault(f"{word} {nxt.text}", []).append(tok.start)
                continue  # part of a longer name ("SDG Summit", "TARGET Unit")
            counts.setdefault(word, []).append(tok.start)
            before = src.text[max(0, tok.start - 5):tok.start].lower()
            after_ok = not joined or nxt.lower in _FUNCTION_AFTER or nxt.cap
            if not joined and not tok.possessive:  # a lower-case word the tokens leave out
                left_out = _LOWER_WORD.match(src.text, tok.end)
                if left_out and (nxt is None or left_out.start(1) < nxt.start):
                    after_ok = left_out.group(1).lower() in _FUNCTION_AFTER
            article = re.search(r"\b(?:the|del|el|la|los|las|le|les|du|al)\s$", before)
            if (article and after_ok) or tok.possessive or (
                    joined and nxt.cap and low(nxt) in TITLE_WORDS):
                strong.add(word)
            elif ends or begins:
                listed = _LISTED_BEFORE.search(src.text, max(0, tok.start - 8), tok.start)
                if listed and listed.start() in ends:
                    strong.add(word)
                listed = _LISTED_AFTER.match(src.text, tok.end)
                if listed and listed.end() in begins:
                    strong.add(word)
    out: list[Found] = [(name, None, start) for name, starts in seats.items()
                        if len(starts) >= 2 for start in starts]
    for word, starts in counts.items():
        if word in defined or word in terms:
            continue
        if not (len(starts) >= 2 or word in strong or (len(word) >= 4 and total[word] >= 3)):
            weak.add(word)
        out.append((word, None, starts[0]))
    return out
