"""structured: schema.org JSON-LD for release, person, organization and event pages."""

import datetime as dt

from pressroom.archive import build_archive
from pressroom.config import SiteConfig
from pressroom.model import Event, Organization, Person, Quote, Release
from pressroom.structured import SUBJECT_LIMIT, event_jsonld, release_jsonld, term_jsonld

ABSOLUTE = SiteConfig(title="Ministry news", base_url="https://news.example.org/press/")
ON_PATH = SiteConfig(title="Ministry news", base_url="/press/")


def _release(number, **fields):
    return Release(title=f"Release {number}", date=dt.date(2024, 1, 1) + dt.timedelta(number),
                   path=f"r{number}.md", **fields)


def _archive(*releases):
    return build_archive(list(releases))


def test_a_release_names_what_it_mentions_with_links():
    archive = _archive(_release(
        1, location="Nairobi", summary="Water for two counties.", tags=("Water",),
        countries=("Kenya",), organizations=(Organization("World Water Fund", "WWF"),),
        people=(Person("Amina Odhiambo", "Minister of Water"),),
        events=(Event("Water Week", "Nairobi", dt.date(2024, 3, 4), dt.date(2024, 3, 8)),),
        quotes=(Quote("Every village counts.", "Amina Odhiambo"),
                Quote("We are ready.", "A spokesperson"))))
    data = release_jsonld(archive.entries[0], ABSOLUTE)
    url = "https://news.example.org/press/releases/release-1/"
    assert data["@type"] == "NewsArticle" and data["url"] == data["mainEntityOfPage"] == url
    assert data["datePublished"] == "2024-01-02"
    assert data["description"] == "Water for two counties."
    assert data["locationCreated"] == {"@type": "Place", "name": "Nairobi"}
    assert data["keywords"] == ["water"]  # as the tag pages name it
    assert data["publisher"]["name"] == "Ministry news"
    types = {(m["@type"], m["name"]) for m in data["mentions"]}
    assert types == {("Person", "Amina Odhiambo"), ("Organization", "World Water Fund"),
                     ("Country", "Kenya"), ("Event", "Water Week")}
    event = next(m for m in data["mentions"] if m["@type"] == "Event")
    assert (event["startDate"], event["endDate"]) == ("2024-03-04", "2024-03-08")
    organization = next(m for m in data["mentions"] if m["@type"] == "Organization")
    assert organization["alternateName"] == "WWF"
    country = next(m for m in data["mentions"] if m["@type"] == "Country")
    assert country["identifier"] == "KE"
    first, second = data["hasPart"]
    assert first["url"] == url + "#quote-1"
    # a speaker with a page links it; one without is named only
    assert first["creator"]["url"] == "https://news.example.org/press/people/amina-odhiambo/"
    assert second["creator"] == {"@type": "Person", "name": "A spokesperson"}


def test_a_bare_release_has_no_empty_parts():
    data = release_jsonld(_archive(_release(1)).entries[0], ABSOLUTE)
    for key in ("description", "locationCreated", "keywords", "mentions", "hasPart"):
        assert key not in data


def test_without_a_host_urls_are_site_absolute_paths():
    archive = _archive(_release(1, people=(Person("Amina Odhiambo"),)))
    data = release_jsonld(archive.entries[0], ON_PATH)
    assert data["url"] == "/press/releases/release-1/"
    assert data["mentions"][0]["url"] == "/press/people/amina-odhiambo/"


def test_a_person_has_the_latest_role_and_the_newest_releases():
    releases = [_release(n, people=(Person("Amina Odhiambo", "Minister of Water" if n < 30
                                           else "Prime Minister"),))
                for n in range(SUBJECT_LIMIT + 15)]
    archive = _archive(*releases)
    (person,) = archive.taxonomies["people"].values()
    data = term_jsonld(person, ABSOLUTE)
    assert data["@type"] == "Person" and data["jobTitle"] == "Prime Minister"
    assert len(data["subjectOf"]) == SUBJECT_LIMIT
    assert data["subjectOf"][0]["headline"] == f"Release {SUBJECT_LIMIT + 14}"  # newest first


def test_tags_and_countries_have_no_term_jsonld():
    archive = _archive(_release(1, tags=("Water",), countries=("Kenya",)))
    for kind in ("tags", "countries"):
        (term,) = archive.taxonomies[kind].values()
        assert term_jsonld(term, ABSOLUTE) is None


def test_an_event_lists_the_releases_reporting_it():
    week = Event("Water Week", None, dt.date(2024, 3, 4), None, organizer="Ministry of Water")
    archive = _archive(_release(1, events=(week,)), _release(2, events=(week,)))
    (event,) = archive.events
    data = event_jsonld(event, ABSOLUTE)
    assert data["@type"] == "Event" and "endDate" not in data and "location" not in data
    assert data["organizer"] == {"@type": "Organization", "name": "Ministry of Water"}
    assert [a["headline"] for a in data["subjectOf"]] == ["Release 2", "Release 1"]
