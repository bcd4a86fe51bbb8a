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


@pytest.mark.parametrize("by_folder", [True, False])
def test_keeper_links_only_files_still_as_the_last_build_wrote_them(tmp_path, monkeypatch,
                                                                     by_folder):
    from pressroom.writer import Keeper, stamp

    if by_folder and not Keeper._BY_FOLDER:
        pytest.skip("this system cannot name files inside an open folder")
    monkeypatch.setattr(Keeper, "_BY_FOLDER", by_folder)
    output, staging = tmp_path / "out", tmp_path / "staging"
    for relpath in ("a/b/index.html", "a/c/index.html", "top.html", "gone/index.html"):
        (output / relpath).parent.mkdir(parents=True, exist_ok=True)
        (output / relpath).write_text(relpath, encoding="utf-8")
    staging.mkdir()
    stamps = {p: stamp(os.stat(output / p)) for p in ("a/b/index.html", "a/c/index.html",
                                                      "top.html", "gone/index.html")}
    (output / "a/c/index.html").write_text("changed by hand", encoding="utf-8")
    (output / "gone/index.html").unlink()
    fds = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    with Keeper(str(staging), str(output)) as keep:
        kept = keep("a/b/index.html", stamps["a/b/index.html"])
        assert kept is not None and stamp(kept) == stamps["a/b/index.html"]
        assert keep("top.html", stamps["top.html"]) is not None
        assert keep("a/c/index.html", stamps["a/c/index.html"]) is None
        assert keep("gone/index.html", stamps["gone/index.html"]) is None
    assert os.stat(staging / "a/b/index.html").st_ino == stamps["a/b/index.html"][2]
    assert (staging / "top.html").read_text(encoding="utf-8") == "top.html"
    assert not (staging / "a/c/index.html").exists() and not (staging / "gone").exists()
    if fds is not None:
        assert len(os.listdir("/proc/self/fd")) == fds  # both folders closed
