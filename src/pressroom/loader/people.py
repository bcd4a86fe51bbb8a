"""People named in a release, with their roles, and every later mention of them.

A capitalised run of name-like words is a person only with evidence of how press releases
introduce people: a title or person noun before it ("Attorney General Eric Holder", "police
officer Jane Roe"), an appositive after it ("Jane Roe, 45,", "Jane Roe, director of ..."),
a speech verb ("said Jane Roe"), later use of the surname alone ("Roe said"), or a list of
such names. Later mentions ("Mr. Roe", "Roe") resolve to the same person; the name kept is
the fullest form, as first written.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pressroom.loader.countries import place_names
from pressroom.loader.mentions import (
    Mention,
    People,
    PersonEntry,
    all_mentions,
    complete_surnames,
    merge_mentions,
)
from pressroom.loader.names import (
    COMMON_CAPS,
    GEO_HEADS,
    MONTH_WORDS,
    NON_ORG_HEADS,
    ORG_HEADS,
    PERSON_NOUNS,
    PLACE_PREFIXES,
    ROLE_MODIFIERS,
    TITLE_WORDS,
    Source,
    Token,
    alternation,
    ends_with_word,
    is_heading,
    last_words,
)
from pressroom.loader.roles import (
    HONORIFICS,
    INVERSION,
    SPEECH,
    STRONG_TITLES,
    SUFFIXES,
    appositive_of,
    low,
    role_of,
    series_title,
    strong_title,
    title_head,
    title_run,
)
from pressroom.loader.text import LazyPattern, wordset

__all__ = ["SPEECH", "People", "PersonEntry", "find_people"]


# nouns that end names of days, documents and meetings ("Anti-Corruption Day")
NOT_NAME_WORDS = wordset("day days week month year summit conference act acts agreement treaty "
                         "convention charter notice report resolution plan strategy goals agenda "
                         "declaration protocol framework initiative programme program")


# words after a run that make it part of a longer name ("Health Emergency Operations")
_LONGER_NAME_WORDS = TITLE_WORDS | ORG_HEADS | NOT_NAME_WORDS


SURNAME_TITLES = wordset("king judge bishop major marshal knight pope chancellor dean sheriff "
                         "constable baron earl duke prince")


# place nouns that are not also common surnames ("Park", "Hill", "Lake" are)
NAME_GEO = GEO_HEADS - wordset("park parks hill hills springs falls heights lake bay beach coast "
                               "mountain field")


NAME_PARTICLES = wordset("de del van von da di bin al la le du dos das der den ben ibn")


def _is_name_token(tok: Token, places: frozenset[str], caps_text: bool) -> bool:
    return tok.cap and _name_word(tok.text, places, caps_text)


@lru_cache(maxsize=8192)
def _name_word(text: str, places: frozenset[str], caps_text: bool) -> bool:
    return _is_name_word(Token(text, 0, len(text)), text, places, caps_text)


def _is_name_word(tok: Token, text: str, places: frozenset[str], caps_text: bool) -> bool:
    if tok.initial:
        return True
    low = tok.lower.rstrip(".")
    if _DIGIT.search(text):
        return False
    if low in SUFFIXES or text in {"II", "III", "IV"}:
        return True
    if tok.acronym and not caps_text:
        return False
    if "." in text.rstrip("."):  # Node.js, U.S.
        return False
    if text.endswith(".") and low not in SUFFIXES:
        return False
    return not (low in TITLE_WORDS or low in ORG_HEADS or low in MONTH_WORDS or low in COMMON_CAPS
                or low in NAME_GEO or text in places or low in HONORIFICS
                or low in NOT_NAME_WORDS)


_DIGIT = LazyPattern(r"\d")


def _runs(chunk: list[Token], places: frozenset[str], caps_text: bool) -> list[tuple[int, int]]:
    """Index ranges [i, j) of name-like runs inside a chunk."""
    out = []
    i = 0
    while i < len(chunk):
        tok = chunk[i]
        if tok.cap and _name_word(tok.text, places, caps_text) and not tok.initial or (
                chunk[i].initial and i + 1 < len(chunk)):
            j = i + 1
            while j < len(chunk) and not chunk[j - 1].possessive and (
                    (chunk[j].cap and _name_word(chunk[j].text, places, caps_text))
                    or (chunk[j].lower in NAME_PARTICLES and j + 1 < len(chunk)
                        and _is_name_token(chunk[j + 1], places, caps_text)
                        and low(chunk[j + 1]) not in PLACE_PREFIXES)):
                j += 1
            longest = j
            # a surname that is also a title word ends a name: "Rodney King said"
            if j < len(chunk) and not chunk[j - 1].possessive and chunk[j].cap and \
                    low(chunk[j]) in SURNAME_TITLES and \
                    (j + 1 == len(chunk) or not chunk[j + 1].cap) and \
                    not chunk[j - 1].initial and low(chunk[j]) not in ROLE_MODIFIERS:
                j += 1
            while j > i and (chunk[j - 1].initial or chunk[j - 1].lower in NAME_PARTICLES):
                j -= 1
            if j > i:
                out.append((i, j))
                i = j
            else:
                # only initials and particles up to `longest`: a run from any of them ends
                # there too and is as empty ("A. B. C. D. ..." was quadratic)
                i = max(longest, i + 1)
        else:
            i += 1
    return out


def find_people(src: Source, extra_text: str = "") -> People:
    """People in `src`; `extra_text` (contact blocks) may only complete a surname."""
    places = place_names()
    caps_segments = {s.start for s in src.segments if s.text.isupper()}
    mentions: list[Mention] = []
    for seg in src.segments:
        text = seg.text
        caps = seg.start in caps_segments
        titles = [(seg.start + m.start(), seg.start + m.end()) for m in _QUOTED.finditer(text)
                  if is_heading(m.group()[1:-1])]
        for chunk in seg.chunks:
            if titles and any(a < chunk[0].start < b for a, b in titles):
                continue  # inside a quoted title: “... Effective Multilateralism ...”
            seen = _Seen(chunk)
            for i, j in _runs(chunk, places, caps):
                mention = _mention(src, chunk, i, j, seg.heading, places, seen)
                if mention is not None:
                    mentions.append(mention)
    _surname_reuse(src, mentions)
    _lists(src, mentions)
    body_surnames = {m.surname for m in mentions if not m.heading}
    evidenced_surnames = {m.surname for m in mentions if not m.heading and m.evidence}
    accepted = []
    for m in mentions:
        if m.heading:
            strong = bool({"title", "appositive"} & m.evidence) and (
                any(t.endswith(".") and len(t) == 2 for t in m.tokens) or "statement" in m.evidence)
            if not (strong or m.surname in body_surnames and len(m.tokens) >= 1 and
                    m.surname in evidenced_surnames):
                continue
            if not m.evidence and len(m.tokens) < 2:
                continue
            if not m.evidence:
                m.evidence.add("known")
        if not m.evidence:
            continue
        if len(m.tokens) == 1 and not ({"title", "known"} & m.evidence):
            continue
        accepted.append(m)
    for m in accepted:
        _set_role(src, m)
    entries = merge_mentions(accepted)
    complete_surnames(entries, extra_text)
    spans = all_mentions(src, entries)
    return People(entries, spans)


_QUOTED = LazyPattern(r"[\"“«][^\"“”«»]{8,300}[\"”»]")
_SUFFIX_AFTER = LazyPattern(r",\s*(?:Jr\.|Sr\.|II|III|IV)\b")
_SUFFIX_GROUP = LazyPattern(r",\s*(Jr\.|Sr\.|II|III|IV)\b")
_CLAUSE_END = LazyPattern(r"\s*(?:[.,;]|$)")
_AGE_AFTER = LazyPattern(r"\s*\((?:DOB|\d{1,3}\b)")
_PREPOSITION_BEFORE = LazyPattern(r"\b(?:of|for|in|at|to|on|from|by|into|with)\s+$")
_THE_BEFORE = LazyPattern(r"\bthe\s+$")
# (a quick look for the words of the "statement" pattern in lower case)
_STATEMENT_WORDS = LazyPattern(r"statement|remarks|declaraci|message|speech|claration")


_TITLE_REACH = 40  # tokens before a name that may be its title (none is longer)


class _Seen:
    """Whether a title or a body's head word comes before each token of a chunk, worked out
    once per chunk: a chunk is looked at once per name in it, and a long one ("Ann Roe and
    Tom Lee and ...", thousands of words in hostile text) made that quadratic."""

    def __init__(self, chunk: list[Token]):
        self.strong = [False]  # [k]: a strong title among chunk[:k]
        self.body = [False]  # [k]: an organization's head word among chunk[:k]
        for tok in chunk:
            self.strong.append(self.strong[-1] or strong_title(tok.lower))
            self.body.append(self.body[-1] or tok.lower in ORG_HEADS)


def _mention(src: Source, chunk: list[Token], i: int, j: int, heading: bool,
             places: frozenset[str], seen: _Seen) -> Mention | None:
    run = chunk[i:j]
    words = [t.text for t in run]
    # a long run after "Title of Place": the name is at its end ("Jefe de Policía de X Ann Roe")
    trimmed = False  # a place was cut off the front: "Jefa de Probatoria Ann Roe"
    after_of = i > 0 and chunk[i - 1].lower in {"of", "de", "for", "del"}
    if after_of and not seen.strong[i]:
        return None  # "James Roe of Santa Rosa Beach": a place
    # "Director of the Lakeside Museum Ann Roe": a body named after the title, then the name
    after_of_the = i > 1 and chunk[i - 1].lower == "the" and chunk[i - 2].lower in {"of", "for"} \
        and seen.strong[i - 2]
    titled_run = i > 0 and (after_of or after_of_the
                            or chunk[i - 1].lower.rstrip(".") in TITLE_WORDS)
    if len(words) == 3 and low(run[0]) in PLACE_PREFIXES:
        return None  # "San Juan Capistrano"
    if titled_run and (len(words) >= 4 or len(words) == 3 and (after_of or after_of_the)) and \
            not any(t.initial for t in run):
        run = run[-2:]
        words = words[-2:]
        trimmed = True
    # a title whose object is a series ends before the name, which may have taken words of the
    # series' last item into its run: "Secretary for Water, Sanitation and Irrigation Ann Roe"
    series = None
    if len(words) >= 2 and not heading:
        for k in range(len(run) - 1 if i > 0 else 1):
            series = series_title(src.text[max(0, run[k].start - 160):run[k].start])
            if series is not None:
                run, words = run[k:], words[k:]
                break
    first = run[0]
    if first.lower.rstrip(".") in PLACE_PREFIXES and len(words) > 1:
        return None
    end_index = j  # (run ends where the run found in the chunk ends)
    if end_index < len(chunk) and chunk[end_index].cap and not run[-1].possessive and (
            low(chunk[end_index]) in _LONGER_NAME_WORDS):
        return None  # "Director of Health Emergency Operations": part of a longer name
    if len(words) > 1 and words[-1].lower() in SUFFIXES and len(words) == 2:
        return None
    start, end = first.start, run[-1].start + len(run[-1].text)
    text = src.text
    mention = Mention(start, end, words, heading=heading)
    before = j - len(run)  # (the chunk's tokens before the name)
    title_toks: list[Token] = []
    reach = max(0, before - _TITLE_REACH)
    for k in range(before - 1, reach - 1, -1):
        tok = chunk[k]
        if tok.lower in {"and", "y", "et"} or tok.initial or tok.possessive:
            break  # another name or a coordinated title ends this one
        if tok.lower.rstrip(".") in TITLE_WORDS or tok.lower in HONORIFICS or tok.lower in \
                {"of", "for", "the", "de", "del", "la", "on"} or tok.cap or (
                    # "Chief of Staff to the President", "Special Envoy to the Region" (not
                    # "Chief of Staff to Governor Ann Roe": the name is the Governor's)
                    tok.lower == "to" and k > reach and low(chunk[k - 1]) in TITLE_WORDS
                    and k + 1 < before and chunk[k + 1].lower == "the"):
            title_toks.insert(0, tok)
        else:
            break
    # (each piece of evidence below is worked out only when it can still change the result)
    patterns = _patterns()
    last = chunk[before - 1] if before else None
    strong_before = seen.strong[before]
    titled = last is not None and not last.possessive and (
        strong_title(last.lower) or last.lower in HONORIFICS
        # "Police Chief Ann Roe": "Chief" next to a name is the title's head noun
        or (last.text == "Chief" and len(words) >= 2)
        or (last.lower.rstrip(".") in TITLE_WORDS and strong_before and len(words) >= 2)
        or title_run(chunk[max(0, before - _TITLE_REACH):before])
        # "U.S. Attorney for the District of Oregon Ann Roe", "Consul General of India Ann Roe"
        or (len(words) >= 2 and strong_before and (last.text in places or
                                                   last.lower in GEO_HEADS)))
    # "police officer Ann Roe", "la fiscal dominicana Ana Roe" (one adjective between)
    noun_before = False
    if last is None:
        prev = last_words(text[max(0, start - 40):start], 1)
        found = _PREV_WORD.search(prev[0]) if prev else None
        noun_before = found is not None and found.group().lower() in PERSON_NOUNS
        if not noun_before and len(words) >= 2 and not heading:
            window = text[max(0, start - 60):start]
            pair = last_words(window, 2)
            adjective = patterns["adjective"].search(window) if len(pair) == 2 and \
                ends_with_word(pair[0], PERSON_NOUNS) else None
            noun_before = adjective is not None and adjective.group(2) not in COMMON_CAPS
    # "Jefe de Policía de Anaheim Ann Roe", "Consul General of India Ann Roe"
    title_of_place = last is not None and last.lower in {"of", "de", "for", "del"} and \
        strong_before and len(words) >= 2 and trimmed \
        and not seen.body[before]
    comma_title = _comma_title(text, start, end) if len(words) >= 2 and not (
        titled or noun_before or title_of_place) else None
    if series is not None:
        title_toks = []  # (only the series' last item)
    if titled or noun_before or title_of_place or comma_title is not None or series or (
            len(words) >= 2 and _dashed(text, start, end)):
        mention.evidence.add("title")
    window = text[max(0, start - 80):start]
    if _STATEMENT_WORDS.search(window.lower()) and patterns["statement"].search(window):
        mention.evidence.add("statement")
    after = text[end:end + 160]
    if _SUFFIX_AFTER.match(after):
        suffix = _SUFFIX_GROUP.match(after)
        assert suffix is not None
        mention.tokens = [*words[:-1], words[-1] + ",", suffix.group(1)]
        end += suffix.end()
        mention.end = end
        after = text[end:end + 160]
    appositive = appositive_of(after)
    if appositive is not None:
        mention.evidence.add("appositive")
    if "appositive" not in mention.evidence and (patterns["as_noun"].match(after)
                                                 or _AGE_AFTER.match(after)):
        mention.evidence.add("appositive")
    if len(words) > 1 and (patterns["speech_after"].match(after) or
                           _speech_before(text, start, after) or
                           _speech_before_title(text, title_toks, words)):
        mention.evidence.add("speech")
    mention.role_args = (title_toks, after, series or appositive or comma_title)  # (if accepted)
    return mention


def _dashed(text: str, start: int, end: int) -> bool:
    """A name set off by dashes after a title: "the director — Ann Roe — said"."""
    window = text[max(0, start - 90):start]
    return window.rstrip()[-1:] in ("—", "–") and \
        _patterns()["dashed"].search(window) is not None and \
        re.match(r"\s*[—–,]", text[end:end + 3]) is not None


# the phrase before a comma that stands before a name: "The minister of health, " (a dash
# opens it too: "PORT ALDER, 2 April 2024 – The minister of health, ")
_PHRASE_BEFORE_COMMA = LazyPattern(r"(?:^|[,;:(.!?\n—–\"”»])\s*((?:[\w’'\-]+ ){0,7}[\w’'\-]+),"
                                   r"\s*$")
# words before a title that are not the title's: "Yesterday the", "and the", "– Le"
_NOT_TITLE_OPENERS = wordset("the le la el les los las and or y et")
_TITLE_JOINS = wordset("and or y et")
_NOT_NAME_ENDS = ORG_HEADS | NON_ORG_HEADS  # "Employment Bill", "Relief Fund"


def _comma_title(text: str, start: int, end: int) -> str | None:
    """The title before a name set off by commas: "The minister of health, Ann Roe, said",
    "Le ministre de la Santé, Ousmane Ba, a annoncé", or one that ends its clause after a
    speech verb: "...," said the Minister of Health for Ruritania, Ann Roe." (None if none)."""
    closing = not text.startswith(",", end)
    if closing and _CLAUSE_END.match(text, end) is None:
        return None
    m = _PHRASE_BEFORE_COMMA.search(text, max(0, start - 120), start)
    if m is None:
        return None
    phrase = m.group(1)
    words = list(re.finditer(r"\S+", phrase))
    lowered = [w.group().lower() for w in words]
    first = next((k for k in range(len(words)) if title_head(lowered, k)), None)
    if first is None:
        return None
    verb = first > 0 and lowered[0] in _inversion_ends()  # "said the Minister, Ann Roe"
    if closing and not verb:
        return None
    # the title starts after the speech verb and the last article, conjunction or number before
    # its head word
    cut = max((k + 1 for k in range(first) if lowered[k] in _NOT_TITLE_OPENERS
               or not any(c.isalpha() for c in lowered[k])), default=int(verb))
    # and a second title joined by "and" is the one set off with the name: "The Prime
    # Minister and the Minister of Finance, Ann Roe," (not "Minister of Trade and Industry")
    for k in range(first + 1, len(words) - 1):
        if lowered[k] in _TITLE_JOINS:
            after = k + 2 if lowered[k + 1] in _NOT_TITLE_OPENERS else k + 1
            if after < len(words) and strong_title(lowered[after]):
                cut = after
    return phrase[words[cut].start():]


def _speech_before_title(text: str, title_toks: list[Token], name: list[str]) -> bool:
    """A speech verb before the title before the name: "said Minister of Health Ann Roe"
    (not "said Minister of Health for Hollin Quay": a run after "of" is the title's object;
    nor "said Minister of Labour Employment Bill": a document or a body, not a name)."""
    if not title_toks or not title_toks[-1].cap or \
            not (any(strong_title(t.lower) for t in title_toks) or title_run(title_toks)) or \
            name[-1].lower().strip(".,") in _NOT_NAME_ENDS:
        return False
    window = text[max(0, title_toks[0].start - 34):title_toks[0].start]
    return _patterns()["inversion_the"].search(window) is not None


def _speech_before(text: str, start: int, after: str) -> bool:
    """A speech verb before the name: "said Ann Roe", "...," said Chief Officer of Acme, Ann
    Roe."""
    window = text[max(0, start - 30):start].rstrip()
    if ends_with_word(window[window.rfind(" ") + 1:], _inversion_ends()) and \
            _patterns()["inversion"].search(text[max(0, start - 30):start]):
        return True
    return window.endswith(",") and _CLAUSE_END.match(after) is not None and \
        _patterns()["speech_before"].search(text[max(0, start - 160):start]) is not None


def _set_role(src: Source, mention: Mention) -> None:
    """The role of an accepted mention and where the text gives it."""
    title_toks, after, appositive = mention.role_args or ([], "", None)
    start, end = mention.start, mention.end
    mention.role = role_of(src, title_toks, after, appositive, start)
    if mention.role:
        found = src.text.find(mention.role, max(0, start - 200), end + 400)
        if found >= 0:
            mention.role_span = (found, found + len(mention.role))


_PREV_WORD = LazyPattern(r"[\w’'\-]+$")


@cache
def _inversion_ends() -> frozenset[str]:
    """The last words of the speech verbs that may stand before a speaker."""
    return frozenset(v.split()[-1] for v in INVERSION.split("|"))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The long word-list patterns of `_mention`, compiled on first use."""
    nouns = alternation(PERSON_NOUNS)
    return {
        "adjective": re.compile(r"\b(" + nouns + r")\s+([a-zà-ÿ]+)\s+$"),
        "dashed": re.compile(r"\b(?:" + alternation(STRONG_TITLES) + r")\b[^—–.;]{0,60}\s[—–]\s*$",
                             re.IGNORECASE),
        "as_noun": re.compile(r"\s+as\s+(?:its|the|a|an|his|her|their|our)\s+"
                              r"(?:[\w\-]+\s+){0,3}?(" + nouns + r")\b"),
        "speech_after": re.compile(rf"\s*(?:,[^,.]{{0,80}},\s*)?(?:{SPEECH})\b"),
        "inversion": re.compile(rf"\b(?:{INVERSION})\s*$"),
        "inversion_the": re.compile(rf"\b(?:{INVERSION})\s+(?:the\s+)?$"),
        "statement": re.compile(r"(?:statement|remarks|declaraci[oó]n|message|speech|"
                                r"d[ée]claration)\s+(?:of|by|from|del?|de la)\s+[^,]*$",
                                re.IGNORECASE),
        "speech_before": re.compile(rf"\b(?:{SPEECH})\b[^.;\"“”]{{0,150}},\s*$"),
    }


def _surname_reuse(src: Source, mentions: list[Mention]) -> None:
    """A run whose surname is later used alone ("Roe said") names a person."""
    # (only the surnames of the runs that may gain the evidence are counted)
    wanted = {m.surname for m in mentions if len(m.tokens) >= 2 and not m.heading}
    alone: dict[str, int] = {}
    for seg in src.segments:
        if seg.heading:
            continue
        for chunk in seg.chunks:
            if chunk[-1].text not in wanted:
                continue
            titled = len(chunk) >= 2 and (strong_title(chunk[-2].lower)
                                          or chunk[-2].lower in HONORIFICS
                                          or chunk[-2].text == "Chief")
            if len(chunk) == 1 and not titled:
                # used as a person: not after a preposition ("of Education"), and after "the"
                # only as "the Roe family"
                before = src.text[max(0, chunk[0].start - 6):chunk[0].start].lower()
                after = src.text[chunk[0].end:chunk[0].end + 12].lower()
                if _PREPOSITION_BEFORE.search(before):
                    continue
                if _THE_BEFORE.search(before) and not re.match(
                        r"\s*(?:family|brothers|sisters|household|estate)\b", after):
                    continue
            if len(chunk) == 1 or titled:
                alone[chunk[-1].text] = alone.get(chunk[-1].text, 0) + 1
    for m in mentions:
        if len(m.tokens) >= 2 and alone.get(m.surname, 0) >= 1 and not m.heading:
            m.evidence.add("reuse")


def _lists(src: Source, mentions: list[Mention]) -> None:
    """Names listed together share evidence; a list of three or more names is a list of people."""
    by_sentence: dict[tuple[int, int], list[Mention]] = {}
    for m in mentions:
        if not m.heading and (len(m.tokens) >= 2 or m.evidence):
            by_sentence.setdefault(src.sentence_at(m.start), []).append(m)
    for (_, b), group in by_sentence.items():
        group.sort(key=lambda m: m.start)
        runs: list[list[Mention]] = [[group[0]]]
        for left, right in zip(group, group[1:], strict=False):
            between = src.text[left.end:right.start]
            if re.fullmatch(r"(?:,|;|,?\s*and|,?\s*y|,?\s*et)\s*(?:and\s+)?", between.strip()) or \
                    re.fullmatch(r"\s+of\s+[^;]{2,60};\s*(?:and\s+)?", between):
                runs[-1].append(right)
            else:
                runs.append([right])
        for run in runs:
            if len(run) < 2:
                continue
            tail = src.text[run[-1].end:b]
            if re.match(r"\s*(?:counties|cities|states|countries|provinces|regions|districts|"
                        r"condados|ciudades)\b", tail, re.IGNORECASE):
                continue
            evidenced = any(m.evidence - {"list"} for m in run)
            shaped = all(2 <= len(m.tokens) <= 3 for m in run)
            if (evidenced or (len(run) >= 3 and shaped)) and all(len(m.tokens) >= 2 for m in run):
                for m in run:
                    m.evidence.add("list")
