"""jsontext: orjson's speed, the standard library's text."""

import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from pressroom.jsontext import compact, parse


def _stdlib(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                      default=str)


# Plain values as the search index and JSON-LD hold them: any text (lone surrogates too,
# which orjson refuses), integers of any size (orjson stops at 64 bits), no floats.
_TEXT = st.text(st.characters(codec=None))
_PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20)


@given(_PLAIN)
def test_compact_writes_what_the_standard_library_writes(value):
    assert compact(value) == _stdlib(value)


_SMALL = st.recursive(
    st.none() | st.booleans() | st.integers(-(2 ** 63), 2 ** 64 - 1) | _TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20)


@given(_SMALL)
def test_parse_reads_it_back(value):
    text = compact(value)
    assert parse(text) == value
    if not any("\ud800" <= c <= "\udfff" for c in text):  # (else it is not UTF-8)
        assert parse(text.encode("utf-8")) == value


def test_dates_and_other_values_are_written_as_their_text():
    value = {"day": dt.date(2024, 2, 29), "at": dt.datetime(2024, 2, 29, 9, 30)}
    assert compact(value) == _stdlib(value) == '{"at":"2024-02-29 09:30:00","day":"2024-02-29"}'


def test_keys_are_sorted_by_code_point_and_text_is_not_escaped():
    assert compact({"é": 1, "z": 2, "a": "<\u2028\x00"}) == '{"a":"<\u2028\\u0000","z":2,"é":1}'


def test_parse_takes_what_only_the_standard_library_reads():
    assert str(parse("[NaN]")[0]) == "nan"
