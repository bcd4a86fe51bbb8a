"""cli.output: the progress bars (the messages are tested through the commands)."""

import threading

from pressroom.cli.output import PROGRESS_MIN, ProgressBar, plural, problem_counts
from pressroom.errors import Diagnostic, Level
from pressroom.parallel import can_fork


def test_plural():
    assert (plural(1, "page"), plural(0, "page"), plural(2, "page")) == \
        ("1 page", "0 pages", "2 pages")
    found = [Diagnostic(Level.ERROR, "a.md", 1, "x"), Diagnostic(Level.INFO, "b.md", 2, "y")]
    assert problem_counts(found) == "1 error, 0 warnings"


def test_progress_bar_only_for_many_items():
    bar = ProgressBar(enabled=True)
    with bar:
        bar("render", 10, PROGRESS_MIN)
        assert bar._progress is None
    off = ProgressBar(enabled=False)
    with off:
        off("render", 10, PROGRESS_MIN * 10)
        assert off._progress is None


def test_the_progress_bar_leaves_the_build_free_to_fork():
    """On a terminal the bars are drawn by the build's own thread: with rich's refresh
    thread running, the build could not fork (parallel.can_fork) and would save its cache
    in-line, a second later at 10,000 releases."""
    with ProgressBar(enabled=True) as bar:
        for done in range(1, PROGRESS_MIN + 2):
            bar("render", done, PROGRESS_MIN + 1)
        assert bar._progress is not None  # the bar is up
        assert threading.active_count() == 1 and can_fork()
