"""Property tests: the loader never crashes, and quotes come from the text."""

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressroom.errors import LoaderError
from pressroom.loader import load_bytes
from pressroom.loader.names import chunks, name_tokens, tokens
from pressroom.loader.text import clean, decode

WORDS = st.sampled_from([
    "WASHINGTON –", "Panama, 24 June 2022.", "said", "Mr.", "Ann Roe", "the", "Office",
    "of", "United Nations", "(UNODC)", "\u201c", "\u201d", '"', "'", "\u2018", "\u2019", "«", "»",
    ",", ".", "\n", "\n\n", "Director", "Jane", "Smith,", "she said.", "Venezuela", "U.S.",
    "###", "About Acme", "- item", "1.", "#", "*", "Meeting", "two-day", "organized in",
    "Attorney General", "Roe", "Department", "of Justice", "José", "Curacao", "\t", "\r\n",
])
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _load(data: bytes):
    try:
        return load_bytes(data, "x.txt")
    except LoaderError:
        return None


@SETTINGS
@given(st.binary(max_size=2000))
def test_never_crashes_on_bytes(data):
    _load(data)


@SETTINGS
@given(st.text(max_size=2000))
def test_never_crashes_on_text(text):
    _load(text.encode("utf-8"))


def _unpunctuated(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[.,](?=\s|$)", "", text))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@SETTINGS
@given(st.lists(WORDS, min_size=1, max_size=120).map(" ".join))
def test_release_like_text(text):
    data = ("A title line\n\n" + text).encode("utf-8")
    result = _load(data)
    if result is None:
        return
    source = _flat(unicodedata.normalize("NFC", clean(decode(data))))
    marks = sum(source.count(c) for c in "\"“”«»‘’'")
    for quote in result.release.quotes:
        # a quote is verbatim parts joined with single spaces; each join needs quote marks
        # (and may end a part with the full stop or comma its attribution displaced)
        assert quote.text.strip()
        words = _unpunctuated(quote.text).split()
        source = _unpunctuated(source)
        i = pieces = 0
        while i < len(words):
            j = len(words)
            while j > i and " ".join(words[i:j]) not in source:
                j -= 1
            assert j > i, f"{quote.text!r} not in source"
            i = j
            pieces += 1
        # (a quotation over n paragraphs opens each and may close only the last)
        assert pieces <= max(1, marks), quote.text


@SETTINGS
@given(st.lists(WORDS, min_size=1, max_size=80).map(" ".join),
       st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]))
def test_encodings(text, codec):
    data = ("Title\n\n" + text).encode(codec, errors="ignore")
    _load(data)


@SETTINGS
@given(st.text(alphabet="aBz9 .-_'’éÉ\u0301\u00e7()«»,ofdethlaAndsSUx", max_size=40))
def test_name_tokens_make_the_same_runs_as_all_tokens(text):
    # the quick scan of a segment's name tokens gives the capitalised runs of the full scan
    def runs(toks):
        return [[(t.text, t.start, t.possessive) for t in chunk] for chunk in toks]
    assert runs(chunks(text, 0, name_tokens(text))) == runs(chunks(text, 0, tokens(text)))
    full = {(t.text, t.start) for t in tokens(text)}
    assert all((t.text, t.start) in full for t in name_tokens(text))
