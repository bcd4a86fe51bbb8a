"""The search page in a real browser: headless Chromium (Debian's) driven by playwright.

Skipped when /usr/bin/chromium or playwright is missing; never downloads a browser.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from pressroom.archive import build_archive
from pressroom.build import build
from pressroom.config import load_config
from pressroom.content import read_releases
from pressroom.errors import Diagnostics

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"headless Chromium not found at {CHROMIUM} "
                                       "(apt-get install chromium)")


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder under /press/, like a static host with a sub-path."""

    prefix = "/press/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return "/nonexistent"
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def server(sub_path_site):
    _, report = sub_path_site
    handler = functools.partial(_SubPathHandler, directory=str(report.output))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/press/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def archive(sub_path_site):
    config, _ = sub_path_site
    return build_archive(read_releases(config, Diagnostics()))


def _titles(page) -> list[str]:
    return page.locator("#search-results .entry-title a").all_inner_texts()


def _wait_for_status(page, text: str) -> None:
    page.wait_for_function("t => document.getElementById('search-status').textContent"
                           ".includes(t)", arg=text, timeout=10_000)


def test_searching_a_surname_finds_the_releases_naming_the_person(server, page, archive):
    person = archive.taxonomies["people"]["gilberto-zuleta"]
    expected = [e.release.title for e in person.releases]
    page.goto(server + "search/")
    page.fill("#q", "Zuleta")
    _wait_for_status(page, f"{len(expected)} releases matching “Zuleta”")
    assert sorted(_titles(page)) == sorted(expected)
    newest_first = [e.release.title for e in archive.entries if e in person.releases]
    assert _titles(page) == newest_first  # no word of the query in a title: in date order
    assert "Meeting of Caribbean countries led by TRACK4TIP strengthens communication channels " \
           "and regional cooperation" in _titles(page)
    summaries = page.locator("#search-results .summary").all_inner_texts()
    assert "Participants of the Caribbean Subregional Meeting agreed on a working plan." \
        in summaries  # loaded from its summary chunk
    link = page.locator("#search-results .entry-title a").first.get_attribute("href")
    assert link.startswith("../releases/")
    assert "q=Zuleta" in page.url  # the search can be linked to


def test_a_quote_word_and_an_accent_free_name_are_found(server, page):
    page.goto(server + "search/?q=bejaran")
    _wait_for_status(page, "1 release matching “bejaran”")
    page.fill("#q", "cooperación fiscales")
    _wait_for_status(page, "1 release matching “cooperación fiscales”")
    assert _titles(page) == ["Fiscales de Panamá se capacitan en el Darién"]


def test_filtering_by_tag_and_country_together_narrows_the_list(server, page, archive):
    migration = {e.slug for e in archive.taxonomies["tags"]["migration"].releases}
    panama = {e.slug for e in archive.taxonomies["countries"]["panama"].releases}
    both = migration & panama
    assert both and both != migration and both != panama  # the fixture makes it a real test
    page.goto(server + "search/")
    _wait_for_status(page, f"{len(archive.entries)} releases")
    page.select_option("#f-tag", "migration")
    _wait_for_status(page, "tag: migration")
    assert len(_titles(page)) == len(migration)
    page.select_option("#f-country", "panama")
    _wait_for_status(page, "country: Panama")
    expected = sorted(e.release.title for e in archive.entries if e.slug in both)
    assert sorted(_titles(page)) == expected
    options = page.locator("#f-year option").all_inner_texts()
    assert options == ["Any year", "2022 (3)"]  # the other filters narrow to what is left
    page.select_option("#f-person", "gilberto-zuleta")
    _wait_for_status(page, "person: Gilberto Zuleta")
    assert len(_titles(page)) == 3
    page.fill("#q", "plan")
    _wait_for_status(page, "1 release matching “plan”")
    assert _titles(page) == ["Caribbean meeting follow-up sets a working plan"]
    assert "tag=migration" in page.url and "country=panama" in page.url


def test_filters_from_the_address_and_the_header_search_box(server, page):
    page.goto(server + "search/?tag=migration&country=panama&year=2022")
    _wait_for_status(page, "3 releases")
    page.goto(server + "people/")
    page.fill("#site-q", "operational mechanisms")
    page.press("#site-q", "Enter")
    _wait_for_status(page, "matching “operational mechanisms”")
    assert len(_titles(page)) == 1


def test_search_works_from_a_folder_opened_with_file_urls(sub_path_site, page):
    _, report = sub_path_site
    url = Path(report.output / "search" / "index.html").as_uri() + "?q=zuleta"
    page.goto(url)
    _wait_for_status(page, "4 releases matching")


def test_without_javascript_the_page_points_to_the_browsable_pages(server, browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(server + "search/")
    assert tab.locator("noscript").count() == 1
    assert not tab.locator("#search-form").is_visible()
    text = tab.locator("main").inner_text()
    assert "Search needs JavaScript" in text
    tab.get_by_role("link", name="person").first.click()
    assert tab.url.endswith("/press/people/")
    context.close()


def test_a_site_built_for_a_folder_is_browsed_from_file_urls(tmp_path, page):
    root = tmp_path / "site"
    shutil.copytree(Path(__file__).parent / "data" / "site", root)
    report = build(load_config(root, {"use_directory_urls": False}))
    page.goto((report.output / "index.html").as_uri())
    page.locator(".entry-title a").first.click()
    assert page.url.endswith("/index.html")
    assert page.locator("article.release h1").count() == 1  # the page, not a file listing
    page.locator(".tags a").first.click()  # on to a tag page, and back home from there
    assert "/tags/" in page.url and page.url.endswith("/index.html")
    page.locator("header a").first.click()
    assert page.url == (report.output / "index.html").as_uri()
    page.goto((report.output / "search" / "index.html").as_uri() + "?q=zuleta")
    _wait_for_status(page, "4 releases matching")
    page.locator("#search-results .entry-title a").first.click()
    assert page.url.endswith("/index.html") and page.locator("article.release h1").count() == 1
