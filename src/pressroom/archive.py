"""The archive: every index over the published releases, built once per build.

Releases are ordered newest first (date, then title, then source path, so the order is
the same every build). Slugs are assigned here, oldest first so that adding a release
never renames an older page; collisions are resolved in that order and reported.
Taxonomies (tags, people, organizations, countries) map a stable slug to a `Term`
holding its releases; events are `EventTerm`s keyed by name and year; quotes know their
speaker's term. Building is linear in the number of (release, term) pairs.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from pressroom.errors import Diagnostic, Level
from pressroom.model import Event, Quote, Release
from pressroom.names import country_key, name_key
from pressroom.related import related_entries
from pressroom.slugs import make_slug, unique_slug
from pressroom.urls import release_path, term_path

KINDS = ("tags", "people", "organizations", "countries")
SINGULAR = {"tags": "tag", "people": "person", "organizations": "organization",
            "countries": "country", "events": "event"}
RESERVED = {"page"}


@dataclass(frozen=True)
class RoleSpan:
    """One role a person held, from the first to the last release that gives it."""

    role: str
    first: Entry
    last: Entry


@dataclass(eq=False)
class Term:
    """One entry of a taxonomy (a tag, a person, ...) and the releases that name it."""

    kind: str
    name: str
    slug: str
    releases: list[Entry] = field(default_factory=list)
    roles: list[tuple[str, Entry]] = field(default_factory=list)
    quotes: list[QuoteEntry] = field(default_factory=list)
    acronym: str | None = None
    code: str | None = None  # ISO 3166 alpha-2 for countries, when known

    def __repr__(self) -> str:  # (the archive's objects link each other: see Entry)
        return f"Term({self.kind!r}, {self.slug!r}, {len(self.releases)} releases)"

    @property
    def path(self) -> str:
        return term_path(self.kind, self.slug)

    @property
    def label(self) -> str:
        """The name with its acronym, if any: 'United Nations Office ... (UNODC)'."""
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def role_history(self) -> list[RoleSpan]:
        """Each distinct role in order of first appearance, with its first and last release."""
        spans: dict[str, list[Entry]] = {}
        for role, entry in sorted(self.roles, key=lambda r: r[1].number, reverse=True):
            key = name_key(role)
            if key in spans:
                spans[key][2] = entry
            else:
                spans[key] = [role, entry, entry]
        return [RoleSpan(*v) for v in spans.values()]


@dataclass(eq=False)
class EventTerm:
    """An event the releases report on; the same name in the same year is one event."""

    name: str
    slug: str
    year: int
    releases: list[Entry] = field(default_factory=list)
    location: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    days: int | None = None
    organizer: str | None = None
    people: list[Term] = field(default_factory=list)
    organizations: list[Term] = field(default_factory=list)
    quotes: list[QuoteEntry] = field(default_factory=list)
    kind: str = "events"

    def __repr__(self) -> str:
        return f"EventTerm({self.slug!r}, {len(self.releases)} releases)"

    @property
    def path(self) -> str:
        return term_path("events", self.slug)

    @property
    def label(self) -> str:
        return self.name

    @property
    def date(self) -> dt.date:
        """When it happened: its start, else the date of the first release reporting it."""
        return self.start or min(e.date for e in self.releases)

    def merge(self, event: Event) -> None:
        """Fill what is still unknown from another release's account of the event."""
        for name in ("location", "start", "end", "days", "organizer"):
            if getattr(self, name) is None:
                setattr(self, name, getattr(event, name))


@dataclass(eq=False)
class QuoteEntry:
    """A quote in its release: `index` is its position there (anchor `#quote-N`)."""

    quote: Quote
    entry: Entry
    index: int
    speaker: Term | None = None

    def __repr__(self) -> str:
        return f"QuoteEntry({self.entry.slug!r}, #{self.anchor})"

    @property
    def anchor(self) -> str:
        return f"quote-{self.index + 1}"


@dataclass(eq=False)
class Entry:
    """A published release with its place in the archive."""

    release: Release
    slug: str
    number: int = 0  # position in the archive, 0 = newest
    terms: dict[str, list[Term]] = field(default_factory=dict)
    events: list[EventTerm] = field(default_factory=list)
    quotes: list[QuoteEntry] = field(default_factory=list)
    people: list[tuple[Term, str | None]] = field(default_factory=list)  # with their roles
    previous: Entry | None = None
    next: Entry | None = None

    def __repr__(self) -> str:
        # Entries, terms and quotes link each other (neighbours, term lists): the repr a
        # dataclass would make walks the whole archive from each object, again and again.
        return f"Entry({self.slug!r}, {self.date.isoformat()}, number={self.number})"

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
    events: list[EventTerm] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Archive({len(self.entries)} releases)"

    def months(self, year: int) -> dict[int, list[Entry]]:
        """The releases of `year` by month, newest month first."""
        months: dict[int, list[Entry]] = {}
        for entry in self.years.get(year, []):
            months.setdefault(entry.date.month, []).append(entry)
        return months

    def sorted_terms(self, kind: str) -> list[Term]:
        """The terms of a taxonomy in reading order (by name, then slug)."""
        return sorted(self.taxonomies[kind].values(),
                      key=lambda t: (t.name.casefold(), t.slug))

    def quotes_with_term(self, term: Term) -> list[QuoteEntry]:
        """Every quote of the releases naming `term`, newest first."""
        return [q for entry in term.releases for q in entry.quotes]

    def related(self, entry: Entry, limit: int = 5) -> list[Entry]:
        """Releases sharing the most (and the rarest) people, events, tags and countries
        with `entry` (see related.py)."""
        return related_entries(self, entry, limit)


def _names(release: Release, kind: str) -> list[tuple[str, str | None]]:
    if kind == "tags":
        return [(t.lower(), None) for t in release.tags]
    if kind == "countries":
        return [(c, None) for c in release.countries]
    if kind == "people":
        return [(p.name, p.role) for p in release.people]
    return [(o.name, o.acronym) for o in release.organizations]


class _Indexer:
    """Assigns terms to entries; remembers keys so one name is one term."""

    def __init__(self, diagnostics: list[Diagnostic], acronyms: dict[str, str]):
        self.diagnostics = diagnostics
        self.taxonomies: dict[str, dict[str, Term]] = {kind: {} for kind in KINDS}
        self.by_key: dict[str, dict[str, Term]] = {kind: {} for kind in KINDS}
        self.events: dict[tuple[str, int], EventTerm] = {}
        self.event_slugs: set[str] = set(RESERVED)
        self.acronyms = acronyms  # casefolded acronym -> full organization name

    def key(self, kind: str, name: str) -> str:
        if kind == "countries":
            return country_key(name)
        if kind == "organizations":
            name = self.acronyms.get(name_key(name), name)
        return name_key(name)

    def term(self, kind: str, name: str, entry: Entry) -> Term:
        key = self.key(kind, name)
        terms = self.by_key[kind]
        if key in terms:
            return terms[key]
        if kind == "organizations" and name_key(name) in self.acronyms:
            name = self.acronyms[name_key(name)]
        slug = self._slug(kind, name, self.taxonomies[kind], entry)
        term = Term(kind, name, slug)
        if kind == "countries" and key.startswith("iso:"):
            term.code = key[4:]
        self.taxonomies[kind][slug] = term
        terms[key] = term
        return term

    def _slug(self, kind: str, name: str, taken: dict, entry: Entry) -> str:
        wanted = make_slug(name, fallback=SINGULAR[kind])
        slug, n = wanted, 2
        while slug in taken or slug in RESERVED:  # as unique_slug, without copying `taken`
            slug = f"{wanted}-{n}"
            n += 1
        if slug != wanted:
            other = taken[wanted].name if wanted in taken else "a reserved name"
            self.diagnostics.append(Diagnostic(
                Level.WARNING, entry.release.path, None,
                f"{SINGULAR[kind]} '{name}' has the same URL slug as '{other}'; "
                f"it is published at {kind}/{slug}/"))
        return slug

    def event(self, event: Event, entry: Entry) -> EventTerm:
        year = event.start.year if event.start else entry.date.year
        key = (name_key(event.name), year)
        found = self.events.get(key)
        if found is None:
            text = event.name if str(year) in event.name else f"{event.name} {year}"
            wanted = make_slug(text, fallback="event")
            slug = unique_slug(wanted, self.event_slugs)
            if slug != wanted:
                self.diagnostics.append(Diagnostic(
                    Level.WARNING, entry.release.path, None,
                    f"event '{event.name}' ({year}) has the same URL slug as another event; "
                    f"it is published at events/{slug}/"))
            found = self.events[key] = EventTerm(event.name, slug, year)
        found.merge(event)
        return found


def build_archive(releases: list[Release]) -> Archive:
    """Order, slug and index the published (non-draft, dated) releases."""
    diagnostics: list[Diagnostic] = []
    published = [r for r in releases if not r.draft and r.date is not None]
    published.sort(key=lambda r: (r.date, r.title, r.path or ""), reverse=True)
    entries = _assign_slugs(published, diagnostics)
    for number, entry in enumerate(entries):
        entry.number = number
    for newer, older in zip(entries, entries[1:], strict=False):
        newer.previous, older.next = older, newer  # previous = the one published before
    oldest_first = entries[::-1]
    indexer = _Indexer(diagnostics, _acronyms(oldest_first))
    for entry in oldest_first:
        _index_entry(entry, indexer)
    for terms in indexer.taxonomies.values():
        for term in terms.values():
            term.releases.reverse()  # newest first, like the archive
            term.quotes.sort(key=lambda q: (q.entry.number, q.index))
    events = sorted(indexer.events.values(), key=lambda e: (e.date, e.slug), reverse=True)
    for event in events:
        _finish_event(event)
    years: dict[int, list[Entry]] = defaultdict(list)
    quotes: list[QuoteEntry] = []
    for entry in entries:
        years[entry.date.year].append(entry)
        quotes.extend(entry.quotes)
    return Archive(entries, indexer.taxonomies, dict(years), quotes, diagnostics, events)


def _acronyms(entries: list[Entry]) -> dict[str, str]:
    """Acronym -> full name, from releases that give both (the oldest wins)."""
    found: dict[str, str] = {}
    for entry in entries:
        for org in entry.release.organizations:
            if org.acronym and name_key(org.acronym) != name_key(org.name):
                found.setdefault(name_key(org.acronym), org.name)
    return found


def _index_entry(entry: Entry, indexer: _Indexer) -> None:
    for kind in KINDS:
        entry.terms[kind] = []
        for name, extra in _names(entry.release, kind):
            term = indexer.term(kind, name, entry)
            if not term.releases or term.releases[-1] is not entry:
                term.releases.append(entry)
                entry.terms[kind].append(term)
            if kind == "people":
                entry.people.append((term, extra))
                if extra:
                    term.roles.append((extra, entry))
            if kind == "organizations" and extra and not term.acronym:
                term.acronym = extra
    for event in entry.release.events:
        found = indexer.event(event, entry)
        if not found.releases or found.releases[-1] is not entry:
            found.releases.append(entry)
            entry.events.append(found)
    for index, quote in enumerate(entry.release.quotes):
        speaker = _speaker(quote, entry, indexer)
        item = QuoteEntry(quote, entry, index, speaker)
        entry.quotes.append(item)
        if speaker is not None:
            speaker.quotes.append(item)


def _speaker(quote: Quote, entry: Entry, indexer: _Indexer) -> Term | None:
    """The person or organization who said it: in the release first, then anywhere."""
    if not quote.speaker:
        return None
    key = name_key(quote.speaker)
    people = entry.terms["people"]
    for person in people:
        if name_key(person.name) == key:
            return person
    if " " not in key:  # a surname alone: "Zuleta" for "Gilberto Zuleta", if unambiguous
        surname = [p for p in people if name_key(p.name).rsplit(" ", 1)[-1] == key]
        if len(surname) == 1:
            return surname[0]
    for org in entry.terms["organizations"]:
        if key in (name_key(org.name), name_key(org.acronym or "")):
            return org
    for kind in ("people", "organizations"):
        found = indexer.by_key[kind].get(indexer.key(kind, quote.speaker))
        if found is not None:
            return found
    indexer.diagnostics.append(Diagnostic(
        Level.INFO, entry.release.path, None,
        f"quote speaker '{quote.speaker}' is not among the release's people or organizations"))
    return None


def _finish_event(event: EventTerm) -> None:
    """Newest release first; participants and quotes from the releases reporting it."""
    event.releases.reverse()
    seen: set[int] = set()
    for entry in event.releases:
        for kind, into in (("people", event.people), ("organizations", event.organizations)):
            for term in entry.terms[kind]:
                if id(term) not in seen:
                    seen.add(id(term))
                    into.append(term)
        event.quotes.extend(entry.quotes)


def _assign_slugs(releases: list[Release], diagnostics: list[Diagnostic]) -> list[Entry]:
    """Slugs in a stable order (oldest first), so adding a release never renames older ones."""
    taken: set[str] = set(RESERVED)
    slugs: dict[int, str] = {}
    seen: dict[tuple[str, object], Release] = {}
    for release in sorted(releases, key=lambda r: (r.date, r.path or "", r.title)):
        twin = seen.setdefault((release.title.casefold(), release.date), release)
        if twin is not release:
            diagnostics.append(Diagnostic(Level.WARNING, release.path, None,
                                          f"duplicate release: same title and date as "
                                          f"{twin.path}; both are published"))
        wanted = make_slug(release.slug or release.title, fallback="release")
        slug = unique_slug(wanted, taken)
        if slug != wanted:
            diagnostics.append(Diagnostic(Level.WARNING, release.path, None,
                                          f"slug '{wanted}' is already used by another release; "
                                          f"this one is published as '{slug}'"))
        slugs[id(release)] = slug
    return [Entry(r, slugs[id(r)]) for r in releases]
