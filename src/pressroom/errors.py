"""Diagnostics and exception types: how problems travel from the engine to the CLI.

Every problem the engine finds about a user's file is a `Diagnostic` naming the file
and, where there is one, the line. Modules collect them in a `Diagnostics` list; only
the CLI prints them or turns them into an exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    level: Level
    path: str | None
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.level.value}: {self.message}"


def yaml_problem(exc: Any, first_line: int) -> tuple[int | None, str]:
    """The line (in the file, whose line `first_line` is the YAML text's first) and the text
    of a PyYAML `MarkedYAMLError`. The parser names where it gave up; a list, mapping or
    quoted text left open began earlier, and that line is named too. A key without its
    colon is named at its own line, not at the next one where the parser gave up."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + first_line if mark is not None else None
    problem = exc.problem or exc.context or "invalid YAML"
    opened = exc.context_mark
    if exc.problem and opened is not None and opened.line + first_line != line:
        if exc.context in _KEY_WITHOUT_COLON:
            return opened.line + first_line, "a key without its ':' (key: value)"
        what = _OPENED.get(exc.context or "")
        if what:
            problem += f" ({what} on line {opened.line + first_line})"
    return line, problem


_OPENED = {  # the parsers' words for what was left open (PyYAML's and libyaml's)
    "while parsing a flow sequence": "in the [ list opened",
    "while parsing a flow mapping": "in the { mapping opened",
    "while scanning a quoted scalar": "in the quoted text opened",
    "while parsing a quoted scalar": "in the quoted text opened",
}
_KEY_WITHOUT_COLON = {"while scanning a simple key"}


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics; the engine's only way to report."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, level: Level, path: str | Path | None, line: int | None, message: str) -> None:
        self.items.append(Diagnostic(level, str(path) if path is not None else None, line, message))

    def error(self, path: str | Path | None, line: int | None, message: str) -> None:
        self.add(Level.ERROR, path, line, message)

    def warning(self, path: str | Path | None, line: int | None, message: str) -> None:
        self.add(Level.WARNING, path, line, message)

    def extend(self, other: Diagnostics | list[Diagnostic]) -> None:
        self.items.extend(other.items if isinstance(other, Diagnostics) else other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.WARNING]

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class PressroomError(Exception):
    """Base of every error the engine raises on purpose."""


class ConfigError(PressroomError):
    """The site configuration is invalid; carries every problem found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


class SourceError(PressroomError):
    """A content file cannot be read as a release."""

    def __init__(self, diagnostic: Diagnostic):
        self.diagnostic = diagnostic
        super().__init__(str(diagnostic))


class LoaderError(PressroomError):
    """A raw release cannot be turned into a release (empty, binary, ...)."""

    def __init__(self, path: str | None, message: str, line: int | None = None):
        self.diagnostic = Diagnostic(Level.ERROR, path, line, message)
        super().__init__(str(self.diagnostic))
