"""Decoding, cleaning, title and boilerplate, sentences and Markdown escaping."""

import codecs
from html import unescape

import markdown
import pytest

from pressroom.errors import LoaderError
from pressroom.loader import load_bytes
from pressroom.loader.dateline import DATE_LINE
from pressroom.loader.text import (
    clean,
    decode,
    escape_line,
    is_junk_line,
    sentences,
    split_document,
)

TEXT = "Café opens in Genève\n\nBERN – The café “Zürich” opened today."


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),  # with BOM
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("cp1252"),
    TEXT.replace("“", '"').replace("”", '"').replace("–", "-").encode("latin-1"),
])
def test_decodes_common_encodings(data):
    text = clean(decode(data))
    assert text.startswith("Café opens in Genève")
    assert "Zürich" in text


def test_double_encoded_utf8_is_repaired():
    mojibake = "The office said \u00e2\u20ac\u0153yes\u00e2\u20ac\u009d today".encode()
    assert "\u201cyes\u201d" in decode(mojibake)


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_line_endings(ending):
    data = ending.join(["Title", "", "First para.", "", "Second para."]).encode()
    body = load_bytes(data, "a.txt").release.body
    assert body == "First para.\n\nSecond para."


def test_control_characters_stripped_and_nfc():
    text = clean("Cafe\u0301\x07 day\x1b\u200b one\u00a0two\u0092s")
    assert text == "Café day one two’s"


@pytest.mark.parametrize("data", [b"", b"   \n\n \t ", "\ufeff".encode()])
def test_empty_input_is_an_error(data):
    with pytest.raises(LoaderError):
        load_bytes(data, "empty.txt")


@pytest.mark.parametrize("data", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"Title\x00\x00\x01\x02 binary",
    bytes(range(256)) * 4,
])
def test_binary_input_is_an_error(data):
    with pytest.raises(LoaderError) as err:
        load_bytes(data, "image.txt")
    assert err.value.diagnostic.path == "image.txt"


def test_no_title_is_an_error():
    with pytest.raises(LoaderError, match="no title"):
        load_bytes(b"404\n\nPage not found\n\n***", "junk.txt")


@pytest.mark.parametrize("line", ["File is not found", "Page not found", "404",
                                  "Skip to main content", "Print", "Share", "Share this page",
                                  "Home > News > Releases",
                                  "FOR IMMEDIATE RELEASE", "  |  ", "Press Releases"])
def test_junk_lines(line):
    assert is_junk_line(line)


@pytest.mark.parametrize("line", ["Mayor opens new bridge", "Print shop fined for fraud"])
def test_real_titles_are_not_junk(line):
    assert not is_junk_line(line)


def test_title_found_behind_junk():
    doc = split_document("Skip to main content\nShare\n\nPrint\n\nBridge opens\n\nIt opened.")
    assert doc.title == "Bridge opens"
    assert doc.title_line == 6
    assert [p.text for p in doc.body] == ["It opened."]


def test_page_header_and_repeated_title_dropped():
    text = ("Bridge opens\n\nFOR IMMEDIATE RELEASE\nCase # 12AB34\nMay 7, 2012\nAnn Roe\n"
            "Office: 555-123-4567\n\nBRIDGE OPENS\n\nCITY – The bridge opened.")
    doc = split_document(text, "x.txt", DATE_LINE)
    assert [p.text for p in doc.body] == ["CITY – The bridge opened."]
    assert doc.header_dates[0][0] == "May 7, 2012"


@pytest.mark.parametrize("marker", ["###", "# # #", "-30-", "For more information, call Ann.",
                                    "Media Contact", "Notes to editors", "About Acme Foundation",
                                    "Contact: Ann Roe", "Para más información: 555",
                                    "About the Coastal Fund", "For media inquiries: Ann Roe",
                                    "For press enquiries, call 555 0100",
                                    "Further information"])
def test_boilerplate_cut(marker):
    text = f"Bridge opens\n\nThe bridge opened.\n\nIt is long.\n\n{marker}\n\nAcme is a firm."
    doc = split_document(text)
    assert [p.text for p in doc.body] == ["The bridge opened.", "It is long."]
    assert doc.boilerplate


def test_boilerplate_stays_in_the_body_as_published_but_nothing_is_read_from_it():
    text = ("Harbour bridge opens\n\nPORTVILLE, 3 May 2024 – The new harbour bridge opened "
            "on Friday.\n\n\u201cIt joins both halves of the town at last,\u201d said "
            "Mayor Ann Roe.\n\nAbout the Coastal Fund\n\nThe Coastal Fund, chaired by Piet "
            "Vos, supports vaccine research and wildfire prevention in Kenya.\n\n###\n\n"
            "Media contact: Lena Ortiz, press@example.org")
    release = load_bytes(text.encode(), "bridge.txt").release
    assert release.body.endswith("About the Coastal Fund\n\nThe Coastal Fund, chaired by "
                                 "Piet Vos, supports vaccine research and wildfire prevention "
                                 "in Kenya.\n\n\\###\n\nMedia contact: Lena Ortiz, "
                                 "press@example.org")
    assert [p.name for p in release.people] == ["Ann Roe"]
    assert "Kenya" not in release.countries
    assert not {o.name for o in release.organizations} & {"Coastal Fund"}
    assert not {"vaccines", "health", "wildfires", "climate"} & set(release.tags)
    assert [q.speaker for q in release.quotes] == ["Ann Roe"]


@pytest.mark.parametrize("line", ["About 200 people came.", "About the bridge",
                                  "About the 200 people"])
def test_about_with_a_number_or_a_common_noun_is_not_boilerplate(line):
    doc = split_document(f"Bridge opens\n\nIt opened.\n\n{line}")
    assert len(doc.body) == 2


def test_sentences_respect_abbreviations():
    text = ("Mr. Roe met U.S. Attorney Jane A. Doe in Pensacola, Fla. on Sept. 4. "
            "They spoke. \u201cIt went well,\u201d she said.")
    assert sentences(text) == [
        "Mr. Roe met U.S. Attorney Jane A. Doe in Pensacola, Fla. on Sept. 4.",
        "They spoke.", "\u201cIt went well,\u201d she said."]


@pytest.mark.parametrize("line", ["1. First point", "# not a heading", "- not a list",
                                  "* star", "+ plus", "> not a quote", "2019) was a year",
                                  "<script>x</script>", "a *b* c", "see [1] note", "===",
                                  "snake_case and _under_", "back\\slash"])
def test_markdown_escaping_renders_as_written(line):
    html = markdown.markdown(escape_line(line))
    assert html.startswith("<p>"), html
    assert unescape(html[3:-4]) == line


def test_header_lines_at_the_top_of_a_run_on_paragraph():
    text = ("Man sentenced\n\nFOR IMMEDIATE RELEASE\nMarch 3, 2020\nMAN SENTENCED\n"
            "DALLAS – A man was sentenced today to ten years in prison for\nrobbery of a store.")
    doc = split_document(text, "x.txt", DATE_LINE)
    assert doc.body[0].lines[0].startswith("DALLAS – A man")
    assert doc.header_dates[0][0] == "March 3, 2020"


def test_title_repeated_over_two_lines_is_dropped():
    text = "Statement of the Mayor – Parks Plan\n\nStatement of the Mayor\nParks Plan\n\nThe plan."
    assert [p.text for p in split_document(text).body] == ["The plan."]


def test_summary_is_plain_first_sentence():
    data = b'"The plan is ready. It starts today," said Mayor Ann Roe.'
    assert load_bytes(b"Plan\n\n" + data, "a.txt").release.summary == "The plan is ready."
