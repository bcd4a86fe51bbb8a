"""Titles, speech verbs and roles: how a release says who someone is.

A title before a name ("Acting U.S. Attorney ..."), an appositive after it ("Ann Roe,
director of ..."), or a person noun ("police officer Ann Roe") gives the person's role.
The word lists are kinds of words (titles, speech verbs), never names.
"""

from __future__ import annotations

import re
from functools import cache

from pressroom.loader.names import (
    COMMON_CAPS,
    ORG_HEADS,
    PERSON_NOUNS,
    ROLE_MODIFIERS,
    TITLE_WORDS,
    Source,
    Token,
    alternation,
    ends_with_word,
    last_words,
)
from pressroom.loader.text import LazyPattern, wordset

SUFFIXES = wordset("jr. sr. jr sr ii iii iv")


HONORIFICS = wordset("mr. mrs. ms. dr. mr mrs ms dr miss mx. sr. sra. srta. m. mme mme. mlle "
                       "prof. prof sir dame")


# Words that on their own mark a title ("Director", "Judge"); modifiers such as "General",
# "Deputy" or "National" count only next to one of these.
STRONG_TITLES = (TITLE_WORDS | PERSON_NOUNS | {"ag", "da", "ceo", "cto"}) - ROLE_MODIFIERS - {
    "affairs", "program", "programme", "project", "operations", "research", "policy",
    "development", "communications", "marketing", "product", "engineering", "board",
    "field", "country", "global", "international", "high"}


def _by_first_letter(alternation: str) -> str:
    """The same alternation with its alternatives grouped by their first character
    ("said|says|stated|added" -> "s(?:aid|ays|tated)|a(?:dded)"), so that a pattern tries only
    the group of the character it meets. Every alternative must start with a plain letter."""
    alternatives, depth, start = [], 0, 0
    for i, char in enumerate(alternation):
        depth += char == "("
        depth -= char == ")"
        if char == "|" and depth == 0:
            alternatives.append(alternation[start:i])
            start = i + 1
    alternatives.append(alternation[start:])
    groups: dict[str, list[str]] = {}
    for alternative in alternatives:
        groups.setdefault(alternative[0], []).append(alternative[1:])
    return "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())


SPEECH_VERBS = (r"said|says|stated|states|added|adds|explained|explains|noted|notes|commented|"
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
SPEECH = _by_first_letter(SPEECH_VERBS)  # (the same verbs, quicker to try)


# speech verbs that may stand before their speaker ("said Ann Roe"; "announced Acme" is not)
INVERSION = (r"said|says|stated|added|explained|noted|commented|remarked|continued|concluded|"
             r"declared|wrote|asked|replied|responded|answered|cautioned|observed|recalled|"
             r"dijo|afirmó|explicó|señaló|indicó|declaró|expresó|agregó|añadió|comentó|subrayó|"
             r"destacó|a déclaré|a dit|a affirmé|a expliqué|a souligné|a ajouté|a indiqué|"
             r"a rappelé|a précisé|a conclu")


def low(tok: Token) -> str:
    return tok.lower.rstrip(".")


def title_run(toks: list[Token]) -> bool:
    """Do the tokens end with a title such as "Attorney General" (title words only), or one
    that "Chief" opens ("Chief Executive": "Chief" before title words is the title's head;
    "Chief of Police", "Chief of Staff": so is "Chief of" before them)?"""
    for k in range(len(toks) - 1, -1, -1):
        tok = toks[k]
        if strong_title(tok.lower):
            return True
        if tok.lower == "of" and 0 < k < len(toks) - 1 and toks[k - 1].text == "Chief":
            return True
        if low(tok) not in TITLE_WORDS or tok.possessive:
            return False
        if tok.text == "Chief" and k < len(toks) - 1:
            return True
    return False


def strong_title(word: str) -> bool:
    word = word.rstrip(".")
    if word in STRONG_TITLES:
        return True
    if "-" not in word:
        return False
    parts = word.split("-")
    # "Director-General", "President-elect": a title with a word that qualifies it
    return any(part in STRONG_TITLES for part in parts[1:]) or (
        parts[0] in STRONG_TITLES and parts[-1] in _TITLE_QUALIFIERS)


_TITLE_QUALIFIERS = wordset("general elect designate")


def title_head(words: list[str], k: int) -> bool:
    """Is `words[k]` (lower case) the head of a title: a strong title, or "chief" before "of"
    or a title word ("Chief of Staff", "chief of police", "Chief Executive"; "chief" alone is
    only a modifier)?"""
    return strong_title(words[k]) or (
        words[k] == "chief" and k + 1 < len(words) and (
            words[k + 1] == "of" or words[k + 1].rstrip(".") in TITLE_WORDS))


_AGE = LazyPattern(r",\s+(?:de\s+)?(\d{1,3})(?:\s+años)?\s*,")
_FROM_BODY = LazyPattern(r",\s+(?:de la|del|de|of the|from the)\s+[A-ZÀ-Þ]")
_PHRASE = LazyPattern(r",\s+([^,;()]{2,160}?)(?=[,;()]|\.\s|$)")
# (a word with a dot inside is one word: "Node.js", not a title in "www.example.gov")
_PHRASE_WORDS = LazyPattern(r"[\w’'\-]+(?:\.\w[\w’'\-]*)*")


# (a dot inside a word does not end it: "the Node.js Foundation", "Acme.com"; nor does the
# last dot of "U.S." before a lower-case word, or before a title word when "U.S." opens the
# appositive: "U.S. Marshal for ...")
_DOT_GOES_ON = (r"\.(?=\w)|(?<=\b[A-Z]\.[A-Z])\.(?=\s+[a-z])|(?<=,\s[A-Z]\.[A-Z])\.(?=\s+(?i:"
                + alternation(TITLE_WORDS) + r")\b)")
_APPOSITIVE = LazyPattern(r",\s+(?:who\s+is\s+|quien\s+es\s+)?((?:[^,;.()]|" + _DOT_GOES_ON
                          + r"){2,140}?)(?=[,;()]|(?!" + _DOT_GOES_ON + r")\.|\s+(?:"
                          + SPEECH + r")\b|$)")


# A title's object may be a series of capitalised nouns, joined by commas and a last "and":
# "Cabinet Secretary for Water, Sanitation and Irrigation". An item is up to three words.
_ITEM = r"[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*){0,2}"
_OF_CAPS = LazyPattern(r"\b(?:of|for)\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*$")
# (the rest of the series after its first item, up to the end of the appositive)
_SERIES = LazyPattern(rf"(?:,\s+{_ITEM})+,?\s+and\s+{_ITEM}(?=\s*(?:[,;.()]|$)|\s+(?:"
                      + SPEECH + r")\b)")
# (a whole title with such an object that ends the text before a name)
_SERIES_TITLE = LazyPattern(r"(?<![\w’'\-.])([A-Z][\w’'\-.]*(?:\s+(?:(?:of|for|the)\s+)*"
                            rf"[A-Z][\w’'\-.]*){{0,5}})\s+(?:of|for)\s+(?:the\s+)?{_ITEM}"
                            rf"((?:,\s+{_ITEM})+,?\s+and\s+{_ITEM}),?\s*$")
_SERIES_SPLIT = LazyPattern(r",?\s+and\s+|,\s+")


def _title_items(series: str) -> bool:
    """Are the items of a series (", Sanitation and Irrigation") nouns of a title rather than
    other people or bodies listed after it (", Tom Lee and Ann Poe", ", WHO and UNICEF")?"""
    items = _SERIES_SPLIT.split(series)[1:]
    for item in items:
        words = item.split()
        if any(w.isupper() or w.lower() in COMMON_CAPS for w in words):
            return False
        # several words are a name unless one is a kind of word ("Rural Affairs")
        if len(words) > 1 and not any(w.lower() in TITLE_WORDS and not strong_title(w.lower())
                                      for w in words):
            return False
    # a modifier does not end an item: "... and Public" goes on ("Public Transport")
    return items[-1].split()[-1].lower() not in ROLE_MODIFIERS


def _series_rest(after: str, end: int, phrase: str) -> str:
    """The rest of a series that ends the title `phrase` (", Sanitation and Irrigation" after
    "Cabinet Secretary for Water"), found in `after` at `end`; "" when none goes on it."""
    if not _OF_CAPS.search(phrase):
        return ""
    m = _SERIES.match(after, end)
    return m.group() if m is not None and _title_items(m.group()) else ""


def series_title(before: str) -> str | None:
    """The title with a series for its object that ends `before`, the text just before a
    name: "Cabinet Secretary for Water, Sanitation and Irrigation Ann Roe" (None if none)."""
    if " and " not in before[-60:]:
        return None  # (quick)
    m = _SERIES_TITLE.search(before)
    if m is None or not _title_items(m.group(2)) or \
            not any(strong_title(w) for w in m.group(1).lower().split()):
        return None
    title = before[m.start():].rstrip().rstrip(",")
    while title.split(None, 1)[0].lower() in COMMON_CAPS:  # "The", "Yesterday": not the title's
        title = title.split(None, 1)[1]
    return title


_LEADS = LazyPattern(r",\s+who\s+(leads|heads|directs|runs|chairs|coordinates)\s+(the\s+"
                     r"[^,;.()]{2,140}?)(?=[,;.()]|$)")
_LEADER = {"leads": "head", "heads": "head", "directs": "director", "runs": "head",
           "chairs": "chair", "coordinates": "coordinator"}


def appositive_of(after: str) -> str | None:
    if not after.startswith(","):
        return None  # every appositive follows a comma
    m = _AGE.match(after)
    if m:
        return ""
    m = _FROM_BODY.match(after)
    if m:  # "Ana Roe, de la Fiscalía ...": the body she comes from
        phrase = _PHRASE.match(after)
        return phrase.group(1) if phrase else ""
    m = _LEADS.match(after)
    if m:  # "Tom Roe, who leads the agency's unit," is the head of that unit
        return f"{_LEADER[m.group(1)]} of {m.group(2)}"
    m = _APPOSITIVE.match(after)
    if not m:
        return None
    phrase = m.group(1).strip()
    words = _PHRASE_WORDS.findall(phrase)
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
    skip = 1 if opener else 0
    strong = [k for k in range(min(len(head), 6)) if title_head(lowered, k + skip)]
    if strong and _ends_with_a_body(head[strong[0] + 1:]):
        return None  # "the Attorney General's Office": a body, not a role
    if (opener or any(title_head(lowered, k) for k in range(min(len(lowered), 6)))) and (
            strong or lowered[0] == "from"):
        rest = _series_rest(after, m.end(1), phrase) or _workplace(after, m.end(1))
        return phrase + rest
    return None


def _ends_with_a_body(words: list[str]) -> bool:
    """Do the words after a title's head name a body, with no title after the body's head
    ("Executive Office", not "Executive Office spokesperson")?"""
    body = next((k for k in range(len(words) - 1, -1, -1) if words[k] in ORG_HEADS), None)
    return body is not None and not any(strong_title(w) for w in words[body + 1:])


# the part after a role's comma that ends the sentence or the list item
_NEXT_PART = LazyPattern(r",\s+((?:[^,;.()“”\"]|\.(?=\w)){2,120}?)(?=;|\.(?!\w)|\s*\n)")
_AT_BODY = LazyPattern(r"\bat\s+(?:the\s+)?[A-Z]")
_SPEECH_WORD = LazyPattern(rf"\b(?:{SPEECH})\b")
_WEEKDAYS = wordset("monday tuesday wednesday thursday friday saturday sunday")


def _workplace(after: str, end: int) -> str:
    """What goes on a role after its comma when it says where the person works, up to the
    end of the sentence or list item: the body ("Special Agent in Charge, Drug Enforcement
    Administration"), a unit at a body ("senior director, Product Management at Acme") or a
    second post there ("board member, vice president of sales at Acme"); "" when none."""
    m = _NEXT_PART.match(after, end)
    if m is None:
        return ""
    part = m.group(1).strip()
    words = part.split()
    lowered = [w.lower() for w in words]
    if lowered[0] in COMMON_CAPS or _WEEKDAYS.intersection(lowered) or \
            _SPEECH_WORD.search(part):
        return ""  # "and Tom Poe, ...", "at the meeting", "Tuesday at noon", "she said"
    capitalised = all(w[0].isupper() or w in _CONNECTORS for w in words)
    if _AT_BODY.search(part) and (capitalised or any(strong_title(w) for w in lowered)) or \
            capitalised and words[0][0].isupper() and lowered[-1] in ORG_HEADS:
        return after[end:m.end(1)]
    return ""


_CONNECTORS = wordset("of for and the on at in &")


_DETERMINERS = wordset("a an the his her their its our my your this that these those el la los "
                       "las un una le les")


_VERBS = wordset("found told met hit shot sent led saw is was are were be been thanked thank "
                 "praised named hired appointed elected welcomed joined")


_PHRASE_ENDS = wordset("of in at for on with to from by is was were has had who which that and "
                       "de del en para por con que")


_LEAD_WORDS = ROLE_MODIFIERS | PERSON_NOUNS

# person nouns of Spanish and French, which put an adjective after them ("fiscal dominicana")
ROMANCE_PERSON_NOUNS = wordset(
    "fiscal fiscala jefe jefa juez jueza alcalde alcaldesa ministro ministra presidente "
    "presidenta directora coordinador coordinadora procurador procuradora embajador "
    "embajadora secretario secretaria portavoz vocero vocera consejero consejera abogado "
    "abogada ministre juge procureur procureure maire directeur directrice présidente "
    "ambassadeur ambassadrice conseiller conseillère porte-parole")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    return {
        "lead": re.compile(r"((?:\b(?:" + alternation(_LEAD_WORDS)
                           + r")\s+)+)$"),
        "noun": re.compile(r"((?:\b[\w’'\-]+\s+){0,5})\b(" + alternation(PERSON_NOUNS)
                           + r")\s+$"),
    }


_TITLE_OBJECT = wordset("of for de del")
_ISSUED = wordset("statement remarks message speech letter declaración declaracion déclaration "
                  "comunicado communiqué")


def _acronym(toks: list[Token]) -> bool:
    """Is the first token an acronym in mixed-case text ("UN", not the article "un" nor "A")?"""
    return len(toks[0].text) > 1 and toks[0].text.isupper() and len(toks) > 1 and \
        not toks[1].text.isupper()


# words that open an appositive without being part of the role
# (a possessive anywhere in it keeps "the": "the Health Minister's adviser", "the
# Netherlands' ambassador")
_APPOSITIVE_OPENER = LazyPattern(r"^(?:a|an|who is|who|from(?: the)?|of the|de la|del|de|"
                                 r"the(?![^,]*\w['’](?:s\b|\s)))\s+")


def role_of(src: Source, title_toks: list[Token], after: str, appositive: str | None,
          start: int) -> str | None:
    text = src.text
    while title_toks and (title_toks[0].lower in {"of", "for", "the", "and", "de", "del", "la",
                                                  "on"} or title_toks[0].lower in COMMON_CAPS
                          and not _acronym(title_toks)):  # ("UN Secretary-General")
        title_toks = title_toks[1:]
    # "Statement of Attorney General", "Declaración del Fiscal": the title starts after the
    # words of what the person issued (not so "Bank of England Governor": a body's name)
    if len(title_toks) > 2 and title_toks[0].lower in _ISSUED and \
            title_toks[1].lower in _TITLE_OBJECT:
        title_toks = title_toks[2:]
    while len(title_toks) > 1 and title_toks[-1].lower in HONORIFICS:
        title_toks = title_toks[:-1]  # "Secretary of Education Dr. Ann Roe"
    if title_toks and (any(strong_title(t.lower) for t in title_toks)
                       or title_toks[-1].text == "Chief"  # "Police Chief"
                       or title_run(title_toks)):  # "Chief Executive"
        role = text[title_toks[0].start:title_toks[-1].start + len(title_toks[-1].text)]
        # lower-case words before the chunk that belong to the title ("acting", "former")
        window = text[max(0, title_toks[0].start - 60):title_toks[0].start]
        lead = _patterns()["lead"].search(window) if any(
            ends_with_word(w, _LEAD_WORDS) for w in last_words(window, 1)) else None
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
    window = text[max(0, start - 80):start]
    lead = _patterns()["noun"].search(window) if any(
        ends_with_word(w, PERSON_NOUNS) for w in last_words(window, 1)) else None
    if lead and not title_toks:
        words = (lead.group(1) + lead.group(2)).split()
        keep: list[str] = []
        for w in reversed(words):
            low = w.lower()
            if w[-1:] in ",;:." or low in _PHRASE_ENDS or low in _DETERMINERS or low == "as" or (
                    low.endswith("ed") and low not in ROLE_MODIFIERS) or low in _VERBS:
                break
            keep.insert(0, w)
        return " ".join(keep) if keep else lead.group(2)
    if not title_toks:
        # "la fiscal dominicana Ana Roe": a Spanish or French person noun and its adjective
        pair = last_words(text[max(0, start - 60):start], 2)
        if len(pair) == 2 and pair[0].lower() in ROMANCE_PERSON_NOUNS and \
                re.fullmatch(r"[a-zà-ÿ]+[aeo]s?", pair[1]) and pair[1] not in _PHRASE_ENDS | \
                _DETERMINERS | COMMON_CAPS:
            return f"{pair[0]} {pair[1]}"
    if appositive:
        # "Ann Roe, the Minister of Health," is the Minister of Health (but "the Initiative's
        # officer" keeps its article: the possessive needs it)
        role = _APPOSITIVE_OPENER.sub("", appositive.strip())
        if re.match(r"from\b", appositive):
            m = re.match(r"from\s+(?:the\s+)?((?:[A-Z][\w’'\-]*(?:\s+|$)|(?:of|for|and|in|on|the"
                         r"|de|del)\s+)+)", appositive + " ")
            role = m.group(1).strip() if m else role
            role = re.sub(r"\s+(?:of|for|and|in|on|the|de|del)$", "", role)
        return role or None
    return None
