import datetime as dt
import json
import re
import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from pressroom.archive import build_archive
from pressroom.model import Person, Quote, Release
from pressroom.search import search_files, shard_name, tokens


def receive(data: bytes) -> tuple[str, object]:
    """What a data file hands to PressroomSearch.receive(name, data)."""
    match = re.fullmatch(rb"PressroomSearch\.receive\((\"[^\"]+\"),(.*)\);\n", data, re.S)
    assert match, data[:80]
    return json.loads(match.group(1)), json.loads(match.group(2))


def postings(files, word):
    _, shard = receive(files[f"search/data/w/{shard_name(word)}.js"])
    gaps = shard[word]
    out, at = [], 0
    for gap in gaps:
        at += gap
        out.append(at)
    return out


def test_tokens_fold_case_and_accents_and_drop_short_words():
    assert tokens("Bejarán, CURAÇAO & the U.N.-led a/b 2022") == \
        ["bejaran", "curacao", "the", "led", "2022"]
    assert tokens("İstanbul straße") == ["istanbul", "straße"]


def reference_tokens(text: str) -> list[str]:
    """The definition `tokens` follows: lowercase, NFKD, no combining marks, runs of two
    or more letters or digits, at most 40 long."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower())
                     if not unicodedata.category(c).startswith("M"))
    return [w for w in re.findall(r"[^\W_]{2,}", folded) if len(w) <= 40]


@given(st.text(alphabet=st.sampled_from(
    "aZ09 _-.’–…“éÉe\u0301\u0308\u0345ßİıﬁ①Ωø漢字カナ\u200b\u00a0ǅK")) | st.text())
@example("0\U0001d4d0")  # a letter with no lowercase that decomposes to an ASCII capital
def test_tokens_are_the_reference_folding_whatever_the_text(text):
    # tokens folds only the non-ASCII runs and reads ASCII text with a narrower pattern
    assert tokens(text) == reference_tokens(text)


def test_shard_names_are_hex_code_points_of_the_first_two_letters():
    assert shard_name("zuleta") == "7a-75"
    assert shard_name("ñu") == "f1-75"


ARCHIVE = build_archive([
    Release("Older release", dt.date(2021, 1, 1), body="Nothing here.", tags=("drugs",),
            countries=("Austria",)),
    Release("Meeting in Panama", dt.date(2022, 6, 24), body="Body text.",
            tags=("migration", "caribbean"), countries=("Panama",),
            people=(Person("Gilberto Zuleta"),),
            quotes=(Quote("Operational mechanisms matter", "Gilberto Zuleta"),),
            summary="A summary."),
])


def test_meta_lists_facets_and_one_row_per_release():
    files = search_files(ARCHIVE)
    name, meta = receive(files["search/data/meta.js"])
    assert name == "meta"
    assert meta["facets"]["tag"] == [["caribbean", "caribbean"], ["drugs", "drugs"],
                                     ["migration", "migration"]]
    assert meta["facets"]["country"] == [["austria", "Austria"], ["panama", "Panama"]]
    newest = meta["docs"][0]
    assert newest[:7] == ["releases/meeting-in-panama/", "Meeting in Panama", "2022-06-24", "",
                          0, "en", 2022]
    assert receive(files["search/data/s/0.js"]) == ("s/0", ["A summary.", ""])
    assert newest[7:11] == [[2, 0], [1], [0], []]  # in the release's own order
    assert newest[11] == "2022-06-24"
    _, meta = receive(search_files(ARCHIVE, "%d %B %Y")["search/data/meta.js"])
    assert meta["docs"][0][11] == "24 June 2022"
    assert sorted(meta["shards"]) == meta["shards"]
    assert all(f"search/data/w/{s}.js" in files for s in meta["shards"])


def test_words_of_titles_bodies_people_and_quotes_are_indexed():
    files = search_files(ARCHIVE)
    assert postings(files, "zuleta") == [0]
    assert postings(files, "mechanisms") == [0]  # from the quote
    assert postings(files, "panama") == [0]
    assert postings(files, "release") == [1]
    assert postings(files, "body") == [0]
    assert postings(files, "nothing") == [1]


def test_index_is_deterministic():
    assert search_files(ARCHIVE) == search_files(ARCHIVE)
