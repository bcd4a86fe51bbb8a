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

from pressroom.errors import ConfigError, Diagnostics, Level

CONFIG_NAME = "pressroom.yaml"


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
    root: Path = field(default=Path("."), compare=False)
    """The site root (the folder holding pressroom.yaml); not a key of the file."""
    path: Path | None = field(default=None, compare=False)
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
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    checked = _validate(values, lines, str(path), diags)
    if diags.errors:
        raise ConfigError(diags.errors)
    return SiteConfig(**checked, root=root, path=path if path.is_file() else None)


def _read_yaml(path: Path, diags: Diagnostics) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else {}
        finally:
            loader.dispose()
    except UnicodeDecodeError as exc:
        diags.error(path, None, f"not UTF-8 text ({exc.reason})")
        return {}, {}
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        diags.error(path, mark.line + 1 if mark else None, f"YAML: {exc.problem or exc}")
        return {}, {}
    if data is None or node is None:  # an empty file (or one being written) sets nothing
        return {}, {}
    if not isinstance(data, dict):
        diags.error(path, 1, "expected a mapping of settings (key: value)")
        return {}, {}
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return {str(k): v for k, v in data.items()}, lines


def _validate(values: dict[str, Any], lines: dict[str, int], path: str,
              diags: Diagnostics) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in values.items():
        line = lines.get(key)
        spec = _KEYS.get(key)
        if spec is None:
            known = ", ".join(sorted(_KEYS))
            diags.add(Level.ERROR, path, line, f"unknown setting '{key}' (known: {known})")
            continue
        expected = type(spec.default)
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

