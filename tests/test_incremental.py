"""An incremental build gives, file for file, what a clean build gives.

A generated site is changed at random, round after round (releases edited, added, deleted,
re-dated, re-tagged, made drafts; raw .txt files dropped in; templates and the config
changed; output files tampered with), and after each round an incremental build of the
same output folder is compared byte for byte with a clean build (`clean=True`, no cache)
into another folder.
"""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from pressroom import cache as cache_module
from pressroom import parallel
from pressroom.build import build
from pressroom.config import load_config

TAGS = ["climate", "health", "trade", "energy", "migration", "water", "security"]
PEOPLE = ["Ana Pérez", "John Smith", "Li Wei", "Amina Diallo", "Olga Ivanova"]
ORGS = [("United Nations Office on Drugs and Crime", "UNODC"), ("World Health Organization",
        "WHO"), ("Fjord Institute", None)]
COUNTRIES = ["Kenya", "Panama", "Austria", "Brazil", "Viet Nam"]
WORDS = str.split("the ministry announced a new programme on climate finance with partners "
                  "in Nairobi and Vienna to support communities affected by drought")


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize() + "."


def body(rng: random.Random) -> str:
    blocks = [" ".join(sentence(rng) for _ in range(rng.randint(1, 4)))
              for _ in range(rng.randint(1, 4))]
    if rng.random() < 0.3:
        blocks.append("## About " + rng.choice(WORDS))
        blocks.append("- " + sentence(rng) + "\n- " + sentence(rng))
    if rng.random() < 0.2:
        blocks.append("Some *emphasis* and a [link](https://example.org/x).")
    return "\n\n".join(blocks) + "\n"


def release(rng: random.Random, number: int) -> str:
    year = rng.choice([2022, 2023, 2024])
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    title = rng.choice(["Ministry", "Agency", "Office"]) + f" {rng.choice(WORDS)} {number % 9}"
    lines = ["---", f"title: {title}", f"date: {date}"]
    if rng.random() < 0.8:
        lines.append(f"location: {rng.choice(['Nairobi', 'Vienna', 'Panama'])}")
    if rng.random() < 0.2:
        lines.append("language: es")
    lines.append(f"summary: {sentence(rng)}")
    lines.append(f"tags: [{', '.join(rng.sample(TAGS, rng.randint(0, 3)))}]")
    people = rng.sample(PEOPLE, rng.randint(0, 2))
    if people:
        lines.append("people:")
        for name in people:
            lines.append(f"  - name: {name}")
            if rng.random() < 0.6:
                lines.append(f"    role: {rng.choice(['minister', 'director', 'spokesperson'])}")
    orgs = rng.sample(ORGS, rng.randint(0, 2))
    if orgs:
        lines.append("organizations:")
        for name, acronym in orgs:
            lines.append(f"  - name: {name}")
            if acronym and rng.random() < 0.5:
                lines.append(f"    acronym: {acronym}")
    lines.append(f"countries: [{', '.join(rng.sample(COUNTRIES, rng.randint(0, 2)))}]")
    if people and rng.random() < 0.6:
        lines.append("quotes:")
        for name in people:
            lines.append(f"  - speaker: {name.split()[-1] if rng.random() < 0.3 else name}")
            lines.append(f"    text: {sentence(rng)}")
    if rng.random() < 0.25:
        lines.append("events:")
        lines.append(f"  - name: {rng.choice(['Regional meeting', 'Summit', 'Workshop'])}")
        if rng.random() < 0.5:
            lines.append(f"    start: {date}")
            lines.append(f"    location: {rng.choice(['Nairobi', 'Vienna'])}")
    if rng.random() < 0.1:
        lines.append(f"slug: custom-{rng.randint(1, 5)}")
    if rng.random() < 0.05:
        lines.append("draft: true")
    return "\n".join(lines) + "\n---\n" + body(rng)


def raw_text(rng: random.Random, number: int) -> str:
    return (f"Ministry publishes report number {number}\n\nNAIROBI, {rng.randint(1, 28)} "
            f"March 2023 – {sentence(rng)} {sentence(rng)}\n\n{sentence(rng)}\n")


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def change(rng: random.Random, root: Path, counter: list[int]) -> str:
    """One random change to the site; returns what it was (for the failure message)."""
    content = root / "content"
    mds = sorted(content.glob("*.md"))
    kind = rng.choices(["edit", "add", "delete", "touch", "raw", "template", "config",
                        "tamper", "append", "remove-output"],
                       [30, 15, 10, 5, 5, 5, 4, 5, 15, 3])[0]
    counter[0] += 1
    if kind == "edit" and mds:
        target = rng.choice(mds)
        target.write_text(release(rng, counter[0]), encoding="utf-8")
        return f"edit {target.name}"
    if kind == "append" and mds:
        target = rng.choice(mds)
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(sentence(rng) + "\n")
        return f"append to {target.name}"
    if kind == "delete" and len(mds) > 3:
        target = rng.choice(mds)
        target.unlink()
        return f"delete {target.name}"
    if kind == "touch" and mds:
        target = rng.choice(mds)
        os.utime(target)
        return f"touch {target.name}"
    if kind == "raw":
        name = f"raw-{counter[0]}.txt"
        (content / name).write_text(raw_text(rng, counter[0]), encoding="utf-8")
        return f"raw {name}"
    if kind == "template":
        templates = root / "templates"
        templates.mkdir(exist_ok=True)
        name = rng.choice(["partials/entry.html", "tag.html", "base.html", "release.html"])
        target = templates / name
        if target.exists() and rng.random() < 0.5:
            target.unlink()
            return f"template {name} removed"
        target.parent.mkdir(parents=True, exist_ok=True)
        source = (Path(__file__).resolve().parents[1] / "templates" / name).read_text()
        target.write_text(source.replace("</", f"<!-- {counter[0]} --></", 1), encoding="utf-8")
        return f"template {name} changed"
    if kind == "config":
        per_page = rng.choice([2, 3, 4])
        # date format and language change what the remembered list partials show
        date_format = rng.choice(["%Y-%m-%d", "%d %B %Y"])
        language = rng.choice(["en", "es"])
        folders = rng.choice(["true", "false"])  # links to folders, or to index.html files
        (root / "pressroom.yaml").write_text(
            f"title: Site {rng.randint(1, 3)}\nbase_url: https://example.org/\n"
            f"per_page: {per_page}\nfeed_size: 4\ndate_format: '{date_format}'\n"
            f"language: {language}\nuse_directory_urls: {folders}\n", encoding="utf-8")
        return (f"config per_page={per_page} date_format={date_format} language={language} "
                f"use_directory_urls={folders}")
    out = root / "public"
    outputs = [p for p in out.rglob("*.html")] if out.exists() else []
    if kind == "tamper" and outputs:
        target = rng.choice(outputs)
        target.write_text("tampered", encoding="utf-8")
        return f"tamper {target.relative_to(out)}"
    if kind == "remove-output" and outputs:
        target = rng.choice(outputs)
        target.unlink()
        return f"remove output {target.relative_to(out)}"
    return "nothing"


def make_site(root: Path, rng: random.Random, count: int) -> None:
    (root / "content").mkdir(parents=True)
    (root / "pressroom.yaml").write_text(
        "title: Incremental\nbase_url: https://example.org/\nper_page: 3\nfeed_size: 4\n",
        encoding="utf-8")
    for number in range(count):
        (root / "content" / f"r{number:03d}.md").write_text(release(rng, number),
                                                           encoding="utf-8")


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_incremental_builds_equal_clean_builds(tmp_path, seed, monkeypatch):
    rng = random.Random(seed)
    if seed % 2 == 0:  # the forked workers too, even for a small site
        monkeypatch.setattr(parallel, "PARALLEL_MIN", 0)
    root = tmp_path / "site"
    make_site(root, rng, 30)
    counter = [100]
    jobs = 2 if seed % 2 == 0 else 1
    build(load_config(root), jobs=jobs)
    for round_number in range(12):
        done = [change(rng, root, counter) for _ in range(rng.randint(1, 3))]
        incremental = build(load_config(root), jobs=jobs)
        reference = tmp_path / f"reference-{round_number}"
        clean = build(load_config(root), reference, jobs=1, clean=True)
        assert [str(d) for d in incremental.diagnostics] == [str(d) for d in clean.diagnostics]
        got, want = files(root / "public"), files(reference)
        assert sorted(got) == sorted(want), (round_number, done)
        for path in want:
            assert got[path] == want[path], (round_number, done, path)
        shutil.rmtree(reference)


def test_no_change_build_reads_nothing_again_and_keeps_every_file(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_module, "RACY_NS", 0)  # files just written count as settled
    rng = random.Random(7)
    root = tmp_path / "site"
    make_site(root, rng, 20)
    first = build(load_config(root))
    before = {p: os.stat(p) for p in (root / "public").rglob("*") if p.is_file()}
    again = build(load_config(root))
    assert again.unchanged and again.pages == first.pages
    after = {p: os.stat(p) for p in (root / "public").rglob("*") if p.is_file()}
    assert {p: (s.st_ino, s.st_mtime_ns) for p, s in before.items()} == \
        {p: (s.st_ino, s.st_mtime_ns) for p, s in after.items()}


def test_an_edit_renders_few_pages(tmp_path):
    rng = random.Random(8)
    root = tmp_path / "site"
    make_site(root, rng, 40)
    first = build(load_config(root))
    target = sorted((root / "content").glob("*.md"))[5]
    with open(target, "a", encoding="utf-8") as handle:
        handle.write("One more sentence.\n")
    second = build(load_config(root))
    assert 0 < second.rendered < first.rendered // 4


def test_a_corrupt_or_foreign_cache_is_ignored(tmp_path):
    rng = random.Random(9)
    root = tmp_path / "site"
    make_site(root, rng, 10)
    build(load_config(root))
    for path in (root / ".pressroom-cache").glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    reference = tmp_path / "reference"
    build(load_config(root))
    build(load_config(root), reference, clean=True)
    assert files(root / "public") == files(reference)


def test_the_build_after_an_edit_is_a_no_change_build(tmp_path):
    """Files changed just before a build are remembered by content, not only by stat."""
    rng = random.Random(10)
    root = tmp_path / "site"
    make_site(root, rng, 12)
    build(load_config(root))
    target = sorted((root / "content").glob("*.md"))[3]
    with open(target, "a", encoding="utf-8") as handle:
        handle.write("A late sentence.\n")
    edited = build(load_config(root))
    assert not edited.unchanged and edited.rendered > 0
    again = build(load_config(root))
    assert again.unchanged
    with open(target, "a", encoding="utf-8") as handle:  # same instant, new content
        handle.write("x\n")
    assert not build(load_config(root)).unchanged


def test_a_written_md_joins_the_scan_as_a_new_scan_would_find_it(tmp_path):
    from pressroom.incremental import scan_content, scan_with

    content = tmp_path / "content"
    (content / "sub").mkdir(parents=True)
    for name in ("b.md", "sub/a.md", "z.md", "note.txt"):
        (content / name).write_text("x", encoding="utf-8")
    scan = scan_content(content)
    (content / "c.md").write_text("new", encoding="utf-8")
    assert scan_with(scan, content / "c.md") == scan_content(content)
    (content / "b.md").write_text("changed text", encoding="utf-8")  # replaced: new stat
    scan = scan_with(scan_content(content), content / "b.md")
    assert scan == scan_content(content)
    assert scan_with(scan, content / "gone.md") is None


def _releases(rng: random.Random, count: int) -> list:
    import datetime as dt

    from pressroom.model import Person, Release

    tags = ["common", "half", "rare a", "rare b", "rare c"]
    out = []
    for n in range(count):
        chosen = ["common"] * (rng.random() < 0.9) + ["half"] * (rng.random() < 0.5) + \
            rng.sample(tags[2:], rng.randint(0, 2))
        out.append(Release(title=f"Release {n}", path=f"r{n}.md",
                           date=dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(900)),
                           tags=tuple(chosen), countries=("Panama",) * (rng.random() < 0.7),
                           people=(Person(f"Person {rng.randrange(12)}"),)))
    return out


@pytest.mark.parametrize("seed", range(12))
def test_related_releases_kept_from_the_last_build_are_what_a_new_build_finds(seed):
    """related_releases reuses the last build's answer for releases far (in their terms'
    lists) from where a release was added, removed or re-tagged: it must equal
    archive.related for every release."""
    from dataclasses import replace

    from pressroom.archive import build_archive
    from pressroom.incremental import related_releases

    rng = random.Random(seed)
    releases = _releases(rng, rng.randint(60, 160))
    before = build_archive(releases)
    first = related_releases(before, {})
    for entry in before.entries:
        first(entry)
    derived = {"related": first.save()}
    for _ in range(rng.randint(1, 3)):
        change = rng.choice(["add", "remove", "retag"])
        if change == "add":
            number = rng.randrange(10**6)
            releases.append(replace(_releases(rng, 1)[0], path=f"new{number}.md",
                                    title=f"New {number}"))
        elif change == "remove":
            releases.pop(rng.randrange(len(releases)))
        else:
            at = rng.randrange(len(releases))
            releases[at] = replace(releases[at], tags=("half", "rare c"))
    after = build_archive(releases)
    reused = related_releases(after, derived)
    for entry in after.entries:
        assert [e.slug for e in reused(entry)] == [e.slug for e in after.related(entry)]


def test_related_releases_are_worked_out_again_when_a_term_becomes_more_common():
    """A term's weight changes when its release count crosses a power of two: then every
    release naming it may rank its related releases differently, near the change or not."""
    import datetime as dt

    from pressroom.archive import build_archive
    from pressroom.incremental import related_releases
    from pressroom.model import Release

    def release(n: int, days: int, **kw) -> Release:
        return Release(title=f"R{n}", path=f"r{n}.md",
                       date=dt.date(2020, 1, 1) + dt.timedelta(days=days), **kw)

    # 63 releases tagged "common" (weight 2/6 each); the newest also names Panama, which
    # three older releases name too (weight 1/3 each): a tie, broken by date.
    releases = [release(n, 100 + n, tags=("common",)) for n in range(62)]
    releases.append(release(62, 200, tags=("common",), countries=("Panama",)))
    releases += [release(63 + n, 10 + n, countries=("Panama",)) for n in range(3)]
    before = build_archive(releases)
    first = related_releases(before, {})
    newest = before.entries[0]
    assert [e.release.title for e in first(newest)] == ["R61", "R60", "R59", "R58", "R57"]
    for entry in before.entries:
        first(entry)
    releases.append(release(99, 0, tags=("common",)))  # far from the newest, but the 64th
    after = build_archive(releases)
    reused = related_releases(after, {"related": first.save()})
    assert [e.release.title for e in reused(after.entries[0])] == \
        [e.release.title for e in after.related(after.entries[0])]
    assert [e.release.title for e in reused(after.entries[0])][:3] == ["R65", "R64", "R63"]


def test_related_releases_are_worked_out_again_when_a_release_moves_past_another():
    """Y shares tag a with X and tag b with Z, equally: the tie goes to the newer one. When
    X's date moves it past Z, Y's lists are the same but the tie goes the other way."""
    import datetime as dt

    from pressroom.archive import build_archive
    from pressroom.incremental import related_releases
    from pressroom.model import Release

    def release(name: str, day: str, tags: tuple[str, ...]) -> Release:
        return Release(title=name, path=f"{name}.md", date=dt.date.fromisoformat(day),
                       tags=tags)

    before = build_archive([release("Y", "2020-06-01", ("a", "b")),
                            release("X", "2020-03-01", ("a",)),
                            release("Z", "2020-02-01", ("b",))])
    first = related_releases(before, {})
    assert [e.release.title for e in first(before.entries[0])] == ["X", "Z"]
    for entry in before.entries:
        first(entry)
    after = build_archive([release("Y", "2020-06-01", ("a", "b")),
                           release("X", "2020-01-01", ("a",)),
                           release("Z", "2020-02-01", ("b",))])
    reused = related_releases(after, {"related": first.save()})
    assert [e.release.title for e in reused(after.entries[0])] == ["Z", "X"]


def test_a_search_state_the_last_build_could_not_keep_is_never_used(tmp_path, monkeypatch):
    """The index is updated from the words the last build recorded. If that build could
    not save them, the next one must not take an older build's words for them."""
    rng = random.Random(11)
    root = tmp_path / "site"
    make_site(root, rng, 12)
    target = sorted((root / "content").glob("*.md"))[2]
    original = target.read_text(encoding="utf-8")
    build(load_config(root))
    with monkeypatch.context() as patch:
        patch.setattr(cache_module.Cache, "stage_search", lambda self, state: None)
        target.write_text(original + "\nThxyzzy appears once.\n", encoding="utf-8")
        build(load_config(root))
    target.write_text(original, encoding="utf-8")  # as when the first build's words were kept
    build(load_config(root))
    reference = tmp_path / "reference"
    build(load_config(root), reference, clean=True)
    assert files(root / "public") == files(reference)
    assert not any(b"thxyzzy" in data for data in files(reference).values())


def test_compiled_templates_kept_in_the_cache_follow_the_configuration(tmp_path):
    """Jinja computes a filter of a constant (a link under base_url) when it compiles a
    template: compiled templates kept for one configuration must not serve another."""
    rng = random.Random(12)
    root = tmp_path / "site"
    make_site(root, rng, 4)
    (root / "templates").mkdir()
    (root / "templates" / "search.html").write_text(
        '{% extends "theme/search.html" %}{% block head %}'
        '<link rel="help" href="{{ \'about/\' | absolute }}">{% endblock %}', encoding="utf-8")
    build(load_config(root))
    page = root / "public" / "search" / "index.html"
    assert 'href="https://example.org/about/"' in page.read_text(encoding="utf-8")
    config = root / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "https://example.org/", "https://press.example.net/"), encoding="utf-8")
    build(load_config(root))
    assert 'href="https://press.example.net/about/"' in page.read_text(encoding="utf-8")


def test_the_signature_names_what_the_build_reads_of_content(tmp_path, monkeypatch):
    """Of content/ the input signature names the .md and .txt files (by name inside it,
    and stat) and the links the build skips, from the build's own scan when it has one."""
    from pressroom.incremental import scan_content, signature

    monkeypatch.setattr(cache_module, "RACY_NS", 0)
    root = tmp_path / "site"
    make_site(root, random.Random(11), 5)
    config = load_config(root)
    content = config.content_path
    first = signature(config, root / "public")
    assert signature(config, root / "public", scan_content(content)) == first
    # the same site, named another way
    monkeypatch.chdir(tmp_path)
    assert signature(load_config(Path("site")), root / "public") == first
    (content / "photo.jpg").write_bytes(b"not read by a build")
    (content / "notes").mkdir()
    (content / "notes" / "todo.json").write_text("{}", encoding="utf-8")
    assert signature(config, root / "public") == first
    changed = []
    (content / "raw.txt").write_text("A raw release.\n", encoding="utf-8")
    changed.append(signature(config, root / "public"))
    (content / "notes" / "more.md").write_text("---\ntitle: X\n---\n", encoding="utf-8")
    changed.append(signature(config, root / "public"))
    (tmp_path / "elsewhere.md").write_text("---\ntitle: Y\n---\n", encoding="utf-8")
    (content / "away.md").symlink_to(tmp_path / "elsewhere.md")
    changed.append(signature(config, root / "public"))
    target = next(p for p in sorted(content.glob("*.md")) if not p.is_symlink())
    target.write_text(target.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    changed.append(signature(config, root / "public"))
    assert len({first[0], *(s[0] for s in changed)}) == 5


def test_a_content_folder_removed_or_made_empty_is_not_the_same_input(tmp_path):
    """Without content/ a build warns; with it empty it does not: not the same build."""
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "pressroom.yaml").write_text("title: T\nbase_url: https://example.org/\n",
                                         encoding="utf-8")
    assert not build(load_config(root)).diagnostics.warnings
    (root / "content").rmdir()
    report = build(load_config(root))
    assert not report.unchanged
    assert any("no content folder" in d.message for d in report.diagnostics.warnings)
    (root / "content").mkdir()
    report = build(load_config(root))
    assert not report.unchanged and not report.diagnostics.warnings
