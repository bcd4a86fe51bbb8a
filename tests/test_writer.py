import os

import pytest

from pressroom.writer import OutputError, SiteWriter


def test_commit_swaps_the_whole_site(tmp_path):
    out = tmp_path / "public"
    with SiteWriter(out) as w:
        w.write("index.html", b"one")
        w.write("a/index.html", b"a")
        w.commit()
    with SiteWriter(out) as w:
        w.write("index.html", b"two")
        w.commit()
    assert (out / "index.html").read_bytes() == b"two"
    assert not (out / "a").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_failed_build_leaves_the_old_site(tmp_path):
    out = tmp_path / "public"
    with SiteWriter(out) as w:
        w.write("index.html", b"good")
        w.commit()
    with pytest.raises(RuntimeError), SiteWriter(out) as w:
        w.write("index.html", b"half")
        raise RuntimeError("template exploded")
    assert (out / "index.html").read_bytes() == b"good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_unchanged_files_keep_their_inode_and_mtime(tmp_path):
    out = tmp_path / "public"
    with SiteWriter(out) as w:
        w.write("same.html", b"same")
        w.write("changed.html", b"old")
        w.commit()
    before = os.stat(out / "same.html")
    with SiteWriter(out) as w:
        w.write("same.html", b"same")
        w.write("changed.html", b"new")
        w.commit()
    after = os.stat(out / "same.html")
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert (w.written, w.unchanged) == (1, 1)


@pytest.mark.parametrize("bad", ["../x.html", "/etc/passwd", "a/../../x", "..", "a\\..\\b"])
def test_paths_outside_the_output_are_refused(tmp_path, bad):
    with SiteWriter(tmp_path / "public") as w, pytest.raises(OutputError):
        w.write(bad, b"x")


def test_two_pages_for_one_file_is_an_error(tmp_path):
    with SiteWriter(tmp_path / "public") as w:
        w.write("a.html", b"x")
        with pytest.raises(OutputError, match="same file"):
            w.write("a.html", b"y")


def test_a_swap_cut_short_is_repaired_by_the_next_build(tmp_path):
    out = tmp_path / "public"
    with SiteWriter(out) as w:
        w.write("index.html", b"good")
        w.commit()
    os.rename(out, tmp_path / ".public.old")  # killed between the two renames
    with SiteWriter(out) as w:
        assert (out / "index.html").read_bytes() == b"good"
        w.abort()
