"""Internal links of a built site: every href/src of every page must lead somewhere.

`check_links(output, base_url, shown)` reads the HTML files of a finished build and follows
each link that stays inside the site (relative links, paths under the base path, and full
URLs under `base_url`) to a file of the build, and each `#fragment` to an `id` (or `<a
name>`) of its target page. External links are not fetched. A broken link or asset is an
error, a missing anchor a warning; both name the page (as `shown/<page>`) and the line.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pressroom.errors import Diagnostics, Level

# (tag, attribute) pairs that point at another resource
LINK_ATTRS = {
    ("a", "href"), ("area", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
    ("source", "src"), ("iframe", "src"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("track", "src"), ("embed", "src"), ("object", "data"),
    ("form", "action"),
}
SRCSET_TAGS = {"img", "source"}
SKIPPED_SCHEMES = {"mailto", "tel", "data", "javascript", "ftp", "sms", "geo"}


@dataclass
class LinkReport:
    pages: int = 0
    links: int = 0
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


class _PageParser(HTMLParser):
    """Collects the ids and the outgoing links (with their line) of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif (tag, name) in LINK_ATTRS:
                self.links.append((value, line))
            elif name == "srcset" and tag in SRCSET_TAGS:
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.links.append((url, line))

    handle_startendtag = handle_starttag


def check_links(output: Path, base_url: str, shown: Path | str = "public",
                folder_links: bool = True) -> LinkReport:
    """Follow every internal link of the site built in `output`. Without `folder_links`
    (a site built to be browsed from a folder), a relative link to a folder is a warning:
    file:// shows a listing there."""
    report = LinkReport()
    files = {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}
    parsed: dict[str, _PageParser] = {}
    for page in sorted(f for f in files if f.endswith(".html")):
        parser = _PageParser()
        parser.feed((output / page).read_text(encoding="utf-8", errors="replace"))
        parser.close()
        parsed[page] = parser
    base = urlsplit(base_url)
    base_path = base.path if base.path.endswith("/") else base.path + "/"
    for page, parser in parsed.items():
        report.pages += 1
        where = f"{Path(shown).as_posix().rstrip('/')}/{page}"
        for url, line in parser.links:
            problem = _follow(url, page, base_url, base_path, files, parsed)
            if problem is None and not folder_links and _names_a_folder(url):
                problem = (Level.WARNING, f"link '{url}' names a folder, which a browser "
                           "shows as a listing from a folder: link its index.html")
            report.links += 1
            if problem is not None:
                level, message = problem
                report.diagnostics.add(level, where, line, message)
    return report


def _follow(url: str, page: str, base_url: str, base_path: str, files: set[str],
            parsed: dict[str, _PageParser]) -> tuple[Level, str] | None:
    """None when `url` (found on `page`) resolves; else (level, message)."""
    url = url.strip()
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        if parts.scheme.lower() in SKIPPED_SCHEMES or not url.startswith(base_url) \
                or not base_url.startswith(("http://", "https://")):
            return None  # external: not fetched
        parts = urlsplit(url[len(base_url):])
        path = unquote(parts.path)
    elif parts.path.startswith("/"):
        path = unquote(parts.path)
        if not path.startswith(base_path):
            return Level.ERROR, f"link '{url}' leaves the site's base path {base_path}"
        path = path[len(base_path):]
    elif parts.path:
        joined = posixpath.join(posixpath.dirname(page), unquote(parts.path))
        path = posixpath.normpath(joined)
        if path == ".":
            path = ""
        elif path.startswith("../") or path == "..":
            return Level.ERROR, f"link '{url}' leads outside the site"
        elif parts.path.endswith("/"):
            path += "/"
    else:
        path = page  # '#fragment' or '?query' on the page itself
    target = _target_file(path, files)
    if target is None:
        return Level.ERROR, f"broken link '{url}': no page or file {path or '/'} in the site"
    fragment = unquote(parts.fragment)
    if fragment and fragment != "top" and target in parsed \
            and fragment not in parsed[target].ids:
        return Level.WARNING, f"link '{url}': no element with id '{fragment}' on {target}"
    return None


def _names_a_folder(url: str) -> bool:
    """A relative link (no scheme, host or leading '/') whose path is a folder."""
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc or parts.path.startswith("/") or not parts.path:
        return False
    return parts.path.endswith("/") or parts.path in (".", "..")


def _target_file(path: str, files: set[str]) -> str | None:
    if path == "" or path.endswith("/"):
        candidate = path + "index.html"
        return candidate if candidate in files else None
    if path in files:
        return path
    if f"{path}/index.html" in files:  # served with a redirect to the folder
        return f"{path}/index.html"
    return None
