"""related: the releases a release page suggests."""

import datetime as dt

from pressroom.archive import build_archive
from pressroom.model import Person, Release
from pressroom.related import commonness, related_entries


def rel(title, date, **kw):
    return Release(title=title, date=dt.date.fromisoformat(date), path=f"{title}.md", **kw)


def test_related_prefers_shared_people_and_rare_terms():
    archive = build_archive([
        rel("Target", "2022-01-10", tags=("common",), people=(Person("Ana"),)),
        rel("Same person", "2021-01-01", people=(Person("Ana"),)),
        rel("Same tag", "2022-01-09", tags=("common",)),
        rel("Nothing shared", "2022-01-08"),
    ])
    target = next(e for e in archive.entries if e.release.title == "Target")
    assert [e.release.title for e in archive.related(target)] == ["Same person", "Same tag"]


def test_indexing_and_related_for_a_big_archive():
    releases = [rel(f"Release {n}", (dt.date(2000, 1, 1) + dt.timedelta(days=n)).isoformat(),
                    tags=("trafficking", f"topic {n % 50}"), countries=("Panama",),
                    people=(Person(f"Person {n % 300}"),))
                for n in range(5000)]
    archive = build_archive(releases)
    related = [archive.related(e) for e in archive.entries]
    assert all(len(r) == 5 for r in related)


def test_archive_related_is_related_entries():
    archive = build_archive([rel(f"R{n}", f"2022-01-{n + 1:02d}", tags=("a",)) for n in range(8)])
    for entry in archive.entries:
        assert archive.related(entry, 3) == related_entries(archive, entry, 3)


def test_commonness_changes_only_when_the_count_doubles():
    assert [commonness(n) for n in (1, 2, 3, 4, 7, 8)] == [1, 2, 2, 3, 3, 4]
