"""Related releases: which releases a release page suggests next.

A release's related releases are read from the release lists of its own people, events,
tags, countries and organizations, weighted by how rare each shared term is, looking only
at the releases nearest in time in each list: the cost stays bounded per release, and a
new release changes the related releases only of those near it in its terms' lists
(which incremental.related_releases relies on to reuse the last build's).
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressroom.archive import Archive, Entry, EventTerm, Term

# How much a shared term counts towards "related releases", before rarity weighting.
RELATED_WEIGHTS = (("people", 3.0), ("events", 3.0), ("tags", 2.0), ("countries", 1.0),
                   ("organizations", 1.0))
RELATED_WINDOW = 40  # per shared term, only the releases nearest in time are considered


def related_entries(archive: Archive, entry: Entry, limit: int = 5) -> list[Entry]:
    """Releases sharing the most (and the rarest) people, events, tags and countries.

    Each shared term adds its weight divided by how common it is (the number of
    binary digits of its release count: it changes only when that count doubles);
    for a common term only the releases nearest in time count (RELATED_WINDOW), so
    the cost stays bounded per release. So a new release changes the related
    releases only of those near it in its terms' lists (incremental.related_releases
    relies on this).
    Ranked by score rounded to 9 places (sums of floats in another order may differ
    in the last bits), then by position in the archive.
    """
    scores: dict[int, float] = {}
    get = scores.get
    half = RELATED_WINDOW // 2
    number = entry.number
    for kind, weight in RELATED_WEIGHTS:
        terms = entry.events if kind == "events" else entry.terms.get(kind, [])
        for term in terms:
            numbers, where = _positions(term)
            if len(numbers) < 2:
                continue
            share = weight / commonness(len(numbers))
            at = where[number]
            for n in numbers[max(0, at - half):at + half + 1]:
                scores[n] = get(n, 0.0) + share
    scores.pop(number, None)
    if len(scores) > limit:
        # Only scores within rounding distance of the limit-th best can be ranked
        # differently once rounded; the rest are out.
        floor = heapq.nlargest(limit, scores.values())[-1] - 2e-9
        ranked = sorted((-round(s, 9), n) for n, s in scores.items() if s >= floor)
    else:
        ranked = sorted((-round(s, 9), n) for n, s in scores.items())
    return [archive.entries[n] for _, n in ranked[:limit]]


def commonness(count: int) -> int:
    """How common a term with `count` releases is, for related_entries."""
    return count.bit_length()


def _positions(term: Term | EventTerm) -> tuple[list[int], dict[int, int]]:
    """The archive numbers of a term's releases, and where each one is in that list."""
    found = term.__dict__.get("_positions")
    if found is None or len(found[0]) != len(term.releases):
        numbers = [e.number for e in term.releases]
        found = (numbers, {n: i for i, n in enumerate(numbers)})
        term.__dict__["_positions"] = found
    return found
