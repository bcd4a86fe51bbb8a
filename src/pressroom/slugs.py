"""URL slugs: the only user of python-slugify."""

from __future__ import annotations

from functools import lru_cache

from slugify import slugify

MAX_SLUG = 80


@lru_cache(maxsize=1 << 17)  # names repeat across releases; slugify is slow
def make_slug(text: str, fallback: str = "item") -> str:
    """A lowercase ASCII slug for `text`; `fallback` when nothing sluggable remains."""
    slug = slugify(text or "", max_length=MAX_SLUG, word_boundary=True, save_order=True)
    return slug or fallback


def unique_slug(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`, ... : the first not in `taken`; adds it to `taken`."""
    slug = base
    n = 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug
