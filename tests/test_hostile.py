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


def test_a_long_run_of_names_costs_work_in_proportion_to_its_length(monkeypatch):
    # "Ann Roe and Tom Lee and ..." is one chunk of capitalised words: every name in it used
    # to look at every word before it (quadratic: a 200 KB file took half a minute). Counted
    # in calls, not timed.
    from pressroom.loader import load_bytes, orgspans, people

    calls = {"n": 0}

    def counting(real):
        def wrapped(*args):
            calls["n"] += 1
            return real(*args)
        return wrapped

    monkeypatch.setattr(people, "strong_title", counting(people.strong_title))
    monkeypatch.setattr(orgspans, "is_head", counting(orgspans.is_head))

    def work(names: int) -> int:
        calls["n"] = 0
        body = " and ".join(["Alda Brenn", "Corin Dale"] * (names // 2))
        load_bytes(f"Harbour news\n\nPORT ALDER, 2 April 2024 – {body}.\n".encode(), "x.txt")
        return calls["n"]

    small, large = work(400), work(3200)
    assert large < 12 * small  # 8 times the names: linear gives about 8, quadratic 64
