"""The preview's HTTP side: the current build's files, and live reload in every page.

HTML pages the server sends (not the built files) get a small script that listens to
`EVENTS_PATH` (Server-Sent Events) and reloads the page after each rebuild, and, while
the last build had errors, a banner listing them (`PreviewServer.inject`).
"""

from __future__ import annotations

import html
import io
import json
import os
from http.server import SimpleHTTPRequestHandler
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pressroom.serve import BuildResult, PreviewServer

EVENTS_PATH = "/__pressroom/events"
HEARTBEAT = 10.0  # seconds between keep-alive comments on an idle event stream


class Handler(SimpleHTTPRequestHandler):
    """Static files of the current build; HTML pages get the reload script injected."""

    preview: PreviewServer

    def __init__(self, *args: Any, preview: PreviewServer, **kwargs: Any):
        self.preview = preview
        super().__init__(*args, directory=str(preview.output), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        pass  # the terminal shows builds, not every request

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if self.path.split("?")[0] == EVENTS_PATH:
            self._events()
        else:
            super().do_GET()

    def send_head(self) -> Any:
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirect to the folder's URL with a slash
            path = os.path.join(path, "index.html")
        if path.endswith(".html") and os.path.isfile(path):
            return self._send_html(path, 200)
        if os.path.isfile(path):
            return super().send_head()
        missing = os.path.join(self.directory, "404.html")
        if os.path.isfile(missing):
            return self._send_html(missing, 404)
        return self._send_bytes(self.preview.inject(NO_SITE.encode("utf-8")), 500)

    def _send_html(self, path: str, status: int) -> Any:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:  # swapped away by a rebuild between the check and the read
            data = NO_SITE.encode("utf-8")
            status = 503
        return self._send_bytes(self.preview.inject(data), status)

    def _send_bytes(self, data: bytes, status: int) -> Any:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)

    def _events(self) -> None:
        """Server-Sent Events: one `reload` event once a build newer than `?since=` exists."""
        query = self.path.partition("?")[2]
        since = dict(p.partition("=")[::2] for p in query.split("&") if p)
        try:
            seen = int(since.get("since", self.preview.last.generation))
        except ValueError:
            seen = self.preview.last.generation
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        try:
            self.wfile.write(b"retry: 500\n\n")
            self.wfile.flush()
            while True:
                generation = self.preview.wait_for_build(seen, HEARTBEAT)
                if self.preview.closing:
                    return
                if generation is None:
                    self.wfile.write(b": ping\n\n")
                else:
                    seen = generation
                    self.wfile.write(f"event: reload\ndata: {generation}\n\n".encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, OSError):
            return
        finally:
            self.close_connection = True


NO_SITE = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Pressroom preview"
            "</title></head><body><h1>No site yet</h1><p>The site has not been built; see "
            "the problems above.</p></body></html>")

_RELOAD_JS = """<script>(function () {
  var since = %s;
  if (!window.EventSource) { return; }
  var source = new EventSource("%s?since=" + since);
  source.addEventListener("reload", function () { source.close(); location.reload(); });
})();</script>
"""

_BANNER_STYLE = (
    "position:fixed;left:0;right:0;top:0;z-index:2147483647;max-height:60vh;overflow:auto;"
    "margin:0;padding:1em 1.5em;background:#fff4f4;color:#5c0000;border-bottom:3px solid "
    "#c00;font:14px/1.4 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 2px 8px #0004"
)


def reload_script(generation: int) -> str:
    return _RELOAD_JS % (json.dumps(generation), EVENTS_PATH)


def error_banner(result: BuildResult) -> str:
    errors = result.errors
    if not errors:
        return ""
    lines = "".join(f"<li>{html.escape(str(d))}</li>" for d in errors)
    title = "an error" if len(errors) == 1 else f"{len(errors)} errors"
    return (f'<div id="pressroom-errors" role="alert" style="{_BANNER_STYLE}">'
            '<button type="button" aria-label="Hide" onclick="this.parentNode.remove()" '
            'style="float:right;font:inherit;border:0;background:none;cursor:pointer">'
            f"&#x2715;</button><strong>Pressroom: the last build had {title}</strong> "
            '(fix the file and save: this page reloads by itself)'
            f'<ul style="margin:.5em 0 0;padding-left:1.2em">'
            f"{lines}</ul></div>\n")
