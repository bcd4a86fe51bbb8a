"""Name keys: when two spellings name the same tag, person, organization or country.

A key ignores case, accents and spacing ("Bejarán" and "bejaran" are one person);
countries resolve through pycountry and a few documented aliases, so "Venezuela" and
"Venezuela, Bolivarian Republic of" are one country.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pycountry

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


@lru_cache(maxsize=4096)
def country_code(name: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country name, or None when it is not known."""
    key = name_key(name)
    if key in COUNTRY_ALIASES:
        return COUNTRY_ALIASES[key]
    try:
        return pycountry.countries.lookup(name.strip()).alpha_2
    except LookupError:
        return None


def country_key(name: str) -> str:
    """'iso:XX' for a known country, else the name's key."""
    code = country_code(name)
    return f"iso:{code}" if code else name_key(name)
