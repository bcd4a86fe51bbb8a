"""The URL scheme: the one place that knows where each page lives.

Pages are named by their site path: a folder path ending in '/' for pretty URLs
("releases/some-slug/", written as ".../index.html") or a file path ("feed.xml").
Links between pages are relative, so the same build works at a domain root, under a
sub-path, and from a folder opened in a browser.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

HOME = ""
ARCHIVE = "archive/"
QUOTES = "quotes/"
SEARCH = "search/"
SEARCH_DATA = "search/data/"
FEED = "feed.xml"
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_FOUND = "404.html"
STATIC = "static/"


def release_path(slug: str) -> str:
    return f"releases/{slug}/"


def term_path(kind: str, slug: str) -> str:
    """`kind` is the plural folder name: tags, people, organizations, countries, events."""
    return f"{kind}/{slug}/"


def kind_path(kind: str) -> str:
    """The list of every term of a kind: tags/, people/, organizations/, countries/, events/."""
    return f"{kind}/"


def tag_feed_path(slug: str) -> str:
    return f"tags/{slug}/feed.xml"


def tag_quotes_path(slug: str) -> str:
    return f"tags/{slug}/quotes/"


def year_path(year: int) -> str:
    return f"archive/{year:04d}/"


def month_path(year: int, month: int) -> str:
    return f"archive/{year:04d}/{month:02d}/"


def list_path(base: str, page: int, count: int) -> str:
    """Page `page` of the `count` pages of a list whose front page is `base`.

    Pages are numbered from the oldest (see plan.paginate): the front page, the newest,
    is number `count`; the others are `base/page/N/`.
    """
    return base if page >= count else f"{base}page/{page}/"


def file_for(path: str) -> str:
    """The output file (relative to the output root) that serves site path `path`."""
    if path == "" or path.endswith("/"):
        return path + "index.html"
    return path


def relative_url(target: str, current: str) -> str:
    """A link from the page at `current` to the site path `target` (both site paths).

    Plain string work on clean site paths (no '.' or '..' parts), as posixpath.relpath
    would give but without its calls to the file system's current folder: a big site
    makes millions of links.
    """
    here = posixpath.dirname(file_for(current))
    return _relative(here.split("/") if here else [], target)


def _relative(here_parts: list[str], target: str) -> str:
    """The link to `target` from the folder whose path parts are `here_parts`."""
    stripped = target.rstrip("/")
    target_parts = stripped.split("/") if stripped else []
    common = 0
    for mine, theirs in zip(here_parts, target_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    rel = "/".join([".."] * (len(here_parts) - common) + target_parts[common:]) or "."
    if target == "" or target.endswith("/"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def to_file(link: str) -> str:
    """A link to a page's folder as a link to its file: `../x/#a` -> `../x/index.html#a`
    (a site browsed from a folder: file:// shows a folder as a listing)."""
    path, mark, fragment = link.partition("#")
    if path == "" and mark:
        return link  # an anchor on the same page
    if path == "" or path.endswith("/"):
        return f"{path}index.html{mark}{fragment}"
    return link


class Linker:
    """`relative_url(target, current)` for one `current` page, with its work done once.

    With `pages` (site paths of folders that hold a page), a link to one of them names
    its index.html (see to_file)."""

    __slots__ = ("current", "parts", "first", "up", "memo", "pages")

    def __init__(self, current: str, pages: frozenset[str] | set[str] | None = None):
        self.current = current
        self.pages = pages
        here = posixpath.dirname(file_for(current))
        self.parts = parts = here.split("/") if here else []
        self.first = parts[0] if parts else None
        self.up = "../" * len(parts)
        self.memo: dict[str, str] = {}

    def _shared(self, target: str) -> str:
        """relative_url(target, self.current), the folder of `current` already split."""
        return _relative(self.parts, target)

    def __call__(self, target: str) -> str:
        found = self.memo.get(target)
        if found is None:
            if target and target[0] != "/" and target.partition("/")[0] != self.first \
                    and not target.endswith("//"):
                found = self.up + target  # nothing in common: up to the root, then down
            else:
                found = self._shared(target)
            if self.pages is not None and target.partition("#")[0] in self.pages:
                found = to_file(found)
            self.memo[target] = found
        return found


_PLAIN_PATH = re.compile(r"(?:[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*/)*"
                         r"(?:[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*)?")


@lru_cache(maxsize=64)
def _plain_base(base: str) -> bool:
    """True when joining a plain path to `base` is string concatenation."""
    return "?" not in base and "#" not in base and urljoin(base, "a/b") == base + "a/b" \
        and urljoin(base, "") == base


def absolute_url(base_url: str, path: str) -> str:
    """The full URL of `path` under `base_url` (a full URL or a path starting with '/')."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    if _plain_base(base) and _PLAIN_PATH.fullmatch(path) and "/." not in "/" + path:
        return base + path  # what urljoin gives for a plain relative path, without its cost
    return urljoin(base, path)


def is_absolute(base_url: str) -> bool:
    """True when `base_url` names a host (https://example.org/...), not only a path."""
    parts = urlsplit(base_url)
    return bool(parts.scheme and parts.netloc)
