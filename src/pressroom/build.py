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
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressroom import incremental, parallel
from pressroom.cache import Cache, partial_cards, partial_shard
from pressroom.config import CONFIG_NAME, SiteConfig
from pressroom.content import ContentState, ingest_pending, read_sources
from pressroom.digest import digest
from pressroom.errors import Diagnostic, Diagnostics, Level, PressroomError
from pressroom.files import is_within
from pressroom.model import Release
from pressroom.names import known_country_codes, learn_country_codes
from pressroom.parallel import Progress, default_jobs, detach, start_task
from pressroom.slugs import known_slugs, learn_slugs
from pressroom.source import DRAFT_WITHOUT_DATE
from pressroom.staging import stage_pages, stage_search
from pressroom.theme import theme_dir
from pressroom.urls import ROBOTS, SITEMAP, is_absolute

if TYPE_CHECKING:
    from pressroom.archive import Archive
    from pressroom.ingest import IngestOutcome
    from pressroom.plan import Page
    from pressroom.writer import SiteWriter, Stamp

FEW_EDITS = 10  # releases edited (none added, moved or removed): the partial store waits


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


# -- the build --------------------------------------------------------------------------

class _State(ContentState):
    """The cache as one build uses it: what it loaded, and what it will save."""

    def __init__(self, config: SiteConfig, output: Path | None = None, cache: bool = True):
        self.cache = Cache(config.root, output or config.output_path, enabled=cache)
        super().__init__(self.cache.load_sources())
        self.sources.pop("stamp", None)
        self.record: dict[str, Any] = self.cache.load_output()
        self.related: Any = None
        self.derived: dict[str, Any] = {}
        self.search: Any = None  # the staged search state (cache.stage_search)
        self.templates: Any = None  # what each template's text refers to (depends.py)
        self.partials: Callable[[], tuple] | None = None  # the partial store to keep
        # The build's big objects (releases, archive, plan, partials), kept as long as
        # this state: freeing them one by one takes 0.1-0.2 s at 10,000 releases, which
        # a build that ends its process (`build(exiting=True)`) leaves to the exit.
        self.lasting: list[Any] = []
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
                    # What was loaded lasts the whole build: set aside (until the build
                    # ends, see _few_collections), or the next collection would walk all
                    # of it (0.2 s at 10,000 releases, while a new raw file is ingested).
                    gc.freeze()
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
        ingest_pending(config, report, state, progress,
                       meanwhile=state.while_ingesting if state.cache.enabled else None,
                       jobs=jobs)
        signature = incremental.signature(config, output, state.scan) if not clean else None
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
    from pressroom.writer import SiteWriter, make_spare, remove_tree, spare_files

    # Until the pages are rendered (_write_site), this process only makes objects that
    # last the whole build (cache, releases, archive, plan) and almost no garbage: the
    # collector would walk them again and again for nothing (about 0.2 s at 10,000
    # releases, before anything runs beside it).
    gc.disable()
    state.load_releases()

    releases, digests = read_sources(config, report.diagnostics, state, jobs)
    _warn_drafts(releases, report.diagnostics)
    learn_country_codes(state.derived.get("countries"))
    learn_slugs(state.derived.get("slugs"))
    archive = build_archive(releases)
    state.lasting.append((releases, archive))
    report.diagnostics.extend(archive.diagnostics)
    report.releases = len(archive.entries)
    _check_base_url(config, report.diagnostics)
    old_files = state.record.get("files")
    state.cache.forget_output()
    spare_record = spare_files(state.derived.get("spare"), old_files) \
        if state.cache.enabled else None
    with SiteWriter(output, spare_record) as writer:
        files = _write_site(config, archive, digests, writer, report, state, jobs, progress)
        old_tree = writer.commit(remove_old=False)
    report.written = writer.written
    # The site just replaced is what the next build stages into (writer.make_spare),
    # when this build's record tells what it holds.
    spare = old_tree if state.cache.enabled and isinstance(old_files, dict) and old_files \
        else None
    trash = [path for path in (old_tree, *writer.leftovers)
             if path is not None and path != spare]
    record = {"signature": signature, "files": files, "releases": report.releases,
              "pages": report.pages, "diagnostics": list(report.diagnostics.items)}
    # Taken here, not in `finish`: that may run in a process of its own, and this one
    # must forget what it used (or the record grows with every build it makes).
    slug_record = known_slugs()

    def finish() -> None:
        record["search"] = state.cache.keep_search(state.search)  # the state it may use
        state.cache.save_output(record, {
            # (made first: the record, saved last, vouches for it)
            "spare": make_spare(spare, writer.spare, old_files, files)
            if spare is not None else None,
            "related": state.related.save() if state.related else None,
            "templates": state.templates,
            "countries": known_country_codes(),
            "slugs": slug_record,
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
    from pressroom.feeds import feed_files, feed_specs
    from pressroom.markup import Markdown
    from pressroom.plan import plan_pages
    from pressroom.render import MEMO_PARTIALS, PartialStore, make_env
    from pressroom.search import search_update

    old_files: dict[str, tuple] = state.record.get("files", {})

    def search_index() -> tuple[list[tuple[str, bool, Stamp]], tuple[Path, str] | None]:
        """The search index, staged, and its state for the next build (also staged)."""
        previous = state.cache.load_previous_search(state.record.get("search"))
        read_old = incremental.old_reader(writer.output, old_files)
        files, search_state = search_update(archive, config.date_format, previous, read_old,
                                            digests)
        staged = stage_search(writer, files, old_files)
        if staged is None:  # a file to keep is gone from the output: make them all
            files, search_state = search_update(archive, config.date_format)
            staged = stage_search(writer, files, old_files)
        assert staged is not None
        return staged, state.cache.stage_search(search_state)

    # The search index needs only the archive: it is made in a process of its own from
    # now on, beside the planning and the pages, when the site is big enough for it.
    big = jobs > 1 and len(archive.entries) > 2 * parallel.PARALLEL_MIN
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
    report.rendered = stage_pages(config, pages, writer, jobs, progress, prints, fingerprints,
                              related, old_files, store,
                              state.cache.bytecode_folder(prints.base.hex()[:16]),
                              meanwhile=None if others else lambda: made_here.append(
                                  other_files()))
    state.templates = templates.known()
    state.lasting.append((pages, prints, store, kept_partials, env, located))
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
