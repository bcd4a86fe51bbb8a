"""The front-matter contract of FORMAT.md: read and write release files.

`parse_source(text, path)` turns a YAML-fronted Markdown file into a `Release`, leniently
where the meaning is clear (a plain string for a person, a timestamp for a date) and with
a `SourceError` naming the file and line where it is not. `dump_source(release)` writes the
full form; `parse_source(dump_source(r))` gives `r` back, unknown keys included.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from pressroom.errors import Diagnostic, Level, SourceError, yaml_problem
from pressroom.jsontext import parse
from pressroom.model import Event, Organization, Person, Quote, Release

try:  # the C loader is several times faster where libyaml is present
    from yaml import CSafeDumper as _Dumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, except that an impossible date (2022-13-01) stays text, so the
    field check reports it with its key and line instead of the build crashing."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)

KNOWN_KEYS = (
    "title", "date", "location", "language", "summary", "tags", "countries",
    "organizations", "people", "quotes", "events", "source", "source_sha256", "slug", "draft",
)
class _NoAliasDumper(_Dumper):  # type: ignore[misc, valid-type]
    """Never writes anchors: the same date twice is written twice (we refuse aliases)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


DRAFT_WITHOUT_DATE = ("no date: kept as a draft until an editor sets 'date' and removes "
                      "'draft'")
MAX_FRONT_MATTER = 1_000_000  # bytes; larger front matter is refused, not parsed
MAX_ITEMS = 1_000  # entries in one list field (tags, people, ...); more is refused


class _FieldError(Exception):
    def __init__(self, key: str, message: str):
        self.key = key
        super().__init__(message)


# `source` and `source_sha256` as written, read without YAML (see source_fields).
_SOURCE_LINE = re.compile(r"^(source|source_sha256):[ \t]*['\"]?([^'\"\n]*?)['\"]?[ \t]*$", re.M)


def source_fields(head: str) -> tuple[str | None, str | None]:
    """The `source` and `source_sha256` of a .md file's text (at least up to the end of
    its front matter), read line by line without YAML: ingest learns from them which raw
    file each .md was made from, for thousands of files at once. Line ends are read
    as a file opened as text reads them (ingest's own reading): CR LF and CR are LF."""
    if "\r" in head:  # (a .md saved by an editor with Windows line ends)
        head = head.replace("\r\n", "\n").replace("\r", "\n")
    end = head.find("\n---", 3)
    front = head[: end if end > 0 else len(head)]
    if "source" not in front:
        return None, None
    fields = dict(_SOURCE_LINE.findall(front))
    return fields.get("source") or None, fields.get("source_sha256")


def split_front_matter(text: str, path: str | None) -> tuple[str, str, int]:
    """Split `---` YAML `---` from the body; returns (yaml, body, line of the body's start)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        raise SourceError(Diagnostic(Level.ERROR, path, 1, "front matter missing: the file must "
                                     "start with a line '---'"))
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            front = "\n".join(lines[1:i])
            if len(front) > MAX_FRONT_MATTER:
                raise SourceError(Diagnostic(Level.ERROR, path, 1, "front matter larger than "
                                             f"{MAX_FRONT_MATTER} bytes"))
            body = "\n".join(lines[i + 1:])
            return front, body, i + 2
    raise SourceError(Diagnostic(Level.ERROR, path, 1, "front matter not closed: no line '---' "
                                 "after the opening one"))


# The front matter most files have, read without the YAML machinery: `key: value` lines
# whose value is a JSON string or list of strings, a plain date, a plain word or sentence,
# true/false/null, or nothing and then `  - {JSON object of strings}` items. Anything else
# (and any doubt) goes to the YAML loader, which gives the same result, only slower.
_FAST_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?\Z")
_JSON_STRING = (r'"(?:[^"\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]'
                r'|\\["\\/bfnrt]|\\u(?![dD][89abAB])[0-9a-fA-F]{4})*"')
_FAST_STRING = re.compile(_JSON_STRING + r"\Z")
_FAST_LIST = re.compile(rf"\[(?:{_JSON_STRING}(?:, {_JSON_STRING})*)?\]\Z")
_FAST_ITEM = re.compile(rf"  - \{{{_JSON_STRING}: {_JSON_STRING}(?:, {_JSON_STRING}: "
                        rf"{_JSON_STRING})*\}}\Z")
_FAST_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})\Z")
_FAST_PLAIN = re.compile(r"[^\W\d_][\w .,;()'/+-]*\Z")
_YAML_WORDS = {"yes", "no", "true", "false", "on", "off", "null", "y", "n"}
_FAST_CONSTANTS = {"true": True, "false": False, "null": None, "~": None}


def _fast_front(front: str) -> tuple[dict[str, Any], dict[str, int]] | None:
    """The front matter as the YAML loader reads it, for the common shapes; else None."""
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    items: list[Any] | None = None
    open_lists: list[str] = []
    for number, line in enumerate(front.split("\n"), 2):
        if line.startswith("  - "):
            if items is None or not _FAST_ITEM.match(line):
                return None
            items.append(parse(line[4:]))
            continue
        items = None
        found = _FAST_KEY.match(line)
        if found is None:
            return None
        key, value = found.groups()
        if key in data or key.casefold() in _YAML_WORDS:
            return None  # duplicates are reported by the YAML path, with their line
        lines[key] = number
        if value is None or value == "":
            data[key] = items = []  # items may follow; without any the value is null
            open_lists.append(key)
            continue
        if value[0] == '"':
            if not _FAST_STRING.match(value):
                return None
            data[key] = parse(value)
        elif value[0] == "[":
            if not _FAST_LIST.match(value):
                return None
            data[key] = parse(value)
        elif value in _FAST_CONSTANTS:
            data[key] = _FAST_CONSTANTS[value]
        elif value[0].isdigit():
            date = _FAST_DATE.match(value)
            if date is None:
                return None
            try:
                data[key] = dt.date(*map(int, date.groups()))
            except ValueError:
                return None
        elif _FAST_PLAIN.match(value) and value.casefold() not in _YAML_WORDS \
                and not value.endswith(" ") and " #" not in value:
            data[key] = value
        else:
            return None
    for key in open_lists:
        if not data[key]:
            data[key] = None  # `key:` with nothing after it is null
    return data, lines


def _compose(front: str, path: str | None) -> tuple[dict[str, Any], dict[str, int]]:
    """YAML text to a dict and the line (1-based, in the file) of each top-level key."""
    if "\t" not in front and "\r" not in front:
        fast = _fast_front(front)
        if fast is not None:
            return fast
    loader = _Loader(front)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if "&" in front or "*" in front:  # no anchor or alias can be written without them
            _refuse_aliases(node, path)
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        line, problem = yaml_problem(exc, 2)  # (the front matter begins on line 2)
        raise SourceError(Diagnostic(Level.ERROR, path, line or 1,
                                     f"front matter: {problem}")) from exc
    except yaml.YAMLError as exc:
        raise SourceError(Diagnostic(Level.ERROR, path, 2, f"front matter: {exc}")) from exc
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise SourceError(Diagnostic(Level.ERROR, path, 2, "front matter must be a mapping of "
                                     f"keys to values, got {type(data).__name__}"))
    lines: dict[str, int] = {}
    seen: set[str] = set()
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 2
        if key in seen:
            raise SourceError(Diagnostic(Level.ERROR, path, line, f"front matter: duplicate key "
                                         f"'{key}'"))
        seen.add(key)
        lines[key] = line
    return data, lines


def _refuse_aliases(node: yaml.Node, path: str | None) -> None:
    """Anchors and aliases are refused: they can blow up memory ("billion laughs")."""
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen:
            raise SourceError(Diagnostic(Level.ERROR, path, current.start_mark.line + 2,
                                         "front matter: YAML anchors and aliases are not allowed"))
        seen.add(id(current))
        if isinstance(current, yaml.MappingNode):  # children pushed so they pop in order
            for k, v in reversed(current.value):
                stack.extend((v, k))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))


def parse_source(text: str, path: str | None = None) -> Release:
    """Read one release file; raises SourceError with the file and line of the problem."""
    front, body, _ = split_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"), path)
    data, lines = _compose(front, path)
    try:
        return _release_from(data, body, path)
    except _FieldError as exc:
        raise SourceError(Diagnostic(Level.ERROR, path, lines.get(exc.key, 2),
                                     f"front matter '{exc.key}': {exc}")) from exc


def _release_from(data: dict[str, Any], body: str, path: str | None) -> Release:
    title = _text(data, "title", required=True)
    if not title:
        raise _FieldError("title", "must not be empty")
    if "date" not in data:
        raise _FieldError("date", "missing; expected YYYY-MM-DD")
    extra = {k: v for k, v in data.items() if str(k) not in KNOWN_KEYS}
    return Release(
        title=title,
        date=_date(data.get("date"), "date", allow_none=bool(data.get("draft"))),
        body=body.strip("\n") + "\n" if body.strip() else "",
        location=_text(data, "location"),
        language=_text(data, "language") or "en",
        summary=_text(data, "summary") or "",
        tags=_strings(data, "tags"),
        countries=_strings(data, "countries"),
        organizations=tuple(Organization(**e) for e in _records(data, "organizations",
                                                                ("name", "acronym"))),
        people=tuple(Person(**e) for e in _records(data, "people", ("name", "role"))),
        quotes=tuple(Quote(**e) for e in _records(data, "quotes", ("text", "speaker"),
                                                  plain="text")),
        events=tuple(_event(e) for e in _records(data, "events", ("name", "location", "start",
                                                                  "end", "days", "organizer"))),
        source=_text(data, "source"),
        source_sha256=_text(data, "source_sha256"),
        slug=_text(data, "slug"),
        draft=_bool(data, "draft"),
        extra=extra,
        path=path,
    )


def _text(data: dict[str, Any], key: str, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise _FieldError(key, "missing")
        return None
    if isinstance(value, (bool, list, dict)):
        raise _FieldError(key, f"expected text, got {_kind(value)}")
    return str(value).strip()


def _kind(value: Any) -> str:
    names = {list: "a list", dict: "a mapping", bool: "true/false", str: f"text {value!r}",
             int: f"the number {value!r}", float: f"the number {value!r}"}
    return names.get(type(value), type(value).__name__)


def _date(value: Any, key: str, allow_none: bool = False) -> dt.date | None:
    if value is None:
        if allow_none:
            return None
        raise _FieldError(key, "missing; expected YYYY-MM-DD (or set draft: true)")
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            pass
    raise _FieldError(key, f"expected YYYY-MM-DD, got {value!r}")


def _strings(data: dict[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise _FieldError(key, f"expected a list of text, got {_kind(value)}")
    _check_size(key, value)
    out: list[str] = []
    for item in value:
        if item is None:
            continue
        if isinstance(item, (list, dict, bool)):
            raise _FieldError(key, f"expected text in the list, got {_kind(item)}")
        text = str(item).strip()
        if text and text not in out:
            out.append(text)
    return tuple(out)


def _check_size(key: str, value: list[Any]) -> None:
    if len(value) > MAX_ITEMS:
        raise _FieldError(key, f"{len(value)} entries; at most {MAX_ITEMS} are allowed")


def _records(data: dict[str, Any], key: str, fields: tuple[str, ...],
             plain: str = "name") -> list[dict[str, Any]]:
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise _FieldError(key, f"expected a list, got {_kind(value)}")
    _check_size(key, value)
    out = []
    for item in value:
        if isinstance(item, str):
            item = {plain: item}
        if not isinstance(item, dict):
            raise _FieldError(key, f"expected '{plain}: ...' entries, got {_kind(item)}")
        record = {f: item.get(f) for f in fields}
        if not record[plain] or not isinstance(record[plain], (str, int, float)):
            raise _FieldError(key, f"every entry needs '{plain}' as text")
        for f in fields:
            if isinstance(record[f], (str, int, float)) and f not in ("start", "end", "days"):
                record[f] = str(record[f]).strip()
        out.append(record)
    return out


def _event(record: dict[str, Any]) -> Event:
    days = record.get("days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool)):
        raise _FieldError("events", f"'days' must be a whole number, got {days!r}")
    return Event(
        name=record["name"],
        location=record.get("location"),
        start=_date(record["start"], "events", allow_none=True),
        end=_date(record["end"], "events", allow_none=True),
        days=days,
        organizer=record.get("organizer"),
    )


def _bool(data: dict[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _FieldError(key, f"expected true or false, got {value!r}")
    return value


def release_to_dict(release: Release) -> dict[str, Any]:
    """The full front-matter form of FORMAT.md, in its key order, unknown keys last."""
    def clean(d: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in d.items() if v is not None}

    data: dict[str, Any] = {
        "title": release.title,
        "date": release.date,
        "location": release.location,
        "language": release.language,
        "summary": release.summary,
        "tags": list(release.tags),
        "countries": list(release.countries),
        "organizations": [clean({"name": o.name, "acronym": o.acronym})
                          for o in release.organizations],
        "people": [clean({"name": p.name, "role": p.role}) for p in release.people],
        "quotes": [clean({"speaker": q.speaker, "text": q.text}) for q in release.quotes],
        "events": [clean({"name": e.name, "location": e.location, "start": e.start,
                          "end": e.end, "days": e.days, "organizer": e.organizer})
                   for e in release.events],
        "source": release.source,
        "source_sha256": release.source_sha256,
        "slug": release.slug,
        "draft": release.draft,
    }
    data.update(release.extra)
    return data


def dump_source(release: Release) -> str:
    """A release as a YAML-fronted Markdown file (the loader's full form)."""
    front = yaml.dump(release_to_dict(release), Dumper=_NoAliasDumper, sort_keys=False,
                      allow_unicode=True, width=10_000, default_flow_style=False)
    return f"---\n{front}---\n{release.body}"
