"""The content folder as a build reads it: raw files ingested, release files parsed.

A build scans content/ once (stat only). Raw `.txt` files that have no `.md` yet, or
whose text changed, are ingested first (a few of them in a process of their own while the
build loads its cache); then the `.md` files are parsed: only those whose stat changed
since the last build recorded them, many over several processes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressroom import incremental, parallel
from pressroom.cache import fresh
from pressroom.config import SiteConfig
from pressroom.digest import digest
from pressroom.errors import Diagnostic, Diagnostics, Level, SourceError
from pressroom.model import Release
from pressroom.parallel import Progress, run_tasks, start_task
from pressroom.source import parse_source, source_fields

if TYPE_CHECKING:
    from pressroom.build import BuildReport

FEW_RAW = 8  # raw files ingested beside the cache loading (more: here, with progress)
WROTE_MD = ("created", "updated", "forced")  # ingest outcomes that wrote their .md file
SKIPPED = "release skipped: it is not published until the file is fixed"


class ContentState:
    """What a build knows of content/ between its steps. `sources` is the cache's record
    of it (what the last build parsed, which .md came from which raw file), updated."""

    def __init__(self, sources: dict[str, Any] | None = None):
        self.sources: dict[str, Any] = sources if sources is not None else {}
        self.changed_sources: set[str] = set()  # parsed files added, changed or gone
        self.read = False  # whether this build read the releases (else "parsed" is stale)
        self.scan: incremental.Scan | None = None  # scan_content's, content/ unchanged since


def ingest_pending(config: SiteConfig, report: BuildReport, state: ContentState,
                   progress: Progress | None = None,
                   meanwhile: Callable[[], None] | None = None, jobs: int = 1) -> None:
    """Ingest every raw .txt under content/ that has no .md yet or whose text changed.

    `meanwhile` is work this process may do while the loader runs in a process of its own
    (a build loads its cache): when a few raw files are to be ingested, the loader's first
    use costs a quarter of a second (pycountry, its patterns), time the build need not
    wait. Called once either way, when something is to be ingested. Many raw files are
    loaded over `jobs` processes.
    """
    content = config.content_path
    if not content.is_dir():
        return
    md_files, txt_files, outside = state.scan = incremental.scan_content(content)
    for path in outside:
        if path.suffix == ".txt":
            report.diagnostics.warning(path, None, "skipped: a link pointing outside content/")
    if not txt_files:
        return  # nothing to ingest: no need to learn which .md came from which text
    from pressroom.ingest import Ingester, scan_sources

    memo = state.sources.setdefault("md_sources", {})
    known = scan_sources(content, md_files, memo)
    checked = state.sources.setdefault("txt_checked", {})
    ingester = Ingester(content, known=known, vocabulary=config.tags.vocabulary)
    work: list[tuple[Path, str]] = []
    for raw, key in txt_files:
        source = raw.relative_to(content).as_posix()
        found = known.get(source)
        previous = checked.get(source)
        if previous is not None and found is not None and previous == (key, found.file,
                                                                       found.sha) \
                and fresh(key, state.sources.get("written_ns", 0)):
            continue  # unchanged since a build found it ingested
        if ingester.needs_ingest(raw, source):
            work.append((raw, source))
        else:
            checked[source] = (key, found.file, found.sha) if found else None
    if not work:
        return

    def ingest_all(show: Progress | None, processes: int) -> list[Any]:
        outcomes = []
        for number, outcome in enumerate(ingester.ingest_all(work, processes), 1):
            outcomes.append(outcome)
            if show:
                show("ingest", number, len(work))
        ingester.save()
        return outcomes

    if meanwhile is not None and len(work) <= FEW_RAW:
        waiting = start_task(lambda: ingest_all(None, 1))  # no progress bar for a few files
        try:
            meanwhile()
        finally:  # (also when that failed: the ingest is over before the build gives up)
            outcomes = waiting()
    else:
        if meanwhile is not None:
            meanwhile()
        outcomes = ingest_all(progress, jobs)
    for (_, source), outcome in zip(work, outcomes, strict=True):
        if state.scan is not None:  # the .md it wrote joins the scan (else: scan again)
            state.scan = incremental.scan_with(state.scan, outcome.md) \
                if outcome.md is not None and outcome.action in WROTE_MD else None
        report.ingested.append(outcome)
        report.diagnostics.extend(outcome.diagnostics)
        checked.pop(source, None)


def _parse_file(path: str, shown: str) -> tuple[Any, bytes, tuple[str | None, str | None] | None]:
    """A release (or the Diagnostic saying why not), the digest of the file's bytes, and
    its `source` fields as ingest reads them (`source.source_fields`; None: unread)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return Diagnostic(Level.ERROR, shown, None, f"cannot read: {exc.strerror}"), b"", None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Diagnostic(Level.ERROR, shown, None,
                          f"not UTF-8 text (byte {exc.start}) ({SKIPPED})"), b"", None
    fields = source_fields(text)
    try:
        release = parse_source(text, shown)
    except SourceError as exc:
        diag = exc.diagnostic
        return (Diagnostic(diag.level, diag.path, diag.line, f"{diag.message} ({SKIPPED})"),
                b"", fields)
    return release, digest(data, shown), fields


def read_releases(config: SiteConfig, diags: Diagnostics) -> list[Release]:
    """Every .md release under content/; a file that cannot be read is reported and skipped."""
    return read_sources(config, diags, ContentState(), jobs=1)[0]


def read_sources(config: SiteConfig, diags: Diagnostics, state: ContentState, jobs: int,
                 ) -> tuple[list[Release], dict[str, bytes]]:
    """The releases of content/ in the scan's order, and the digest of each one's file
    (by its shown path); files unchanged since `state.sources` recorded them are not
    parsed again, the others over `jobs` processes."""
    content = config.content_path
    if not content.is_dir():
        diags.warning(content, None, "no content folder: the site has no releases")
        return [], {}
    md_files, _, outside = state.scan or incremental.scan_content(content)
    for path in outside:
        if path.suffix == ".md":
            diags.warning(shown_path(config, path), None,
                          "skipped: a link pointing outside content/")
    old: dict[str, Any] = state.sources.get("parsed", {})
    recorded: dict[str, int] = state.sources.get("parsed_ns", {})
    parsed: dict[str, Any] = {}
    todo: list[tuple[str, incremental.Key, str]] = []
    names = [shown_path(config, path) for path, _ in md_files]
    for (path, key), name in zip(md_files, names, strict=True):
        hit = old.get(name)
        if hit is not None and hit[0] == key and fresh(key, recorded.get(name, 0)):
            parsed[name] = hit
        else:
            todo.append((path, key, name))
    state.changed_sources.update(name for _, _, name in todo)
    state.changed_sources.update(set(old) - set(parsed) - {s for _, _, s in todo})
    if todo:
        chunk = max(64, len(todo) // (4 * jobs) + 1)
        groups = [todo[i:i + chunk] for i in range(0, len(todo), chunk)]

        def parse_group(number: int) -> list[tuple]:
            return [(path, name, key, *_parse_file(path, name)) for path, key, name in
                    groups[number]]

        # What each file says it was made from, for the next ingest (ingest.scan_sources
        # reads it from the files it has no record of: a quarter of a second at 10,000).
        sources = state.sources.setdefault("md_sources", {})
        for results in run_tasks(parse_group, len(groups),
                                 jobs if len(todo) > parallel.PARALLEL_MIN else 1):
            for path, name, key, result, data_digest, fields in results:
                parsed[name] = (key, result, data_digest)
                if fields is not None:
                    sources[path] = (key, *fields)
    releases: list[Release] = []
    digests: dict[str, bytes] = {}
    for name in names:
        hit = parsed.get(name)
        if hit is None:
            continue
        _, result, data_digest = hit
        if isinstance(result, Diagnostic):
            diags.items.append(result)
        else:
            releases.append(result)
            digests[name] = data_digest
    state.sources["parsed"] = parsed
    learned = state.sources.get("md_sources")
    if learned is not None and len(learned) > len(md_files):  # some .md files are gone
        state.sources["md_sources"] = {path: learned[path] for path, _ in md_files
                                       if path in learned}
    state.read = True
    return releases, digests


def shown_path(config: SiteConfig, path: str | Path) -> str:
    """`path` as messages show it: relative to the site folder where it is inside it."""
    text, root = str(path), str(config.root)
    if text.startswith(root) and text[len(root):len(root) + 1] == os.sep and root != ".":
        return text[len(root) + 1:]  # what relative_to gives, without its path objects
    try:
        return str(Path(path).relative_to(config.root))
    except ValueError:
        return str(path)
