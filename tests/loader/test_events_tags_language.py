"""Events, topic tags and language detection."""

import datetime as dt

from pressroom.loader.language import detect_language
from pressroom.loader.tags import find_tags
from pressroom.model import Event

from .helpers import release


def test_event_with_length_ending_on_the_release_date():
    body = ("LIMA, 10 March 2023. The Andean Water Agency organized in Peru the Regional "
            "Rivers Forum to share flood data.\n\nThe three-day event brought together experts.")
    assert release(body).events == (
        Event("Regional Rivers Forum", "Peru", dt.date(2023, 3, 8), dt.date(2023, 3, 10), 3,
              "Andean Water Agency"),)


def test_event_with_explicit_dates():
    body = ("OSLO, 2 May 2024 - Delegates held the Nordic Fisheries Conference on 14-16 "
            "June 2024 in Norway.")
    [event] = release(body).events
    assert (event.name, event.start, event.end, event.days, event.location) == (
        "Nordic Fisheries Conference", dt.date(2024, 6, 14), dt.date(2024, 6, 16), 3, "Norway")


def test_no_event_without_a_verb_that_reports_it():
    assert release("The Annual Meeting is a fixture of the calendar.").events == ()


def test_tags_topics_then_regions():
    title = "Caribbean states act against human trafficking and migrant smuggling"
    body = ("Trafficking in persons and the smuggling of migrants across the Caribbean rose. "
            "Victims of human trafficking were rescued in the Caribbean. Migration routes changed.")
    tags = find_tags(title, body)
    assert tags[0] == "trafficking in persons"
    assert "migrant smuggling" in tags
    assert tags[-1] == "caribbean"
    assert tags == [t.lower() for t in tags]


def test_tags_need_two_mentions():
    assert find_tags("A report", "One mention of fraud only.") == []


def test_language():
    assert detect_language("The office said that the plan was ready for the city.") == "en"
    assert detect_language("La oficina dijo que el plan estaba listo para los ciudadanos.") == "es"
    assert detect_language("Le bureau a déclaré que le plan est prêt pour les habitants.") == "fr"
    assert detect_language("12345 !!!") == "en"


def test_names_of_bodies_are_not_topics():
    assert "drugs" not in find_tags("Forest crime", "The Office on Drugs and Crime met. The "
                                    "Office on Drugs and Crime spoke.",
                                    ("Office on Drugs and Crime",))


def test_vietnamese():
    assert detect_language("Người đàn ông đã bị kết án và phải ngồi tù trong năm năm.") == "vi"


def test_trafficking_words_beyond_the_phrase_itself():
    body = ("Recruiters lure people into forced labour and sexual exploitation. "
            "Anti-trafficking units met.")
    assert find_tags("Potential trafficking victims found", body) == ["trafficking in persons"]


def test_keyword_may_start_a_compound():
    assert "climate" in find_tags("Climate-ready clinics", "Clinics must become climate-ready.")
    assert "violence" not in find_tags("Non-violent protest", "A non-violent protest.")


def test_regions_most_named_up_to_three_and_eastern_is_east():
    title = "Early warning for Latin America, the Caribbean and East Africa"
    body = ("The system reaches Latin America, the Caribbean and East Africa. Ana Ruiz, "
            "representative for Central America and the Caribbean, spoke. Eastern Africa "
            "follows. Central America too.")
    assert find_tags(title, body) == ["caribbean", "latin america", "east africa"]
