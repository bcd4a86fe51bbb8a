import datetime as dt
import re
import xml.etree.ElementTree as ET

from pressroom.archive import build_archive
from pressroom.config import SiteConfig
from pressroom.feeds import feed_files
from pressroom.model import Release

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


def check_atom(data: bytes) -> ET.Element:
    """Well-formed XML and the Atom rules a feed reader relies on (RFC 4287)."""
    feed = ET.fromstring(data)
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{name}")) == 1, name
    assert RFC3339.match(feed.findtext(f"{A}updated"))
    assert feed.find(f"{A}author/{A}name").text
    assert feed.find(f"{A}link[@rel='self']") is not None
    ids = set()
    for entry in feed.findall(f"{A}entry"):
        entry_id = entry.findtext(f"{A}id")
        assert re.match(r"^tag:[a-z0-9.-]+,\d{4}(-\d{2}-\d{2})?:\S+$", entry_id), entry_id
        assert entry_id not in ids
        ids.add(entry_id)
        assert entry.findtext(f"{A}title")
        assert RFC3339.match(entry.findtext(f"{A}updated"))
        assert entry.find(f"{A}link[@rel='alternate']").get("href")
        assert entry.find(f"{A}content").get("type") == "html"
    return feed


def test_main_feed_is_valid_atom_with_absolute_links(root_site):
    config, report = root_site
    feed = check_atom((report.output / "feed.xml").read_bytes())
    entries = feed.findall(f"{A}entry")
    assert len(entries) == config.feed_size
    first = entries[0]
    assert first.findtext(f"{A}id") == \
        "tag:example.org,2024-06-26:/releases/world-drug-day-2024-warns-of-new-synthetic-drugs/"
    assert first.findtext(f"{A}updated") == "2024-06-26T00:00:00Z"
    assert feed.findtext(f"{A}updated") == "2024-06-26T00:00:00Z"
    assert first.find(f"{A}link").get("href") == \
        "https://example.org/releases/world-drug-day-2024-warns-of-new-synthetic-drugs/"
    assert feed.find(f"{A}author/{A}name").text == "Fixture Office"
    assert {c.get("term") for c in first.findall(f"{A}category")} == {"drugs", "early-warning"}


def test_every_tag_has_a_valid_feed(root_site):
    _, report = root_site
    feeds = sorted((report.output / "tags").glob("*/feed.xml"))
    assert len(feeds) == len(list((report.output / "tags").glob("*/index.html")))
    for path in feeds:
        check_atom(path.read_bytes())
    migration = ET.fromstring((report.output / "tags/migration/feed.xml").read_bytes())
    assert len(migration.findall(f"{A}entry")) == 4


def test_sub_path_feed_links_and_ids(sub_path_site):
    _, report = sub_path_site
    feed = check_atom((report.output / "feed.xml").read_bytes())
    assert feed.find(f"{A}link[@rel='self']").get("href") == "https://example.org/press/feed.xml"
    assert feed.findtext(f"{A}entry/{A}id").startswith("tag:example.org,2024-06-26:/press/")


def test_a_path_only_base_url_still_makes_valid_atom():
    config = SiteConfig(title="Ministry Press Office", base_url="/news/")
    archive = build_archive([Release("One & <two>", dt.date(2022, 1, 2), body="*Hi*",
                                     tags=("x",))])
    files = feed_files(archive, config, lambda text: f"<p>{text}</p>")
    feed = check_atom(files["feed.xml"])
    assert feed.findtext(f"{A}id") == "tag:ministry-press-office,2000:/news/feed.xml"
    entry = feed.find(f"{A}entry")
    assert entry.findtext(f"{A}title") == "One & <two>"
    assert entry.find(f"{A}link").get("href") == "/news/releases/one-two/"
    check_atom(files["tags/x/feed.xml"])


def test_feeds_are_deterministic_and_clock_free():
    config = SiteConfig(base_url="https://example.org/")
    releases = [Release(f"R{n}", dt.date(2020, 1, n + 1)) for n in range(3)]
    first = feed_files(build_archive(releases), config, str)
    second = feed_files(build_archive(list(reversed(releases))), config, str)
    assert first == second
    stamps = {u.text for u in ET.fromstring(first["feed.xml"]).iter(f"{A}updated")}
    assert stamps == {"2020-01-03T00:00:00Z", "2020-01-02T00:00:00Z", "2020-01-01T00:00:00Z"}


def test_an_empty_site_has_a_valid_empty_feed():
    files = feed_files(build_archive([]), SiteConfig(), str)
    feed = check_atom(files["feed.xml"])
    assert feed.findall(f"{A}entry") == []
