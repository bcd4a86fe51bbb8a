"""Organisations: head nouns, acronyms, companies, merging of mentions."""

import pytest

from .helpers import orgs, release


def test_name_with_acronym_and_complement():
    found = release("The Global Office on Fisheries and Oceans (GOFO) met with the "
                    "Harbour Safety Initiative today.").organizations
    assert [(o.name, o.acronym) for o in found] == [
        ("Global Office on Fisheries and Oceans", "GOFO"), ("Harbour Safety Initiative", None)]


def test_later_acronym_and_short_mentions_merge():
    body = ("The Bureau of Coastal Affairs (BCA) opened a case. BCA agents met the "
            "Federal Bureau of Coastal Affairs team. The BCA said it would continue.")
    assert orgs(body) == ["Federal Bureau of Coastal Affairs"]


def test_department_of_x_is_the_x_department():
    body = "The Department of Parks charged them. The Parks Department said it would appeal."
    assert orgs(body) == ["Department of Parks"]


def test_possessive_parent_is_split_off():
    body = "Agents of the FDA's Office of Drug Safety and the Justice Department's Civil Division."
    assert orgs(body) == ["FDA", "Office of Drug Safety", "Justice Department", "Civil Division"]


def test_office_of_the_role_keeps_the_possessive():
    body = "The Lake County Sheriff's Office and the Attorney General's Office worked together."
    assert orgs(body) == ["Lake County Sheriff's Office", "Attorney General's Office"]


def test_unit_of_the_parent_gives_both():
    body = "The case was investigated by the Fraud Unit of the Tax Agency of Ruritania."
    assert orgs(body) == ["Fraud Unit", "Tax Agency of Ruritania"]


def test_two_bodies_joined_by_and():
    body = "It settled with the Federal Trade Commission and Consumer Finance Bureau."
    assert orgs(body) == ["Federal Trade Commission", "Consumer Finance Bureau"]


def test_company_with_legal_suffix_and_described_companies():
    body = ("Brightlamp, Inc., a California corporation, agreed to pay. Quillsoft is a software "
            "company based in Ohio. Members such as Zentrix, Morrow Labs and Elbe joined.")
    assert orgs(body) == ["Brightlamp, Inc.", "Quillsoft", "Zentrix", "Morrow Labs", "Elbe"]


def test_body_named_before_a_job_title():
    body = "Harborline Chief Executive Officer Dana Wu and Tri-County Director Sam Ode spoke."
    assert orgs(body) == ["Harborline"]


def test_officer_at_company():
    body = "Ann Lo, vice president of engineering at Petrolux, joined the board."
    assert orgs(body) == ["Petrolux"]


@pytest.mark.parametrize("body", [
    "A Red Notice was published under the Clean Water Act and the Paris Agreement.",
    "Prices were tagged with a Price Protection Policy label.",
    "He met Senior Regional Adviser on Water Protection Ana Lim.",
    "The Board of Directors met. The Police Department said nothing.",
    "Several U.S. Attorneys' Offices and Consumer Protection Units joined.",
    "Support for long-term support (LTS) releases and the Internet of Things (IoT) grew.",
])
def test_not_organizations(body):
    assert orgs(body) == []


def test_standalone_acronyms_need_a_body_context():
    body = "The FBI arrested him. Under FISA he was watched. The FBI's agents left."
    assert orgs(body) == ["FBI"]


def test_acronym_used_alone_joins_the_spelled_out_name():
    body = "The United Nations sent aid. The UN system responded within hours."
    found = release(body).organizations
    assert [(o.name, o.acronym) for o in found] == [("United Nations", "UN")]


def test_spanish_and_french_names():
    body = ("La Oficina de Asuntos Marítimos contra la Pesca Ilegal (OAMPI) y la Fiscalía "
            "Especializada en Delitos Ambientales trabajaron juntas.\n\n"
            "L'Organisation internationale pour les forêts (OIF) a publié une étude.")
    found = release(body).organizations
    assert [(o.name, o.acronym) for o in found] == [
        ("Oficina de Asuntos Marítimos contra la Pesca Ilegal", "OAMPI"),
        ("Fiscalía Especializada en Delitos Ambientales", None),
        ("Organisation internationale pour les forêts", "OIF")]


def test_acronym_that_is_the_body_own_name_merges():
    body = ("Students of the now-defunct ZEN Technical Institute were misled. ZEN students and "
            "ZEN staff complained.")
    found = release(body).organizations
    assert [(o.name, o.acronym) for o in found] == [("ZEN Technical Institute", "ZEN")]


def test_plural_head_with_complement_is_one_body():
    body = "It was helped by the National Association of Fraud Control Units."
    assert orgs(body) == ["National Association of Fraud Control Units"]


def test_demonym_qualified_name_is_the_same_body():
    body = ("The Peruvian Attorney General's Office and the customs agency met. Later the "
            "Attorney General's Office filed charges.")
    assert orgs(body) == ["Peruvian Attorney General's Office"]


def test_acronym_after_a_spanish_article_is_a_body():
    body = "Agradezco a los oficiales del OCRP y a los fiscales de la ciudad."
    assert orgs(body) == ["OCRP"]


def test_head_noun_inside_a_job_title_names_no_body():
    body = ("“We act now,” said Grace Obi, ACME Regional Programme Coordinator for the North, at "
            "the Harbour Safety Initiative.")
    assert "ACME Regional Programme" not in orgs(body)
    assert "Harbour Safety Initiative" in orgs(body)


def test_unit_named_x_and_y_operations_is_one_body():
    body = ("Officers of ICE Enforcement and Removal Operations arrested him. The Coastal Bureau "
            "and Beta Labs helped.")
    assert "ICE Enforcement and Removal Operations" in orgs(body)
    assert "ICE Enforcement" not in orgs(body)


def test_acronym_and_its_seat_named_twice_is_a_body():
    body = ("The request reached INTERPOL Washington in May. Analysts at INTERPOL Washington "
            "matched the records.")
    assert "INTERPOL Washington" in orgs(body)
    assert "INTERPOL Washington" not in orgs("The request reached INTERPOL Washington in May.")


def test_french_names_with_lower_case_words_and_their_acronyms():
    body = ("L'OIM et l'Office des Nations Unies contre la drogue et le crime (ONUDC) ont "
            "travaillé avec l'Autorité intergouvernementale pour le développement (IGAD).")
    found = release(body).organizations
    assert ("Office des Nations Unies contre la drogue et le crime", "ONUDC") in [
        (o.name, o.acronym) for o in found]
    assert ("Autorité intergouvernementale pour le développement", "IGAD") in [
        (o.name, o.acronym) for o in found]


def test_lower_case_words_before_an_unrelated_acronym_are_no_body():
    assert orgs("The office said the long-term support (LTS) plan is ready.") == []


def test_name_going_on_in_title_case_after_that_is_whole():
    body = ("The workshop is organized under the Global Programme on Crimes that Affect the "
            "Environment. The Agency that Ann runs helped.")
    assert "Global Programme on Crimes that Affect the Environment" in orgs(body)


def test_complement_listing_several_fields_before_its_acronym():
    body = ("Detectives worked with the Bureau of Alcohol, Tobacco, Firearms and Explosives "
            "(ATF) and the state police.")
    found = release(body).organizations
    assert [(o.name, o.acronym) for o in found] == [
        ("Bureau of Alcohol, Tobacco, Firearms and Explosives", "ATF")]


def test_a_list_after_a_body_without_an_acronym_is_not_its_name():
    body = "The Department of Justice, Treasury and Commerce officials met today."
    assert orgs(body) == ["Department of Justice"]


@pytest.mark.parametrize("body", [
    "The men were booked into the Cascade Valley Detention Center on Friday.",
    "She is held at the Harbor County Jail pending trial.",
    "He served his term at the Northfield Correctional Facility in the state.",
])
def test_jails_and_prisons_are_places_not_bodies(body):
    assert orgs(body) == []


def test_bare_head_of_the_body_is_one_name():
    body = "The minister will present the plan at the Council of the Coastal Union on Monday."
    assert orgs(body) == ["Council of the Coastal Union"]


def test_acronym_initial_with_an_accent():
    found = release("The lines will be run by Électricité du Mékong (EDM) from next year.")
    assert [(o.name, o.acronym) for o in found.organizations] == [
        ("Électricité du Mékong", "EDM")]


def test_acronym_in_another_language_stays_with_the_whole_name():
    body = "The plan was prepared with the Belgian Health Care Knowledge Centre (KCE) in May."
    found = release(body).organizations
    assert [(o.name, o.acronym) for o in found] == [
        ("Belgian Health Care Knowledge Centre", "KCE")]


def test_acronym_with_a_word_of_the_name():
    body = ("The agency works with the Africa Centres for Disease Control and Prevention "
            "(Africa CDC) on vaccines.")
    found = release(body).organizations
    assert [(o.name, o.acronym) for o in found] == [
        ("Africa Centres for Disease Control and Prevention", "Africa CDC")]


@pytest.mark.parametrize("body, name", [
    ("The claimant was represented by the law firm Kessler Lund & Partners.",
     "Kessler Lund & Partners"),
    ("L'organisation humanitaire Solidarité Sahel tire la sonnette d'alarme.", "Solidarité Sahel"),
    ("The nonprofit Open Rivers Trust will plant trees along the banks.", "Open Rivers Trust"),
])
def test_body_named_after_the_noun_for_its_kind(body, name):
    assert orgs(body) == [name]


@pytest.mark.parametrize("body", [
    "The company Monday announced a new product.",
    "The firm Chief Executive Ann Roe spoke.",
])
def test_noun_for_a_kind_before_other_capitals(body):
    assert "Monday" not in orgs(body) and "Chief Executive Ann Roe" not in orgs(body)


@pytest.mark.parametrize("name", ["Nordhavn Shipping A/S", "Kvist Marine AB", "Lindgren Oy",
                                  "Brandt Logistik AG"])
def test_nordic_and_german_company_suffixes(name):
    assert orgs(f"The contract went to {name} after a public tender.") == [name]


def test_word_of_a_dateline_place_in_capitals_is_no_acronym():
    body = "THE HAGUE, 7 February 2025 – The Permanent Court of Fishing Disputes ruled today."
    assert orgs(body) == ["Permanent Court of Fishing Disputes"]


def test_body_named_after_its_kind_ends_with_its_sentence():
    body = ("The claimant was represented by the law firm Kessler Lund & Partners.\n"
            "Panama was represented by its own lawyers.")
    assert orgs(body) == ["Kessler Lund & Partners"]


def test_plural_name_with_a_verb_in_the_singular_is_one_body():
    body = "Northwind Data Centers, which operates sites in Ireland, is a customer."
    assert orgs(body) == ["Northwind Data Centers"]


@pytest.mark.parametrize("body", [
    "The Consumer Protection Units work in every county.",
    "The Consumer Protection Units, which work in every county, met.",
])
def test_plural_name_with_a_verb_in_the_plural_is_several_bodies(body):
    assert orgs(body) == []


def test_body_named_later_by_its_first_word_is_one_body():
    body = ("Northwind Data Centers, which operates sites in Ireland, is a customer, said Ann "
            "Roe, a director at Northwind.")
    assert orgs(body) == ["Northwind Data Centers"]


def test_acronym_before_a_unit_of_its_body_is_not_merged_with_it():
    body = "The case was worked by the FBI and by the FBI Cyber Division in Ohio."
    assert orgs(body) == ["FBI", "FBI Cyber Division"]


def test_body_named_in_a_title_written_as_a_sentence():
    found = orgs("El plan se aplicará en tres regiones.",
                 title="Ministerio de Agricultura lanza plan de riego para la zona central")
    assert found == ["Ministerio de Agricultura"]


def test_title_case_title_is_not_read_for_bodies():
    found = orgs("The plan covers three regions.",
                 title="Harbour Safety Office Launches Plan For Coastal Towns")
    assert found == []


def test_executive_board_of_a_body_is_generic():
    body = "The Executive Board of the World Canoe Federation met in Lausanne."
    assert orgs(body) == ["World Canoe Federation"]


def test_listed_complement_with_a_last_field_of_two_words_and_a_word_acronym():
    found = release("The Department for Environment, Food and Rural Affairs (Defra) must act.")
    assert [(o.name, o.acronym) for o in found.organizations] == [
        ("Department for Environment, Food and Rural Affairs", "Defra")]


def test_legal_form_ends_a_company_name_in_a_list():
    body = "Hanseatic Cloud GmbH, Banco Austral S.A. and Meridian Trust Bank joined as members."
    assert orgs(body) == ["Hanseatic Cloud GmbH", "Banco Austral S.A.", "Meridian Trust Bank"]


def test_letters_after_a_persons_name_are_not_a_body():
    assert orgs("Chair of the Committee, Dame Harriet Wells MP, said the report was clear.") == []


@pytest.mark.parametrize("body, name", [
    ("La Embajada de Colombia en México entregó 300 becas.", "Embajada de Colombia en México"),
    ("The Embassy of Colombia in Mexico opened its doors.", "Embassy of Colombia in Mexico"),
])
def test_embassy_named_with_its_host_country(body, name):
    assert orgs(body) == [name]


def test_unit_after_its_parents_acronym_is_the_unit():
    body = ("The Harbor Patrol Agency (HPA) and its Coastal Crimes Unit (CCU) met on Monday. "
            "Later, HPA Coastal Crimes Unit staff seized the boat.")
    assert [(o.name, o.acronym) for o in release(body).organizations] == [
        ("Harbor Patrol Agency", "HPA"), ("Coastal Crimes Unit", "CCU")]


def test_unit_of_another_possessor_is_not_the_unit_after_an_acronym():
    body = ("The Harbor Patrol Agency (HPA) met. The HPA Coastal Crimes Unit and the Justice "
            "Department’s Coastal Crimes Unit met.")
    assert orgs(body) == ["Harbor Patrol Agency", "HPA Coastal Crimes Unit", "Justice Department",
                          "Coastal Crimes Unit"]


@pytest.mark.parametrize("body", [
    "The fund works with the Harbor Trust, the Ocean Alliance, and WAVEFUND to deliver aid.",
    "WAVEFUND and the Ocean Alliance will deliver the aid by June.",
])
def test_acronym_listed_with_a_body_is_a_body(body):
    assert "WAVEFUND" in orgs(body)


def test_acronym_not_listed_with_a_body_stays_weak():
    assert orgs("The Ocean Alliance measures PM and NOx in towns.") == ["Ocean Alliance"]


def test_name_with_an_article_after_en_runs_to_its_acronym():
    body = ("La embajada firmó con el Instituto Ruritano de Becas y Estudios Superiores en el "
            "Extranjero (IRBESE) un acuerdo.")
    assert [(o.name, o.acronym) for o in release(body).organizations] == [
        ("Instituto Ruritano de Becas y Estudios Superiores en el Extranjero", "IRBESE")]


@pytest.mark.parametrize("body, name", [
    ("La Oficina de Turismo en México abrió sus puertas.", "Oficina de Turismo"),
    ("La Fiscalía Especializada en Delitos Ambientales abrió.",
     "Fiscalía Especializada en Delitos Ambientales"),
])
def test_romance_name_ends_before_the_place_it_sits_in(body, name):
    assert orgs(body) == [name]


def test_the_dateline_town_in_capitals_is_no_acronym_of_a_parent_body():
    # "KELVIK" is not a body whose own "Harbour Board" the Kelvik Harbour Board would be
    body = ("KELVIK, 4 May 2025 - The Kelvik Harbour Board opened a new quay today.\n\n"
            "The Harbour Board will hold an open day on 6 June.")
    assert orgs(body)[0] == "Kelvik Harbour Board"


def test_a_town_other_than_the_datelines_still_names_another_body():
    body = ("OSTRAVEN, 4 May 2025 - The Kelvik Harbour Board met the Harbour Board of "
            "Ostraven today.\n\nThe Harbour Board will hold an open day on 6 June.")
    assert "Kelvik Harbour Board" in orgs(body)
    assert len(orgs(body)) == 2


@pytest.mark.parametrize("body, names", [
    ("The Lake Basin Growers Cooperative sold 200 tonnes of maize.",
     ["Lake Basin Growers Cooperative"]),
    ("Members of the Riverside Housing Co-operative voted on Monday.",
     ["Riverside Housing Co-operative"]),
    # named for what it does: not a generic name made of head words
    ("The Department of Cooperatives and the Cooperative College met.",
     ["Department of Cooperatives", "Cooperative College"]),
    # a plural is no head: the name runs on past "and"
    ("The Ministry of Cooperatives and Small Enterprises will train 500 members.",
     ["Ministry of Cooperatives and Small Enterprises"]),
    ("A cooperative of fishers signed the deal.", []),
])
def test_a_cooperative_is_a_body(body, names):
    assert orgs("LUSAKA, 3 June 2025 - " + body) == names
