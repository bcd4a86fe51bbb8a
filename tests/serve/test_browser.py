"""Live reload in a real browser: headless Chromium (Debian's package) driven by Playwright."""

from pathlib import Path

import pytest

from pressroom.scaffold import init_site
from pressroom.slugs import make_slug

from .helpers import ServeProcess

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="needs Chromium at /usr/bin/chromium "
                              "(apt-get install chromium chromium-driver)"),
]
sync_api = pytest.importorskip("playwright.sync_api",
                               reason="needs playwright (pip install -e '.[test]')")

TITLE = "Port Alder ferry returns after winter repairs"
RELEASE = f"""---
title: {TITLE}
date: 2024-04-10
location: Port Alder
language: en
---
PORT ALDER, 10 April 2024 – The harbour ferry is back in service.
"""


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS,
                                             headless=True)
        yield browser
        browser.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    init_site(folder)
    (folder / "content" / "ferry.md").write_text(RELEASE, encoding="utf-8")
    return folder


def test_open_page_reloads_after_its_release_is_edited(browser, site: Path):
    with ServeProcess(site) as served:
        page = browser.new_page()
        page.goto(served.url + f"releases/{make_slug(TITLE)}/")
        assert "The harbour ferry is back in service." in page.inner_text("main")
        page.evaluate("window.__before_reload = true")
        release = site / "content" / "ferry.md"
        release.write_text(RELEASE.replace("is back in service", "sails again"), "utf-8")
        page.wait_for_function("() => document.body.innerText.includes('ferry sails again')",
                               timeout=15_000)
        assert page.evaluate("window.__before_reload") is None  # a real reload happened

        # A broken file shows a banner in the open page; fixing it takes the banner away.
        release.write_text(RELEASE.replace("date: 2024-04-10", "date: [oops"), "utf-8")
        banner = page.wait_for_selector("#pressroom-errors", timeout=15_000)
        assert "ferry.md" in banner.inner_text()
        release.write_text(RELEASE, "utf-8")
        page.wait_for_function(
            "() => !document.getElementById('pressroom-errors')"
            " && document.body.innerText.includes('is back in service')", timeout=15_000)

