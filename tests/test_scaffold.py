import dataclasses
import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pressroom.cli import main
from pressroom.config import SiteConfig, load_config
from pressroom.scaffold import SITE_FILES, ScaffoldError, init_site, new_release, skeleton_text
from pressroom.source import parse_source

DOCS = Path(__file__).resolve().parents[1] / "README.md"
KEYS = [f.name for f in dataclasses.fields(SiteConfig) if f.name not in ("root", "path")]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_init_writes_the_site_files(tmp_path: Path):
    site = tmp_path / "site"
    written = init_site(site)
    assert [p.relative_to(site).as_posix() for p in written] == list(SITE_FILES.values())
    for name, rel in SITE_FILES.items():
        assert (site / rel).read_text(encoding="utf-8") == skeleton_text(name)


def test_init_then_build_works(tmp_path: Path):
    runner = CliRunner()
    site = tmp_path / "site"
    assert runner.invoke(main, ["init", str(site)]).exit_code == 0
    result = runner.invoke(main, ["build", "--project", str(site)])
    assert result.exit_code == 0, result.output
    assert "1 release," in result.output
    pages = list((site / "public" / "releases").glob("*/index.html"))
    assert len(pages) == 1
    assert "Port Alder" in pages[0].read_text(encoding="utf-8")


@pytest.mark.parametrize("existing", ["pressroom.yaml", "content/old.md", "netlify.toml",
                                      ".github/workflows/pages.yml"])
def test_init_refuses_an_existing_site_and_writes_nothing(tmp_path: Path, existing: str):
    site = tmp_path / "site"
    (site / existing).parent.mkdir(parents=True, exist_ok=True)
    (site / existing).write_text("mine\n", encoding="utf-8")
    before = _tree(site)
    result = CliRunner().invoke(main, ["init", str(site)])
    assert result.exit_code == 2
    assert "nothing was written" in result.output
    assert _tree(site) == before


def test_init_into_an_existing_folder_without_a_site(tmp_path: Path):
    (tmp_path / "README.md").write_text("hello\n", encoding="utf-8")
    init_site(tmp_path)
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "hello\n"
    assert (tmp_path / "pressroom.yaml").is_file()


def test_init_refuses_a_file(tmp_path: Path):
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(ScaffoldError):
        init_site(target)


def test_config_lists_every_key_with_its_default_and_a_comment(tmp_path: Path):
    init_site(tmp_path)
    assert load_config(tmp_path) == SiteConfig()
    text = (tmp_path / "pressroom.yaml").read_text(encoding="utf-8")
    assert list(yaml.safe_load(text)) == KEYS
    lines = text.splitlines()
    for key in KEYS:
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{key}:"))
        assert lines[at - 1].startswith("# "), f"{key} has no comment above it"


def test_gitignore_ignores_the_output(tmp_path: Path):
    init_site(tmp_path)
    ignored = (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert f"/{SiteConfig.output_dir}/" in ignored


def test_github_pages_workflow_has_the_steps_it_needs():
    workflow = yaml.safe_load(skeleton_text("github-pages.yml"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads on: as True
    assert "main" in triggers["push"]["branches"] and "workflow_dispatch" in triggers
    build_steps = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in build_steps]
    assert uses.index("actions/checkout") < uses.index("actions/setup-python") \
        < uses.index("actions/configure-pages") < uses.index("actions/upload-pages-artifact")
    runs = [step["run"] for step in build_steps if "run" in step]
    assert any(re.fullmatch(r"pip install pressroom\S*", r) for r in runs)
    pages_step = next(s for s in build_steps if s.get("uses", "").startswith("actions/config"))
    assert pages_step["id"] == "pages"
    build_run = next(r for r in runs if r.startswith("pressroom build"))
    assert "--base-url" in build_run and "${{ steps.pages.outputs.base_url }}/" in build_run
    upload = next(s for s in build_steps if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == SiteConfig.output_dir
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    deploy_step = deploy["steps"][0]
    assert deploy_step["uses"].startswith("actions/deploy-pages@")
    assert deploy_step["id"] == "deployment"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]


def test_netlify_recipe_builds_and_publishes_the_output():
    config = tomllib.loads(skeleton_text("netlify.toml"))
    assert "pip install pressroom" in config["build"]["command"]
    assert "pressroom build" in config["build"]["command"]
    assert config["build"]["publish"] == SiteConfig.output_dir
    assert re.fullmatch(r"3\.\d+", config["build"]["environment"]["PYTHON_VERSION"])


def test_docs_hold_the_recipes_exactly_as_init_writes_them():
    docs = DOCS.read_text(encoding="utf-8")
    assert f"```yaml\n{skeleton_text('github-pages.yml')}```" in docs
    assert f"```toml\n{skeleton_text('netlify.toml')}```" in docs
    assert f"```yaml\n{skeleton_text('pressroom.yaml')}```" in docs
    assert "aws s3 sync public/ s3://bucket/ --delete" in docs


def test_docs_describe_every_setting():
    docs = DOCS.read_text(encoding="utf-8")
    for key in KEYS:
        assert f"| `{key}` |" in docs, f"{key} missing from the configuration reference"


def test_new_release_follows_the_format(tmp_path: Path):
    init_site(tmp_path)
    config = load_config(tmp_path)
    path = new_release(config, 'Minister: "We act" – now', dt.date(2024, 5, 1))
    assert path == tmp_path / "content" / "2024-05-01-minister-we-act-now.md"
    release = parse_source(path.read_text(encoding="utf-8"), str(path))
    assert release.title == 'Minister: "We act" – now'
    assert release.date == dt.date(2024, 5, 1)
    assert release.draft is True and release.language == "en"  # published once edited
    assert release.body.startswith("PLACE, 1 May 2024 – ")


def test_new_refuses_to_overwrite(tmp_path: Path):
    runner = CliRunner()
    args = ["new", "Gull census", "--project", str(tmp_path), "--date", "2024-04-02"]
    first = runner.invoke(main, args)
    assert first.exit_code == 0
    path = Path(first.stdout.strip())
    assert path.name == "2024-04-02-gull-census.md"
    path.write_text(path.read_text(encoding="utf-8") + "Edited.\n", encoding="utf-8")
    edited = path.read_bytes()
    second = runner.invoke(main, args)
    assert second.exit_code == 2 and "already exists" in second.output
    assert path.read_bytes() == edited


def test_new_uses_today_by_default(tmp_path: Path):
    result = CliRunner().invoke(main, ["new", "Today", "--project", str(tmp_path)])
    assert result.exit_code == 0
    assert Path(result.stdout.strip()).name.startswith(dt.date.today().isoformat())


def test_new_refuses_an_empty_title(tmp_path: Path):
    result = CliRunner().invoke(main, ["new", "  ", "--project", str(tmp_path)])
    assert result.exit_code == 2


def test_a_new_release_is_published_only_once_its_draft_line_is_gone(tmp_path: Path):
    from pressroom.build import build

    init_site(tmp_path)
    config = load_config(tmp_path)
    path = new_release(config, "Gull census", dt.date(2024, 5, 1))
    page = config.output_path / "releases" / "gull-census" / "index.html"
    build(config)
    assert not page.exists()  # its placeholder text is not published
    text = path.read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.split("\n")
                              if not line.startswith("draft:")), encoding="utf-8")
    build(config)
    assert page.is_file()


def test_the_example_release_has_tags_from_the_built_in_topics():
    # a new site's tags page is the README's first step in choosing a vocabulary
    from pressroom.loader import load_bytes

    text = skeleton_text("example-release.txt").encode()
    release = load_bytes(text, "example-release.txt").release
    assert release.tags
    assert [o.name for o in release.organizations] == [
        "Port Alder Harbour Board", "Coastal Energy Institute", "Port Alder Technical College"]


def test_the_readme_lists_the_built_in_topics_and_regions():
    from pressroom.loader.tags import REGIONS, TOPICS

    docs = " ".join(DOCS.read_text(encoding="utf-8").split())
    assert f"- topics: {', '.join(TOPICS)};" in docs
    assert f"- regions: {', '.join(REGIONS)}." in docs
