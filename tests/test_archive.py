import datetime as dt

from pressroom.archive import build_archive
from pressroom.errors import Level
from pressroom.model import Event, Organization, Person, Quote, Release


def rel(title, date, **kw):
    return Release(title=title, date=dt.date.fromisoformat(date), path=f"{title}.md", **kw)


def test_newest_first_and_drafts_left_out():
    archive = build_archive([
        rel("Old", "2020-01-01"), rel("New", "2024-01-01"),
        Release(title="Draft", date=None, draft=True),
        rel("Also draft", "2024-05-01", draft=True),
    ])
    assert [e.release.title for e in archive.entries] == ["New", "Old"]
    assert archive.entries[0].previous is archive.entries[1]
    assert archive.entries[1].next is archive.entries[0]


def test_release_slug_collisions_are_resolved_oldest_first_and_reported():
    archive = build_archive([rel("Same title", "2023-01-01"), rel("Same title", "2022-01-01")])
    slugs = {e.date.year: e.slug for e in archive.entries}
    assert slugs == {2022: "same-title", 2023: "same-title-2"}
    assert [d.level for d in archive.diagnostics] == [Level.WARNING]


def test_one_name_is_one_term_whatever_its_case_accents_or_spacing():
    archive = build_archive([
        rel("A", "2022-01-01", tags=("Migration",), people=(Person("Yohanna Bejarán"),)),
        rel("B", "2022-02-01", tags=("migration",), people=(Person("yohanna  bejaran"),)),
    ])
    assert list(archive.taxonomies["tags"]) == ["migration"]
    person = archive.taxonomies["people"]["yohanna-bejaran"]
    assert person.name == "Yohanna Bejarán"  # the oldest spelling names the page
    assert len(person.releases) == 2


def test_term_slug_collisions_are_resolved_and_reported():
    archive = build_archive([
        rel("A", "2022-01-01", tags=("cyber-crime",)),
        rel("B", "2022-02-01", tags=("cyber crime",)),
    ])
    tags = archive.taxonomies["tags"]
    assert tags["cyber-crime"].name == "cyber-crime"
    assert tags["cyber-crime-2"].name == "cyber crime"
    (diag,) = archive.diagnostics
    assert diag.path == "B.md" and "tags/cyber-crime-2/" in diag.message
    assert "page" not in build_archive([rel("A", "2022-01-01", tags=("Page",))]).taxonomies["tags"]


def test_countries_resolve_through_pycountry_and_aliases():
    archive = build_archive([
        rel("A", "2022-01-01", countries=("Venezuela", "Russia")),
        rel("B", "2022-02-01",
            countries=("Venezuela, Bolivarian Republic of", "Russian Federation")),
    ])
    countries = archive.taxonomies["countries"]
    assert sorted(countries) == ["russia", "venezuela"]
    assert countries["venezuela"].code == "VE" and len(countries["venezuela"].releases) == 2
    assert countries["russia"].code == "RU"


def test_an_acronym_alone_names_the_same_organization():
    unodc = Organization("United Nations Office on Drugs and Crime", "UNODC")
    archive = build_archive([
        rel("A", "2022-01-01", organizations=(unodc,)),
        rel("B", "2022-02-01", organizations=(Organization("UNODC"),)),
    ])
    (org,) = archive.taxonomies["organizations"].values()
    assert org.label == "United Nations Office on Drugs and Crime (UNODC)"
    assert len(org.releases) == 2


def test_events_are_one_per_name_and_year():
    meeting = Event("Caribbean Subregional Meeting", "Panama", dt.date(2022, 6, 23))
    archive = build_archive([
        rel("A", "2022-06-24", events=(meeting,), people=(Person("Ana"),)),
        rel("B", "2022-06-30", events=(Event("caribbean subregional meeting"),),
            people=(Person("Ben"),), quotes=(Quote("We agreed", "Ben"),)),
        rel("C", "2023-06-26", events=(Event("Caribbean Subregional Meeting"),)),
    ])
    slugs = [e.slug for e in archive.events]
    assert slugs == ["caribbean-subregional-meeting-2023", "caribbean-subregional-meeting-2022"]
    event = archive.events[1]
    assert [e.release.title for e in event.releases] == ["B", "A"]
    assert event.location == "Panama" and event.start == dt.date(2022, 6, 23)
    assert [p.name for p in event.people] == ["Ben", "Ana"]
    assert [q.quote.text for q in event.quotes] == ["We agreed"]


def test_a_year_in_the_event_name_is_not_repeated():
    archive = build_archive([rel("A", "2024-06-26", events=(Event("World Drug Day 2024"),))])
    assert archive.events[0].slug == "world-drug-day-2024"


def test_quote_speakers_resolve_to_people_and_organizations():
    archive = build_archive([rel(
        "A", "2022-01-01",
        people=(Person("Gilberto Zuleta", "officer"),), organizations=(Organization("INTERPOL"),),
        quotes=(Quote("One", "Gilberto Zuleta"), Quote("Two", "Zuleta"), Quote("Three", "INTERPOL"),
                Quote("Four", "Someone Else"), Quote("Five")),
    )])
    entry = archive.entries[0]
    speakers = [q.speaker.name if q.speaker else None for q in entry.quotes]
    assert speakers == ["Gilberto Zuleta", "Gilberto Zuleta", "INTERPOL", None, None]
    assert [q.anchor for q in entry.quotes] == [f"quote-{n}" for n in range(1, 6)]
    person = archive.taxonomies["people"]["gilberto-zuleta"]
    assert [q.quote.text for q in person.quotes] == ["One", "Two"]
    assert any(d.level is Level.INFO and "Someone Else" in d.message for d in archive.diagnostics)


def test_role_history_in_order_with_first_and_last_release():
    archive = build_archive([
        rel("A", "2021-01-01", people=(Person("Ana", "officer"),)),
        rel("B", "2022-01-01", people=(Person("Ana", "Officer"),)),
        rel("C", "2023-01-01", people=(Person("Ana", "director"),)),
        rel("D", "2024-01-01", people=(Person("Ana"),)),
    ])
    history = archive.taxonomies["people"]["ana"].role_history()
    assert [(s.role, s.first.release.title, s.last.release.title) for s in history] == [
        ("officer", "A", "B"), ("director", "C", "C")]


def test_years_months_and_quotes_newest_first():
    archive = build_archive([
        rel("A", "2022-01-05", quotes=(Quote("a1"), Quote("a2"))),
        rel("B", "2022-03-01", quotes=(Quote("b1"),)),
        rel("C", "2023-01-01"),
    ])
    assert sorted(archive.years) == [2022, 2023]
    assert list(archive.months(2022)) == [3, 1]
    assert [q.quote.text for q in archive.quotes] == ["b1", "a1", "a2"]


def test_the_archives_objects_have_short_reprs_however_they_link_each_other():
    # entries link their neighbours and terms, terms their entries: a dataclass repr walks
    # the whole archive from each object (pytest printing a failed test's `archive`
    # argument once ran out of memory)
    people = (Person("Ana Pérez", "Minister"),)
    archive = build_archive([
        Release(f"Release {n}", dt.date(2024, 1, 1) + dt.timedelta(days=n), body="Text.",
                tags=("water", "energy"), people=people, quotes=(Quote("Yes.", "Ana Pérez"),),
                events=(Event("Water Week 2024"),))
        for n in range(40)])
    entry = archive.entries[0]
    assert repr(entry) == "Entry('release-39', 2024-02-09, number=0)"
    assert repr(entry.terms["tags"][0]) == "Term('tags', 'water', 40 releases)"
    assert repr(entry.quotes[0]) == "QuoteEntry('release-39', #quote-1)"
    assert repr(entry.events[0]) == "EventTerm('water-week-2024', 40 releases)"
    assert repr(archive) == "Archive(40 releases)"
    assert len(repr(archive.entries)) < 40 * 60
