"""The command line: the commands, and the only package that prints, logs or picks an
exit code (what is printed, and how, is in `output.py`).

Exit codes: 0 clean; 1 finished with errors (or warnings under --strict); 2 usage or
configuration error.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any, NoReturn

import click

from pressroom import __version__
from pressroom.build import BuildError, build
from pressroom.cli.output import (
    Output,
    is_template_error,
    no_color,
    plural,
    problem_counts,
    template_diagnostic,
)
from pressroom.config import SiteConfig, load_config
from pressroom.errors import ConfigError, Diagnostic, Level, LoaderError, PressroomError
from pressroom.files import is_within
from pressroom.source import release_to_dict

_exiting = False  # run() ends the process when the command is done (not main() in tests)


def _fail_usage(message: str) -> NoReturn:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(2)


def _load_config(out: Output, project: Path, overrides: dict[str, Any] | None = None,
                 ) -> SiteConfig:
    """The project's configuration, or exit 2 after listing every problem in it."""
    if not project.is_dir():
        _fail_usage(f"project folder not found: {project}")
    try:
        return load_config(project, overrides)
    except ConfigError as exc:
        for diag in exc.diagnostics:
            out.diagnostic(diag)
        _fail_usage("invalid configuration; nothing was done")


def _print_theme_path(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from pressroom.theme import theme_dir

        click.echo(theme_dir())
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pressroom")
@click.option("--theme-path", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_theme_path,
              help="Print the folder of the default theme (templates/ and static/) and exit.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Print every step.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Pressroom: a static archive of press releases, from raw text to a browsable site."""
    if no_color():
        ctx.color = False
    ctx.obj = Output(quiet=quiet, verbose=verbose)


_PROJECT = click.option(
    "--project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="The site folder (holding pressroom.yaml and content/).")


@main.command("build")
@_PROJECT
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="Where to write the site [default: public/ in the project].")
@click.option("--base-url", default=None, help="Override base_url from pressroom.yaml.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (for CI).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes rendering pages [default: the number of cores].")
@click.option("--clean", is_flag=True,
              help="Ignore the build cache (.pressroom-cache/): build everything again.")
@click.pass_obj
def build_cmd(out: Output, project: Path, output: Path | None, base_url: str | None,
              strict: bool, jobs: int | None, clean: bool) -> None:
    """Ingest new raw releases in content/, then build the whole site."""
    from pressroom.parallel import WorkerLost

    config = _load_config(out, project, {"base_url": base_url})
    try:
        with out.progress() as bar:
            report = build(config, output, progress=bar, jobs=jobs, clean=clean,
                           exiting=_exiting)
    except BuildError as exc:
        _fail_usage(str(exc))
    except (PressroomError, WorkerLost) as exc:
        click.secho(f"Error: {exc}", fg="red", err=True)
        sys.exit(1)
    except Exception as exc:
        if not is_template_error(exc):
            raise
        out.diagnostic(template_diagnostic(exc))
        click.secho("Error: a template failed; nothing was written", fg="red", err=True)
        sys.exit(1)
    for outcome in report.ingested:
        if outcome.md is not None and outcome.action in ("created", "updated", "forced"):
            out.detail(f"ingested {outcome.raw} -> {outcome.md} ({outcome.action})")
    for diag in report.diagnostics:
        out.diagnostic(diag)
    errors, warnings = len(report.diagnostics.errors), len(report.diagnostics.warnings)
    out.info(f"{plural(report.releases, 'release')}, {plural(report.pages, 'page')} in "
             f"{report.seconds:.1f} s; {problem_counts(list(report.diagnostics))} -> "
             f"{report.output}")
    if errors or (strict and warnings):
        sys.exit(1)


def _raw_files(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*.txt")) if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            _fail_usage(f"no such file or folder: {path}")
    return files


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(path_type=Path))
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The site folder; its content folder is the default output "
                                      "and its pressroom.yaml may give a tag vocabulary.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the .md files [default: the project's content folder "
                   "(content_dir in pressroom.yaml)].")
@click.option("--force", is_flag=True,
              help="Re-extract even unchanged files; edited files are kept as .bak first.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Processes reading raw files [default: the number of cores].")
@click.pass_obj
def ingest_cmd(out: Output, paths: tuple[Path, ...], project: Path, output: Path | None,
               force: bool, jobs: int | None) -> None:
    """Turn raw press-release text files into YAML-fronted Markdown releases."""
    started = time.perf_counter()
    files = _raw_files(paths)
    # a project folder not made yet has no pressroom.yaml: the defaults
    config = _load_config(out, project) if project.is_dir() else SiteConfig()
    folder = output or (config.content_path if project.is_dir() else project / "content")
    folder.mkdir(parents=True, exist_ok=True)
    from pressroom.ingest import Ingester  # the loader is only needed here and in extract
    from pressroom.parallel import WorkerLost, default_jobs

    ingester = Ingester(folder, force=force, vocabulary=config.tags.vocabulary)
    failed = 0
    counts: dict[str, int] = {}
    seen: list[Diagnostic] = []
    try:
        work = [(raw, raw.resolve().relative_to(folder.resolve()).as_posix()
                 if is_within(raw, folder) else raw.name) for raw in files]
        with out.progress() as bar:
            for number, ((raw, _), outcome) in enumerate(
                    zip(work, ingester.ingest_all(work, jobs or default_jobs()), strict=True),
                    1):
                counts[outcome.action] = counts.get(outcome.action, 0) + 1
                seen.extend(outcome.diagnostics)
                for diag in outcome.diagnostics:
                    out.diagnostic(diag)
                if outcome.action == "failed":
                    failed += 1
                else:
                    out.detail(f"{raw} -> {outcome.md} ({outcome.action})")
                bar("ingest", number, len(files))
    except WorkerLost as exc:
        click.secho(f"Error: {exc}", fg="red", err=True)
        failed += 1
    finally:
        ingester.save()
    summary = ", ".join(f"{n} {action}" for action, n in sorted(counts.items()))
    out.info(f"{plural(len(files), 'file')}: {summary or 'nothing to do'} in "
             f"{time.perf_counter() - started:.1f} s; {problem_counts(seen)}")
    sys.exit(1 if failed else 0)


@main.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml",
              show_default=True)
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The site folder; tags come from its pressroom.yaml's "
                                      "vocabulary, if it has one.")
@click.pass_obj
def extract_cmd(out: Output, file: Path, fmt: str, project: Path) -> None:
    """Print what the loader extracts from a raw release; writes nothing."""
    config = _load_config(out, project)
    try:
        from pressroom.loader import load_raw

        result = load_raw(file, vocabulary=config.tags.vocabulary)
    except LoaderError as exc:
        out.diagnostic(exc.diagnostic)
        sys.exit(1)
    for diag in result.diagnostics:
        out.diagnostic(diag)
    data = release_to_dict(result.release)
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    else:
        import yaml
        click.echo(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000),
                   nl=False)


@main.command("init")
@click.argument("folder", type=click.Path(path_type=Path))
@click.pass_obj
def init_cmd(out: Output, folder: Path) -> None:
    """Create a new site in FOLDER: pressroom.yaml, an example release, deploy recipes.

    Never overwrites anything: a folder that already holds a site is refused (exit 2).
    """
    from pressroom.scaffold import ScaffoldError, init_site

    try:
        written = init_site(folder)
    except ScaffoldError as exc:
        _fail_usage(str(exc))
    for path in written:
        out.detail(f"created {path}")
    out.info(f"New site in {folder} ({plural(len(written), 'file')}). Next:\n"
             f"  cd {folder}\n  pressroom serve     # preview at http://127.0.0.1:8000/\n"
             "  pressroom build     # the site in public/")


@main.command("new")
@click.argument("title")
@_PROJECT
@click.option("--date", "when", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Publication date, YYYY-MM-DD [default: today].")
@click.pass_obj
def new_cmd(out: Output, title: str, project: Path, when: dt.datetime | None) -> None:
    """Start a hand-written release: content/<date>-<slug>.md with its front matter.

    Prints the new file's path. The release is a draft (`draft: true`) until you remove
    that line, so its placeholder text is never published. An existing file is never
    overwritten (exit 2).
    """
    from pressroom.scaffold import ScaffoldError, new_release

    config = _load_config(out, project)
    try:
        path = new_release(config, title, when.date() if when else dt.date.today())
    except ScaffoldError as exc:
        _fail_usage(str(exc))
    click.echo(str(path))
    out.info("a draft: remove 'draft: true' from it to publish it")


@main.command("check")
@_PROJECT
@click.option("--links", is_flag=True,
              help="Also build into a temporary folder and follow every internal link.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.pass_obj
def check_cmd(out: Output, project: Path, links: bool, strict: bool) -> None:
    """Validate every release against the release format; for editors and CI.

    Prints one `path:line: level: message` line per problem. Exit 1 on errors (and on
    warnings with --strict), 2 on a bad configuration; the project is never written.
    """
    from pressroom.check import check_site

    config = _load_config(out, project)
    try:
        with out.progress() as bar:
            report = check_site(config, links=links, progress=bar)
    except PressroomError as exc:
        click.secho(f"Error: {exc}", fg="red", err=True)
        sys.exit(1)
    for diag in report.diagnostics:
        out.diagnostic(diag)
    parts = [f"{plural(report.releases, 'release')} checked"]
    if report.pending:
        parts.append(f"{plural(report.pending, 'raw file')} not ingested yet")
    if links:
        parts.append(f"{plural(report.links, 'link')} on {plural(report.pages, 'page')}")
    diags = list(report.diagnostics)
    out.info(f"{', '.join(parts)} in {report.seconds:.1f} s; {problem_counts(diags)}")
    errors = any(d.level is Level.ERROR for d in diags)
    warnings = any(d.level is Level.WARNING for d in diags)
    if errors or (strict and warnings):
        sys.exit(1)


@main.command("serve")
@_PROJECT
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1; 0 picks a free one.")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.pass_obj
def serve_cmd(out: Output, project: Path, port: int, open_browser: bool) -> None:
    """Preview the site locally; rebuild and reload the browser on every change.

    The site is built into a temporary folder (public/ is left alone). New raw .txt files
    in content/ are ingested as by `build`. Stop with Ctrl+C.
    """
    from pressroom.serve import PreviewServer

    if not project.is_dir():
        _fail_usage(f"project folder not found: {project}")
    try:
        server = PreviewServer(project, port, on_build=lambda r: _show_preview_build(out, r))
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            _fail_usage(f"port {port} is already in use; choose another with --port "
                        "(--port 0 picks a free one)")
        _fail_usage(f"cannot listen on 127.0.0.1:{port}: {exc.strerror or exc}")
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig in handlers:
        signal.signal(sig, lambda *_: server.request_stop())
    try:
        server.start()
        click.echo(f"Serving {project.resolve()} at {server.url} (Ctrl+C to stop)")
        if open_browser:
            import webbrowser

            webbrowser.open(server.url)
        while not server.wait(0.5):
            pass
    finally:
        server.stop()
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    out.info("Stopped.")


def _show_preview_build(out: Output, result: Any) -> None:
    """One line per (re)build of the preview, after its diagnostics."""
    if result.changes:
        shown = ", ".join(result.changes[:3]) + (" ..." if len(result.changes) > 3 else "")
        out.detail(f"changed: {shown}")
    for diag in result.diagnostics:
        out.diagnostic(diag)
    verb = "Built" if result.generation == 1 else "Rebuilt"
    report = result.report
    if report is None:
        kept = "serving the last good build" if result.kept_previous else \
            "the pages show the errors until they are fixed"
        out.info(f"{verb}: failed in {result.seconds:.1f} s; {problem_counts(result.diagnostics)}; "
                 f"{kept}")
        return
    out.info(f"{verb} {plural(report.releases, 'release')}, {plural(report.pages, 'page')} "
             f"in {result.seconds:.1f} s; {problem_counts(result.diagnostics)}")


def run() -> NoReturn:
    """The `pressroom` command: `main`, then exit without tearing down the interpreter.

    A big build leaves hundreds of megabytes of objects that Python would free one by one
    at exit (0.3-0.5 s at 10,000 releases) for nothing: the process ends anyway. Every file
    is closed and every worker joined by then; only the standard streams need a flush.
    """
    global _exiting
    _exiting = True
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, int | None):
            print(exc.code, file=sys.stderr)
    except KeyboardInterrupt:
        code = 130
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code)
