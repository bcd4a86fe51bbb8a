#!/usr/bin/env python3
"""Releases per second of the loader (`pressroom.loader.load_raw`) on one core.

    .venv/bin/python benchmarks/ingest_speed.py CORPUS_DIR_OR_N [--repeat 3] [--cpu K]
        [--target 200] [--check] [--json FILE] [--cache DIR] [--seed 42]

CORPUS_DIR_OR_N: a folder of raw `.txt` releases (searched recursively), or a number N for
the first N synthetic raw releases of gen_corpus.py (generated once, cached like
compare.py's corpora). Run it with the Python that has Pressroom installed.

The process is pinned to one core (--cpu, default the first it may use). Reported: the
import of the loader, its first call (lazy set-up), then --repeat passes over all files,
each timed as a whole (wall clock and this process's CPU time); load_raw reads each file
itself, so reading is included (from the page cache after the first pass). The rate is
files / wall seconds of a pass; the figure to quote is the median pass. Files the loader
refuses (LoaderError) count as failed; any other exception is a crash and is listed.
The rate per CPU-second (this process's CPU time) is printed too: on a busy machine the
wall-clock rate also counts the time other processes held the core. --check exits 1 when
the median rate is below --target. --profile K prints the K functions with the most
cumulative time over one extra pass (cProfile, which slows the pass down; read shares).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_corpus  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", help="folder of raw .txt releases, or a number of releases")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over all files")
    ap.add_argument("--cpu", type=int, default=None, help="core to pin to")
    ap.add_argument("--target", type=float, default=200, help="releases/s to compare with")
    ap.add_argument("--check", action="store_true", help="exit 1 below the target")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here")
    ap.add_argument("--profile", type=int, default=0, metavar="K",
                    help="profile one more pass; print the top K functions")
    ap.add_argument("--cache", type=Path, default=gen_corpus.default_cache())
    ap.add_argument("--seed", type=int, default=42)
    a = ap.parse_args(argv)

    if a.corpus.isdigit():
        folder = gen_corpus.cached_corpus(int(a.corpus), "txt", a.seed, a.cache)
    else:
        folder = Path(a.corpus)
    files = sorted(p for p in folder.rglob("*.txt") if p.is_file())
    if not files:
        print(f"no .txt files in {folder}", file=sys.stderr)
        return 2
    size = sum(p.stat().st_size for p in files)

    cpu = a.cpu if a.cpu is not None else min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})

    t0 = time.perf_counter()
    try:
        from pressroom.errors import LoaderError
        from pressroom.loader import load_raw
    except ImportError as exc:
        print(f"cannot import the loader ({exc}); run this with the Python that has "
              "Pressroom installed, e.g. .venv/bin/python", file=sys.stderr)
        return 2
    import_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    with contextlib.suppress(LoaderError):
        load_raw(files[0])
    first_s = time.perf_counter() - t0

    passes, crashes, failed = [], {}, 0
    for _ in range(a.repeat):
        failed = 0
        w0, c0 = time.perf_counter(), time.process_time()
        for path in files:
            try:
                load_raw(path)
            except LoaderError:
                failed += 1
            except Exception:  # noqa: BLE001 - the loader must never crash; list it
                crashes.setdefault(str(path), traceback.format_exc(limit=3).strip())
        wall, cpu_s = time.perf_counter() - w0, time.process_time() - c0
        passes.append({"wall_s": round(wall, 4), "cpu_s": round(cpu_s, 4),
                       "releases_per_s": round(len(files) / wall, 1),
                       "releases_per_cpu_s": round(len(files) / max(cpu_s, 1e-9), 1)})
        print(f"  pass {len(passes)}: {wall:.2f} s, {len(files) / wall:,.0f} releases/s, "
              f"CPU {cpu_s:.2f} s", file=sys.stderr)

    rate = statistics.median(p["releases_per_s"] for p in passes)
    cpu_rate = statistics.median(p["releases_per_cpu_s"] for p in passes)
    result = {
        "corpus": str(folder), "files": len(files), "mb": round(size / 1e6, 2), "core": cpu,
        "python": sys.version.split()[0], "import_s": round(import_s, 3),
        "first_call_s": round(first_s, 3), "passes": passes,
        "releases_per_s": rate, "releases_per_cpu_s": cpu_rate,
        "mb_per_s": round(size / 1e6 * rate / len(files), 2),
        "ms_per_release": round(1000 / rate, 3), "failed": failed,
        "crashed": len(crashes), "crashes": dict(list(crashes.items())[:5]),
        "target": a.target, "target_met": rate >= a.target,
    }
    print(f"loader: {len(files):,} raw releases ({size / 1e6:.1f} MB) on core {cpu}: "
          f"{rate:,.0f} releases/s (median of {len(passes)} passes; "
          f"{1000 / rate:.2f} ms a release), import {import_s:.2f} s, first call "
          f"{first_s:.2f} s; {cpu_rate:,.0f} releases per CPU-second; {failed} refused, "
          f"{len(crashes)} crashed")
    print(f"target {a.target:,.0f} releases/s: {'met' if rate >= a.target else 'NOT met'}")
    for path, tb in list(crashes.items())[:5]:
        print(f"crash: {path}\n{tb}", file=sys.stderr)
    if a.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        for path in files:
            with contextlib.suppress(Exception):
                load_raw(path)
        prof.disable()
        pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative").print_stats(a.profile)
    if a.json:
        a.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 1 if a.check and rate < a.target else 0


if __name__ == "__main__":
    sys.exit(main())
