"""model: releases are values; what the front matter does not define stays out of equality."""

import dataclasses
import datetime as dt

import pytest

from pressroom.model import Person, Quote, Release


def test_a_release_cannot_be_changed_in_place():
    release = Release(title="A", date=dt.date(2024, 5, 1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        release.title = "B"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Person("Amina Odhiambo").role = "Minister"  # type: ignore[misc]


def test_where_it_was_read_from_and_unknown_keys_do_not_make_it_another_release():
    one = Release(title="A", date=dt.date(2024, 5, 1), path="a.md", extra={"note": 1})
    other = Release(title="A", date=dt.date(2024, 5, 1), path="b.md", extra={"note": 2})
    assert one == other
    assert hash(Quote("x", "y")) == hash(Quote("x", "y"))
    assert one != dataclasses.replace(one, quotes=(Quote("Every village counts."),))


def test_defaults_describe_an_undecorated_release():
    release = Release(title="A", date=None)
    assert (release.language, release.draft, release.tags, release.people) == \
        ("en", False, (), ())
