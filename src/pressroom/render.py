"""Pages and their rendering: the Jinja environment, the page plan, one page to HTML.

Templates are looked up in the site's own `templates/` first, then in the default theme,
so a site overrides any template by name; `theme/<name>` is always the theme's own.
Autoescape is on and undefined variables are errors. `plan_pages` lists every page of the
site from the archive; `render_page` turns one into text. Nothing here reads content
files or writes output.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
from jinja2 import meta
from markupsafe import Markup

from pressroom import __version__, urls
from pressroom.archive import KINDS, Archive, Entry, EventTerm, QuoteEntry, Term
from pressroom.config import SiteConfig
from pressroom.jsontext import compact
from pressroom.markup import Markdown
from pressroom.names import name_key
from pressroom.structured import event_jsonld, release_jsonld, term_jsonld
from pressroom.theme import theme_dir
from pressroom.urls import Linker, absolute_url, is_absolute, list_path

PATHS = SimpleNamespace(
    home=urls.HOME, archive=urls.ARCHIVE, quotes=urls.QUOTES, search=urls.SEARCH,
    search_data=urls.SEARCH_DATA, feed=urls.FEED, kind=urls.kind_path,
    tag_feed=urls.tag_feed_path, tag_quotes=urls.tag_quotes_path, year=urls.year_path,
    month=urls.month_path,
)

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


# The theme's partials that lists include once per item: their output depends only on the
# variables they name, so each (item, variables) is rendered once per build and the
# page's own links are put in afterwards. A site's own version of them is rendered as is.
MEMO_PARTIALS = ("partials/entry.html", "partials/quote.html", "partials/site_search.html",
                 "partials/site_nav.html", "partials/site_footer.html")
# The sections the main navigation links: on one of them, `here` is its path (else None).
SECTIONS = frozenset({urls.HOME, urls.ARCHIVE, urls.QUOTES,
                      *(urls.kind_path(kind) for kind in (*KINDS, "events"))})
_SLOT = re.compile("\x00([0-9]+)\x00")


class _LinkSlots:
    """Stands in for `url` while a partial is remembered: each link becomes a numbered slot."""

    def __init__(self) -> None:
        self.targets: list[str] = []

    def __call__(self, target: str) -> str:
        self.targets.append(target)
        return f"\x00{len(self.targets) - 1}\x00"


class _Call:
    """What a remembered partial is called with, before any Context is made: most calls
    find their output in the memo and never need one (Jinja's would copy every variable)."""

    __slots__ = ("vars", "locals", "shared", "globals")

    def __init__(self, vars: dict[str, Any] | None, shared: bool,
                 locals: dict[str, Any] | None, globals: dict[str, Any]):
        self.vars = vars or {}
        self.shared = shared
        self.locals = locals or {}
        self.globals = globals

    def get(self, name: str, default: Any = None) -> Any:
        value = self.locals.get(name, _ABSENT)
        if value is _ABSENT or value is jinja2.runtime.missing:
            value = self.vars.get(name, _ABSENT)
            if value is _ABSENT:
                value = self.globals.get(name, default)
        return value


class PartialStore:
    """Remembered partial output kept from one build to the next (the build cache).

    `lasting(value)` names an archive object by what a partial shows of it (a
    fingerprint), or gives None for a value that has no such name; an output is found by
    the partial's name and the names of the values it reads. The store is only valid for
    the config and templates it was made with: the build keeps one per their digest.
    """

    def __init__(self, lasting: Callable[[Any], Any],
                 known: dict[tuple, tuple[str, str]] | None = None):
        self.lasting = lasting
        # names -> (output with numbered link slots, the slots' targets joined by NUL)
        self.known = known if known is not None else {}
        self.new: dict[tuple, tuple[str, str]] = {}  # made by this process

    def take_new(self) -> dict[tuple, tuple[str, str]]:
        new, self.new = self.new, {}
        return new


# Globals a remembered partial may read: they change only with the config (or Pressroom),
# and a store is only used with the config it was made with.
_CONSTANT = {"site", "paths", "version", "base_is_absolute"}


class _MemoPartial:
    """A theme partial rendered once per distinct set of the values it reads."""

    def __init__(self, template: jinja2.Template, names: list[str], env: _Environment):
        self.template = template
        self.names = names
        # What tells one use from another: the names read, but the globals that stay the
        # same all build long.
        self.varying = [name for name in names if name not in _CONSTANT]
        self.env = env
        # values read -> the output cut at its links, and the target of each link in order
        self.memo: dict[Any, tuple[list[str], list[str]]] = {}

    def new_context(self, vars: dict[str, Any] | None = None, shared: bool = False,
                    locals: dict[str, Any] | None = None) -> _Call:
        return _Call(vars, shared, locals, self.template.globals)

    def root_render_func(self, call: _Call) -> Iterator[str]:
        link = call.get("url")
        if not isinstance(link, Linker):
            yield from self.template.root_render_func(self._context(call))
            return
        varying = self.varying
        if len(varying) == 1:
            key: Any = _identity(call.get(varying[0], _ABSENT))
        else:
            key = tuple([_identity(call.get(name, _ABSENT)) for name in varying])
        found = self.memo.get(key)
        if found is None:
            store = self.env.partial_store
            lasting = self._lasting(call, store) if store is not None else None
            kept = store.known.get(lasting) if lasting is not None else None
            if kept is not None:
                text, joined = kept
                targets = joined.split("\x00") if joined else []
            else:
                context = self._context(call)
                slots = _LinkSlots()
                context.vars["url"] = slots
                text = "".join(self.template.root_render_func(context))
                targets = slots.targets
                if lasting is not None:
                    store.new[lasting] = (text, "\x00".join(targets))
            pieces = _SLOT.split(text)
            # the target of each slot where it stands (a slot names its target by number)
            found = (pieces, [targets[int(n)] for n in pieces[1::2]])
            self.memo[key] = found
        pieces, links = found
        if not links:
            yield pieces[0]
            return
        out = pieces[:]
        out[1::2] = [link(target) for target in links]
        yield "".join(out)

    def _lasting(self, call: _Call, store: PartialStore) -> tuple | None:
        names: list[Any] = [self.template.name]
        for name in self.names:
            if name in _CONSTANT:
                continue
            value = call.get(name, _ABSENT)
            if value is _ABSENT:
                names.append((name, "absent"))
            elif value is None or isinstance(value, (str, int, float, bool)):
                names.append((name, value))
            else:
                found = store.lasting(value)
                if found is None:
                    return None
                names.append((name, found))
        return tuple(names)

    def _context(self, call: _Call) -> jinja2.runtime.Context:
        return self.template.new_context(call.vars, call.shared, call.locals)


_ABSENT = object()
# Names a remembered partial may read: archive objects, plain values and the globals, all
# unchanged while a build runs (a loop or a namespace object changes, so is not here).
_STEADY = {"entry", "item", "heading_level", "show_speaker", "here"} | _CONSTANT


def _identity(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return (type(value), id(value))  # the archive's objects live (unchanged) all build long


class _Environment(jinja2.Environment):
    """Jinja's environment, with the theme's list partials remembered (MEMO_PARTIALS)."""

    theme_templates: Path
    memo_partials: dict[str, Any]
    partial_store: PartialStore | None = None
    page_files: frozenset[str] | None = None  # site paths whose links name index.html

    def get_template(self, name: Any, parent: Any = None, globals: Any = None) -> Any:
        if isinstance(name, str) and name in MEMO_PARTIALS and globals is None:
            found = self.memo_partials.get(name)
            if found is None:
                found = self.memo_partials[name] = self._memo_partial(name)
            return found
        return super().get_template(name, parent, globals)

    def _memo_partial(self, name: str) -> Any:
        template = super().get_template(name)
        if not template.filename or \
                Path(template.filename).resolve() != (self.theme_templates / name).resolve():
            return template  # the site's own: it may read anything, render it every time
        source = self.loader.get_source(self, name)[0]
        ast = self.parse(source)
        names = set(meta.find_undeclared_variables(ast)) - {"url"}
        if not names <= _STEADY or list(meta.find_referenced_templates(ast)) \
                or "asset" in source:  # globals are not in `names`; asset() is per page
            return template  # reads something that may change between two uses
        return _MemoPartial(template, sorted(names), self)


def make_env(config: SiteConfig, markdown: Markdown | None = None,
             bytecode: Path | None = None) -> jinja2.Environment:
    """The Jinja environment: site templates before the theme's, autoescape, strict.

    `bytecode`: a folder where compiled templates are kept between builds (Jinja's
    bytecode cache, keyed by each template's source)."""
    theme = theme_dir() / "templates"
    search = [config.root / "templates", theme]
    env = _Environment(
        # "theme/base.html" always names the theme's own template, so a site's base.html
        # can extend it instead of copying it.
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader([str(p) for p in search if p.is_dir()]),
            jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(str(theme))}),
        ]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # One build reads each template once: no stat() per include or extends.
        auto_reload=False,
        cache_size=-1,
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode))
        if bytecode is not None else None,
    )
    env.theme_templates = theme
    env.memo_partials = {}
    env.filters["markdown"] = markdown or Markdown()
    shown: dict[tuple[Any, str | None], str] = {}

    def datefmt(date: Any, fmt: str | None = None) -> str:
        try:
            found = shown.get((date, fmt))
        except TypeError:  # not hashable: not worth remembering
            return date.strftime(fmt or config.date_format) if date else ""
        if found is None:
            found = date.strftime(fmt or config.date_format) if date else ""
            if len(shown) < 100_000:
                shown[(date, fmt)] = found
        return found

    env.filters["datefmt"] = datefmt
    env.filters["tojson_script"] = _json_for_script
    env.filters["monthname"] = lambda m: calendar.month_name[m]
    # `url` and `asset` both as filters (`{{ path | url }}`, what the theme uses: Jinja
    # calls a filter directly, a global function through Context.call at about twice the
    # cost) and as functions (`{{ url(path) }}`).
    env.filters["url"] = _url_filter
    env.filters["asset"] = _asset_filter
    env.filters["absolute"] = lambda path: absolute_url(config.base_url, path)
    env.filters["isoformat"] = lambda value: value.isoformat()
    env.globals.update(site=config, version=__version__, url=_url, asset=_asset,
                       absolute=lambda path: absolute_url(config.base_url, path),
                       base_is_absolute=is_absolute(config.base_url), paths=PATHS)
    return env


def _json_for_script(value: Any) -> Markup:
    """JSON that cannot close the <script> element it is embedded in."""
    text = compact(value).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@jinja2.pass_context
def _url(ctx: jinja2.runtime.Context, target: str) -> str:
    page: Page = ctx["page"]
    if page.absolute_links:
        return ctx["site"].base_path + target
    return Linker(page.path, getattr(ctx.environment, "page_files", None))(target)


@jinja2.pass_context
def _asset(ctx: jinja2.runtime.Context, name: str) -> str:
    return _url(ctx, "static/" + name)


@jinja2.pass_context
def _url_filter(ctx: jinja2.runtime.Context, target: str) -> str:
    """`url` as a filter: the page's link maker (render_page puts it in the context, a
    remembered partial its link slots), else the global function."""
    link = ctx.get("url")
    if link.__class__ is Linker or link.__class__ is _LinkSlots:
        return link(target)
    return _url(ctx, target)


@jinja2.pass_context
def _asset_filter(ctx: jinja2.runtime.Context, name: str) -> str:
    return _url_filter(ctx, "static/" + name)


def render_page(env: jinja2.Environment, page: Page) -> str:
    if page.prepare is not None:
        page.prepare(page)
        page.prepare = None
    template = env.get_template(page.template)
    here = page.path if page.path in SECTIONS else None
    if page.absolute_links:
        return template.render(page=page, here=here, **page.context)
    # The same links as the `url` and `asset` globals, without their per-call set-up.
    link = Linker(page.path, getattr(env, "page_files", None))
    return template.render(page=page, here=here, url=link,
                           asset=lambda name: link("static/" + name), **page.context)


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
                       updated=_newest(pager),
                       jsonld=term_jsonld(term, config) if front else None)
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
