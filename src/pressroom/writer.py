"""Atomic site output: the new site is built beside the old one and swapped in whole.

Files whose bytes did not change are hard-linked from the previous build, so they keep
their modification time (static hosts and rsync deploys rely on it). Paths that would
leave the output folder are refused.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from pathlib import Path

from pressroom.errors import PressroomError


class OutputError(PressroomError):
    """The output cannot be written where asked."""


class SiteWriter:
    """Collects the files of one build in a staging folder; `commit` swaps it in."""

    def __init__(self, output: Path):
        self.output = output.absolute()
        self.staging = self.output.parent / f".{self.output.name}.building"
        self.written = 0
        self.unchanged = 0
        self.files: set[str] = set()

    def __enter__(self) -> SiteWriter:
        self.output.parent.mkdir(parents=True, exist_ok=True)
        old = self._old()
        if old.exists() and not self.output.exists():  # killed in the middle of a swap
            os.rename(old, self.output)
        if self.staging.exists():  # left by a build that was killed
            shutil.rmtree(self.staging)
        self.staging.mkdir()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()

    def _target(self, relpath: str) -> Path:
        clean = posixpath.normpath(relpath)
        if (clean.startswith(("/", "../")) or clean in ("..", ".") or "\\" in relpath
                or "\x00" in relpath):
            raise OutputError(f"refusing to write outside the output folder: {relpath!r}")
        return self.staging / clean

    def write(self, relpath: str, data: bytes) -> None:
        """Stage one file; reuses the previous build's file when the bytes are the same."""
        target = self._target(relpath)
        if relpath in self.files:
            raise OutputError(f"two pages want the same file: {relpath}")
        self.files.add(relpath)
        target.parent.mkdir(parents=True, exist_ok=True)
        old = self.output / relpath
        if self._same(old, data):
            try:
                os.link(old, target)
                self.unchanged += 1
                return
            except OSError:
                pass
        target.write_bytes(data)
        self.written += 1

    @staticmethod
    def _same(old: Path, data: bytes) -> bool:
        try:
            if old.stat().st_size != len(data):
                return False
            return old.read_bytes() == data
        except OSError:
            return False

    def copy_file(self, source: Path, relpath: str) -> None:
        self.write(relpath, source.read_bytes())

    def commit(self) -> None:
        """Swap the staged site in place of the old one."""
        old = self._old()
        if old.exists():
            shutil.rmtree(old)
        if self.output.exists():
            os.rename(self.output, old)
        os.rename(self.staging, self.output)
        if old.exists():
            shutil.rmtree(old)

    def _old(self) -> Path:
        return self.output.parent / f".{self.output.name}.old"

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
