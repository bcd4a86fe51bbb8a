"""What the commands print: diagnostics in colour, one-line summaries, progress bars.

Diagnostics, progress and summaries go to stderr, results to stdout. Colour only on a
terminal, and never when NO_COLOR is set; progress bars only on a terminal, for more than
`PROGRESS_MIN` items. A template's failure becomes a diagnostic naming the template file
and line. Only the command line (this package) prints.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING, Any

import click

from pressroom.errors import Diagnostic, Level

if TYPE_CHECKING:
    import jinja2

_COLOURS = {Level.ERROR: "red", Level.WARNING: "yellow", Level.INFO: "cyan"}
PROGRESS_MIN = 50  # fewer items than this finish before a bar is worth drawing
REDRAW_SECONDS = 0.1


def no_color() -> bool:
    """https://no-color.org: a non-empty NO_COLOR turns colour off."""
    return bool(os.environ.get("NO_COLOR"))


class Output:
    """Where messages go: diagnostics and progress to stderr, results to stdout."""

    def __init__(self, quiet: bool = False, verbose: bool = False):
        self.quiet = quiet
        self.verbose = verbose

    def diagnostic(self, diag: Diagnostic) -> None:
        if self.quiet and diag.level is not Level.ERROR:
            return
        if diag.level is Level.INFO and not self.verbose:
            return
        text = str(diag)
        click.secho(text, fg=_COLOURS.get(diag.level), err=True)

    def info(self, text: str) -> None:
        if not self.quiet:
            click.echo(text, err=True)

    def detail(self, text: str) -> None:
        if self.verbose and not self.quiet:
            click.echo(text, err=True)

    def progress(self) -> ProgressBar:
        return ProgressBar(enabled=not self.quiet and _is_terminal(sys.stderr))


def _is_terminal(stream: Any) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class ProgressBar:
    """A `progress(stage, done, total)` callback drawing rich bars on stderr.

    Nothing is drawn unless enabled (a terminal, not --quiet) and a stage has more than
    `PROGRESS_MIN` items; the bars disappear when done, leaving the summary line.
    """

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._progress: Any = None
        self._tasks: dict[str, Any] = {}
        self._drawn = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= PROGRESS_MIN:
            return
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            console = Console(stderr=True, no_color=no_color() or None)
            # Drawn from here, not by rich's refresh thread: a build forks processes (its
            # workers, the one that saves the cache), which is unsafe, so not done, while
            # another thread runs.
            self._progress = Progress(TextColumn("{task.description:<8}"), BarColumn(),
                                      MofNCompleteColumn(), console=console, transient=True,
                                      auto_refresh=False)
            self._progress.start()
        if stage not in self._tasks:
            self._tasks[stage] = self._progress.add_task(stage.capitalize(), total=total)
        self._progress.update(self._tasks[stage], completed=done, total=total)
        now = time.monotonic()
        if done >= total or now - self._drawn >= REDRAW_SECONDS:
            self._progress.refresh()
            self._drawn = now

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def is_template_error(exc: BaseException) -> bool:
    """Whether `exc` is Jinja's. Only a build that renders imports Jinja (one that finds
    nothing to do is over before Jinja's import would be), so only then can it be."""
    jinja2 = sys.modules.get("jinja2")
    return jinja2 is not None and isinstance(exc, jinja2.TemplateError)


def template_diagnostic(exc: jinja2.TemplateError) -> Diagnostic:
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):
        return Diagnostic(Level.ERROR, exc.filename or exc.name, exc.lineno,
                          f"template: {exc.message}")
    name, line = _template_frame(exc)
    return Diagnostic(Level.ERROR, name, line, f"template: {exc}")


def _template_frame(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line where a runtime template error happened (innermost)."""
    found: tuple[str | None, int | None] = (None, None)
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt")) and not filename.endswith(".py"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def problem_counts(diags: list[Diagnostic]) -> str:
    errors = sum(d.level is Level.ERROR for d in diags)
    warnings = sum(d.level is Level.WARNING for d in diags)
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
