"""The dependency record: what changes a page's fingerprint, and what does not.

tests/test_incremental.py checks whole incremental builds against clean ones; these tests
pin the rules one by one, on a small archive planned as a build plans it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from pressroom.archive import build_archive
from pressroom.config import SiteConfig
from pressroom.depends import Fingerprints, TemplateDigests, digest
from pressroom.model import Person, Quote, Release
from pressroom.plan import plan_pages
from pressroom.render import make_env


def releases() -> list[Release]:
    return [
        Release(f"Release {n}", dt.date(2024, 1, 1) + dt.timedelta(days=n),
                body=f"Body {n}.", slug=f"release-{n}", path=f"release-{n}.md",
                tags=("water",) if n % 2 else ("energy",),
                people=(Person("Ana Pérez", "Minister"),) if n == 3 else (),
                quotes=(Quote("We act now.", "Ana Pérez"),) if n == 3 else ())
        for n in range(6)]


def fingerprints(items: list[Release], tmp_path: Path,
                 config: SiteConfig | None = None) -> dict[str, bytes]:
    """Every page's fingerprint, by site path, as a build works them out."""
    config = config or SiteConfig(root=tmp_path)
    archive = build_archive(items)
    pages = plan_pages(archive, config)
    env = make_env(config)
    prints = Fingerprints(archive, config, TemplateDigests(env, tmp_path / "templates"),
                          {r.path: digest(repr(r)) for r in items}, archive.related)
    return {page.path: prints.page(page) for page in pages}


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {path for path in before.keys() | after.keys()
            if before.get(path) != after.get(path)}


def test_the_same_archive_gives_the_same_fingerprints(tmp_path):
    assert fingerprints(releases(), tmp_path) == fingerprints(releases(), tmp_path)


def test_an_edit_changes_the_pages_that_show_the_release_and_no_other(tmp_path):
    items = releases()
    before = fingerprints(items, tmp_path)
    items[1] = dataclasses.replace(items[1], body="Another body.")
    found = changed(before, fingerprints(items, tmp_path))
    # lists show a card of the release, whose fingerprint is the file's: any edit counts
    assert {"releases/release-1/", "", "tags/water/", "archive/2024/"} <= found
    assert {"releases/release-0/", "releases/release-2/"} <= found  # its neighbours
    assert {"releases/release-3/", "releases/release-5/"} <= found  # related: same tag
    assert "releases/release-4/" not in found  # neither a neighbour nor related
    assert "tags/energy/" not in found  # a list it is not in
    assert "people/ana-perez/" not in found


def test_a_quote_edited_changes_the_pages_that_show_it(tmp_path):
    items = releases()
    before = fingerprints(items, tmp_path)
    items[3] = dataclasses.replace(items[3], quotes=(Quote("We act today.", "Ana Pérez"),))
    found = changed(before, fingerprints(items, tmp_path))
    assert {"releases/release-3/", "people/ana-perez/", "quotes/"} <= found
    assert "releases/release-0/" not in found and "tags/energy/" not in found


def test_a_release_added_changes_the_lists_it_joins_not_the_others(tmp_path):
    items = releases()
    before = fingerprints(items, tmp_path)
    items.append(Release("Release 9", dt.date(2024, 1, 10), body="Body 9.", slug="release-9",
                         path="release-9.md", tags=("energy",)))
    found = changed(before, fingerprints(items, tmp_path))
    assert {"releases/release-9/", "releases/release-5/", "tags/energy/", ""} <= found
    assert "tags/water/" not in found and "releases/release-1/" not in found


def test_a_template_edited_changes_the_pages_that_use_it(tmp_path):
    before = fingerprints(releases(), tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "tag.html").write_text(
        '{% extends "theme/tag.html" %}{% block main %}Tag{% endblock %}', encoding="utf-8")
    found = changed(before, fingerprints(releases(), tmp_path))
    assert found and all(path.startswith("tags/") and path != "tags/" for path in found)


def test_a_config_change_changes_every_page(tmp_path):
    # (feed_size: a setting no page shows, so only the config's own part can change them)
    before = fingerprints(releases(), tmp_path)
    after = fingerprints(releases(), tmp_path, SiteConfig(root=tmp_path, feed_size=5))
    assert changed(before, after) == set(before)
