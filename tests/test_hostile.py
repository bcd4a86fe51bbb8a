"""Hostile input: each bad file gets a clear message naming it, the rest still builds.

Every case plants one bad file beside a good release, builds through the CLI, and checks
the kind of message, the exit code, and that the good release's page is there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressroom.cli import main

GOOD = """---
title: Good release stays online
date: 2023-05-04
tags: [health]
---
Geneva, 4 May 2023. A perfectly ordinary release.
"""


def site(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "content" / "good.md").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


def run_build(root: Path, *args: str):
    result = CliRunner().invoke(main, ["build", "--project", str(root), *args])
    return result.exit_code, result.output


def good_page_built(root: Path) -> bool:
    return (root / "public" / "releases" / "good-release-stays-online" / "index.html").is_file()


FRONT_MATTER_CASES = [
    ("no-front-matter.md", "Just a body\n", 1, "front matter missing"),
    ("unclosed.md", "---\ntitle: x\ndate: 2020-01-01\n", 1, "front matter not closed"),
    ("syntax.md", "---\ntitle: x\ndate: 2020-01-01\ntags: [a,\n---\n", 5, "front matter:"),
    ("date-word.md", "---\ntitle: x\ndate: yesterday\n---\n", 3, "'date': expected YYYY-MM-DD"),
    ("tags-number.md", "---\ntitle: x\ndate: 2020-01-01\ntags: 5\n---\n", 4,
     "'tags': expected a list"),
    ("people-text.md", "---\ntitle: x\ndate: 2020-01-01\npeople: \"x\"\n---\n", 4,
     "'people': expected a list"),
    ("duplicate.md", "---\ntitle: x\ntitle: y\ndate: 2020-01-01\n---\n", 3, "duplicate key"),
    ("python-tag.md", "---\ntitle: !!python/object/apply:os.system [ls]\ndate: 2020-01-01\n---\n",
     2, "constructor"),
    ("year-zero.md", "---\ntitle: x\ndate: 0000-01-01\n---\n", 3, "'date': expected"),
    ("year-huge.md", "---\ntitle: x\ndate: 99999-01-01\n---\n", 3, "'date': expected"),
    ("laughs.md", "---\ntitle: t\ndate: 2020-01-01\na: &a [x, x, x, x, x, x, x, x, x]\n"
     + "".join(f"a{i}: &a{i} [*{'a' if i == 1 else f'a{i - 1}'}]\n" for i in range(1, 30))
     + "---\n", 4, "anchors and aliases"),
]


@pytest.mark.parametrize("name, text, line, message", FRONT_MATTER_CASES,
                         ids=[c[0] for c in FRONT_MATTER_CASES])
def test_bad_front_matter_is_reported_with_file_and_line(tmp_path, name, text, line, message):
    root = site(tmp_path, {f"content/{name}": text})
    code, output = run_build(root)
    assert code == 1
    assert f"content/{name}:{line}: error: " in output
    assert message in output
    assert "release skipped: it is not published until the file is fixed" in output
    assert good_page_built(root)


def test_unknown_keys_are_kept_not_an_error(tmp_path):
    root = site(tmp_path, {"content/extra.md": "---\ntitle: Extra keys\ndate: 2020-01-01\n"
                                               "desk: foreign\n---\nBody.\n"})
    code, output = run_build(root)
    assert code == 0, output
    assert "desk: foreign" in (root / "content" / "extra.md").read_text()


def test_two_releases_with_one_slug_are_both_published_and_reported(tmp_path):
    twin = GOOD.replace("2023-05-04", "2023-06-01")
    root = site(tmp_path, {"content/twin.md": twin})
    code, output = run_build(root)
    assert code == 0
    assert "slug 'good-release-stays-online' is already used" in output
    assert (root / "public/releases/good-release-stays-online-2/index.html").is_file()
    assert good_page_built(root)


def test_the_same_release_twice_is_reported(tmp_path):
    root = site(tmp_path, {"content/copy.md": GOOD})
    code, output = run_build(root)
    assert "duplicate" in output.lower()
    assert good_page_built(root)


@pytest.mark.parametrize("slug", ["../../../etc/passwd", "/abs/path", "C:\\Windows\\x", ".."])
def test_slug_overrides_cannot_leave_the_releases_folder(tmp_path, slug):
    text = f"---\ntitle: Sneaky\ndate: 2020-01-01\nslug: {slug!r}\n---\nBody.\n"
    root = site(tmp_path, {"content/sneaky.md": text})
    code, _ = run_build(root)
    assert code == 0
    written = {p.relative_to(root / "public").parts[0] for p in (root / "public").rglob("*")}
    assert "etc" not in written and "abs" not in written
    pages = list((root / "public" / "releases").glob("*/index.html"))
    assert len(pages) == 2
    assert not (tmp_path / "etc").exists()


def test_file_names_with_spaces_and_unicode(tmp_path):
    text = GOOD.replace("Good release stays online", "Café in São Paulo")
    root = site(tmp_path, {"content/año nuevo ñ.md": text})
    code, output = run_build(root)
    assert code == 0, output
    assert (root / "public/releases/cafe-in-sao-paulo/index.html").is_file()


def test_symlinks_pointing_outside_the_project_are_not_read(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text(GOOD.replace("Good release stays online", "Secret outside"), "utf-8")
    root = site(tmp_path, {})
    os.symlink(secret, root / "content" / "link.md")
    code, output = run_build(root)
    assert "outside content/" in output
    assert "Secret outside" not in (root / "public" / "index.html").read_text()
    assert good_page_built(root)


def test_fifty_thousand_tags_on_one_release(tmp_path):
    tags = ", ".join(f"t{i}" for i in range(50_000))
    text = f"---\ntitle: Many tags\ndate: 2020-01-01\ntags: [{tags}]\n---\nBody.\n"
    root = site(tmp_path, {"content/many.md": text})
    code, output = run_build(root)
    assert code in (0, 1)
    assert good_page_built(root)
    assert "many.md" in output  # reported: too many tags


@pytest.mark.parametrize("config, message", [
    ("colour: blue\n", "unknown setting 'colour'"),
    ("per_page: many\n", "'per_page' must be a whole number"),
    ("base_url: example.org/press\n", "'base_url' must be a full URL"),
])
def test_bad_config_builds_nothing_and_exits_2(tmp_path, config, message):
    root = site(tmp_path, {"pressroom.yaml": config})
    code, output = run_build(root)
    assert code == 2
    assert "pressroom.yaml:1: error: " in output and message in output
    assert not (root / "public").exists()


def test_every_config_problem_is_listed_at_once(tmp_path):
    root = site(tmp_path, {"pressroom.yaml": "colour: blue\nper_page: x\nbase_url: nope\n"})
    code, output = run_build(root)
    assert code == 2
    assert all(f"pressroom.yaml:{n}: error" in output for n in (1, 2, 3))


def test_strict_turns_warnings_into_failure(tmp_path):
    twin = GOOD.replace("2023-05-04", "2023-06-01")
    root = site(tmp_path, {"content/twin.md": twin})
    assert run_build(root)[0] == 0
    assert run_build(root, "--strict")[0] == 1


# Each case below was quadratic in the length of one paragraph; counted, not timed.

def _counting(calls: dict[str, int], real):
    def wrapped(*args, **kwargs):
        calls["n"] += 1
        return real(*args, **kwargs)
    return wrapped


class _CountedSpans(list):
    """Spans that count the items read from them."""

    def __init__(self, items, calls: dict[str, int]) -> None:
        super().__init__(items)
        self.calls = calls

    def __iter__(self):
        for item in super().__iter__():
            self.calls["n"] += 1
            yield item


def _in_proportion(work, size: int) -> None:
    """Eight times the input costs under twelve times the work (linear gives about 8,
    quadratic 64); `work(size)` counts it."""
    small, large = work(size), work(8 * size)
    assert large <= 12 * small, (small, large)


def _load(body: str) -> None:
    from pressroom.loader import load_bytes

    load_bytes(f"Harbour news\n\nPORT ALDER, 2 April 2024 – {body}\n".encode(), "x.txt")


def test_a_long_run_of_names_costs_work_in_proportion_to_its_length(monkeypatch):
    # "Ann Roe and Tom Lee and ..." is one chunk of capitalised words: every name in it used
    # to look at every word before it (a 200 KB file took half a minute)
    from pressroom.loader import orgspans, people

    calls = {"n": 0}
    monkeypatch.setattr(people, "strong_title", _counting(calls, people.strong_title))
    monkeypatch.setattr(orgspans, "is_head", _counting(calls, orgspans.is_head))

    def work(names: int) -> int:
        calls["n"] = 0
        _load(" and ".join(["Alda Brenn", "Corin Dale"] * (names // 2)) + ".")
        return calls["n"]

    _in_proportion(work, 400)


def test_a_run_of_dots_is_not_read_from_each_of_its_dots():
    # "......" (100 KB of dots took a minute and a half): the sentence boundary pattern was
    # tried from every dot to the end of the run. A match now starts only where a run starts.
    from pressroom.loader.text import _BOUNDARY, sentence_spans

    assert _BOUNDARY.match("x.. Next", 2) is None
    assert _BOUNDARY.match("x.. Next", 1) is not None
    assert sentence_spans("It ended... Then more. And?! Yes.”  Done") == [
        (0, 11), (12, 22), (23, 28), (29, 34), (36, 40)]


def test_a_run_of_initials_costs_work_in_proportion_to_its_length(monkeypatch):
    # "A. B. C. D. ...": every initial began a run that read to the end of them all, then
    # gave it back (initials do not end a name)
    from pressroom.loader import people

    calls = {"n": 0}
    monkeypatch.setattr(people, "_name_word", _counting(calls, people._name_word))

    def work(initials: int) -> int:
        calls["n"] = 0
        _load("A. B. C. D. " * (initials // 4) + "were there.")
        return calls["n"]

    _in_proportion(work, 400)


def test_many_quotations_by_he_or_she_cost_work_in_proportion_to_their_number(monkeypatch):
    # '"Yes," she said.' many times in one paragraph: each looked back through every
    # quotation before it for the last one with a speaker
    from pressroom.loader.names import Source

    calls = {"n": 0}
    monkeypatch.setattr(Source, "segment_index", _counting(calls, Source.segment_index))

    def work(quotes: int) -> int:
        calls["n"] = 0
        _load('"We will go on," she said. ' * quotes)
        return calls["n"]

    _in_proportion(work, 100)


def test_a_long_name_with_many_of_the_costs_work_in_proportion_to_its_length(monkeypatch):
    # "Alda Brenn ... Office of the Corin of the Corin ...": at every "of the" the words
    # before it were searched again for a head noun
    from pressroom.loader import orgspans

    calls = {"n": 0}
    monkeypatch.setattr(orgspans, "is_head", _counting(calls, orgspans.is_head))

    def work(words: int) -> int:
        calls["n"] = 0
        _load("The " + "Alda Brenn " * (words // 2) + "Office" + " of the Corin" * words
              + " met.")
        return calls["n"]

    _in_proportion(work, 100)


def test_a_long_run_of_names_looks_at_each_person_once(monkeypatch):
    # "Ann Roe and Tom Lee and ...": each word of the chunk looked at every person in it to
    # know whether it was part of a person's name
    from pressroom.loader import orgs

    calls = {"n": 0}
    real = orgs._from_chunk

    def from_chunk(src, chunk, person_spans, places):
        return real(src, chunk, _CountedSpans(person_spans, calls), places)

    monkeypatch.setattr(orgs, "_from_chunk", from_chunk)

    def work(names: int) -> int:
        calls["n"] = 0
        _load(" and ".join(["Alda Brenn", "Corin Dale"] * (names // 2)) + ".")
        return calls["n"]

    _in_proportion(work, 200)


def test_many_bodies_and_countries_look_at_each_body_once(monkeypatch):
    # "• Ministry of Health in Kenya" on each of many lines: each country looked at every
    # body's span to know whether it was inside one
    import pressroom.loader as loader

    calls = {"n": 0}
    real = loader.find_countries
    monkeypatch.setattr(loader, "find_countries",
                        lambda src, skip=None: real(src, _CountedSpans(skip or [], calls)))

    def work(lines: int) -> int:
        calls["n"] = 0
        _load("Items:\n" + "• Ministry of Health in Kenya\n" * lines)
        return calls["n"]

    _in_proportion(work, 100)


def test_a_long_name_is_indexed_in_proportion_to_its_length():
    # "Ministry of Health and Ministry of Finance and ..." is one name: it was indexed under
    # every run of words it begins or ends with, as strings (n strings of up to n words).
    # Counted in bytes allocated, not timed.
    import tracemalloc

    from pressroom.loader import orgmerge

    def peak(words: int) -> int:
        orgmerge._parts.cache_clear()
        name = " ".join(["Ministry", "of", "Health", "and"] * (words // 4)) + " Ministry"
        tracemalloc.start()
        try:
            orgmerge.merge_found([(name, None, 0)])
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    _in_proportion(peak, 1000)


def test_lines_before_the_title_and_the_title_repeated_are_read_once(monkeypatch):
    # Thousands of bullets before the title, or the title's line repeated after it (800 KB:
    # 9 s): each line read was taken off the front of a copy of the lines left, moving all
    # the others. Counted in lines moved (a copy of the lines is a `list` of text.py).
    from pressroom.loader import load_bytes, text

    moved = {"n": 0}

    class Lines(list):
        def pop(self, index=-1):
            if index == 0:
                moved["n"] += len(self) - 1
            return super().pop(index)

    monkeypatch.setattr(text, "list", Lines, raising=False)

    def work(lines: int) -> int:
        moved["n"] = 0
        raw = "•\n" * lines + "Harbour news\n" * lines + "\nPORT ALDER, 2 April 2024 – Calm.\n"
        release = load_bytes(raw.encode(), "x.txt").release
        assert release.title == "Harbour news" and release.location == "Port Alder"
        return moved["n"]

    _in_proportion(work, 100)
