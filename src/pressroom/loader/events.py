"""Events a release reports on: meetings, conferences, summits, workshops, launches.

An event is a capitalised name ending in an event noun ("Caribbean Subregional Meeting")
in a sentence that says it was held, organised, hosted or attended. Its place comes from
"in <Place>" in that sentence (or the dateline), its organiser from the body before the
verb, its length from "two-day"/"three days", and its dates from the text; when only the
length is known and the release reports the event as past, it is taken to have ended on
the release date.
"""

from __future__ import annotations

import datetime as dt
import re

from pressroom.loader.dateline import parse_date
from pressroom.loader.names import Source
from pressroom.loader.orgs import OrgEntry
from pressroom.loader.text import LazyPattern, wordset

EVENT_HEADS = wordset(
    "meeting meetings conference summit forum workshop seminar symposium congress session "
    "dialogue launch training roundtable round-table expo exhibition festival week "
    "consultation retreat hearing webinar colloquium convention assembly gathering "
    "reunión conferencia cumbre foro taller seminario encuentro réunion conférence sommet "
    "atelier séminaire")
_HELD = (r"organi[sz]ed|organi[sz]es|held|holds|hosted|hosts|convened|convenes|launched|"
         r"launches|opened|opens|took place|takes place|will take place|attended|concluded|"
         r"organizó|celebró|realizó|organisé|tenu|accueilli")
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
            "deux": 2, "trois": 3, "quatre": 4, "cinq": 5}
_PAST = LazyPattern(r"\b(?:organi[sz]ed|held|hosted|convened|concluded|took place|attended|"
                   r"ended|closed)\b", re.IGNORECASE)


def _days(text: str) -> int | None:
    m = re.search(r"\b(\d{1,2}|" + "|".join(_NUMBERS) + r")[- ]day\b", text, re.IGNORECASE) or \
        re.search(r"\b(?:over|for|during)\s+(\d{1,2}|" + "|".join(_NUMBERS) + r")\s+days\b",
                  text, re.IGNORECASE)
    if not m:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def find_events(src: Source, orgs: list[OrgEntry], places: frozenset[str],
                release_date: dt.date | None, dateline_place: str | None
                ) -> list[tuple[str, str | None, dt.date | None, dt.date | None, int | None,
                                str | None]]:
    """(name, location, start, end, days, organizer) of the events reported on."""
    out = []
    seen = set()
    for seg in src.segments:
        if seg.heading:
            continue
        for chunk in seg.chunks:
            if chunk[-1].lower not in EVENT_HEADS or len(chunk) < 2:
                continue
            while chunk and chunk[0].lower in {"the", "a", "an", "this", "el", "la", "le"}:
                chunk = chunk[1:]
            if len(chunk) < 2:
                continue
            name = src.text[chunk[0].start:chunk[-1].start + len(chunk[-1].text)]
            a, b = src.sentence_at(chunk[0].start)
            sentence = src.text[a:b]
            if not re.search(rf"\b(?:{_HELD})\b", sentence, re.IGNORECASE) or name in seen:
                continue
            seen.add(name)
            location = None
            for m in re.finditer(r"\b(?:in|en|à)\s+([A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*)",
                                 sentence):
                if m.group(1) in places or m.group(1) == dateline_place:
                    location = m.group(1)
                    break
            if location is None and dateline_place and re.search(
                    rf"\b(?:in|en|à)\s+{re.escape(dateline_place)}\b", sentence):
                location = dateline_place
            organizer = None
            verb = re.search(rf"\b(?:{_HELD})\b", sentence, re.IGNORECASE)
            if verb:
                for org in orgs:
                    if any(a <= s < a + verb.start() for s in org.starts):
                        organizer = org.name
                        break
            following = " ".join(s.text for s in src.segments[src.segment_index(seg.start):][:2])
            days = _days(sentence) or _days(following)
            start = end = None
            dates = re.findall(r"\d{1,2}\s*[-–]\s*\d{1,2}\s+\w+\s+\d{4}|\w+\s+\d{1,2}\s*[-–]\s*"
                               r"\d{1,2},?\s+\d{4}", sentence)
            if dates:
                m = re.match(r"(\d{1,2})\s*[-–]\s*(\d{1,2})\s+(\w+\s+\d{4})", dates[0]) or \
                    re.match(r"(\w+)\s+(\d{1,2})\s*[-–]\s*(\d{1,2}),?\s+(\d{4})", dates[0])
                if m and len(m.groups()) == 3:
                    start = parse_date(f"{m.group(1)} {m.group(3)}")
                    end = parse_date(f"{m.group(2)} {m.group(3)}")
                elif m:
                    start = parse_date(f"{m.group(1)} {m.group(2)}, {m.group(4)}")
                    end = parse_date(f"{m.group(1)} {m.group(3)}, {m.group(4)}")
                if start and end:
                    days = (end - start).days + 1
            elif days and release_date and _PAST.search(sentence):
                end = release_date
                start = release_date - dt.timedelta(days=days - 1)
            out.append((name, location, start, end, days, organizer))
    return out
