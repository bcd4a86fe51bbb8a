"""End to end: build the sample site in content/ and check real pages."""

import re
import shutil
from pathlib import Path

import pytest

from pressroom.archive import Archive
from pressroom.build import BuildError, build, build_lock
from pressroom.config import SiteConfig, load_config
from pressroom.plan import Page
from pressroom.source import parse_source

ROOT = Path(__file__).resolve().parents[1]
SEED = "000_794df9b9627320ec"


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the sample site (raw .txt only, so ingest runs too), built once."""
    site = tmp_path_factory.mktemp("sample")
    (site / "content").mkdir()
    for raw in sorted((ROOT / "content").glob("*.txt")):
        shutil.copy(raw, site / "content" / raw.name)
    if (ROOT / "pressroom.yaml").exists():
        shutil.copy(ROOT / "pressroom.yaml", site / "pressroom.yaml")
    report = build(load_config(site))
    assert not report.diagnostics.errors, [str(d) for d in report.diagnostics]
    return site, report.output


def page(out: Path, path: str) -> str:
    return (out / path).read_text(encoding="utf-8")


def test_index_lists_every_dated_sample_release(sample):
    site, out = sample
    releases = [parse_source(p.read_text(encoding="utf-8"), str(p))
                for p in sorted((site / "content").glob("*.md"))]
    assert len(releases) == len(list((ROOT / "content").glob("*.txt")))
    published = [r for r in releases if not r.draft]
    html = "".join(page(out, p.relative_to(out).as_posix())
                   for p in [out / "index.html", *sorted(out.glob("page/*/index.html"))])
    for release in published:
        assert _escaped(release.title) in html, release.title


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&#34;").replace("'", "&#39;")


def test_seed_page_shows_date_place_quotes_and_speakers(sample):
    _, out = sample
    matches = [p for p in out.glob("releases/*/index.html")
               if "<h1>Meeting of Caribbean countries led by TRACK4TIP" in p.read_text()]
    assert len(matches) == 1
    html = matches[0].read_text(encoding="utf-8")
    assert '<time datetime="2022-06-24">24 June 2022</time>' in html
    assert '<span class="place">Panama</span>' in html
    for speaker in ("Lissette Reyes", "Gilberto Zuleta", "Yohanna Bejarán"):
        assert re.search(r"<figcaption>\s*(<a [^>]*>)?" + speaker, html), speaker
    assert html.count('class="quote"') == 3
    tags = re.findall(r'href="(\.\./\.\./tags/[^"]+)"', html)
    assert tags
    for link in tags:
        assert (matches[0].parent / link / "index.html").resolve().is_file(), link


def test_scraper_junk_is_nowhere(sample):
    site, out = sample
    for folder in (site / "content", out):
        for path in folder.rglob("*"):
            if path.suffix in (".md", ".html", ".xml", ".json"):
                assert "File is not found" not in path.read_text(encoding="utf-8"), path


def test_hand_edit_survives_a_rebuild(sample, tmp_path):
    site, _ = sample
    md = site / "content" / f"{SEED}.md"
    text = md.read_text(encoding="utf-8")
    edited = re.sub(r"^title: .*$", "title: Corrected by an editor", text, count=1, flags=re.M)
    md.write_text(edited, encoding="utf-8")
    report = build(load_config(site), tmp_path / "out")
    assert md.read_text(encoding="utf-8") == edited
    pages = [report.output / "index.html", *report.output.glob("page/*/index.html")]
    assert any("Corrected by an editor" in p.read_text(encoding="utf-8") for p in pages)
    assert (report.output / "releases" / "corrected-by-an-editor" / "index.html").is_file()


def test_output_may_not_be_the_project_or_its_sources(sample):
    site, _ = sample
    for bad in (site, site / "content", site.parent):
        with pytest.raises(BuildError, match="refusing"):
            build(load_config(site), bad)


def _seed_site(tmp_path: Path) -> tuple[Path, SiteConfig]:
    """A site of the seed release alone, as raw text, and its configuration."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    shutil.copy(ROOT / "content" / f"{SEED}.txt", site / "content")
    return site, load_config(site)


def test_a_build_right_after_another_waits_for_its_cache_and_finds_nothing_to_do(tmp_path):
    """The cache is saved (and the old site removed) by a process that holds the build
    lock after the command returns: the next build waits for it and finds its record."""
    site, config = _seed_site(tmp_path)
    first = build(config)
    again = build(config)  # at once: the first build's cache may still be being written
    assert not first.unchanged and again.unchanged
    (site / "content" / f"{SEED}.md").write_text(
        (site / "content" / f"{SEED}.md").read_text(encoding="utf-8") + "\nOne more line.\n",
        encoding="utf-8")
    edited = build(config)
    assert not edited.unchanged and edited.rendered < edited.pages
    with build_lock(config.output_path):  # once the last build's process is done
        pass
    assert not [p for p in site.iterdir() if ".trash-" in p.name or p.name.endswith(".old")]


def test_a_build_stages_into_the_site_before_the_last(tmp_path):
    """The site a build replaced is kept beside the output (`.public.spare`, holding only
    what a build wrote) and the next build stages into it: a page that is there as the
    build would make it keeps that file; nothing added to the output by hand comes back;
    the site is what a clean build makes."""
    import os

    site, config = _seed_site(tmp_path)
    out, spare = config.output_path, site / ".public.spare"
    build(config)
    md = site / "content" / f"{SEED}.md"
    original = md.read_text(encoding="utf-8")
    [seed_page] = [p for p in out.glob("releases/*/index.html")]
    first_inode = os.stat(seed_page).st_ino
    (out / "by-hand.txt").write_text("put there after the build", encoding="utf-8")
    md.write_text(original + "\nOne more line.\n", encoding="utf-8")
    build(config)
    with build_lock(out):  # once the build's own process is done with the spare
        pass
    assert (spare / seed_page.relative_to(out)).stat().st_ino == first_inode
    assert not (spare / "by-hand.txt").exists()
    edited_mtime = os.stat(seed_page).st_mtime_ns
    md.write_text(original, encoding="utf-8")  # back as it was: as the spare has it
    build(config)
    assert os.stat(seed_page).st_ino == first_inode
    # dated after the version it replaces (deploy tools and caches compare dates)
    assert os.stat(seed_page).st_mtime_ns > edited_mtime
    assert not (out / "by-hand.txt").exists()
    clean = tmp_path / "clean"
    build(config, output=clean, clean=True)
    assert _files(out) == _files(clean)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("becomes", ["folder", "file"])
def test_a_path_that_was_a_file_and_is_a_folder_or_the_reverse_builds(tmp_path, becomes):
    """The spare a build stages into holds the site from two builds before: where that
    site had a file, this one may have a folder, or the reverse."""
    site, config = _seed_site(tmp_path)
    static = site / "static"
    static.mkdir()
    if becomes == "folder":
        (static / "img").write_bytes(b"a file")
    else:
        (static / "img").mkdir()
        (static / "img" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    build(config)
    (static / "x.css").write_text("a{}", encoding="utf-8")  # the first site: the spare
    build(config)
    if becomes == "folder":
        (static / "img").unlink()
        (static / "img").mkdir()
        (static / "img" / "logo.svg").write_text("<svg/>", encoding="utf-8")
    else:
        shutil.rmtree(static / "img")
        (static / "img").write_bytes(b"a file")
    build(config)
    build(config, output=tmp_path / "clean", clean=True)
    assert _files(config.output_path) == _files(tmp_path / "clean")


def test_a_new_raw_file_is_ingested_beside_the_cache_loading(tmp_path, monkeypatch):
    """A build that finds a few raw files to ingest runs the loader in a process of its
    own while it loads its cache; what it reports and publishes is what an in-line ingest
    gives."""
    import os

    import pressroom.content as content_module
    from pressroom.ingest import Ingester

    pids = tmp_path / "pids"  # (a forked process's lists are its own: a file is shared)
    ingest = Ingester.ingest

    def spy(self, raw, source=None):
        with open(pids, "a") as log:
            log.write(f"{os.getpid()}\n")
        return ingest(self, raw, source)

    monkeypatch.setattr(Ingester, "ingest", spy)
    results = {}
    for name, few in (("beside", 8), ("inline", 0)):
        site = tmp_path / name
        (site / "content").mkdir(parents=True)
        config = load_config(site)
        build(config)  # an empty site: then one raw file arrives
        shutil.copy(ROOT / "content" / f"{SEED}.txt", site / "content")
        monkeypatch.setattr(content_module, "FEW_RAW", few)
        pids.write_text("")
        report = build(config)
        assert [o.action for o in report.ingested] == ["created"]
        assert report.releases == 1 and not report.diagnostics.errors
        where = [int(line) for line in pids.read_text().split()]
        assert len(where) == 1
        assert (where[0] != os.getpid()) == (few > 0)  # in another process only when few
        results[name] = sorted(p.relative_to(config.output_path).as_posix()
                               for p in config.output_path.rglob("*") if p.is_file())
        assert (site / "content" / f"{SEED}.md").is_file()
        assert build(config).unchanged  # the scan, the memo and the manifest are right
    assert results["beside"] == results["inline"]


def test_when_the_cache_cannot_load_the_ingest_beside_it_still_finishes(tmp_path, monkeypatch):
    """The build gives up, but only once the process ingesting the new raw file is done:
    no process goes on writing content/ after the build (and its lock) are gone."""
    import pressroom.build as build_module

    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    config = load_config(site)
    build(config)
    shutil.copy(ROOT / "content" / f"{SEED}.txt", site / "content")

    def broken(self, **_) -> None:
        raise OSError("cache unreadable")

    monkeypatch.setattr(build_module._State, "load_releases", broken)
    with pytest.raises(OSError, match="cache unreadable"):
        build(config)
    assert (site / "content" / f"{SEED}.md").is_file()
    assert (site / "content" / ".pressroom-ingest.json").is_file()


def test_only_a_build_whose_caller_exits_keeps_its_objects(tmp_path, monkeypatch):
    """The command line (which exits right after) leaves the build's objects for the exit
    to drop; a library caller (the preview server, these tests) gets them freed."""
    import gc
    import weakref

    import pressroom.build as build_module

    site, config = _seed_site(tmp_path)
    made = []
    real_state = build_module._State

    class Spy(real_state):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(weakref.ref(self))

    monkeypatch.setattr(build_module, "_State", Spy)
    monkeypatch.setattr(build_module, "_LEFT_FOR_EXIT", [])
    build(config, clean=True)
    gc.collect()
    assert made and made[-1]() is None  # freed when build() returned
    assert build_module._LEFT_FOR_EXIT == []
    build(config, clean=True, exiting=True)
    gc.collect()
    kept = made[-1]()
    assert kept is not None
    assert build_module._LEFT_FOR_EXIT[0] is kept
    # and with it the archive and the page plan, which _build and _write_site would
    # otherwise free one object at a time when they return
    lasting = [value for group in kept.lasting for value in group]
    assert any(isinstance(value, Archive) for value in lasting)
    assert any(isinstance(value, list) and value and isinstance(value[0], Page)
               for value in lasting)


def test_the_project_named_another_way_is_the_same_site(tmp_path, monkeypatch):
    """`pressroom build` in the folder, `--project site/` beside it and an absolute path
    share one cache: the second build finds nothing to do, and after an edit renders only
    what the edit changed (the config's repr, which the cache hashes, held the root)."""
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    shutil.copy(ROOT / "content" / f"{SEED}.txt", site / "content")
    monkeypatch.chdir(tmp_path)
    first = build(load_config(Path("site/")))
    with build_lock(load_config(site).output_path):  # (the first build's cache is saved)
        pass
    spellings = [site, Path("site"), tmp_path / ".." / tmp_path.name / "site"]
    for spelling in spellings:
        assert build(load_config(spelling)).unchanged, spelling
    monkeypatch.chdir(site)
    assert build(load_config(Path("."))).unchanged
    md = site / "content" / f"{SEED}.md"
    md.write_text(md.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    edited = build(load_config(tmp_path / "site"))
    assert not edited.unchanged and 0 < edited.rendered < first.pages


def test_the_next_build_takes_its_slugs_from_the_cache(tmp_path, monkeypatch):
    import slugify

    from pressroom import slugs

    site, config = _seed_site(tmp_path)
    monkeypatch.setattr(slugs, "_SLUGS", {})
    monkeypatch.setattr(slugs, "_USED", {})
    first = build(config)
    md = site / "content" / f"{SEED}.md"
    md.write_text(md.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    with build_lock(config.output_path):  # the first build's cache is saved
        pass
    made = []
    real = slugify.slugify
    monkeypatch.setattr(slugs, "_SLUGS", {})  # as in a new process
    monkeypatch.setattr(slugify, "slugify",
                        lambda text, **kw: made.append(text) or real(text, **kw))
    again = build(config)
    assert not again.unchanged and again.releases == first.releases == 1
    assert made == []


def test_releases_loaded_beside_an_ingest_are_set_aside_from_the_collector(tmp_path):
    """While a new raw file is ingested the collector runs; it must not walk the whole
    cache it was just given (and the build gives it back when it ends)."""
    import gc

    import pressroom.build as build_module
    from pressroom.model import Release

    site, config = _seed_site(tmp_path)
    build(config)
    with build_lock(config.output_path):  # its cache is saved
        pass
    frozen = gc.get_freeze_count()
    with build_module._few_collections():
        state = build_module._State(config)
        state.load_releases(partials=True)
        loaded = [hit[1] for hit in state.sources["parsed"].values()]
        assert loaded and all(isinstance(r, Release) for r in loaded)
        assert gc.isenabled()
        tracked = {id(o) for o in gc.get_objects()}
        assert not [r for r in loaded if id(r) in tracked]
    assert gc.get_freeze_count() == frozen
    assert [r for r in loaded if id(r) in {id(o) for o in gc.get_objects()}] == loaded


def test_the_slug_record_holds_what_the_last_build_used_only(tmp_path, monkeypatch):
    """The cache is saved by a process of its own: the building process must still start
    the next build's record afresh, or a process making many builds keeps every title."""
    from pressroom import slugs
    from pressroom.build import _State

    site, config = _seed_site(tmp_path)
    monkeypatch.setattr(slugs, "_SLUGS", {})
    monkeypatch.setattr(slugs, "_USED", {})
    build(config)
    md = site / "content" / f"{SEED}.md"
    text = md.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    md.write_text(text.replace(title, "title: A title of its own"), encoding="utf-8")
    build(config)
    with build_lock(config.output_path):  # (its cache is saved)
        pass
    state = _State(config)
    state.load_releases()
    record = state.derived["slugs"]["slugs"]
    assert "A title of its own" in record
    assert not [text for text in record if text.startswith(title[len("title: "):][:20])]
