"""The data model: frozen dataclasses for a release and what it mentions. No I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None = None


@dataclass(frozen=True)
class Organization:
    name: str
    acronym: str | None = None


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Event:
    name: str
    location: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    days: int | None = None
    organizer: str | None = None


@dataclass(frozen=True)
class Release:
    """One press release: the front matter of FORMAT.md plus its Markdown body."""

    title: str
    date: dt.date | None
    body: str = ""
    location: str | None = None
    language: str = "en"
    summary: str = ""
    tags: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    organizations: tuple[Organization, ...] = ()
    people: tuple[Person, ...] = ()
    quotes: tuple[Quote, ...] = ()
    events: tuple[Event, ...] = ()
    source: str | None = None
    source_sha256: str | None = None
    slug: str | None = None
    draft: bool = False
    # Keys an editor added that FORMAT.md does not define; kept as they are.
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    # Where the release was read from (content-relative path); not part of the front matter.
    path: str | None = field(default=None, compare=False)
