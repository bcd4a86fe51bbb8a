"""Quotes: marks, attribution before and after, split and multi-paragraph quotes."""

import pytest

from pressroom.loader import _source
from pressroom.loader.dateline import DATE_LINE
from pressroom.loader.people import find_people
from pressroom.loader.quotes import find_quotes
from pressroom.loader.text import clean, split_document

from .helpers import release


def quotes(body: str, title: str = "A release for a test") -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in release(body, title).quotes]


@pytest.mark.parametrize("body", [
    '"The river is cleaner than it was ten years ago," said Mayor Tina Holt.',
    "\u201cThe river is cleaner than it was ten years ago,\u201d said Mayor Tina Holt.",
    "\u201cThe river is cleaner than it was ten years ago,\" said Mayor Tina Holt.",
    "Mayor Tina Holt said: \u201cThe river is cleaner than it was ten years ago\u201d.",
    "Mayor Tina Holt said, \"The river is cleaner than it was ten years ago.\"",
    "\u201cThe river is cleaner than it was ten years ago,\u201d Mayor Tina Holt said.",
])
def test_marks_and_attribution_sides(body):
    [(text, speaker)] = quotes(body)
    assert text.rstrip(".") == "The river is cleaner than it was ten years ago"
    assert speaker == "Tina Holt"


def test_split_quote_is_one_quote_of_its_verbatim_parts_joined_with_one_space():
    # the attribution ended a sentence: the parts are still joined as written, comma and all
    body = ('"We found the leak," said Ken Obi, chief engineer at the plant. '
            '"It is fixed now and the water is safe."')
    assert quotes(body) == [("We found the leak, It is fixed now and the water is safe.",
                             "Ken Obi")]


def test_pronoun_attribution_and_continuation():
    body = ("Inspector Rosa Vidal led the raid.\n\n"
            '"We seized forty kilos of cocaine," she said. "The lab was hidden in a barn."')
    assert quotes(body) == [("We seized forty kilos of cocaine, The lab was hidden in a barn.",
                             "Rosa Vidal")]


def test_multi_paragraph_quote_is_one_quote():
    body = ('Director Amal Nasser said: "The first phase is finished. We moved early.\n\n'
            '"The second phase starts in spring and will take two years."')
    assert quotes(body) == [("The first phase is finished. We moved early. The second phase "
                             "starts in spring and will take two years.", "Amal Nasser")]


def test_quote_after_a_sentence_about_its_speaker():
    body = ('Judge Paula Grey, of the county court, praised the program. "It has changed how '
            'we handle first offenders in this county."')
    [(text, speaker)] = quotes(body)
    assert speaker == "Paula Grey"
    assert text.startswith("It has changed")


@pytest.mark.parametrize("body", [
    'The so-called "dirty money" moved through three banks, said Ann Ruiz, a detective.',
    'The vessel, named "Blue Star" in its papers, sank.',
    "The court cited \u201cthe unlawful detention of three young men\u201d in its ruling.",
    'The event, titled "Oceans in a Changing Climate: What Next", opened on Monday.',
    "Officers found 'Operation Harvest Moon' documents.",
])
def test_not_quotes(body):
    assert quotes(body) == []


def test_guillemets_with_nested_quotes_and_french_attribution():
    body = ("« Les familles ne parlent pas de “climat”. Elles parlent de puits asséchés », a "
            "déclaré Mme Inès Roy, conseillère régionale. « Notre rôle est de les écouter. »")
    assert quotes(body) == [("Les familles ne parlent pas de “climat”. Elles parlent de puits "
                             "asséchés Notre rôle est de les écouter.", "Inès Roy")]


def test_spanish_pro_drop_attribution():
    body = ("La fiscal Marta Solís Vega habló ante la prensa. «Cada caso cuenta y cada víctima "
            "merece justicia», explicó.")
    assert quotes(body) == [("Cada caso cuenta y cada víctima merece justicia", "Marta Solís Vega")]


def test_statement_in_title_gives_the_speaker():
    title = "Statement of Attorney General Carl B. Moss on the Flood Relief Bill"
    body = '"This bill will help thousands of families rebuild their homes."'
    assert quotes(body, title) == [
        ("This bill will help thousands of families rebuild their homes.", "Carl B. Moss")]


def test_headline_quote_attributed_to_headline_speaker():
    title = "\u2018We Will Not Leave Anyone Behind\u2019, Secretary-General Tells Summit"
    body = ("Following are Secretary-General Rui Mendes\u2019 remarks to the summit:\n\n"
            "Thank you all for coming.")
    assert quotes(body, title) == [("We Will Not Leave Anyone Behind", "Rui Mendes")]


def test_quote_parts_are_verbatim():
    text = clean('Title\n\n"We found it," said Ann Roe, a scientist. "It was under the lake."')
    doc = split_document(text, "x.txt", DATE_LINE)
    src = _source(doc)
    found = find_quotes(src, find_people(src))
    assert found and all(part in src.text for q in found for part in q.parts)
    assert [q.text for q in found] == [" ".join(found[0].parts)]


def test_deck_fragments_quote_the_headline_speaker():
    title = "Mayor Lund: New bridge is \u2018a promise kept to every commuter\u2019"
    body = ("Says the city will \u2018keep building for the next generation\u2019\n\n"
            "OSLO, 3 May 2024 - Mayor Erik Lund opened the bridge today.")
    assert quotes(body, title) == [
        ("a promise kept to every commuter", "Erik Lund"),
        ("keep building for the next generation", "Erik Lund")]


def test_quoted_phrase_inside_a_sentence_is_not_attributed_by_a_later_verb():
    body = ('A spokesperson called the plan "a good first step for cyclists" but warned that '
            "enforcement would matter.")
    assert quotes(body) == []


def test_british_single_quotes_and_added():
    body = ("Councillor Jo Marsh, cabinet member for transport, said: 'This is the biggest "
            "investment in cycling we have made.'\n\n'We listened to residents,' she added.")
    assert quotes(body) == [("This is the biggest investment in cycling we have made. We listened "
                             "to residents", "Jo Marsh")]


def test_split_quote_inside_one_sentence_keeps_its_comma():
    body = ('"We found the leak," said Ken Obi, chief engineer, "and it is fixed now."')
    assert quotes(body) == [("We found the leak, and it is fixed now.", "Ken Obi")]


def test_split_guillemets_without_punctuation_are_joined_as_written():
    # nothing is added where the attribution split the quotation: no full stop, no comma
    body = ("«La explotación en el mar es difícil de ver», afirmó Ana Ruiz, representante "
            "regional. «Esta guía busca que cada inspección cuente».")
    assert quotes(body) == [("La explotación en el mar es difícil de ver Esta guía busca que "
                             "cada inspección cuente", "Ana Ruiz")]


def test_rest_of_a_quote_by_an_unnamed_speaker_is_not_given_to_someone_else():
    body = ('"Many come to us ashamed and tired of it all," said Dr. Lena Ruiz, the director.\n\n'
            '"Drug use disorders are a health condition," said a spokesperson in Kabul. '
            '"Every woman who completes this programme goes home."')
    assert quotes(body) == [
        ("Many come to us ashamed and tired of it all", "Lena Ruiz"),
        ("Drug use disorders are a health condition, Every woman who completes this programme "
         "goes home.", None)]


def test_pronoun_is_the_person_named_since_the_last_quote():
    body = ('"Until now, nobody was putting those files side by side," said Tom Berg, a '
            'prosecutor.\n\n'
            "Speaking for the agency, Ana Ruiz, regional representative, recalled that the "
            'convention remains in force. "Corruption is the oil of organised crime," she said. '
            '"We can go after both at once."')
    assert quotes(body) == [
        ("Until now, nobody was putting those files side by side", "Tom Berg"),
        ("Corruption is the oil of organised crime, We can go after both at once.", "Ana Ruiz")]


@pytest.mark.parametrize("body, speaker", [
    ("El embajador de Colombia, Andrés Quintero, encabezó la ceremonia. “Estas becas son un "
     "puente entre dos pueblos”, declaró el embajador.", "Andrés Quintero"),
    ("Governor Ann Roe and Mayor Tom Lee spoke. \"We will watch food prices very closely,\" "
     "the governor said.", "Ann Roe"),
])
def test_speaker_named_by_a_title_is_the_person_holding_it(body, speaker):
    assert quotes(body)[0][1] == speaker


def test_title_nobody_holds_names_no_speaker():
    body = ("Mayor Tom Lee spoke first. \"We will watch food prices very closely,\" the "
            "governor said.")
    assert quotes(body)[0][1] is None
