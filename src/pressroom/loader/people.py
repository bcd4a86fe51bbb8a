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
from dataclasses import dataclass, field

from pressroom.loader.countries import country_names, us_states
from pressroom.loader.names import (
    COMMON_CAPS,
    GEO_HEADS,
    MONTH_WORDS,
    ORG_HEADS,
    PERSON_NOUNS,
    PLACE_PREFIXES,
    ROLE_MODIFIERS,
    TITLE_WORDS,
    Source,
    Token,
    chunks,
    is_heading,
    tokens,
)
from pressroom.loader.text import wordset

# nouns that end names of days, documents and meetings ("Anti-Corruption Day")
NOT_NAME_WORDS = wordset("day days week month year summit conference act acts agreement treaty "
                         "convention charter notice report resolution plan strategy goals agenda "
                         "declaration protocol framework initiative programme program")
SURNAME_TITLES = wordset("king judge bishop major marshal knight pope chancellor dean sheriff "
                         "constable baron earl duke prince")
# place nouns that are not also common surnames ("Park", "Hill", "Lake" are)
NAME_GEO = GEO_HEADS - wordset("park parks hill hills springs falls heights lake bay beach coast "
                               "mountain field")
NAME_PARTICLES = wordset("de del van von da di bin al la le du dos das der den ben ibn")
SUFFIXES = wordset("jr. sr. jr sr ii iii iv")
HONORIFICS = wordset("mr. mrs. ms. dr. mr mrs ms dr miss mx. sr. sra. srta. m. mme mme. mlle "
                       "prof. prof sir dame")
# Words that on their own mark a title ("Director", "Judge"); modifiers such as "General",
# "Deputy" or "National" count only next to one of these.
STRONG_TITLES = (TITLE_WORDS | PERSON_NOUNS | {"ag", "da", "ceo", "cto"}) - ROLE_MODIFIERS - {
    "affairs", "program", "programme", "project", "operations", "research", "policy",
    "development", "communications", "marketing", "product", "engineering", "board",
    "field", "country", "global", "international", "high"}
SPEECH = (r"said|says|stated|states|added|adds|explained|explains|noted|notes|commented|"
          r"remarked|continued|concluded|declared|told|emphasi[sz]ed|stressed|highlighted|"
          r"underlined|underscored|observed|affirmed|asserted|announced|urged|warned|insisted|"
          r"acknowledged|recalled|indicated|expressed|mentioned|argued|wrote|writes|asked|"
          r"replied|responded|answered|cautioned|reiterated|confirmed|shared|reflected|"
          r"testified|recounted|predicted|praised|welcomed|pointed out|went on|"
          r"dijo|afirmó|explicó|señaló|indicó|declaró|expresó|agregó|añadió|comentó|subrayó|"
          r"destacó|manifestó|aseguró|sostuvo|concluyó|advirtió|insistió|recordó|puntualizó|"
          r"reiteró|enfatizó|a déclaré|a dit|a affirmé|a expliqué|a souligné|a ajouté|a indiqué|"
          r"a estimé|a rappelé|a précisé|a conclu|a poursuivi|a insisté|a noté|a relevé|"
          r"a assuré|a averti|a-t-(?:il|elle) (?:déclaré|dit|affirmé|expliqué|souligné|ajouté|"
          r"indiqué|estimé|rappelé|précisé|conclu|poursuivi|insisté|noté|assuré)")


# speech verbs that may stand before their speaker ("said Ann Roe"; "announced Acme" is not)
INVERSION = (r"said|says|stated|added|explained|noted|commented|remarked|continued|concluded|"
             r"declared|wrote|asked|replied|responded|answered|cautioned|observed|recalled|"
             r"dijo|afirmó|explicó|señaló|indicó|declaró|expresó|agregó|añadió|comentó|subrayó|"
             r"destacó|a déclaré|a dit|a affirmé|a expliqué|a souligné|a ajouté|a indiqué|"
             r"a rappelé|a précisé|a conclu")


@dataclass
class Mention:
    start: int
    end: int
    tokens: list[str]  # name tokens as written
    role: str | None = None
    evidence: set[str] = field(default_factory=set)
    heading: bool = False
    role_span: tuple[int, int] | None = None

    @property
    def surname(self) -> str:
        words = [t for t in self.tokens if t.lower() not in SUFFIXES]
        return words[-1].rstrip(",") if words else ""

    @property
    def given(self) -> list[str]:
        words = [t for t in self.tokens if t.lower() not in SUFFIXES]
        return words[:-1]


@dataclass
class PersonEntry:
    name: str
    role: str | None
    first: int
    mentions: list[Mention]

    @property
    def surname(self) -> str:
        return self.mentions[0].surname


@dataclass
class People:
    """The people of a release and where each is mentioned (for quote attribution)."""

    entries: list[PersonEntry]
    spans: list[tuple[int, int, int]]  # (start, end, index into entries), sorted

    def in_span(self, start: int, end: int) -> list[int]:
        """Indexes of people mentioned between two offsets, in text order."""
        return [i for a, b, i in self.spans if a >= start and b <= end]

    def role_spans(self) -> list[tuple[int, int]]:
        """Where the roles of people are written."""
        return [m.role_span for e in self.entries for m in e.mentions if m.role_span]

    def before(self, offset: int) -> int | None:
        """The person mentioned last before `offset`."""
        found = [i for a, b, i in self.spans if b <= offset]
        return found[-1] if found else None


def _is_name_token(tok: Token, places: frozenset[str], caps_text: bool) -> bool:
    low = tok.lower.rstrip(".") if not tok.initial else tok.lower
    if tok.initial:
        return True
    if not tok.cap or any(c.isdigit() for c in tok.text):
        return False
    if low in SUFFIXES or tok.text in {"II", "III", "IV"}:
        return True
    if tok.acronym and not caps_text:
        return False
    if "." in tok.text.rstrip("."):  # Node.js, U.S.
        return False
    if tok.text.endswith(".") and low not in SUFFIXES:
        return False
    return not (low in TITLE_WORDS or low in ORG_HEADS or low in MONTH_WORDS or low in COMMON_CAPS
                or low in NAME_GEO or tok.text in places or low in HONORIFICS
                or low in NOT_NAME_WORDS)


def _runs(chunk: list[Token], places: frozenset[str], caps_text: bool) -> list[tuple[int, int]]:
    """Index ranges [i, j) of name-like runs inside a chunk."""
    out = []
    i = 0
    while i < len(chunk):
        if _is_name_token(chunk[i], places, caps_text) and not chunk[i].initial or (
                chunk[i].initial and i + 1 < len(chunk)):
            j = i + 1
            while j < len(chunk) and not chunk[j - 1].possessive and (
                    _is_name_token(chunk[j], places, caps_text)
                    or (chunk[j].lower in NAME_PARTICLES and j + 1 < len(chunk)
                        and _is_name_token(chunk[j + 1], places, caps_text)
                        and _low(chunk[j + 1]) not in PLACE_PREFIXES)):
                j += 1
            # a surname that is also a title word ends a name: "Rodney King said"
            if j < len(chunk) and not chunk[j - 1].possessive and chunk[j].cap and \
                    _low(chunk[j]) in SURNAME_TITLES and \
                    (j + 1 == len(chunk) or not chunk[j + 1].cap) and \
                    not chunk[j - 1].initial and _low(chunk[j]) not in ROLE_MODIFIERS:
                j += 1
            while j > i and (chunk[j - 1].initial or chunk[j - 1].lower in NAME_PARTICLES):
                j -= 1
            if j > i:
                out.append((i, j))
            i = max(j, i + 1)
        else:
            i += 1
    return out


def find_people(src: Source, extra_text: str = "") -> People:
    """People in `src`; `extra_text` (contact blocks) may only complete a surname."""
    places = country_names() | us_states()
    caps_segments = {s.start for s in src.segments if s.text.isupper()}
    mentions: list[Mention] = []
    for seg in src.segments:
        text = seg.text
        caps = seg.start in caps_segments
        titles = [(seg.start + m.start(), seg.start + m.end()) for m in re.finditer(
            r"[\"“«][^\"“”«»]{8,300}[\"”»]", text) if is_heading(m.group()[1:-1])]
        for chunk in chunks(text, seg.start):
            if any(a < chunk[0].start < b for a, b in titles):
                continue  # inside a quoted title: “... Effective Multilateralism ...”
            for i, j in _runs(chunk, places, caps):
                mention = _mention(src, chunk, i, j, seg.heading, places)
                if mention is not None:
                    mentions.append(mention)
    _surname_reuse(src, mentions)
    _lists(src, mentions)
    body_surnames = {m.surname for m in mentions if not m.heading}
    accepted = []
    for m in mentions:
        if m.heading:
            strong = bool({"title", "appositive"} & m.evidence) and (
                any(t.endswith(".") and len(t) == 2 for t in m.tokens) or "statement" in m.evidence)
            if not (strong or m.surname in body_surnames and len(m.tokens) >= 1 and
                    any(o.surname == m.surname and o.evidence for o in mentions if not o.heading)):
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
    entries = _merge(accepted)
    _complete_surnames(entries, extra_text)
    spans = _all_mentions(src, entries)
    return People(entries, spans)


def _low(tok: Token) -> str:
    return tok.lower.rstrip(".")


def _title_run(toks: list[Token]) -> bool:
    """Do the tokens end with a title such as "Attorney General" (title words only)?"""
    for tok in reversed(toks):
        if _strong(tok.lower):
            return True
        if _low(tok) not in TITLE_WORDS or tok.possessive:
            return False
    return False


def _strong(word: str) -> bool:
    word = word.rstrip(".")
    return word in STRONG_TITLES or any(part in STRONG_TITLES for part in word.split("-")[1:])


def _mention(src: Source, chunk: list[Token], i: int, j: int, heading: bool,
             places: frozenset[str]) -> Mention | None:
    run = chunk[i:j]
    words = [t.text for t in run]
    # a long run after "Title of Place": the name is at its end ("Jefe de Policía de X Ann Roe")
    trimmed = False  # a place was cut off the front: "Jefa de Probatoria Ann Roe"
    after_of = i > 0 and chunk[i - 1].lower in {"of", "de", "for", "del"}
    if after_of and not any(_strong(t.lower) for t in chunk[:i]):
        return None  # "James Roe of Santa Rosa Beach": a place
    titled_run = i > 0 and (after_of or chunk[i - 1].lower.rstrip(".") in TITLE_WORDS)
    if len(words) == 3 and _low(run[0]) in PLACE_PREFIXES:
        return None  # "San Juan Capistrano"
    if not any(t.initial for t in run) and titled_run and (len(words) >= 4 or
                                                           len(words) == 3 and after_of):
        run = run[-2:]
        words = words[-2:]
        trimmed = True
    first = run[0]
    if first.lower.rstrip(".") in PLACE_PREFIXES and len(words) > 1:
        return None
    end_index = chunk.index(run[-1]) + 1
    if end_index < len(chunk) and chunk[end_index].cap and not run[-1].possessive and (
            _low(chunk[end_index]) in TITLE_WORDS | ORG_HEADS | NOT_NAME_WORDS):
        return None  # "Director of Health Emergency Operations": part of a longer name
    if len(words) > 1 and words[-1].lower() in SUFFIXES and len(words) == 2:
        return None
    start, end = first.start, run[-1].start + len(run[-1].text)
    text = src.text
    mention = Mention(start, end, words, heading=heading)
    before_in_chunk = chunk[:chunk.index(first)]
    title_toks: list[Token] = []
    for tok in reversed(before_in_chunk):
        if tok.lower in {"and", "y", "et"} or tok.initial or tok.possessive:
            break  # another name or a coordinated title ends this one
        if tok.lower.rstrip(".") in TITLE_WORDS or tok.lower in HONORIFICS or tok.lower in \
                {"of", "for", "the", "de", "del", "la", "on"} or tok.cap:
            title_toks.insert(0, tok)
        else:
            break
    prev = re.search(r"([\w’'\-]+)\s+$", text[max(0, start - 40):start])
    prev_word = prev.group(1).lower() if prev else ""
    last = before_in_chunk[-1] if before_in_chunk else None
    strong_before = any(_strong(t.lower) for t in before_in_chunk)
    titled = last is not None and not last.possessive and (
        _strong(last.lower) or last.lower in HONORIFICS
        or (last.lower.rstrip(".") in TITLE_WORDS and strong_before and len(words) >= 2)
        or _title_run(before_in_chunk)
        # "U.S. Attorney for the District of Oregon Ann Roe", "Consul General of India Ann Roe"
        or (len(words) >= 2 and strong_before and (last.text in places or
                                                   last.lower in GEO_HEADS)))
    # "police officer Ann Roe", "la fiscal dominicana Ana Roe" (one adjective between)
    adjective = re.search(r"\b(" + "|".join(sorted(PERSON_NOUNS, key=len, reverse=True))
                          + r")\s+([a-zà-ÿ]+)\s+$", text[max(0, start - 60):start])
    noun_before = last is None and (prev_word in PERSON_NOUNS or (
        adjective is not None and len(words) >= 2 and not heading
        and adjective.group(2) not in COMMON_CAPS))
    # "Jefe de Policía de Anaheim Ann Roe", "Consul General of India Ann Roe"
    title_of_place = last is not None and last.lower in {"of", "de", "for", "del"} and \
        strong_before and len(words) >= 2 and trimmed \
        and not any(t.lower in ORG_HEADS for t in before_in_chunk)
    dashed = re.search(r"\b(?:" + "|".join(sorted(STRONG_TITLES, key=len, reverse=True))
                       + r")\b[^—–.;]{0,60}\s[—–]\s*$", text[max(0, start - 90):start],
                       re.IGNORECASE) and re.match(r"\s*[—–,]", text[end:end + 3])
    if titled or noun_before or title_of_place or (dashed and len(words) >= 2):
        mention.evidence.add("title")
    if re.search(r"(?:statement|remarks|declaraci[oó]n|message|speech|d[ée]claration)\s+"
                 r"(?:of|by|from|del?|de la)\s+[^,]*$", text[max(0, start - 80):start],
                 re.IGNORECASE):
        mention.evidence.add("statement")
    after = text[end:end + 160]
    if re.match(r",\s*(?:Jr\.|Sr\.|II|III|IV)\b", after):
        suffix = re.match(r",\s*(Jr\.|Sr\.|II|III|IV)\b", after)
        assert suffix is not None
        mention.tokens = [*words[:-1], words[-1] + ",", suffix.group(1)]
        end += suffix.end()
        mention.end = end
        after = text[end:end + 160]
    appositive = _appositive(after)
    if appositive is not None:
        mention.evidence.add("appositive")
    speech_after = re.match(rf"\s*(?:,[^,.]{{0,80}},\s*)?(?:{SPEECH})\b", after)
    speech_before = re.search(rf"\b(?:{INVERSION})\s*$", text[max(0, start - 30):start]) or (
        # "...," said Chief Officer of Acme, Ann Roe.
        re.search(rf"\b(?:{SPEECH})\b[^.;\"“”]{{0,150}},\s*$", text[max(0, start - 160):start])
        and re.match(r"\s*(?:[.,;]|$)", after))
    if re.match(r"\s+as\s+(?:its|the|a|an|his|her|their|our)\s+(?:[\w\-]+\s+){0,3}?("
                + "|".join(sorted(PERSON_NOUNS, key=len, reverse=True)) + r")\b", after):
        mention.evidence.add("appositive")
    if (speech_after or speech_before) and len(words) > 1:
        mention.evidence.add("speech")
    if re.match(r"\s*\((?:DOB|\d{1,3}\b)", after):
        mention.evidence.add("appositive")
    mention.role = _role(src, title_toks, after, appositive, start)
    if mention.role:
        window = max(0, start - 200)
        found = text.find(mention.role, window, end + 400)
        if found >= 0:
            mention.role_span = (found, found + len(mention.role))
    return mention


def _appositive(after: str) -> str | None:
    m = re.match(r",\s+(?:de\s+)?(\d{1,3})(?:\s+años)?\s*,", after)
    if m:
        return ""
    m = re.match(r",\s+(?:de la|del|de|of the|from the)\s+[A-ZÀ-Þ]", after)
    if m:  # "Ana Roe, de la Fiscalía ...": the body she comes from
        phrase = re.match(r",\s+([^,;()]{2,160}?)(?=[,;()]|\.\s|$)", after)
        return phrase.group(1) if phrase else ""
    m = re.match(r",\s+(?:who\s+is\s+|quien\s+es\s+)?([^,;.()]{2,140}?)(?=[,;.()]|\s+(?:" + SPEECH
                 + r")\b|$)", after)
    if not m:
        return None
    phrase = m.group(1).strip()
    words = re.findall(r"[\w’'\-]+", phrase)
    if not words:
        return None
    lowered = [w.lower() for w in words]
    opener = lowered[0] in {"a", "an", "the", "former", "un", "una", "el", "la", "from"}
    # the noun phrase's own words, before a preposition or a verb ("the vessel named ...")
    head = []
    for w in lowered[1:] if opener else lowered:
        if w in _PHRASE_ENDS or (w.endswith("ed") and head):
            break
        head.append(w)
    strong = [k for k, w in enumerate(head[:6]) if _strong(w)]
    if strong and any(w in ORG_HEADS for w in head[strong[0] + 1:]):
        return None  # "the Attorney General's Office": a body, not a role
    if (opener or any(_strong(w) for w in lowered[:6])) and (strong or lowered[0] == "from"):
        return phrase
    return None


_DETERMINERS = wordset("a an the his her their its our my your this that these those el la los "
                       "las un una le les")
_VERBS = wordset("found told met hit shot sent led saw is was are were be been thanked thank "
                 "praised named hired appointed elected welcomed joined")
_PHRASE_ENDS = wordset("of in at for on with to from by is was were has had who which that and "
                       "de del en para por con que")


def _role(src: Source, title_toks: list[Token], after: str, appositive: str | None,
          start: int) -> str | None:
    text = src.text
    while title_toks and (title_toks[0].lower in {"of", "for", "the", "and", "de", "del", "la",
                                                  "on"} or title_toks[0].lower in COMMON_CAPS):
        title_toks = title_toks[1:]
    if title_toks and any(_strong(t.lower) for t in title_toks):
        role = text[title_toks[0].start:title_toks[-1].start + len(title_toks[-1].text)]
        # lower-case words before the chunk that belong to the title ("acting", "former")
        lead = re.search(r"((?:\b(?:" + "|".join(sorted(ROLE_MODIFIERS | PERSON_NOUNS, key=len,
                                                               reverse=True))
                         + r")\s+)+)$", text[max(0, title_toks[0].start - 60):title_toks[0].start])
        if lead:
            role = lead.group(1) + role
        cap = r"[A-Z][\w’'\-]*(?:\.[A-Z]\.?)?"
        tail = re.match(rf"\s+((?:of|for)\s+(?:the\s+)?{cap}(?:\s+(?:(?:of|for|the|on)\s+)*"
                        rf"{cap})*)", after)
        if tail:
            role += " " + tail.group(1)
        role = role.strip()
        if role.lower() not in HONORIFICS and role.lower().rstrip(".") not in HONORIFICS:
            return role
    lead = re.search(r"((?:\b[\w’'\-]+\s+){0,5})\b(" + "|".join(sorted(PERSON_NOUNS, key=len,
                                                                        reverse=True))
                     + r")\s+$", text[max(0, start - 80):start])
    if lead and not title_toks:
        words = (lead.group(1) + lead.group(2)).split()
        keep: list[str] = []
        for w in reversed(words):
            low = w.lower()
            if w[-1:] in ",;:." or low in _PHRASE_ENDS or low in _DETERMINERS or (
                    low.endswith("ed") and low not in ROLE_MODIFIERS) or low in _VERBS:
                break
            keep.insert(0, w)
        return " ".join(keep) if keep else lead.group(2)
    if appositive:
        role = re.sub(r"^(?:a|an|who is|who|from(?: the)?|of the|de la|del|de)\s+", "",
                      appositive.strip())
        if re.match(r"from\b", appositive):
            m = re.match(r"from\s+(?:the\s+)?((?:[A-Z][\w’'\-]*(?:\s+|$)|(?:of|for|and|in|on|the"
                         r"|de|del)\s+)+)", appositive + " ")
            role = m.group(1).strip() if m else role
            role = re.sub(r"\s+(?:of|for|and|in|on|the|de|del)$", "", role)
        return role or None
    return None


def _surname_reuse(src: Source, mentions: list[Mention]) -> None:
    """A run whose surname is later used alone ("Roe said") names a person."""
    alone: dict[str, int] = {}
    for seg in src.segments:
        if seg.heading:
            continue
        for chunk in chunks(seg.text, seg.start):
            titled = len(chunk) >= 2 and (_strong(chunk[-2].lower) or chunk[-2].lower in HONORIFICS)
            if len(chunk) == 1 and not titled:
                # used as a person: not after a preposition ("of Education"), and after "the"
                # only as "the Roe family"
                before = src.text[max(0, chunk[0].start - 6):chunk[0].start].lower()
                after = src.text[chunk[0].end:chunk[0].end + 12].lower()
                if re.search(r"\b(?:of|for|in|at|to|on|from|by|into|with)\s+$", before):
                    continue
                if re.search(r"\bthe\s+$", before) and not re.match(
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


def _suffix(a: Mention, b: Mention) -> bool:
    """Is the shorter a titled mention of the longer's last names ("Dr. Guzmán Reyes")?"""
    short, long = (a, b) if len(a.tokens) < len(b.tokens) else (b, a)
    return len(short.tokens) < len(long.tokens) and "title" in short.evidence and [
        t.lower() for t in long.tokens[-len(short.tokens):]] == [t.lower() for t in short.tokens]


def _compatible(a: Mention, b: Mention) -> bool:
    if a.surname.lower() != b.surname.lower():
        return False
    if _suffix(a, b):
        return True
    ga, gb = a.given, b.given
    if not ga or not gb:
        return True
    first_a, first_b = ga[0].rstrip("."), gb[0].rstrip(".")
    if first_a.lower() == first_b.lower():
        return True
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0].lower() == first_b[0].lower()
    return False


def _merge(mentions: list[Mention]) -> list[PersonEntry]:
    mentions = sorted(mentions, key=lambda m: m.start)
    groups: list[list[Mention]] = []
    for m in mentions:
        target = None
        for group in groups:
            full = [g for g in group if g.given]
            if all(_compatible(m, g) for g in full) and any(_compatible(m, g) for g in group):
                if m.given and full and not any(
                        g.given[0].rstrip(".").lower() == m.given[0].rstrip(".").lower()
                        or len(g.given[0].rstrip(".")) == 1 or len(m.given[0].rstrip(".")) == 1
                        or _suffix(m, g) for g in full):
                    continue
                target = group
                break
        if target is None:
            groups.append([m])
        else:
            target.append(m)
    # a surname-only group joins the single full-name group with that surname
    merged: list[list[Mention]] = []
    for group in groups:
        if not any(g.given for g in group):
            surname = group[0].surname.lower()
            partners = [g for g in groups if g is not group and any(x.given for x in g)
                        and g[0].surname.lower() == surname]
            # "Ms. Peguero" is Rosanna Peguero Almonte (a first surname)
            partners = partners or [g for g in groups if g is not group and any(
                len(x.tokens) >= 3 and surname in (t.lower() for t in x.tokens[1:-1]
                                                   if not t.endswith("."))
                for x in g)]
            if len(partners) >= 1:
                partners[0].extend(group)
                continue
        merged.append(group)
    entries = []
    for group in merged:
        group.sort(key=lambda m: m.start)
        longest = max(len(m.tokens) for m in group)
        best = next(m for m in group if len(m.tokens) == longest)
        role = next((m.role for m in group if m.role), None)
        name = " ".join(best.tokens)
        entries.append(PersonEntry(name, role, group[0].start, group))
    entries.sort(key=lambda e: e.first)
    return entries


def _complete_surnames(entries: list[PersonEntry], extra_text: str) -> None:
    for entry in entries:
        if " " in entry.name or not extra_text:
            continue
        m = re.search(rf"\b([A-Z][a-z][\w’'\-]+(?:\s+[A-Z]\.)?)\s+{re.escape(entry.name)}\b",
                      extra_text)
        if m and m.group(1).lower() not in TITLE_WORDS:
            entry.name = f"{m.group(1)} {entry.name}"


def _all_mentions(src: Source, entries: list[PersonEntry]) -> list[tuple[int, int, int]]:
    spans: list[tuple[int, int, int]] = []
    for index, entry in enumerate(entries):
        for m in entry.mentions:
            spans.append((m.start, m.end, index))
    taken = [(a, b) for a, b, _ in spans]
    by_surname: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        for surname in {entry.surname} | {m.surname for m in entry.mentions}:
            by_surname.setdefault(surname, []).append(index)
    for tok in tokens(src.text):
        owners = by_surname.get(tok.text)
        if not owners or any(a <= tok.start < b for a, b in taken):
            continue
        end = tok.start + len(tok.text)
        if len(owners) == 1:
            spans.append((tok.start, end, owners[0]))
        else:  # two people share a surname: the one mentioned last
            last = max(((a, i) for a, _, i in spans if i in owners and a < tok.start),
                       default=(0, owners[0]))
            spans.append((tok.start, end, last[1]))
    spans.sort()
    return spans
