"""The one hash of plain values that fingerprints and cache keys are made of.

A module of its own so that what hashes (the input signature of a build that finds
nothing to do, a release file's digest) need not import the dependency record, which
imports Jinja.
"""

from __future__ import annotations

import hashlib
import marshal
from typing import Any


def digest(*parts: Any) -> bytes:
    """A 16-byte hash of plain values (text, bytes, numbers, None, lists, tuples, dicts).

    marshal's version 0 has no references between objects, so equal values always give
    the same bytes; anything marshal cannot write is hashed by its repr.
    """
    try:
        data = marshal.dumps(parts, 0)
    except ValueError:
        data = repr(parts).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()
