"""One build, as a list of steps: ingest new raw text, read, index, render, write, swap.

The other outputs (feeds, sitemap and robots.txt, the search index) come from their own
modules as {output path: bytes}; this module only orders the steps and writes.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pressroom.archive import build_archive
from pressroom.config import CONFIG_NAME, SiteConfig
from pressroom.errors import Diagnostic, Diagnostics, Level, PressroomError, SourceError
from pressroom.feeds import feed_files
from pressroom.files import is_within
from pressroom.ingest import Ingester, IngestOutcome
from pressroom.markup import Markdown
from pressroom.model import Release
from pressroom.render import Page, make_env, plan_pages, render_page, theme_dir
from pressroom.search import search_files
from pressroom.sitemap import sitemap_files
from pressroom.source import parse_source
from pressroom.urls import file_for, is_absolute
from pressroom.writer import SiteWriter

Progress = Callable[[str, int, int], None]


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


@contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """One build at a time per output folder; a second one waits for the first."""
    output.parent.mkdir(parents=True, exist_ok=True)
    lock_path = output.parent / f".{output.name}.lock"
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ingest_pending(config: SiteConfig, report: BuildReport,
                   progress: Progress | None = None) -> None:
    """Ingest every raw .txt under content/ that has no .md yet or whose text changed."""
    content = config.content_path
    if not content.is_dir():
        return
    ingester = Ingester(content)
    raws = sorted(content.rglob("*.txt"))
    for number, raw in enumerate(raws, 1):
        if progress:
            progress("ingest", number, len(raws))
        if not raw.is_file() or not is_within(raw, content):
            report.diagnostics.warning(raw, None, "skipped: a link pointing outside content/")
            continue
        source = raw.relative_to(content).as_posix()
        if ingester.needs_ingest(raw, source):
            outcome = ingester.ingest(raw, source)
            report.ingested.append(outcome)
            report.diagnostics.extend(outcome.diagnostics)
    ingester.save()


def read_releases(config: SiteConfig, diags: Diagnostics) -> list[Release]:
    """Every .md release under content/; a file that cannot be read is reported and skipped."""
    content = config.content_path
    releases: list[Release] = []
    if not content.is_dir():
        diags.warning(content, None, "no content folder: the site has no releases")
        return releases
    for path in sorted(content.rglob("*.md")):
        shown = path.relative_to(config.root) if is_within(path, config.root) else path
        if not is_within(path, content):
            diags.warning(shown, None, "skipped: a link pointing outside content/")
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            diags.error(shown, None, f"not UTF-8 text (byte {exc.start}); release skipped")
            continue
        try:
            releases.append(parse_source(text, str(shown)))
        except SourceError as exc:
            diags.extend([exc.diagnostic])
    return releases


def build(config: SiteConfig, output: Path | None = None,
          progress: Progress | None = None) -> BuildReport:
    """Build the whole site into `output` (default: the config's output folder)."""
    started = time.perf_counter()
    output = output or config.output_path
    check_output(config, output)
    report = BuildReport(output=output)
    with build_lock(output):
        ingest_pending(config, report, progress)
        releases = read_releases(config, report.diagnostics)
        _warn_drafts(releases, report.diagnostics)
        archive = build_archive(releases)
        report.diagnostics.extend(archive.diagnostics)
        report.releases = len(archive.entries)
        _check_base_url(config, report.diagnostics)
        pages = plan_pages(archive, config)
        with SiteWriter(output) as writer:
            _write_pages(config, pages, writer, report, progress)
            _write_files(writer, feed_files(archive, config, Markdown()))
            _write_files(writer, sitemap_files(_located(pages), config))
            _write_files(writer, search_files(archive, config.date_format))
            _copy_static(config, writer)
            writer.commit()
        report.written = writer.written
    report.seconds = time.perf_counter() - started
    return report


def _warn_drafts(releases: list[Release], diags: Diagnostics) -> None:
    for release in releases:
        if release.draft and release.date is None:
            diags.items.append(Diagnostic(Level.WARNING, release.path, None,
                                          "no date: kept as a draft until an editor sets "
                                          "'date' and removes 'draft'"))


def _check_base_url(config: SiteConfig, diags: Diagnostics) -> None:
    if not is_absolute(config.base_url):
        diags.add(Level.INFO, config.path or CONFIG_NAME, None,
                  f"base_url '{config.base_url}' has no host: feed and sitemap links are "
                  "site-relative; set base_url to the full URL where the site is published")


def _write_pages(config: SiteConfig, pages: list[Page], writer: SiteWriter,
                 report: BuildReport, progress: Progress | None) -> None:
    env = make_env(config)
    for number, page in enumerate(pages, 1):
        html = render_page(env, page)
        writer.write(file_for(page.path), html.encode("utf-8"))
        if progress:
            progress("render", number, len(pages))
    report.pages = len(pages)


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
