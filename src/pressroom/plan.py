"""The page plan: every HTML page of the site, from the archive, in a stable order.

A `Page` names its site path, its template and what the template is given; list pages are
paginated from the oldest item (`paginate`), so a page of a list keeps its items as the
list grows. Planning needs no template engine: render.py turns a page into HTML.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pressroom import urls
from pressroom.archive import KINDS, Archive, Entry, EventTerm, QuoteEntry, Term
from pressroom.config import SiteConfig
from pressroom.names import name_key
from pressroom.structured import event_jsonld, release_jsonld, term_jsonld
from pressroom.urls import list_path


@dataclass
class Page:
    """One output page: its site path, the template that renders it, and its context.

    `description`, `og_type`, `updated` and `jsonld` feed the page's metadata (meta
    description, OpenGraph, sitemap lastmod, schema.org JSON-LD).
    """

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    lang: str | None = None
    absolute_links: bool = False
    description: str = ""
    og_type: str = "website"
    updated: dt.date | None = None
    jsonld: dict[str, Any] | None = None
    # Fills in what is costly to compute (related releases, JSON-LD) just before rendering,
    # so that a build computes it only for the pages it renders.
    prepare: Callable[[Page], None] | None = field(default=None, repr=False, compare=False)


def paginate(items: list[Any], per_page: int, base: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Split `items` (newest first) into pages that keep their items as the list grows;
    yields (site path, pager context) for each page, the front page first.

    Pages are cut from the oldest item: page 1 holds the oldest `per_page` items, page 2
    the next ones, and so on. The newest items, too few to fill a page, join the newest
    full page: the list's front page (`base`), which holds `per_page` to
    `2 * per_page - 1` items (all of them when there are fewer). A newer item changes the
    front page only, and once in `per_page` times adds one page below it; every older
    page keeps its items, its address and its bytes. Readers can cite a page of an
    archive, and an incremental build or a deploy does not touch the old pages.

    What a page other than the front one shows may not depend on how long the list is
    (the default theme shows the total and the number of pages on the front page only):
    `front` says which page this is and `newest` is the front page's path.
    """
    total = len(items)
    count = max(1, total // per_page)
    front_size = total - (count - 1) * per_page
    for number in range(count, 0, -1):
        if number == count:
            chunk = items[:front_size]
        else:
            start = total - number * per_page
            chunk = items[start:start + per_page]
        pager = {
            "number": number,
            "count": count,
            "front": number == count,
            "newest": base,
            "items": chunk,
            "span": (_date_of(chunk[0]), _date_of(chunk[-1])) if chunk else None,
            "total": total,
            "previous": list_path(base, number + 1, count) if number < count else None,
            "next": list_path(base, number - 1, count) if number > 1 else None,
            "pages": [(n, list_path(base, n, count) if n else None)
                      for n in _window(number, count)],
        }
        yield list_path(base, number, count), pager


def _date_of(item: Any) -> dt.date | None:
    """The date of a listed release, or of a listed quote's release."""
    if isinstance(item, QuoteEntry):
        return item.entry.date
    return getattr(item, "date", None)


def _newest(pager: dict[str, Any]) -> dt.date | None:
    """The date of the newest release (or quote's release) a list page shows."""
    return pager["span"][0] if pager["span"] else None


def _window(number: int, count: int, width: int = 2) -> list[int]:
    """Page numbers to link from page `number`, newest first: a few around it and the
    oldest (1); the front page (`count`) only when it is near, so that the window of an
    older page stays the same as the list grows. 0 marks a gap."""
    top = count if number + width + 1 >= count else number + width
    shown = sorted({1, *range(max(1, number - width), top + 1)}, reverse=True)
    out: list[int] = []
    for n in shown:
        if out and out[-1] - n > 1:
            out.append(0)
        out.append(n)
    return out


Related = Callable[[Entry], list[Entry]]


def plan_pages(archive: Archive, config: SiteConfig, related: Related | None = None,
               ) -> list[Page]:
    """Every HTML page of the site, in a stable order.

    `related` gives an entry's related releases (default: `archive.related`).
    """
    pages: list[Page] = []
    for path, pager in paginate(archive.entries, config.per_page, urls.HOME):
        pages.append(Page(path, "index.html", {"pager": pager},
                          title=config.title if pager["front"]
                          else f"Releases (page {pager['number']})",
                          updated=_newest(pager)))
    pages.extend(_release_pages(archive, config, related or archive.related))
    for kind in KINDS:
        pages.extend(_taxonomy_pages(archive, config, kind))
    pages.extend(_event_pages(archive, config))
    pages.extend(_quote_pages(archive, config))
    pages.extend(_date_pages(archive, config))
    pages.append(Page(urls.SEARCH, "search.html", {}, title="Search",
                      description=f"Search and filter {config.title}."))
    pages.append(Page(urls.NOT_FOUND, "404.html", {}, title="Page not found",
                      absolute_links=True))
    return pages


def _release_pages(archive: Archive, config: SiteConfig, related: Related) -> Iterator[Page]:
    def prepare(page: Page) -> None:
        entry = page.context["entry"]
        page.context["related"] = related(entry)
        page.jsonld = release_jsonld(entry, config)

    for entry in archive.entries:
        release = entry.release
        yield Page(entry.path, "release.html", {"entry": entry, "release": release},
                   title=release.title, lang=release.language, og_type="article",
                   description=release.summary, updated=entry.date, prepare=prepare)


LIST_TITLES = {"tags": "Tags", "people": "People", "organizations": "Organizations",
               "countries": "Countries"}
TERM_TEMPLATES = {"tags": "tag.html", "people": "person.html",
                  "organizations": "organization.html", "countries": "country.html"}


def _taxonomy_pages(archive: Archive, config: SiteConfig, kind: str) -> Iterator[Page]:
    def prepare(page: Page) -> None:
        page.jsonld = term_jsonld(page.context["term"], config)

    described = kind in ("people", "organizations")  # the kinds with JSON-LD (a front page's)
    terms = archive.sorted_terms(kind)
    yield Page(urls.kind_path(kind), f"{kind}.html",
               {"terms": terms, "groups": _by_initial(terms)}, title=LIST_TITLES[kind],
               description=f"{LIST_TITLES[kind]} in {config.title}, with their releases.")
    for term in terms:
        quotes = archive.quotes_with_term(term) if kind == "tags" else term.quotes
        title = f"Tag: {term.name}" if kind == "tags" else term.label
        for path, pager in paginate(term.releases, config.per_page, term.path):
            front = pager["front"]
            yield Page(path, TERM_TEMPLATES[kind],
                       {"term": term, "pager": pager, "quotes": quotes},
                       title=title if front else f"{title} (page {pager['number']})",
                       og_type="profile" if kind == "people" else "website",
                       description=_term_description(term, len(quotes)) if front
                       else f"{term.label}: releases, page {pager['number']}.",
                       updated=_newest(pager), prepare=prepare if front and described else None)
        if kind == "tags" and quotes:
            base = urls.tag_quotes_path(term.slug)
            for path, pager in paginate(quotes, config.per_page, base):
                yield Page(path, "tag_quotes.html", {"term": term, "pager": pager},
                           title=f"Quotes on {term.name}" if pager["front"]
                           else f"Quotes on {term.name} (page {pager['number']})",
                           updated=_newest(pager))


def _term_description(term: Term, quotes: int) -> str:
    count = len(term.releases)
    text = f"{count} release{'s' if count != 1 else ''}"
    if quotes:
        text += f" and {quotes} quote{'s' if quotes != 1 else ''}"
    return f"{term.label}: {text}."


def _by_initial(terms: list[Term]) -> list[tuple[str, list[Term]]]:
    """Terms grouped by the first letter of their name (accents folded), in order."""
    groups: dict[str, list[Term]] = {}
    for term in terms:
        initial = name_key(term.name)[:1].upper()
        groups.setdefault(initial if initial.isalpha() else "#", []).append(term)
    return sorted(groups.items(), key=lambda g: (g[0] == "#", g[0]))


def _event_pages(archive: Archive, config: SiteConfig) -> Iterator[Page]:
    groups: dict[int, list[EventTerm]] = {}
    for event in archive.events:
        groups.setdefault(event.date.year, []).append(event)
    yield Page(urls.kind_path("events"), "events.html",
               {"events": archive.events, "groups": list(groups.items())}, title="Events",
               description=f"Meetings, conferences and operations reported in {config.title}.")
    for event in archive.events:
        yield Page(event.path, "event.html", {"event": event}, title=event.name,
                   description=f"{event.name}: {len(event.releases)} release(s).",
                   updated=event.releases[0].date, jsonld=event_jsonld(event, config))


def _quote_pages(archive: Archive, config: SiteConfig) -> Iterator[Page]:
    speakers = sorted({id(q.speaker): q.speaker for q in archive.quotes if q.speaker}.values(),
                      key=lambda t: (-len(t.quotes), t.name.casefold()))
    tags = [(t, n) for t in archive.sorted_terms("tags")
            if (n := sum(len(e.quotes) for e in t.releases))]
    for path, pager in paginate(archive.quotes, config.per_page, urls.QUOTES):
        yield Page(path, "quotes.html", {"pager": pager, "speakers": speakers, "tags": tags},
                   title="Quotes" if pager["front"] else f"Quotes (page {pager['number']})",
                   description=f"Every quote in {config.title}, newest first.",
                   updated=_newest(pager))


def _date_pages(archive: Archive, config: SiteConfig) -> Iterator[Page]:
    years = sorted(archive.years, reverse=True)
    overview = []
    for year in years:
        months = archive.months(year)
        busy = len(archive.years[year]) > config.per_page
        overview.append({"year": year, "count": len(archive.years[year]), "busy": busy,
                         "months": [(m, len(e)) for m, e in months.items()]})
    yield Page(urls.ARCHIVE, "archive.html", {"years": overview}, title="Archive",
               description=f"{config.title} by year and month.")
    for i, info in enumerate(overview):
        year = info["year"]
        around = {"newer": years[i - 1] if i > 0 else None,
                  "older": years[i + 1] if i + 1 < len(years) else None}
        yield Page(urls.year_path(year), "year.html",
                   {"year": year, "entries": archive.years[year], "busy": info["busy"],
                    "months": info["months"], "by_month": list(archive.months(year).items()),
                    **around},
                   title=f"Releases of {year}", updated=archive.years[year][0].date)
        if not info["busy"]:
            continue
        for month, entries in archive.months(year).items():
            base = urls.month_path(year, month)
            for path, pager in paginate(entries, config.per_page, base):
                title = f"Releases of {calendar.month_name[month]} {year}"
                yield Page(path, "month.html", {"year": year, "month": month, "pager": pager},
                           title=title if pager["front"]
                           else f"{title} (page {pager['number']})",
                           updated=_newest(pager))
