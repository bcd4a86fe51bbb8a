"""Nothing lost: a build killed at any moment leaves the last good site as it was.

The build runs in a subprocess and is killed part-way with SIGKILL, SIGTERM or SIGINT at
several points; the output must then be exactly the previous site or exactly the new
one, never a mix, and the next build must complete.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def write_releases(content: Path, count: int, start: int = 0) -> None:
    content.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + count):
        body = " ".join(f"Sentence {j} of release {i} about cooperation." for j in range(40))
        content.joinpath(f"r{i:04d}.md").write_text(
            f"---\ntitle: Release number {i}\ndate: 20{10 + i % 14}-0{1 + i % 9}-1{i % 9}\n"
            f"tags: [topic{i % 7}, area{i % 5}]\npeople: [Person {i % 13}]\n"
            f"countries: [Kenya]\n---\nNairobi. {body}\n", encoding="utf-8")


def pressroom(root: Path, output: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pressroom", "-q", "build", "--project",
                             str(root), "--output", str(output)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """A built site (old), then one more release, and the site a clean build makes of it."""
    root = tmp_path_factory.mktemp("atomic")
    write_releases(root / "content", 300)
    out = root / "public"
    started = time.monotonic()
    assert pressroom(root, out).wait() == 0
    duration = time.monotonic() - started
    old = snapshot(out)
    write_releases(root / "content", 1, start=300)
    reference = root.parent / f"{root.name}-reference"
    assert pressroom(root, reference).wait() == 0
    return root, out, old, snapshot(reference), duration


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("fraction", [0.15, 0.5, 0.85, 0.97])
def test_a_killed_build_leaves_the_old_site_or_the_new_one(sites, sig, fraction):
    root, out, old, new, duration = sites
    before = snapshot(out)
    assert before in (old, new)
    process = pressroom(root, out)
    time.sleep(duration * fraction)
    process.send_signal(sig)
    process.wait(timeout=60)
    after = snapshot(out)
    assert after in (before, new), "a killed build left a mix of two sites"
    assert pressroom(root, out).wait() == 0
    assert snapshot(out) == new


def test_two_builds_at_once_never_interleave(sites):
    root, out, _, new, _ = sites
    first, second = pressroom(root, out), pressroom(root, out)
    assert first.wait(timeout=120) == 0, first.stderr.read()
    assert second.wait(timeout=120) == 0, second.stderr.read()
    assert snapshot(out) == new
    # Beside the output: the lock, and the site before (the next build stages into it)
    leftovers = {p.name for p in out.parent.iterdir() if p.name.startswith(".public.")}
    assert leftovers <= {".public.lock", ".public.spare"}


def test_sigkill_leaves_no_half_written_content_file(tmp_path):
    """Ingest writes each .md atomically: after a kill, every .md parses."""
    from pressroom.source import parse_source

    content = tmp_path / "content"
    content.mkdir()
    for i in range(60):
        content.joinpath(f"raw{i:03d}.txt").write_text(
            f"Ministry publishes report number {i}\n\nGENEVA, 3 March 2021 – The ministry "
            f"published report {i} today. " + "More text. " * 200, encoding="utf-8")
    process = pressroom(tmp_path, tmp_path / "public")
    time.sleep(0.8)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    for md in content.glob("*.md"):
        parse_source(md.read_text(encoding="utf-8"), str(md))
    assert pressroom(tmp_path, tmp_path / "public").wait() == 0
    assert len(list(content.glob("*.md"))) == 60
