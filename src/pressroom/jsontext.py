"""JSON text for what the site's scripts read (the search index and JSON-LD), and the
JSON strings and lists that front matter is mostly written in (source.py).

orjson writes and reads it several times faster than the standard library (a tenth of a
second per 10,000 releases' JSON-LD, a quarter of the search index's update after a new
release); the standard library takes what orjson refuses (text with lone surrogates,
integers beyond 64 bits). The text is the standard library's, but for what a template of
a site's own might hand the `tojson_script` filter and the theme never does: floats whose
exponent is written shorter (`1.5e-7` for `1.5e-07`), NaN and infinities (`null`, where
the standard library writes `NaN`, which JSON does not have), and enumerations (their
value, where it writes `str()` of the member).
"""

from __future__ import annotations

import json
from typing import Any

import orjson

_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME \
    | orjson.OPT_PASSTHROUGH_DATACLASS


def _other(value: Any) -> Any:
    """What the standard library makes of what JSON has no type for (with default=str)."""
    if isinstance(value, tuple):  # a named tuple (Jinja's groupby gives them): an array
        return list(value)
    return str(value)


def compact(value: Any) -> str:
    """Compact JSON, keys sorted, text unescaped: what `json.dumps(value,
    ensure_ascii=False, separators=(",", ":"), sort_keys=True, default=str)` gives (see
    the module's docstring for the exceptions)."""
    try:
        return orjson.dumps(value, default=_other, option=_OPTIONS).decode()
    except TypeError:  # (orjson.JSONEncodeError)
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                          default=str)


def parse(text: str | bytes) -> Any:
    """The value of JSON text whose integers fit in 64 bits, as the search index's do
    (orjson reads a bigger one as a float)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # (what the standard library still reads, e.g. NaN)
        return json.loads(text)
