"""schema.org JSON-LD for pages: NewsArticle (with Quotations), Person, Organization, Event.

Plain dicts; templates embed them with the `tojson_script` filter, which keeps the JSON
from closing its `<script>` element. URLs are absolute when `base_url` names a host and
site-absolute paths ('/press/...') otherwise, which JSON-LD readers resolve against the page.
"""

from __future__ import annotations

from typing import Any

from pressroom.archive import Entry, EventTerm, Term
from pressroom.config import SiteConfig
from pressroom.urls import absolute_url

CONTEXT = "https://schema.org"
TYPES = {"people": "Person", "organizations": "Organization", "countries": "Country",
         "tags": "DefinedTerm"}
SUBJECT_LIMIT = 20  # releases listed in a person's or organization's `subjectOf`


def _thing(term: Term, config: SiteConfig) -> dict[str, Any]:
    thing: dict[str, Any] = {"@type": TYPES[term.kind], "name": term.name,
                             "url": absolute_url(config.base_url, term.path)}
    if term.acronym:
        thing["alternateName"] = term.acronym
    if term.code:
        thing["identifier"] = term.code
    return thing


def _publisher(config: SiteConfig) -> dict[str, Any]:
    return {"@type": "Organization", "name": config.author or config.title,
            "url": absolute_url(config.base_url, "")}


def _event(event: EventTerm, config: SiteConfig) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Event", "name": event.name,
                            "url": absolute_url(config.base_url, event.path)}
    if event.start:
        data["startDate"] = event.start.isoformat()
    if event.end:
        data["endDate"] = event.end.isoformat()
    if event.location:
        data["location"] = {"@type": "Place", "name": event.location}
    if event.organizer:
        data["organizer"] = {"@type": "Organization", "name": event.organizer}
    return data


def _article_ref(entry: Entry, config: SiteConfig) -> dict[str, Any]:
    return {"@type": "NewsArticle", "headline": entry.release.title,
            "datePublished": entry.date.isoformat(),
            "url": absolute_url(config.base_url, entry.path)}


def release_jsonld(entry: Entry, config: SiteConfig) -> dict[str, Any]:
    """A NewsArticle with its people, organizations, places, events and quotations."""
    release = entry.release
    url = absolute_url(config.base_url, entry.path)
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": release.title,
        "datePublished": entry.date.isoformat(),
        "inLanguage": release.language,
        "url": url,
        "mainEntityOfPage": url,
        "publisher": _publisher(config),
        "author": _publisher(config),
        "isAccessibleForFree": True,
    }
    if release.summary:
        data["description"] = release.summary
    if release.location:
        data["locationCreated"] = {"@type": "Place", "name": release.location}
    if release.tags:
        data["keywords"] = [t.name for t in entry.terms.get("tags", [])]
    mentions = [_thing(t, config) for kind in ("people", "organizations", "countries")
                for t in entry.terms.get(kind, [])]
    mentions += [_event(e, config) for e in entry.events]
    if mentions:
        data["mentions"] = mentions
    quotes = []
    for item in entry.quotes:
        quote: dict[str, Any] = {"@type": "Quotation", "text": item.quote.text,
                                 "url": f"{url}#{item.anchor}"}
        if item.speaker is not None:
            quote["creator"] = _thing(item.speaker, config)
        elif item.quote.speaker:
            quote["creator"] = {"@type": "Person", "name": item.quote.speaker}
        quotes.append(quote)
    if quotes:
        data["hasPart"] = quotes
    return data


def term_jsonld(term: Term, config: SiteConfig) -> dict[str, Any] | None:
    """A Person or Organization with the releases about it; None for tags and countries."""
    if term.kind not in ("people", "organizations"):
        return None
    data = {"@context": CONTEXT, **_thing(term, config)}
    history = term.role_history() if term.kind == "people" else []
    if history:
        data["jobTitle"] = history[-1].role
    data["subjectOf"] = [_article_ref(e, config) for e in term.releases[:SUBJECT_LIMIT]]
    return data


def event_jsonld(event: EventTerm, config: SiteConfig) -> dict[str, Any]:
    """An Event with the releases that report on it."""
    data = {"@context": CONTEXT, **_event(event, config)}
    data["subjectOf"] = [_article_ref(e, config) for e in event.releases[:SUBJECT_LIMIT]]
    return data
