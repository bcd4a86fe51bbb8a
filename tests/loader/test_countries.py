"""Countries: short names, aliases, and names that do not name a country."""

import pytest

from .helpers import release


def countries(body: str, title: str = "A release for a test") -> list[str]:
    return list(release(body, title).countries)


def test_short_common_names_in_order_of_appearance():
    body = ("Delegates from Venezuela, Curacao, the Dominican Republic, Bolivia and the Russian "
            "Federation met officials of Viet Nam and Turkey.")
    assert countries(body) == ["Venezuela", "Curaçao", "Dominican Republic", "Bolivia", "Russia",
                               "Vietnam", "Türkiye"]


def test_aliases_kosovo_palestine_korea():
    body = "Teams from Kosovo, Palestine and the port of Busan, Korea, took part."
    assert countries(body) == ["Kosovo", "Palestine", "South Korea"]


@pytest.mark.parametrize("body", [
    "Venezuelan and Mexican nationals were arrested.",
    "The office is in New Mexico and New Jersey.",
    "Flows through Latin America and North America grew.",
    "Officers from Mexico City met.",
    "U.S. Attorney Ana Ruiz and the U.S. Department of Justice filed the case.",
    "The United States Coast Guard boarded the ship.",
    "Seven U.S. defendants were convicted.",
    "Attorneys general from Georgia, Texas, Ohio and Puerto Rico joined.",
    "Chad Miller of Jordan Smith & Co. spoke.",
])
def test_not_countries(body):
    assert countries(body) == []


@pytest.mark.parametrize("body", [
    "The fugitive was returned to the U.S. on Friday.",
    "The United States and Canada signed it.",
    "He fled the US, officials said.",
    "Trade between America and Europe grew.",
])
def test_us_used_as_the_country(body):
    assert "United States" in countries(body)


def test_spanish_and_french_names():
    body = "Representantes de México, Panamá y Estados Unidos.\n\nDes experts d'Allemagne."
    assert countries(body) == ["Mexico", "Panama", "United States", "Germany"]


def test_dateline_country_counts():
    assert countries("KABUL, Afghanistan (Sept. 1) - Aid arrived.") == ["Afghanistan"]


def test_places_named_after_a_country_are_not_the_country():
    body = ("Delegates will meet in Port of Spain, near the Gulf of Mexico. The Government of "
            "Canada funded the work.")
    assert countries(body) == ["Canada"]


def test_country_of_a_dateline_in_capitals():
    body = "MANILA, PHILIPPINES (18 September 2024) — The bank approved a loan for Viet Nam."
    assert countries(body) == ["Philippines", "Vietnam"]


def test_us_state_in_a_dateline_is_not_a_country():
    body = "HALLORAN CITY, Mont. — Police arrested two men."
    assert countries(body) == []
