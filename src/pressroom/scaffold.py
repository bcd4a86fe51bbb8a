"""New sites and new releases: what `pressroom init` and `pressroom new` write.

The files a new site starts with live in `skeleton/` beside this module (package data, so
they travel in the wheel); `SITE_FILES` says where each one goes. Nothing here ever
overwrites a file: `init_site` refuses a folder that already holds a site, and
`new_release` refuses a release file that exists. Both raise `ScaffoldError`.
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import yaml

from pressroom.config import CONFIG_NAME, SiteConfig
from pressroom.errors import PressroomError
from pressroom.slugs import make_slug

# The dateline placeholder of a new release; `pressroom check` warns while it is left in.
DATELINE_PLACEHOLDER = "PLACE"

# skeleton file (package data) -> its path in a new site
SITE_FILES = {
    "pressroom.yaml": CONFIG_NAME,
    "gitignore": ".gitignore",
    "example-release.txt": "content/2024-03-12_port-alder-tide-energy.txt",
    "github-pages.yml": ".github/workflows/pages.yml",
    "netlify.toml": "netlify.toml",
}


class ScaffoldError(PressroomError):
    """A new site or release cannot be created without overwriting something."""


def skeleton_text(name: str) -> str:
    """The text of one skeleton file, as `init` writes it."""
    return resources.files("pressroom").joinpath("skeleton", name).read_text(encoding="utf-8")


def init_site(folder: Path) -> list[Path]:
    """Create a new site in `folder` (made if missing); returns the files written, in order.

    Refuses, writing nothing, when `folder` already holds a site: a `pressroom.yaml`, a
    non-empty content folder, or any file `init` would write.
    """
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} exists and is not a folder")
    if (folder / CONFIG_NAME).exists():
        raise ScaffoldError(f"{folder} already holds a Pressroom site ({CONFIG_NAME}); "
                            "nothing was written")
    content = folder / SiteConfig.content_dir
    if content.is_dir() and any(content.iterdir()):
        raise ScaffoldError(f"{content} already holds files; nothing was written")
    clashes = [rel for rel in SITE_FILES.values() if (folder / rel).exists()]
    if clashes:
        raise ScaffoldError(f"{folder} already has {', '.join(clashes)}; nothing was written")
    texts = {rel: skeleton_text(name) for name, rel in SITE_FILES.items()}
    written: list[Path] = []
    for rel, text in texts.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _create(target, text)
        written.append(target)
    return written


def release_text(title: str, date: dt.date, config: SiteConfig) -> str:
    """The front matter and body skeleton of a hand-written release (FORMAT.md)."""
    title_line = yaml.safe_dump({"title": title}, allow_unicode=True, width=10_000)
    dateline = date.strftime(config.date_format)
    return (
        "---\n"
        f"{title_line}"
        f"date: {date.isoformat()}\n"
        "location:            # the dateline place as written, e.g. Vienna\n"
        f"language: {config.language}\n"
        "summary: ''          # the lead: first sentence of the body, plain text\n"
        "tags: []             # lowercase topics\n"
        "countries: []\n"
        "organizations: []    # - name: ...  acronym: ...\n"
        "people: []           # - name: ...  role: ...\n"
        "quotes: []           # - speaker: (a name from people or organizations)  text: ...\n"
        "events: []\n"
        "slug: null           # set to override the URL slug made from the title\n"
        "draft: true          # not published until you remove this line (or set false)\n"
        "---\n"
        f"{DATELINE_PLACEHOLDER}, {dateline} – The lead paragraph: who did what, when and where.\n"
        "\n"
        "The next paragraphs, in Markdown.\n"
    )


def new_release(config: SiteConfig, title: str, date: dt.date) -> Path:
    """Write `content/<date>-<slug>.md` for a new release; returns its path."""
    if not title.strip():
        raise ScaffoldError("the title must not be empty")
    slug = make_slug(title, fallback="release")
    target = config.content_path / f"{date.isoformat()}-{slug}.md"
    target.parent.mkdir(parents=True, exist_ok=True)
    _create(target, release_text(title.strip(), date, config))
    return target


def _create(target: Path, text: str) -> None:
    """Write a new file; an existing one is never replaced (exclusive create)."""
    try:
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise ScaffoldError(f"{target} already exists; not overwritten") from None
