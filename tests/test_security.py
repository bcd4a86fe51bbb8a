"""Nothing let in: script payloads planted in every field never reach a page as code.

The built HTML, feeds, JSON-LD and search index are parsed and checked: no executable
script or event handler of the payload's, no `javascript:` or `data:` URL, and JSON
embedded in pages cannot close its <script> element.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from pressroom.build import build
from pressroom.config import load_config
from pressroom.search import SEARCH_DATA

P = [
    "<script>alert('x1')</script>",
    "\"><img src=x onerror=alert('x2')>",
    "javascript:alert('x3')",
    "</script><script>alert('x4')</script>",
    "' onmouseover='alert(5)",
]
PAYLOAD = " ".join(P)


def yaml_str(text: str) -> str:
    return json.dumps(text)  # JSON strings are YAML strings


RELEASE = f"""---
title: {yaml_str("Title " + PAYLOAD)}
date: 2023-03-01
location: {yaml_str("Place " + P[1])}
summary: {yaml_str("Summary " + PAYLOAD)}
tags: [{yaml_str("tag " + P[0])}, {yaml_str(P[2])}, safe]
countries: [Panama, {yaml_str(P[3])}]
organizations:
  - name: {yaml_str("Org " + P[1])}
    acronym: {yaml_str(P[4])}
people:
  - name: {yaml_str("Ana " + P[0])}
    role: {yaml_str("role " + P[3])}
quotes:
  - speaker: {yaml_str("Ana " + P[0])}
    text: {yaml_str("Quote " + PAYLOAD)}
events:
  - name: {yaml_str("Event " + P[1])}
    location: {yaml_str(P[2])}
    organizer: {yaml_str(P[4])}
    start: 2023-03-01
custom: {yaml_str(PAYLOAD)}
---
Panama, 1 March 2023. Body {P[0]} and {P[1]}.

<a href="javascript:alert('b1')">click</a> <img src=x onerror="alert('b2')">
<iframe src="https://evil.example/"></iframe> <svg onload="alert('b3')"></svg>
<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>
<object data="x.swf"></object> <form action="javascript:alert('b4')"><button>go</button></form>

[markdown link](javascript:alert('b5')) and ![img](javascript:alert('b6'))

<script>alert('b7')</script>
"""

SAFE_SCRIPT_TYPES = {"application/ld+json", "application/json"}


class Checker(HTMLParser):
    """Collects what would execute: scripts, handlers, dangerous URLs and elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[tuple[str | None, bool, list[str]]] = []
        self._in_script: tuple[str | None, bool, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"handler {name}={value!r} on <{tag}>")
            if name in ("href", "src", "action", "formaction", "data", "xlink:href") and value:
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:")):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
        if tag in ("iframe", "object", "embed", "svg", "base", "meta") and (
                tag != "meta" or attrs.get("http-equiv")):
            self.problems.append(f"<{tag}> element")
        if tag == "script":
            self._in_script = (attrs.get("type"), "src" in attrs, [])
            self.scripts.append(self._in_script)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            self._in_script[2].append(data)


def check_html(text: str, where: str) -> None:
    checker = Checker()
    checker.feed(text)
    checker.close()
    assert not checker.problems, (where, checker.problems)
    for kind, external, parts in checker.scripts:
        body = "".join(parts)
        if kind in SAFE_SCRIPT_TYPES:
            json.loads(body)  # the whole element is one JSON value: it did not break out
        else:
            assert external or "alert" not in body, (where, body[:200])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("xss")
    (root / "content").mkdir()
    (root / "content" / "evil.md").write_text(RELEASE, encoding="utf-8")
    (root / "content" / "plain.md").write_text(
        "---\ntitle: A plain release\ndate: 2023-02-01\ntags: [safe]\n---\nNothing here.\n",
        encoding="utf-8")
    report = build(load_config(root, {"base_url": "https://example.org/press/"}))
    assert not report.diagnostics.errors, [str(d) for d in report.diagnostics]
    return report.output


def test_every_html_page_is_free_of_the_payloads(built):
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        check_html(page.read_text(encoding="utf-8"), str(page.relative_to(built)))


def test_the_payload_text_is_shown_as_text(built):
    release = next(p for p in built.glob("releases/*/index.html") if "Title" in p.read_text())
    html = release.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;x1&#39;)&lt;/script&gt;" in html
    assert "<script>alert(" not in html


def test_feeds_are_xml_and_their_html_is_clean(built):
    feeds = sorted(built.rglob("*.xml"))
    assert any(f.name == "feed.xml" for f in feeds)
    ns = "{http://www.w3.org/2005/Atom}"
    for feed in feeds:
        tree = ET.parse(feed)
        for element in tree.iter():
            if element.tag in (f"{ns}content", f"{ns}summary") and element.get("type") == "html":
                check_html(element.text or "", str(feed))
            for name in ("href", "src", "uri"):
                value = (element.get(name) or "").lower()
                assert not value.startswith(("javascript:", "data:")), (feed, name, value)


def test_search_index_is_data_only(built):
    data_files = sorted((built / SEARCH_DATA).rglob("*.js"))
    assert data_files
    for path in data_files:
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            match = re.fullmatch(r'PressroomSearch\.receive\(("[^"]*"),(.*)\);', line)
            assert match, (path, line[:120])
            json.loads(match.group(2))  # pure data: nothing but one JSON value


def test_theme_scripts_never_build_html_from_strings():
    root = Path(__file__).resolve().parents[1] / "static"
    for script in root.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in text, (script.name, sink)
