"""Name keys: when two spellings name the same tag, person, organization or country.

A key ignores case, accents and spacing ("Bejarán" and "bejaran" are one person);
countries resolve through pycountry and a few documented aliases, so "Venezuela" and
"Venezuela, Bolivarian Republic of" are one country.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Names pycountry does not resolve but releases use (FORMAT.md allows these aliases).
COUNTRY_ALIASES = {
    "russia": "RU", "turkey": "TR", "kosovo": "XK", "palestine": "PS",
    "state of palestine": "PS", "uk": "GB", "great britain": "GB", "britain": "GB",
    "ivory coast": "CI", "cote d'ivoire": "CI", "cape verde": "CV", "swaziland": "SZ",
    "democratic republic of the congo": "CD", "dr congo": "CD", "drc": "CD",
    "republic of congo": "CG", "burma": "MM", "east timor": "TL", "the gambia": "GM",
    "the bahamas": "BS", "the netherlands": "NL", "holland": "NL", "vatican": "VA",
    "brunei": "BN", "macau": "MO", "micronesia": "FM", "usa": "US", "u.s.": "US",
    "united states of america": "US", "the united states": "US", "curacao": "CW",
}


@lru_cache(maxsize=1 << 17)  # the same names come back in every release
def name_key(name: str) -> str:
    """Case-, accent- and space-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


_CODES: dict[str, str | None] = {}  # name -> code, as pycountry gave it


def country_code(name: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country name, or None when it is not known."""
    if name in _CODES:
        return _CODES[name]
    key = name_key(name)
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    import pycountry  # (here: importing it takes longer than a build that needs no lookup)

    try:
        code: str | None = pycountry.countries.lookup(name.strip()).alpha_2
    except LookupError:
        code = None
    if len(_CODES) < 100_000:
        _CODES[name] = code
    return code


def known_country_codes() -> dict[str, str | None]:
    """The names looked up so far and their codes, for `learn_country_codes` in another
    process (the build keeps them in its cache)."""
    return dict(_CODES)


def learn_country_codes(codes: object) -> None:
    """Take codes looked up before (`known_country_codes`)."""
    if isinstance(codes, dict):
        _CODES.update((k, v) for k, v in codes.items()
                      if isinstance(k, str) and (v is None or isinstance(v, str)))


def country_key(name: str) -> str:
    """'iso:XX' for a known country, else the name's key."""
    code = country_code(name)
    return f"iso:{code}" if code else name_key(name)
