"""One build, as a list of steps: ingest new raw text, read, index, render, write, swap.

The other outputs (feeds, sitemap and robots.txt, the search index) come from their own
modules as {output path: bytes}; this module only orders the steps and writes.

Builds are incremental (see cache.py and depends.py): release files are parsed again only
when they changed; a page is rendered only when its fingerprint (everything it shows)
changed or its file in the output is not the one the last build wrote, and is otherwise
linked from the last build; when no input changed at all and the output is intact, the
build stops early. Pages are rendered by `jobs` forked processes. `clean=True` ignores
the cache: the output is then what any build gives, only slower to get.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressroom import incremental
from pressroom.cache import Cache, fresh, partial_cards, partial_shard
from pressroom.config import CONFIG_NAME, SiteConfig
from pressroom.errors import Diagnostic, Diagnostics, Level, PressroomError, SourceError
from pressroom.files import is_within
from pressroom.model import Release
from pressroom.names import known_country_codes, learn_country_codes
from pressroom.parallel import default_jobs, detach, run_tasks, start_task
from pressroom.source import DRAFT_WITHOUT_DATE, parse_source
from pressroom.theme import theme_dir
from pressroom.urls import ROBOTS, SITEMAP, file_for, is_absolute

if TYPE_CHECKING:
    from pressroom.archive import Archive
    from pressroom.ingest import IngestOutcome
    from pressroom.render import Page, PartialStore
    from pressroom.writer import SiteWriter, Stamp

Progress = Callable[[str, int, int], None]
PAGES_PER_TASK = 48  # pages one worker renders per task: enough to outweigh the hand-over
FEW_EDITS = 10  # releases edited (none added, moved or removed): the partial store waits
FEW_RAW = 8  # raw files ingested beside the cache loading (more: here, with progress)
PARALLEL_MIN = 200  # fewer pages (or files to parse) than this are not worth a fork


class BuildError(PressroomError):
    """The build cannot start or finish (bad output folder, another build running)."""


@dataclass
class BuildReport:
    output: Path
    releases: int = 0
    pages: int = 0
    written: int = 0
    seconds: float = 0.0
    ingested: list[IngestOutcome] = field(default_factory=list)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    rendered: int = 0  # pages rendered by this build (the others were kept)
    unchanged: bool = False  # no input changed: the output was only checked


def check_output(config: SiteConfig, output: Path) -> None:
    """Refuse an output folder that is, or contains, the project or its sources."""
    protected = [config.root, config.content_path, config.root / "templates",
                 config.root / "static"]
    out = output.resolve()
    for folder in protected:
        if is_within(folder, out):
            raise BuildError(f"refusing to build into {output}: it is or contains {folder}, "
                             "whose files would be replaced")
    if is_within(out, config.content_path) or is_within(out, config.root / "templates") \
            or is_within(out, config.root / "static"):
        raise BuildError(f"refusing to build into {output}: it lies inside the site's sources")


@dataclass
class Lock:
    """A held build lock. `hand_over` passes it to a process that outlives this one."""

    fd: int
    handed_over: bool = False

    def hand_over(self, task: Callable[[], None]) -> bool:
        """Run `task` in a process of its own that holds the lock until it is done (the
        next build waits for it); False where that cannot be done (see parallel.detach)."""
        self.handed_over = detach(task, keep=(self.fd,))
        return self.handed_over


@contextmanager
def build_lock(output: Path) -> Iterator[Lock]:
    """One build at a time per output folder; a second one waits for the first."""
    output.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output.parent / f".{output.name}.lock"
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        lock = Lock(handle.fileno())
        try:
            yield lock
        finally:
            if not lock.handed_over:  # else the lock goes when that process ends
                fcntl.flock(handle, fcntl.LOCK_UN)


# -- the content folder -----------------------------------------------------------------

def ingest_pending(config: SiteConfig, report: BuildReport,
                   progress: Progress | None = None, state: _State | None = None,
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
    state = state or _State(config)
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


# -- reading releases -------------------------------------------------------------------

WROTE_MD = ("created", "updated", "forced")  # ingest outcomes that wrote their .md file
SKIPPED = "release skipped: it is not published until the file is fixed"

def _parse_file(path: Path, shown: str) -> tuple[Any, bytes]:
    """A release (or the Diagnostic saying why not) and the digest of the file's bytes."""
    from pressroom.digest import digest

    try:
        data = path.read_bytes()
    except OSError as exc:
        return Diagnostic(Level.ERROR, shown, None, f"cannot read: {exc.strerror}"), b""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Diagnostic(Level.ERROR, shown, None,
                          f"not UTF-8 text (byte {exc.start}) ({SKIPPED})"), b""
    try:
        release = parse_source(text, shown)
    except SourceError as exc:
        diag = exc.diagnostic
        return Diagnostic(diag.level, diag.path, diag.line, f"{diag.message} ({SKIPPED})"), b""
    return release, digest(data, shown)


def read_releases(config: SiteConfig, diags: Diagnostics) -> list[Release]:
    """Every .md release under content/; a file that cannot be read is reported and skipped."""
    return _read(config, diags, _State(config, cache=False), jobs=1)[0]


def _read(config: SiteConfig, diags: Diagnostics, state: _State, jobs: int,
          ) -> tuple[list[Release], dict[str, bytes]]:
    content = config.content_path
    if not content.is_dir():
        diags.warning(content, None, "no content folder: the site has no releases")
        return [], {}
    md_files, _, outside = state.scan or incremental.scan_content(content)
    for path in outside:
        if path.suffix == ".md":
            diags.warning(_shown(config, path), None, "skipped: a link pointing outside content/")
    old: dict[str, Any] = state.sources.get("parsed", {})
    recorded: dict[str, int] = state.sources.get("parsed_ns", {})
    parsed: dict[str, Any] = {}
    todo: list[tuple[Path, incremental.Key, str]] = []
    names = [_shown(config, path) for path, _ in md_files]
    for (path, key), shown in zip(md_files, names, strict=True):
        hit = old.get(shown)
        if hit is not None and hit[0] == key and fresh(key, recorded.get(shown, 0)):
            parsed[shown] = hit
        else:
            todo.append((Path(path), key, shown))
    state.changed_sources.update(shown for _, _, shown in todo)
    state.changed_sources.update(set(old) - set(parsed) - {s for _, _, s in todo})
    if todo:
        chunk = max(64, len(todo) // (4 * jobs) + 1)
        groups = [todo[i:i + chunk] for i in range(0, len(todo), chunk)]

        def parse_group(number: int) -> list[tuple[str, incremental.Key, Any, bytes]]:
            return [(shown, key, *_parse_file(path, shown)) for path, key, shown in
                    groups[number]]

        for results in run_tasks(parse_group, len(groups), jobs if len(todo) > PARALLEL_MIN else 1):
            for shown, key, result, data_digest in results:
                parsed[shown] = (key, result, data_digest)
    releases: list[Release] = []
    digests: dict[str, bytes] = {}
    for shown in names:
        hit = parsed.get(shown)
        if hit is None:
            continue
        _, result, data_digest = hit
        if isinstance(result, Diagnostic):
            diags.items.append(result)
        else:
            releases.append(result)
            digests[shown] = data_digest
    state.sources["parsed"] = parsed
    state.read = True
    return releases, digests


def _shown(config: SiteConfig, path: str | Path) -> str:
    """`path` as messages show it: relative to the site folder where it is inside it."""
    text, root = str(path), str(config.root)
    if text.startswith(root) and text[len(root):len(root) + 1] == os.sep and root != ".":
        return text[len(root) + 1:]  # what relative_to gives, without its path objects
    try:
        return str(Path(path).relative_to(config.root))
    except ValueError:
        return str(path)


# -- the build --------------------------------------------------------------------------

class _State:
    """The cache as one build uses it: what it loaded, and what it will save."""

    def __init__(self, config: SiteConfig, output: Path | None = None, cache: bool = True):
        self.cache = Cache(config.root, output or config.output_path, enabled=cache)
        self.sources: dict[str, Any] = self.cache.load_sources()
        self.sources.pop("stamp", None)
        self.changed_sources: set[str] = set()  # parsed files added, changed or gone
        self.read = False  # whether this build read the releases (else "parsed" is stale)
        self.record: dict[str, Any] = self.cache.load_output()
        self.related: Any = None
        self.derived: dict[str, Any] = {}
        self.scan: Any = None  # scan_content's answer, while content/ is unchanged
        self.search: Any = None  # the staged search state (cache.stage_search)
        self.templates: Any = None  # what each template's text refers to (depends.py)
        self.partials: Callable[[], tuple] | None = None  # the partial store to keep
        self.loaded = False

    def load_releases(self, partials: bool = False) -> None:
        """The parsed releases and what was derived from them, as the last build kept them
        (and the partial store's files, with `partials`)."""
        if not self.loaded:
            collecting = gc.isenabled()
            gc.disable()  # objects for the whole build, no garbage (see _build)
            try:
                self.cache.load_parsed(self.sources)
                self.derived = self.cache.load_derived() if self.record else {}
                if partials and self.record:
                    self.cache.prefetch_partials()
            finally:
                if collecting:
                    gc.enable()
            self.loaded = True

    def while_ingesting(self) -> None:
        """The work a build can do before new raw files are ingested (while a few are,
        in a process of its own): load the cache, and import the modules it needs next.
        The loader's first use takes a quarter of a second, so this process would wait."""
        self.load_releases(partials=True)
        import pressroom.archive  # noqa: F401
        import pressroom.depends  # noqa: F401
        import pressroom.feeds  # noqa: F401
        import pressroom.render  # noqa: F401
        import pressroom.search  # noqa: F401
        import pressroom.writer  # noqa: F401


def build(config: SiteConfig, output: Path | None = None,
          progress: Progress | None = None, jobs: int | None = None,
          clean: bool = False, exiting: bool = False) -> BuildReport:
    """Build the whole site into `output` (default: the config's output folder).

    `exiting`: the caller ends its process right after (the command line). The build's
    objects are then left for the exit to drop instead of being freed one by one when
    this returns (0.2 s at 10,000 releases; see `cli.run`).
    """
    started = time.perf_counter()
    output = output or config.output_path
    check_output(config, output)
    report = BuildReport(output=output)
    jobs = jobs or default_jobs()
    with build_lock(output) as lock, _few_collections():
        state = _State(config, output, cache=not clean)
        if exiting:
            _LEFT_FOR_EXIT.append(state)
        # New raw text will change the site: the cache is loaded while it is ingested
        # (with the partial store, which a build that adds a release loads).
        ingest_pending(config, report, progress, state,
                       meanwhile=state.while_ingesting if state.cache.enabled else None,
                       jobs=jobs)
        signature = incremental.signature(config, output) if not clean else None
        if signature is not None and incremental.unchanged(signature, state.record) \
                and incremental.intact(output, state.record.get("files", {})):
            _replay(report, state.record)
            state.cache.save_sources(state.sources, set())
        else:
            finish = _build(config, output, report, state, jobs, signature, progress)
            # The new site is in place. Saving the cache and removing the old tree are
            # left to a process that holds the build lock until it is done, so the
            # command returns now (about 0.5 s sooner at 10,000 releases); where no such
            # process can be made (the preview server), they are done here.
            if finish is not None and not lock.hand_over(finish):
                finish()
    report.seconds = time.perf_counter() - started
    return report


_LEFT_FOR_EXIT: list[_State] = []


@contextmanager
def _few_collections() -> Iterator[None]:
    """The cyclic garbage collector rarely: a build makes millions of long-lived objects,
    and each full collection walks them all (forked workers also share more memory).
    `_build` turns it off while it reads and plans (see there)."""
    before = gc.get_threshold()
    collecting = gc.isenabled()
    frozen = gc.get_freeze_count()
    gc.set_threshold(50_000, 50, 1000)
    try:
        yield
    finally:
        if not frozen:  # what the build set aside may go (the preview server builds on)
            gc.unfreeze()
        if collecting:
            gc.enable()
        else:
            gc.disable()
        gc.set_threshold(*before)


def _replay(report: BuildReport, record: dict[str, Any]) -> None:
    """Nothing changed: the report of the build that made the output."""
    report.unchanged = True
    report.releases = record["releases"]
    report.pages = record["pages"]
    report.diagnostics.extend(record["diagnostics"])


def _build(config: SiteConfig, output: Path, report: BuildReport, state: _State, jobs: int,
           signature: incremental.Signature | None, progress: Progress | None,
           ) -> Callable[[], None] | None:
    """Build and swap in the site; returns what is left to do: save the cache and remove
    the old tree (None: nothing)."""
    from pressroom.archive import build_archive
    from pressroom.writer import SiteWriter, remove_tree

    # Until the pages are rendered (_write_site), this process only makes objects that
    # last the whole build (cache, releases, archive, plan) and almost no garbage: the
    # collector would walk them again and again for nothing (about 0.2 s at 10,000
    # releases, before anything runs beside it).
    gc.disable()
    state.load_releases()

    releases, digests = _read(config, report.diagnostics, state, jobs)
    _warn_drafts(releases, report.diagnostics)
    learn_country_codes(state.derived.get("countries"))
    archive = build_archive(releases)
    report.diagnostics.extend(archive.diagnostics)
    report.releases = len(archive.entries)
    _check_base_url(config, report.diagnostics)
    state.cache.forget_output()
    with SiteWriter(output) as writer:
        files = _write_site(config, archive, digests, writer, report, state, jobs, progress)
        old_tree = writer.commit(remove_old=False)
    report.written = writer.written
    trash = [path for path in (old_tree, *writer.leftovers) if path is not None]
    record = {"signature": signature, "files": files, "releases": report.releases,
              "pages": report.pages, "diagnostics": list(report.diagnostics.items)}

    def finish() -> None:
        record["search"] = state.cache.keep_search(state.search)  # the state it may use
        state.cache.save_output(record, {
            "related": state.related.save() if state.related else None,
            "templates": state.templates,
            "countries": known_country_codes(),
        })
        if state.partials is not None:
            state.cache.save_partials(*state.partials())
        state.cache.save_sources(state.sources, state.changed_sources if state.read else set())
        remove_tree(*trash)

    return finish if state.cache.enabled or trash else None


def _write_site(config: SiteConfig, archive: Archive, digests: dict[str, bytes],
                writer: SiteWriter, report: BuildReport, state: _State, jobs: int,
                progress: Progress | None) -> dict[str, tuple]:
    from pressroom.depends import Fingerprints, TemplateDigests
    from pressroom.digest import digest
    from pressroom.feeds import feed_files, feed_specs
    from pressroom.markup import Markdown
    from pressroom.render import MEMO_PARTIALS, PartialStore, make_env, plan_pages
    from pressroom.search import search_update

    old_files: dict[str, tuple] = state.record.get("files", {})

    def search_index() -> tuple[list[tuple[str, bool, Stamp]], tuple[Path, str] | None]:
        """The search index, staged, and its state for the next build (also staged)."""
        previous = state.cache.load_previous_search(state.record.get("search"))
        read_old = incremental.old_reader(writer.output, old_files)
        files, search_state = search_update(archive, config.date_format, previous, read_old)
        staged = _stage_search(writer, files, old_files)
        if staged is None:  # a file to keep is gone from the output: make them all
            files, search_state = search_update(archive, config.date_format)
            staged = _stage_search(writer, files, old_files)
        assert staged is not None
        return staged, state.cache.stage_search(search_state)

    # The search index needs only the archive: it is made in a process of its own from
    # now on, beside the planning and the pages, when the site is big enough for it.
    big = jobs > 1 and len(archive.entries) > 2 * PARALLEL_MIN
    searching = start_task(search_index) if big else None
    related = incremental.related_releases(archive, state.derived)
    state.related = related
    pages = plan_pages(archive, config, related)
    report.pages = len(pages)
    env = make_env(config)
    templates = TemplateDigests(env, config.root / "templates", state.derived.get("templates"))
    prints = Fingerprints(archive, config, templates,
                          digests, related)
    fingerprints: dict[str, bytes] = {}  # the workers compute the pages' as they go
    specs = []
    for spec in feed_specs(archive, config):
        path, entries, title, _ = spec
        fingerprint = fingerprints[path] = digest(prints.base, path, title,
                                                  prints.cards(entries))
        if not incremental.reuse(writer, path, fingerprint, old_files):
            specs.append(spec)
    located = _located(pages)
    fingerprint = digest(prints.base, located)
    kept = [path for path in (SITEMAP, ROBOTS)
            if incremental.reuse(writer, path, fingerprint, old_files)]
    fingerprints.update({SITEMAP: fingerprint, ROBOTS: fingerprint})

    def other_files() -> dict[str, bytes]:
        """Feeds and sitemap: one task, beside the pages when there is much to do."""
        files = feed_files(archive, config, Markdown(), specs)
        if len(kept) < 2:
            from pressroom.sitemap import sitemap_files  # (only when it changed)

            files.update({k: v for k, v in sitemap_files(located, config).items()
                          if k not in kept})
        return files

    prints.card(archive.entries[0]) if archive.entries else None  # all cards, before forking
    scope = digest(prints.base, [prints.templates.closure(name)[0] for name in MEMO_PARTIALS])
    # When a few releases were edited and none added, moved or removed, only the pages
    # showing them change: rendering their few list entries again costs less than
    # loading the partial store (which is then left as it is on disk).
    few = related.settled and len(state.changed_sources) <= FEW_EDITS
    kept_partials = state.cache.load_partials(scope) if state.record and not few else {}
    store = PartialStore(prints.lasting, dict(kept_partials))
    # Feeds and sitemap: in a process of their own when there is much to do, else here
    # while the workers render.
    others = start_task(other_files) if big and len(specs) > 10 else None
    made_here: list[dict[str, bytes]] = []
    # Rendering makes garbage: the collector is on again (off since _build began reading),
    # but what exists now lasts until the build ends and is set aside (gc.freeze), so no
    # collection walks it, here or in the workers (whose memory pages it would copy).
    gc.freeze()
    gc.enable()
    report.rendered = _render(config, pages, writer, jobs, progress, prints, fingerprints,
                              related, old_files, store,
                              state.cache.bytecode_folder(prints.base.hex()[:16]),
                              meanwhile=None if others else lambda: made_here.append(
                                  other_files()))
    state.templates = templates.known()
    if not few:
        def partials_to_keep() -> tuple:  # (worked out by the process that saves them)
            current = _current(store.known, prints.all_cards())
            return (scope, current, {partial_shard(key) for key in
                                     current.keys() ^ kept_partials.keys()}
                    if kept_partials else None)

        state.partials = partials_to_keep
    _write_files(writer, others() if others else made_here[0])  # (run_tasks calls meanwhile)
    staged, state.search = searching() if searching else search_index()
    for path, written, stamped in staged:
        writer.record(path, written, stamped)
    _copy_static(config, writer)
    return {path: (fingerprints.get(path), *stamped) for path, stamped in writer.stats.items()}


def _render(config: SiteConfig, pages: list[Page], writer: SiteWriter, jobs: int,
            progress: Progress | None, prints: Any, fingerprints: dict[str, bytes],
            related: Any, old_files: dict[str, tuple], store: PartialStore,
            bytecode: Path | None, meanwhile: Callable[[], None] | None = None) -> int:
    """Stage every page: link the last build's file where the page's fingerprint is the
    same and the file intact, else render it; over `jobs` processes. Returns how many
    pages were rendered.

    Pages without a fingerprint yet get one from the worker that renders them, and the
    related releases a worker computed come back with it, for the cache; so do the list
    partials a worker rendered, which `store` gains.
    """
    from pressroom.markup import Markdown
    from pressroom.render import make_env, render_page
    from pressroom.writer import check_relpath, keep_file, stage_file, stamp

    staging = str(writer.staging)
    output = str(writer.output) if writer.output.exists() else None
    relpaths = [file_for(page.path) for page in pages]
    for relpath in relpaths:
        check_relpath(relpath)
    envs: list[Any] = []

    def environment() -> Any:
        if not envs:
            envs.append(make_env(config, Markdown(), bytecode))
            envs[0].partial_store = store
            if not config.use_directory_urls:  # links name each page's index.html
                envs[0].page_files = frozenset(page.path for page in pages)
        return envs[0]

    # An incremental build of a small site works out every page's fingerprint here, and
    # when few pages changed it renders them in this process (forking costs more than
    # they do). On a big site the workers share that work: fingerprints (and related
    # releases), links to the pages kept, and the pages changed.
    known: dict[int, bytes] = {}
    tasks = _chunks(list(range(len(pages))), PAGES_PER_TASK)
    if old_files and output is not None and (jobs == 1 or len(pages) <= 10 * PARALLEL_MIN):
        todo, kept = [], []
        for index, page in enumerate(pages):
            fingerprint = known[index] = prints.page(page)
            old = old_files.get(relpaths[index])
            (kept if old is not None and old[0] == fingerprint else todo).append(index)
        if len(todo) <= PARALLEL_MIN:
            jobs = 1
        # About the same work in every task: a page kept costs a link, one rendered more.
        tasks = _chunks(todo, PAGES_PER_TASK) + _chunks(kept, 16 * PAGES_PER_TASK)
    elif old_files:
        tasks = _chunks(list(range(len(pages))), 8 * PAGES_PER_TASK)

    def stage_chunk(number: int) -> tuple[list[tuple], dict[tuple, Any]]:
        done = []
        made: set[str] = set()
        for index in tasks[number]:
            page = pages[index]
            relpath = relpaths[index]
            old = old_files.get(relpath)
            fingerprint = known.get(index) or prints.page(page)
            entry = page.context.get("entry") if page.template == "release.html" else None
            others = [r.number for r in related(entry)] if entry is not None else None
            if output is not None and old is not None and old[0] == fingerprint \
                    and keep_file(staging, output, relpath, old[1:], made) is not None:
                done.append((index, None, old[1:], fingerprint, others))
                continue
            html = render_page(environment(), page)
            written, stat = stage_file(staging, output, relpath, html.encode())
            done.append((index, written, stamp(stat), fingerprint, others))
        return done, store.take_new()

    finished = rendered = 0
    entries = prints.archive.entries
    parallel = jobs if len(pages) > PARALLEL_MIN else 1
    if parallel > 1 and not old_files:
        # A whole build: templates are compiled once, here, not once in every worker; one
        # page of each kind is rendered (and thrown away) before the workers fork.
        for page in {page.template: page for page in reversed(pages)}.values():
            render_page(environment(), page)
    made = store.take_new()  # forked workers would send these back again
    for results, new in run_tasks(stage_chunk, len(tasks), parallel, meanwhile):
        made.update(new)
        for index, written, stat, fingerprint, others in results:
            relpath = relpaths[index]
            writer.record(relpath, bool(written), stat)
            if fingerprint is not None:
                fingerprints[relpath] = fingerprint
            rendered += written is not None
            if others is not None:
                related.remember(pages[index].context["entry"], [entries[n] for n in others])
        finished += len(results)
        if progress:
            progress("render", finished, len(pages))
    store.known.update(made)
    return rendered


def _stage_search(writer: SiteWriter, files: dict[str, bytes | None],
                  old_files: dict[str, tuple]) -> list[tuple[str, bool, Stamp]] | None:
    """Stage the search index's files (None: the last build's file, linked); what was
    staged, for `writer.record`, or None when a file to keep is not as the last build left
    it (the caller then stages the whole index again: stage_file replaces what is there).
    Safe in a process other than the writer's."""
    from pressroom.writer import check_relpath, keep_file, stage_file, stamp

    staging = str(writer.staging)
    output = str(writer.output) if writer.output.exists() else None
    staged = []
    made: set[str] = set()
    for path, data in sorted(files.items()):
        check_relpath(path)
        if data is None:
            old = old_files.get(path)
            kept = keep_file(staging, output, path, old[1:], made) \
                if old is not None and output is not None else None
            if kept is None:
                return None
            staged.append((path, False, stamp(kept)))
        else:
            written, stat = stage_file(staging, output, path, data)
            staged.append((path, written, stamp(stat)))
    return staged


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _current(store: dict[tuple, Any], cards: list[bytes]) -> dict[tuple, Any]:
    """The partial store without what no release of the archive shows any more.

    A key names the cards it was made from (cache.partial_cards).
    """
    valid = set(cards)
    return {key: value for key, value in store.items()
            if all(card in valid for card in partial_cards(key))}


def _warn_drafts(releases: list[Release], diags: Diagnostics) -> None:
    for release in releases:
        if release.draft and release.date is None:
            diags.items.append(Diagnostic(Level.WARNING, release.path, None,
                                          DRAFT_WITHOUT_DATE))


def _check_base_url(config: SiteConfig, diags: Diagnostics) -> None:
    if not is_absolute(config.base_url):
        diags.add(Level.INFO, config.path or CONFIG_NAME, None,
                  f"base_url '{config.base_url}' has no host: feed and sitemap links are "
                  "site-relative; set base_url to the full URL where the site is published")


def _located(pages: list[Page]) -> list[tuple[str, dt.date | None]]:
    """What the sitemap lists: every page a reader may land on (not the 404 page)."""
    return [(page.path, page.updated) for page in pages if not page.absolute_links]


def _write_files(writer: SiteWriter, files: dict[str, bytes]) -> None:
    for path, data in sorted(files.items()):
        writer.write(path, data)


def _copy_static(config: SiteConfig, writer: SiteWriter) -> None:
    """The theme's static files, then the site's own, which win by name."""
    files: dict[str, Path] = {}
    for folder in (theme_dir() / "static", config.root / "static"):
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and is_within(path, folder):
                    files[path.relative_to(folder).as_posix()] = path
    for rel, path in sorted(files.items()):
        writer.copy_file(path, "static/" + rel)
