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


def test_slugs_a_build_made_are_taken_by_the_next_one_without_slugifying_again(
        monkeypatch):
    import slugify

    from pressroom import slugs

    monkeypatch.setattr(slugs, "_SLUGS", {})
    monkeypatch.setattr(slugs, "_USED", {})
    first = make_slug("Harbour dues: a 2% rise")
    make_slug("")
    kept = slugs.known_slugs()
    assert kept["slugs"] == {"Harbour dues: a 2% rise": first, "": ""}
    assert slugs.known_slugs()["slugs"] == {}  # only what was used since the last call

    def refuse(*args, **kwargs):
        raise AssertionError("slugified again")

    monkeypatch.setattr(slugs, "_SLUGS", {})  # the next build's process
    monkeypatch.setattr(slugify, "slugify", refuse)
    slugs.learn_slugs(kept)
    assert make_slug("Harbour dues: a 2% rise") == first
    assert make_slug("", fallback="release") == "release"
    assert slugs.known_slugs()["slugs"] == kept["slugs"]


def test_slugs_kept_by_another_python_slugify_or_damaged_are_not_taken(monkeypatch):
    from pressroom import slugs

    monkeypatch.setattr(slugs, "_SLUGS", {})
    slugs.learn_slugs({"maker": ("0.0.1", MAX_SLUG), "slugs": {"Ferry": "wrong"}})
    slugs.learn_slugs({"maker": slugs._maker(), "slugs": {"Locks": 3, 4: "x"}})
    slugs.learn_slugs(["not", "a", "record"])
    assert slugs._SLUGS == {}
    assert make_slug("Ferry") == "ferry"


def test_slugs_kept_while_another_transliteration_was_used_are_not_taken(monkeypatch):
    """python-slugify transliterates with Unidecode once it is installed (by anything),
    else text-unidecode: 'Європа' is then 'ievropa', not 'evropa'. A record made with one
    may not name the slugs made with the other, or an incremental build keeps URLs a
    clean build changes."""
    import importlib.util

    from pressroom import slugs

    real = importlib.util.find_spec

    def makers(unidecode: bool) -> tuple:
        monkeypatch.setattr(importlib.util, "find_spec", lambda name, *args: (
            real("json") if unidecode else None) if name == "unidecode" else real(name, *args))
        slugs._maker.cache_clear()
        return slugs._maker()

    monkeypatch.setattr(slugs, "_SLUGS", {})
    try:
        before = makers(unidecode=False)
        assert makers(unidecode=True) != before
        slugs.learn_slugs({"maker": before, "slugs": {"Європа": "evropa"}})
        assert slugs._SLUGS == {}
    finally:
        monkeypatch.undo()
        slugs._maker.cache_clear()


def test_the_slug_record_key_changes_when_a_package_is_upgraded(tmp_path, monkeypatch):
    """The key names the installed files of the packages slugs are made with (reading
    their versions cost 50 ms a build): rewriting one, as an upgrade does, changes it."""
    import os

    from pressroom import slugs

    package = tmp_path / "fakeslug"
    package.mkdir()
    (package / "__init__.py").write_text("VERSION = 1\n", encoding="utf-8")
    (package / "data.bin").write_bytes(b"table one")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(slugs, "_MAKERS", ("fakeslug", "no_such_package_here"))
    try:
        slugs._maker.cache_clear()
        before = slugs._maker()
        assert ("no_such_package_here", None) in before
        slugs._maker.cache_clear()
        assert slugs._maker() == before  # the same files: the same key
        (package / "data.bin").write_bytes(b"table two, longer")
        stat = os.stat(package / "__init__.py")
        os.utime(package / "data.bin", ns=(stat.st_atime_ns, stat.st_mtime_ns))
        slugs._maker.cache_clear()
        assert slugs._maker() != before
    finally:
        slugs._maker.cache_clear()
