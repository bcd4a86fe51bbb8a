import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pressroom.check import check_site, quote_in_body, words
from pressroom.cli import main
from pressroom.config import load_config

GOOD = """---
title: Harbour opens tide-energy test site
date: 2024-03-12
location: Port Alder
language: en
countries: [Norway, Russia]
organizations:
  - name: Coastal Energy Institute
    acronym: CEI
people:
  - name: Maren Okafor
    role: chair of the Harbour Board
quotes:
  - speaker: Maren Okafor
    text: For a century the tide has set our working hours; now it will also keep the lights on
  - speaker: CEI
    text: Everything we measure here will be published
source: harbour.txt
---
PORT ALDER, 12 March 2024 – The *Harbour Board* opened a test site.

“For a century the tide has set our working hours,” said Maren Okafor, “now it will
also keep the lights on.” She added: "Everything we measure here   will be published."
"""

# Each planted problem: (file name, text, expected line, expected words in the message).
PLANTED = {
    "bad-yaml.md": ("---\ntitle: Fine\ndate: 2024-01-01\ntags: [a, b\n---\nBody.\n", None,
                    "front matter"),
    "bad-date.md": ("---\ntitle: Fine\nlanguage: en\ndate: 2024-13-01\n---\nBody.\n", 4,
                    "'date'"),
    "no-title.md": ("---\ndate: 2024-01-01\n---\nBody.\n", 2, "'title'"),
    "speaker.md": (GOOD.replace("  - speaker: CEI", "  - speaker: Someone Else")
                   .replace("source: harbour.txt", "source: speaker.txt"), 16,
                   "speaker 'Someone Else' is not among"),
    "stale.md": (GOOD.replace("working hours,”", "shifts,”")
                 .replace("source: harbour.txt", "source: stale.txt"), 14,
                 "quote 1 no longer occurs in the body"),
    "zz-duplicate.md": (GOOD.replace("title: Harbour", "title: Another harbour"), 18,
                        "duplicate release"),
}


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    content.mkdir(parents=True)
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    return tmp_path


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if re.match(r"\S+:(\d+:)? (error|warning)", line)]


def test_clean_site_passes(tmp_path: Path):
    site = _site(tmp_path, {"good.md": GOOD})
    result = CliRunner().invoke(main, ["check", "--project", str(site)])
    assert result.exit_code == 0, result.output
    assert _lines(result.output) == []
    assert "1 release checked" in result.output and "0 errors, 0 warnings" in result.output


def test_planted_errors_are_listed_with_path_and_line(tmp_path: Path):
    files = {"good.md": GOOD} | {name: text for name, (text, _, _) in PLANTED.items()}
    site = _site(tmp_path, files)
    result = CliRunner().invoke(main, ["check", "--project", str(site)])
    assert result.exit_code == 1
    lines = _lines(result.output)
    for name, (_, line, words_) in PLANTED.items():
        path = str(site / "content" / name)
        found = [x for x in lines if x.startswith(path + ":") and words_ in x]
        assert found, f"{name}: nothing about {words_!r} in\n{result.output}"
        if line is not None:
            assert found[0].startswith(f"{path}:{line}: error: "), found
        else:
            assert re.match(rf"{re.escape(path)}:\d+: error: ", found[0]), found
    good = str(site / "content" / "good.md")
    assert not [x for x in lines if x.startswith(good)], "the good file must not be reported"
    assert f"{len(PLANTED)} errors" in result.output


def test_duplicate_title_and_date_is_a_warning_and_strict_fails(tmp_path: Path):
    copy = GOOD.replace("source: harbour.txt", "source: other.txt")
    site = _site(tmp_path, {"a.md": GOOD, "b.md": copy})
    result = CliRunner().invoke(main, ["check", "--project", str(site)])
    assert result.exit_code == 0
    assert f"{site / 'content' / 'b.md'}:2: warning: possible duplicate" in result.output
    strict = CliRunner().invoke(main, ["check", "--project", str(site), "--strict"])
    assert strict.exit_code == 1


def test_unknown_country_and_language_are_warnings(tmp_path: Path):
    text = GOOD.replace("[Norway, Russia]", "[Norway, Atlantis]").replace("language: en",
                                                                          "language: xx")
    site = _site(tmp_path, {"a.md": text})
    report = check_site(load_config(site))
    found = {(d.level.value, d.line, d.message.split(" ")[0]) for d in report.diagnostics}
    assert found == {("warning", 6, "country"), ("warning", 5, "language")}


def test_raw_files_not_ingested_are_checked_without_writing(tmp_path: Path):
    site = _site(tmp_path, {"good.md": GOOD})
    (site / "content" / "empty.txt").write_text("   \n", encoding="utf-8")
    before = sorted(p.name for p in (site / "content").iterdir())
    result = CliRunner().invoke(main, ["check", "--project", str(site)])
    assert result.exit_code == 1
    assert f"{site / 'content' / 'empty.txt'}" in result.output
    assert "1 raw file not ingested yet" in result.output
    assert sorted(p.name for p in (site / "content").iterdir()) == before


def test_links_builds_elsewhere_and_reports_broken_links(tmp_path: Path):
    body_links = ("\n[a missing page](../no-such-release/) and [a missing anchor](#nowhere) and "
                  "[the index](../../)\n")
    site = _site(tmp_path, {"good.md": GOOD + body_links})
    result = CliRunner().invoke(main, ["check", "--project", str(site), "--links"])
    assert result.exit_code == 1, result.output
    page = f"{site / 'public'}/releases/harbour-opens-tide-energy-test-site/index.html"
    assert re.search(rf"{re.escape(page)}:\d+: error: broken link '../no-such-release/'",
                     result.output), result.output
    assert re.search(rf"{re.escape(page)}:\d+: warning: link '#nowhere'", result.output)
    assert "'../../'" not in result.output
    assert not (site / "public").exists() and not (site / ".public.lock").exists()
    assert sorted(p.name for p in (site / "content").iterdir()) == ["good.md"]


def test_links_of_a_clean_site_pass(tmp_path: Path):
    site = _site(tmp_path, {"good.md": GOOD})
    result = CliRunner().invoke(main, ["check", "--project", str(site), "--links"])
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ links on \d+ pages", result.output)


def test_bad_config_is_a_usage_error(tmp_path: Path):
    site = _site(tmp_path, {"good.md": GOOD})
    (site / "pressroom.yaml").write_text("per_page: 0\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--project", str(site)])
    assert result.exit_code == 2
    assert "pressroom.yaml:1: error: 'per_page'" in result.output


@pytest.mark.parametrize("quote, body", [
    ("we act now", "They said: “We act now.”"),
    ("We act, now", "“We   act,\nnow,” she said."),
    ("First half, second half", '"First half," said Ms. X, "second half."'),
    ("a quote with emphasis", "It was *a quote* with **emphasis**."),
    ("Read the report", "[Read the report](https://example.org) today."),
    ("L'équipe est prête", "« L’équipe est prête », a-t-elle dit."),
])
def test_quote_matching_ignores_marks_space_markdown_and_attribution(quote, body):
    assert quote_in_body(words(quote), words(body))


@pytest.mark.parametrize("quote, body", [
    ("we will end this by 2030", "we will end this by 2035"),
    ("the harbour board agreed", "the harbour council agreed"),
    ("something else entirely", "Nothing of the kind was said here."),
])
def test_quote_matching_catches_edits(quote, body):
    assert not quote_in_body(words(quote), words(body))


def test_speaker_matches_as_the_archive_does_accents_case_and_acronyms(tmp_path: Path):
    text = (GOOD.replace("  - name: Maren Okafor", "  - name: Maren Okafór")
            .replace("  - speaker: Maren Okafor", "  - speaker: maren  okafor"))
    site = _site(tmp_path, {"a.md": text})
    assert list(check_site(load_config(site)).diagnostics) == []


def test_the_sample_site_has_no_errors():
    root = Path(__file__).resolve().parents[1]
    report = check_site(load_config(root))
    assert report.releases >= 10
    assert [str(d) for d in report.diagnostics.errors] == []


def test_a_new_release_left_unfinished_is_a_warning(tmp_path: Path):
    site = _site(tmp_path, {})
    runner = CliRunner()
    path = runner.invoke(main, ["new", "Ferry back", "--project", str(site),
                                "--date", "2024-04-10"]).stdout.strip()
    result = runner.invoke(main, ["check", "--project", str(site)])
    assert result.exit_code == 0
    assert f"{path}:16: warning: the body still opens with the placeholder" in result.output


def test_links_mode_does_not_repeat_the_duplicate_warning(tmp_path: Path):
    copy = GOOD.replace("source: harbour.txt", "source: other.txt")
    site = _site(tmp_path, {"a.md": GOOD, "b.md": copy})
    result = CliRunner().invoke(main, ["check", "--project", str(site), "--links"])
    about_b = [x for x in _lines(result.output) if x.startswith(str(site / "content" / "b.md"))]
    duplicates = [x for x in about_b if "duplicate" in x]
    assert len(duplicates) == 1 and ":2: warning: possible duplicate" in duplicates[0], about_b


def test_tags_outside_the_sites_vocabulary_are_warnings_with_their_line(tmp_path: Path):
    entries = ["Energy", "energy", "''", "enrgy", "Climate-Change", "CLIMATE  change", "ports"]
    text = GOOD.replace("source: harbour.txt", "source: harbour.txt\ntags:\n" +
                        "".join(f"  - {e}\n" for e in entries).rstrip("\n"))
    site = _site(tmp_path, {"a.md": text})
    (site / "pressroom.yaml").write_text(
        "tags:\n  vocabulary:\n    energy: [tide, power]\n    climate change:\n",
        encoding="utf-8")
    found = [str(d) for d in check_site(load_config(site)).diagnostics]
    path = site / "content" / "a.md"
    line = {e: text.splitlines().index(f"  - {e}") + 1 for e in entries}
    message = "is not in the tag vocabulary of pressroom.yaml"
    # as the archive groups tags: case, accents and spaces aside, but not a hyphen (which
    # would make a tag page of its own); an empty entry and a repeat do not shift lines
    assert found == [
        f"{path}:{line['enrgy']}: warning: tag 'enrgy' {message} (did you mean 'energy'?)",
        f"{path}:{line['Climate-Change']}: warning: tag 'Climate-Change' {message} "
        "(did you mean 'climate change'?)",
        f"{path}:{line['ports']}: warning: tag 'ports' {message}"]
    (site / "pressroom.yaml").write_text("title: No vocabulary\n", encoding="utf-8")
    assert list(check_site(load_config(site)).diagnostics) == []  # any tag goes


def test_an_unknown_country_after_a_repeat_is_reported_on_its_own_line(tmp_path: Path):
    text = GOOD.replace("countries: [Norway, Russia]",
                        "countries:\n  - Norway\n  - Norway\n  - Atlantis")
    site = _site(tmp_path, {"a.md": text})
    found = [str(d) for d in check_site(load_config(site)).diagnostics]
    line = text.splitlines().index("  - Atlantis") + 1
    assert found == [f"{site / 'content' / 'a.md'}:{line}: warning: country 'Atlantis' is "
                     "not a known country name or code"]


def test_an_edited_release_whose_raw_text_changed_is_reported_as_build_reports_it(tmp_path):
    from pressroom.build import build

    raw = "Harbour reopens\n\nPORT ALDER, 2 April 2024 – The harbour reopened on Monday.\n"
    site = _site(tmp_path, {"harbour.txt": raw})
    config = load_config(site)
    build(config)
    md = site / "content" / "harbour.md"
    md.write_text(md.read_text(encoding="utf-8") + "\nAn editor's line.\n", encoding="utf-8")
    (site / "content" / "harbour.txt").write_text(raw + "\nA late paragraph.\n",
                                                   encoding="utf-8")
    built = build(config)
    report = check_site(config)
    assert report.pending == 0  # the build will not ingest it: it keeps the edited file
    warned = [d for d in report.diagnostics.warnings if Path(d.path or "").name == "harbour.md"]
    assert [d.message for d in warned] == [d.message for d in built.diagnostics.warnings
                                           if "changed, but" in d.message]
    assert "edited by hand" in warned[0].message
