import pytest

from pressroom.urls import Linker, absolute_url, file_for, list_path, relative_url, to_file


@pytest.mark.parametrize("target, current, expected", [
    ("tags/x/", "", "tags/x/"),
    ("", "releases/a/", "../../"),
    ("releases/a/", "releases/a/", "./"),
    ("releases/b/", "releases/a/", "../b/"),
    ("static/style.css", "releases/a/", "../../static/style.css"),
    ("feed.xml", "tags/x/page/2/", "../../../../feed.xml"),
    ("", "", "./"),
    ("tags/", "404.html", "tags/"),
])
def test_relative_links(target, current, expected):
    assert relative_url(target, current) == expected


def test_files_and_lists():
    assert file_for("") == "index.html"
    assert file_for("releases/a/") == "releases/a/index.html"
    assert file_for("feed.xml") == "feed.xml"
    assert list_path("tags/x/", 1, 1) == "tags/x/"  # the front page
    assert list_path("tags/x/", 4, 4) == "tags/x/"
    assert list_path("tags/x/", 1, 4) == "tags/x/page/1/"  # the oldest
    assert list_path("tags/x/", 3, 4) == "tags/x/page/3/"


def test_absolute_urls_under_a_sub_path():
    assert absolute_url("https://example.org/press/", "releases/a/") == \
        "https://example.org/press/releases/a/"
    assert absolute_url("/", "feed.xml") == "/feed.xml"


def test_links_to_page_folders_can_name_their_index_file():
    assert to_file("../x/") == "../x/index.html"
    assert to_file("../x/#quote-2") == "../x/index.html#quote-2"
    assert to_file("./") == "./index.html"
    assert to_file("#top") == "#top"  # an anchor on the same page
    assert to_file("../feed.xml") == "../feed.xml"
    pages = frozenset({"", "tags/", "releases/a/"})
    link = Linker("releases/b/", pages)
    assert link("releases/a/#quote-1") == "../a/index.html#quote-1"
    assert link("") == "../../index.html"
    assert link("search/data/") == "../../search/data/"  # a folder without a page
    assert link("static/style.css") == "../../static/style.css"
    assert Linker("releases/b/")("releases/a/") == "../a/"  # by default: folders
