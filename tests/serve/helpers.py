"""Helpers for the preview-server tests: run `pressroom serve` in a subprocess, poll it."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def wait_for(probe: Callable[[], T], timeout: float = 30.0, interval: float = 0.05) -> T:
    """Call `probe` until it returns something true; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last: T = probe()
    while not last:
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up after {timeout} s; last result: {last!r}")
        time.sleep(interval)
        last = probe()
    return last


def fetch(url: str, timeout: float = 5.0) -> tuple[int, str]:
    """(status, body) of a GET; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", errors="replace")


class ServeProcess:
    """`pressroom serve --port 0` on a project, in a subprocess; `url` once it serves."""

    def __init__(self, project: Path, *args: str, startup: float = 60.0, here: bool = False):
        """`here`: run in the project folder, without --project (as a user would)."""
        where = [] if here else ["--project", str(project)]
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pressroom", "serve", *where, "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={**os.environ, "NO_COLOR": "1"}, cwd=project if here else None,
        )
        self.banner = ""
        self.stdout: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        threading.Thread(target=self._pump, args=(self.proc.stdout, self.stdout.put),
                         daemon=True).start()
        threading.Thread(target=self._pump, args=(self.proc.stderr, self.stderr.append),
                         daemon=True).start()
        self.url = self._wait_for_url(startup)

    @staticmethod
    def _pump(stream, sink) -> None:
        for line in stream:
            sink(line)

    def _wait_for_url(self, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.stdout.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
                continue
            if " at http://" in line:
                self.banner = line
                return line.rsplit(" at ", 1)[1].split()[0]
        self.stop()
        raise AssertionError("serve did not start: " + "".join(self.stderr))

    def get(self, path: str = "") -> tuple[int, str]:
        return fetch(self.url + path)

    def stop(self, sig: int = signal.SIGINT, timeout: float = 15.0) -> int:
        """Send `sig` and wait for the process to end; returns its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
                raise AssertionError(f"serve ignored signal {sig}") from None
        return self.proc.returncode

    def __enter__(self) -> ServeProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
