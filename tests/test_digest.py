"""digest: one hash of plain values for fingerprints and cache keys."""

import datetime as dt

from pressroom.digest import digest


def test_digest_tells_values_apart_and_takes_what_marshal_cannot():
    assert digest("a", 1, [2, 3]) == digest("a", 1, [2, 3])
    assert digest("a", 1, [2, 3]) != digest("a", 1, [3, 2])
    assert len(digest(dt.date(2024, 1, 1))) == 16  # a date: hashed by its repr
    assert digest(dt.date(2024, 1, 1)) != digest(dt.date(2024, 1, 2))


def test_a_digest_is_the_same_in_every_process_and_run():
    # marshal version 0 and blake2b: no hash seed, no object identity (the cache is kept
    # between builds and compared across forked workers)
    assert digest("release", 3, ("a", "b"), {"k": [1, 2]}).hex() == \
        "2565f15b486854ba9178cd51a2c5e3a3"  # (the same under any PYTHONHASHSEED)
    assert digest(("a",)) != digest(["a"])  # a tuple is not a list
    assert digest("ab", "c") != digest("a", "bc")
