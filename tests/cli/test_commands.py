import os
import pty
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressroom import __version__
from pressroom.cli import main
from pressroom.cli.output import PROGRESS_MIN
from pressroom.scaffold import init_site

BROKEN = "---\ntitle: Broken\ndate: someday\n---\nBody.\n"
ANSI = "\x1b["


def _raw(title: str) -> str:
    return f"{title}\n\nPORT ALDER, 2 April 2024 – Something happened at the harbour.\n"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    init_site(tmp_path / "site")
    return tmp_path / "site"


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("module", ["pressroom", "pressroom.cli"])
def test_python_dash_m_runs_the_command(module):
    done = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"pressroom, version {__version__}"


def test_every_command_has_help():
    runner = CliRunner()
    for command in ("init", "new", "build", "serve", "check", "ingest", "extract"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, command


def test_build_summary_and_quiet_and_verbose(site: Path):
    runner = CliRunner()
    verbose = runner.invoke(main, ["--verbose", "build", "--project", str(site)])
    assert verbose.exit_code == 0
    assert "ingested " in verbose.output
    assert re.search(r"^1 release, \d+ pages in \d+\.\d s; 0 errors, 0 warnings -> ",
                     verbose.output, re.M)
    quiet = runner.invoke(main, ["--quiet", "build", "--project", str(site)])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_build_errors_exit_1(site: Path):
    (site / "content" / "broken.md").write_text(BROKEN, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(site)])
    assert result.exit_code == 1
    assert f"{Path('content') / 'broken.md'}:3: error:" in result.output
    assert "1 error, 0 warnings" in result.output


def test_ingest_summary(tmp_path: Path):
    raws = tmp_path / "raw"
    raws.mkdir()
    for n in range(2):
        (raws / f"r{n}.txt").write_text(_raw(f"Release number {n}"), encoding="utf-8")
    (raws / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(raws), "--project", str(tmp_path)])
    assert result.exit_code == 1  # the empty file failed
    assert re.search(r"^3 files: 2 created, 1 failed in \d+\.\d s; 1 error, 0 warnings$",
                     result.output, re.M), result.output
    assert len(list((tmp_path / "content").glob("*.md"))) == 2


def test_ingest_over_several_processes_says_and_writes_the_same(tmp_path: Path):
    from pressroom.ingest import PARALLEL_LOAD

    raws = tmp_path / "raw"
    raws.mkdir()
    for n in range(PARALLEL_LOAD + 3):
        (raws / f"r{n:02d}.txt").write_text(_raw(f"Release number {n}"), encoding="utf-8")
    (raws / "r05.txt").write_text("", encoding="utf-8")  # one fails, in its turn
    seen = {}
    for jobs in ("1", "2"):
        project = tmp_path / f"jobs{jobs}"
        result = CliRunner().invoke(main, ["--verbose", "ingest", str(raws), "--project",
                                           str(project), "--jobs", jobs])
        assert result.exit_code == 1, result.output
        seen[jobs] = ([re.sub(r"in \d+\.\d s", "", line).replace(str(project), "P")
                       for line in result.output.splitlines()],
                      {p.name: p.read_bytes() for p in (project / "content").glob("*.md")})
    assert seen["1"] == seen["2"]
    assert len(seen["1"][1]) == PARALLEL_LOAD + 2


def test_ingest_writes_into_the_configured_content_folder(tmp_path: Path):
    (tmp_path / "pressroom.yaml").write_text("content_dir: releases\n", encoding="utf-8")
    raw = tmp_path / "r.txt"
    raw.write_text(_raw("Release in its own folder"), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(raw), "--project", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "releases").glob("*.md")] == ["r.md"]
    assert not (tmp_path / "content").exists()


def test_check_summary(site: Path):
    result = CliRunner().invoke(main, ["check", "--project", str(site)])
    assert result.exit_code == 0
    assert re.search(r"^0 releases checked, 1 raw file not ingested yet in \d+\.\d s; "
                     r"0 errors, 0 warnings$", result.output, re.M), result.output


def test_colour_on_request_but_never_with_no_color(site: Path):
    (site / "content" / "broken.md").write_text(BROKEN, encoding="utf-8")
    args = ["check", "--project", str(site)]
    coloured = CliRunner().invoke(main, args, color=True, env={"NO_COLOR": None})
    assert ANSI in coloured.output
    plain = CliRunner().invoke(main, args, color=True, env={"NO_COLOR": "1"})
    assert ANSI not in plain.output and "error:" in plain.output
    not_a_terminal = CliRunner().invoke(main, args, env={"NO_COLOR": None})
    assert ANSI not in not_a_terminal.output


def _run_on_terminal(args: list[str], env: dict[str, str], timeout: float = 120) -> str:
    """Run the CLI with stderr on a pseudo-terminal; returns what the terminal showed."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "pressroom", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=follower, env={**os.environ, **env})
    os.close(follower)
    shown = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    proc.wait(timeout=10)
    os.close(leader)
    return shown.decode("utf-8", errors="replace")


def test_progress_bar_on_a_terminal_for_a_large_site(site: Path):
    for n in range(PROGRESS_MIN + 10):
        (site / "content" / f"r{n:03d}.txt").write_text(_raw(f"Release {n}"), encoding="utf-8")
    shown = _run_on_terminal(["build", "--project", str(site)],
                             {"NO_COLOR": "1", "COLUMNS": "100"})
    assert "Ingest" in shown, shown
    assert "61 releases" in shown
    again = CliRunner().invoke(main, ["build", "--project", str(site)])
    assert "Ingest" not in again.output and "Render" not in again.output


def test_template_error_is_reported_with_file_and_line(site: Path):
    (site / "templates").mkdir()
    (site / "templates" / "index.html").write_text("ok\n{% if %}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--project", str(site)])
    assert result.exit_code == 1
    assert re.search(r"templates/index\.html:2: error: template: ", result.output), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_build_with_nothing_to_do_does_not_import_jinja(site: Path):
    """Its start-up is most of such a build's time; Jinja's import was a fifth of it."""
    assert CliRunner().invoke(main, ["build", "--project", str(site)]).exit_code == 0
    script = ("import sys\nfrom pressroom.cli import main\n"
              f"sys.argv = ['pressroom', 'build', '--project', {str(site)!r}]\n"
              "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
              "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jinja2'))\n")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True)
    assert found.stdout.strip() == "[]", found.stdout + found.stderr


def test_a_build_with_nothing_to_do_does_not_import_package_metadata(site: Path):
    """importlib.metadata (which the slug record's key asks) costs more to import than
    the slugify it spares; a build that finds nothing to do needs neither."""
    assert CliRunner().invoke(main, ["build", "--project", str(site)]).exit_code == 0
    script = ("import sys\nfrom pressroom.cli import main\n"
              f"sys.argv = ['pressroom', 'build', '--project', {str(site)!r}]\n"
              "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
              "print(sorted(m for m in sys.modules\n"
              "             if m.split('.')[0] == 'slugify' or m == 'importlib.metadata'))\n")
    found = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True)
    assert found.stdout.strip() == "[]", found.stdout + found.stderr


def test_theme_path_names_the_folder_with_the_default_templates():
    from click.testing import CliRunner

    from pressroom.cli import main

    result = CliRunner().invoke(main, ["--theme-path"])
    assert result.exit_code == 0
    folder = Path(result.output.strip())
    assert (folder / "templates" / "base.html").is_file()
    assert (folder / "static").is_dir()


def test_a_killed_worker_is_an_error_message_not_a_traceback(tmp_path: Path, monkeypatch):
    import os

    import pressroom.staging as staging_module

    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "content" / "r.txt").write_text(_raw("One release"), encoding="utf-8")
    real = staging_module.run_tasks

    def dying(task, count, jobs, meanwhile=None):  # a worker the system killed
        return real(lambda number: os._exit(9), max(count, 2), 2, meanwhile)

    monkeypatch.setattr(staging_module, "run_tasks", dying)
    result = CliRunner().invoke(main, ["build", "--project", str(site)])
    assert result.exit_code == 1, result.output
    assert "worker process ended without an answer" in result.output
    assert "--jobs 1" in result.output and "Traceback" not in result.output
