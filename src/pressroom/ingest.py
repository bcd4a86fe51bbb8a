"""Raw releases into `content/`: one `.md` per raw text, never losing an editor's work.

A `.md` belongs to the raw file named in its `source`. Re-ingesting the same raw text
(same `source_sha256`) changes nothing. When the raw text changed, the `.md` is rewritten
only if nobody edited it since the loader wrote it (the manifest `.pressroom-ingest.json`
beside it records the hash of what the loader wrote); an edited file is left as it is and
reported, and `force` rewrites it after keeping the old file as `<name>.md.bak`.

Tags come from the site's vocabulary when it has one (`vocabulary`). The manifest does not
record it: a changed vocabulary applies to raw files ingested from then on (new or changed
ones) and to `force`, never to `.md` files already written, which may have been edited.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressroom.errors import Diagnostic, Level, LoaderError
from pressroom.files import atomic_write, sha256_bytes, sha256_file
from pressroom.loader import LoadResult, load_bytes
from pressroom.parallel import run_tasks
from pressroom.source import dump_source, source_fields

if TYPE_CHECKING:
    from pressroom.loader.tags import Vocabulary

MANIFEST = ".pressroom-ingest.json"
PARALLEL_LOAD = 32  # raw files to ingest before the loader is worth running in workers
_Loaded = tuple[str, "LoadResult | Diagnostic"]  # a raw file's hash, and what it loads to


@dataclass
class IngestOutcome:
    raw: Path
    md: Path | None
    action: str  # created | updated | unchanged | kept | forced | failed
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class _Known:
    file: str  # the .md, by name (a build knows thousands: Path objects cost)
    sha: str | None

    @property
    def md(self) -> Path:
        return Path(self.file)


def _source_fields(md: str | Path) -> tuple[str | None, str | None] | None:
    """The `source` and `source_sha256` of a .md's front matter, read up to its end only
    (`source` comes after the quotes, which can be long)."""
    try:
        with open(md, encoding="utf-8", errors="replace") as handle:
            head = handle.read(20_000)
            end = head.find("\n---", 3)
            while end < 0 and head.startswith("---"):  # a front matter longer than that
                more = handle.read(200_000)
                if not more:
                    break
                head += more
                end = head.find("\n---", 3)
    except OSError:
        return None
    return source_fields(head)


def scan_sources(folder: Path, files: list[tuple[str, Any]] | None = None,
                 memo: dict[str, tuple[Any, str | None, str | None]] | None = None,
                 ) -> dict[str, _Known]:
    """Map each `source` named by a `.md` under `folder` to that file and its recorded hash.

    `files` lists the `.md` files with a stat key each (default: all under `folder`, read
    every time); `memo` maps a file to (stat key, source, hash) from an earlier scan, is
    reused where the key is the same and is updated in place.
    """
    known: dict[str, _Known] = {}
    if files is None:
        files = [(str(md), None) for md in sorted(folder.rglob("*.md"))]
    for md, key in files:
        name = str(md)
        cached = memo.get(name) if memo is not None and key is not None else None
        if cached is not None and cached[0] == key:
            fields: tuple[str | None, str | None] | None = (cached[1], cached[2])
        else:
            fields = _source_fields(md)
            if memo is not None and key is not None and fields is not None:
                memo[name] = (key, *fields)
        if fields is not None and fields[0]:
            known.setdefault(fields[0], _Known(name, fields[1]))
    return known


def edit_kept(source: str) -> str:
    """What ingest says of an edited .md whose raw text changed (it leaves the .md alone)."""
    return (f"{source} changed, but this file was edited by hand; left as it is (ingest "
            "--force rewrites it and keeps a backup)")


class Ingester:
    """Ingests raw files into one content folder; keeps its manifest up to date."""

    def __init__(self, folder: Path, force: bool = False,
                 known: dict[str, _Known] | None = None,
                 vocabulary: Vocabulary | None = None):
        self.folder = folder
        self.force = force
        self.vocabulary = vocabulary
        if known is None:
            known = scan_sources(folder) if folder.is_dir() else {}
        self.known = known
        self.manifest_path = folder / MANIFEST
        self.manifest: dict[str, str] = self._read_manifest()
        self._dirty = False

    def _read_manifest(self) -> dict[str, str]:
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}

    def needs_ingest(self, raw: Path, source: str) -> bool:
        """True when `raw` has no `.md` yet or its text changed since it was ingested."""
        return self.force or self._made_from(source, sha256_file(raw)) is None

    def _made_from(self, source: str, sha: str) -> _Known | None:
        """The `.md` already made from these bytes of `source`, if any."""
        known = self.known.get(source)
        return known if known is not None and known.sha == sha else None

    def ingest_all(self, work: list[tuple[Path, str]], jobs: int = 1) -> Iterator[IngestOutcome]:
        """`ingest(raw, source)` for each pair, in order. With `jobs` above one and many
        files the loader (the slow part) runs over that many processes; the files are
        written here, one after another, so names and the manifest stay in one hand."""
        if jobs <= 1 or len(work) < PARALLEL_LOAD:
            for raw, source in work:
                yield self.ingest(raw, source)
            return
        size = max(8, len(work) // (8 * jobs) + 1)
        groups = [range(start, min(start + size, len(work)))
                  for start in range(0, len(work), size)]

        def load_group(number: int) -> list[_Loaded | None]:
            return [self._load(*work[index]) for index in groups[number]]

        for group, loaded in zip(groups, run_tasks(load_group, len(groups), jobs),
                                 strict=True):
            for index, found in zip(group, loaded, strict=True):
                yield self.ingest(*work[index], loaded=found)

    def _load(self, raw: Path, source: str) -> _Loaded | None:
        """What `ingest` would load from `raw` (None: nothing to load, or unreadable)."""
        try:
            data = raw.read_bytes()
        except OSError:
            return None
        sha = sha256_bytes(data)
        if not self.force and self._made_from(source, sha) is not None:
            return None
        return sha, self._loaded(data, source)

    def _loaded(self, data: bytes, source: str) -> LoadResult | Diagnostic:
        """What the loader makes of `data`, or why it cannot."""
        try:
            return load_bytes(data, source, vocabulary=self.vocabulary)
        except LoaderError as exc:
            return exc.diagnostic

    def ingest(self, raw: Path, source: str | None = None,
               loaded: _Loaded | None = None) -> IngestOutcome:
        """Write the `.md` for `raw` (see the module's docstring). `loaded` is what another
        process loaded from it (`_load`), used if the file still has the same bytes."""
        source = source or raw.name
        try:
            data = raw.read_bytes()
        except OSError as exc:
            return IngestOutcome(raw, None, "failed", [Diagnostic(Level.ERROR, str(raw), None,
                                                                  f"cannot read: {exc.strerror}")])
        sha = sha256_bytes(data)
        made = None if self.force else self._made_from(source, sha)
        if made is not None:
            return IngestOutcome(raw, made.md, "unchanged")
        known = self.known.get(source)
        result = loaded[1] if loaded is not None and loaded[0] == sha \
            else self._loaded(data, source)
        if isinstance(result, Diagnostic):
            return IngestOutcome(raw, None, "failed",
                                 [Diagnostic(result.level, str(raw), result.line,
                                             result.message)])
        diags = [Diagnostic(d.level, str(raw), d.line, d.message) for d in result.diagnostics]
        text = dump_source(result.release).encode("utf-8")
        if known is None:
            target = self._free_name(raw)
            self._write(target, text)
            self.known[source] = _Known(str(target), sha)
            return IngestOutcome(raw, target, "created", diags)
        target = known.md
        if self.edited(target):
            if not self.force:
                diags.append(Diagnostic(Level.WARNING, str(target), None, edit_kept(source)))
                return IngestOutcome(raw, target, "kept", diags)
            backup = target.with_name(target.name + ".bak")
            atomic_write(backup, target.read_bytes())
            diags.append(Diagnostic(Level.WARNING, str(target), None,
                                    f"rewritten from {source}; the edited version is kept as "
                                    f"{backup.name}"))
            self._write(target, text)
            self.known[source] = _Known(str(target), sha)
            return IngestOutcome(raw, target, "forced", diags)
        self._write(target, text)
        self.known[source] = _Known(str(target), sha)
        return IngestOutcome(raw, target, "updated", diags)

    def _free_name(self, raw: Path) -> Path:
        target = self.folder / (raw.stem + ".md")
        n = 2
        while target.exists():
            target = self.folder / f"{raw.stem}-{n}.md"
            n += 1
        return target

    def edited(self, md: Path) -> bool:
        """Whether `md` is not what ingest last wrote there (an editor changed it)."""
        recorded = self.manifest.get(self._key(md))
        return recorded is None or not md.exists() or recorded != sha256_file(md)

    def _key(self, md: Path) -> str:
        return md.relative_to(self.folder).as_posix()

    def _write(self, md: Path, data: bytes) -> None:
        atomic_write(md, data)
        self.manifest[self._key(md)] = sha256_bytes(data)
        self._dirty = True

    def save(self) -> None:
        """Write the manifest if anything was ingested."""
        if self._dirty:
            payload = json.dumps(dict(sorted(self.manifest.items())), indent=1) + "\n"
            atomic_write(self.manifest_path, payload.encode("utf-8"))
            self._dirty = False
