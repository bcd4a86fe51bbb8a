"""Pages and their rendering: the Jinja environment, the page plan, one page to HTML.

Templates are looked up in the site's own `templates/` first, then in the default theme,
so a site overrides any template by name. Autoescape is on and undefined variables are
errors. `plan_pages` lists every page of the site from the archive; `render_page` turns one
into text. Nothing here reads content files or writes output.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import markdown as md
import nh3
from markupsafe import Markup

from pressroom import __version__
from pressroom.archive import Archive
from pressroom.config import SiteConfig
from pressroom.urls import absolute_url, list_path, relative_url, term_path

THEME_DIR = Path(__file__).parent / "theme"


def theme_dir() -> Path:
    """The default theme: inside the installed package, or the repository's top level."""
    if (THEME_DIR / "templates").is_dir():
        return THEME_DIR
    return Path(__file__).resolve().parents[2]


@dataclass
class Page:
    """One output page: its site path, the template that renders it, and its context."""

    path: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    title: str = ""
    lang: str | None = None
    absolute_links: bool = False


class Markdown:
    """Markdown to sanitized HTML; one converter reused for every body."""

    def __init__(self) -> None:
        self._md = md.Markdown(extensions=["extra", "sane_lists"], output_format="html")

    def __call__(self, text: str) -> Markup:
        html = self._md.reset().convert(text)
        return Markup(nh3.clean(html, url_schemes={"http", "https", "mailto"},
                                link_rel="noopener noreferrer"))


def make_env(config: SiteConfig) -> jinja2.Environment:
    """The Jinja environment: site templates before the theme's, autoescape, strict."""
    search = [config.root / "templates", theme_dir() / "templates"]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(p) for p in search if p.is_dir()]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["markdown"] = Markdown()
    env.filters["datefmt"] = lambda d, fmt=None: d.strftime(fmt or config.date_format) if d else ""
    env.filters["tojson_script"] = _json_for_script
    env.globals.update(site=config, version=__version__, url=_url, asset=_asset,
                       absolute=lambda path: absolute_url(config.base_url, path))
    return env


def _json_for_script(value: Any) -> Markup:
    """JSON that cannot close the <script> element it is embedded in."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@jinja2.pass_context
def _url(ctx: jinja2.runtime.Context, target: str) -> str:
    page: Page = ctx["page"]
    if page.absolute_links:
        return ctx["site"].base_path + target
    return relative_url(target, page.path)


@jinja2.pass_context
def _asset(ctx: jinja2.runtime.Context, name: str) -> str:
    return _url(ctx, "static/" + name)


def render_page(env: jinja2.Environment, page: Page) -> str:
    template = env.get_template(page.template)
    return template.render(page=page, **page.context)


def paginate(items: list[Any], per_page: int, base: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Split `items` into pages; yields (site path, pager context) for each page."""
    count = max(1, math.ceil(len(items) / per_page))
    for number in range(1, count + 1):
        chunk = items[(number - 1) * per_page: number * per_page]
        pager = {
            "number": number,
            "count": count,
            "items": chunk,
            "total": len(items),
            "previous": list_path(base, number - 1) if number > 1 else None,
            "next": list_path(base, number + 1) if number < count else None,
            "pages": [(n, list_path(base, n)) for n in range(1, count + 1)],
        }
        yield list_path(base, number), pager


def plan_pages(archive: Archive, config: SiteConfig) -> list[Page]:
    """Every HTML page of the site, in a stable order."""
    pages: list[Page] = []
    for path, pager in paginate(archive.entries, config.per_page, ""):
        pages.append(Page(path, "index.html", {"pager": pager}, title=config.title))
    for entry in archive.entries:
        pages.append(Page(entry.path, "release.html",
                          {"entry": entry, "release": entry.release,
                           "related": archive.related(entry)},
                          title=entry.release.title, lang=entry.release.language))
    tags = sorted(archive.taxonomies["tags"].values(), key=lambda t: t.name)
    pages.append(Page("tags/", "tags.html", {"terms": tags}, title="Tags"))
    for term in tags:
        base = term_path("tags", term.slug)
        for path, pager in paginate(term.releases, config.per_page, base):
            pages.append(Page(path, "tag.html", {"term": term, "pager": pager},
                              title=f"Tag: {term.name}"))
    pages.append(Page("404.html", "404.html", {}, title="Page not found", absolute_links=True))
    return pages

