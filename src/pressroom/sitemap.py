"""sitemap.xml and robots.txt.

The sitemap lists the HTML pages it is given (the build leaves out 404.html), with
`lastmod` from release dates (never the build's clock). Sitemaps need absolute URLs:
with a base_url that is only a path, the locations are site-absolute ('/press/...') and
robots.txt names the sitemap in a comment only; the build says base_url should be a full URL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from html import escape

from pressroom.config import SiteConfig
from pressroom.urls import ROBOTS, SITEMAP, absolute_url, is_absolute

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


Located = tuple[str, dt.date | None]  # a page's site path and when it last changed


def sitemap_xml(pages: Iterable[Located], config: SiteConfig) -> bytes:
    """The sitemap of `pages`, (site path, last change) pairs.

    Written as text (a sitemap is a flat list; ElementTree took seconds for a big site),
    laid out as ElementTree's indent() would; tests parse it back.
    """
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{NS}">']
    for path, updated in pages:
        # (html.escape, not xml.sax.saxutils.escape: the same text, and the latter imports
        # urllib.request and http.client, 35 ms of every build that renders)
        loc = escape(absolute_url(config.base_url, path), quote=False)
        if updated is None:
            lines.append(f"  <url>\n    <loc>{loc}</loc>\n  </url>")
        else:
            lines.append(f"  <url>\n    <loc>{loc}</loc>\n    <lastmod>{updated.isoformat()}"
                         "</lastmod>\n  </url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode()


def robots_txt(config: SiteConfig) -> bytes:
    """Allow everything; point to the sitemap (as a full URL when base_url has a host)."""
    lines = ["User-agent: *", "Allow: /", ""]
    where = absolute_url(config.base_url, SITEMAP)
    if is_absolute(config.base_url):
        lines.append(f"Sitemap: {where}")
    else:
        lines.append(f"# Sitemap: {where} (set base_url to the full URL to announce it)")
    return ("\n".join(lines) + "\n").encode()


def sitemap_files(pages: Iterable[Located], config: SiteConfig) -> dict[str, bytes]:
    """`sitemap.xml` and `robots.txt`, by output path."""
    return {SITEMAP: sitemap_xml(pages, config), ROBOTS: robots_txt(config)}
