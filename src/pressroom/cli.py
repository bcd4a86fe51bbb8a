"""The command line: the only module that prints, logs or picks an exit code.

Exit codes: 0 clean; 1 finished with errors (or warnings under --strict); 2 usage or
configuration error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from pressroom import __version__
from pressroom.build import BuildError, build
from pressroom.config import load_config
from pressroom.errors import ConfigError, Diagnostic, Level, LoaderError, PressroomError
from pressroom.files import is_within
from pressroom.ingest import Ingester
from pressroom.loader import load_raw
from pressroom.source import release_to_dict

_COLOURS = {Level.ERROR: "red", Level.WARNING: "yellow", Level.INFO: "cyan"}


class Output:
    """Where messages go: diagnostics and progress to stderr, results to stdout."""

    def __init__(self, quiet: bool = False, verbose: bool = False):
        self.quiet = quiet
        self.verbose = verbose

    def diagnostic(self, diag: Diagnostic) -> None:
        if self.quiet and diag.level is not Level.ERROR:
            return
        text = str(diag)
        click.secho(text, fg=_COLOURS.get(diag.level), err=True)

    def info(self, text: str) -> None:
        if not self.quiet:
            click.echo(text, err=True)

    def detail(self, text: str) -> None:
        if self.verbose and not self.quiet:
            click.echo(text, err=True)


def _fail_usage(message: str) -> None:
    click.secho(f"Error: {message}", fg="red", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pressroom")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@click.option("-v", "--verbose", is_flag=True, help="Print every step.")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Pressroom: a static archive of press releases, from raw text to a browsable site."""
    ctx.obj = Output(quiet=quiet, verbose=verbose)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@main.command("build")
@click.option("--project", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="The site folder (holding pressroom.yaml and content/).")
@click.option("--output", type=click.Path(path_type=Path), default=None,
              help="Where to write the site [default: public/ in the project].")
@click.option("--base-url", default=None, help="Override base_url from pressroom.yaml.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too (for CI).")
@click.pass_obj
def build_cmd(out: Output, project: Path, output: Path | None, base_url: str | None,
              strict: bool) -> None:
    """Ingest new raw releases in content/, then build the whole site."""
    if not project.is_dir():
        _fail_usage(f"project folder not found: {project}")
    try:
        config = load_config(project, {"base_url": base_url})
    except ConfigError as exc:
        for diag in exc.diagnostics:
            out.diagnostic(diag)
        _fail_usage("invalid configuration; nothing was built")
    try:
        report = build(config, output)
    except BuildError as exc:
        _fail_usage(str(exc))
    except PressroomError as exc:
        click.secho(f"Error: {exc}", fg="red", err=True)
        sys.exit(1)
    for outcome in report.ingested:
        if outcome.md is not None and outcome.action in ("created", "updated", "forced"):
            out.detail(f"ingested {outcome.raw} -> {outcome.md} ({outcome.action})")
    for diag in report.diagnostics:
        out.diagnostic(diag)
    errors, warnings = len(report.diagnostics.errors), len(report.diagnostics.warnings)
    out.info(f"{_plural(report.releases, 'release')}, {_plural(report.pages, 'page')} in "
             f"{report.seconds:.1f} s; {_plural(errors, 'error')}, "
             f"{_plural(warnings, 'warning')} -> {report.output}")
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
              show_default=True, help="The site folder; its content/ is the default output.")
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Folder for the .md files [default: the project's content/].")
@click.option("--force", is_flag=True,
              help="Re-extract even unchanged files; edited files are kept as .bak first.")
@click.pass_obj
def ingest_cmd(out: Output, paths: tuple[Path, ...], project: Path, output: Path | None,
               force: bool) -> None:
    """Turn raw press-release text files into YAML-fronted Markdown releases."""
    files = _raw_files(paths)
    folder = output or project / "content"
    folder.mkdir(parents=True, exist_ok=True)
    ingester = Ingester(folder, force=force)
    failed = 0
    counts: dict[str, int] = {}
    try:
        for raw in files:
            source = raw.resolve().relative_to(folder.resolve()).as_posix() \
                if is_within(raw, folder) else raw.name
            outcome = ingester.ingest(raw, source)
            counts[outcome.action] = counts.get(outcome.action, 0) + 1
            for diag in outcome.diagnostics:
                out.diagnostic(diag)
            if outcome.action == "failed":
                failed += 1
            else:
                out.detail(f"{raw} -> {outcome.md} ({outcome.action})")
    finally:
        ingester.save()
    summary = ", ".join(f"{n} {action}" for action, n in sorted(counts.items()))
    out.info(f"{_plural(len(files), 'file')}: {summary or 'nothing to do'}")
    sys.exit(1 if failed else 0)


@main.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml",
              show_default=True)
@click.pass_obj
def extract_cmd(out: Output, file: Path, fmt: str) -> None:
    """Print what the loader extracts from a raw release; writes nothing."""
    try:
        result = load_raw(file)
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


if __name__ == "__main__":  # pragma: no cover
    main()
