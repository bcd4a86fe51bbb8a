"""Where the default theme's templates and static files are.

Its own module, importing nothing of the build: a build that finds nothing to do checks
the theme's files without importing Jinja.
"""

from __future__ import annotations

from pathlib import Path

THEME_DIR = Path(__file__).parent / "theme"


def theme_dir() -> Path:
    """The default theme: inside the installed package, or the repository's top level."""
    if (THEME_DIR / "templates").is_dir():
        return THEME_DIR
    return Path(__file__).resolve().parents[2]
