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


def _built(out, files: dict[str, bytes], spare=None) -> tuple[SiteWriter, dict[str, tuple]]:
    """One build of `files` into `out`, as build.py does it: the record it makes (each
    file with a made-up fingerprint: its bytes) and the writer."""
    with SiteWriter(out, spare) as w:
        for relpath, data in files.items():
            w.write(relpath, data)
        trash = w.commit(remove_old=False)
    record = {relpath: (files[relpath], *stat) for relpath, stat in w.stats.items()}
    return w, {"files": record, "old": trash}


def test_the_replaced_site_is_kept_as_the_spare_without_what_no_build_wrote(tmp_path):
    from pressroom.writer import make_spare, spare_files

    out = tmp_path / "public"
    _, first = _built(out, {"index.html": b"1", "a/index.html": b"a"})
    (out / "by-hand.txt").write_text("added after the build", encoding="utf-8")
    (out / "more" / "deep").mkdir(parents=True)
    (out / "more" / "deep" / "x.html").write_text("x", encoding="utf-8")
    w, second = _built(out, {"index.html": b"2", "a/index.html": b"a"})
    spare = spare_files(make_spare(second["old"], w.spare, first["files"], second["files"]),
                        second["files"])
    assert spare is not None and spare[1] == first["files"]
    assert w.spare.stat().st_mode & 0o777 == 0o700  # it may lie where a web server looks
    assert sorted(p.relative_to(w.spare).as_posix() for p in w.spare.rglob("*")) == \
        ["a", "a/index.html", "index.html"]
    assert (w.spare / "index.html").read_bytes() == b"1"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".public.spare", "public"]


def test_a_build_stages_into_the_spare_keeping_what_is_the_same_there(tmp_path):
    """Files as they are in the spare stay (the same inode, dated now where the live site
    has another file); files that differ are replaced, without touching the live site's
    (hard-linked) files; files no longer built go, with the folders they leave empty."""
    from pressroom.writer import Keeper, make_spare, spare_files

    out = tmp_path / "public"
    one = {"same/index.html": b"same", "edited/index.html": b"v1", "gone/deep/index.html":
           b"gone", "back/index.html": b"first"}
    _, first = _built(out, one)
    w, second = _built(out, {**one, "edited/index.html": b"v2", "back/index.html": b"second"})
    spare = spare_files(make_spare(second["old"], w.spare, first["files"], second["files"]),
                        second["files"])
    live = {p: os.stat(out / p) for p in ("edited/index.html", "back/index.html")}
    kept_inode = os.stat(w.spare / "same/index.html").st_ino
    with SiteWriter(out, spare) as w:
        assert w.reused == first["files"] and not w.spare.exists()
        assert w.staging.stat().st_mode & 0o777 == out.stat().st_mode & 0o777
        with Keeper(str(w.staging), str(out)) as keep:
            same = w.reused["same/index.html"]
            assert keep.in_place("same/index.html", same[1:], same[1:]) is not None
            assert keep.in_place("edited/index.html", same[1:], None) is None
        w.record("same/index.html", False, same[1:])
        w.write("edited/index.html", b"v2")  # as the live site has it: linked from there
        w.write("back/index.html", b"first")  # as the spare has it: stays
        w.write("new/index.html", b"new")
        w.commit()
    assert os.stat(out / "same/index.html").st_ino == kept_inode
    assert os.stat(out / "edited/index.html").st_ino == live["edited/index.html"].st_ino
    assert (out / "back/index.html").read_bytes() == b"first"
    assert os.stat(out / "back/index.html").st_mtime_ns > live["back/index.html"].st_mtime_ns
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == \
        ["back/index.html", "edited/index.html", "new/index.html", "same/index.html"]
    assert not (out / "gone").exists()


def test_a_spare_changed_since_its_record_is_not_used(tmp_path):
    from pressroom.writer import make_spare, spare_files

    out = tmp_path / "public"
    _, first = _built(out, {"index.html": b"1"})
    w, second = _built(out, {"index.html": b"2"})
    spare = spare_files(make_spare(second["old"], w.spare, first["files"], second["files"]),
                        second["files"])
    (w.spare / "stray.html").write_text("not from a build", encoding="utf-8")
    with SiteWriter(out, spare) as w:
        assert w.reused == {} and not any(w.staging.iterdir())
        w.write("index.html", b"3")
        w.commit()
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]
    assert [p.name for p in w.leftovers] and all(".trash-" in p.name for p in w.leftovers)
