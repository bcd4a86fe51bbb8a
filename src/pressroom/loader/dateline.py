"""Datelines and dates: "VIENNA, 24 April 2006 -", "July 22, 2019 (SAINT PAUL) —", ...

A dateline opens the lead paragraph and gives the place (and often the date) the release
was issued. This module recognises the common layouts in English, Spanish and French,
parses full dates (day, month and year; never guessing a missing part), recognises lines
that hold only a date, and puts dateline places into normal capitalisation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pressroom.loader.text import LazyPattern, wordset

MONTHS: dict[str, int] = {}
# the Arabic month names used in Egypt and the Gulf, with and without hamza
_ARABIC_MONTHS = ("يناير", "فبراير", "مارس", "أبريل ابريل", "مايو", "يونيو", "يوليو",
                  "أغسطس اغسطس", "سبتمبر", "أكتوبر اكتوبر", "نوفمبر", "ديسمبر")
for _number, _names in enumerate((
        "january jan enero ene janvier janv", "february feb febrero febr février fevrier févr fevr",
        "march mar marzo mars", "april apr abril avr avril", "may mayo mai",
        "june jun junio juin", "july jul julio juillet juil",
        "august aug agosto ago août aout", "september sept sep septiembre setiembre septembre",
        "october oct octubre octobre", "november nov noviembre novembre",
        "december dec diciembre dic décembre decembre déc"), start=1):
    _names += " " + _ARABIC_MONTHS[_number - 1]
    for _name in _names.split():
        MONTHS[_name] = _number

WEEKDAYS = sorted(wordset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur "
    "thurs fri sat sun lunes martes miércoles miercoles jueves viernes sábado sabado "
    "domingo lundi mardi mercredi jeudi vendredi samedi dimanche"))

_MONTH = r"(?P<m>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r")\.?,?\s+)?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°|o)?"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)"
DATE_PATTERNS = (
    _WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+(?:de\s+)?" + _YEAR,
    _WEEKDAY + r"(?:le\s+)?" + _DAY + r"\.?\s+(?:de\s+)?" + _MONTH + r",?\s+(?:de\s+|del\s+)?"
    + _YEAR,
    _YEAR + r"-(?P<m>[01]\d)-(?P<d>[0-3]\d)",
    # 2021年3月3日 (Chinese, Japanese), 2021년 3월 3일 (Korean)
    _YEAR + r"\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]",
)
_DATE_RES = [LazyPattern(p, re.IGNORECASE) for p in DATE_PATTERNS]
DATE = "(?i:" + "|".join(re.sub(r"\(\?P<\w+>", "(?:", p) for p in DATE_PATTERNS) + ")"
_PARTIAL = (r"(?i:" + _WEEKDAY + r"(?:" + "|".join(MONTHS) + r")\.?\s+[0-3]?\d(?:st|nd|rd|th)?"
            r"|[0-3]?\d\s+(?:de\s+)?(?:" + "|".join(MONTHS) + r")\.?|" + DATE + ")")

DATE_LINE = LazyPattern(
    r"[(\[]?(?:(?:posted|published|released|updated|issued|date|dated|fecha|publicado|"
    r"publi[ée])(?:\s+on|\s+el|\s+le)?\s*:?\s*)?" + DATE + r"[)\]]?\.?", re.IGNORECASE)


def parse_date(text: str) -> dt.date | None:
    """The first full date (day, month, year) in `text`, or None."""
    best: tuple[int, dt.date] | None = None
    for regex in _DATE_RES:
        for m in regex.finditer(text):
            month = m.group("m")
            number = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip("."))
            try:
                value = dt.date(int(m.group("y")), number or 0, int(m.group("d")))
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), value)
            break
    return best[1] if best else None


_WEEKDAY_DATE = LazyPattern(
    r"\b(?:" + "|".join(WEEKDAYS) + r")\.?,?\s+(?:the\s+|le\s+|el\s+)?(?=[\w])", re.IGNORECASE)


def weekday_date(text: str) -> dt.date | None:
    """The first full date written with its weekday ("on Monday, August 7, 2023"), or None.

    A release dates what it reports that way; a bare date in a lead is often that of an
    earlier event ("the campus closed on March 8, 2019")."""
    for m in _WEEKDAY_DATE.finditer(text):
        value = parse_date(text[m.start():m.end() + 40])
        if value is not None and _starts_date(text[m.end():m.end() + 40]):
            return value
    return None


def _starts_date(text: str) -> bool:
    return any(regex.match(text) for regex in _DATE_RES)


def date_from_name(name: str) -> dt.date | None:
    """An ISO date carried by a file name ("2022-06-24-foo.txt"), or None."""
    m = re.search(r"(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)", name)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


@dataclass(frozen=True)
class Dateline:
    place: str | None
    date: dt.date | None
    end: int  # offset in the paragraph where the text after the dateline starts


_UPPER = r"A-ZÀ-ÖØ-Þ"
# letters of scripts without capitals: Hebrew, Arabic, Devanagari, Thai, kana, CJK, Hangul
_UNCASED = ("\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u097f\u0e00-\u0e7f"
            "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af")
_WORD = rf"[{_UPPER}][\w.'’\-]*"
_SMALL = r"(?:de|del|la|las|los|of|and|AND|et|y|sur|upon|am|an|le|les|da|do|dos|das|di|en)"
_PLACE = rf"{_WORD}(?:(?:\s+|,\s*)(?:{_WORD}|{_SMALL}(?=\s+[{_UPPER}])))" + "{0,6}"
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}.'’\-]+"
_CAPS_PLACE = (rf"{_CAPS_WORD}(?:\s+(?:{_CAPS_WORD}|AND|DE|DEL|OF|ET|[{_UPPER}]\.))*"
               rf"(?:,\s*(?:{_WORD}|[{_UPPER}]\.[{_UPPER}]\.)(?:\s+{_WORD})?)?")
_DASH = r"\s*(?:--?|[–—]|-)\s*"
_STAR = r"[*_]{0,2}"
_WIRE = r"(?:\s*/[^/\n]{2,40}/)?"  # "/PRNewswire/"

_DATELINES = [LazyPattern(p) for p in (
    # July 22, 2019 (SAINT PAUL) —
    rf"^{_STAR}(?P<date>{DATE}){_STAR}\s*\((?P<place>[^()\d]{{2,60}})\){_STAR}{_DASH}",
    # SAN FRANCISCO--(BUSINESS WIRE)--Sept. 14, 2015--
    rf"^{_STAR}(?P<place>{_CAPS_PLACE})\s*--?\s*\([^)]*\)\s*--?\s*(?P<date>{DATE}){_STAR}{_DASH}",
    # GENEVA (12 March 2021) –   KABUL, Afghanistan (Sept. 1) -
    rf"^{_STAR}(?P<place>{_PLACE})\s*\((?P<date>{_PARTIAL})\){_STAR}(?:{_DASH}|:\s*)",
    # Panama, 24 June 2022.   SAN FRANCISCO, Sept. 14, 2015 –   Genève, le 3 mars 2021 –
    # Santiago, 14 de mayo de 2024.-   Windhoek, 19 June 2024 (a line of its own)
    # Ciudad de México, a 2 de octubre de 2024.
    rf"^{_STAR}(?P<place>{_PLACE}),\s*(?:a\s+)?(?P<date>{DATE}){_STAR}{_WIRE}\s*(?:\.{_DASH}|{_DASH}|"
    rf"[.:,]\s+|\s+(?=[A-Z])|\.?$)",
    # SANTO DOMINGO, Dominican Republic – 8 February 2022 –
    rf"^{_STAR}(?P<place>{_CAPS_PLACE}){_DASH}(?P<date>{DATE}){_STAR}{_DASH}",
    # Bogotá (Colombia), 9 December 2022 –
    rf"^{_STAR}(?P<place>{_PLACE}\s*\([^()\d]{{2,40}}\)),\s*(?P<date>{DATE}){_STAR}"
    rf"\s*(?:{_DASH}|[.:,]\s+)",
    # (PHOENIX) –
    rf"^{_STAR}\((?P<place>[^()\d]{{2,60}})\){_STAR}{_DASH}",
    # June 24, 2022 – The ...
    rf"^{_STAR}(?P<date>{DATE}){_STAR}\s*(?:{_DASH}|:\s+)",
    # WASHINGTON –   WASHINGTON AND PENSACOLA, Fla. –   NEW YORK -
    rf"^{_STAR}(?P<place>{_CAPS_PLACE}){_STAR}{_WIRE}{_DASH}(?=\S)",
    # 日内瓦，2021年3月3日 –   جنيف، 3 مارس 2021 –  (scripts without capitals)
    rf"^(?P<place>[{_UNCASED}][{_UNCASED} ]{{0,30}}?)\s*[,，、،]\s*(?P<date>{DATE})"
    rf"\s*(?:{_DASH}|[.:：,，]\s*|$)",
)]


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of a paragraph, or None."""
    for regex in _DATELINES:
        m = regex.match(text)
        if not m:
            continue
        groups = m.groupdict()
        place = groups.get("place")
        if place is not None:
            place = place.rstrip("-–— ")
            place = place.strip(" ,.*_") if not re.search(r"\b[A-Z]\w{0,5}\.$", place.strip()) \
                else place.strip(" ,*_")
            if not _plausible_place(place, dated=bool(groups.get("date"))):
                continue
            place = normalise_place(place)
        date = parse_date(groups["date"]) if groups.get("date") else None
        return Dateline(place, date, m.end())
    return None


def _plausible_place(place: str, dated: bool = False) -> bool:
    words = place.replace(",", " ").split()
    if not words or len(words) > 7 or len(place) > 60:
        return False
    if not any(c.isalpha() for c in place):
        return False
    first = words[0].rstrip(".,").lower()
    if first in _ARTICLES and len(words) > 1 and dated and words[1][:1].isupper():
        first = words[1].rstrip(".,").lower()  # "The Hague, 7 February 2025 –"
    if first in _NOT_PLACE or first in WEEKDAYS:  # ("Santo Domingo" holds "domingo")
        return False
    return first not in MONTHS


# articles that open some places' names ("The Hague", "La Paz", "Le Havre"), taken as part
# of a dateline's place only when a date follows it: "The company –" is no dateline
_ARTICLES = wordset("the la le el los las les")


_NOT_PLACE = wordset(
    "on in at today yesterday tomorrow last this since by from until as of the a an "
    "between during after before hoy ayer el la le les aujourd'hui hier note update "
    "editor's")


_LOWER_WORDS = {"and", "of", "de", "del", "la", "las", "los", "et", "y", "the", "sur", "upon",
                "am", "an", "le", "les", "da", "do", "dos", "das", "di", "en"}


def normalise_place(place: str) -> str:
    """"WASHINGTON AND PENSACOLA, Fla." -> "Washington and Pensacola, Fla."."""
    out = []
    for index, word in enumerate(re.split(r"(\s+|,\s*)", place)):
        if not word or word.isspace() or word.startswith(","):
            out.append(word)
            continue
        letters = [c for c in word if c.isalpha()]
        upper = sum(1 for c in letters if c.isupper())
        if re.fullmatch(r"(?:[A-Z]\.){2,}", word):  # D.C., U.S.
            out.append(word)
        elif letters and upper > len(letters) / 2 and len(letters) > 1 or (
                len(letters) == 1 and word.isupper() and len(word) > 2):
            lower = word.lower()
            if index > 0 and lower in _LOWER_WORDS:
                out.append(lower)
            else:
                out.append("-".join(part[:1].upper() + part[1:] for part in lower.split("-")))
        else:
            out.append(word)
    return "".join(out).strip()
