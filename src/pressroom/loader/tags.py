"""Topic tags from a small built-in vocabulary of press-release themes.

Each topic has keyword patterns; a topic is tagged when its keywords occur at least twice
(a hit in the title counts twice). Topics come first, strongest first, then the (at most
three) world regions named most, at least twice, in a fixed order. The result is
deterministic and lower-case.

A site may give a controlled vocabulary instead (`tags: vocabulary:` in pressroom.yaml):
then `find_vocabulary_tags` picks tags only from it, by the tag's own name and its
synonyms (see there); the built-in topics and regions are not used.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pressroom.loader.text import LazyPattern, trie_alternation

# topic -> keyword patterns (regular expressions, matched case-insensitively on word bounds)
TOPICS: dict[str, tuple[str, ...]] = {
    "trafficking in persons": (r"trafficking in persons", r"human trafficking",
                               r"traffick(?:ed|ing) (?:of )?(?:women|children|persons|people)",
                               r"labou?r trafficking", r"sex trafficking", r"trata de personas",
                               r"traite des (?:êtres humains|personnes)", r"forced labou?r",
                               r"sexual exploitation", r"labou?r exploitation",
                               r"trafficking victims?", r"victims? of trafficking",
                               r"human traffickers?", r"anti-trafficking"),
    "migrant smuggling": (r"smuggling of migrants", r"migrant smuggling",
                          r"tráfico (?:ilícito )?de migrantes", r"trafic de migrants"),
    "migration": (r"migra(?:tion|nts?|tory)", r"refugees?", r"asylum", r"displaced",
                  r"immigra(?:tion|nts?)", r"migraci[oó]n", r"migrantes?", r"réfugiés?"),
    "regional cooperation": (r"regional cooperation", r"cross-border cooperation",
                             r"cooperación regional", r"coopération régionale"),
    "drugs": (r"drugs?", r"narcotics?", r"fentanyl", r"cocaine", r"heroin", r"opioids?",
              r"methamphetamine", r"drogas?", r"stupéfiants"),
    "corruption": (r"corrupt(?:ion)?", r"bribe(?:s|ry)?", r"kickbacks?", r"corrupción"),
    "fraud": (r"fraud(?:ulent|s)?", r"scams?", r"deceptive", r"false claims", r"fraude"),
    "money laundering": (r"money laundering", r"launder(?:ed|ing)",
                         r"lavado de (?:dinero|activos)", r"blanchiment"),
    "cybercrime": (r"cyber(?:crime|attacks?|security)?", r"hack(?:ers?|ing|ed)",
                   r"data breach(?:es)?", r"ransomware", r"online child"),
    "terrorism": (r"terroris(?:m|ts?)", r"violent extremism", r"terrorismo"),
    "firearms": (r"firearms?", r"guns?", r"weapons?", r"armas de fuego"),
    "violence": (r"murder(?:ed)?", r"homicide", r"shooting", r"assault", r"kidnapp(?:ing|ed)",
                 r"violen(?:ce|t)"),
    "child protection": (r"child (?:exploitation|abuse|pornography|sexual abuse)",
                         r"children'?s? rights", r"minors?"),
    "health": (r"health", r"hospitals?", r"medical", r"disease", r"pandemic", r"vaccines?",
               r"salud", r"santé"),
    "climate": (r"climate", r"global warming", r"emissions", r"clima", r"climat"),
    "environment": (r"environment(?:al)?", r"wildlife", r"illegal fishing", r"deforestation",
                    r"pollution", r"medio ambiente", r"environnement"),
    "justice": (r"prosecut(?:ion|ors?|ed)", r"convict(?:ed|ion)", r"sentenced?",
                r"indict(?:ed|ment)", r"court", r"judicial"),
    "consumer protection": (r"consumer protection", r"consumers?", r"price gouging"),
    "education": (r"students?", r"education", r"schools?", r"universit(?:y|ies)"),
    "technology": (r"open source", r"software", r"developers?", r"platform", r"javascript"),
    "humanitarian aid": (r"humanitarian", r"famine", r"hunger", r"emergency assistance"),
    "peace and security": (r"peacekeeping", r"security council", r"armed conflict", r"ceasefire"),
    "human rights": (r"human rights", r"derechos humanos", r"droits de l'homme"),
    "women": (r"women", r"gender", r"mujeres", r"femmes"),
}
REGIONS: dict[str, tuple[str, ...]] = {
    "caribbean": (r"Caribbean", r"Caribe", r"Caraïbes"),
    "latin america": (r"Latin America", r"América Latina", r"Amérique latine"),
    "central america": (r"Central America", r"Centroamérica", r"América Central"),
    "south america": (r"South America", r"Sudamérica", r"América del Sur"),
    "north america": (r"North America",),
    "africa": (r"Africa", r"África", r"Afrique"),
    "west africa": (r"West(?:ern)? Africa", r"África Occidental", r"Afrique de l'Ouest"),
    "east africa": (r"East(?:ern)? Africa",),
    "sahel": (r"Sahel",),
    "europe": (r"Europe", r"Europa"),
    "balkans": (r"Balkans",),
    "middle east": (r"Middle East", r"Medio Oriente", r"Oriente Medio", r"Moyen-Orient"),
    "central asia": (r"Central Asia",),
    "south asia": (r"South Asia",),
    "southeast asia": (r"South-?East Asia",),
    "asia": (r"Asia",),
    "pacific": (r"Pacific",),
}
MAX_TOPICS = 3
MAX_REGIONS = 3


@cache
def _compiled(pattern: str, flags: int) -> tuple[str, re.Pattern[str]]:
    """A keyword pattern on word bounds, with the lower-case letters every match opens with
    (at most three), so patterns whose opening is nowhere in the text are skipped."""
    lead = re.match(r"[^\W\d_]+", pattern)
    opening = lead.group() if lead else ""
    if opening and pattern[len(opening):len(opening) + 1] in ("?", "*", "{"):
        opening = opening[:-1]  # "guns?": the last letter is optional
    # a keyword may start a compound ("climate-ready"), not end one ("non-violent")
    return opening[:3].lower(), re.compile(rf"(?<![\w-]){pattern}(?!\w)", flags)


class _Words:
    """A text with the offsets of its words that open (in lower case) with the first three
    letters of a keyword, so that a keyword is tried only where a word opens with its
    letters."""

    def __init__(self, text: str) -> None:
        self.text = text
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter that lower-cases to two ("İ")
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.starts: dict[str, list[int]] = {}  # opening -> offsets of the words
        at_start, after_other = _openings()
        first = at_start.match(lowered)  # a word that opens the text
        if first is not None:
            self.starts[first.group()] = [0]
        for m in after_other.finditer(lowered):  # the words after a character not a letter
            self.starts.setdefault(m.group(1), []).append(m.start(1))


@cache
def _index(kind: str) -> tuple[dict[str, list[tuple[int, re.Pattern[str]]]],
                               list[tuple[int, re.Pattern[str]]]]:
    """The keyword patterns of TOPICS ("topics") or REGIONS ("regions") by their opening:
    (opening -> [(index of topic, pattern)], patterns without a three-letter opening)."""
    table, flags = (TOPICS, re.IGNORECASE) if kind == "topics" else (REGIONS, 0)
    by_opening: dict[str, list[tuple[int, re.Pattern[str]]]] = {}
    always = []
    for index, patterns in enumerate(table.values()):
        for pattern in patterns:
            opening, regex = _compiled(pattern, flags)
            if len(opening) < 3:
                always.append((index, regex))
            else:
                by_opening.setdefault(opening, []).append((index, regex))
    return by_opening, always


def _scores(kind: str, words: _Words) -> list[int]:
    """Matches of each topic's (or region's) patterns in the text, each pattern counted as
    `re.findall` would count it."""
    by_opening, always = _index(kind)
    totals = [0] * len(TOPICS if kind == "topics" else REGIONS)
    text = words.text
    for index, regex in always:
        totals[index] += len(regex.findall(text))
    for opening, starts in words.starts.items():
        if opening not in by_opening:
            continue
        for index, regex in by_opening[opening]:
            end = 0
            for pos in starts:
                if pos < end:
                    continue
                m = regex.match(text, pos)
                if m is not None:
                    totals[index] += 1
                    end = max(m.end(), pos + 1)
    return totals


@cache
def _openings() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The keywords' three-letter openings at the start of a word: at the start of the text,
    and after a character that is not a letter (the scan skips the letters a-z of the
    lower-cased text at once, and checks other characters with the look-behind)."""
    openings = trie_alternation(set(_index("topics")[0]) | set(_index("regions")[0]))
    return re.compile(openings), re.compile(rf"[^a-z](?<=[\W\d_])({openings})")


def find_tags(title: str, body: str, names: tuple[str, ...] = ()) -> list[str]:
    """Lower-case topic tags for a release; `names` (of bodies) are not read as topics."""
    for name in sorted(names, key=len, reverse=True):
        title, body = title.replace(name, " "), body.replace(name, " ")
    in_title, in_body = _Words(title), _Words(body)
    scored = []
    for order, (topic, a, b) in enumerate(zip(TOPICS, _scores("topics", in_title),
                                              _scores("topics", in_body), strict=True)):
        score = 2 * a + b
        if score >= 2:
            scored.append((-score, order, topic))
    topics = [t for _, _, t in sorted(scored)[:MAX_TOPICS]]
    scores = {}
    for order, (region, a, b) in enumerate(zip(REGIONS, _scores("regions", in_title),
                                               _scores("regions", in_body), strict=True)):
        score = 2 * a + b
        if score >= 2:
            scores[region] = (score, order)
    # a broad region adds nothing beside one of its parts named as often
    for broad, parts in (("africa", ("west africa", "east africa", "sahel")),
                         ("asia", ("central asia", "south asia", "southeast asia")),
                         ("latin america", ("central america", "south america"))):
        if broad in scores and any(scores.get(p, (0,))[0] >= scores[broad][0] for p in parts):
            del scores[broad]
    chosen = sorted(scores, key=lambda r: (-scores[r][0], scores[r][1]))[:MAX_REGIONS]
    return topics + sorted(chosen, key=lambda r: scores[r][1])


# --------------------------------------------------------------------------- a site's vocabulary

Vocabulary = tuple[tuple[str, tuple[str, ...]], ...]
"""(tag, synonyms) pairs, as `pressroom.config.TagSettings.vocabulary` holds them."""
MAX_VOCABULARY_TAGS = 8
MIN_WEIGHT = 2  # one mention in the title or the lead, or two further down
WEIGHTS = {"title": 3, "deck": 2, "lead": 2}  # any other paragraph: 1
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "´": "'"})
_ABOUT_THE = LazyPattern(r"(?i:about\s+the)\s+[A-Z0-9][^.!?]{0,80}")
_LETTERS3 = LazyPattern(r"[^\W\d_]{3}")
_OPENING = LazyPattern(r"(?<![^\W\d_])[^\W\d_]{3}")  # the first three letters of a word
_LETTER = LazyPattern(r"[^\W\d_]")
_GAP = r"[\s\-\u2010\u2011]+"  # what separates the words of a phrase: spaces or a hyphen


def fold(text: str) -> str:
    """`text` for matching: case-folded, accents dropped, one kind of apostrophe."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_APOSTROPHES))
    if text.isascii():
        return text
    return "".join(c for c in text if not unicodedata.combining(c))


@dataclass(frozen=True)
class _Term:
    tag: str
    phrases: tuple[str, ...]  # folded, longest first
    openings: tuple[str, ...] | None  # the first three letters of the phrases (None: some
    regex: re.Pattern[str]            # phrase opens otherwise, the whole text is searched)


class _Folded:
    """A folded text with the first three letters of each of its words; the offsets of the
    words that open with given letters are worked out once (vocabulary phrases are tried
    only there)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.openings = set(_OPENING.findall(text))
        self._starts: dict[str, list[int]] = {}

    def starts(self, opening: str) -> list[int]:
        """Offsets of the words that open with `opening`."""
        found = self._starts.get(opening)
        if found is None:
            found = self._starts[opening] = []
            text = self.text
            pos = text.find(opening)
            while pos >= 0:
                if pos == 0 or not _LETTER.match(text, pos - 1):
                    found.append(pos)
                pos = text.find(opening, pos + 1)
        return found


@cache
def _terms(vocabulary: Vocabulary) -> tuple[_Term, ...]:
    """The vocabulary compiled: each tag's phrases (itself and its synonyms) as one pattern
    on word bounds."""
    terms = []
    for tag, synonyms in vocabulary:
        phrases = sorted({fold(p) for p in (tag, *synonyms)}, key=lambda p: (-len(p), p))
        words = [split for split in ([w for w in re.split(_GAP, p) if w] for p in phrases)
                 if split]
        if not words:  # no word in any of its phrases (pressroom.yaml refuses those)
            continue
        alternatives = "|".join(_GAP.join(map(re.escape, w)) for w in words)
        openings = [_LETTERS3.match(w[0]) for w in words]
        terms.append(_Term(tag, tuple(phrases),
                           None if None in openings else tuple({m.group() for m in openings
                                                                if m is not None}),
                           re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return tuple(terms)


def weighted_parts(texts: Sequence[tuple[str, str]], lead: int | None) -> list[tuple[str, int]]:
    """(text, weight) for the title, deck, lead and body, given as (text, kind) pairs with
    the index of the lead among them.

    The parts stop at an "About the <Name>" heading after the lead: boilerplate that the
    loader's own cut (`text.is_boilerplate_start`) lets through when "the" follows "About".
    """
    parts = []
    for index, (text, kind) in enumerate(texts):
        if index > (lead or 1) and kind == "heading" and _ABOUT_THE.fullmatch(text.strip()):
            break
        parts.append((text, WEIGHTS.get("lead" if index == lead else kind, 1)))
    return parts


def find_vocabulary_tags(parts: Sequence[tuple[str, int]], vocabulary: Vocabulary,
                         names: tuple[str, ...] = ()) -> list[str]:
    """Tags from `vocabulary` only: those whose name or synonyms occur in `parts` ((text,
    weight) pairs: the release without its boilerplate), ranked by weighted mentions.

    Phrases match whole words, ignoring case and accents, a space matching a hyphen. A tag
    needs a weight of MIN_WEIGHT; at most MAX_VOCABULARY_TAGS are kept, heaviest first
    (ties in the vocabulary's order). The names of bodies (`names`) are not read, except
    by a tag that lists the very name.
    """
    names = tuple(sorted(set(names), key=len, reverse=True))
    folded = [fold(n) for n in names]
    texts: dict[tuple[str, ...], list[tuple[_Folded, int]]] = {}  # by the names hidden
    scored = []
    for order, term in enumerate(_terms(vocabulary)):
        hidden = tuple(n for n, f in zip(names, folded, strict=True) if f not in term.phrases)
        if hidden not in texts:
            texts[hidden] = [(_Folded(fold(_hide(text, hidden))), weight)
                             for text, weight in parts]
        score = sum(weight * _count(term, text) for text, weight in texts[hidden])
        if score >= MIN_WEIGHT:
            scored.append((-score, order, term.tag))
    return [tag for _, _, tag in sorted(scored)[:MAX_VOCABULARY_TAGS]]


def _hide(text: str, names: tuple[str, ...]) -> str:
    for name in names:
        text = text.replace(name, " ")
    return text


def _count(term: _Term, words: _Folded) -> int:
    """How often `term` occurs in `words` (as `finditer` counts), trying its pattern only
    where a word opens with the letters one of its phrases opens with."""
    if term.openings is None:
        return sum(1 for _ in term.regex.finditer(words.text))
    starts = sorted({pos for opening in term.openings if opening in words.openings
                     for pos in words.starts(opening)})
    count = end = 0
    for pos in starts:
        if pos >= end and (m := term.regex.match(words.text, pos)) is not None:
            count, end = count + 1, m.end()
    return count
