from pathlib import Path

import pytest

from pressroom.config import SiteConfig, load_config
from pressroom.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "pressroom.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_defaults_without_a_file(tmp_path):
    config = load_config(tmp_path)
    assert config == SiteConfig()
    assert config.path is None
    assert config.output_path == tmp_path / "public"


def test_values_are_read_and_base_url_gets_a_slash(tmp_path):
    config = load_config(write(tmp_path, "title: Press\nbase_url: https://example.org/press\n"
                                         "per_page: 5\n"))
    assert config.title == "Press"
    assert config.base_url == "https://example.org/press/"
    assert config.base_path == "/press/"
    assert config.per_page == 5


def test_every_problem_is_reported_at_once_with_lines(tmp_path):
    write(tmp_path, "title: ok\ncolour: blue\nper_page: many\nbase_url: example.org\n"
                    "feed_size: 0\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    found = [(d.line, d.message.split("'")[1]) for d in info.value.diagnostics]
    assert found == [(2, "colour"), (3, "per_page"), (4, "base_url"), (5, "feed_size")]
    assert all(d.path.endswith("pressroom.yaml") for d in info.value.diagnostics)


def test_yaml_syntax_error_has_its_line(tmp_path):
    write(tmp_path, "title: ok\nper_page: [1,\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.diagnostics[0].line == 3


def test_override_from_the_command_line_is_validated(tmp_path):
    assert load_config(tmp_path, {"base_url": "/press/"}).base_path == "/press/"
    with pytest.raises(ConfigError):
        load_config(tmp_path, {"base_url": "ftp:/x"})


def test_output_dir_may_not_leave_the_site(tmp_path):
    write(tmp_path, "output_dir: ../elsewhere\n")
    with pytest.raises(ConfigError, match="inside the site"):
        load_config(tmp_path)


def test_an_empty_config_file_means_the_defaults(tmp_path):
    assert load_config(write(tmp_path, "")) == SiteConfig()
    assert load_config(write(tmp_path, "# only a comment\n")) == SiteConfig()
