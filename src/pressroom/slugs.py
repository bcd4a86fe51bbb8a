"""URL slugs: the only user of python-slugify."""

from __future__ import annotations

import os
from functools import cache

MAX_SLUG = 80

# text -> slugify's slug of it (before the fallback). python-slugify is slow (about 10 µs
# a title) and a build slugs every release and term, so the build keeps what it made in
# its cache for the next one (`known_slugs`, `learn_slugs`).
_SLUGS: dict[str, str] = {}
# Made or looked up since `known_slugs` was last asked: what the next build will need.
_USED: dict[str, str] = {}


def make_slug(text: str, fallback: str = "item") -> str:
    """A lowercase ASCII slug for `text`; `fallback` when nothing sluggable remains."""
    slug = _SLUGS.get(text)
    if slug is None:
        from slugify import slugify  # (a build whose slugs are all known does not need it)

        slug = _SLUGS[text] = slugify(text or "", max_length=MAX_SLUG, word_boundary=True,
                                      save_order=True)
    _USED[text] = slug
    return slug or fallback


# The packages slugs are made with: python-slugify, and the two it transliterates with
# (Unidecode where it can be imported, else text-unidecode; they differ: 'Є' is 'ie' or
# 'e').
_MAKERS = ("slugify", "unidecode", "text_unidecode")


@cache
def _maker() -> tuple:
    """What the slugs depend on besides the text: the files of the packages they are made
    with, as installed (name, size and time of each; None for a package not there). An
    upgrade rewrites them. (Their versions through importlib.metadata took 50 ms of every
    build that does work; this takes about 2 ms.)"""
    from importlib.util import find_spec

    parts: list[object] = [MAX_SLUG]
    for name in _MAKERS:
        try:
            spec = find_spec(name)
        except (ImportError, ValueError):
            spec = None
        origin = spec.origin if spec is not None else None
        if not origin or not os.path.isfile(origin):
            parts.append((name, None))
            continue
        folder = os.path.dirname(origin)
        files = []
        try:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.is_file():
                        stat = entry.stat()
                        files.append((entry.name, stat.st_size, stat.st_mtime_ns))
        except OSError:
            files.append(("?", 0, 0))
        parts.append((name, folder, sorted(files)))
    return tuple(parts)


def known_slugs() -> dict[str, object]:
    """The slugs made or used since the last call, for `learn_slugs` in a later build."""
    global _USED
    used, _USED = _USED, {}
    return {"maker": _maker(), "slugs": used}


def learn_slugs(known: object) -> None:
    """Take slugs that `known_slugs` gave (from the same python-slugify only)."""
    if isinstance(known, dict) and known.get("maker") == _maker() \
            and isinstance(known.get("slugs"), dict):
        _SLUGS.update((k, v) for k, v in known["slugs"].items()
                      if isinstance(k, str) and isinstance(v, str))


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, ... : the first not in `taken`; adds it to `taken`."""
    slug = base
    n = 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug
