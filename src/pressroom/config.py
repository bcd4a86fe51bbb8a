"""Site configuration: `pressroom.yaml` at the site root, loaded into `SiteConfig`.

`load_config` reports every problem at once (file and line), as one `ConfigError`.
A site without the file builds with the defaults below.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from pressroom.errors import ConfigError, Diagnostics, Level, yaml_problem

CONFIG_NAME = "pressroom.yaml"

Vocabulary = tuple[tuple[str, tuple[str, ...]], ...]
"""A controlled tag vocabulary: (tag, its synonyms) in the order of the file."""
YamlPath = tuple[str | int, ...]
"""Where a value sits in the file: ("tags", "vocabulary", "migration", 0)."""


@dataclass(frozen=True)
class TagSettings:
    """The `tags:` section of pressroom.yaml."""

    vocabulary: Vocabulary | None = None
    """Tags to choose from, each with words and phrases that mean it; None: the loader's
    built-in topics and regions."""


@dataclass(frozen=True)
class SiteConfig:
    """Everything a site may set; each field is a key of pressroom.yaml."""

    title: str = "Press releases"
    """The site's name, shown in the header, feeds and page titles."""
    description: str = "An archive of press releases."
    """One sentence for feeds and search engines."""
    base_url: str = "/"
    """Where the site is published, e.g. https://example.org/press/ (a sub-path works)."""
    language: str = "en"
    """ISO 639-1 code of the site's own language (the `<html lang>` of list pages)."""
    per_page: int = 20
    """Releases per page on the index, tag and other list pages."""
    date_format: str = "%-d %B %Y"
    """How dates are shown (strftime codes); the ISO date is always in the markup."""
    author: str = ""
    """The publisher, for feeds and metadata."""
    content_dir: str = "content"
    """Folder of raw .txt releases and their .md files, relative to the site root."""
    output_dir: str = "public"
    """Where the site is written, relative to the site root."""
    feed_size: int = 20
    """How many releases each Atom feed holds."""
    use_directory_urls: bool = True
    """Links name a page's folder (`releases/x/`); false: its file (`releases/x/index.html`),
    for a site browsed from a folder (file://) rather than served."""
    tags: TagSettings = TagSettings()
    """How the loader picks tags (`tags: {vocabulary: ...}`); see `TagSettings`."""
    root: Path = field(default=Path("."), compare=False, repr=False)
    """The site root (the folder holding pressroom.yaml); not a key of the file. (Not in
    the repr, which the build cache hashes: `site/` and `/home/me/site` are one site.)"""
    path: Path | None = field(default=None, compare=False, repr=False)
    """The config file read, if any; not a key of the file."""

    @property
    def base_path(self) -> str:
        """The path part of base_url, always ending with '/' ('/press/')."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir


_KEYS = {f.name: f for f in dataclasses.fields(SiteConfig) if f.name not in ("root", "path")}


def load_config(root: Path, overrides: dict[str, Any] | None = None) -> SiteConfig:
    """Read `root/pressroom.yaml` (if any) and apply `overrides`; raise ConfigError."""
    path = root / CONFIG_NAME
    diags = Diagnostics()
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    if path.is_file():
        values, lines = _read_yaml(path, diags)
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    for key in given:  # (the file's value is replaced, so it is not checked)
        values.pop(key, None)
    checked = _validate(values, lines, str(path), diags)
    for key, value in given.items():  # a value from the command line is named by its option
        checked.update(_validate({key: value}, {}, f"--{key.replace('_', '-')}", diags))
    if diags.errors:
        raise ConfigError(diags.errors)
    return SiteConfig(**checked, root=root, path=path if path.is_file() else None)


def _read_yaml(path: Path, diags: Diagnostics) -> tuple[dict[str, Any], dict[YamlPath, int]]:
    """The settings, and the line of every key and list item (by its path in the file)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            # (before the mapping is built: a merge key's entries are then added to it)
            twice = _keys_set_twice(node, (), set()) \
                if isinstance(node, yaml.MappingNode) else []
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except UnicodeDecodeError as exc:
        diags.error(path, None, f"not UTF-8 text ({exc.reason})")
        return {}, {}
    except yaml.MarkedYAMLError as exc:
        line, problem = yaml_problem(exc, 1)
        diags.error(path, line, f"YAML: {problem}")
        return {}, {}
    for where, line, first in twice:  # YAML forbids it, and PyYAML keeps the last silently
        name = ".".join(map(str, where))
        diags.error(path, line, f"'{name}' is set twice (first on line {first}): keep one")
    if data is None or node is None:  # an empty file (or one being written) sets nothing
        return {}, {}
    if not isinstance(data, dict):
        diags.error(path, 1, "expected a mapping of settings (key: value)")
        return {}, {}
    lines: dict[YamlPath, int] = {}
    _node_lines(node, (), lines, set())
    return {str(k): v for k, v in data.items()}, lines


def _keys_set_twice(node: yaml.Node, at: YamlPath, seen: set[int]
                    ) -> list[tuple[YamlPath, int, int]]:
    """Each key a mapping under `node` repeats: its path, its line and the first one's
    (a merge key, `<<`, may be overridden: it is not one of the mapping's own keys)."""
    if id(node) in seen:
        return []
    seen.add(id(node))
    found: list[tuple[YamlPath, int, int]] = []
    if isinstance(node, yaml.MappingNode):
        lines: dict[str, int] = {}
        for key, value in node.value:
            name, line = str(key.value), key.start_mark.line + 1
            if name in lines and key.tag != "tag:yaml.org,2002:merge":
                found.append(((*at, name), line, lines[name]))
            lines.setdefault(name, line)
            found += _keys_set_twice(value, (*at, name), seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            found += _keys_set_twice(item, (*at, index), seen)
    return found


def _node_lines(node: yaml.Node, at: YamlPath, lines: dict[YamlPath, int],
                seen: set[int]) -> None:
    """Record the line of each key and list item under `node` (a node reached twice through
    a YAML alias is walked once). A key set again is at the line whose value is used."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for index, (key, value) in enumerate(node.value):
            here = (*at, str(key.value))
            lines[here] = key.start_mark.line + 1
            lines.setdefault((*at, index), key.start_mark.line + 1)  # for keys not text
            _node_lines(value, here, lines, seen)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.setdefault((*at, index), item.start_mark.line + 1)
            _node_lines(item, (*at, index), lines, seen)


def _validate(values: dict[str, Any], lines: dict[YamlPath, int], path: str,
              diags: Diagnostics) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        line = lines.get((key,))
        spec = _KEYS.get(key)
        if spec is None:
            known = ", ".join(sorted(_KEYS))
            diags.add(Level.ERROR, path, line, f"unknown setting '{key}' (known: {known})")
            continue
        if key == "tags":
            settings = _tag_settings(value, lines, path, diags)
            if settings is not None:
                out[key] = settings
            continue
        expected = type(spec.default)
        if expected is bool and not isinstance(value, bool):
            diags.error(path, line, f"'{key}' must be true or false, got {value!r}")
            continue
        if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
            diags.error(path, line, f"'{key}' must be a whole number, got {value!r}")
            continue
        if expected is str and not isinstance(value, str):
            diags.error(path, line, f"'{key}' must be text, got {value!r}")
            continue
        problem = _check_value(key, value)
        if problem:
            diags.error(path, line, f"'{key}' {problem}")
            continue
        out[key] = value
    if "base_url" in out and not out["base_url"].endswith("/"):
        out["base_url"] += "/"
    return out


def _check_value(key: str, value: Any) -> str | None:
    if key in ("per_page", "feed_size") and value < 1:
        return f"must be at least 1, got {value}"
    if key == "base_url":
        parts = urlsplit(value)
        if value.startswith("/"):
            return None
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return ("must be a full URL with http:// or https:// (or a path starting "
                    f"with '/'), got {value!r}")
    if key == "date_format" and "%" not in value:
        return f"must hold strftime codes such as %d %B %Y, got {value!r}"
    if key in ("content_dir", "output_dir") and (Path(value).is_absolute()
                                                 or ".." in Path(value).parts):
        return f"must be a folder inside the site, got {value!r}"
    return None



# -- tags: ----------------------------------------------------------------------------------

_TAG_KEYS = ("vocabulary",)
_VOCABULARY_SHAPE = ("a mapping of each tag to its synonyms (migration: [migrants, refugees]) "
                     "or a list of tags")


def _tag_settings(value: Any, lines: dict[YamlPath, int], path: str,
                  diags: Diagnostics) -> TagSettings | None:
    """The `tags:` section, or None after reporting what is wrong with it."""
    if value is None:  # "tags:" with everything below it commented out
        return TagSettings()
    if not isinstance(value, dict):
        diags.error(path, lines.get(("tags",)),
                    f"'tags' must be a mapping of settings (vocabulary: ...), got {value!r}")
        return None
    settings, ok = TagSettings(), True
    for key, sub in value.items():
        if key not in _TAG_KEYS:
            diags.error(path, lines.get(("tags", str(key)), lines.get(("tags",))),
                        f"unknown setting 'tags.{key}' (known: {', '.join(_TAG_KEYS)})")
            ok = False
            continue
        vocabulary = _vocabulary(sub, lines, path, diags)
        if vocabulary is None:
            ok = False
        else:
            settings = dataclasses.replace(settings, vocabulary=vocabulary)
    return settings if ok else None


def _vocabulary(value: Any, lines: dict[YamlPath, int], path: str,
                diags: Diagnostics) -> Vocabulary | None:
    """`tags.vocabulary` as (tag, synonyms) pairs, or None after reporting its problems."""
    at: YamlPath = ("tags", "vocabulary")
    line = lines.get(at)
    entries: list[tuple[Any, Any, YamlPath]]
    if isinstance(value, list):
        entries = [(item, None, (*at, index)) for index, item in enumerate(value)]
    elif isinstance(value, dict):
        entries = [(key, synonyms, (*at, key if isinstance(key, str) else index))
                   for index, (key, synonyms) in enumerate(value.items())]
    elif value is None:
        entries = []
    else:
        diags.error(path, line, f"'tags.vocabulary' must be {_VOCABULARY_SHAPE}, got {value!r}")
        return None
    if not entries:
        diags.error(path, line, "'tags.vocabulary' is empty: list the tags to choose from, or "
                                "delete it to use the built-in topics")
        return None
    terms: list[tuple[str, tuple[str, ...]]] = []
    first_line: dict[str, int | None] = {}
    for name, synonyms, where in entries:
        here = lines.get(where, line)
        tag = _tag_name(name, here, path, diags)
        if tag is not None and tag in first_line:
            seen = first_line[tag]
            diags.error(path, here, f"'tags.vocabulary': tag '{tag}' is given twice"
                                    + (f" (first on line {seen})" if seen else ""))
            tag = None
        if tag is None:
            continue
        first_line[tag] = here
        phrases = _synonyms(tag, synonyms, where, lines, path, diags)
        if phrases is not None:
            terms.append((tag, phrases))
    return tuple(terms) if len(terms) == len(entries) else None


def _tag_name(name: Any, line: int | None, path: str, diags: Diagnostics) -> str | None:
    """A vocabulary entry's tag in lower case, or None after reporting what is wrong."""
    tag = _phrase(name)
    if tag is not None:
        return tag.lower()
    if isinstance(name, dict):
        diags.error(path, line, "'tags.vocabulary': a list holds tag names only; give "
                                "synonyms in a mapping (migration: [migrants, refugees])")
    else:
        hint = " (write it in quotes)" if isinstance(name, bool | int | float) else ""
        diags.error(path, line, f"'tags.vocabulary': a tag must be text with letters or "
                                f"digits, got {name!r}{hint}")
    return None


def _synonyms(tag: str, synonyms: Any, where: YamlPath, lines: dict[YamlPath, int],
              path: str, diags: Diagnostics) -> tuple[str, ...] | None:
    """A tag's synonyms (none when the entry gives none), or None after an error."""
    line = lines.get(where, lines.get(where[:-1]))
    if synonyms is None:
        return ()
    if not isinstance(synonyms, list):
        diags.error(path, line, f"'tags.vocabulary': the synonyms of '{tag}' must be a list "
                                f"of words and phrases ([a, b]), got {synonyms!r}")
        return None
    found: list[str] = []
    for index, synonym in enumerate(synonyms):
        phrase = _phrase(synonym)
        if phrase is None:
            diags.error(path, lines.get((*where, index), line),
                        f"'tags.vocabulary': a synonym of '{tag}' must be text with letters "
                        f"or digits, got {synonym!r}")
            return None
        if phrase not in found:
            found.append(phrase)
    return tuple(found)


def _phrase(value: Any) -> str | None:
    """`value` as a phrase with single spaces, or None when it is not text with a word."""
    if not isinstance(value, str) or not any(c.isalnum() for c in value):
        return None
    return " ".join(value.split())
