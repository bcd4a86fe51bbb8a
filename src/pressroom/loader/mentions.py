"""Mentions of people and how they add up to persons.

"Harold James Nicholson", "Harold J. Nicholson", "Mr. Nicholson" and "Nicholson" are one
person; two people sharing a surname stay apart by their given names. `People` answers
which person a stretch of text names, for quote attribution.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pressroom.loader.names import (
    TITLE_WORDS,
    Covered,
    Source,
)
from pressroom.loader.roles import SUFFIXES


@dataclass
class Mention:
    start: int
    end: int
    tokens: list[str]  # name tokens as written
    role: str | None = None
    evidence: set[str] = field(default_factory=set)
    heading: bool = False
    role_span: tuple[int, int] | None = None
    role_args: tuple[object, ...] | None = field(default=None, repr=False, compare=False)

    @property
    def surname(self) -> str:
        """The last token that is not a suffix ("Jr.")."""
        for token in reversed(self.tokens):
            if token.lower() not in SUFFIXES:
                return token.rstrip(",")
        return ""

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
    _starts: list[int] = field(default_factory=list, repr=False, compare=False)

    def in_span(self, start: int, end: int) -> list[int]:
        """Indexes of people mentioned between two offsets, in text order."""
        if len(self._starts) != len(self.spans):
            self._starts = [a for a, _, _ in self.spans]
        out = []
        for k in range(bisect.bisect_left(self._starts, start), len(self.spans)):
            a, b, i = self.spans[k]
            if a > end:
                break
            if b <= end:
                out.append(i)
        return out

    def role_spans(self) -> list[tuple[int, int]]:
        """Where the roles of people are written."""
        return [m.role_span for e in self.entries for m in e.mentions if m.role_span]

    def before(self, offset: int) -> int | None:
        """The person mentioned last before `offset`."""
        found = [i for a, b, i in self.spans if b <= offset]
        return found[-1] if found else None


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


def merge_mentions(mentions: list[Mention]) -> list[PersonEntry]:
    mentions = sorted(mentions, key=lambda m: m.start)
    groups: list[list[Mention]] = []
    by_surname: dict[str, list[list[Mention]]] = {}  # a group's mentions share a surname
    # one mention of each form in a group (how a mention merges depends only on its form)
    forms: dict[int, dict[tuple[tuple[str, ...], bool], Mention]] = {}
    for m in mentions:
        target = None
        for group in by_surname.get(m.surname.lower(), ()):
            seen = list(forms[id(group)].values())
            full = [g for g in seen if g.given]
            if all(_compatible(m, g) for g in full) and any(_compatible(m, g) for g in seen):
                if m.given and full and not any(
                        g.given[0].rstrip(".").lower() == m.given[0].rstrip(".").lower()
                        or len(g.given[0].rstrip(".")) == 1 or len(m.given[0].rstrip(".")) == 1
                        or _suffix(m, g) for g in full):
                    continue
                target = group
                break
        if target is None:
            target = [m]
            groups.append(target)
            by_surname.setdefault(m.surname.lower(), []).append(target)
            forms[id(target)] = {}
        else:
            target.append(m)
        forms[id(target)].setdefault((tuple(m.tokens), "title" in m.evidence), m)
    # a surname-only group joins the single full-name group with that surname
    merged: list[list[Mention]] = []
    inner: dict[str, list[list[Mention]]] = {}  # groups by the inner words of their names
    for group in groups:
        for word in {t.lower() for x in group if len(x.tokens) >= 3 for t in x.tokens[1:-1]
                     if not t.endswith(".")}:
            inner.setdefault(word, []).append(group)
    for group in groups:
        if not any(g.given for g in group):
            surname = group[0].surname.lower()
            partners = [g for g in by_surname.get(surname, ()) if g is not group
                        and any(x.given for x in g)]
            # "Ms. Peguero" is Rosanna Peguero Almonte (a first surname)
            partners = partners or [g for g in inner.get(surname, ()) if g is not group]
            if len(partners) >= 1:
                partners[0].extend(group)
                continue
        merged.append(group)
    entries = []
    for group in merged:
        group.sort(key=lambda m: m.start)
        longest = max(len(m.tokens) for m in group)
        best = next(m for m in group if len(m.tokens) == longest)
        # the role the text gives first, a headline's shorter one only when the text has none
        role = next((m.role for m in group if m.role and not m.heading), None) or \
            next((m.role for m in group if m.role), None)
        name = " ".join(best.tokens)
        entries.append(PersonEntry(name, role, group[0].start, group))
    entries.sort(key=lambda e: e.first)
    return entries


def complete_surnames(entries: list[PersonEntry], extra_text: str) -> None:
    for entry in entries:
        if " " in entry.name or not extra_text:
            continue
        m = re.search(rf"\b([A-Z][a-z][\w’'\-]+(?:\s+[A-Z]\.)?)\s+{re.escape(entry.name)}\b",
                      extra_text)
        if m and m.group(1).lower() not in TITLE_WORDS:
            entry.name = f"{m.group(1)} {entry.name}"


def all_mentions(src: Source, entries: list[PersonEntry]) -> list[tuple[int, int, int]]:
    spans: list[tuple[int, int, int]] = []
    for index, entry in enumerate(entries):
        for m in entry.mentions:
            spans.append((m.start, m.end, index))
    taken = Covered([(a, b) for a, b, _ in spans])
    by_surname: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        for surname in {entry.surname} | {m.surname for m in entry.mentions}:
            by_surname.setdefault(surname, []).append(index)
    named = sorted(spans)
    seen = 0
    latest: dict[int, int] = {}  # person -> start of their latest mention so far
    for tok in (t for seg in src.segments for t in seg.tokens):
        owners = by_surname.get(tok.text)
        if not owners or taken(tok.start):
            continue
        while seen < len(named) and named[seen][0] < tok.start:
            a, _, i = named[seen]
            latest[i] = max(latest.get(i, a), a)
            seen += 1
        end = tok.start + len(tok.text)
        if len(owners) == 1:
            owner = owners[0]
        else:  # two people share a surname: the one mentioned last
            owner = max(((latest[i], i) for i in owners if i in latest),
                        default=(0, owners[0]))[1]
        spans.append((tok.start, end, owner))
        latest[owner] = max(latest.get(owner, tok.start), tok.start)
    spans.sort()
    return spans
