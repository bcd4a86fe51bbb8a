"""Validation for editors and CI: what `pressroom check` reports.

Every release `.md` is read with `source.parse_source` (types and required fields of
FORMAT.md), then cross-checked: each quote's speaker is among the release's people or
organizations, each quote still occurs in the body (after an edit, compared word by word so
quote marks, whitespace and Markdown do not matter, and a quotation split by its
attribution still matches), no two files claim the same raw source or repeat the same
title and date, countries resolve and the language is an ISO 639-1 code. Raw `.txt` files
not ingested yet are run through the loader in memory. Problems name the file and the line
of the front-matter key or list entry.

With `links=True` the project is copied to a temporary folder, built there, and every
internal link, anchor and asset of the built pages is followed (`linkcheck.py`). Nothing in
the project is written.
"""

from __future__ import annotations

import difflib
import re
import shutil
import tempfile
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import pycountry
import yaml

from pressroom.config import CONFIG_NAME, SiteConfig, Vocabulary, load_config
from pressroom.errors import Diagnostic, Diagnostics, LoaderError, SourceError
from pressroom.files import is_within, sha256_bytes
from pressroom.ingest import Ingester, edit_kept, scan_sources
from pressroom.loader import load_bytes
from pressroom.model import Release
from pressroom.names import country_code, name_key
from pressroom.scaffold import DATELINE_PLACEHOLDER
from pressroom.source import DRAFT_WITHOUT_DATE, parse_source, split_front_matter

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Progress = Callable[[str, int, int], None]

MAX_QUOTE_PIECES = 3  # a quotation split by its attribution ("A," she said, "B.") is 2
MAX_QUOTE_GAP = 200  # characters of normalised body text allowed between two pieces


@dataclass
class CheckReport:
    releases: int = 0
    """Release files read."""
    pending: int = 0
    """Raw .txt files not ingested yet (checked in memory)."""
    pages: int = 0
    """Built pages whose links were followed (with links=True)."""
    links: int = 0
    """Internal links, anchors and assets followed."""
    seconds: float = 0.0
    diagnostics: Diagnostics = field(default_factory=Diagnostics)


def check_site(config: SiteConfig, links: bool = False,
               progress: Progress | None = None) -> CheckReport:
    """Check every release of the site (and with `links`, the built site)."""
    started = time.perf_counter()
    report = CheckReport()
    diags = report.diagnostics
    content = config.content_path
    if not content.is_dir():
        diags.error(content, None, "no content folder")
    else:
        files = sorted(p for p in content.rglob("*.md") if p.is_file())
        seen = _Seen()
        for number, path in enumerate(files, 1):
            release = check_release_file(path, diags, config.tags.vocabulary)
            if release is not None:
                report.releases += 1
                seen.add(release, path, diags)
            if progress:
                progress("check", number, len(files))
        report.pending = _check_pending(content, diags)
    if links:
        _check_built_links(config, report, progress)
    report.seconds = time.perf_counter() - started
    return report


def check_release_file(path: Path, diags: Diagnostics,
                       vocabulary: Vocabulary | None = None) -> Release | None:
    """Read and cross-check one release file; its problems go to `diags`. With the site's
    tag `vocabulary`, a tag outside it is a warning."""
    shown = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        diags.error(shown, None, f"not UTF-8 text (byte {exc.start})")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        release = parse_source(text, shown)
    except SourceError as exc:
        diags.extend([exc.diagnostic])
        return None
    lines = FrontLines(text)
    if release.draft and release.date is None:
        diags.warning(shown, lines.key("date") or lines.key("draft"), DRAFT_WITHOUT_DATE)
    if release.body.startswith(DATELINE_PLACEHOLDER + ","):
        diags.warning(shown, split_front_matter(text, shown)[2],
                      f"the body still opens with the placeholder '{DATELINE_PLACEHOLDER}, ...' "
                      "of `pressroom new`: write the dateline place")
    _check_quotes(release, lines, shown, diags)
    _check_countries(release, lines, shown, diags)
    if vocabulary is not None:
        _check_tags(release, lines, shown, vocabulary, diags)
    if release.language and pycountry.languages.get(alpha_2=release.language.lower()) is None:
        diags.warning(shown, lines.key("language"),
                      f"language '{release.language}' is not an ISO 639-1 code (en, fr, es, ...)")
    return release


class FrontLines:
    """Line numbers (1-based, in the file) of front-matter keys and list entries."""

    def __init__(self, text: str):
        self.text = text
        self._keys: dict[str, tuple[yaml.Node, yaml.Node]] | None = None

    @property
    def keys(self) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Top-level keys and their nodes; composed on first use (most files need none)."""
        if self._keys is None:
            self._keys = {}
            try:
                front, _, _ = split_front_matter(self.text, None)
                node = yaml.compose(front, Loader=_Loader)
            except (SourceError, yaml.YAMLError):
                return self._keys
            if isinstance(node, yaml.MappingNode):
                self._keys = {str(k.value): (k, v) for k, v in node.value}
        return self._keys

    def key(self, key: str) -> int | None:
        pair = self.keys.get(key)
        return pair[0].start_mark.line + 2 if pair else None

    def item(self, key: str, index: int, field_name: str | None = None) -> int | None:
        """The line of entry `index` of list `key` (or of its `field_name` key)."""
        pair = self.keys.get(key)
        if pair is None or not isinstance(pair[1], yaml.SequenceNode) \
                or index >= len(pair[1].value):
            return self.key(key)
        entry = pair[1].value[index]
        if field_name and isinstance(entry, yaml.MappingNode):
            for k, _ in entry.value:
                if k.value == field_name:
                    return k.start_mark.line + 2
        return entry.start_mark.line + 2

    def value(self, key: str, text: str) -> int | None:
        """The line of the first entry of list `key` that reads `text` (a release's list
        leaves out empty entries and repeats, so its index may not be the file's)."""
        pair = self.keys.get(key)
        if pair is not None and isinstance(pair[1], yaml.SequenceNode):
            for entry in pair[1].value:
                if isinstance(entry, yaml.ScalarNode) and entry.value.strip() == text:
                    return entry.start_mark.line + 2
        return self.key(key)


def _check_quotes(release: Release, lines: FrontLines, path: str, diags: Diagnostics) -> None:
    names = {name_key(p.name) for p in release.people}
    for org in release.organizations:
        names.add(name_key(org.name))
        if org.acronym:
            names.add(name_key(org.acronym))
    body = words(release.body)
    for index, quote in enumerate(release.quotes):
        number = index + 1
        if quote.speaker and name_key(quote.speaker) not in names:
            diags.error(path, lines.item("quotes", index, "speaker"),
                        f"quote {number}: speaker '{quote.speaker}' is not among the release's "
                        "people or organizations (add them there, or correct the name)")
        if not quote_in_body(words(quote.text), body):
            diags.error(path, lines.item("quotes", index),
                        f"quote {number} no longer occurs in the body: "
                        f"\"{_shorten(quote.text)}\" (edit the quote or the body so they agree)")


def _check_countries(release: Release, lines: FrontLines, path: str,
                     diags: Diagnostics) -> None:
    for name in release.countries:
        if country_code(name) is None:
            diags.warning(path, lines.value("countries", name),
                          f"country '{name}' is not a known country name or code")


def _check_tags(release: Release, lines: FrontLines, path: str, vocabulary: Vocabulary,
                diags: Diagnostics) -> None:
    """Tags are compared as the archive groups them (name_key: case, accents and spaces
    aside), so a tag that passes here is on the vocabulary tag's page."""
    known = {name_key(tag.lower()): tag for tag, _ in vocabulary}
    for tag in release.tags:
        if name_key(tag.lower()) in known:
            continue
        close = difflib.get_close_matches(tag.lower(), list(known.values()), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        diags.warning(path, lines.value("tags", tag),
                      f"tag '{tag}' is not in the tag vocabulary of {CONFIG_NAME}{hint}")


class _Seen:
    """Duplicate detection across files: the same raw source, the same title and date."""

    def __init__(self) -> None:
        self.sources: dict[str, Path] = {}
        self.titles: dict[tuple[str, Any], Path] = {}

    def add(self, release: Release, path: Path, diags: Diagnostics) -> None:
        lines: FrontLines | None = None
        if release.source:
            first = self.sources.setdefault(release.source, path)
            if first != path:
                lines = lines or FrontLines(path.read_text(encoding="utf-8-sig"))
                diags.error(path, lines.key("source"),
                            f"duplicate release: {first} is already made from "
                            f"'{release.source}' (delete one of the two files)")
                return
        if release.date is not None and not release.draft:
            key = (name_key(release.title), release.date)
            first = self.titles.setdefault(key, path)
            if first != path:
                lines = lines or FrontLines(path.read_text(encoding="utf-8-sig"))
                diags.warning(path, lines.key("title"),
                              f"possible duplicate: {first} has the same title and date")


def _check_pending(content: Path, diags: Diagnostics) -> int:
    """Run the loader, in memory, on raw files that `build` would ingest; returns how many."""
    known = scan_sources(content)
    ingester = Ingester(content, known=known)
    pending = 0
    for raw in sorted(content.rglob("*.txt")):
        if not raw.is_file() or not is_within(raw, content):
            continue
        source = raw.relative_to(content).as_posix()
        data = raw.read_bytes()
        entry = known.get(source)
        if entry is not None and entry.sha == sha256_bytes(data):
            continue
        if entry is not None and ingester.edited(entry.md):  # build leaves it, and says so
            diags.warning(entry.md, None, edit_kept(source))
            continue
        pending += 1
        try:
            result = load_bytes(data, source)
        except LoaderError as exc:
            diags.add(exc.diagnostic.level, raw, exc.diagnostic.line, exc.diagnostic.message)
            continue
        for diag in result.diagnostics:
            diags.add(diag.level, raw, diag.line, diag.message)
    return pending


def _check_built_links(config: SiteConfig, report: CheckReport,
                       progress: Progress | None) -> None:
    """Build a copy of the project in a temporary folder and follow every internal link."""
    from pressroom.build import build  # build imports most of the engine; only needed here
    from pressroom.linkcheck import check_links

    with tempfile.TemporaryDirectory(prefix="pressroom-check-") as tmp:
        copy = Path(tmp) / "site"
        _copy_project(config, copy)
        try:
            # clean: a throwaway copy needs no cache (nor a process left writing one)
            built = build(load_config(copy, {"base_url": config.base_url}), Path(tmp) / "out",
                          progress=progress, clean=True)
        except jinja2.TemplateSyntaxError as exc:
            report.diagnostics.error(_relocate_path(exc.filename, copy, config.root),
                                     exc.lineno, f"template: {exc.message}")
            return
        except jinja2.TemplateError as exc:
            report.diagnostics.error(None, None, f"the site cannot be built: template: {exc}")
            return
        known = {(d.level, d.path, d.line, d.message) for d in report.diagnostics}
        duplicates = {d.path for d in report.diagnostics if "duplicate" in d.message}
        for diag in built.diagnostics:
            moved = _relocate(diag, copy, config.root)
            if (moved.level, moved.path, moved.line, moved.message) in known:
                continue
            if moved.path in duplicates and moved.message.startswith("duplicate release"):
                continue  # the archive's report of what check already said, with its line
            report.diagnostics.items.append(moved)
        shown_root = config.root / config.output_dir
        result = check_links(Path(tmp) / "out", config.base_url, shown_root,
                             folder_links=config.use_directory_urls)
        report.pages, report.links = result.pages, result.links
        report.diagnostics.extend(result.diagnostics)


def _copy_project(config: SiteConfig, copy: Path) -> None:
    copy.mkdir(parents=True)
    if config.path is not None and config.path.is_file():
        shutil.copy2(config.path, copy / CONFIG_NAME)
    for rel in (config.content_dir, "templates", "static"):
        source = config.root / rel
        if source.is_dir():
            shutil.copytree(source, copy / rel, symlinks=True)


def _relocate(diag: Diagnostic, copy: Path, root: Path) -> Diagnostic:
    """A diagnostic about a file of the temporary copy, pointed at the project's file."""
    return Diagnostic(diag.level, _relocate_path(diag.path, copy, root), diag.line,
                      diag.message)


def _relocate_path(shown: str | None, copy: Path, root: Path) -> str | None:
    if shown is None:
        return None
    path = Path(shown)
    if path.is_absolute():
        if not is_within(path, copy):
            return shown
        path = path.resolve().relative_to(copy.resolve())
    return str(root / path)


# -- quote matching ---------------------------------------------------------------------

_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Text as a list of casefolded words: punctuation, quote marks, Markdown dropped."""
    text = unicodedata.normalize("NFKC", _MD_LINK.sub(r"\1", text))
    return [w.casefold() for w in _WORD.findall(text)]


def quote_in_body(quote: list[str], body: list[str]) -> bool:
    """True when the quote's words occur in the body, in order, in at most a few pieces.

    Whole pieces are matched greedily (longest first); a quotation split by its
    attribution matches in two pieces, an elided one ("A ... B") in more.
    """
    if not quote:
        return True
    haystack = " " + " ".join(body) + " "
    start, index, pieces = 0, 0, 0
    while index < len(quote):
        length, found = _longest_piece(quote, index, haystack, start)
        if not length:
            return False
        if pieces and found - start > MAX_QUOTE_GAP:
            return False
        pieces += 1
        if pieces > MAX_QUOTE_PIECES:
            return False
        index += length
        start = found + len(" ".join(quote[index - length:index])) + 1
    return True


def _longest_piece(quote: list[str], index: int, haystack: str, start: int) -> tuple[int, int]:
    """The most words of `quote` from `index` on that occur in `haystack` after `start`."""
    best, at = 0, -1
    low, high = 1, len(quote) - index
    while low <= high:  # a shorter prefix occurs wherever a longer one does
        mid = (low + high) // 2
        found = haystack.find(" " + " ".join(quote[index:index + mid]) + " ", start)
        if found >= 0:
            best, at, low = mid, found, mid + 1
        else:
            high = mid - 1
    return best, at


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
