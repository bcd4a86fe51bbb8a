"""URL slugs: lowercase ASCII, bounded, never empty, and unique when asked."""

from __future__ import annotations

from pressroom.slugs import MAX_SLUG, make_slug, unique_slug


def test_slugs_are_lowercase_ascii_words_joined_by_hyphens():
    # an apostrophe joins its word, as python-slugify does
    assert make_slug("Côte d’Ivoire: UNODC & Partners, 2024!") == \
        "cote-divoire-unodc-partners-2024"
    assert make_slug("Fiscales de Panamá se capacitan") == "fiscales-de-panama-se-capacitan"


def test_long_titles_are_cut_at_a_word_boundary():
    slug = make_slug("word " * 60)
    assert len(slug) <= MAX_SLUG
    assert slug.endswith("word") and "--" not in slug


def test_a_name_with_nothing_to_slug_gets_the_fallback():
    assert make_slug("") == "item"
    assert make_slug("—", fallback="release") == "release"
    assert make_slug("漢字") != ""  # transliterated, not dropped


def test_unique_slug_numbers_repeats_and_remembers_them():
    taken: set[str] = set()
    assert [unique_slug("a", taken) for _ in range(3)] == ["a", "a-2", "a-3"]
    assert taken == {"a", "a-2", "a-3"}
    assert unique_slug("a-2", {"a-2"}) == "a-2-2"
