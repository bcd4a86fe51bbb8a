"""Tags from a site's controlled vocabulary (pressroom.yaml `tags: vocabulary:`)."""

import pytest

from pressroom.loader import load_bytes
from pressroom.loader.tags import (
    MAX_VOCABULARY_TAGS,
    find_vocabulary_tags,
    fold,
    weighted_parts,
)

HARBOUR = (
    ("ferries", ("ferry", "ferry service", "ferry services")),
    ("sea level", ("rising seas", "coastal flooding")),
    ("fishing", ("fishers", "fishermen", "trawlers")),
    ("ports", ("port", "harbour", "harbours")),
    ("côte d'ivoire", ()),
    ("health", ()),
)


def tags(title: str, body: str, vocabulary=HARBOUR) -> list[str]:
    data = f"{title}\n\n{body}".encode()
    return list(load_bytes(data, "test.txt", vocabulary=vocabulary).release.tags)


LEAD = ("KESTREL BAY, 4 March 2024 – The island council today opened two new ferry services "
        "between Kestrel Bay and the outer islands, replacing a single boat that ran twice a "
        "week.")


def test_synonyms_give_the_canonical_tag():
    found = tags("Kestrel Bay gets two new ferry services", LEAD + "\n\nThe ferry runs daily.")
    assert found == ["ferries"]


def test_only_vocabulary_tags_appear():
    body = (LEAD + "\n\nFraud, fraud and more fraud: the old operator sold drugs and "
            "evaded taxes in the Caribbean, the Caribbean and the Caribbean. Fishermen say "
            "the ferry is late; fishers agree.")
    found = tags("Ferry fraud in the Caribbean", body)
    assert set(found) <= {tag for tag, _ in HARBOUR}
    assert found == ["ferries", "fishing"]


@pytest.mark.parametrize("opening", ["About the Kestrel Bay Port Authority",
                                     "About Kestrel Harbours", "Notes to editors",
                                     "Media contacts:", "###"])
def test_boilerplate_gives_no_tags(opening: str):
    body = (LEAD + "\n\nThe council will review the timetable in June.\n\n"
            f"{opening}\n\n"
            "The authority runs the harbour, the port and its fishing fleet, and studies "
            "rising seas and coastal flooding for fishermen.\n\n"
            "Ana Sole, harbour press office, +00 555 0100")
    assert tags("Island council opens new service", body) == ["ferries"]


def test_one_passing_mention_in_the_body_is_not_enough():
    body = LEAD + "\n\nThe council also spoke to fishers about the timetable."
    assert "fishing" not in tags("Island council opens new service", body)
    body += " Trawlers will keep their berths."
    assert "fishing" in tags("Island council opens new service", body)


def test_one_mention_in_the_title_is_enough_and_fewer_than_three_is_fine():
    body = ("KESTREL BAY, 4 March 2024 – The island council today published its report on "
            "the winter storms.")
    assert tags("Council report: rising seas", body) == ["sea level"]
    assert tags("Council report on the winter storms", body) == []


def test_title_and_lead_weigh_more_than_the_body():
    body = ("KESTREL BAY, 4 March 2024 – Fishers will get new berths at the port, the island "
            "council said today.\n\nThe harbour opens at six. The ferry and the ferry "
            "service run on time; the ferry leaves at noon.")
    # ports: title 3 + lead 2 + body 1 = 6; fishing: lead 2; ferries: body 3
    assert tags("New berths at the port", body) == ["ports", "ferries", "fishing"]


def test_at_most_eight_tags_the_heaviest_first():
    vocabulary = tuple((f"topic {n}", (f"word{n}",)) for n in range(12))
    title = "Council notes " + ", ".join(f"word{n}" for n in range(4))
    body = ("KESTREL BAY, 4 March 2024 – "
            + " ".join(f"word{n} word{n}" for n in range(12)) + ".")
    found = tags(title, body, vocabulary)
    assert len(found) == MAX_VOCABULARY_TAGS == 8
    assert found[:4] == ["topic 0", "topic 1", "topic 2", "topic 3"]  # also in the title
    assert found[4:] == ["topic 4", "topic 5", "topic 6", "topic 7"]  # ties: vocabulary order


def test_case_accents_apostrophes_and_hyphens_do_not_matter():
    body = ("ABIDJAN, 4 March 2024 – Cote d'Ivoire and the island council signed a plan "
            "on SEA-LEVEL rise.\n\nThe plan covers Côte d’Ivoire's lagoons and the sea "
            "level of the bay.")
    assert tags("CÔTE D’IVOIRE signs plan", body) == ["côte d'ivoire", "sea level"]
    assert fold("Côte D’Ivoire") == fold("cote d'ivoire")


def test_phrases_match_whole_words_only():
    body = ("KESTREL BAY, 4 March 2024 – The council will support the portal for passports "
            "and the porters' union.\n\nSupport, portals and reports: nothing else.")
    assert tags("Council supports the passport portal", body) == []
    # a hyphen separates words
    assert tags("Anti-ferry protest", LEAD) == ["ferries"]


def test_names_of_bodies_are_not_read_unless_the_vocabulary_lists_them():
    body = ("KESTREL BAY, 4 March 2024 – The Ministry of Health of Kestrel Bay will open a "
            "clinic next year, the Ministry of Health said today.")
    assert tags("Ministry of Health to open a clinic", body) == []
    vocabulary = (*HARBOUR, ("public bodies", ("Ministry of Health",)))
    assert tags("Ministry of Health to open a clinic", body, vocabulary) == ["public bodies"]


def test_without_a_vocabulary_the_built_in_topics_are_used():
    title, body = "Ferry fraud inquiry", LEAD + "\n\nFraud charges were filed in court."
    data = f"{title}\n\n{body}".encode()
    assert load_bytes(data, "t.txt").release.tags == \
        load_bytes(data, "t.txt", vocabulary=None).release.tags
    assert "fraud" in load_bytes(data, "t.txt").release.tags


def test_find_vocabulary_tags_on_weighted_parts():
    parts = weighted_parts([("Harbour news", "title"), ("A deck about ferries", "deck"),
                            ("The lead.", "para"), ("Trawlers.", "para")], lead=2)
    assert parts == [("Harbour news", 3), ("A deck about ferries", 2), ("The lead.", 2),
                     ("Trawlers.", 1)]
    assert find_vocabulary_tags(parts, HARBOUR) == ["ports", "ferries"]
