"""Rendering: the Jinja environment and one planned page to HTML.

Templates are looked up in the site's own `templates/` first, then in the default theme,
so a site overrides any template by name; `theme/<name>` is always the theme's own.
Autoescape is on and undefined variables are errors. `render_page` turns a page of the
plan (plan.py) into text; the theme's list partials are rendered once per item and kept
(`PartialStore`). Nothing here reads content files or writes output.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
from jinja2 import meta
from markupsafe import Markup

from pressroom import __version__, urls
from pressroom.archive import KINDS
from pressroom.config import SiteConfig
from pressroom.jsontext import compact
from pressroom.markup import Markdown
from pressroom.plan import Page
from pressroom.theme import theme_dir
from pressroom.urls import Linker, absolute_url, is_absolute

PATHS = SimpleNamespace(
    home=urls.HOME, archive=urls.ARCHIVE, quotes=urls.QUOTES, search=urls.SEARCH,
    search_data=urls.SEARCH_DATA, feed=urls.FEED, kind=urls.kind_path,
    tag_feed=urls.tag_feed_path, tag_quotes=urls.tag_quotes_path, year=urls.year_path,
    month=urls.month_path,
)

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
