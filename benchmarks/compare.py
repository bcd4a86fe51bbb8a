#!/usr/bin/env python3
"""Time Pressroom against Hugo and Pelican on one synthetic corpus, in one run.

    python benchmarks/compare.py N [N ...] [--tools pressroom,hugo,pelican] [--runs 3]
        [--warmup 1] [--work DIR] [--cache DIR] [--json FILE] [--pressroom CMD]
        [--hugo PATH] [--pelican PATH] [--timeout S] [--seed 42] [--keep]

For each N: the corpus (gen_corpus.py, cached by N, seed and the generator's hash), one
site folder per tool laid out from it (not timed), then, per tool, these scenarios:

  full      cold build: output folder and every cache removed before each run (untimed)
  noop      rebuild with nothing changed
  edit      rebuild after a sentence is appended to the newest release's body (untimed)
  newraw    Pressroom only: a raw .txt release dropped into content/ before the run, a new
            one each run, as releases come in: the first is release N+1 of the corpus,
            the next ones the same text under another title (so each run changes the same
            pages). They are kept: Pressroom stages a build into the site from two builds
            before, and a release added and then taken away again would be found there.

Each scenario is `--warmup` uncounted runs then `--runs` counted ones; the tools take turns
run by run (interleaved), so a drift of the machine's speed hits them alike. In the
no-change, edit and newraw scenarios a cold full build of a twin Pressroom site takes its
turn too ("full beside it"): a rebuild's share of the full build is also given against
full builds made in the same minutes. Start-up is
timed too (`pressroom --help`; `hugo version` and `pelican --version` for reference).

Figures per run: wall time (monotonic clock from start to reap), user and system CPU of
the whole process tree, and peak RSS, all from the kernel's accounting of reaped processes
(os.wait4): CPU is summed over the command and every descendant; peak RSS is the largest
single process of the tree (a worker pool's processes are not added up). The harness makes
itself a child subreaper, so descendants that outlive their parent are reaped and counted
too. Medians (with min and max) of the counted runs are printed as Markdown tables with
ratios; every figure goes to the JSON file.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import fcntl
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import gen_corpus  # noqa: E402

SCENARIOS = ("full", "noop", "edit", "newraw")
LABEL = {"full": "full", "noop": "no-change", "edit": "one-edit", "newraw": "one-new-raw-txt"}
MARKER = ".pressroom-bench-work"
PRESSROOM_YAML = ("title: News archive\nbase_url: https://news.example.org/\n"
                  "per_page: 20\nfeed_size: 20\n")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------------- timing

def become_subreaper() -> bool:
    """Orphaned descendants get re-parented to us (Linux), so we can reap and count them."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def busy_cpu_s() -> float:
    """CPU seconds the whole machine has spent busy (all cores, /proc/stat), or NaN."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return float("nan")
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def run_timed(cmd: list[str], cwd: Path, env: dict, logfile: Path, timeout: float) -> dict:
    """Run `cmd` once; wall, CPU and peak RSS of its whole process tree.

    `other_cpu_s`: CPU the rest of the machine used meanwhile (noise from other processes).
    """
    busy0 = busy_cpu_s()
    with open(logfile, "ab") as out:
        out.write(f"\n$ {shlex.join(cmd)}\n".encode())
        out.flush()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)
        killed = []

        def kill() -> None:
            killed.append(True)
            _killpg(proc.pid)

        timer = threading.Timer(timeout, kill)
        timer.start()
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    user, system, rss = ru.ru_utime, ru.ru_stime, ru.ru_maxrss
    _killpg(proc.pid)  # anything the command left running in its group
    orphans = 0
    deadline = time.monotonic() + 2
    while time.monotonic() < deadline:  # descendants re-parented to us
        try:
            pid, _, oru = os.wait4(-1, os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            time.sleep(0.01)
            continue
        orphans += 1
        user, system, rss = user + oru.ru_utime, system + oru.ru_stime, max(rss, oru.ru_maxrss)
    other = max(0.0, busy_cpu_s() - busy0 - user - system)
    return {"wall_s": round(wall, 4), "user_s": round(user, 3), "sys_s": round(system, 3),
            "cpu_s": round(user + system, 3), "peak_rss_mb": round(rss / 1024, 1),
            "other_cpu_s": round(other, 2), "rc": proc.returncode, "timed_out": bool(killed),
            "orphans": orphans}


def _killpg(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def summarize(runs: list[dict]) -> dict:
    out = {}
    for key in ("wall_s", "cpu_s", "user_s", "sys_s", "peak_rss_mb"):
        vals = [r[key] for r in runs]
        out[key] = {"median": round(statistics.median(vals), 4), "min": min(vals),
                    "max": max(vals)}
    return out


# -------------------------------------------------------------------------- tools

class Tool:
    """One tool's site folder, output folder, build command and clean-up."""

    def __init__(self, name: str, cmd: list[str], root: Path, corpus: Path, newest: str):
        self.name, self.root, self.cmd = name, root, cmd
        self.site, self.out = root / "site", root / "out"
        self.cache = root / "cache"  # XDG_CACHE_HOME (and Hugo's cacheDir) of this tool
        self.logfile = root / "build.log"
        self.env = dict(os.environ, XDG_CACHE_HOME=str(self.cache))
        self.scenarios = ["full", "noop", "edit"]
        self.error: str | None = None
        root.mkdir(parents=True)
        self.layout(corpus)
        self.edit_target = self.content / newest
        self.build_cmd = self.command(cmd)

    content: Path

    def layout(self, corpus: Path) -> None:
        raise NotImplementedError

    def command(self, cmd: list[str]) -> list[str]:
        raise NotImplementedError

    def clean(self) -> None:
        """Remove the output, whatever a build leaves beside it, and every cache."""
        for path in [self.out, self.cache, *self.out.parent.glob(f".{self.out.name}*")]:
            _remove(path)

    def settle(self) -> float:
        """Wait for whatever the last build left running; the seconds waited."""
        return 0.0

    def prepare(self, scenario: str, k: int) -> None:
        if scenario == "full":
            self.clean()
        elif scenario == "edit":
            with open(self.edit_target, "a", encoding="utf-8") as f:
                f.write(f"\nCorrection {k + 1}: a figure in this release was updated.\n")


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _copy_releases(corpus: Path, dest: Path, convert=None) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for src in sorted(corpus.glob("*.md")):
        if convert is None:
            shutil.copyfile(src, dest / src.name)
        else:
            (dest / src.name).write_text(convert(src.read_text(encoding="utf-8")),
                                         encoding="utf-8")


class Pressroom(Tool):
    def __init__(self, *args, newraw: tuple[str, str]):
        super().__init__(*args)
        self.scenarios.append("newraw")
        self.newraw_name, self.newraw_text = newraw

    def layout(self, corpus: Path) -> None:
        self.content = self.site / "content"
        _copy_releases(corpus, self.content)
        (self.site / "pressroom.yaml").write_text(PRESSROOM_YAML, encoding="utf-8")

    def command(self, cmd: list[str]) -> list[str]:
        return [*cmd, "build", "--project", str(self.site), "--output", str(self.out)]

    def clean(self) -> None:
        self.settle()
        super().clean()
        keep = {"content", "pressroom.yaml"}
        for path in self.site.iterdir():  # anything a build left in the site folder
            if path.name not in keep:
                _remove(path)
        for path in list(self.site.rglob("*")):  # cache folders anywhere in the site
            if path.name.startswith(".pressroom-cache") or path.name in ("cache", ".cache"):
                _remove(path)

    def settle(self) -> float:
        """Wait until the last build's background process (which saves its cache and
        tidies the site it replaced, holding the build lock) is done: each timed run then pays
        for its own work only, and a cache written after a wipe cannot make the next
        "full" build warm. The seconds waited."""
        lock = self.out.parent / f".{self.out.name}.lock"
        started = time.perf_counter()
        if lock.exists():
            with open(lock, "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
        return time.perf_counter() - started

    @property
    def manifest(self) -> Path:
        return self.content / ".pressroom-ingest.json"

    def prepare(self, scenario: str, k: int) -> None:
        super().prepare(scenario, k)
        if scenario == "newraw":
            name, text = self.newraw_name, self.newraw_text
            if k:  # the same release under another title: a new page at the same place
                title, rest = text.split("\n", 1)
                name, text = f"{name[:-4]}-{k + 1}.txt", f"{title} ({k + 1})\n{rest}"
            (self.content / name).write_text(text, encoding="utf-8")


class Hugo(Tool):
    def layout(self, corpus: Path) -> None:
        shutil.copytree(HERE / "peers" / "hugo", self.site)
        self.content = self.site / "content" / "releases"
        _copy_releases(corpus, self.content)
        years = {p.read_text(encoding="utf-8").split("\ndate: ", 1)[1][:4]
                 for p in self.content.glob("*.md")}
        archives = self.site / "content" / "archives"
        archives.mkdir()
        for y in sorted(years):  # Hugo has no date archives: one stub page per year
            (archives / f"{y}.md").write_text(
                f'---\ntitle: "Releases from {y}"\nyear: {y}\nlayout: year\n'
                f"url: /archives/{y}/\n_build:\n  list: never\n---\n", encoding="utf-8")

    def command(self, cmd: list[str]) -> list[str]:
        return [*cmd, "--source", str(self.site), "--destination", str(self.out),
                "--cacheDir", str(self.cache)]

    def clean(self) -> None:
        super().clean()
        for name in ("resources", ".hugo_build.lock"):
            _remove(self.site / name)


def pelican_metadata(text: str) -> str:
    """Our front matter as Pelican's Markdown metadata (Pelican reads no YAML)."""
    meta, body = gen_corpus.read_front_matter(text)
    people = ", ".join(p["name"] if isinstance(p, dict) else p for p in meta["people"])
    return (f"Title: {meta['title']}\nDate: {meta['date']}\nSlug: {meta['slug']}\n"
            f"Location: {meta['location']}\nTags: {', '.join(meta['tags'])}\n"
            f"People: {people}\n\n{body}")


class Pelican(Tool):
    def layout(self, corpus: Path) -> None:
        shutil.copytree(HERE / "peers" / "pelican", self.site)
        self.content = self.site / "content"
        _copy_releases(corpus, self.content, pelican_metadata)
        if self.name == "pelican-cache":
            self.env["PELICAN_CACHE"] = "1"

    def command(self, cmd: list[str]) -> list[str]:
        return [*cmd, "-s", str(self.site / "pelicanconf.py"), "-o", str(self.out)]

    def clean(self) -> None:
        super().clean()
        _remove(self.site / "cache")


# ------------------------------------------------------------------- output count

def page_kind(rel: str) -> str:
    """The kind of an output file, by the paths of the common page set; else other."""
    parts = rel.split("/")
    paged = len(parts) == 5 and parts[2] == "page" and parts[3].isdigit()
    if rel.endswith("page/1/index.html"):
        return "redirect"  # Hugo's alias of each list's first page
    if len(parts) == 3 and parts[0] == "releases" and parts[2] == "index.html":
        return "release"
    if rel == "index.html" or (len(parts) == 3 and parts[0] == "page" and parts[1].isdigit()):
        return "index"
    if rel == "tags/index.html":
        return "tag list"
    if parts[0] == "tags" and parts[-1] == "index.html" and (len(parts) == 3 or paged):
        return "tag"
    if parts[0] in ("archives", "archive") and len(parts) == 3 and parts[1].isdigit() \
            and parts[2] == "index.html":
        return "year"
    if parts[-1].startswith("sitemap") and rel.endswith(".xml"):
        return "sitemap"
    if parts[-1] in ("feed.xml", "index.xml", "atom.xml", "rss.xml") or \
            rel.endswith((".atom", ".rss")):
        return "feed" if len(parts) == 1 else "other feed"
    return "other page" if rel.endswith((".html", ".htm")) else "other file"


def count_output(out: Path) -> dict:
    """Files, HTML pages and bytes a build wrote, by kind (see page_kind)."""
    kinds: dict[str, int] = {}
    files = size = pages = 0
    for path in out.rglob("*"):
        if path.is_file():
            rel = path.relative_to(out).as_posix()
            files += 1
            pages += rel.endswith((".html", ".htm"))
            size += path.stat().st_size
            kind = page_kind(rel)
            kinds[kind] = kinds.get(kind, 0) + 1
    return {"files": files, "html_pages": pages, "mb": round(size / 1e6, 2), "kinds": kinds}


# --------------------------------------------------------------------------- main

def tool_version(cmd: list[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        text = (r.stdout or r.stderr).strip().splitlines()
        return text[0][:120] if r.returncode == 0 and text else f"unknown (exit {r.returncode})"
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"unknown ({exc})"


def find_exe(cmd: list[str]) -> list[str] | None:
    """`cmd` with its program as an absolute path (builds run in other folders), or None."""
    exe = shutil.which(cmd[0]) if cmd else None
    return [os.path.abspath(exe), *cmd[1:]] if exe else None


def default_work() -> Path:
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        return shm / "pressroom-bench-compare"
    return Path(tempfile.gettempdir()) / "pressroom-bench-compare"


def prepare_work(work: Path) -> None:
    if work.exists() and any(work.iterdir()) and not (work / MARKER).exists():
        sys.exit(f"refusing to use {work}: not empty and not made by this script")
    work.mkdir(parents=True, exist_ok=True)
    (work / MARKER).touch()


def filesystem(path: Path) -> str:
    best, kind = "", "unknown"
    try:
        with open("/proc/mounts") as f:
            for line in f:
                _, mnt, fstype, *_ = line.split()
                if str(path).startswith(mnt) and len(mnt) > len(best):
                    best, kind = mnt, fstype
    except OSError:
        pass
    return kind


def machine() -> dict:
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f if ln.startswith("model name")),
                       cpu)
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "platform": platform.platform(), "cpu": cpu, "nproc": os.cpu_count(),
            "usable_cores": len(os.sched_getaffinity(0)), "mem_gib": round(mem, 1),
            "load_avg_at_start": [round(x, 2) for x in os.getloadavg()],
            "harness_python": platform.python_version()}


def time_rounds(jobs: list[tuple[str, callable]], rounds: int, warmup: int,
                label: str) -> dict[str, list[dict]]:
    """Run each job once per round, taking turns (the order rotates every round)."""
    results: dict[str, list[dict]] = {name: [] for name, _ in jobs}
    alive = list(jobs)
    for k in range(warmup + rounds):
        shift = k % len(alive) if alive else 0
        for name, job in alive[shift:] + alive[:shift]:
            r = job(k)
            if r is None:
                continue
            tag = "warm-up" if k < warmup else f"run {k - warmup + 1}"
            log(f"  {name} {label} {tag}: {r['wall_s']:.2f} s, cpu {r['cpu_s']:.2f} s, "
                f"{r['peak_rss_mb']:.0f} MB, rc {r['rc']}"
                + (f", then {r['background_s']:.2f} s in the background"
                   if r.get("background_s") else ""))
            if k >= warmup:
                results[name].append(r)
        alive = [(n, j) for n, j in alive if not getattr(j, "failed", lambda: False)()]
    return results


def bench_n(n: int, args, tool_cmds: dict[str, list[str]], work: Path) -> dict:
    corpus = gen_corpus.cached_corpus(n, "md", args.seed, args.cache)
    newest = max((gen_corpus.read_front_matter(p.read_text(encoding="utf-8"))[0]["date"],
                   p.name) for p in corpus.glob("*.md"))[1]
    slug, raw = gen_corpus.release_text(n + 1, args.seed, "txt")
    root = work / f"n{n}"
    if root.exists():
        shutil.rmtree(root)
    classes = {"pressroom": Pressroom, "pressroom-b": Pressroom, "hugo": Hugo,
               "pelican": Pelican, "pelican-cache": Pelican}
    tools: list[Tool] = []
    for name, cmd in tool_cmds.items():
        extra = {"newraw": (slug + ".txt", raw)} if name.startswith("pressroom") else {}
        tools.append(classes[name](name, cmd, root / name, corpus, newest, **extra))
    # Each Pressroom's rebuild scenarios are timed beside a cold full build of a twin site
    # (same corpus, own folder), taking turns with them: the machine's speed drifts over
    # the minutes between the full scenario and the last one, and a rebuild's share of
    # the full build should compare builds made in the same minutes.
    twins = {t.name: Pressroom(f"{t.name}-full", t.cmd, root / f"{t.name}-full", corpus,
                               newest, newraw=(slug + ".txt", raw))
             for t in tools if isinstance(t, Pressroom)}
    log(f"== N={n}: corpus {corpus.name}, work {root}, tools {', '.join(tool_cmds)}")
    per_tool: dict[str, dict] = {t.name: {"command": shlex.join(t.build_cmd),
                                          "scenarios": {}} for t in tools}
    for scen in SCENARIOS:
        active = [t for t in tools if scen in t.scenarios and t.error is None]
        if not active:
            continue

        def job_for(t: Tool, scen: str = scen):
            def job(k: int) -> dict | None:
                if t.error:
                    return None
                t.prepare(scen, k)
                r = run_timed(t.build_cmd, t.site, t.env, t.logfile, args.timeout)
                r["background_s"] = round(t.settle(), 3)
                if r["rc"] != 0 or r["timed_out"]:
                    t.error = f"{LABEL[scen]} build " + \
                        ("timed out" if r["timed_out"] else f"exited {r['rc']}")
                    t.log_tail = t.logfile.read_text(errors="replace").splitlines()[-30:]
                    log(f"  {t.name}: {t.error}; its output:\n    " + "\n    ".join(t.log_tail))
                return r
            job.failed = lambda: t.error is not None
            return job

        def beside(t: Tool, twin: Pressroom, scen: str = scen):
            def job(k: int) -> dict | None:
                if t.error or twin.error:
                    return None
                twin.prepare("full", k)
                r = run_timed(twin.build_cmd, twin.site, twin.env, twin.logfile, args.timeout)
                r["background_s"] = round(twin.settle(), 3)
                if r["rc"] != 0 or r["timed_out"]:
                    twin.error = f"full build beside {LABEL[scen]} failed"
                return r
            job.failed = lambda: twin.error is not None
            return job

        jobs = [(t.name, job_for(t)) for t in active]
        if scen != "full":
            jobs += [(f"{t.name} full beside it", beside(t, twins[t.name]))
                     for t in active if t.name in twins]
        results = time_rounds(jobs, args.runs, args.warmup, LABEL[scen])
        for t in active:
            runs = [r for r in results.get(f"{t.name} full beside it", []) if r["rc"] == 0]
            if runs and twins[t.name].error is None:
                per_tool[t.name]["scenarios"][f"full@{scen}"] = {"runs": runs,
                                                                 **summarize(runs)}
        for t in active:
            runs = [r for r in results[t.name] if r["rc"] == 0]
            if runs and t.error is None:
                per_tool[t.name]["scenarios"][scen] = {"runs": runs, **summarize(runs)}
            if scen == "full" and t.error is None:
                per_tool[t.name]["output"] = count_output(t.out)
    for t in tools:
        if t.error:
            per_tool[t.name]["error"] = t.error
            per_tool[t.name]["log_tail"] = getattr(t, "log_tail", [])
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    n_chars = sum(p.stat().st_size for p in corpus.glob("*.md"))
    return {"corpus": {"releases": n, "bytes": n_chars, "folder": corpus.name,
                       "newest": newest, "new_raw": slug + ".txt"},
            "tools": per_tool, "ratios": ratios(per_tool)}


def _med(per_tool: dict, tool: str, scen: str, key: str) -> float | None:
    s = per_tool.get(tool, {}).get("scenarios", {}).get(scen)
    return s[key]["median"] if s else None


def ratios(per_tool: dict) -> dict:
    out = {}

    def put(name: str, a: tuple[str, str], b: tuple[str, str], keys: tuple[str, ...]) -> None:
        vals = {}
        for key in keys:
            x, y = _med(per_tool, *a, key), _med(per_tool, *b, key)
            if x is not None and y:
                vals[key] = round(x / y, 3)
        if vals:
            out[name] = vals

    all3 = ("wall_s", "cpu_s", "peak_rss_mb")
    for peer in ("hugo", "pelican", "pelican-cache"):
        put(f"pressroom/{peer} full", ("pressroom", "full"), (peer, "full"), all3)
    pages = {t: d["output"]["html_pages"] for t, d in per_tool.items() if d.get("output")}
    for peer in ("hugo", "pelican", "pelican-cache"):
        if "pressroom" in pages and pages.get(peer):
            vals = {}
            for key in ("wall_s", "cpu_s"):
                x, y = _med(per_tool, "pressroom", "full", key), _med(per_tool, peer, "full", key)
                if x is not None and y:
                    vals[key] = round(x / pages["pressroom"] / (y / pages[peer]), 3)
            if vals:
                out[f"pressroom/{peer} full, per HTML page written"] = vals
    for tool in per_tool:
        for scen in ("noop", "edit", "newraw"):
            put(f"{tool} {LABEL[scen]}/full", (tool, scen), (tool, "full"), ("wall_s", "cpu_s"))
            put(f"{tool} {LABEL[scen]}/full beside it", (tool, scen), (tool, f"full@{scen}"),
                ("wall_s", "cpu_s"))
    for scen in SCENARIOS:  # two versions of Pressroom, taking turns (--pressroom-b)
        put(f"pressroom-b/pressroom {LABEL[scen]}", ("pressroom-b", scen), ("pressroom", scen),
            all3)
    return out


# ------------------------------------------------------------------------ report

def fmt_wall(s: dict | None) -> str:
    if not s:
        return "–"
    w = s["wall_s"]
    return f"{w['median']:.2f} ({w['min']:.2f}–{w['max']:.2f})"


def report(result: dict) -> str:
    lines = ["Wall seconds: median of the counted runs (min–max). CPU: user+sys of the "
             "process tree. Peak RSS: largest single process.", "",
             "| N | tool | full s | no-change s | one-edit s | one-new-raw-txt s "
             "| full CPU s | full peak RSS MB | files written |",
             "|---|---|---|---|---|---|---|---|---|"]
    for n, res in result["n"].items():
        for tool, data in res["tools"].items():
            sc = data["scenarios"]
            full = sc.get("full")
            cpu = f"{full['cpu_s']['median']:.2f}" if full else "–"
            rss = f"{full['peak_rss_mb']['median']:.0f}" if full else "–"
            files = f"{data['output']['files']:,}" if "output" in data else "–"
            row = [f"{int(n):,}", tool] + [fmt_wall(sc.get(s)) for s in SCENARIOS] + \
                [cpu, rss, files]
            if "error" in data:
                row[1] += f" (**{data['error'].split(';')[0]}**)"
            lines.append("| " + " | ".join(row) + " |")
    for n, res in result["n"].items():
        runs = [r for d in res["tools"].values() for sc in d["scenarios"].values()
                for r in sc["runs"]]
        wall = sum(r["wall_s"] for r in runs)
        if wall:
            share = [r["other_cpu_s"] / r["wall_s"] for r in runs if r["wall_s"] > 0]
            lines.append(f"\nN={int(n):,}: other processes on the machine used "
                         f"{100 * sum(r['other_cpu_s'] for r in runs) / wall:.0f} % of one "
                         f"core on average during the counted runs (most in one run: "
                         f"{100 * max(share):.0f} %; cores: {result['meta']['nproc']}).")
    for n, res in result["n"].items():
        for tool, data in res["tools"].items():
            waits = {scen: statistics.median(r.get("background_s", 0) for r in sc["runs"])
                     for scen, sc in data["scenarios"].items()}
            if any(waits.values()):
                lines.append(f"\nN={int(n):,}: {tool} went on in the background after the "
                             "command returned (saving its cache, removing the old site; "
                             "holding the build lock, which the next run waited for before "
                             "it started), median seconds: " + ", ".join(
                                 f"{LABEL[scen]} {w:.2f}" for scen, w in waits.items())
                             + ". Wall times leave it out; CPU times include it when it "
                             "ended within 2 s.")
    lines += ["", "| N | ratio (medians) | wall | CPU | peak RSS |", "|---|---|---|---|---|"]
    for n, res in result["n"].items():
        for name, v in res["ratios"].items():
            cells = [f"{v[k]:.2f}" if k in v else "–" for k in ("wall_s", "cpu_s", "peak_rss_mb")]
            lines.append(f"| {int(n):,} | {name} | " + " | ".join(cells) + " |")
    if result.get("startup"):
        lines += ["", "| start-up command | wall s | CPU s | peak RSS MB |", "|---|---|---|---|"]
        for name, s in result["startup"].items():
            lines.append(f"| `{name}` | {fmt_wall(s)} | {s['cpu_s']['median']:.2f} | "
                         f"{s['peak_rss_mb']['median']:.0f} |")
    kinds = ["release", "index", "tag", "tag list", "year", "feed", "sitemap", "redirect",
             "other page", "other feed", "other file"]
    lines += ["", "Files written by the last full build, by kind (paths of the common page "
              "set; anything else is 'other'):", "",
              "| N | tool | " + " | ".join(kinds) + " | HTML pages | MB |",
              "|---|---|" + "---|" * (len(kinds) + 2)]
    for n, res in result["n"].items():
        for tool, data in res["tools"].items():
            if "output" in data:
                k = data["output"]["kinds"]
                lines.append(f"| {int(n):,} | {tool} | " + " | ".join(
                    f"{k.get(x, 0):,}" for x in kinds) +
                    f" | {data['output']['html_pages']:,} | {data['output']['mb']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("n", type=int, nargs="+", help="number of releases (several: one after "
                                                   "the other)")
    ap.add_argument("--tools", default="pressroom,hugo,pelican",
                    help="comma-separated: pressroom, hugo, pelican, pelican-cache, "
                         "pressroom-b")
    ap.add_argument("--runs", type=int, default=3, help="counted runs per scenario")
    ap.add_argument("--warmup", type=int, default=1, help="uncounted runs first")
    ap.add_argument("--work", type=Path, default=None,
                    help="build folders (default: /dev/shm if writable, else the temp dir)")
    ap.add_argument("--cache", type=Path, default=gen_corpus.default_cache(),
                    help="corpora and results (default: %(default)s)")
    ap.add_argument("--json", type=Path, default=None, help="where to write all figures")
    ap.add_argument("--pressroom", default="pressroom", help="the Pressroom command")
    ap.add_argument("--pressroom-b", default="pressroom",
                    help="a second Pressroom command (another version) for an A/B run: "
                         "--tools pressroom,pressroom-b")
    ap.add_argument("--hugo", default="hugo")
    ap.add_argument("--pelican", default="pelican")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds per build")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--keep", action="store_true", help="keep the build folders")
    args = ap.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        ap.error("--runs must be at least 1 and --warmup at least 0")

    commands = {"pressroom": shlex.split(args.pressroom), "hugo": [args.hugo],
                "pelican": [args.pelican], "pelican-cache": [args.pelican],
                "pressroom-b": shlex.split(args.pressroom_b)}
    version_args = {"pressroom": ["--version"], "hugo": ["version"],
                    "pelican": ["--version"], "pelican-cache": ["--version"],
                    "pressroom-b": ["--version"]}
    wanted = [t.strip() for t in args.tools.split(",") if t.strip()]
    unknown = [t for t in wanted if t not in commands]
    if unknown:
        ap.error(f"unknown tool(s): {', '.join(unknown)}")
    tool_cmds, skipped, versions = {}, {}, {}
    for name in wanted:
        cmd = find_exe(commands[name])
        if cmd:
            tool_cmds[name] = cmd
            versions[name] = tool_version(cmd + version_args[name])
        else:
            option = name if name == "pressroom-b" else name.split("-")[0]
            skipped[name] = f"not found: {commands[name][0]!r} (see --{option})"
            log(f"NOTE: skipping {name}: {skipped[name]}")
    if not tool_cmds:
        log("nothing to run")
        return 2

    work = args.work or default_work()
    prepare_work(work)
    subreaper = become_subreaper()
    meta = {**machine(), "work_fs": filesystem(work.resolve()), "runs": args.runs,
            "warmup": args.warmup, "seed": args.seed, "generator": gen_corpus.generator_hash(),
            "versions": versions, "skipped": skipped, "subreaper": subreaper}
    result: dict = {"meta": meta, "startup": {}, "n": {}}

    startup_jobs = []
    startup_cmds = {"pressroom": ["--help"], "hugo": ["version"], "pelican": ["--version"]}
    for name, extra in startup_cmds.items():
        if name in tool_cmds:
            cmd = tool_cmds[name] + extra
            logfile = work / "startup.log"

            def job(k: int, cmd: list[str] = cmd, logfile: Path = logfile) -> dict:
                return run_timed(cmd, work, dict(os.environ), logfile, args.timeout)
            startup_jobs.append((shlex.join([Path(cmd[0]).name, *cmd[1:]]), job))
    log("== start-up")
    startup_failed = []
    for name, runs in time_rounds(startup_jobs, max(5, args.runs), 1, "start-up").items():
        ok = [r for r in runs if r["rc"] == 0]
        if ok:
            result["startup"][name] = {"runs": ok, **summarize(ok)}
        else:
            startup_failed.append(f"start-up `{name}` failed (see {work / 'startup.log'})")

    for n in args.n:
        result["n"][str(n)] = bench_n(n, args, tool_cmds, work)

    path = args.json or args.cache / "results" / \
        f"compare-{'-'.join(map(str, args.n))}-{dt.datetime.now():%Y%m%d-%H%M%S}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(result))
    notes = [f"{k} skipped: {v}" for k, v in skipped.items()] + startup_failed
    notes += [f"N={n} {t}: {d['error']} (its output is in the JSON, `log_tail`)"
              for n, r in result["n"].items() for t, d in r["tools"].items() if "error" in d]
    print("\n" + "\n".join(f"- {x}" for x in notes) if notes else "")
    print(f"Figures: {path}")
    log(f"work folder: {work} ({meta['work_fs']}); versions: {versions}")
    return 1 if any("error" in d for r in result["n"].values()
                    for d in r["tools"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
