"""Atom feeds: the newest releases (`feed.xml`) and the newest of each tag.

Entry ids are `tag:` URIs (RFC 4151) made from the site's host (or, when base_url is only
a path, its title's slug), the release date and its path: they never change when the
site moves. `updated` comes from release dates, so the output does not depend on when
the build ran. Links are absolute when base_url names a host, site-absolute otherwise
(both valid Atom).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Callable
from urllib.parse import urlsplit

from pressroom.archive import Archive, Entry
from pressroom.config import SiteConfig
from pressroom.slugs import make_slug
from pressroom.urls import FEED, HOME, absolute_url, tag_feed_path

ATOM = "http://www.w3.org/2005/Atom"
# A feed's own tag: id needs a date; a fixed one, so that adding older releases (archives
# are often back-filled) never changes the id.
FEED_ID_DATE = "2000"
ToHtml = Callable[[str], str]


def tag_authority(config: SiteConfig) -> str:
    """The naming authority of `tag:` ids: the host of base_url, else the title's slug."""
    host = urlsplit(config.base_url).hostname
    return host or make_slug(config.title, fallback="pressroom")


def tag_uri(config: SiteConfig, date: dt.date | str, path: str) -> str:
    """`tag:example.org,2022-06-24:/press/releases/slug/`."""
    base = config.base_path.rstrip("/")
    day = date if isinstance(date, str) else date.isoformat()
    return f"tag:{tag_authority(config)},{day}:{base}/{path}"


def _stamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = text
    return element


def atom_feed(entries: list[Entry], config: SiteConfig, path: str, title: str,
              page: str, to_html: ToHtml) -> bytes:
    """One Atom document for `entries` (newest first); `page` is the HTML page it mirrors."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set("xml:lang", config.language)
    _sub(feed, "id", tag_uri(config, FEED_ID_DATE, path))
    _sub(feed, "title", title)
    _sub(feed, "subtitle", config.description)
    if entries:
        _sub(feed, "updated", _stamp(entries[0].date))
    else:  # an empty site: any fixed date keeps the output deterministic
        _sub(feed, "updated", _stamp(dt.date(2000, 1, 1)))
    _sub(feed, "link", rel="self", type="application/atom+xml",
         href=absolute_url(config.base_url, path))
    _sub(feed, "link", rel="alternate", type="text/html", href=absolute_url(config.base_url, page))
    author = _sub(feed, "author")
    _sub(author, "name", config.author or config.title)
    _sub(author, "uri", absolute_url(config.base_url, HOME))
    _sub(feed, "generator", "Pressroom")
    for entry in entries:
        _entry(feed, entry, config, to_html)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def _entry(feed: ET.Element, entry: Entry, config: SiteConfig, to_html: ToHtml) -> None:
    release = entry.release
    item = _sub(feed, "entry")
    item.set("xml:lang", release.language)
    _sub(item, "id", tag_uri(config, entry.date, entry.path))
    _sub(item, "title", release.title)
    _sub(item, "published", _stamp(entry.date))
    _sub(item, "updated", _stamp(entry.date))
    _sub(item, "link", rel="alternate", type="text/html",
         href=absolute_url(config.base_url, entry.path))
    for tag in entry.terms.get("tags", []):
        _sub(item, "category", term=tag.slug, label=tag.name)
    if release.summary:
        _sub(item, "summary", release.summary)
    _sub(item, "content", to_html(release.body), type="html")


FeedSpec = tuple[str, list[Entry], str, str]  # path, entries, title, the page it mirrors


def feed_specs(archive: Archive, config: SiteConfig) -> list[FeedSpec]:
    """Every feed of the site: `feed.xml` and one per tag."""
    size = config.feed_size
    specs = [(FEED, archive.entries[:size], config.title, HOME)]
    for term in archive.sorted_terms("tags"):
        specs.append((tag_feed_path(term.slug), term.releases[:size],
                      f"{config.title}: {term.name}", term.path))
    return specs


def feed_files(archive: Archive, config: SiteConfig, to_html: ToHtml,
               specs: list[FeedSpec] | None = None) -> dict[str, bytes]:
    """The feeds (all, or those of `specs`) by output path."""
    cache: dict[str, str] = {}  # a body shown in several feeds is converted once

    def html(body: str) -> str:
        if body not in cache:
            cache[body] = str(to_html(body))
        return cache[body]

    return {path: atom_feed(entries, config, path, title, page, html)
            for path, entries, title, page in (feed_specs(archive, config) if specs is None
                                                       else specs)}
