"""The archive: every index over the published releases, built once per build.

Releases are ordered newest first (date, then title, then source path, so the order is
the same every build). Slugs are assigned here, collisions resolved in that order and
reported. Taxonomies (tags, people, organizations, countries, years) map a stable slug to
a `Term` holding its releases.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from pressroom.errors import Diagnostic, Level
from pressroom.model import Quote, Release
from pressroom.slugs import make_slug, unique_slug
from pressroom.urls import release_path, term_path

KINDS = ("tags", "people", "organizations", "countries")
RESERVED = {"page"}


@dataclass
class Term:
    """One entry of a taxonomy (a tag, a person, ...) and the releases that name it."""

    kind: str
    name: str
    slug: str
    releases: list[Entry] = field(default_factory=list)
    roles: list[tuple[str, Entry]] = field(default_factory=list)
    acronym: str | None = None

    @property
    def path(self) -> str:
        return term_path(self.kind, self.slug)


@dataclass
class QuoteEntry:
    quote: Quote
    entry: Entry
    index: int


@dataclass
class Entry:
    """A published release with its place in the archive."""

    release: Release
    slug: str
    terms: dict[str, list[Term]] = field(default_factory=dict)
    previous: Entry | None = None
    next: Entry | None = None

    @property
    def path(self) -> str:
        return release_path(self.slug)

    @property
    def date(self) -> dt.date:
        return self.release.date or dt.date.min


@dataclass
class Archive:
    entries: list[Entry]
    taxonomies: dict[str, dict[str, Term]]
    years: dict[int, list[Entry]]
    quotes: list[QuoteEntry]
    diagnostics: list[Diagnostic]

    def related(self, entry: Entry, limit: int = 5) -> list[Entry]:
        """Releases sharing the most tags, people and countries with `entry`."""
        scores: Counter[int] = Counter()
        by_id = {}
        for kind, weight in (("people", 3), ("tags", 2), ("countries", 1), ("organizations", 1)):
            for term in entry.terms.get(kind, []):
                for other in term.releases:
                    if other is not entry:
                        scores[id(other)] += weight
                        by_id[id(other)] = other
        ranked = sorted(scores, key=lambda k: (-scores[k], -by_id[k].date.toordinal(),
                                               by_id[k].slug))
        return [by_id[k] for k in ranked[:limit]]


def _names(release: Release, kind: str) -> list[tuple[str, str | None]]:
    if kind == "tags":
        return [(t.lower(), None) for t in release.tags]
    if kind == "countries":
        return [(c, None) for c in release.countries]
    if kind == "people":
        return [(p.name, p.role) for p in release.people]
    return [(o.name, o.acronym) for o in release.organizations]


def build_archive(releases: list[Release]) -> Archive:
    """Order, slug and index the published (non-draft, dated) releases."""
    diagnostics: list[Diagnostic] = []
    published = [r for r in releases if not r.draft and r.date is not None]
    published.sort(key=lambda r: (r.date, r.title, r.path or ""), reverse=True)
    entries = _assign_slugs(published, diagnostics)
    for newer, older in zip(entries, entries[1:], strict=False):
        newer.previous, older.next = older, newer  # previous = the one published before
    taxonomies: dict[str, dict[str, Term]] = {kind: {} for kind in KINDS}
    by_name: dict[str, dict[str, Term]] = {kind: {} for kind in KINDS}
    for entry in sorted(entries, key=lambda e: (e.date, e.slug)):
        for kind in KINDS:
            entry.terms[kind] = []
            for name, extra in _names(entry.release, kind):
                term = _term(kind, name, taxonomies[kind], by_name[kind])
                if entry not in term.releases:
                    term.releases.append(entry)
                    entry.terms[kind].append(term)
                if kind == "people" and extra:
                    term.roles.append((extra, entry))
                if kind == "organizations" and extra and not term.acronym:
                    term.acronym = extra
    order = {id(e): i for i, e in enumerate(entries)}
    for terms in taxonomies.values():
        for term in terms.values():
            term.releases.sort(key=lambda e: order[id(e)])
    years: dict[int, list[Entry]] = defaultdict(list)
    quotes: list[QuoteEntry] = []
    for entry in entries:
        years[entry.date.year].append(entry)
        quotes.extend(QuoteEntry(q, entry, i) for i, q in enumerate(entry.release.quotes))
    return Archive(entries, taxonomies, dict(years), quotes, diagnostics)


def _term(kind: str, name: str, terms: dict[str, Term], by_name: dict[str, Term]) -> Term:
    key = name.casefold()
    if key in by_name:
        return by_name[key]
    slug = unique_slug(make_slug(name, fallback=kind[:-1] if kind != "people" else "person"),
                       set(terms) | RESERVED)
    term = Term(kind, name, slug)
    terms[slug] = term
    by_name[key] = term
    return term


def _assign_slugs(releases: list[Release], diagnostics: list[Diagnostic]) -> list[Entry]:
    """Slugs in a stable order (oldest first), so adding a release never renames older ones."""
    taken: set[str] = set(RESERVED)
    slugs: dict[int, str] = {}
    for release in sorted(releases, key=lambda r: (r.date, r.path or "", r.title)):
        wanted = make_slug(release.slug or release.title, fallback="release")
        slug = unique_slug(wanted, taken)
        if slug != wanted:
            diagnostics.append(Diagnostic(Level.WARNING, release.path, None,
                                          f"slug '{wanted}' is already used by another release; "
                                          f"this one is published as '{slug}'"))
        slugs[id(release)] = slug
    return [Entry(r, slugs[id(r)]) for r in releases]
