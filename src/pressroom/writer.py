"""Atomic site output: the new site is built beside the old one and swapped in whole.

The new site is staged in `.NAME.building` beside the output. Files whose bytes did not
change are hard links to the previous build's files, so they keep their modification
time (static hosts and rsync deploys rely on it) and cost no copy; `keep` links a file
the build knows is unchanged without reading it. `commit` swaps the staged folder and the
output in one step where the system can (Linux `renameat2` with RENAME_EXCHANGE), else
with two renames. Paths that would leave the output folder are refused. Several
processes may write into one staging folder (see `stage_file`).

The site the swap replaced is not thrown away: `make_spare` keeps it as `.NAME.spare`,
holding only the files its build wrote, and the next build stages into it. A page that
is the same as in that older site then stays where it is (one stat), instead of being
linked from the live site into an empty folder (a folder and a link per page); only the
files that differ are replaced, and those no longer built are removed.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import posixpath
import re
import shutil
import time
from pathlib import Path
from typing import Any

from pressroom.errors import PressroomError


class OutputError(PressroomError):
    """The output cannot be written where asked."""


def check_relpath(relpath: str) -> str:
    """`relpath` normalized; refuses anything that would leave the output folder."""
    clean = posixpath.normpath(relpath)
    if (clean.startswith(("/", "../")) or clean in ("..", ".") or "\\" in relpath
            or "\x00" in relpath):
        raise OutputError(f"refusing to write outside the output folder: {relpath!r}")
    return clean


Stamp = tuple[int, int, int]  # size, mtime in ns, inode: "the file as it was written"
Identity = tuple[int, int, int, int]  # a folder's device, inode, mtime and ctime in ns


def stamp(stat: os.stat_result) -> Stamp:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def same_bytes(old: str, data: bytes) -> bool:
    try:
        if os.stat(old).st_size != len(data):
            return False
        with open(old, "rb") as handle:
            return handle.read() == data
    except OSError:
        return False


def stage_file(staging: str, output: str | None, relpath: str, data: bytes,
               ) -> tuple[bool, os.stat_result]:
    """Write one file into `staging`, or link the output's file when its bytes are the same
    (`output` None: there is no previous output to compare with).

    Returns (written, stat of the staged file). Safe to call from several processes.
    """
    target = os.path.join(staging, relpath)
    old = os.path.join(output, relpath) if output is not None else ""
    if output is not None and same_bytes(old, data):
        try:
            _link(old, target)
            return False, os.stat(target)
        except OSError:
            pass
    # A new file, never one already there: that could be a link to the live site's.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
    fd: int | None = None
    try:
        fd = os.open(target, flags, 0o666)
    except FileNotFoundError:
        with contextlib.suppress(OSError):  # (not: a spare's file where a folder must be)
            _make_folder(os.path.dirname(target))
            fd = os.open(target, flags, 0o666)
    except FileExistsError:  # the spare's (see SiteWriter): kept if it is this one
        if same_bytes(target, data):
            # Not the live site's file (whose bytes differ): dated now, so that deploy
            # tools and caches comparing dates see it changed.
            os.utime(target)
            return True, os.stat(target)
    except OSError:  # a spare's file where this build has a folder
        pass
    if fd is None:  # something of the spare's (see SiteWriter) in the way
        _clear_way(staging, relpath)
        fd = os.open(target, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        return True, os.fstat(fd)
    finally:
        os.close(fd)


class Keeper:
    """Links files of the last build's output into `staging` (`keep(relpath, expected)`),
    if each is still (size, mtime, inode) `expected`, what the last build wrote; gives
    its stat, or None (then it must be made again; always, without an `output`). Safe in
    several processes.

    Both folders are opened once, so each link looks up only the file's own path inside
    them, not the folders' paths again (20,000 links: 0.25 s against 0.35 s). Use it as a
    context manager (it closes them)."""

    _BY_FOLDER = {os.stat, os.mkdir, os.link, os.unlink, os.utime} <= os.supports_dir_fd

    def __init__(self, staging: str, output: str | None):
        self.staging, self.output = staging, output
        self.made: set[str] = set()  # staging folders made so far
        # (output, staging) opened; None each where files are named by their whole path
        self.folders: tuple[int | None, int | None] = (None, None)
        if output is not None and self._BY_FOLDER:
            flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
            target = os.open(staging, flags)
            try:
                self.folders = (os.open(output, flags), target)
            except OSError:
                os.close(target)

    def __enter__(self) -> Keeper:
        return self

    def __exit__(self, *exc: object) -> None:
        for fd in self.folders:
            if fd is not None:
                os.close(fd)
        self.folders = (None, None)

    def in_place(self, relpath: str, expected: Stamp, live: Stamp | None,
                 ) -> os.stat_result | None:
        """The staged file (a spare's, see SiteWriter) if it is still `expected`. When it
        is not the live site's file (`live`, as the record has it), it is dated now: its
        bytes differ from those it replaces, and deploy tools and caches compare dates."""
        new_fd = self.folders[1]
        path = relpath if new_fd is not None else os.path.join(self.staging, relpath)
        try:
            stat = os.stat(path, dir_fd=new_fd)
            if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != expected:
                return None
            if live is None or live[2] != stat.st_ino:
                os.utime(path, dir_fd=new_fd)
                stat = os.stat(path, dir_fd=new_fd)
        except OSError:
            return None
        return stat

    def __call__(self, relpath: str, expected: Stamp) -> os.stat_result | None:
        if self.output is None:
            return None
        old_fd, new_fd = self.folders
        old = relpath if old_fd is not None else os.path.join(self.output, relpath)
        new = relpath if new_fd is not None else os.path.join(self.staging, relpath)
        try:
            stat = os.stat(old, dir_fd=old_fd)
        except OSError:
            return None
        if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != expected:
            return None
        folder = relpath.rpartition("/")[0]
        if folder and folder not in self.made:
            whole = os.path.join(self.staging, folder)
            _make_folder(folder if new_fd is not None else whole, new_fd, whole)
            self.made.add(folder)
        try:
            _link_over(old, new, old_fd, new_fd)
        except OSError:
            return None
        return stat


def _make_folder(folder: str, dir_fd: int | None = None, whole: str | None = None) -> None:
    """os.makedirs(folder, exist_ok=True), quicker when the parent is there (the usual
    case: one folder per page). With `dir_fd`, `folder` is named inside that open folder
    and `whole` is its whole path."""
    try:
        os.mkdir(folder, dir_fd=dir_fd)
    except FileNotFoundError:
        os.makedirs(whole or folder, exist_ok=True)
    except FileExistsError:
        pass


def _clear_way(root: str, relpath: str) -> None:
    """The folders of `relpath` made inside `root`, and nothing left at its place: the
    spare a build stages into (see SiteWriter) may hold a file where this build has a
    folder, or the reverse."""
    path = root
    for part in relpath.split("/")[:-1]:
        path = os.path.join(path, part)
        if os.path.islink(path) or (os.path.lexists(path) and not os.path.isdir(path)):
            os.unlink(path)
        if not os.path.isdir(path):
            os.mkdir(path)
    target = os.path.join(root, relpath)
    if os.path.isdir(target) and not os.path.islink(target):
        shutil.rmtree(target)
    elif os.path.lexists(target):
        os.unlink(target)


def _link_over(source: str, target: str, src_dir_fd: int | None = None,
               dst_dir_fd: int | None = None) -> None:
    """os.link, in place of a file already at `target` (a spare's, see SiteWriter)."""
    try:
        os.link(source, target, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)
    except FileExistsError:
        os.unlink(target, dir_fd=dst_dir_fd)
        os.link(source, target, src_dir_fd=src_dir_fd, dst_dir_fd=dst_dir_fd)


def _link(source: str, target: str) -> None:
    try:
        _link_over(source, target)
    except FileNotFoundError:
        if not os.path.exists(source):
            raise
        _make_folder(os.path.dirname(target))
        os.link(source, target)


def folder_identity(path: Path) -> Identity | None:
    """What tells a folder from any other made at the same place (None: there is none)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)


def _raise(error: OSError) -> None:
    raise error


def make_spare(tree: Path, spare: Path, files: dict[str, tuple],
               live: dict[str, tuple]) -> tuple | None:
    """Keep `tree`, the site a build replaced, as the next build's staging folder: without
    anything `files` (that site's record: relpath -> (fingerprint, *stamp)) does not name,
    under the name `spare`, readable by its owner only (it may lie in a folder a web
    server shows). Returns its record for the next build (`spare_files` reads it against
    `live`, the record of the site that replaced it), or None when it cannot be kept (the
    tree is then removed)."""
    root = str(tree)
    try:
        for folder, dirs, names in os.walk(root, topdown=False, onerror=_raise):
            rel = os.path.relpath(folder, root).replace(os.sep, "/")
            prefix = "" if rel == "." else rel + "/"
            for name in names:
                if prefix + name not in files:  # not a file the build wrote: gone
                    os.unlink(os.path.join(folder, name))
            for name in dirs:
                path = os.path.join(folder, name)
                if os.path.islink(path):
                    os.unlink(path)
            if folder != root:
                with contextlib.suppress(OSError):  # still holds files
                    os.rmdir(folder)
        if os.path.lexists(spare):
            shutil.rmtree(spare)
        os.rename(tree, spare)
        os.chmod(spare, 0o700)
    except OSError:
        remove_tree(tree, spare)
        return None
    identity = folder_identity(spare)
    if identity is None:
        return None
    # The two sites share most files: the spare's record is kept as its differences.
    changed = {path: entry for path, entry in files.items() if live.get(path) != entry}
    return (identity, changed, [path for path in live if path not in files])


def spare_files(record: Any, live: Any) -> tuple[Identity, dict[str, tuple]] | None:
    """The spare's identity and its files' record (relpath -> (fingerprint, *stamp)),
    from what `make_spare` gave and `live`, the record of the live site; None when there
    is nothing to go by."""
    if not (isinstance(record, tuple) and len(record) == 3 and isinstance(live, dict)
            and isinstance(record[1], dict) and isinstance(record[2], list)):
        return None
    identity, changed, absent = record
    files = dict(live)
    files.update(changed)
    for path in absent:
        files.pop(path, None)
    return identity, files


_SIMPLE = re.compile(r"(?:[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*/)*[A-Za-z0-9_~%-][A-Za-z0-9._~%-]*")
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2); False when the system cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


class SiteWriter:
    """Collects the files of one build in a staging folder; `commit` swaps it in.

    `spare` is what `spare_files` gives for the last site the output replaced: when that
    folder is still there as it was left, it becomes the staging folder, and `reused`
    names its files (relpath -> (fingerprint, *stamp)) for the build to keep where they
    are. Each file staged replaces the one there; `commit` removes the others.
    """

    def __init__(self, output: Path,
                 spare: tuple[Identity, dict[str, tuple]] | None = None):
        self.output = output.absolute()
        self.staging = self.output.parent / f".{self.output.name}.building"
        self.spare = self.output.parent / f".{self.output.name}.spare"
        self._spare_record = spare
        self.reused: dict[str, tuple] = {}
        self.output_dir, self.staging_dir = str(self.output), str(self.staging)
        self.written = 0
        self.unchanged = 0
        self.files: set[str] = set()
        self.stats: dict[str, Stamp] = {}  # each staged file's (size, mtime_ns, inode)
        self.leftovers: list[Path] = []  # old trees an earlier build did not remove

    def __enter__(self) -> SiteWriter:
        self.output.parent.mkdir(parents=True, exist_ok=True)
        old = self._old()
        if old.exists():
            if self.output.exists():  # the previous build's old tree, not yet removed
                shutil.rmtree(old)
            else:  # killed in the middle of a two-rename swap
                os.rename(old, self.output)
        if self.staging.exists():  # left by a build that was killed
            shutil.rmtree(self.staging)
        self.leftovers = sorted(self.output.parent.glob(f".{self.output.name}.trash-*"))
        record = self._spare_record
        if record is not None and self.output.is_dir() \
                and folder_identity(self.spare) == record[0]:
            os.rename(self.spare, self.staging)
            os.chmod(self.staging, os.stat(self.output).st_mode & 0o7777)
            self.reused = record[1]
        else:
            if os.path.lexists(self.spare):  # not the one the record names: removed later
                trash = self._trash_name()
                os.rename(self.spare, trash)
                self.leftovers.append(trash)
            self.staging.mkdir()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None:
            self.abort()

    def _claim(self, relpath: str) -> str:
        clean = relpath if _SIMPLE.fullmatch(relpath) else check_relpath(relpath)
        if relpath in self.files:
            raise OutputError(f"two pages want the same file: {relpath}")
        self.files.add(relpath)
        return clean

    def write(self, relpath: str, data: bytes) -> None:
        """Stage one file; reuses the previous build's file when the bytes are the same."""
        clean = self._claim(relpath)
        written, stat = stage_file(str(self.staging), str(self.output), clean, data)
        self.stats[relpath] = stamp(stat)
        if written:
            self.written += 1
        else:
            self.unchanged += 1

    def keep(self, relpath: str, stat: os.stat_result | None = None) -> bool:
        """Link the previous build's file unread (the build knows it is unchanged);
        `stat` is that file's, if the caller has it."""
        clean = self._claim(relpath)
        try:
            _link(os.path.join(self.output_dir, clean), os.path.join(self.staging_dir, clean))
        except OSError:
            self.files.discard(relpath)
            return False
        self.stats[relpath] = stamp(stat or os.stat(os.path.join(self.staging_dir, clean)))
        self.unchanged += 1
        return True

    def record(self, relpath: str, written: bool, stat: Stamp) -> None:
        """Account for a file another process staged (see `stage_file`)."""
        self._claim(relpath)
        self.stats[relpath] = stat
        if written:
            self.written += 1
        else:
            self.unchanged += 1

    def copy_file(self, source: Path, relpath: str) -> None:
        self.write(relpath, source.read_bytes())

    def commit(self, remove_old: bool = True) -> Path | None:
        """Swap the staged site in place of the old one.

        With `remove_old` false, returns the old tree, renamed out of the way under a
        name of its own (`.NAME.trash-...`), for the caller to delete when it likes
        (`remove_tree`); None when there is none. Trees such a caller never removed (it
        was killed) are listed in `leftovers` by the next writer.
        """
        self._drop_unclaimed()
        old = self._old()
        if old.exists():
            shutil.rmtree(old)
        if self.output.exists() and _exchange(self.staging, self.output):
            os.rename(self.staging, old)  # the previous site, now out of the way
        else:
            if self.output.exists():
                os.rename(self.output, old)
            os.rename(self.staging, self.output)
        if not old.exists():
            return None
        if remove_old:
            shutil.rmtree(old)
            return None
        trash = self._trash_name()
        os.rename(old, trash)
        return trash

    def _drop_unclaimed(self) -> None:
        """Remove the spare's files this build did not stage, and the folders they leave
        empty."""
        root = self.staging_dir
        for relpath in self.reused.keys() - self.files:
            path = os.path.join(root, relpath)
            try:
                os.unlink(path)
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError:
                if os.path.isdir(path):  # a folder of this build's now
                    continue
                raise
            folder = os.path.dirname(path)
            while folder != root and len(folder) > len(root):
                try:
                    os.rmdir(folder)
                except OSError:  # still holds files
                    break
                folder = os.path.dirname(folder)

    def _trash_name(self) -> Path:
        return self.output.parent / f".{self.output.name}.trash-{os.getpid()}-{time.time_ns()}"

    def _old(self) -> Path:
        return self.output.parent / f".{self.output.name}.old"

    def abort(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)


def remove_tree(*paths: Path | None) -> None:
    for path in paths:
        if path is not None:
            shutil.rmtree(path, ignore_errors=True)
