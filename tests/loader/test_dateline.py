"""Datelines in their common layouts, date lines, and dates from file names."""

import datetime as dt

import pytest

from pressroom.loader import load_bytes
from pressroom.loader.dateline import (
    DATE_LINE,
    date_from_name,
    find_dateline,
    normalise_place,
    parse_date,
)

D = dt.date


@pytest.mark.parametrize("lead, place, date", [
    ("Panama, 24 June 2022. The office met.", "Panama", D(2022, 6, 24)),
    ("VIENNA, 24 April 2006 - The office met.", "Vienna", D(2006, 4, 24)),
    ("WASHINGTON – The office met.", "Washington", None),
    ("WASHINGTON—The office met.", "Washington", None),
    ("WASHINGTON -- The office met.", "Washington", None),
    ("WASHINGTON- The office met.", "Washington", None),
    ("GENEVA (12 March 2021) – The office met.", "Geneva", D(2021, 3, 12)),
    ("July 22, 2019 (SAINT PAUL) — The office met.", "Saint Paul", D(2019, 7, 22)),
    ("APRIL 1, 2021 (SAINT PAUl) — The office met.", "Saint Paul", D(2021, 4, 1)),
    ("(PHOENIX) – The office met.", "Phoenix", None),
    ("SAN FRANCISCO, Sept. 14, 2015 – The office met.", "San Francisco", D(2015, 9, 14)),
    ("KABUL, Afghanistan (Sept. 1) - The office met.", "Kabul, Afghanistan", None),
    ("PENSACOLA, Fla. – The office met.", "Pensacola, Fla.", None),
    ("WASHINGTON AND PENSACOLA, Fla. – The office met.", "Washington and Pensacola, Fla.", None),
    ("Ciudad de Panamá, 24 de junio de 2022. La oficina se reunió.", "Ciudad de Panamá",
     D(2022, 6, 24)),
    ("Genève, le 3 mars 2021 – Le bureau s'est réuni.", "Genève", D(2021, 3, 3)),
    ("June 24, 2022 – The office met.", None, D(2022, 6, 24)),
    # Spanish ".-" after the date; a place that begins with an article
    ("Santiago, 14 de mayo de 2024.- La oficina se reunió.", "Santiago", D(2024, 5, 14)),
    ("Ciudad de México, a 2 de octubre de 2024. La oficina se reunió.", "Ciudad de México",
     D(2024, 10, 2)),
    ("THE HAGUE, 7 February 2025 – The office met.", "The Hague", D(2025, 2, 7)),
    ("The Hague, 7 February 2025 – The office met.", "The Hague", D(2025, 2, 7)),
    ("SAN JOSE, Calif.--(BUSINESS WIRE)--Jan. 5, 2016-- The office met.", "San Jose, Calif.",
     D(2016, 1, 5)),
])
def test_datelines(lead, place, date):
    found = find_dateline(lead)
    assert found is not None
    assert (found.place, found.date) == (place, date)
    assert lead[found.end:].startswith(("The office", "La oficina", "Le bureau"))


@pytest.mark.parametrize("lead", [
    "The two-day event - attended by many - ended.",
    "On Monday, June 24, 2022, the office met.",
    "Lamps Plus, Inc., a firm, paid.",
    "Today, 24 June 2022, the office met.",
])
def test_not_datelines(lead):
    assert find_dateline(lead) is None


@pytest.mark.parametrize("text, date", [
    ("on 3 de abril, 2009 at noon", D(2009, 4, 3)),
    ("16 de noviembre 2007", D(2007, 11, 16)),
    ("Wednesday, March 19, 2014", D(2014, 3, 19)),
    ("Mar. 9, 2016", D(2016, 3, 9)),
    ("le 1er mars 2021", D(2021, 3, 1)),
    ("2022-06-24", D(2022, 6, 24)),
    ("March 2014", None),
    ("June 3", None),
    ("February 30, 2020", None),
])
def test_parse_date_needs_day_month_and_year(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize("line", ["October 9, 2024", "Wednesday, March 19, 2014",
                                  "3 de abril, 2009", "Posted on June 01, 2026"])
def test_date_lines(line):
    assert DATE_LINE.fullmatch(line)


def test_normalise_place():
    assert normalise_place("NEW YORK") == "New York"
    assert normalise_place("WASHINGTON, D.C.") == "Washington, D.C."
    assert normalise_place("ST. PAUL") == "St. Paul"
    assert normalise_place("McAllen") == "McAllen"


def test_date_from_file_name():
    assert date_from_name("2022-06-24-foo.txt") == D(2022, 6, 24)
    assert date_from_name("2022-13-24-foo.txt") is None
    assert date_from_name("foo.txt") is None


def test_release_date_from_date_line_above_dateline():
    data = "Fine paid\n\nOctober 9, 2024\n\nRIVERSIDE – A firm paid a fine.".encode()
    release = load_bytes(data, "a.txt").release
    assert (release.date, release.location) == (D(2024, 10, 9), "Riverside")


def test_release_date_from_today_in_lead():
    data = b"Fine paid\n\nThe county announced today, Oct. 9, 2024, that a firm paid a fine."
    assert load_bytes(data, "a.txt").release.date == D(2024, 10, 9)


def test_dates_of_events_are_not_release_dates():
    data = b"Campus closes\n\nThe campus closed on March 8, 2019, the office said in a note."
    result = load_bytes(data, "a.txt")
    assert result.release.date is None
    assert result.release.draft is True
    assert result.diagnostics[0].level.value == "warning"
    assert result.diagnostics[0].path == "a.txt"


def test_date_from_file_name_when_text_has_none():
    result = load_bytes(b"Campus closes\n\nThe campus closed.", "2023-11-02-campus.txt")
    assert result.release.date == D(2023, 11, 2)
    assert result.release.draft is False
    assert not [d for d in result.diagnostics if d.level.value == "warning"]


def test_subtitle_before_dateline_is_kept_in_body():
    data = ("Office acts\n\nA subtitle without a full stop\n\n"
            "July 22, 2019 (SAINT PAUL) — The office acted today.").encode()
    release = load_bytes(data, "a.txt").release
    assert release.location == "Saint Paul"
    assert release.summary == "The office acted today."
    assert release.body.startswith("A subtitle without a full stop\n\nJuly 22, 2019")


def test_dateline_with_country_in_parentheses():
    found = find_dateline("Bogotá (Colombia), 9 December 2022 – The office met.")
    assert found is not None
    assert (found.place, found.date) == ("Bogotá (Colombia)", D(2022, 12, 9))


def test_wire_service_dateline():
    found = find_dateline("AUSTIN, Texas, Jan. 12, 2023 /PRNewswire/ -- Acme raised money.")
    assert found is not None
    assert (found.place, found.date) == ("Austin, Texas", D(2023, 1, 12))


def test_date_written_with_its_weekday_in_the_lead_dates_the_release():
    data = (b"Leader sentenced\n\n(PHOENIX) \xe2\x80\x93 The task force announced that Marc "
            b"Doe, 38, was sentenced on Monday, August 7, 2023, to 22 years in prison.")
    release = load_bytes(data, "a.txt").release
    assert release.date == D(2023, 8, 7)
    assert release.draft is False
    assert release.location == "Phoenix"


def test_place_and_date_alone_on_a_line():
    found = find_dateline("Windhoek, 19 June 2024")
    assert found is not None
    assert (found.place, found.date) == ("Windhoek", D(2024, 6, 19))


def test_place_and_date_line_dates_the_release_and_the_next_paragraph_leads():
    text = ("Committee keeps the rate unchanged\n\nWindhoek, 19 June 2024\n\n"
            "The committee met on 17 and 18 June and kept the rate at 7.5 per cent. It meets "
            "again in August.")
    release = load_bytes(text.encode(), "x.txt").release
    assert (release.date, release.location) == (D(2024, 6, 19), "Windhoek")
    assert release.summary.startswith("The committee met")


@pytest.mark.parametrize("lead", [
    "The company, 7 February 2025 – the office met.",
    "The meeting ended on 7 February 2025 – the office met.",
])
def test_an_article_opens_a_place_only_before_a_date(lead):
    found = find_dateline(lead)
    assert found is None or found.place is None
