"""Work over several processes: forked workers that inherit the build's state.

`run_tasks` forks its workers when it starts, so each one already holds the archive, the
page plan and the templates: a task names only a chunk of work by number, and a worker
sends back little (the files it wrote, the fingerprints it computed). `start_task` runs
one function in a forked process beside this one; `detach` one that outlives it.
Workers die with the build (PR_SET_PDEATHSIG), so a killed build leaves none writing.
With one job, or where fork is not safe (see `can_fork`), the tasks run in this process.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import multiprocessing
import os
import pickle
import select
import signal
import struct
import threading
from collections.abc import Callable, Iterator
from typing import Any, NoReturn

_PR_SET_PDEATHSIG = 1
PARALLEL_MIN = 200  # fewer pages (or files to parse) than this are not worth a fork
Progress = Callable[[str, int, int], None]  # (step, done, total): a progress display


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


def can_fork() -> bool:
    """Fork only where it is safe: not from a process running other threads (the preview
    server), whose locks a forked child could inherit taken."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def run_tasks(task: Callable[[int], Any], count: int, jobs: int,
              meanwhile: Callable[[], None] | None = None) -> Iterator[Any]:
    """task(0) ... task(count - 1), over `jobs` processes; results in order.
    `meanwhile()` is called in this process once the workers are at work (first, when the
    tasks run here).

    Bare forks and pipes, not multiprocessing's Pool: no helper threads in this process
    (they take the interpreter lock from the one reading results) and no task sent by
    message. Each worker takes the next task number from a shared counter, so a slow task
    holds back nobody, and sends each result back on its own pipe as it is done.
    """
    workers: dict[int, tuple[int, bytearray]] = {}  # reading end -> (pid, bytes so far)
    forking = jobs > 1 and count > 1 and can_fork()
    after = multiprocessing.get_context("fork").Value("q", 0) if forking else None
    try:
        for _ in range(min(jobs, count) if forking else 0):
            reading, writing = os.pipe()
            try:
                pid = os.fork()
            except OSError:  # no memory or no process left: the workers made so far
                os.close(reading)
                os.close(writing)
                break
            if pid == 0:  # a worker: tasks until there are none left, then leave
                os.close(reading)
                _work(task, count, after, writing)
            os.close(writing)
            workers[reading] = (pid, bytearray())
        if meanwhile is not None:
            meanwhile()
        if workers:
            yield from _results(workers, count)
        else:  # one job, no fork here, or not one worker could be made: the tasks run here
            for number in range(count):
                yield task(number)
    finally:
        for reading, (pid, _) in workers.items():
            os.close(reading)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # (one still working: the caller gave up)
            _ENDING.append(pid)
        _reap()


# Workers that were told to end but may still be letting go of their memory (tens of
# milliseconds for a big build): reaped when done, without waiting for them.
_ENDING: list[int] = []


def _reap() -> None:
    for pid in list(_ENDING):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid  # reaped by someone else
        if done:
            _ENDING.remove(pid)


class WorkerLost(RuntimeError):
    """A worker process ended without sending its answer (it was killed)."""


_NO_ANSWER = ("a worker process ended without an answer (killed, perhaps for lack of memory: "
              "--jobs 1 runs everything in one process)")
_HEADER = struct.Struct("<qq")  # task number, length of the pickled (ok, value) that follows


def _work(task: Callable[[int], Any], count: int, after: Any, writing: int) -> NoReturn:
    code = 0
    try:
        _die_with_parent()
        with os.fdopen(writing, "wb") as pipe:
            while True:
                with after.get_lock():
                    number = after.value
                    after.value = number + 1
                if number >= count:
                    break
                try:
                    payload = pickle.dumps((True, task(number)), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # noqa: BLE001 - handed to the parent to raise
                    payload = _pickled_error(exc)
                    pipe.write(_HEADER.pack(number, len(payload)) + payload)
                    break
                pipe.write(_HEADER.pack(number, len(payload)))
                pipe.write(payload)
                pipe.flush()
    except BaseException:  # noqa: BLE001 - nothing may escape a forked child
        code = 1
    finally:
        os._exit(code)


def _pickled_error(exc: BaseException) -> bytes:
    """`exc` for the parent to raise; as a RuntimeError naming it when it cannot make the
    trip (some exceptions pickle but cannot be rebuilt from their arguments)."""
    try:
        payload = pickle.dumps((False, exc))
        pickle.loads(payload)
        return payload
    except Exception:  # noqa: BLE001 - an exception that cannot be pickled
        return pickle.dumps((False, RuntimeError(repr(exc))))


def _results(workers: dict[int, tuple[int, bytearray]], count: int) -> Iterator[Any]:
    """The workers' results in task order, read as they come from their pipes."""
    waiting: dict[int, tuple[bool, Any]] = {}
    following = 0
    open_ends = set(workers)
    while following < count:
        if following in waiting:  # an error is raised in its turn, as with one process
            ok, value = waiting.pop(following)
            if not ok:
                raise value
            yield value
            following += 1
            continue
        if not open_ends:
            raise WorkerLost(_NO_ANSWER)
        for reading in select.select(list(open_ends), [], [])[0]:
            chunk = os.read(reading, 1 << 20)
            buffer = workers[reading][1]
            if not chunk:
                open_ends.discard(reading)
                continue
            buffer += chunk
            while len(buffer) >= _HEADER.size:
                number, size = _HEADER.unpack_from(buffer)
                if len(buffer) < _HEADER.size + size:
                    break
                waiting[number] = pickle.loads(bytes(buffer[_HEADER.size:_HEADER.size + size]))
                del buffer[:_HEADER.size + size]


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
                payload = _pickled_error(exc)
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
        _ENDING.append(pid)  # it may still be letting go of its memory: no need to wait
        _reap()
        if not data:
            raise WorkerLost(_NO_ANSWER)
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
