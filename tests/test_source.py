import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressroom.errors import SourceError
from pressroom.model import Event, Organization, Person, Quote, Release
from pressroom.source import dump_source, parse_source

FULL = Release(
    title="Meeting: regional cooperation",
    date=dt.date(2022, 6, 24),
    body="Panama, 24 June 2022. The body.\n\nSecond paragraph.\n",
    location="Panama",
    summary="The body.",
    tags=("migration", "caribbean"),
    countries=("Panama", "Curaçao"),
    organizations=(Organization("United Nations Office on Drugs and Crime", "UNODC"),),
    people=(Person("Lissette Reyes", "officer"), Person("Ana Pérez")),
    quotes=(Quote('We said "yes" to this', "Lissette Reyes"),),
    events=(Event("Caribbean Subregional Meeting", "Panama", dt.date(2022, 6, 23),
                  dt.date(2022, 6, 24), 2, "UNODC"),),
    source="000.txt",
    source_sha256="ab" * 32,
    extra={"editor_note": "checked by hand", "priority": [1, 2]},
)


def test_round_trip_keeps_every_field_and_unknown_keys():
    text = dump_source(FULL)
    again = parse_source(text, "x.md")
    assert again == FULL
    assert again.extra == FULL.extra
    assert dump_source(again) == text


def test_the_same_date_twice_is_written_without_an_anchor():
    day = dt.date(2022, 6, 24)
    release = Release(title="t", date=day, events=(Event("e", start=day, end=day),))
    text = dump_source(release)
    assert "&" not in text and "*" not in text
    assert parse_source(text, "x.md") == release


def test_dump_uses_format_key_order():
    front = dump_source(FULL).split("\n---\n")[0]
    keys = [line.split(":")[0] for line in front.splitlines()[1:] if line and line[0].isalpha()]
    assert keys[:5] == ["title", "date", "location", "language", "summary"]
    assert keys[-2:] == ["editor_note", "priority"]


def test_lenient_forms_editors_write():
    text = """---
title: Hand written
date: 2011-05-13T00:41:00+00:00
tags: health
people: [Jane Roe, {name: John Doe, role: mayor}]
countries: Kenya
organizations: [World Health Organization]
quotes: ["A short plain quote here"]
---
Body
"""
    r = parse_source(text, "h.md")
    assert r.date == dt.date(2011, 5, 13)
    assert r.tags == ("health",)
    assert r.people == (Person("Jane Roe"), Person("John Doe", "mayor"))
    assert r.countries == ("Kenya",)
    assert r.organizations == (Organization("World Health Organization"),)
    assert r.quotes == (Quote("A short plain quote here"),)


@pytest.mark.parametrize("text, line, fragment", [
    ("title: x\n", 1, "front matter missing"),
    ("---\ntitle: x\ndate: 2020-01-01\n", 1, "not closed"),
    ("---\ntitle: x\ndate: yesterday\n---\n", 3, "'date': expected YYYY-MM-DD"),
    ("---\ntitle: x\ndate: 2020-01-01\ntags: 5\n---\n", 4, "'tags': expected a list"),
    ("---\ntitle: x\ndate: 2020-01-01\npeople: 7\n---\n", 4, "'people': expected a list"),
    ("---\ntitle: x\ndate: 2020-01-01\npeople: x\n---\n", 4, "'people': expected a list, got text"),
    ("---\ntitle: x\ndate: 2020-01-01\ntitle: y\n---\n", 4, "duplicate key 'title'"),
    ("---\ndate: 2020-01-01\n---\n", 2, "'title': missing"),
    ("---\ntitle: x\n---\n", 2, "'date': missing"),
    ("---\ntitle: x\ndate: 2020-01-01\nbad: [1, 2\n---\n", 5, "front matter:"),
    # the parser gives up a line late; where the list was opened is named too
    ("---\ntitle: x\ndate: 2020-01-01\ntags: [a, b\npeople: []\n---\n", 5,
     "(in the [ list opened on line 4)"),
    ('---\ntitle: "x\ndate: 2020-01-01\n---\n', 3, "(in the quoted text opened on line 2)"),
    ("---\ntitle: x\ndate: 2020-01-01\nsummary\ntags: [a]\n---\n", 4,
     "front matter: a key without its ':' (key: value)"),
    ("---\na: &x [1, 2]\nb: *x\ntitle: t\ndate: 2020-01-01\n---\n", 2, "anchors and aliases"),
    ("---\n- just\n- a list\n---\n", 2, "must be a mapping"),
    ("---\ntitle: x\ndate: 2020-01-01\ndraft: maybe\n---\n", 4, "'draft': expected true"),
    ("---\ntitle: x\ndate: 0000-01-01\n---\n", 3, "'date': expected YYYY-MM-DD, got '0000-01-01'"),
    ("---\ntitle: x\ndate: 2021-02-30\n---\n", 3, "'date': expected YYYY-MM-DD, got '2021-02-30'"),
    ("---\ntitle: x\ndate: 99999-01-01\n---\n", 3, "'date': expected YYYY-MM-DD"),
    ("---\ntitle: !!python/object:os.system x\ndate: 2020-01-01\n---\n", 2, "constructor"),
])
def test_errors_name_file_and_line(text, line, fragment):
    with pytest.raises(SourceError) as info:
        parse_source(text, "content/bad.md")
    diag = info.value.diagnostic
    assert diag.path == "content/bad.md"
    assert diag.line == line
    assert fragment in diag.message


def test_draft_may_have_no_date():
    r = parse_source("---\ntitle: x\ndate: null\ndraft: true\n---\n", "d.md")
    assert r.date is None and r.draft


def test_billion_laughs_is_refused_quickly():
    lol = "---\ntitle: t\ndate: 2020-01-01\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        lol += f"a{i}: &a{i} [*{'a' if i == 1 else f'a{i-1}'}, *{'a' if i == 1 else f'a{i-1}'}]\n"
    with pytest.raises(SourceError, match="aliases"):
        parse_source(lol + "---\n", "lol.md")


_text = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40)


@given(title=_text.filter(str.strip), body=st.text(max_size=200), tags=st.lists(_text, max_size=4),
       people=st.lists(st.tuples(_text, st.none() | _text), max_size=3))
def test_round_trip_any_text(title, body, tags, people):
    release = Release(
        title=title.strip(), date=dt.date(2020, 1, 2), body=body,
        tags=tuple(dict.fromkeys(t.strip() for t in tags if t.strip())),
        people=tuple(Person(n.strip(), r.strip() if r and r.strip() else None)
                     for n, r in people if n.strip()),
    )
    again = parse_source(dump_source(release), "p.md")
    assert again.title == release.title
    assert again.tags == release.tags
    assert again.people == release.people
    assert again.body.strip() == body.replace("\r\n", "\n").replace("\r", "\n").strip()


def test_a_value_used_twice_is_written_without_yaml_aliases():
    day = dt.date(2022, 6, 24)
    release = Release(title="T", date=day, events=(Event("Meeting", end=day),))
    text = dump_source(release)
    assert "&id" not in text and "*id" not in text
    assert parse_source(text, "x.md") == release


def test_impossible_date_is_reported_with_its_line_not_a_crash():
    with pytest.raises(SourceError) as info:
        parse_source("---\ntitle: x\ndate: 2022-13-01\n---\nBody\n", "x.md")
    assert str(info.value) == ("x.md:3: error: front matter 'date': expected YYYY-MM-DD, "
                               "got '2022-13-01'")
