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
