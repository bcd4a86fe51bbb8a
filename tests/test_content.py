"""content: what a build reads of content/, and reads again only where it changed."""

import time
from pathlib import Path

from pressroom import ingest
from pressroom.cache import RACY_NS
from pressroom.config import load_config
from pressroom.content import ContentState, read_releases, read_sources
from pressroom.errors import Diagnostics
from pressroom.incremental import scan_content

GOOD = "---\ntitle: {title}\ndate: 2024-05-0{day}\n---\nBody of {title}.\n"


def _site(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    for day, title in enumerate(("Ferry", "Harbour", "Locks"), 1):
        (content / f"{title.lower()}.md").write_text(GOOD.format(title=title, day=day),
                                                    encoding="utf-8")
    return tmp_path


def test_unreadable_files_are_reported_by_name_and_line_and_the_rest_is_read(tmp_path):
    site = _site(tmp_path)
    (site / "content" / "latin1.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    (site / "content" / "baddate.md").write_text("---\ntitle: X\ndate: someday\n---\n",
                                                 encoding="utf-8")
    diags = Diagnostics()
    releases = read_releases(load_config(site), diags)
    assert sorted(r.title for r in releases) == ["Ferry", "Harbour", "Locks"]
    messages = sorted(str(d) for d in diags.errors)
    assert messages[0].startswith("content/baddate.md:3: error: front matter 'date'")
    assert "skipped" in messages[0]
    assert messages[1].startswith("content/latin1.md: error: not UTF-8 text (byte ")


def test_a_second_read_parses_only_what_changed(tmp_path):
    site = _site(tmp_path)
    config = load_config(site)
    first = ContentState()
    releases, digests = read_sources(config, Diagnostics(), first, jobs=1)
    assert first.read and first.changed_sources == set(digests) == {
        "content/ferry.md", "content/harbour.md", "content/locks.md"}
    # as the cache records them: when each file was parsed (a file changed in the same
    # instant is parsed again, as its mtime cannot tell)
    recorded = time.time_ns() + 10 * RACY_NS
    edited = site / "content" / "harbour.md"
    edited.write_text(GOOD.format(title="Harbour works", day=2), encoding="utf-8")
    (site / "content" / "locks.md").unlink()
    second = ContentState(first.sources)
    second.sources["parsed_ns"] = {name: recorded for name in first.sources["parsed"]}
    again, digests_again = read_sources(config, Diagnostics(), second, jobs=1)
    assert second.changed_sources == {"content/harbour.md", "content/locks.md"}
    assert sorted(r.title for r in again) == ["Ferry", "Harbour works"]
    assert digests_again["content/ferry.md"] == digests["content/ferry.md"]
    assert digests_again["content/harbour.md"] != digests["content/harbour.md"]


def test_the_scan_a_build_made_is_used_instead_of_scanning_again(tmp_path):
    site = _site(tmp_path)
    config = load_config(site)
    state = ContentState()
    state.scan = scan_content(config.content_path)
    (site / "content" / "later.md").write_text(GOOD.format(title="Later", day=4),
                                               encoding="utf-8")  # after the scan
    releases, _ = read_sources(config, Diagnostics(), state, jobs=1)
    assert sorted(r.title for r in releases) == ["Ferry", "Harbour", "Locks"]


def test_what_each_file_was_made_from_is_learned_while_reading_it(tmp_path, monkeypatch):
    site = _site(tmp_path)
    content = site / "content"
    (content / "made.md").write_text(
        '---\ntitle: Made\ndate: 2024-05-04\nsource: "made.txt"\nsource_sha256: abc\n---\n'
        "Body.\n", encoding="utf-8")
    (content / "broken.md").write_text("---\ntitle: [\nsource: broken.txt\n---\n",
                                       encoding="utf-8")
    (content / "gone.md").write_text(GOOD.format(title="Gone", day=5), encoding="utf-8")
    config = load_config(site)
    first = ContentState()
    read_sources(config, Diagnostics(), first, jobs=1)
    learned = first.sources["md_sources"]
    # what ingest's own scan reads from each file, for every file (a broken one too)
    scan = scan_content(config.content_path)
    assert learned == {path: (key, *ingest._source_fields(path)) for path, key in scan[0]}
    assert learned[str(content / "made.md")][1:] == ("made.txt", "abc")
    assert learned[str(content / "broken.md")][1:] == ("broken.txt", None)

    # the next ingest scan opens no .md to learn it; a file gone is forgotten
    (content / "gone.md").unlink()
    second = ContentState(first.sources)
    read_sources(config, Diagnostics(), second, jobs=1)
    assert str(content / "gone.md") not in second.sources["md_sources"]
    opened = []
    monkeypatch.setattr(ingest, "_source_fields", lambda md: opened.append(md))
    known = ingest.scan_sources(content, scan_content(content)[0],
                                second.sources["md_sources"])
    assert opened == []
    assert known["made.txt"].file == str(content / "made.md")
    assert known["broken.txt"].file == str(content / "broken.md")


def test_a_file_with_windows_line_ends_is_learned_as_ingest_reads_it(tmp_path):
    """An editor may save a .md with CR LF line ends: the build's record of its `source`
    must be what ingest reads (text mode), or ingest makes the raw file's .md again."""
    site = _site(tmp_path)
    content = site / "content"
    for name, source in (("quoted", '"quoted.txt"'), ("bare", "bare.txt")):
        (content / f"{name}.md").write_bytes(
            f"---\ntitle: T\ndate: 2024-05-04\nsource: {source}\nsource_sha256: abc\n---\n"
            "Body.\n".replace("\n", "\r\n").encode("utf-8"))
    config = load_config(site)
    state = ContentState()
    read_sources(config, Diagnostics(), state, jobs=1)
    learned = state.sources["md_sources"]
    for name in ("quoted", "bare"):
        path = str(content / f"{name}.md")
        assert learned[path][1:] == ingest._source_fields(path) == (f"{name}.txt", "abc")
