"""jsontext: orjson's speed, the standard library's text."""

import collections
import datetime as dt
import json

from hypothesis import given
from hypothesis import strategies as st

from pressroom.jsontext import compact, parse


def _stdlib(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                      default=str)


# Values as the search index and JSON-LD hold them, and what a site's own template might
# hand tojson_script: any text (lone surrogates too, which orjson refuses), integers of any
# size (orjson stops at 64 bits), floats (but those written with an exponent), tuples,
# named tuples (Jinja's groupby) and subclasses of the containers and scalars.
_TEXT = st.text(st.characters(codec=None))
_FLOATS = st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: "e" not in repr(x))
_Pair = collections.namedtuple("_Pair", "grouper list")


class _Text(str):
    def __str__(self):
        return "not this"


class _Number(int):
    pass


class _Items(list):
    pass


_SCALARS = st.none() | st.booleans() | st.integers() | _FLOATS | _TEXT \
    | _TEXT.map(_Text) | st.integers(-(2 ** 63), 2 ** 63).map(_Number)
_PLAIN = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.lists(inner, max_size=4).map(tuple)
    | st.lists(inner, max_size=4).map(_Items) | st.tuples(inner, inner).map(_Pair._make)
    | st.dictionaries(_TEXT, inner, max_size=4)
    | st.dictionaries(_TEXT, inner, max_size=4).map(collections.OrderedDict),
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


def test_what_differs_is_what_json_cannot_hold():
    import enum

    class Colour(enum.Enum):
        RED = "red"

    assert compact([float("nan"), float("inf")]) == "[null,null]"  # JSON has no NaN
    assert compact(Colour.RED) == '"red"'
    assert compact(1.5e-7) == "1.5e-7"
