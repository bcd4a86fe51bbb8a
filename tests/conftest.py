"""Shared fixtures: the small fixture site of tests/data/site, built into tmp folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pressroom.build import build
from pressroom.config import load_config

FIXTURE_SITE = Path(__file__).parent / "data" / "site"
SUB_PATH_URL = "https://example.org/press/"


def build_fixture_site(root: Path, base_url: str | None = None):
    """Copy the fixture site to `root` and build it; returns (config, report)."""
    shutil.copytree(FIXTURE_SITE, root)
    config = load_config(root, {"base_url": base_url})
    return config, build(config)


@pytest.fixture(scope="session")
def root_site(tmp_path_factory):
    """The fixture site built for https://example.org/: (config, report)."""
    return build_fixture_site(tmp_path_factory.mktemp("root") / "site")


@pytest.fixture(scope="session")
def sub_path_site(tmp_path_factory):
    """The fixture site built for https://example.org/press/: (config, report)."""
    return build_fixture_site(tmp_path_factory.mktemp("sub") / "site", SUB_PATH_URL)
