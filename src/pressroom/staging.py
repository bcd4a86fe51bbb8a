"""The new site's pages and search files, staged beside the live site.

A page whose fingerprint is the one the last build recorded, and whose file is still the
one it wrote, is hard-linked from the live site; the others are rendered. When the
staging folder is the site before the last one (writer.SiteWriter, `make_spare`), a page
the same as there stays where it is. On a big site
forked workers share that work (see `stage_pages`); each writes its files into the
staging folder itself.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressroom import parallel
from pressroom.config import SiteConfig
from pressroom.parallel import Progress, run_tasks
from pressroom.urls import file_for

if TYPE_CHECKING:
    from pressroom.plan import Page
    from pressroom.render import PartialStore
    from pressroom.writer import SiteWriter, Stamp

PAGES_PER_TASK = 48  # pages one worker renders per task: enough to outweigh the hand-over
# The lists that show every release (the home page's pages) and every quote, in the
# default theme's list entries: staged first, before the workers fork (see stage_pages).
PRIMING = frozenset({"index.html", "quotes.html"})
# With more workers than this, staging those lists first would leave the other cores
# waiting longer than the workers would spend rendering the entries each (about 1 s of
# the one against 0.8 s of the others at 10,000 releases; only 2 cores were measured).
PRIMING_JOBS = 4


def stage_pages(config: SiteConfig, pages: list[Page], writer: SiteWriter, jobs: int,
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
    from pressroom.writer import Keeper, check_relpath, stage_file, stamp

    staging = str(writer.staging)
    output = str(writer.output) if writer.output.exists() else None
    reused = writer.reused  # the spare's files, when the staging folder is the spare
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
    few = 10 * parallel.PARALLEL_MIN
    if old_files and output is not None and (jobs == 1 or len(pages) <= few):
        todo, kept = [], []
        for index, page in enumerate(pages):
            fingerprint = known[index] = prints.page(page)
            old = old_files.get(relpaths[index])
            (kept if old is not None and old[0] == fingerprint else todo).append(index)
        if len(todo) <= parallel.PARALLEL_MIN:
            jobs = 1
        # About the same work in every task: a page kept costs a link, one rendered more.
        tasks = _chunks(todo, PAGES_PER_TASK) + _chunks(kept, 16 * PAGES_PER_TASK)
    elif old_files:
        tasks = _chunks(list(range(len(pages))), 8 * PAGES_PER_TASK)

    def stage_chunk(number: int) -> tuple[list[tuple], dict[tuple, Any]]:
        return stage(tasks[number])

    def stage(indexes: list[int]) -> tuple[list[tuple], dict[tuple, Any]]:
        done = []
        with Keeper(staging, output) as keep:
            for index in indexes:
                page = pages[index]
                relpath = relpaths[index]
                old = old_files.get(relpath)
                fingerprint = known.get(index) or prints.page(page)
                entry = page.context.get("entry") if page.template == "release.html" else None
                others = [r.number for r in related(entry)] if entry is not None else None
                spare = reused.get(relpath)
                if spare is not None and spare[0] == fingerprint:
                    stat = keep.in_place(relpath, spare[1:], old[1:] if old else None)
                    if stat is not None:
                        done.append((index, None, stamp(stat), fingerprint, others))
                        continue
                if old is not None and old[0] == fingerprint \
                        and keep(relpath, old[1:]) is not None:
                    done.append((index, None, old[1:], fingerprint, others))
                    continue
                html = render_page(environment(), page)
                written, stat = stage_file(staging, output, relpath, html.encode())
                done.append((index, written, stamp(stat), fingerprint, others))
        return done, store.take_new()

    finished = rendered = 0
    entries = prints.archive.entries
    processes = jobs if len(pages) > parallel.PARALLEL_MIN else 1
    primed: list[tuple[list[tuple], dict[tuple, Any]]] = []
    if processes > 1 and not old_files:
        # A whole build: templates are compiled once, here, not once in every worker; one
        # page of each kind is rendered (and thrown away) before the workers fork.
        for page in {page.template: page for page in reversed(pages)}.values():
            render_page(environment(), page)
        # So are the list entries of every release and every quote (the remembered
        # partials, see render.py), by staging here the lists that show them all: each
        # worker would otherwise render every entry it meets once more. That is done in
        # one process (beside the search index's), while more workers would wait: worth
        # it for a few workers only (PRIMING_JOBS).
        first = [index for index, page in enumerate(pages) if page.template in PRIMING] \
            if processes <= PRIMING_JOBS else []
        if first:
            primed.append(stage(first))
            gc.freeze()  # (what the workers inherit: no collection of theirs walks it)
            chosen = set(first)
            tasks = _chunks([i for i in range(len(pages)) if i not in chosen], PAGES_PER_TASK)
    made = store.take_new()  # forked workers would send these back again
    for results, new in itertools.chain(primed, run_tasks(stage_chunk, len(tasks), processes,
                                                          meanwhile)):
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


def stage_search(writer: SiteWriter, files: dict[str, bytes | None],
                  old_files: dict[str, tuple]) -> list[tuple[str, bool, Stamp]] | None:
    """Stage the search index's files (None: the last build's file, linked); what was
    staged, for `writer.record`, or None when a file to keep is not as the last build left
    it (the caller then stages the whole index again: stage_file replaces what is there).
    Safe in a process other than the writer's."""
    from pressroom.writer import Keeper, check_relpath, stage_file, stamp

    staging = str(writer.staging)
    output = str(writer.output) if writer.output.exists() else None
    staged = []
    with Keeper(staging, output) as keep:
        for path, data in sorted(files.items()):
            check_relpath(path)
            if data is None:
                old = old_files.get(path)
                kept = keep(path, old[1:]) if old is not None else None
                if kept is None:
                    return None
                staged.append((path, False, stamp(kept)))
            else:
                written, stat = stage_file(staging, output, path, data)
                staged.append((path, written, stamp(stat)))
    return staged


def _chunks(items: list[int], size: int) -> list[list[int]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
