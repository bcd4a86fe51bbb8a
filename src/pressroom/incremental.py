"""What an incremental build reuses: the scan of content/, the input signature, the last
build's files, related releases.

Nothing here decides what a page says; it decides only whether the last build's file for
it is still right (see depends.py for the fingerprints, cache.py for where it is kept).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressroom import __version__
from pressroom.cache import fresh, stat_key
from pressroom.config import SiteConfig
from pressroom.files import is_within

if TYPE_CHECKING:
    from pressroom.archive import Archive, Entry
    from pressroom.writer import SiteWriter


Key = tuple[int, int, int, int]


def scan_content(content: Path) -> tuple[list[tuple[Path, Key]], list[tuple[Path, Key]],
                                          list[Path]]:
    """(.md files, .txt files) under content/ with their stat keys, sorted; and the links
    that point outside it (skipped)."""
    md: list[tuple[Path, Key]] = []
    txt: list[tuple[Path, Key]] = []
    outside: list[Path] = []
    real = content.resolve()
    todo = [str(content)]
    while todo:
        folder = todo.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            name = entry.name
            is_md, is_txt = name.endswith(".md"), name.endswith(".txt")
            try:
                if entry.is_dir():
                    if not entry.is_symlink():  # as rglob: linked folders are not entered
                        todo.append(entry.path)
                    continue
                if not (is_md or is_txt):
                    continue
                if entry.is_symlink() and not is_within(Path(entry.path), real):
                    outside.append(Path(entry.path))
                    continue
                stat = os.stat(entry.path)
            except OSError:
                continue
            (md if is_md else txt).append((entry.path, stat_key(stat)))
    md.sort(key=_parts)  # the order of sorted(Path), without making Paths to compare
    txt.sort(key=_parts)
    return ([(Path(p), k) for p, k in md], [(Path(p), k) for p, k in txt], sorted(outside))


def _parts(item: tuple[str, Key]) -> list[str]:
    return item[0].split(os.sep)


Signature = tuple[bytes, dict[str, bytes]]


def signature(config: SiteConfig, output: Path) -> Signature:
    """Everything a build reads, by name and stat, and the content hash of each file changed
    in the last instants (two writes in one clock tick can leave the same stat)."""
    from pressroom.depends import digest

    parts: list[Any] = [__version__, repr(config), str(output.absolute())]
    now = time.time_ns()
    racy: dict[str, bytes] = {}
    if config.path is not None:
        parts.append(config.path.read_bytes())
    folders = [config.content_path, config.root / "templates", config.root / "static",
               theme_dir() / "templates", theme_dir() / "static"]
    for folder in folders:
        todo = [str(folder)]
        while todo:
            current = todo.pop()
            try:
                entries = sorted(os.scandir(current), key=lambda e: e.name)
            except OSError:
                parts.append((current, None))
                continue
            for entry in entries:
                try:
                    if entry.is_dir():
                        todo.append(entry.path)
                        continue
                    key = stat_key(os.stat(entry.path))
                except OSError:
                    continue
                parts.append((entry.path, key))
                if not fresh(key, now):
                    racy[entry.path] = content_digest(entry.path)
    return digest(parts), racy


def content_digest(path: str) -> bytes:
    from pressroom.depends import digest

    try:
        with open(path, "rb") as handle:
            return digest(handle.read())
    except OSError:
        return b""


def unchanged(signature: Signature, record: dict[str, Any]) -> bool:
    """The inputs are those of the build that made the record (same stats, and the same
    content for the files that were changing just then)."""
    old = record.get("signature")
    if not isinstance(old, tuple) or old[0] != signature[0]:
        return False
    return all(content_digest(path) == known for path, known in old[1].items())


def theme_dir() -> Path:
    """render.theme_dir, without importing Jinja before a build needs it."""
    from pressroom import render

    return render.theme_dir()


def intact(output: Path, files: dict[str, tuple]) -> bool:
    """Every file the last build wrote is still there, as it wrote it."""
    if not files:
        return False
    root = str(output.absolute())
    for relpath, (_, size, mtime_ns, ino) in files.items():
        try:
            stat = os.stat(os.path.join(root, relpath))
        except OSError:
            return False
        if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != (size, mtime_ns, ino):
            return False
    return True


def old_reader(output: Path, old_files: dict[str, tuple]) -> Callable[[str], bytes | None]:
    """Reads a file of the last build, if it is still the one that build wrote."""
    def read(relpath: str) -> bytes | None:
        old = old_files.get(relpath)
        if old is None:
            return None
        try:
            data = (output / relpath).read_bytes()
            stat = os.stat(output / relpath)
        except OSError:
            return None
        if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != old[1:]:
            return None
        return data

    return read


def reuse(writer: SiteWriter, relpath: str, fingerprint: bytes | None,
           old_files: dict[str, tuple]) -> bool:
    """Link the last build's file when it was made from the same fingerprint and is intact
    (None: the caller knows the file is still right, if it is intact)."""
    old = old_files.get(relpath)
    if old is None or (fingerprint is not None and old[0] != fingerprint):
        return False
    try:
        stat = os.stat(os.path.join(writer.output_dir, relpath))
    except OSError:
        return False
    if (stat.st_size, stat.st_mtime_ns, stat.st_ino) != old[1:]:
        return False
    return writer.keep(relpath, stat)


def structure(archive: Archive) -> bytes:
    """What related releases depend on: the order of the releases and their terms."""
    from pressroom.depends import digest

    return digest([(e.slug, [[t.slug for t in e.terms.get(kind, [])] for kind in e.terms],
                    [v.slug for v in e.events]) for e in archive.entries])


def related_releases(archive: Archive, derived: dict[str, Any],
                     ) -> Callable[[Entry], list[Entry]]:
    """archive.related, memoized; reused from the last build when no release moved (else
    computed by the workers, page by page, and sent back to be kept)."""
    memo: dict[int, list[Entry]] = {}
    shape = structure(archive)
    old = derived.get("related")
    by_slug = {e.slug: e for e in archive.entries}
    if old is not None and old[0] == shape:
        for entry in archive.entries:
            memo[id(entry)] = [by_slug[s] for s in old[1].get(entry.slug, ())]

    def related(entry: Entry) -> list[Entry]:
        found = memo.get(id(entry))
        if found is None:
            found = memo[id(entry)] = archive.related(entry)
        return found

    def save() -> tuple[bytes, dict[str, list[str]]] | None:
        if len(memo) < len(archive.entries):
            return None
        return shape, {e.slug: [r.slug for r in memo[id(e)]] for e in archive.entries}

    def remember(entry: Entry, found: list[Entry]) -> None:
        memo[id(entry)] = found

    related.save = save  # type: ignore[attr-defined]
    related.remember = remember  # type: ignore[attr-defined]
    return related


