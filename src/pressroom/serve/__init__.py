"""Local preview: build into a temporary folder, serve it, rebuild on change, reload tabs.

`PreviewServer` binds 127.0.0.1 (port 0 picks a free port), builds the site into a
temporary folder (the project's own output folder is never touched, as with MkDocs), and
serves it with the standard library's threaded HTTP server. Watchers (watchfiles) follow
the content folder, `templates/`, `static/` and `pressroom.yaml`; a change triggers a
rebuild, which also ingests new raw `.txt` files like `pressroom build` does.

Every HTML page the server sends (not the built files) gets a small script that reloads
it after each rebuild and, while the last build had errors, a banner listing them (the
HTTP side is `handler.py`). A build that fails keeps the previous pages online. Nothing
here prints: the CLI receives each `BuildResult` through the `on_build` callback.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jinja2
import watchfiles

from pressroom.build import BuildReport, build
from pressroom.config import CONFIG_NAME, SiteConfig, load_config
from pressroom.errors import ConfigError, Diagnostic, Level, PressroomError
from pressroom.files import sha256_file
from pressroom.ingest import MANIFEST
from pressroom.serve.handler import Handler, error_banner, reload_script

WATCH_SETTLE = 0.5  # seconds a new watcher is given to start before a catch-up rebuild


@dataclass
class BuildResult:
    """One (re)build of the preview: what changed, what came out, what went wrong."""

    generation: int
    changes: list[str] = field(default_factory=list)
    report: BuildReport | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    """Diagnostics that stopped the build (bad config, template error)."""
    seconds: float = 0.0
    kept_previous: bool = False
    """The build failed and the pages of an earlier build are still served."""

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return self.problems + (list(self.report.diagnostics) if self.report else [])

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is Level.ERROR]


class PreviewServer:
    """The preview server of one project; `start()` then `stop()`, or use `with`."""

    def __init__(self, project: Path, port: int = 8000, host: str = "127.0.0.1",
                 on_build: Callable[[BuildResult], None] | None = None):
        self.project = project
        self.on_build = on_build
        self.tmp = Path(tempfile.mkdtemp(prefix="pressroom-serve-"))
        self.output = self.tmp / "site"
        self._changed = threading.Condition()
        self._closing = False
        self._stop = threading.Event()  # asked to stop (a signal handler may set it)
        self._stopped = False
        self._queue: queue.Queue[set[tuple[Any, str]]] = queue.Queue()
        self._own_writes: dict[str, str] = {}
        self._watched: tuple[Path, ...] = ()
        self._watchers: list[_Watcher] = []
        self._threads: list[threading.Thread] = []
        self.last = BuildResult(generation=0)
        handler = partial(Handler, preview=self)
        try:
            self.httpd = ThreadingHTTPServer((host, port), handler)
        except OSError:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise
        self.httpd.daemon_threads = True
        bound_host, bound_port = self.httpd.server_address[:2]
        self.url = f"http://{bound_host}:{bound_port}/"

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> BuildResult:
        """Build once, then serve and watch in background threads; returns the first build."""
        first = self.rebuild()
        self._threads = [
            threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.2},
                             name="pressroom-http", daemon=True),
            threading.Thread(target=self._rebuild_loop, name="pressroom-rebuild", daemon=True),
        ]
        self._watchers.append(_Watcher([self.project], False, self._root_filter, self._queue))
        self._watchers[-1].start()
        self._watch_sources()
        for thread in self._threads:
            thread.start()
        return first

    def wait(self, timeout: float | None = None) -> bool:
        """Block until a stop is requested; True if one was (False on timeout)."""
        return self._stop.wait(timeout)

    @property
    def closing(self) -> bool:
        """The server is being stopped: event streams end."""
        return self._closing

    def request_stop(self) -> None:
        """Ask `wait()` to return; safe to call from a signal handler."""
        self._stop.set()

    def stop(self) -> None:
        """Stop serving and watching, wake waiting event streams, remove the temporary site."""
        if self._stopped:
            return
        self._stopped = True
        self._stop.set()
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        for watcher in self._watchers:
            watcher.stop()
        if any(t.is_alive() for t in self._threads):
            self.httpd.shutdown()
        self.httpd.server_close()
        for thread in self._threads:
            thread.join(timeout=5)
        for watcher in self._watchers:
            watcher.join(timeout=5)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def __enter__(self) -> PreviewServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- building ---------------------------------------------------------------------

    def rebuild(self, changes: Iterable[str] = ()) -> BuildResult:
        """Build the site into the temporary folder; serving goes on whatever happens."""
        started = time.perf_counter()
        result = BuildResult(generation=self.last.generation + 1, changes=sorted(changes))
        try:
            config = load_config(self.project, {"base_url": self.url})
            result.report = build(config, self.output)
            self._remember_writes(config, result.report)
        except ConfigError as exc:
            result.problems = list(exc.diagnostics)
        except jinja2.TemplateSyntaxError as exc:
            result.problems = [Diagnostic(Level.ERROR, exc.filename or exc.name, exc.lineno,
                                          f"template: {exc.message}")]
        except jinja2.TemplateError as exc:
            result.problems = [Diagnostic(Level.ERROR, None, None, f"template: {exc}")]
        except PressroomError as exc:
            result.problems = [Diagnostic(Level.ERROR, None, None, str(exc))]
        except Exception as exc:  # the preview must survive anything a build throws
            result.problems = [Diagnostic(Level.ERROR, None, None,
                                          f"build failed: {type(exc).__name__}: {exc}")]
        result.seconds = time.perf_counter() - started
        result.kept_previous = result.report is None and self.output.is_dir()
        with self._changed:
            self.last = result
            self._changed.notify_all()
        if self.on_build:
            self.on_build(result)
        return result

    def _remember_writes(self, config: SiteConfig, report: BuildReport) -> None:
        """Files the build itself wrote into content/: their change events are not edits."""
        own: dict[str, str] = {}
        written = [o.md for o in report.ingested if o.md is not None]
        if written:
            written.append(config.content_path / MANIFEST)
        for path in written:
            with contextlib.suppress(OSError):
                own[str(path.resolve())] = sha256_file(path)
        self._own_writes = own

    def _is_own_write(self, path: str) -> bool:
        recorded = self._own_writes.get(str(Path(path).resolve()))
        if recorded is None:
            return False
        try:
            return sha256_file(Path(path)) == recorded
        except OSError:
            return False

    def _rebuild_loop(self) -> None:
        while not self._stop.is_set():
            try:
                batch = self._queue.get(timeout=0.2)
            except queue.Empty:
                continue
            time.sleep(0.05)  # let a burst of saves settle, then take it all at once
            while not self._queue.empty():
                batch |= self._queue.get_nowait()
            changed = sorted({path for _, path in batch if not self._is_own_write(path)})
            if changed and not self._stop.is_set():
                self.rebuild(_shown(changed, self.project))
                # a source folder itself replaced (deleted and made again) needs a new watch
                folders = {str(f.resolve()) for f in self._watched}
                self._watch_sources(force=any(str(Path(p).resolve()) in folders
                                              for p in changed))

    # -- watching ---------------------------------------------------------------------

    _watched_once = False

    def _source_dirs(self) -> tuple[Path, ...]:
        try:
            content = load_config(self.project).content_path
        except ConfigError:
            content = self.project / SiteConfig.content_dir
        folders = (content, self.project / "templates", self.project / "static")
        return tuple(f for f in folders if f.is_dir())

    def _watch_sources(self, force: bool = False) -> None:
        """(Re)start the recursive watcher when the set of source folders changed."""
        folders = self._source_dirs()
        if (folders == self._watched and not force) or self._stop.is_set():
            return
        added = [f for f in folders if f not in self._watched] if self._watched_once else []
        self._watched_once = True
        old = self._watchers[1:]
        for watcher in old:
            watcher.stop()
        self._watchers = self._watchers[:1]
        self._watched = folders
        if folders:
            watcher = _Watcher(list(folders), True, _SourceFilter(), self._queue)
            watcher.start()
            self._watchers.append(watcher)
        if old or added:
            # Files may have changed before the new watcher looked: build once more, once
            # it surely watches (a folder made again is often filled at once).
            again = threading.Timer(WATCH_SETTLE, self._queue.put,
                                    [{(None, str(f)) for f in folders}])
            again.daemon = True
            again.start()

    def _root_filter(self, change: Any, path: str) -> bool:
        """At the project's top level only the config file and the source folders count."""
        name = Path(path).name
        top = {CONFIG_NAME, "templates", "static",
               Path(SiteConfig.content_dir).parts[0]}
        with contextlib.suppress(ConfigError):
            top.add(Path(load_config(self.project).content_dir).parts[0])
        return name in top

    # -- what the HTTP handler asks -----------------------------------------------------

    def wait_for_build(self, after: int, timeout: float) -> int | None:
        """The generation of the newest build once it is newer than `after`; None on
        timeout or shutdown."""
        with self._changed:
            self._changed.wait_for(lambda: self._closing or self.last.generation > after,
                                   timeout)
            if self._closing or self.last.generation <= after:
                return None
            return self.last.generation

    def inject(self, page: bytes) -> bytes:
        """The reload script (and the error banner, if any) added to one HTML page."""
        result = self.last
        snippet = reload_script(result.generation) + error_banner(result)
        text = page.decode("utf-8", errors="replace")
        at = text.lower().rfind("</body>")
        text = text + snippet if at < 0 else text[:at] + snippet + text[at:]
        return text.encode("utf-8")


class _Watcher(threading.Thread):
    """One watchfiles loop in a thread, putting each batch of changes on a queue."""

    def __init__(self, paths: list[Path], recursive: bool, accept: Callable[[Any, str], bool],
                 out: queue.Queue[set[tuple[Any, str]]]):
        super().__init__(name="pressroom-watch", daemon=True)
        self.paths, self.recursive, self.accept, self.out = paths, recursive, accept, out
        self.stop_event = threading.Event()

    def run(self) -> None:
        with contextlib.suppress(FileNotFoundError, RuntimeError):
            for changes in watchfiles.watch(*self.paths, watch_filter=self.accept,
                                            recursive=self.recursive, debounce=300, step=30,
                                            rust_timeout=500, stop_event=self.stop_event,
                                            raise_interrupt=False,
                                            ignore_permission_denied=True):
                self.out.put(changes)

    def stop(self) -> None:
        self.stop_event.set()


class _SourceFilter(watchfiles.DefaultFilter):
    """Editor droppings, our own atomic-write temporaries and backups are not changes."""

    def __call__(self, change: Any, path: str) -> bool:
        name = os.path.basename(path)
        if name.startswith(".") and name.endswith(".tmp"):
            return False
        if name.endswith(".bak"):
            return False
        return super().__call__(change, path)


def _shown(paths: list[str], project: Path) -> list[str]:
    out = []
    root = project.resolve()
    for path in paths:
        try:
            out.append(Path(path).resolve().relative_to(root).as_posix())
        except ValueError:
            out.append(path)
    return out
