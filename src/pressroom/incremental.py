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
from pressroom.digest import digest
from pressroom.files import is_within
from pressroom.theme import theme_dir

if TYPE_CHECKING:
    from pressroom.archive import Archive, Entry
    from pressroom.writer import SiteWriter


Key = tuple[int, int, int, int]
Scan = tuple[list[tuple[str, Key]], list[tuple[Path, Key]], list[Path]]


def scan_content(content: Path) -> Scan:
    """(.md files, .txt files) under content/ with their stat keys, sorted; and the links
    that point outside it (skipped). The .md files are named by text: there are thousands,
    and making a Path of each took a fifth of a build that finds nothing to do."""
    md: list[tuple[str, Key]] = []
    txt: list[tuple[str, Key]] = []
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
    return md, [(Path(p), k) for p, k in txt], sorted(outside)


def scan_with(scan: Scan, md: Path) -> Scan | None:
    """`scan` after `md` was written (made or replaced), as scan_content would now find
    it; None when it cannot tell (then scan again)."""
    try:
        stat = os.stat(md)
    except OSError:
        return None
    if os.path.islink(md):
        return None
    name = str(md)
    files = [item for item in scan[0] if item[0] != name]
    files.append((name, stat_key(stat)))
    files.sort(key=_parts)
    return files, scan[1], scan[2]


def _parts(item: tuple[str, Key]) -> list[str]:
    return item[0].split(os.sep)


Signature = tuple[bytes, dict[str, bytes]]


def signature(config: SiteConfig, output: Path, scan: Scan | None = None) -> Signature:
    """Everything a build reads, by name and stat, and the content hash of each file changed
    in the last instants (two writes in one clock tick can leave the same stat).

    Of content/ that is what `scan_content` finds (the build's own `scan`, if it has one:
    what it reads is then what the signature names): its .md and .txt files, and the
    links it skips; nothing else there is read."""
    parts: list[Any] = [__version__, repr(config), os.path.abspath(output)]
    now = time.time_ns()
    racy: dict[str, bytes] = {}
    if config.path is not None:
        parts.append(config.path.read_bytes())
    md, txt, outside = scan if scan is not None else scan_content(config.content_path)
    # by name inside content/ (one name however the project was given)
    prefix = os.path.join(str(config.content_path), "")

    def name(path: str) -> str:
        return path[len(prefix):] if path.startswith(prefix) else os.path.abspath(path)

    # (whether content/ is there at all: a build without it warns, one with it empty not)
    parts.append([os.path.abspath(config.content_path), config.content_path.is_dir(),
                  [(name(p), k) for p, k in md],
                  [(name(str(p)), k) for p, k in txt], [name(str(p)) for p in outside]])
    for path, key in (*md, *txt):
        if not fresh(key, now):
            racy[os.path.abspath(path)] = content_digest(path)
    folders = [config.root / "templates", config.root / "static",
               theme_dir() / "templates", theme_dir() / "static"]
    for folder in folders:
        todo = [os.path.abspath(folder)]  # (one name however the project was given)
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


def intact_file(output: Path, relpath: str, old_files: dict[str, tuple]) -> bool:
    """The last build's file `relpath` is still as that build wrote it."""
    old = old_files.get(relpath)
    if old is None:
        return False
    try:
        stat = os.stat(output / relpath)
    except OSError:
        return False
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino) == old[1:]


def old_reader(output: Path, old_files: dict[str, tuple]) -> Callable[[str], bytes | None]:
    """Reads a file of the last build, if it is still the one that build wrote."""
    def read(relpath: str) -> bytes | None:
        try:
            data = (output / relpath).read_bytes()
        except OSError:
            return None
        return data if intact_file(output, relpath, old_files) else None

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


def structure(terms: dict[str, tuple]) -> bytes:
    """What related releases depend on: the order of the releases and their terms (the
    `_entry_terms` of each release, by slug, in archive order)."""
    return digest(list(terms.items()))


RELATED_RECORD = 3  # bump when what related_releases keeps changes


def related_releases(archive: Archive, derived: dict[str, Any],
                     ) -> Callable[[Entry], list[Entry]]:
    """archive.related, memoized; reused from the last build where it cannot have changed
    (else computed by the workers, page by page, and sent back to be kept).

    A release's related releases are read from the release lists of its own people,
    events, tags, countries and organizations (archive.related): from how common each
    term is (which changes only when its release count crosses a power of two) and from
    the RELATED_WINDOW releases around it in each list. While it names the same terms and
    each of those windows holds the same releases in the same order, they are what they
    were (archive numbers may shift, but not the order of the releases). So a new or
    deleted release changes the related releases only of those near it in its terms'
    lists.
    """
    memo: dict[int, list[Entry]] = {}
    terms = {e.slug: _entry_terms(e) for e in archive.entries}
    shape = structure(terms)
    old = derived.get("related")
    if not (isinstance(old, tuple) and len(old) == 5 and old[0] == RELATED_RECORD):
        old = None
    settled = old is not None and old[1] == shape
    by_slug = {e.slug: e for e in archive.entries}
    lists: dict[tuple[str, str], list[str]] | None = None
    if old is not None:
        _, old_shape, old_related, old_lists, old_terms = old
        moved: set[str] | None = None
        if old_shape != shape:
            lists = _term_lists(archive)
            moved = _moved(old_lists, lists) if _same_order(list(old_related), by_slug, archive) \
                else set(by_slug)
        else:  # the same releases and terms in the same order: the same lists
            lists = old_lists
        for entry in archive.entries:
            found = old_related.get(entry.slug)
            if found is None:
                continue
            if moved is not None and (entry.slug in moved or
                                      old_terms.get(entry.slug) != terms[entry.slug] or
                                      not all(map(by_slug.__contains__, found))):
                continue
            memo[id(entry)] = [by_slug[s] for s in found]

    def related(entry: Entry) -> list[Entry]:
        found = memo.get(id(entry))
        if found is None:
            found = memo[id(entry)] = archive.related(entry)
        return found

    def save() -> tuple | None:
        if len(memo) < len(archive.entries):
            return None
        return (RELATED_RECORD, shape,
                {e.slug: [r.slug for r in memo[id(e)]] for e in archive.entries},
                lists if lists is not None else _term_lists(archive), terms)

    def remember(entry: Entry, found: list[Entry]) -> None:
        memo[id(entry)] = found

    related.settled = settled  # type: ignore[attr-defined] # no release added, moved or gone
    related.save = save  # type: ignore[attr-defined]
    related.remember = remember  # type: ignore[attr-defined]
    return related


def _same_order(old: list[str], by_slug: dict[str, Entry], archive: Archive) -> bool:
    """The releases of the last build that are still here are in the same order (only
    additions and deletions). Ties in archive.related go to the earlier release, so a
    release moved past another (a changed date) may change the related releases of
    any release whose candidates hold both: then none is reused."""
    kept = [slug for slug in old if slug in by_slug]
    known = set(old)
    return kept == [e.slug for e in archive.entries if e.slug in known]


def _moved(old_lists: dict[tuple[str, str], list[str]],
           lists: dict[tuple[str, str], list[str]]) -> set[str]:
    """The releases whose window (archive.related) changed in one of their terms' lists:
    every release of a term whose commonness changed, else those within half a window
    of where its list changed."""
    from pressroom.related import RELATED_WINDOW, commonness

    half = RELATED_WINDOW // 2
    moved: set[str] = set()
    for key, new in lists.items():
        old = old_lists.get(key, [])
        if old == new:
            continue
        if commonness(len(old)) != commonness(len(new)):
            moved.update(new)
            continue
        shortest = min(len(old), len(new))
        start = 0
        while start < shortest and old[start] == new[start]:
            start += 1
        end = 0  # equal items at the end, after the common start
        while end < shortest - start and old[-1 - end] == new[-1 - end]:
            end += 1
        moved.update(new[max(0, start - half):len(new) - end + half])
    return moved


def _entry_terms(entry: Entry) -> tuple[tuple[str, str], ...]:
    """The terms archive.related reads for `entry`, by kind and slug (a build compares
    every release's: lists, not generators)."""
    from pressroom.related import RELATED_WEIGHTS

    found: list[tuple[str, str]] = []
    for kind, _ in RELATED_WEIGHTS:
        terms = entry.events if kind == "events" else entry.terms.get(kind, ())
        found.extend([(kind, term.slug) for term in terms])
    return tuple(found)


def _term_lists(archive: Archive) -> dict[tuple[str, str], list[str]]:
    """Per term archive.related reads: its releases (slugs), in order."""
    from pressroom.related import RELATED_WEIGHTS

    lists: dict[tuple[str, str], list[str]] = {}
    for kind, _ in RELATED_WEIGHTS:
        terms = archive.events if kind == "events" else archive.taxonomies.get(kind, {}).values()
        for term in terms:
            lists[(kind, term.slug)] = [e.slug for e in term.releases]
    return lists
