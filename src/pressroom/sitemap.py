"""sitemap.xml and robots.txt.

The sitemap lists the HTML pages it is given (the build leaves out 404.html), with
`lastmod` from release dates (never the build's clock). Sitemaps need absolute URLs:
with a base_url that is only a path, the locations are site-absolute ('/press/...') and
robots.txt names the sitemap in a comment only; the build says base_url should be a full URL.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from pressroom.config import SiteConfig
from pressroom.urls import ROBOTS, SITEMAP, absolute_url, is_absolute

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


Located = tuple[str, dt.date | None]  # a page's site path and when it last changed


def sitemap_xml(pages: Iterable[Located], config: SiteConfig) -> bytes:
    """The sitemap of `pages`, (site path, last change) pairs."""
    ET.register_namespace("", NS)
    urlset = ET.Element(f"{{{NS}}}urlset")
    for path, updated in pages:
        url = ET.SubElement(urlset, f"{{{NS}}}url")
        ET.SubElement(url, f"{{{NS}}}loc").text = absolute_url(config.base_url, path)
        if updated is not None:
            ET.SubElement(url, f"{{{NS}}}lastmod").text = updated.isoformat()
    ET.indent(urlset)
    return ET.tostring(urlset, encoding="utf-8", xml_declaration=True) + b"\n"


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
