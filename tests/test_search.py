import datetime as dt
import json
import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from pressroom.archive import build_archive
from pressroom.model import Person, Quote, Release
from pressroom.search import search_files, search_update, shard_name, tokens


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
    oldest, newest = meta["docs"]  # a release's number is its row, counted from the oldest
    assert oldest[1] == "Older release"
    assert newest[:7] == ["releases/meeting-in-panama/", "Meeting in Panama", "2022-06-24", "",
                          0, "en", 2022]
    assert receive(files["search/data/s/0.js"]) == ("s/0", ["", "A summary."])
    assert newest[7:11] == [[2, 0], [1], [0], []]  # in the release's own order
    assert newest[11] == "2022-06-24"
    _, meta = receive(search_files(ARCHIVE, "%d %B %Y")["search/data/meta.js"])
    assert meta["docs"][1][11] == "24 June 2022"
    assert sorted(meta["shards"]) == meta["shards"]
    assert all(f"search/data/w/{s}.js" in files for s in meta["shards"])


def test_words_of_titles_bodies_people_and_quotes_are_indexed():
    files = search_files(ARCHIVE)
    assert postings(files, "zuleta") == [1]
    assert postings(files, "mechanisms") == [1]  # from the quote
    assert postings(files, "panama") == [1]
    assert postings(files, "release") == [0]
    assert postings(files, "body") == [1]
    assert postings(files, "nothing") == [0]


def test_index_is_deterministic():
    assert search_files(ARCHIVE) == search_files(ARCHIVE)


WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota"]
release_st = st.builds(
    lambda title, day, body: (title, day, body),
    st.sampled_from(WORDS),
    st.integers(0, 30),
    st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join))


def make_archive(items: dict[str, tuple[str, int, str]]):
    return build_archive([
        Release(f"{title} {slug}", dt.date(2020, 1, 1) + dt.timedelta(days=day), body=body,
                slug=slug, tags=("t",), summary=body)
        for slug, (title, day, body) in sorted(items.items())])


def updated(before, after, start=None):
    """The files search_update gives for `after`, from the state and files of `before`
    (or the `start` those were made from: (files, state))."""
    old_files, state = start or search_update(before)
    files, new_state = search_update(after, previous=state, read_old=old_files.get)
    whole = {path: old_files[path] if data is None else data for path, data in files.items()}
    return whole, new_state


slugs = st.sampled_from([f"r{n}" for n in range(24)])


@given(st.dictionaries(slugs, release_st),
       st.lists(st.dictionaries(slugs, release_st | st.none()), min_size=1, max_size=3))
def test_an_updated_index_is_the_index_made_anew(first, rounds):
    # build after build, releases added (over 16 at once too), removed, edited, moved in
    # time: each update reads the last build's files, and must give what a build from
    # nothing gives
    current, start = first, None
    before = make_archive(current)
    for changes in rounds:
        current = {**current, **changes}
        current = {slug: item for slug, item in current.items() if item is not None}
        after = make_archive(current)
        files, state = updated(before, after, start)
        assert files == search_files(after)
        before, start = after, (files, state)


def written_shards(before, after):
    old_files, state = search_update(before)
    files, _ = search_update(after, previous=state, read_old=old_files.get)
    return {path for path, data in files.items() if data is not None and "/w/" in path}


def test_a_release_newer_than_all_others_rewrites_only_the_shards_of_its_words():
    first = {f"r{n}": ("alpha", n, "beta gamma") for n in range(5)}
    after = make_archive({**first, "r9": ("delta", 9, "epsilon")})
    assert written_shards(make_archive(first), after) == \
        {f"search/data/w/{shard_name(w)}.js" for w in ("delta", "epsilon", "r9")}
    assert postings(search_files(after), "delta") == [5]  # the next number


def test_removing_the_newest_release_rewrites_only_the_shards_of_its_words():
    first = {f"r{n}": ("alpha", n, "beta gamma") for n in range(5)}
    first["r9"] = ("delta", 9, "epsilon beta")
    rest = {slug: item for slug, item in first.items() if slug != "r9"}
    assert written_shards(make_archive(first), make_archive(rest)) == \
        {f"search/data/w/{shard_name('beta')}.js"}  # delta, epsilon, r9: gone altogether


def test_a_release_inserted_leaves_the_shards_of_older_releases_alone():
    first = {"r0": ("alpha", 0, "beta"), "r1": ("alpha", 1, "beta"), "r5": ("gamma", 5, "")}
    after = make_archive({**first, "r3": ("delta", 3, "")})
    # alpha and beta name only releases older than r3: their numbers stay; gamma's moves
    assert written_shards(make_archive(first), after) == \
        {f"search/data/w/{shard_name(w)}.js" for w in ("gamma", "delta", "r3", "r5")}


def test_many_releases_inserted_among_the_old_ones():
    first = {f"a{n}": (WORDS[n % 9], 2 * n, WORDS[(n * 4) % 9]) for n in range(10)}
    more = {f"b{n}": (WORDS[n % 7], n, WORDS[(n * 2) % 9]) for n in range(20)}
    before, after = make_archive(first), make_archive({**first, **more})
    assert updated(before, after)[0] == search_files(after)


def test_a_state_that_does_not_hold_together_makes_the_index_anew():
    first = {f"r{n}": ("alpha", n, "beta") for n in range(4)}
    before = make_archive(first)
    old_files, state = search_update(before)
    del state["words"]["r3"]  # the newest, about to be removed
    after = make_archive({slug: item for slug, item in first.items() if slug != "r3"})
    files, _ = search_update(after, previous=state, read_old=old_files.get)
    assert all(data is not None for data in files.values())  # nothing kept from before
    assert files == search_files(after)


@pytest.mark.parametrize("damage", [
    b"[1, 2]", b"{not json", b"\xff\xfe", b"NaN", b""])
def test_a_damaged_shard_of_the_last_build_makes_the_index_anew(damage):
    # the build reads back only files whose stat is as it left them; one that still does
    # not read as a shard (a disk fault, a tool writing into the site) must not stop it
    first = {"r0": ("alpha", 0, "beta"), "r1": ("alpha", 1, "beta"), "r5": ("gamma", 5, "")}
    before = make_archive(first)
    old_files, state = search_update(before)
    path = f"search/data/w/{shard_name('alpha')}.js"
    old_files = {**old_files,
                 path: b'PressroomSearch.receive("w/x",' + damage + b");\n" if damage else b""}
    after = make_archive({**first, "r3": ("delta", 3, "")})  # inserted: every shard is read
    files, _ = search_update(after, previous=state, read_old=old_files.get)
    assert all(data is not None for data in files.values())  # nothing kept from before
    assert files == search_files(after)


def test_a_release_whose_file_and_term_names_are_the_same_keeps_its_words(monkeypatch):
    from pressroom import search
    from pressroom.model import Organization

    def release(path, day, body, org):
        return Release(f"Title {path}", dt.date(2024, 1, day), body=body, path=path,
                       organizations=(org,))

    older = release("a.md", 1, "Harbour dues", Organization("Water Board"))
    before = build_archive([older, release("b.md", 2, "Locks", Organization("Ferry Line"))])
    files, state = search_update(before, sources={"a.md": b"A1", "b.md": b"B1"})
    assert files == search_files(before)

    found = []
    real = search.word_set
    monkeypatch.setattr(search, "word_set", lambda text: found.append(text) or real(text))
    # b.md edited; c.md new and gives the Water Board its acronym, so a.md's document
    # (which names the board by its label) changes although its file did not
    after = build_archive([older, release("b.md", 2, "Canal", Organization("Ferry Line")),
                           release("c.md", 3, "Weirs", Organization("Water Board", "WB"))])
    new, kept = search_update(after, previous=state, read_old=files.get,
                           sources={"a.md": b"A1", "b.md": b"B2", "c.md": b"C1"})
    assert sorted(text.split("\n")[0] for text in found) == \
        ["Title a.md", "Title b.md", "Title c.md"]
    assert {p: files[p] if d is None else d for p, d in new.items()} == search_files(after)

    found.clear()  # nothing changed: no words found again
    search_update(after, previous=kept, read_old=None,
                  sources={"a.md": b"A1", "b.md": b"B2", "c.md": b"C1"})
    assert found == []
