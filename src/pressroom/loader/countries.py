"""Countries named in a release, as short English names ("Venezuela", "Curaçao").

Names come from pycountry (English, plus its Spanish and French translations) and a small
alias table for common or disputed forms. A name counts only where it names the country:
not inside a longer proper name ("New Mexico", "Latin America", "Mexico City", "United
States Coast Guard"), not "U.S." used as an adjective ("U.S. Attorney"), and not a US
territory listed among US states. Demonyms ("Venezuelan") never match.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import re
from functools import lru_cache

from pressroom.loader.names import (
    GEO_HEADS,
    MONTH_WORDS,
    ORG_HEADS,
    PLACE_PREFIXES,
    TITLE_WORDS,
    Source,
)
from pressroom.loader.text import trie_alternation

# Display names where pycountry's are formal or awkward.
DISPLAY = {
    "VEN": "Venezuela", "BOL": "Bolivia", "IRN": "Iran", "KOR": "South Korea",
    "PRK": "North Korea", "RUS": "Russia", "SYR": "Syria", "LAO": "Laos", "VNM": "Vietnam",
    "TZA": "Tanzania", "MDA": "Moldova", "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo", "PSE": "Palestine", "TWN": "Taiwan", "FSM": "Micronesia",
    "VAT": "Vatican City", "BRN": "Brunei", "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands", "TUR": "Türkiye", "XKX": "Kosovo", "MAC": "Macao",
    "FLK": "Falkland Islands", "SHN": "Saint Helena", "BES": "Caribbean Netherlands",
    "MAF": "Saint Martin", "SXM": "Sint Maarten", "CIV": "Côte d'Ivoire",
}
# Other ways of writing a country (matched as written, capitalised).
ALIASES = {
    "Curacao": "CUW", "Russia": "RUS", "Turkey": "TUR", "Turkiye": "TUR", "Korea": "KOR",
    "Republic of Korea": "KOR", "DPRK": "PRK", "Great Britain": "GBR", "Britain": "GBR",
    "UK": "GBR", "U.K.": "GBR", "England": "GBR", "Scotland": "GBR", "Wales": "GBR",
    "Northern Ireland": "GBR", "Holland": "NLD", "The Netherlands": "NLD", "Burma": "MMR",
    "Ivory Coast": "CIV", "Cote d'Ivoire": "CIV", "Cote d’Ivoire": "CIV", "Côte d’Ivoire": "CIV",
    "Cape Verde": "CPV", "East Timor": "TLS", "Swaziland": "SWZ", "Macedonia": "MKD",
    "Czech Republic": "CZE", "Vatican": "VAT", "Holy See": "VAT", "DR Congo": "COD",
    "DRC": "COD", "Democratic Republic of Congo": "COD",
    "Democratic Republic of the Congo": "COD", "Republic of the Congo": "COG",
    "Kosovo": "XKX", "Palestine": "PSE", "State of Palestine": "PSE", "Vietnam": "VNM",
    "Laos": "LAO", "Syria": "SYR", "Iran": "IRN", "Bolivia": "BOL", "Venezuela": "VEN",
    "Tanzania": "TZA", "Moldova": "MDA", "Brunei": "BRN", "Micronesia": "FSM",
    "The Bahamas": "BHS", "The Gambia": "GMB", "South Korea": "KOR", "North Korea": "PRK",
    "United States": "USA", "United States of America": "USA", "USA": "USA", "U.S.A.": "USA",
    "U.S.": "USA", "US": "USA", "America": "USA", "Estados Unidos": "USA", "EE.UU.": "USA",
    "EEUU": "USA", "EE. UU.": "USA", "Etats-Unis": "USA", "Russian Federation": "RUS",
}
# Forms that are also adjectives; they count only where they stand for the country.
_ADJECTIVAL = {"U.S.", "US", "USA", "U.S.A.", "UK", "U.K.", "America", "EE.UU.", "EEUU"}
_US_TERRITORIES = {"PRI", "GUM", "ASM", "MNP", "VIR", "UMI"}
_AMBIGUOUS_WITH_STATES = {"GEO"} | _US_TERRITORIES
_COUNTRY_WORDS = {"and", "or", "but", "in", "on", "at", "to", "for", "from", "with", "by",
                  "is", "was", "were", "are", "has", "had", "have", "will", "would", "can",
                  "could", "may", "might", "should", "must", "since", "after", "before", "where",
                  "when", "who", "which", "that", "as", "illegally", "legally", "through", "via",
                  "until", "over", "under", "itself", "alone"}


def _forms_pattern(forms: list[str]) -> re.Pattern[str]:
    """Every written form of a country, not inside a longer word (one alternation of all
    forms, longest first, written as a trie)."""
    return re.compile(trie_alternation(forms, r"(?<![\w.\-].)") + r"(?![\w\-]|\.\w)")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], re.Pattern[str], frozenset[str]]:
    import gettext  # (imported here: importing pycountry takes a tenth of a second)

    import pycountry

    display: dict[str, str] = {}
    forms: dict[str, str] = {}
    translations = []
    for lang in ("es", "fr"):
        with contextlib.suppress(OSError):
            translations.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR,
                                                    languages=[lang]))
    for country in pycountry.countries:
        code = country.alpha_3
        common = getattr(country, "common_name", None)
        name = DISPLAY.get(code) or common or country.name.split(",")[0].strip()
        display[code] = name
        for form in {country.name, common, getattr(country, "official_name", None), name}:
            if form and "," not in form and "(" not in form:
                forms.setdefault(form, code)
        for tr in translations:
            for form in {tr.gettext(country.name), tr.gettext(common) if common else None}:
                if form and "," not in form and "(" not in form and len(form) > 3:
                    forms.setdefault(form, code)
    display["XKX"] = "Kosovo"
    forms.update(ALIASES)
    pattern = _forms_pattern(list(forms))
    states = frozenset(s.name for s in pycountry.subdivisions.get(country_code="US") or [])
    return display, forms, pattern, states


def us_states() -> frozenset[str]:
    """Names of the US states and territories (pycountry's subdivisions of US)."""
    return _tables()[3]


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Every written form that names a country."""
    return frozenset(_tables()[1])


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Every written form that names a country, and the names of the US states."""
    return country_names() | us_states()


def display_name(form: str) -> str | None:
    """The short English name for a written form ("Curacao" -> "Curaçao"), or None."""
    display, forms, _, _ = _tables()
    code = forms.get(form)
    return display.get(code) if code else None


def find_countries(src: Source, skip: list[tuple[int, int]] | None = None
                   ) -> list[tuple[str, int, int]]:
    """(display name, start, end) of every mention that names a country, in text order."""
    display, forms, pattern, states = _tables()
    # a mention inside a skipped span: the spans that start at or before it reach no further
    # than the furthest end among them (each mention looked at every span: quadratic)
    skip = sorted(skip or [])
    skip_starts = [a for a, _ in skip]
    reach = list(itertools.accumulate((b for _, b in skip), max))
    out = []
    for seg in src.segments:
        text = seg.text
        for m in pattern.finditer(text):
            form = m.group()
            start, end = seg.start + m.start(), seg.start + m.end()
            k = bisect.bisect_right(skip_starts, start)
            if k and reach[k - 1] >= end:
                continue
            if not _names_country(text, m.start(), m.end(), form, seg.heading, states):
                continue
            code = forms[form]
            if code in _AMBIGUOUS_WITH_STATES and _among_states(src, start, states, form):
                continue
            out.append((display.get(code, form), start, end))
    return out


_NEXT_WORD = re.compile(r"(\s*)([\w.'’\-]+)")


def _word_at_end(text: str) -> str:
    """The run of word characters, periods, apostrophes and hyphens that ends `text` (what a
    search for that run before the end finds, without trying every offset)."""
    start = len(text)
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.'’-"):
        start -= 1
    return text[start:]


def _names_country(text: str, start: int, end: int, form: str, heading: bool,
                   states: frozenset[str]) -> bool:
    # what stands around it (cleaned text has no long runs of spaces)
    before = text[max(0, start - 120):start]
    after = text[end:end + 120]
    stripped = before.rstrip()
    prev_word = _word_at_end(stripped) if before[len(stripped):] in (" ", "") else ""
    nxt = _NEXT_WORD.match(after)
    next_word = nxt.group(2) if nxt and nxt.group(1) == " " else ""
    sentence_start = not stripped or stripped[-1] in ".!?:;\"“”"
    # "Port of Spain", "Gulf of Mexico", "Bay of Bengal": a place named after the country
    if prev_word == "of" and re.search(r"\b(?:Port|Gulf|Bay|Cape|Isle|Sea|Strait|Straits|Mount|"
                                       r"Lake|River)\s+of\s*$", before):
        return False
    if prev_word[:1].isupper() and not sentence_start and prev_word.lower() not in {"the", "of"} \
            and (not heading or prev_word.lower() in PLACE_PREFIXES or prev_word == "Latin"):
        return False
    if next_word[:1].isupper() and next_word.lower() not in MONTH_WORDS:
        low = next_word.lower().rstrip(".")
        if not heading or low in GEO_HEADS or low in ORG_HEADS or low in TITLE_WORDS:
            return False
    if re.match(r"-[A-Z]", after):  # "U.S.-Mexico border": an adjective
        return False
    if form in _ADJECTIVAL:
        if heading and form == "US":
            return False
        if form == "America":
            return True
        article = re.search(r"\b(?:the|to|in|into|from|across|throughout|within|outside|"
                            r"inside|leave|left|enter|entered|visit|visited|between|"
                            r"against|with|and)\s*$", before, re.IGNORECASE)
        if not article:
            return False
        if not after.strip() or re.match(r"\s*[.,;:!?)\"”’]", after):
            return True
        word = next_word.lower()
        if word == "and":
            following = re.match(r"\s*and\s+(\w)", after)
            return bool(following and following.group(1).isupper())
        return word in _COUNTRY_WORDS
    return True


def _among_states(src: Source, offset: int, states: frozenset[str], form: str) -> bool:
    a, b = src.sentence_at(offset)
    sentence = src.text[a:b] if b > a else src.segment_at(offset).text
    found = sum(1 for s in states if s != form and re.search(rf"\b{re.escape(s)}\b", sentence))
    return found >= 2
