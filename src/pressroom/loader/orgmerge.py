"""Merging the mentions of one organisation and choosing the name to show.

"UN" and "United Nations", "the Justice Department" and "Department of Justice",
"Bureau of Prisons" and "Federal Bureau of Prisons", "Acme" and "Acme, Inc." are one body;
its name is the fullest written form, its acronym the one the text defines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pressroom.loader.countries import country_names, us_states
from pressroom.loader.names import (
    ORG_HEADS,
)
from pressroom.loader.orgspans import matches_acronym
from pressroom.loader.text import wordset

SELF_NAMED = wordset("foundation inc. inc corporation company corp. group holdings institute "
                     "university college school hospital bank labs ltd ltd. llc plc")


LEGAL_FORMS = wordset("foundation inc. inc corporation company corp. group association institute "
                      "organization organisation society trust fund")


COMPANY_SUFFIX = (r"(?:Inc\.?|Corp\.?|Corporation|LLC|L\.L\.C\.|Ltd\.?|Limited|PLC|plc|GmbH|"
                  r"S\.A\.|N\.V\.|B\.V\.|AG|A/S|ASA|AB|Oyj|Oy|S\.p\.A\.|Co\.|LLP|L\.P\.)")


@dataclass
class OrgEntry:
    name: str
    acronym: str | None
    first: int
    names: Counter[str] = field(default_factory=Counter)
    starts: list[int] = field(default_factory=list)


Found = tuple[str, str | None, int]


@lru_cache(maxsize=4096)
def _key(name: str) -> str:
    name = name.replace("’", "'")
    name = re.sub(r"^(?:the|la|el|le|les|los|las)\s+", "", name, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", name).strip().casefold()


@lru_cache(maxsize=4096)
def _variants(name: str) -> frozenset[str]:
    """Keys under which other mentions of the same body may be written."""
    key = _key(name)
    out = {key, key.replace("u.s. ", "united states "), key.replace("united states ", "u.s. ")}
    out.add(re.sub(r",?\s+" + COMPANY_SUFFIX.lower() + r"$", "", key))
    out.add(" ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in key.split()))
    m = re.fullmatch(r"(\w+) (department|ministry|office)", key)
    if m:
        out.add(f"{m.group(2)} of {m.group(1)}")
    m = re.fullmatch(r"(?:u\.s\. )?(department|ministry|office) of (\w+)", key)
    if m:
        out.add(f"{m.group(2)} {m.group(1)}")
    return frozenset(out)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    return frozenset(p.casefold() for p in country_names() | us_states())


def _qualifier(words: str, names: set[str], parents: set[str] | frozenset[str] = frozenset()
               ) -> bool:
    """Words that may stand before a body's name without making it another body: a place
    ("Minnesota", "Riverside County"), "U.S.", "Federal", the parent's full name
    ("United Nations General Assembly") or the parent's acronym (`parents`: "ICE Homeland
    Security Investigations")."""
    places = _places()
    last = words.split()[-1] if words.split() else ""
    demonym = re.fullmatch(r"([a-zà-ÿ]{4})[a-zà-ÿ]*(?:an|ian|ese|ish|ch|i)", words)
    if demonym and any(p.startswith(demonym.group(1)) for p in places):
        return True  # "Colombian Attorney General's Office" / "Attorney General's Office"
    return words in places or words in parents or last in {"county", "city", "state"} or (
        words in names and " " in words) or all(
        w in {"u.s.", "us", "united", "states", "federal", "the"} for w in words.split())


def _same_body(variants: frozenset[str], keys: set[str], names: set[str],
               parents: set[str]) -> bool:
    """One name is the other with a qualifier before it or a head noun after it."""
    for a in variants:
        for b in keys:
            short, long = (a, b) if len(a) < len(b) else (b, a)
            if short == long or not short:
                continue
            if long.endswith(" " + short) and len(short.split()) >= 2 and \
                    any(w in ORG_HEADS for w in short.split()) and \
                    _qualifier(long[:-len(short) - 1], names, parents):
                return True
            if long.startswith(short + " ") and short.split()[-1] in ORG_HEADS and \
                    re.match(r"(?:for|of|in|on)\s", long[len(short) + 1:]):
                return True  # "U.S. Attorney's Office" / "... for the District of X"
            if long.startswith(short + " ") and long[len(short) + 1:] in LEGAL_FORMS:
                return True  # "Dream Center" / "Dream Center Foundation"
    return False


_MOD = (1 << 61) - 1
_BASE = 0x5BD1E995_7F4A7C15 % _MOD


def _word_hashes(key: str) -> list[int]:
    return [hash(w) % _MOD for w in key.split(" ")]


@lru_cache(maxsize=4096)
def _whole(key: str) -> tuple[int, int]:
    """A key as its number of words and a hash of them, the same as `_parts` gives for
    the equal prefix or suffix of a longer key."""
    h = 0
    hashes = _word_hashes(key)
    for x in hashes:
        h = (h * _BASE + x) % _MOD
    return len(hashes), h


@lru_cache(maxsize=4096)
def _parts(key: str) -> frozenset[tuple[int, int]]:
    """The word prefixes and word suffixes of a key ("a b c": "a", "a b", "b c", "c"), as
    `_whole` gives them, worked out in one pass (as strings, a key of n words made n strings
    of up to n words: a long name was quadratic). Two different parts may hash alike: the
    entries found are candidates, each checked against the names themselves."""
    hashes = _word_hashes(key)
    n = len(hashes)
    out = set()
    h = 0
    for i in range(n - 1):  # words[:i + 1]
        h = (h * _BASE + hashes[i]) % _MOD
        out.add((i + 1, h))
    h, power = 0, 1
    for i in range(n - 1, 0, -1):  # words[i:]
        h = (hashes[i] * power + h) % _MOD
        power = power * _BASE % _MOD
        out.add((n - i, h))
    return frozenset(out)


class _Index:
    """The entries under their keys, the parts of their keys and their acronyms, so that a
    mention is compared only with entries it may belong to (in the order they were made)."""

    def __init__(self) -> None:
        self.keys: list[set[str]] = []
        self.exact: dict[tuple[int, int], list[int]] = {}
        self.parts: dict[tuple[int, int], list[int]] = {}
        self.acronyms: dict[str, list[int]] = {}

    def add(self, k: int, name: str, acronym: str | None) -> None:
        while len(self.keys) <= k:
            self.keys.append(set())
        for key in _variants(name) - self.keys[k]:
            self.keys[k].add(key)
            self.exact.setdefault(_whole(key), []).append(k)
            for part in _parts(key):
                self.parts.setdefault(part, []).append(k)
        if acronym:
            self.acronyms.setdefault(acronym, []).append(k)

    def candidates(self, variants: frozenset[str], acronym: str) -> list[int]:
        found = set(self.acronyms.get(acronym, ()))
        for key in variants:
            whole = _whole(key)
            found.update(self.exact.get(whole, ()))
            found.update(self.parts.get(whole, ()))
            for part in _parts(key):
                found.update(self.exact.get(part, ()))
        return sorted(found)


def _ends_in_head(name: str) -> bool:
    last = name.split()[-1].lower()
    return last in ORG_HEADS or last[:-1] in ORG_HEADS


def merge_found(found: list[Found], weak: set[str] | frozenset[str] = frozenset(),
                openers: set[int] | frozenset[int] = frozenset(),
                owned: set[int] | frozenset[int] = frozenset(),
                place: str | None = None) -> list[OrgEntry]:
    """Merge mentions of one body; `openers` are offsets where a sentence begins, `owned`
    those of mentions after another body's possessive ("the Justice Department's ..."),
    `place` the dateline's: its town starts local bodies' names ("Kelvik Harbour Board"
    in a release from KELVIK)."""
    entries: list[OrgEntry] = []
    local = {_key(place.split(",")[0])} if place else set()
    all_keys = {_key(name) for name, _, _ in found}
    # the acronyms of the bodies named (defined, or used alone)
    parents = {_key(acr) for _, acr, _ in found if acr} | {
        _key(name) for name, _, _ in found if re.fullmatch(r"[A-Z]{2,8}", name)}
    # "Key Acme Foundation" at a sentence start is "Acme Foundation" ("Kelvik Harbour
    # Board" stays whole in a release from Kelvik)
    found = [(name.split(" ", 1)[1], acr, start + len(name.split(" ", 1)[0]) + 1)
             if " " in name and _key(name.split(" ", 1)[1]) in all_keys and start in openers
             and not name.split()[0].isupper()
             and not _qualifier(_key(name.split()[0]), set(), local)
             else (name, acr, start) for name, acr, start in found]
    index = _Index()
    owners: set[int] = set()  # entries with a mention owned by another body
    for name, acronym, start in sorted(found, key=lambda f: f[2]):
        variants = _variants(name)
        target = None
        for k in index.candidates(variants, acronym or name):
            entry, keys = entries[k], index.keys[k]
            # "FBI National Security Division" is not "the Justice Department's National
            # Security Division"
            own = set() if start in owned or k in owners else parents
            if variants & keys or (acronym and acronym == entry.acronym) or (
                    not acronym and name == entry.acronym) or _same_body(variants, keys,
                                                                         all_keys, own):
                target = entry
                index.add(k, name, acronym)
                if start in owned:
                    owners.add(k)
                break
        if target is None:
            entries.append(OrgEntry(name, acronym, start, Counter([name]), [start]))
            index.add(len(entries) - 1, name, acronym)
            if start in owned:
                owners.add(len(entries) - 1)
            continue
        target.names[name] += 1
        target.starts.append(start)
        if acronym and not target.acronym:
            target.acronym = acronym
    # an acronym used alone that spells the initials of a named body
    out: list[OrgEntry] = []
    for entry in entries:
        if " " not in entry.name and not entry.name.isupper() and entry.acronym is None:
            # "Northwind" after "Northwind Data Centers": the body by its first word
            partner = next((e for e in entries if e is not entry and e.name.startswith(
                entry.name + " ") and _ends_in_head(e.name)), None)
            if partner is not None:
                partner.names.update(entry.names)
                partner.first = min(partner.first, entry.first)
                partner.starts.extend(entry.starts)
                continue
        if entry.acronym is None and len(entry.name) <= 8 and \
                re.fullmatch(r"[A-Z]{2,8}", entry.name):
            partner = next((e for e in entries if e is not entry and e.acronym is None and
                            " " in e.name and (matches_acronym(e.name.split(), entry.name) or (
                                # "ITT" and "ITT Technical Institute": the body's own name
                                e.name.split()[0] == entry.name
                                and e.name.split()[-1].lower() in SELF_NAMED))), None)
            if partner is not None:
                partner.acronym = entry.name
                partner.first = min(partner.first, entry.first)
                partner.starts.extend(entry.starts)
                continue
        if entry.name in weak and sum(entry.names.values()) == 1:
            continue
        out.append(entry)
    for entry in out:
        written = [n for n in entry.names if n != entry.acronym] or list(entry.names)
        # "Homeland Security Investigations", not "ICE Homeland ...": the parent is its own
        written = [n for n in written if not (
            " " in n and _key(n.split(" ", 1)[0]) in parents and n.split(" ", 1)[1] in written
        )] or written
        # the fullest name (most words), on a tie the shorter spelling, then the first written
        entry.name = max(written, key=lambda n: (len(n.split()), -len(n), -written.index(n)))
        if entry.acronym == entry.name:
            entry.acronym = None
    out.sort(key=lambda e: e.first)
    return out
