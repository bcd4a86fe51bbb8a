"""Forked workers: tasks really run in other processes, results and errors come back."""

from __future__ import annotations

import os
import threading

import pytest

from pressroom.parallel import can_fork, run_tasks, start_task

pytestmark = pytest.mark.skipif(not can_fork(), reason="no fork here")


def test_tasks_run_in_workers_even_after_a_background_task():
    background = start_task(os.getpid)
    pids = list(run_tasks(lambda n: (n, os.getpid()), 6, 2))
    assert [n for n, _ in pids] == list(range(6))  # in order
    assert os.getpid() not in {pid for _, pid in pids}
    assert background() != os.getpid()
    assert threading.active_count() == 1  # nothing left that would make a fork unsafe


def test_one_job_runs_in_this_process():
    assert set(run_tasks(lambda n: os.getpid(), 3, 1)) == {os.getpid()}


def test_an_error_in_a_background_task_is_raised_by_wait():
    def fail() -> None:
        raise ValueError("broken template")

    wait = start_task(fail)
    with pytest.raises(ValueError, match="broken template"):
        wait()


def test_an_error_in_a_worker_reaches_the_caller():
    def task(number: int) -> int:
        if number == 2:
            raise KeyError("missing")
        return number

    with pytest.raises(KeyError):
        list(run_tasks(task, 4, 2))


def test_a_detached_task_outlives_the_call_and_keeps_only_the_files_it_is_given(tmp_path):
    import fcntl
    import time

    from pressroom.parallel import detach

    if not can_fork():
        pytest.skip("no fork here")
    lock = open(tmp_path / "lock", "w")  # noqa: SIM115 - handed to the detached process
    fcntl.flock(lock, fcntl.LOCK_EX)
    done = tmp_path / "done"

    def task() -> None:
        time.sleep(0.3)
        done.write_text("yes", encoding="utf-8")

    assert detach(task, keep=(lock.fileno(),))
    assert not done.exists()  # returned at once
    lock.close()  # without unlocking: the detached process holds the lock now
    with open(tmp_path / "lock", "w") as again:
        fcntl.flock(again, fcntl.LOCK_EX)  # waits for the task to end
        assert done.read_text(encoding="utf-8") == "yes"


def test_a_worker_that_dies_is_an_error_not_a_hang():
    def task(number: int) -> int:
        if number == 3:
            os._exit(9)  # killed, say by the system running out of memory
        return number

    with pytest.raises(RuntimeError, match="without an answer"):
        list(run_tasks(task, 8, 2))


def test_meanwhile_runs_here_while_the_workers_work(tmp_path):
    import time

    marker = tmp_path / "meanwhile"

    def task(number: int) -> bool:  # waits (a while at most) for what meanwhile makes
        limit = time.monotonic() + 5
        while not marker.exists() and time.monotonic() < limit:
            time.sleep(0.01)
        return marker.exists()

    calls: list[int] = []

    def meanwhile() -> None:
        calls.append(os.getpid())
        marker.touch()

    assert list(run_tasks(task, 6, 2, meanwhile=meanwhile)) == [True] * 6
    assert calls == [os.getpid()]  # once, in this process, before the results


def test_errors_come_in_task_order_as_with_one_process():
    import time

    def task(number: int) -> int:
        if number == 3:
            time.sleep(0.2)
            raise ValueError("the first broken page")
        if number == 4:
            raise KeyError("a later one, done sooner")
        return number

    for jobs in (1, 2):
        seen: list[int] = []
        with pytest.raises(ValueError, match="first broken page"):
            for result in run_tasks(task, 8, jobs):
                seen.append(result)
        assert seen == [0, 1, 2]


class _Picky(Exception):
    """Pickles, but cannot be rebuilt from its arguments (like LoaderError)."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")


def test_an_error_that_cannot_make_the_trip_is_named():
    def task(number: int) -> int:
        raise _Picky("a.txt", "unreadable")

    with pytest.raises(RuntimeError, match="_Picky"):
        list(run_tasks(task, 4, 2))
    with pytest.raises(RuntimeError, match="_Picky"):
        start_task(lambda: task(0))()
