"""The seed release gives exactly the front matter of the FORMAT.md example."""

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from pressroom.loader import load_raw
from pressroom.model import Event, Organization, Person, Quote

SEED = Path(__file__).parent.parent / "data" / "loader" / "000_794df9b9627320ec.txt"


@pytest.fixture(scope="module")
def result():
    return load_raw(SEED)


def test_title_date_place_language(result):
    r = result.release
    assert r.title == ("Meeting of Caribbean countries led by TRACK4TIP strengthens communication "
                       "channels and regional cooperation")
    assert r.date == dt.date(2022, 6, 24)
    assert r.location == "Panama"
    assert r.language == "en"
    assert r.draft is False
    assert result.diagnostics == []


def test_summary_is_first_sentence_without_dateline(result):
    assert result.release.summary == (
        "The United Nations Office on Drugs and Crime (UNODC), through the Track4Tip Initiative, "
        "organized in Panama the Caribbean Subregional Meeting to promote regional cooperation "
        "against trafficking in persons in the context of migration flows in the Caribbean.")


def test_tags_and_countries(result):
    r = result.release
    assert r.tags == ("trafficking in persons", "migration", "regional cooperation", "caribbean")
    assert r.countries == ("Panama", "Aruba", "Curaçao", "Dominican Republic",
                           "Trinidad and Tobago", "Venezuela")


def test_organizations(result):
    assert result.release.organizations == (
        Organization("United Nations Office on Drugs and Crime", "UNODC"),
        Organization("Track4Tip Initiative"),
    )


def test_people(result):
    assert result.release.people == (
        Person("Lissette Reyes", "the Initiative's officer in the Dominican Republic and "
                                 "responsible for its implementation in the Caribbean"),
        Person("Gilberto Zuleta", "regional officer of Track4Tip"),
        Person("Yohanna Bejarán", "Dominican Republic's Specialized Prosecutor's Office for "
                                  "Trafficking in Persons and Smuggling of Migrants"),
    )


def test_quotes(result):
    assert result.release.quotes == (
        Quote("Track4Tip facilitates dialogue between national coordination mechanisms and "
              "justice operators to strengthen the response of States to the crime of "
              "trafficking in persons, especially in migratory contexts", "Lissette Reyes"),
        Quote("Our goal is to achieve operational mechanisms to exchange information, strengthen "
              "response networks between authorities and address trafficking in persons in a "
              "coordinated manner with a vision focused on the victims and their rights",
              "Gilberto Zuleta"),
        Quote("Track4Tip has had an important impact in strengthening technical capacities, in "
              "the positive change in the processes of combating trafficking in persons and its "
              "related crimes. As prosecutors and investigators we are responsible for due "
              "process and conducting good investigations.", "Yohanna Bejarán"),
    )


def test_events(result):
    assert result.release.events == (
        Event("Caribbean Subregional Meeting", "Panama", dt.date(2022, 6, 23),
              dt.date(2022, 6, 24), 2, "United Nations Office on Drugs and Crime"),
    )


def test_source_and_hash(result):
    r = result.release
    assert r.source == SEED.name
    assert r.source_sha256 == hashlib.sha256(SEED.read_bytes()).hexdigest()


def test_body_keeps_dateline_and_drops_junk_and_title(result):
    body = result.release.body
    assert body.startswith("Panama, 24 June 2022. The United Nations Office")
    assert "Meeting of Caribbean countries led by" not in body
    assert body.count("\n\n") == 7  # eight paragraphs
    assert body.rstrip().endswith("conducting good investigations.\"")


def test_scraper_junk_appears_nowhere(result):
    assert "File is not found" not in repr(result.release)
