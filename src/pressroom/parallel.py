"""Work over several processes: forked workers that inherit the build's state.

`Workers(jobs)` forks its processes when it starts, so each one already holds the
archive, the page plan and the templates: a task names only a chunk of work by number,
and a worker sends back little (the files it wrote, the fingerprints it computed).
Workers die with the build (PR_SET_PDEATHSIG), so a killed build leaves none writing.
With one job, or where fork is not available, the tasks run in this process.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

_TASK: Callable[[int], Any] | None = None
_PR_SET_PDEATHSIG = 1


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C


def _run(number: int) -> Any:
    assert _TASK is not None
    return _TASK(number)


def can_fork() -> bool:
    """Fork only where it is safe: not from a process running other threads (the preview
    server), whose locks a forked child could inherit taken."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def run_tasks(task: Callable[[int], Any], count: int, jobs: int) -> Iterator[Any]:
    """task(0) ... task(count - 1), over `jobs` processes; results in order."""
    global _TASK
    if jobs <= 1 or count <= 1 or not can_fork():
        for number in range(count):
            yield task(number)
        return
    _TASK = task
    context = multiprocessing.get_context("fork")
    pool = context.Pool(min(jobs, count), initializer=_die_with_parent)
    try:
        yield from pool.imap(_run, range(count), chunksize=1)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _TASK = None


def start_task(task: Callable[[], Any]) -> Callable[[], Any]:
    """Run `task` in one forked process now; the returned function waits for its result.

    A bare fork and a pipe, not a pool: a pool's helper threads in this process would
    make the workers forked next unsafe (see `can_fork`).
    """
    if not can_fork():
        result = task()
        return lambda: result
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, send the pickled outcome, leave without clean-up
        code = 0
        try:
            os.close(reading)
            _die_with_parent()
            try:
                payload = pickle.dumps((True, task()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - handed to the parent to raise
                try:
                    payload = pickle.dumps((False, exc))
                except Exception:  # noqa: BLE001 - an exception that cannot be pickled
                    payload = pickle.dumps((False, RuntimeError(repr(exc))))
            with os.fdopen(writing, "wb") as pipe:
                pipe.write(payload)
        except BaseException:  # noqa: BLE001 - nothing may escape a forked child
            code = 1
        finally:
            os._exit(code)
    os.close(writing)

    def wait() -> Any:
        with os.fdopen(reading, "rb") as pipe:
            data = pipe.read()
        os.waitpid(pid, 0)
        if not data:
            raise RuntimeError("a build process ended without an answer")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value

    return wait


def detach(task: Callable[[], None], keep: tuple[int, ...] = ()) -> bool:
    """Run `task` in a process of its own that outlives this one (a double fork, so no
    zombie is left); returns at once. False, without running it, where that cannot be
    done safely (see `can_fork`): the caller does the work itself. The process keeps
    none of this one's open files but those in `keep` (a lock, say)."""
    if not can_fork():
        return False
    try:
        pid = os.fork()
    except OSError:  # no memory or no process left for it: the caller does the work
        return False
    if pid == 0:
        code = 1
        try:
            if os.fork() == 0:  # the grandchild, adopted by init: do the work
                try:
                    gc.disable()  # no finalizer may close a file behind the task's back
                    os.setsid()
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    # Let go of every file this process shares with its caller: a pipe
                    # held open here would keep the caller's reader waiting.
                    null = os.open(os.devnull, os.O_RDWR)
                    for fd in (0, 1, 2):
                        os.dup2(null, fd)
                    top = os.sysconf("SC_OPEN_MAX")
                    start = 3
                    for fd in sorted(k for k in keep if k >= 3):
                        os.closerange(start, fd)
                        start = fd + 1
                    os.closerange(start, top)
                    task()
                finally:
                    os._exit(0)
            code = 0
        finally:
            os._exit(code)  # 1: the grandchild could not be made
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status) == 0
