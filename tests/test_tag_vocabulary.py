"""A site's tag vocabulary (pressroom.yaml `tags: vocabulary:`), through the real CLI:
ingest, build and extract tag from it; a changed vocabulary re-tags only what is ingested
from then on and `ingest --force`; a wrong vocabulary stops every command with exit 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pressroom.ingest import MANIFEST
from pressroom.source import parse_source

CONFIG = """title: Kestrel Bay council
tags:
  vocabulary:
    Ferries: [ferry, ferry service, ferry services]
    sea level: [rising seas, coastal flooding]
    fishing: [fishers, fishermen, trawlers]
"""
FERRY = """Council opens two new ferry services

KESTREL BAY, 4 March 2024 – The island council today opened two new ferry services between
Kestrel Bay and the outer islands. Fraud inspectors and drug checks are not involved.

The ferry runs twice a day. Fishers said the timetable suits the trawlers' crews.

About the Kestrel Bay Council

The council also looks after rising seas, coastal flooding and the sea level.

Media contacts: Ana Sole, press office
"""
FLOOD = """Coastal flooding plan for the lower town

KESTREL BAY, 5 March 2024 – The island council adopted a plan against coastal flooding in
the lower town, where rising seas reach the quays of the outer islands at spring tides.

Work starts in May near the ferry quay.
"""


def pressroom(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pressroom", *map(str, args)],
                          capture_output=True, text=True, timeout=120, check=False)


def tags_of(md: Path) -> list[str]:
    return list(parse_source(md.read_text(encoding="utf-8"), str(md)).tags)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "pressroom.yaml").write_text(CONFIG, encoding="utf-8")
    (root / "content" / "ferry.txt").write_text(FERRY, encoding="utf-8")
    return root


def test_ingest_extract_and_build_tag_from_the_vocabulary(site: Path):
    result = pressroom("ingest", site / "content", "--project", site)
    assert result.returncode == 0, result.stderr
    # synonyms give the canonical tag, in lower case; the built-in topics ("fraud",
    # "drugs") are not used; "About the ..." and contacts give nothing
    assert tags_of(site / "content" / "ferry.md") == ["ferries", "fishing"]

    shown = pressroom("extract", "--format", "json", "--project", site,
                      site / "content" / "ferry.txt")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["tags"] == ["ferries", "fishing"]

    (site / "content" / "flood.txt").write_text(FLOOD, encoding="utf-8")
    built = pressroom("build", "--project", site)
    assert built.returncode == 0, built.stderr
    assert tags_of(site / "content" / "flood.md") == ["sea level"]  # one ferry: in passing
    assert (site / "public" / "tags" / "sea-level" / "index.html").is_file()


def test_extract_without_a_project_keeps_the_built_in_topics(site: Path, tmp_path: Path):
    shown = pressroom("extract", "--format", "json", "--project", tmp_path,
                      site / "content" / "ferry.txt")
    assert shown.returncode == 0, shown.stderr
    assert "ferries" not in json.loads(shown.stdout)["tags"]


def test_a_changed_vocabulary_applies_to_new_releases_and_to_force(site: Path):
    content = site / "content"
    assert pressroom("ingest", content, "--project", site).returncode == 0
    ferry = content / "ferry.md"
    edited = ferry.read_text(encoding="utf-8").replace("title: Council opens",
                                                       "title: The council opens")
    ferry.write_text(edited, encoding="utf-8")
    (site / "pressroom.yaml").write_text(
        CONFIG.replace("    fishing: [fishers, fishermen, trawlers]\n",
                       "    islands: [island, outer islands]\n"), encoding="utf-8")

    # a build ingests the new raw file with the new vocabulary and leaves the rest alone
    (content / "flood.txt").write_text(FLOOD, encoding="utf-8")
    assert pressroom("build", "--project", site).returncode == 0
    assert tags_of(content / "flood.md") == ["sea level", "islands"]
    assert ferry.read_text(encoding="utf-8") == edited
    again = pressroom("ingest", content, "--project", site)
    assert "2 files: 2 unchanged" in again.stderr
    assert ferry.read_text(encoding="utf-8") == edited

    # --force re-tags every release and keeps the edited one as a backup
    forced = pressroom("ingest", "--force", content, "--project", site)
    assert forced.returncode == 0, forced.stderr
    assert tags_of(ferry) == ["ferries", "islands"]
    assert (content / "ferry.md.bak").read_text(encoding="utf-8") == edited
    manifest = json.loads((content / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest) == {"ferry.md", "flood.md"}


@pytest.mark.parametrize("command", ["ingest", "build", "extract"])
def test_a_wrong_vocabulary_stops_every_command(site: Path, command: str):
    (site / "pressroom.yaml").write_text(
        CONFIG.replace("[rising seas, coastal flooding]", "rising seas, coastal flooding"),
        encoding="utf-8")
    args = {"ingest": ["ingest", site / "content"], "build": ["build"],
            "extract": ["extract", site / "content" / "ferry.txt"]}[command]
    result = pressroom(*args, "--project", site)
    assert result.returncode == 2
    assert "pressroom.yaml:5: error: 'tags.vocabulary': the synonyms of 'sea level' must be a " \
           "list" in result.stdout + result.stderr
    assert "invalid configuration; nothing was done" in result.stderr
    assert sorted(p.name for p in (site / "content").iterdir()) == ["ferry.txt"]
    assert not (site / "public").exists()
