"""The link checker on hand-made output folders (test_site_links.py runs it on built sites)."""

from __future__ import annotations

from pathlib import Path

from pressroom.linkcheck import check_links


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    return tmp_path


def messages(output: Path, **options) -> list[str]:
    report = check_links(output, "https://example.org/", "out", **options)
    return [f"{d.path}:{d.line}: {d.message}" for d in report.diagnostics]


def test_broken_links_and_missing_anchors(tmp_path: Path):
    out = site(tmp_path, {
        "index.html": '<a href="a/">A</a><a href="b/">B</a><a href="a/#here">here</a>'
                      '<a href="a/#nowhere">x</a><a href="https://elsewhere.org/">e</a>',
        "a/index.html": '<p id="here">A</p><a href="../">home</a>'})
    assert messages(out) == [
        "out/index.html:1: broken link 'b/': no page or file b/ in the site",
        "out/index.html:1: link 'a/#nowhere': no element with id 'nowhere' on a/index.html"]


def test_a_site_for_a_folder_is_warned_of_each_link_to_a_folder(tmp_path: Path):
    out = site(tmp_path, {
        "index.html": '<a href="a/index.html">A</a><a href="a/">A again</a>'
                      '<a href="a/index.html#here">here</a><a href="/a/">absolute</a>',
        "a/index.html": '<p id="here">A</p><a href="../">home</a>'
                        '<a href="../index.html">home</a>'})
    assert messages(out) == []  # served, folders are fine
    assert messages(out, folder_links=False) == [
        "out/a/index.html:1: link '../' names a folder, which a browser shows as a listing "
        "from a folder: link its index.html",
        "out/index.html:1: link 'a/' names a folder, which a browser shows as a listing "
        "from a folder: link its index.html"]
