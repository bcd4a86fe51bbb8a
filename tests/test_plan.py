"""The page plan: pagination cut from the oldest item (so older pages keep their items),
and every page kind of the archive planned once."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from pressroom.archive import build_archive
from pressroom.content import read_releases
from pressroom.errors import Diagnostics
from pressroom.plan import paginate, plan_pages


def pages(count: int, per_page: int) -> dict[str, dict]:
    items = list(range(count, 0, -1))  # newest first: the newest item is the largest
    return dict(paginate(items, per_page, "x/"))


def test_the_front_page_takes_the_newest_items_that_do_not_fill_a_page():
    found = pages(45, 20)
    assert list(found) == ["x/", "x/page/1/"]
    assert found["x/"]["items"] == list(range(45, 20, -1))  # 25 items: 20 + the 5 newest
    assert found["x/page/1/"]["items"] == list(range(20, 0, -1))
    assert found["x/"]["front"] and not found["x/page/1/"]["front"]
    assert found["x/"]["next"] == "x/page/1/" and found["x/page/1/"]["previous"] == "x/"


def test_a_short_list_is_one_page():
    for count in (0, 1, 19, 20, 39):
        found = pages(count, 20)
        assert list(found) == ["x/"] and len(found["x/"]["items"]) == count
        assert found["x/"]["count"] == 1 and found["x/"]["pages"] == [(1, "x/")]


def test_pages_are_numbered_from_the_oldest_and_link_newest_first():
    found = pages(200, 20)  # ten pages: the front is number 10
    assert [p["number"] for p in found.values()] == list(range(10, 0, -1))
    assert found["x/page/5/"]["previous"] == "x/page/6/"
    assert found["x/page/5/"]["next"] == "x/page/4/"
    assert [n for n, _ in found["x/page/5/"]["pages"]] == [7, 6, 5, 4, 3, 0, 1]
    assert [n for n, _ in found["x/"]["pages"]] == [10, 9, 8, 0, 1]
    assert found["x/page/5/"]["newest"] == "x/"


@given(st.integers(0, 300), st.integers(1, 300), st.integers(1, 25))
def test_a_newer_item_leaves_every_page_but_the_newest_two_as_it_was(count, added, per_page):
    """What an older page shows (its items and links) does not depend on how many newer
    items the list has: only the front page and the page it last overflowed into differ."""
    before, after = pages(count, per_page), pages(count + added, per_page)
    every = [i for p in after.values() for i in p["items"]]
    assert every == list(range(count + added, 0, -1))  # each item once, newest first
    assert all(per_page <= len(p["items"]) < 2 * per_page or p["count"] == 1
               for p in after.values() if p["front"])
    assert all(len(p["items"]) == per_page for p in after.values() if not p["front"])
    for path, page in before.items():
        if page["front"] or path not in after or page["number"] + 3 >= page["count"]:
            continue
        kept = after[path]
        for key in ("number", "items", "previous", "next", "pages", "span", "newest"):
            assert kept[key] == page[key], key


EVERY_TEMPLATE = {
    "index.html", "release.html", "tags.html", "tag.html", "tag_quotes.html", "people.html",
    "person.html", "organizations.html", "organization.html", "countries.html", "country.html",
    "events.html", "event.html", "quotes.html", "archive.html", "year.html", "month.html",
    "search.html", "404.html",
}


def test_the_plan_has_every_page_kind_once(root_site):
    config, _ = root_site
    archive = build_archive(read_releases(config, Diagnostics()))
    pages = plan_pages(archive, config)
    assert {p.template for p in pages} == EVERY_TEMPLATE
    paths = Counter(p.path for p in pages)
    assert max(paths.values()) == 1
    assert sum(p.template == "release.html" for p in pages) == len(archive.entries) == 11
    months = {p.path for p in pages if p.template == "month.html"}
    assert months == {"archive/2022/03/", "archive/2022/06/", "archive/2022/09/",
                      "archive/2022/11/", "archive/2023/01/", "archive/2023/06/",
                      "archive/2023/11/"}  # 2022 and 2023 have more than per_page (2)
