"""Property tests: whatever lands in content/, the build reports instead of crashing and
writes nothing outside its output folder (and content/ for ingested .md files)."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressroom.build import build
from pressroom.config import load_config

KEYS = ["title", "date", "tags", "people", "quotes", "slug", "draft", "countries", "events",
        "organizations", "location", "summary", "x"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.text(max_size=30), st.sampled_from(["2020-01-01", "../../x", "0000-00-00",
                                                           "&a", "*a", "!!python/none", "[", "}"]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(st.text(max_size=6), inner,
                                                                      max_size=3)), max_leaves=8)


def front_matter(draw_map: dict) -> str:
    lines = ["---"]
    for key, value in draw_map.items():
        lines.append(f"{key}: {value!r}" if not isinstance(value, str) else f"{key}: {value}")
    lines.append("---")
    return "\n".join(lines) + "\nBody text.\n"


def tree(folder: Path, skip: tuple[Path, ...]) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not any(p.is_relative_to(s) for s in skip)}


def run(tmp_path: Path, files: dict[str, bytes]) -> None:
    root = tmp_path / "site"
    shutil.rmtree(root, ignore_errors=True)
    (root / "content").mkdir(parents=True)
    (root / "content" / "good.md").write_text("---\ntitle: Good\ndate: 2021-01-01\n---\nOk.\n",
                                              encoding="utf-8")
    for name, data in files.items():
        (root / "content" / name).write_bytes(data)
    before_parent = tree(tmp_path, skip=(root,))
    before_content = tree(root / "content", skip=())
    report = build(load_config(root))
    assert (report.output / "releases" / "good" / "index.html").is_file()
    assert tree(tmp_path, skip=(root,)) == before_parent
    after_content = tree(root / "content", skip=())
    for name, data in before_content.items():
        assert after_content[name] == data, f"{name} was changed"
    new = set(after_content) - set(before_content)
    assert all(n.endswith(".md") or n == ".pressroom-ingest.json" for n in new), new
    outside = {p.name for p in root.iterdir()} - {"content", "public", ".public.lock",
                                                   ".pressroom-cache"}
    assert not outside, outside


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(st.sampled_from(KEYS), values, max_size=8))
def test_any_front_matter(tmp_path_factory, mapping):
    run(tmp_path_factory.mktemp("fm"), {"hostile.md": front_matter(mapping).encode("utf-8")})


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: t.encode("utf-8")))
def test_any_raw_text(tmp_path_factory, data):
    run(tmp_path_factory.mktemp("raw"), {"hostile.txt": data})
