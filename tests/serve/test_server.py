import http.client
import re
import signal
import socket
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from pressroom.cli import main
from pressroom.scaffold import init_site
from pressroom.serve import PreviewServer
from pressroom.serve.handler import EVENTS_PATH
from pressroom.slugs import make_slug

from .helpers import ServeProcess, fetch, wait_for

NEW_TITLE = "Port Alder gull census finds record colony"
NEW_RAW = (f"{NEW_TITLE}\n\nPORT ALDER, 2 April 2024 – Volunteers counted 4,112 gull nests "
           "on the breakwater, the most since counts began.\n")
BROKEN_MD = "---\ntitle: [unclosed\ndate: 2024-01-01\n---\nBody.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    init_site(folder)
    return folder


@pytest.fixture
def preview(site: Path):
    builds = []
    server = PreviewServer(site, port=0, on_build=builds.append)
    server.builds = builds
    server.start()
    yield server
    server.stop()


# -- the command, in a subprocess --------------------------------------------------------

def test_serve_answers_and_shows_a_dropped_raw_release(site: Path):
    with ServeProcess(site) as served:
        status, index = served.get()
        assert status == 200
        assert "Port Alder" in index and EVENTS_PATH in index
        (site / "content" / "gull-census.txt").write_text(NEW_RAW, encoding="utf-8")
        wait_for(lambda: NEW_TITLE in served.get()[1], timeout=20)
        status, page = served.get(f"releases/{make_slug(NEW_TITLE)}/")
        assert status == 200 and "4,112 gull nests" in page
        assert served.stop(signal.SIGINT) == 0
    assert not (site / "public").exists(), "serve must not write the project's output folder"
    assert "Stopped." in "".join(served.stderr)


def test_serve_names_the_folder_it_serves_when_run_in_it(site: Path):
    # `pressroom serve` in the project folder said "Serving . at ..."
    with ServeProcess(site, here=True) as served:
        assert served.banner.startswith(f"Serving {site.resolve()} at http://")
        assert served.get()[0] == 200


def test_serve_stops_cleanly_on_sigterm_with_an_open_event_stream(site: Path):
    served = ServeProcess(site)
    parts = urlsplit(served.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", EVENTS_PATH)
    assert conn.getresponse().getheader("Content-Type") == "text/event-stream"
    assert served.stop(signal.SIGTERM) == 0
    conn.close()


def test_busy_port_is_a_usage_error(site: Path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--project", str(site), "--port",
                                           str(port)])
    assert result.exit_code == 2
    assert f"port {port} is already in use" in result.output and "--port 0" in result.output


def test_missing_project_is_a_usage_error(tmp_path: Path):
    result = CliRunner().invoke(main, ["serve", "--project", str(tmp_path / "nope")])
    assert result.exit_code == 2


# -- the server, in process ----------------------------------------------------------------

def test_reload_script_is_injected_into_served_pages_only(preview: PreviewServer):
    status, page = fetch(preview.url)
    assert status == 200 and EVENTS_PATH in page
    built = (preview.output / "index.html").read_text(encoding="utf-8")
    assert EVENTS_PATH not in built
    status, css = fetch(preview.url + "static/style.css")
    assert status == 200 and EVENTS_PATH not in css
    status, missing = fetch(preview.url + "no/such/page/")
    assert status == 404 and EVENTS_PATH in missing


def test_preview_builds_outside_the_project(preview: PreviewServer, site: Path):
    assert not preview.output.resolve().is_relative_to(site.resolve())
    assert preview.url.startswith("http://127.0.0.1:")


def test_event_stream_announces_a_rebuild(preview: PreviewServer, site: Path):
    parts = urlsplit(preview.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=15)
    conn.request("GET", f"{EVENTS_PATH}?since={preview.last.generation}")
    response = conn.getresponse()
    assert response.status == 200
    assert response.readline() == b"retry: 500\n"
    (site / "content" / "gull-census.txt").write_text(NEW_RAW, encoding="utf-8")
    lines = [response.readline() for _ in range(3)]
    assert lines[1] == b"event: reload\n", lines
    conn.close()


def test_a_stale_page_reloads_at_once(preview: PreviewServer):
    parts = urlsplit(preview.url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    conn.request("GET", f"{EVENTS_PATH}?since=0")  # a page from before the first build
    response = conn.getresponse()
    response.readline(), response.readline()
    assert response.readline() == b"event: reload\n"
    conn.close()


def test_broken_file_shows_in_the_page_and_the_terminal_then_recovers(preview, site: Path):
    broken = site / "content" / "broken.md"
    broken.write_text(BROKEN_MD, encoding="utf-8")
    page = wait_for(lambda: (lambda p: p if "pressroom-errors" in p else "")(fetch(preview.url)[1]))
    assert re.search(r"content/broken\.md:\d+: error: front matter", page)
    assert any("broken.md" in str(d) for b in preview.builds for d in b.errors)
    broken.write_text(BROKEN_MD.replace("[unclosed", "Fixed now"), encoding="utf-8")
    # (the new pages may be served a moment before the banner's state is updated)
    wait_for(lambda: (lambda p: "Fixed now" in p and "pressroom-errors" not in p)(
        fetch(preview.url)[1]))


def test_broken_config_keeps_the_last_good_site(preview: PreviewServer, site: Path):
    config = site / "pressroom.yaml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good + "\nper_page: lots\n", encoding="utf-8")
    page = wait_for(lambda: (lambda p: p if "pressroom-errors" in p else "")(fetch(preview.url)[1]))
    assert "pressroom.yaml:" in page and "per_page" in page
    assert "Port Alder" in page  # the last good build is still served
    config.write_text(good, encoding="utf-8")
    wait_for(lambda: "pressroom-errors" not in fetch(preview.url)[1])


def test_new_templates_folder_is_watched_and_template_errors_shown(preview, site: Path):
    templates = site / "templates"
    templates.mkdir()
    (templates / "404.html").write_text("{% if %}broken{% endif %}", encoding="utf-8")
    page = wait_for(lambda: (lambda p: p if "pressroom-errors" in p else "")(fetch(preview.url)[1]))
    assert "404.html" in page and "template" in page
    (templates / "404.html").unlink()
    wait_for(lambda: "pressroom-errors" not in fetch(preview.url)[1])


def test_own_ingest_writes_do_not_trigger_a_second_rebuild(preview: PreviewServer, site: Path):
    before = preview.last.generation
    (site / "content" / "gull-census.txt").write_text(NEW_RAW, encoding="utf-8")
    generation = preview.wait_for_build(before, timeout=15)
    assert generation is not None and NEW_TITLE in fetch(preview.url)[1]
    assert preview.wait_for_build(generation, timeout=1.5) is None


def test_stop_removes_the_temporary_site(site: Path):
    server = PreviewServer(site, port=0)
    server.start()
    tmp = server.tmp
    assert tmp.is_dir()
    server.stop()
    assert not tmp.exists()
    with pytest.raises(OSError):
        fetch(server.url, timeout=1)


def test_content_folder_made_again_is_watched_again(preview: PreviewServer, site: Path):
    import shutil

    shutil.rmtree(site / "content")
    wait_for(lambda: "Port Alder" not in fetch(preview.url)[1])
    (site / "content").mkdir()
    (site / "content" / "gull-census.txt").write_text(NEW_RAW, encoding="utf-8")
    wait_for(lambda: NEW_TITLE in fetch(preview.url)[1])
    later = NEW_RAW.replace("gull census finds record colony", "seal count rises")
    (site / "content" / "seal-count.txt").write_text(later, encoding="utf-8")
    wait_for(lambda: "Port Alder seal count rises" in fetch(preview.url)[1])
