"""The file helpers: writes that leave the old file or the new one, and containment."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from pressroom.files import atomic_write, is_within, sha256_file


def test_atomic_write_replaces_the_file_and_makes_its_folder(tmp_path: Path):
    target = tmp_path / "deep" / "er" / "a.md"
    atomic_write(target, b"first")
    atomic_write(target, b"second")
    assert target.read_bytes() == b"second"
    assert sorted(os.listdir(target.parent)) == ["a.md"]  # no temporary file left
    assert sha256_file(target) == hashlib.sha256(b"second").hexdigest()


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary_one(tmp_path, monkeypatch):
    target = tmp_path / "a.md"
    atomic_write(target, b"old")

    def broken(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["a.md"]


def test_is_within_follows_real_paths_not_string_prefixes(tmp_path: Path):
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (tmp_path / "site-other").mkdir()
    assert is_within(site / "content", site)
    assert is_within(site, site)
    assert not is_within(tmp_path / "site-other", site)  # shares the prefix "site"
    (site / "link").symlink_to(tmp_path / "site-other")
    assert not is_within(site / "link", site)  # a link pointing outside
    assert is_within(site / "content" / ".." / "content", site)
