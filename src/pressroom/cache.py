"""The build cache: what an incremental build may reuse from the previous one.

It lives in `.pressroom-cache/` in the project (git-ignored; delete it any time, or build
with `--clean`). Its files:
- `parsed-NN.pickle` (16 shards; an edit rewrites one): each release file as parsed,
  keyed by its path and checked by its size, modification time (ns), inode and change
  time; a file changed less than two seconds before its shard was written is read again
  next time (two writes in one clock tick can leave the same stat).
- `sources.pickle`: ingest's bookkeeping (which `.md` names which raw `.txt`, which raw
  files were found ingested), so unchanged raw files are not read again.
- `output-<hash of the output path>.pickle`: for one output folder, the input signature
  of the last build (stats, and content hashes of files that were just changing: for the
  no-change exit), each output file with the fingerprint it was made from and its size,
  mtime and inode as written (a file changed or removed in the output since is made
  again), the report's counts and diagnostics (replayed by a no-change build).
- `output-<hash>-derived.pickle`: data worth keeping for the next build of that folder
  (related releases, what each template refers to).
- `output-<hash>-search.pickle`: the search index's words per release, for the next
  build to update the index (search.search_update); read and written by the process that
  makes the index.
- `output-<hash>-partials-NN.pickle` (16 shards; a build rewrites those it changed): the
  list partials' output (a release or a quote as lists show it), by the fingerprint of
  what each shows, for the config and templates they were made with (`scope`;
  render.PartialStore).

A cache written by another Pressroom version or cache format, or that cannot be read,
is ignored: the build is then a clean one. The cache never decides what a page says,
only whether an identical page can be reused.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pressroom import __version__

CACHE_DIR = ".pressroom-cache"
FORMAT = 1
RACY_NS = 2_000_000_000  # files this close to the cache's writing are re-read
BYTECODE_FOLDERS = 4  # configurations whose compiled templates are kept
SHARDS = 16  # parsed releases are saved in this many files; an edit rewrites one


def stamp() -> tuple[str, int]:
    return (__version__, FORMAT)


def stat_key(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)


class Cache:
    """Loads and saves the two cache files of one project and output folder."""

    def __init__(self, root: Path, output: Path, enabled: bool = True):
        self.folder = root / CACHE_DIR
        self.enabled = enabled
        key = hashlib.blake2b(os.path.abspath(output).encode(), digest_size=8).hexdigest()
        self.sources_path = self.folder / "sources.pickle"
        self.output_path = self.folder / f"output-{key}.pickle"
        self._partials: list[dict[str, Any]] | None = None  # (prefetch_partials)

    def _load(self, path: Path) -> dict[str, Any]:
        if not self.enabled:
            return {}
        try:
            with open(path, "rb") as handle:
                data = pickle.load(handle)
        except Exception:  # noqa: BLE001 - a missing, old or corrupt cache is no cache
            return {}
        if not isinstance(data, dict) or data.get("stamp") != stamp():
            return {}
        return data

    def bytecode_folder(self, key: str) -> Path | None:
        """Where Jinja keeps compiled templates between builds, for one configuration and
        Pressroom version (`key`: Jinja computes constant filter calls, such as a link
        under `base_url`, when it compiles); None without a cache. Only the folders of the
        last few configurations used are kept (the preview server builds with its own
        `base_url`, beside `pressroom build`)."""
        if not self.enabled:
            return None
        folder = self.folder / "templates" / key
        try:
            folder.mkdir(parents=True, exist_ok=True)
            os.utime(folder)  # (used now: the folders used longest ago go first)
            others = sorted((other for other in folder.parent.iterdir()
                             if other != folder and other.is_dir()),
                            key=lambda other: other.stat().st_mtime_ns, reverse=True)
            for other in others[BYTECODE_FOLDERS - 1:]:
                shutil.rmtree(other, ignore_errors=True)
        except OSError:
            return None
        return folder

    def load_sources(self) -> dict[str, Any]:
        """The ingest bookkeeping (the parsed files: `load_parsed`)."""
        return self._load(self.sources_path)

    def load_parsed(self, data: dict[str, Any]) -> None:
        """Add to `data` every parsed file under "parsed" and, under "parsed_ns", when it
        was recorded (each shard has its own time)."""
        parsed: dict[str, Any] = {}
        recorded: dict[str, int] = {}
        for shard in range(SHARDS):
            part = self._load(self._shard_path(shard))
            items = part.get("parsed", {})
            parsed.update(items)
            recorded.update(dict.fromkeys(items, part.get("written_ns", 0)))
        data["parsed"] = parsed
        data["parsed_ns"] = recorded

    def save_sources(self, data: dict[str, Any], changed: set[str] | None = None) -> None:
        """Save; `changed` names the parsed files added, changed or gone (None: any)."""
        parsed: dict[str, Any] = data.get("parsed", {})
        small = {k: v for k, v in data.items()
                 if k not in ("parsed", "parsed_ns", "written_ns", "stamp")}
        dirty = set(range(SHARDS)) if changed is None else {_shard(p) for p in changed}
        for number, part in _split(parsed, _shard, dirty).items():
            self._save(self._shard_path(number), {"parsed": part})
        self._save(self.sources_path, small)

    def _shard_path(self, number: int) -> Path:
        return self.folder / f"parsed-{number:02d}.pickle"

    def load_output(self) -> dict[str, Any]:
        """What the no-change check needs: the input signature and the files written."""
        return self._load(self.output_path)

    def load_derived(self) -> dict[str, Any]:
        """The rest of the output's record (related releases, the search index's words)."""
        return self._load(self._derived_path())

    def _derived_path(self) -> Path:
        return self.output_path.with_name(self.output_path.stem + "-derived.pickle")

    def load_partials(self, scope: bytes) -> dict[tuple, Any]:
        """The partial store kept for `scope` (shards kept for another scope are left out)."""
        parts, self._partials = self._partials, None
        if parts is None:
            parts = self._partial_shards()
        store: dict[tuple, Any] = {}
        for part in parts:
            if part.get("scope") == scope:
                store.update(part.get("store", {}))
        return store

    def prefetch_partials(self) -> None:
        """Read the partial store's files now, for `load_partials` (a build does it while
        the loader works in another process: time it would otherwise wait)."""
        self._partials = self._partial_shards()

    def _partial_shards(self) -> list[dict[str, Any]]:
        return [self._load(self._partials_path(shard)) for shard in range(SHARDS)]

    def save_partials(self, scope: bytes, store: dict[tuple, Any],
                      dirty: set[int] | None = None) -> None:
        """Save the store's shards named in `dirty` (None: all of them)."""
        numbers = set(range(SHARDS)) if dirty is None else dirty
        for number, part in _split(store, partial_shard, numbers).items():
            self._save(self._partials_path(number), {"scope": scope, "store": part})

    def _partials_path(self, number: int) -> Path:
        return self.output_path.with_name(f"{self.output_path.stem}-partials-{number:02d}.pickle")

    def _save(self, path: Path, data: dict[str, Any]) -> None:
        if not self.enabled:
            return
        data = {**data, "stamp": stamp(), "written_ns": time.time_ns()}
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="utf-8")
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            with open(temporary, "wb") as handle:
                pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def save_output(self, data: dict[str, Any], derived: dict[str, Any]) -> None:
        """Save the record of a build (the search state staged by `stage_search`, if any,
        is put in place first: the record, saved last, vouches for both)."""
        self._save(self._derived_path(), derived)
        self._save(self.output_path, data)

    def _search_path(self, previous: bool = False) -> Path:
        suffix = "-search.previous.pickle" if previous else "-search.pickle"
        return self.output_path.with_name(self.output_path.stem + suffix)

    def load_previous_search(self, key: str | None) -> Any:
        """The search state of the last build (set aside by `forget_output`), if it is
        the one that build's record names by `key` (else None: an index made from
        nothing)."""
        if key is None:
            return None
        data = self._load(self._search_path(previous=True))
        return data.get("state") if data.get("key") == key else None

    def stage_search(self, state: Any) -> tuple[Path, str] | None:
        """Write a search state beside its place, under a new key; `keep_search` puts it
        there and the record names the key."""
        if not self.enabled:
            return None
        key = os.urandom(8).hex()
        pending = self._search_path().with_suffix(f".{key}.pending")
        self._save(pending, {"state": state, "key": key})
        return (pending, key) if pending.exists() else None

    def keep_search(self, staged: tuple[Path, str] | None) -> str | None:
        """Put a staged search state in place; its key for the record (None: none)."""
        if staged is None:
            return None
        try:
            os.replace(staged[0], self._search_path())
        except OSError:
            return None
        return staged[1]

    def forget_output(self) -> None:
        """Before the output changes: a build killed half-way must not trust the record.
        The search state is set aside for this build's index to start from."""
        for path in (self.output_path, self._derived_path(),
                     *self.folder.glob(f"{self.output_path.stem}-search.*.pending")):
            with contextlib.suppress(OSError):
                path.unlink()
        with contextlib.suppress(OSError):
            os.replace(self._search_path(), self._search_path(previous=True))


def _split(items: dict[Any, Any], shard: Callable[[Any], int], numbers: set[int],
           ) -> dict[int, dict[Any, Any]]:
    """The entries of `items` in each shard named in `numbers` (empty shards included)."""
    shards: dict[int, dict[Any, Any]] = {n: {} for n in numbers}
    if shards:
        for key, value in items.items():
            part = shards.get(shard(key))
            if part is not None:
                part[key] = value
    return shards


def partial_cards(key: tuple) -> Iterator[bytes]:
    """The cards a partial store key was made from: a key is (partial, (name, value), ...)
    and a value from Fingerprints.lasting is a card or a tuple that starts with one."""
    for _, value in key[1:]:
        if isinstance(value, tuple) and value:
            value = value[0]
        if isinstance(value, bytes):
            yield value


def partial_shard(key: tuple) -> int:
    """The shard of a partial store key: by the first card in it."""
    card = next(partial_cards(key), b"")
    return card[0] % SHARDS if card else 0


def _shard(path: str) -> int:
    return zlib.crc32(path.encode("utf-8", "surrogatepass")) % SHARDS


def fresh(key: tuple[int, int, int, int], written_ns: int) -> bool:
    """False when the file changed too close to when the cache was written to trust mtime."""
    return key[1] < written_ns - RACY_NS and key[3] < written_ns - RACY_NS
