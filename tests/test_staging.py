"""staging: the search files staged beside the live site, the last build's linked."""

import os

from pressroom.staging import stage_search
from pressroom.writer import SiteWriter, stamp


def _first_build(tmp_path):
    output = tmp_path / "public"
    with SiteWriter(output) as writer:
        staged = stage_search(writer, {"search/data/a.js": b"A", "search/data/b.js": b"B"}, {})
        for path, written, stamped in staged:
            writer.record(path, written, stamped)
        writer.commit()
    return output, {path: (None, *stamp(os.stat(output / path))) for path, _, _ in staged}


def test_a_file_the_index_keeps_is_linked_from_the_last_build(tmp_path):
    output, old_files = _first_build(tmp_path)
    with SiteWriter(output) as writer:
        staged = stage_search(writer, {"search/data/a.js": None, "search/data/b.js": b"B2"},
                              old_files)
        assert staged is not None
        kept = dict((path, written) for path, written, _ in staged)
        assert kept == {"search/data/a.js": False, "search/data/b.js": True}
        linked = writer.staging / "search/data/a.js"
        assert os.stat(linked).st_ino == os.stat(output / "search/data/a.js").st_ino
        writer.abort()


def test_a_kept_file_changed_since_the_last_build_means_staging_all_again(tmp_path):
    output, old_files = _first_build(tmp_path)
    (output / "search/data/a.js").write_bytes(b"tampered")
    with SiteWriter(output) as writer:
        assert stage_search(writer, {"search/data/a.js": None}, old_files) is None
        writer.abort()


def _list_site(root):
    (root / "content").mkdir(parents=True)
    (root / "pressroom.yaml").write_text("title: Lists\nbase_url: https://example.org/\n"
                                         "per_page: 2\n", encoding="utf-8")
    for number in range(9):
        (root / "content" / f"r{number}.md").write_text(
            f"---\ntitle: Release {number}\ndate: 2024-03-{number + 1:02d}\n"
            f"summary: Summary {number}.\ntags: [water, t{number % 3}]\n"
            f"people:\n  - name: Ana Lima\nquotes:\n  - speaker: Ana Lima\n"
            f"    text: Quote number {number}.\n---\nBody {number}.\n", encoding="utf-8")


def _built_before_forking(tmp_path, monkeypatch, jobs=2):
    """Build the list site over `jobs` workers; the pages staged when the workers start
    (site paths of the HTML files in the staging folder), and the site's folder."""
    from pressroom import parallel, staging
    from pressroom.build import build
    from pressroom.config import load_config

    monkeypatch.setattr(parallel, "PARALLEL_MIN", 0)
    root = tmp_path / "site"
    _list_site(root)
    seen = []
    real_run_tasks = staging.run_tasks

    def run_tasks(task, count, jobs, meanwhile=None):
        staged = next(root.glob(".public.*"))
        seen.append(sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*.html")))
        return real_run_tasks(task, count, jobs, meanwhile)

    with monkeypatch.context() as patch:
        patch.setattr(staging, "run_tasks", run_tasks)
        build(load_config(root), jobs=jobs)
    assert len(seen) == 1
    return seen[0], root


def test_a_whole_build_over_workers_stages_the_full_lists_first_and_the_same_site(
        tmp_path, monkeypatch):
    """The home page's pages and the quotes list show every release's and every quote's
    list entry: staged before the workers fork, so that each inherits those entries
    rendered; the site is the one a single process makes."""
    from pressroom.build import build
    from pressroom.config import load_config

    staged, root = _built_before_forking(tmp_path, monkeypatch)
    lists = sorted(p.relative_to(root / "public").as_posix()
                   for p in (root / "public").rglob("index.html")
                   if p.parent == root / "public" or p.relative_to(root / "public").parts[0]
                   in ("page", "quotes"))
    assert len(lists) > 4 and "quotes/page/1/index.html" in lists
    assert staged == lists
    build(load_config(root), tmp_path / "one", jobs=1, clean=True)
    one = {p.relative_to(tmp_path / "one").as_posix(): p.read_bytes()
           for p in (tmp_path / "one").rglob("*") if p.is_file()}
    two = {p.relative_to(root / "public").as_posix(): p.read_bytes()
           for p in (root / "public").rglob("*") if p.is_file()}
    assert one == two


def test_with_many_workers_the_lists_are_left_to_them(tmp_path, monkeypatch):
    """Staging the full lists first is done in one process, while the other workers would
    wait: not with more workers than PRIMING_JOBS."""
    from pressroom import staging

    monkeypatch.setattr(staging, "PRIMING_JOBS", 1)
    staged, root = _built_before_forking(tmp_path, monkeypatch)
    assert staged == []
    assert (root / "public" / "quotes" / "index.html").is_file()
