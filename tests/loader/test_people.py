"""People: evidence a capitalised run names a person, roles, and later mentions."""

import pytest

from .helpers import people, release, roles


@pytest.mark.parametrize("body, name, role", [
    ("Attorney General Jane Doakes announced the charges today.", "Jane Doakes",
     "Attorney General"),
    ("Minnesota Attorney General Jane Doakes spoke.", "Jane Doakes", "Minnesota Attorney General"),
    ("The award went to Peter Quill, director of the Lakeside Museum.", "Peter Quill",
     "director of the Lakeside Museum"),
    ("Officers arrested Tom Brandt, 44, of Duluth.", "Tom Brandt", None),
    ("A jury convicted former school bus driver Amy Selden today.", "Amy Selden",
     "former school bus driver"),
    ("Acting U.S. Attorney for the Western District of Kentucky Mark Ellery filed it.",
     "Mark Ellery", "Acting U.S. Attorney for the Western District of Kentucky"),
    ("The report was written by Ben Hoyle. Hoyle said more work is needed.", "Ben Hoyle", None),
    ("Ms. Carla Ruiz Ortega, de la Fiscalía General, habló hoy.", "Carla Ruiz Ortega",
     "Fiscalía General"),
])
def test_person_and_role(body, name, role):
    found = release(body).people
    assert [p.name for p in found] == [name]
    assert found[0].role == role


def test_honorifics_are_dropped_and_later_mentions_merge():
    body = ("Dr. Lena Voss, chief scientist at the institute, presented the data. "
            "Ms. Voss said the trend was clear. Voss added that funding would follow.")
    assert people(body) == ["Lena Voss"]


def test_fullest_name_kept_even_when_surname_comes_first():
    body = ("Governor Halloran welcomed the vote.\n\n"
            "Governor Mike Halloran signed the bill on Friday.")
    assert people(body) == ["Mike Halloran"]


def test_initials_merge_with_full_middle_name():
    body = ("Paul James Corbin, 51, was charged. Prosecutors said Paul J. Corbin met agents. "
            "His son Owen J. Corbin, 22, was also charged.")
    assert people(body) == ["Paul James Corbin", "Owen J. Corbin"]


def test_list_of_names_is_a_list_of_people():
    body = "The team includes Sara Dunn, Omar Haddad, Lisa Park, and Joel Varga."
    assert people(body) == ["Sara Dunn", "Omar Haddad", "Lisa Park", "Joel Varga"]


def test_list_of_places_is_not():
    body = "Offices in Los Angeles, San Bernardino, and San Diego counties joined the case."
    assert people(body) == []


def test_defendants_listed_with_their_towns():
    body = ("The defendants are: Carl Moody of Ada, Okla.; Dean Platt of Enid, Okla.; "
            "and Rita Gomes of Tulsa.")
    assert people(body) == ["Carl Moody", "Dean Platt", "Rita Gomes"]


@pytest.mark.parametrize("body", [
    "The Purple Notice, the first of its kind, was issued in May.",
    "Shortly after, Social Security numbers were exposed.",
    "The Riverside County District Attorney's Office announced the academy.",
    "The Interpol Purple Notice was published on Monday, June 3.",
    "Director of Health Emergency Operations at the agency, she spoke.",
])
def test_no_people_invented_from_things(body):
    assert people(body) == []


def test_speech_verb_evidence():
    body = '"We will appeal," said Norah Kell, a spokeswoman. "It is not over yet."'
    assert people(body) == ["Norah Kell"]


def test_title_line_people_need_strong_evidence():
    title = "Secretary-General Deeply Saddened by Loss of Life in Flooding"
    assert people("The Secretary-General expressed his condolences.", title) == []
    title = "Statement by Laura M. Pike, Acting Director of Public Affairs, on the Report"
    assert people('"The report is troubling."', title) == ["Laura M. Pike"]


def test_surname_completed_from_contact_block():
    body = ('"This closure hurts students," Attorney General Marsh said.\n\n'
            "###\n\nOffice of Attorney General Dana Marsh\n555-0100")
    assert people(body) == ["Dana Marsh"]


def test_name_between_dashes_after_a_title():
    body = ("The Special Envoy for the Great Lakes \u2014 Marie Dufour \u2014 met the parties "
            "on Monday.")
    assert people(body) == ["Marie Dufour"]


def test_words_of_a_quoted_title_are_not_people():
    body = ('She spoke at a debate on "Peace Through Effective Multilateralism: A New Path". '
            "Multilateralism works, she said.")
    assert people(body) == []


def test_names_of_days_and_laws_are_not_people():
    body = ("Marking International Anti-Corruption Day, the Attorney General's Office and the "
            "Coast Agency launched a network. It enforces the Higher Education Act. Education "
            "matters, and the Secretary of Education agreed.")
    assert people(body) == []


def test_two_surnames_with_a_title_merge():
    body = ("\u201cWe are ready,\u201d said Dr. Marta Ibáñez Soler, head of the clinic.\n\n"
            "Dr. Ibáñez Soler noted that the clinic was old.")
    assert people(body) == ["Marta Ibáñez Soler"]


def test_weekday_words_inside_place_names():
    assert release("SANTO DOMINGO, Dominican Republic – 8 February 2022 – Aid arrived."
                   ).location == "Santo Domingo, Dominican Republic"


def test_company_after_ceo_of_is_not_a_person():
    body = '"We are growing," said Priya Nand, co-founder and CEO of Acme Robotics.'
    assert people(body) == ["Priya Nand"]


def test_according_to_in_french_and_spanish_is_not_a_name():
    body = ("Selon Santé Publique, les cas augmentent. Según Salud Pública, los casos "
            "aumentan.")
    assert people(body) == []


def test_role_comes_from_the_text_before_the_headline():
    found = release("Minnesota Attorney General Ruth Hale announced a lawsuit today.",
                    "Attorney General Hale sues two companies").people
    assert [(p.name, p.role) for p in found] == [("Ruth Hale", "Minnesota Attorney General")]


def test_spanish_person_noun_with_its_adjective_is_the_role():
    found = release("La fiscal dominicana Rosa Peña Almonte, de la Procuraduría Especializada, "
                    "señaló que la cooperación es indispensable.").people
    assert [(p.name, p.role) for p in found] == [("Rosa Peña Almonte", "fiscal dominicana")]


def test_later_mentions_by_two_surnames_or_first_surname_resolve_to_the_full_name():
    body = ('"We act now," said Dr. Marta Núñez Roldán, president of the network. '
            "Dr. Núñez Roldán noted the risk. Ms. Núñez added that funds were short. "
            "On World Drug Day, Núñez Roldán spoke again.")
    found = release(body).people
    assert [p.name for p in found] == ["Marta Núñez Roldán"]


def test_who_leads_the_unit_gives_the_role():
    found = release("Tom Berg, who leads the agency's unit against smuggling, said the network "
                    "was large. Berg thanked the police.").people
    assert [(p.name, p.role) for p in found] == [
        ("Tom Berg", "head of the agency's unit against smuggling")]


def test_chief_directly_before_a_name_is_a_title():
    body = ("Police Chief Raymond Delacroix thanked the partner agencies.\n\n"
            '"No single agency could have closed this case alone," Chief Delacroix said.')
    found = release(body)
    assert [p.name for p in found.people] == ["Raymond Delacroix"]
    assert found.quotes[0].speaker == "Raymond Delacroix"


def test_chief_as_a_modifier_is_not_enough():
    # "Chief" before a title word modifies it; the name needs evidence of its own
    assert people("The Chief Executive Officer Group met in Harbor Town.") == []


def test_arbitrator_is_a_title():
    body = "Arbitrator Henrique Vasconcelos Prado, appointed by the state, attached a dissent."
    assert people(body) == ["Henrique Vasconcelos Prado"]


def test_presiding_judge_is_a_title_not_a_name():
    body = ("The tribunal, presided over by Judge Amara Okonjo, ruled for the company.\n\n"
            'Reading the award, the Presiding Judge said: "An investor is entitled to expect '
            'fair treatment from the state."')
    found = release(body)
    assert [p.name for p in found.people] == ["Amara Okonjo"]
    assert found.quotes[0].speaker == "Amara Okonjo"


@pytest.mark.parametrize("body, name", [
    ("The minister of health, Ousmane Ba, announced twenty new centres.", "Ousmane Ba"),
    ("The Federal Minister of Public Health, Els Vandenberghe, presented a plan.",
     "Els Vandenberghe"),
    ("Le ministre sénégalais de la Santé, Ousmane Ba, a annoncé vingt centres.", "Ousmane Ba"),
    ("La directora del instituto, Ana María Roldán, presentó el informe.", "Ana María Roldán"),
])
def test_name_set_off_by_commas_after_a_title(body, name):
    assert people(body) == [name]


@pytest.mark.parametrize("body", [
    "The minister of health, Parks and Recreation, said the budget grew.",
    "In a letter to the mayor, Cedar County, Ohio, asked for funds.",
])
def test_places_and_bodies_after_a_title_are_not_people(body):
    assert people(body) == []


@pytest.mark.parametrize("body, name, role", [
    ("Petra Lindqvist, Minister of Fisheries, Forestry and Rural Development, opened the port.",
     "Petra Lindqvist", "Minister of Fisheries, Forestry and Rural Development"),
    ('"The line reopens in May," said Secretary for Rail, Roads and Public Transport Omar Castell.',
     "Omar Castell", "Secretary for Rail, Roads and Public Transport"),
    ('"Ships wait," said Minister of Harbours, Canals and Locks Mary Ellen Voss.',
     "Mary Ellen Voss", "Minister of Harbours, Canals and Locks"),
    ("The Commissioner for Heritage, Libraries and Sport, Greta Holm, cut the ribbon.",
     "Greta Holm", "Commissioner for Heritage, Libraries and Sport"),
    ("Nadia Ferreira, director of Parks, Gardens and Cemeteries said the gates would close.",
     "Nadia Ferreira", "director of Parks, Gardens and Cemeteries"),
])
def test_role_whose_object_is_a_series_keeps_all_of_it(body, name, role):
    assert roles(body) == [(name, role)]


def test_series_roles_of_two_people_stay_apart():
    body = ("Petra Lindqvist, Minister of Fisheries, Forestry and Rural Development, and Omar "
            "Castell, Minister of Rail, Roads and Ports, signed the accord.")
    assert roles(body) == [
        ("Petra Lindqvist", "Minister of Fisheries, Forestry and Rural Development"),
        ("Omar Castell", "Minister of Rail, Roads and Ports")]


@pytest.mark.parametrize("body", [
    "Petra Lindqvist, Minister of Fisheries, said the quotas would stay.",
    "Petra Lindqvist, Minister of Fisheries, Omar Castell and Greta Holm toured the harbour.",
    "Petra Lindqvist, Minister of Fisheries, WHO and FAO signed the accord.",
])
def test_what_follows_a_role_after_a_comma_is_not_part_of_it(body):
    found = release(body).people
    assert (found[0].name, found[0].role) == ("Petra Lindqvist", "Minister of Fisheries")


def test_two_titles_set_off_by_commas_are_not_merged():
    body = ("The Minister of Fisheries, Petra Lindqvist, and the Minister of Rail, Omar Castell, "
            "signed the accord.")
    found = {p.name: p.role for p in release(body).people}
    assert found["Petra Lindqvist"] == "Minister of Fisheries"
    assert "Fisheries" not in (found.get("Omar Castell") or "")


@pytest.mark.parametrize("body, name, role", [
    ('"The wards reopen in June," said Minister of Health Odile Marchetti.', "Odile Marchetti",
     "Minister of Health"),
    ('"Ferries run again," added the Secretary for Transport Ilse Brandvold.', "Ilse Brandvold",
     "Secretary for Transport"),
    ('"The doors stay open," said Director of the Quayside Gallery Ruth Amsel.', "Ruth Amsel",
     "Director of the Quayside Gallery"),
    ("Director of the Quayside Gallery Ruth Amsel said the doors would stay open.", "Ruth Amsel",
     "Director of the Quayside Gallery"),
])
def test_title_between_a_speech_verb_and_the_name(body, name, role):
    assert roles(body) == [(name, role)]


@pytest.mark.parametrize("body", [
    '"Supplies are short," said Minister of Health.',
    '"Supplies are short," said the Minister of Health Services Directorate.',
    '"Supplies are short," said Minister of Health for Hollin Quay.',
    "HOLLIN QUAY, 9 May 2024 – The Minister of Trade, the Chamber of Commerce and the dock "
    "unions met on Friday.",
    "HOLLIN QUAY, 9 May 2024 – The Minister of Trade, Port Hollin Holdings and the dock unions "
    "met on Friday.",
])
def test_title_without_a_name_gives_no_person(body):
    assert people(body) == []


@pytest.mark.parametrize("body, name, role", [
    ("HOLLIN QUAY, 9 May 2024 – The Minister of Trade, Tomas Ferrand, opened the fair.",
     "Tomas Ferrand", "Minister of Trade"),
    ("HOLLIN QUAY, 9 May 2024 - The Minister of Trade, Tomas Ferrand, opened the fair.",
     "Tomas Ferrand", "Minister of Trade"),
    ("HOLLIN QUAY, 9 May 2024 - Minister of Trade, Tomas Ferrand, opened the fair.",
     "Tomas Ferrand", "Minister of Trade"),
    ("PUERTO LIRIO, 9 de mayo de 2024.- La ministra de Cultura, Inés Arbeloa, inauguró la feria.",
     "Inés Arbeloa", "ministra de Cultura"),
    ("On Monday the Minister of Trade, Tomas Ferrand, opened the fair.", "Tomas Ferrand",
     "Minister of Trade"),
])
def test_name_set_off_by_commas_after_a_dateline_or_words_before_the_title(body, name, role):
    assert roles(body) == [(name, role)]


def test_second_title_set_off_by_commas_drops_the_and():
    body = ("The Minister of Labour, Odile Marchetti, and the Minister of Trade, Tomas Ferrand, "
            "signed the pact.")
    assert roles(body) == [("Odile Marchetti", "Minister of Labour"),
                                                ("Tomas Ferrand", "Minister of Trade")]


@pytest.mark.parametrize("body, name, role", [
    # a dot inside a word, or the last dot of "U.S." opening the role, does not end it
    ('"We ship in May," said Hedda Lorne, community manager of the Quillfish.io Foundation.',
     "Hedda Lorne", "community manager of the Quillfish.io Foundation"),
    ('"The fugitive is in custody," said Bram Kettle, U.S. Marshal for the Eastern District of '
     'Alderney.', "Bram Kettle", "U.S. Marshal for the Eastern District of Alderney"),
    # a title word or honorific before the name that is not the title's own
    ("Ferries run again, wrote the Secretary of Transport Dr. Lina Farrow in a letter.",
     "Lina Farrow", "Secretary of Transport"),
    ("Following is UN Deputy Secretary-General Ada Quillon’s message on the day.",
     "Ada Quillon", "UN Deputy Secretary-General"),
    ("Statement of Attorney General Rosa Pellam on the ruling was read aloud. Pellam said it "
     "was fair.", "Rosa Pellam", "Attorney General"),
    ("Declaración del Alcalde Rubén Morada sobre las lluvias, dijo Morada.", "Rubén Morada",
     "Alcalde"),
    ("As author Nell Ormsby has argued, the river needs room.", "Nell Ormsby", "author"),
    ('"We are ready," said Dr. Oona Valerian, Director-General of the Fisheries Authority.',
     "Oona Valerian", "Director-General of the Fisheries Authority"),
])
def test_role_boundaries(body, name, role):
    assert roles(body) == [(name, role)]


@pytest.mark.parametrize("body, name, role", [
    ('"It scales," said Ivo Brandtner, senior director, Cloud Services at Kestrel Labs.',
     "Ivo Brandtner", "senior director, Cloud Services at Kestrel Labs"),
    ('"The case is closed," said Moira Tesk, Special Agent in Charge, Coastal Fraud '
     'Investigation Service.', "Moira Tesk",
     "Special Agent in Charge, Coastal Fraud Investigation Service"),
    ("The new board:\n- Lorna Quist, treasurer of the board, vice president of finance at "
     "Globex Tools;\n- Paul Arnesen, board member.", "Lorna Quist",
     "treasurer of the board, vice president of finance at Globex Tools"),
])
def test_role_goes_on_after_its_comma_with_the_workplace(body, name, role):
    found = {p.name: p.role for p in release(body).people}
    assert found[name] == role


@pytest.mark.parametrize("body, name, role", [
    ('"It holds," said Ivo Brandtner, senior director, Tuesday at City Hall.', "Ivo Brandtner",
     "senior director"),
    ('"It holds," said Ivo Brandtner, director of the agency, and Lin Ashby, manager at Globex.',
     "Ivo Brandtner", "director of the agency"),
    ("For more about Project Bright Harbour, please visit www.brightharbour.gov.", None, None),
    ("Bank of Norland Governor Ebba Strand said rates would hold.", "Ebba Strand",
     "Bank of Norland Governor"),
    ("A Deputy Sheriff Cole Varney said the road was closed.", "Cole Varney", "Deputy Sheriff"),
])
def test_what_follows_a_role_that_is_not_its_own(body, name, role):
    found = {p.name: p.role for p in release(body).people}
    assert found.get(name) == role if name else found == {}


@pytest.mark.parametrize("body, name, role", [
    ("PORT ALDER, 2 April 2024 – The Prime Minister and the Minister of Ports, Inga Solberg, "
     "opened the quay.", "Inga Solberg", "Minister of Ports"),
    ("PORT ALDER, 2 April 2024 – The Governor and the Commissioner of Police, Tobin Arle, "
     "spoke.", "Tobin Arle", "Commissioner of Police"),
    ("PORT ALDER, 2 April 2024 – The Minister of Trade and Industry, Inga Solberg, spoke.",
     "Inga Solberg", "Minister of Trade and Industry"),
])
def test_of_two_titles_joined_by_and_the_second_is_the_named_ones(body, name, role):
    assert roles(body) == [(name, role)]


@pytest.mark.parametrize("body", [
    "The union said Minister of Labour Employment Bill was unfair to dockers.",
    "She said Minister of Health Care Reform Bill was late again.",
    "Dockers said Minister of Ports Harbour Relief Fund was empty.",
])
def test_a_bill_or_a_fund_after_said_and_a_title_is_no_person(body):
    assert people(body) == []


@pytest.mark.parametrize("body, name, role", [
    ("Idris Kovacs, Chief of Staff to the Governor, opened the depot on Monday.", "Idris Kovacs",
     "Chief of Staff to the Governor"),
    ("Idris Kovacs, chief of police in Marrow Bay, opened the depot.", "Idris Kovacs",
     "chief of police in Marrow Bay"),
    ("The Chief of Staff to the Governor, Idris Kovacs, opened the depot.", "Idris Kovacs",
     "Chief of Staff to the Governor"),
    ("Chief of Staff to the Governor Idris Kovacs opened the depot on Monday.", "Idris Kovacs",
     "Chief of Staff to the Governor"),
    ('"The depot is open," said Special Envoy to the Governor Idris Kovacs.', "Idris Kovacs",
     "Special Envoy to the Governor"),
    # "to" before a title that does not follow one is not part of it
    ("The keys went to Governor Idris Kovacs on Monday.", "Idris Kovacs", "Governor"),
])
def test_chief_of_and_a_title_to_someone_are_whole_roles(body, name, role):
    assert roles(body) == [(name, role)]


def test_a_title_to_a_named_person_leaves_that_person_their_own_title():
    body = '"The depot is open," said Tam Oduya, Chief of Staff to Governor Idris Kovacs.'
    roles = dict((p.name, p.role) for p in release(body).people)
    assert roles["Idris Kovacs"] == "Governor"


@pytest.mark.parametrize("body, name, role", [
    ('"Orders doubled this spring," said Chief Executive Tamsin Oyelaran.', "Tamsin Oyelaran",
     "Chief Executive"),
    ('"Orders doubled this spring," said the Chief Executive Tamsin Oyelaran.',
     "Tamsin Oyelaran", "Chief Executive"),
    ("Chief Executive Tamsin Oyelaran said orders doubled this spring.", "Tamsin Oyelaran",
     "Chief Executive"),
])
def test_chief_before_title_words_opens_a_title(body, name, role):
    found = release(body)
    assert [(p.name, p.role) for p in found.people] == [(name, role)]
    if found.quotes:
        assert found.quotes[0].speaker == name


@pytest.mark.parametrize("body, name, role", [
    ('"The wards reopen in June," said the Minister of Health for Ruritania, Soraya Benali.',
     "Soraya Benali", "Minister of Health for Ruritania"),
    ('"The wards reopen in June," said Minister of Health for Ruritania, Soraya Benali, on Monday.',
     "Soraya Benali", "Minister of Health for Ruritania"),
    ('"The wards reopen in June," said the mayor, Soraya Benali.', "Soraya Benali", "mayor"),
])
def test_title_set_off_by_a_comma_after_a_speech_verb(body, name, role):
    found = release(body)
    assert [(p.name, p.role) for p in found.people] == [(name, role)]
    assert found.quotes[0].speaker == name


def test_title_for_a_place_without_a_name_gives_no_person():
    body = '"The wards reopen in June," the Minister of Health for Ruritania said.'
    assert people(body) == []


@pytest.mark.parametrize("body, name, role", [
    ("Ansel Corrigan, the Minister of Health, said the wards would reopen.", "Ansel Corrigan",
     "Minister of Health"),
    ('"The wards reopen in June," said Ansel Corrigan, the Minister of Health.',
     "Ansel Corrigan", "Minister of Health"),
    ("Ansel Corrigan, the former director of the Brackwater Museum, cut the ribbon.",
     "Ansel Corrigan", "former director of the Brackwater Museum"),
    # a possessive after the article needs it
    ("Ansel Corrigan, the agency's officer in the north, said the wards would reopen.",
     "Ansel Corrigan", "the agency's officer in the north"),
    # ... wherever the possessive is, and in both spellings
    ("Ansel Corrigan, the Health Minister's adviser, said the wards would reopen.",
     "Ansel Corrigan", "the Health Minister's adviser"),
    ("Ansel Corrigan, the Netherlands' envoy to Ruritania, said the grant was renewed.",
     "Ansel Corrigan", "the Netherlands' envoy to Ruritania"),
])
def test_the_before_a_role_after_the_name_is_not_part_of_it(body, name, role):
    assert roles(body) == [(name, role)]


@pytest.mark.parametrize("body, name, role", [
    ("Chief of Police Oskar Lindgren opened the new station.", "Oskar Lindgren",
     "Chief of Police"),
    ('"Burglaries are down," said Chief of Police Oskar Lindgren.', "Oskar Lindgren",
     "Chief of Police"),
    ("Chief of Police Oskar Lindgren said burglaries were down.", "Oskar Lindgren",
     "Chief of Police"),
    ("Chief of Staff Oskar Lindgren chaired the meeting.", "Oskar Lindgren", "Chief of Staff"),
])
def test_chief_of_a_title_word_before_a_name_is_a_title(body, name, role):
    assert roles(body) == [(name, role)]


@pytest.mark.parametrize("body", [
    "The Chief of Police Association met in Marrow Bay.",
    "Chief of Police Department Records moved to the annex.",
])
def test_chief_of_a_title_word_before_a_body_gives_no_person(body):
    assert people(body) == []


@pytest.mark.parametrize("body, name, role", [
    ('"Orders doubled," said the company\'s Chief Executive, Tamsin Oyelaran.',
     "Tamsin Oyelaran", "company's Chief Executive"),
    ('"Orders doubled," said the Chief Executive, Tamsin Oyelaran, on Monday.',
     "Tamsin Oyelaran", "Chief Executive"),
    ("Tamsin Oyelaran, chief executive of the Brackwater Growers, said orders doubled.",
     "Tamsin Oyelaran", "chief executive of the Brackwater Growers"),
])
def test_chief_before_a_title_word_set_off_by_a_comma_is_a_role(body, name, role):
    assert roles(body) == [(name, role)]


@pytest.mark.parametrize("body, name, role", [
    ("Tamsin Oyelaran, Chief Executive Office spokesperson, said orders doubled.",
     "Tamsin Oyelaran", "Chief Executive Office spokesperson"),
    ("Tamsin Oyelaran, the Chief Executive Office, said orders doubled.", "Tamsin Oyelaran",
     None),
])
def test_a_body_that_chief_opens_is_no_role_but_its_spokesperson_is(body, name, role):
    assert roles(body) == [(name, role)]
