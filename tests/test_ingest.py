from pathlib import Path

from pressroom.ingest import MANIFEST, Ingester
from pressroom.source import parse_source

RAW = "Ministry opens new border office\n\nPanama, 24 June 2022. The ministry opened an office.\n"


def setup(tmp_path: Path, text: str = RAW) -> tuple[Path, Path]:
    content = tmp_path / "content"
    content.mkdir()
    raw = content / "office.txt"
    raw.write_text(text, encoding="utf-8")
    return content, raw


def run(content: Path, raw: Path, force: bool = False):
    ingester = Ingester(content, force=force)
    outcome = ingester.ingest(raw, raw.name)
    ingester.save()
    return outcome


def test_creates_one_md_with_source_and_hash(tmp_path):
    content, raw = setup(tmp_path)
    outcome = run(content, raw)
    assert outcome.action == "created"
    release = parse_source(outcome.md.read_text(encoding="utf-8"), str(outcome.md))
    assert release.title == "Ministry opens new border office"
    assert release.source == "office.txt"
    assert len(release.source_sha256) == 64
    assert (content / MANIFEST).is_file()


def test_same_text_again_changes_nothing(tmp_path):
    content, raw = setup(tmp_path)
    first = run(content, raw)
    before = first.md.stat().st_mtime_ns
    again = run(content, raw)
    assert again.action == "unchanged"
    assert again.md == first.md
    assert first.md.stat().st_mtime_ns == before


def test_hand_edit_survives_changed_raw_text(tmp_path):
    content, raw = setup(tmp_path)
    md = run(content, raw).md
    edited = md.read_text(encoding="utf-8").replace("title: Ministry opens new border office",
                                                    "title: Edited by hand")
    md.write_text(edited, encoding="utf-8")
    raw.write_text(RAW.replace("an office", "a second office"), encoding="utf-8")
    outcome = run(content, raw)
    assert outcome.action == "kept"
    assert "edited by hand" in outcome.diagnostics[-1].message
    assert md.read_text(encoding="utf-8") == edited


def test_force_keeps_a_backup_of_the_edited_file(tmp_path):
    content, raw = setup(tmp_path)
    md = run(content, raw).md
    md.write_text(md.read_text(encoding="utf-8") + "\nEditor's paragraph.\n", encoding="utf-8")
    edited = md.read_text(encoding="utf-8")
    outcome = run(content, raw, force=True)
    assert outcome.action == "forced"
    assert (content / "office.md.bak").read_text(encoding="utf-8") == edited
    assert "Editor's paragraph" not in md.read_text(encoding="utf-8")


def test_untouched_md_follows_changed_raw_text(tmp_path):
    content, raw = setup(tmp_path)
    md = run(content, raw).md
    raw.write_text(RAW.replace("Ministry opens", "Ministry opens second"), encoding="utf-8")
    assert run(content, raw).action == "updated"
    assert "Ministry opens second" in md.read_text(encoding="utf-8")


def test_a_name_taken_by_another_release_is_not_overwritten(tmp_path):
    content, raw = setup(tmp_path)
    other = content / "office.md"
    other.write_text("---\ntitle: Someone else's\ndate: 2020-01-01\n---\n", encoding="utf-8")
    outcome = run(content, raw)
    assert outcome.md == content / "office-2.md"
    assert "Someone else's" in other.read_text(encoding="utf-8")


def test_unreadable_input_is_reported_not_written(tmp_path):
    content, raw = setup(tmp_path, "")
    outcome = run(content, raw)
    assert outcome.action == "failed"
    assert outcome.diagnostics[0].path == str(raw)
    assert list(content.glob("*.md")) == []


def test_many_files_load_in_workers_and_come_out_as_one_at_a_time(tmp_path, monkeypatch):
    """ingest_all loads over several processes and writes here: the same files, names,
    outcomes and manifest as ingesting one file after another (same names included)."""
    import json
    import os

    import pressroom.ingest as ingest_module
    from pressroom.ingest import PARALLEL_LOAD

    pids = tmp_path / "pids"  # where the loader ran (a file: workers' lists are their own)
    load = ingest_module.load_bytes

    def spy(*args, **kwargs):
        with open(pids, "a") as log:
            log.write(f"{os.getpid()}\n")
        return load(*args, **kwargs)

    monkeypatch.setattr(ingest_module, "load_bytes", spy)

    def make(root: Path) -> list[tuple[Path, str]]:
        content = root / "content"
        (content / "a").mkdir(parents=True)
        (content / "b").mkdir()
        work = []
        for n in range(PARALLEL_LOAD + 5):
            folder = content / ("a" if n % 2 else "b")
            raw = folder / f"note-{n // 2}.txt"  # a/note-3.txt and b/note-3.txt: one name
            text = RAW.replace("new border office", f"office number {n}") if n != 7 \
                else "\x00\x01 binary"  # one the loader refuses
            raw.write_text(text, encoding="utf-8")
            work.append((raw, raw.relative_to(content).as_posix()))
        return work

    results = {}
    for jobs in (1, 2):
        root = tmp_path / f"jobs{jobs}"
        work = make(root)
        ingester = Ingester(root / "content")
        pids.write_text("")
        outcomes = list(ingester.ingest_all(work, jobs))
        ingester.save()
        elsewhere = {int(pid) for pid in pids.read_text().split()} - {os.getpid()}
        assert bool(elsewhere) == (jobs > 1)
        manifest = json.loads((root / "content" / MANIFEST).read_text(encoding="utf-8"))
        files = {p.relative_to(root).as_posix(): p.read_bytes()
                 for p in sorted((root / "content").rglob("*.md"))}
        results[jobs] = ([(o.raw.relative_to(root).as_posix(), o.action,
                           o.md.relative_to(root).as_posix() if o.md else None,
                           [d.message for d in o.diagnostics]) for o in outcomes],
                         manifest, files)
    assert results[1] == results[2]
    actions = [action for _, action, _, _ in results[1][0]]
    assert actions.count("failed") == 1 and actions.count("created") == len(actions) - 1
    assert len(results[1][2]) == len(actions) - 1  # every name different


def test_a_release_with_a_long_front_matter_is_known_by_its_source(tmp_path):
    # `source` comes after the quotes: 400 of them push it far into the file
    quotes = "\n\n".join(f'"Harbour works, phase {n}, will finish on time and within the '
                         f'budget the council set," said Mara Quell, port director.'
                         for n in range(400))
    content, raw = setup(tmp_path, RAW + "\n" + quotes + "\n")
    first = run(content, raw)
    assert first.action == "created"
    assert first.md.read_text(encoding="utf-8").index("\nsource:") > 20_000
    again = Ingester(content)  # learns which .md came from which raw file by reading them
    assert again.ingest(raw, raw.name).action == "unchanged"
    assert sorted(p.name for p in content.glob("*.md")) == ["office.md"]
