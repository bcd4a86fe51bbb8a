from pathlib import Path

import pytest

from pressroom.config import SiteConfig, TagSettings, load_config
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


def test_a_yaml_syntax_error_names_where_the_list_was_opened(tmp_path):
    write(tmp_path, "title: [ok, fine\nper_page: 5\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert info.value.diagnostics[0].line == 2
    assert "(in the [ list opened on line 1)" in info.value.diagnostics[0].message


def test_a_key_set_twice_is_an_error_naming_both_lines(tmp_path):
    # PyYAML would keep the last silently; a setting appended to the file `init` writes
    # (which lists every key) would win or lose without a word
    write(tmp_path, "title: First\nper_page: 20\ntags:\n  vocabulary:\n    health: [clinic]\n"
                    "    health: [hospital]\ntitle: Second\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    found = [(d.line, d.message) for d in info.value.diagnostics]
    assert found == [
        (6, "'tags.vocabulary.health' is set twice (first on line 5): keep one"),
        (7, "'title' is set twice (first on line 1): keep one"),
    ]


def test_a_key_set_twice_is_reported_with_every_other_mistake(tmp_path):
    write(tmp_path, "title: a\ntitle: b\nper_page: 5\ncolour: blue\nper_page: zero\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    found = [(d.line, d.message.split(" (")[0]) for d in info.value.diagnostics]
    assert found == [
        (2, "'title' is set twice"),
        (5, "'per_page' is set twice"),
        (5, "'per_page' must be a whole number, got 'zero'"),  # the value used, on its line
        (4, "unknown setting 'colour'"),
    ]


@pytest.mark.parametrize("text, line, message", [
    ("title: x\nper_page\nbase_url: /\n", 2, "YAML: a key without its ':' (key: value)"),
    # a list is no mapping of settings, whatever its items repeat
    ("- {title: a, title: b}\n", 1, "expected a mapping of settings (key: value)"),
])
def test_yaml_mistakes_are_named_at_their_own_line(tmp_path, text, line, message):
    write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert [(d.line, d.message) for d in info.value.diagnostics] == [(line, message)]


def test_a_key_overriding_a_merge_key_is_not_set_twice(tmp_path):
    write(tmp_path, "tags:\n  vocabulary:\n    <<: {health: [clinic], water: [wells]}\n"
                    "    health: [hospital]\n")
    assert dict(load_config(tmp_path).tags.vocabulary) == {"health": ("hospital",),
                                                          "water": ("wells",)}


def test_a_key_repeated_in_a_flow_mapping_is_found_too(tmp_path):
    write(tmp_path, "tags: {vocabulary: [a], vocabulary: [b]}\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert [d.line for d in info.value.diagnostics] == [1]


def test_override_from_the_command_line_is_validated(tmp_path):
    assert load_config(tmp_path, {"base_url": "/press/"}).base_path == "/press/"
    with pytest.raises(ConfigError):
        load_config(tmp_path, {"base_url": "ftp:/x"})


def test_a_bad_value_from_the_command_line_is_named_by_its_option_not_the_file(tmp_path):
    write(tmp_path, "title: Press\nper_page: 5\nbase_url: not a url\n")
    # the file's own bad value is replaced, so it is not reported
    assert load_config(tmp_path, {"base_url": "/press"}).base_url == "/press/"
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path, {"base_url": "ftp:/x"})
    (diag,) = info.value.diagnostics
    assert str(diag).startswith("--base-url: error: 'base_url' must be a full URL")
    assert diag.line is None and "pressroom.yaml" not in str(diag)


def test_output_dir_may_not_leave_the_site(tmp_path):
    write(tmp_path, "output_dir: ../elsewhere\n")
    with pytest.raises(ConfigError, match="inside the site"):
        load_config(tmp_path)


def test_an_empty_config_file_means_the_defaults(tmp_path):
    assert load_config(write(tmp_path, "")) == SiteConfig()
    assert load_config(write(tmp_path, "# only a comment\n")) == SiteConfig()


# -- tags: a controlled vocabulary ------------------------------------------------------------

def test_no_tag_settings_means_the_built_in_topics(tmp_path):
    assert load_config(tmp_path).tags == TagSettings(vocabulary=None)
    assert load_config(write(tmp_path, "tags: {}\n")).tags == TagSettings()
    assert load_config(write(tmp_path, "tags:\n")).tags == TagSettings()


def test_vocabulary_with_synonyms_keeps_its_order_and_lower_cases_tags(tmp_path):
    write(tmp_path, "tags:\n"
                    "  vocabulary:\n"
                    "    Sea Level: [rising seas, '  coastal   flooding ', rising seas]\n"
                    "    harbours: [port, ports]\n"
                    "    tides:\n")
    assert load_config(tmp_path).tags.vocabulary == (
        ("sea level", ("rising seas", "coastal flooding")),
        ("harbours", ("port", "ports")),
        ("tides", ()),
    )


def test_vocabulary_as_a_plain_list(tmp_path):
    write(tmp_path, "tags:\n  vocabulary: [Ferries, lighthouses, \"Côte d'Azur\"]\n")
    assert load_config(tmp_path).tags.vocabulary == (
        ("ferries", ()), ("lighthouses", ()), ("côte d'azur", ()))


def _errors(tmp_path, text: str) -> list[tuple[int | None, str]]:
    write(tmp_path, text)
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    assert all(d.path.endswith("pressroom.yaml") for d in info.value.diagnostics)
    return [(d.line, d.message) for d in info.value.diagnostics]


def test_vocabulary_mistakes_are_reported_with_their_lines(tmp_path):
    found = _errors(tmp_path, "title: Harbour news\n"          # 1
                              "tags:\n"                        # 2
                              "  vocabulary:\n"                # 3
                              "    ferries: ferry, boats\n"    # 4
                              "    tides:\n"                   # 5
                              "      - high water\n"           # 6
                              "      - 12\n"                   # 7
                              "    FERRIES: [boat]\n"          # 8
                              "    yes: [agreed]\n"            # 9
                              "  size: 3\n")                   # 10
    assert [line for line, _ in found] == [4, 7, 8, 9, 10]
    assert "synonyms of 'ferries' must be a list" in found[0][1]
    assert "got 12" in found[1][1]
    assert "'ferries' is given twice (first on line 4)" in found[2][1]
    assert "write it in quotes" in found[3][1]
    assert "unknown setting 'tags.size'" in found[4][1]


@pytest.mark.parametrize(("text", "line", "message"), [
    ("title: x\ntags: [ferries]\n", 2, "'tags' must be a mapping"),
    ("tags:\n  vocabulary: ferries, tides\n", 2, "must be a mapping of each tag"),
    ("tags:\n  vocabulary: {}\n", 2, "is empty"),
    ("tags:\n  vocabulary:\n", 2, "is empty"),
    ("tags:\n  vocabulary:\n    - ferries\n    - tides: [high water]\n", 4, "tag names only"),
    ("tags:\n  vocabulary:\n    - ferries\n    - '  '\n", 4, "letters or digits"),
])
def test_vocabulary_shapes_that_are_refused(tmp_path, text, line, message):
    found = _errors(tmp_path, text)
    assert len(found) == 1
    assert found[0][0] == line
    assert message in found[0][1]


def test_use_directory_urls_is_true_or_false(tmp_path):
    assert load_config(write(tmp_path, "use_directory_urls: false\n")).use_directory_urls is False
    assert SiteConfig(root=tmp_path).use_directory_urls is True
    write(tmp_path, "title: ok\nuse_directory_urls: 'no'\n")
    with pytest.raises(ConfigError) as info:
        load_config(tmp_path)
    (problem,) = info.value.diagnostics
    assert problem.line == 2 and problem.message == \
        "'use_directory_urls' must be true or false, got 'no'"
