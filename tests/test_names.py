from pressroom import names
from pressroom.names import country_code, country_key, name_key


def test_name_keys_ignore_case_accents_and_spacing():
    assert name_key("  Yohanna  Bejarán ") == name_key("yohanna bejaran") == "yohanna bejaran"


def test_countries_resolve_through_pycountry_and_aliases():
    assert country_code("Panama") == "PA"
    assert country_code("Venezuela, Bolivarian Republic of") == country_code("Venezuela")
    assert country_code("Ivory Coast") == "CI"  # an alias
    assert country_code("Atlantis") is None
    assert country_key("Atlantis") == "atlantis"


def test_codes_looked_up_in_one_process_serve_the_next(monkeypatch):
    """The build keeps the codes it looked up in its cache: the next build needs no
    pycountry lookup (nor its import) for names it has seen."""
    monkeypatch.setattr(names, "_CODES", {})
    assert country_code("Panama") == "PA"
    known = names.known_country_codes()
    assert known == {"Panama": "PA"}
    monkeypatch.setattr(names, "_CODES", {})
    names.learn_country_codes({**known, "Freedonia": "FR", 3: "x", "Bad": 4})
    assert country_code("Freedonia") == "FR"  # taken as learnt, not looked up
    assert names.known_country_codes() == {"Panama": "PA", "Freedonia": "FR"}
    names.learn_country_codes("not a dict")
