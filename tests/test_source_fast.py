"""The quick front-matter reader gives what the YAML loader gives, or steps aside.

`_fast_front` handles the common shapes without the YAML machinery; whenever it answers,
its answer (values, their types, key order, line numbers) must be the YAML loader's.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from pressroom import source
from pressroom.source import _fast_front, parse_source, split_front_matter

ROOT = Path(__file__).resolve().parents[1]


def by_yaml(front: str):
    loader = source._Loader(front)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    finally:
        loader.dispose()
    lines = {str(k.value): k.start_mark.line + 2 for k, _ in node.value} if node else {}
    return data, lines


def check(front: str) -> bool:
    """True when the quick reader answered (and agreed with YAML)."""
    fast = _fast_front(front)
    if fast is None:
        return False
    data, lines = by_yaml(front)
    assert fast[0] == data and list(fast[0]) == list(data), front
    assert [type(v) for v in fast[0].values()] == [type(v) for v in data.values()], front
    assert fast[1] == lines, front
    return True


def test_sample_content_and_fixtures_read_the_same():
    for path in [*sorted((ROOT / "content").glob("*.md")),
                 *sorted((ROOT / "tests" / "data").rglob("*.md"))]:
        try:
            front, _, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        except Exception:  # noqa: BLE001 - hostile fixtures
            continue
        try:
            by_yaml(front)
        except Exception:  # noqa: BLE001 - the YAML loader refuses it: so must we
            assert _fast_front(front) is None or front.strip() == "", path
            continue
        check(front)


TEXTS = ["Plain words", "São Paulo", "Yes", "no", "On", "null", "~", "true", "x: y", "a #b",
         "trailing ", "'quoted'", "it's", "2022-06-24", "2022-13-01", "2022-06-24T10:00:00",
         "12", "1.5", "0x1F", ".inf", "-dash", "*star", "&anchor", "!tag", "[list]",
         "{map}", "a, b", "C'est l'été", "Ελλάδα", "東京", "tab\tinside", "under_score",
         "semi; colon", "slash/path", "(paren)", "plus+", "100%", "\u2028", "\x85",
         "é\u0301", "\U0001F600", "back\\slash", 'quote"inside', "\x7f", "y", "N"]


def json_value(rng: random.Random) -> str:
    return json.dumps(rng.choice(TEXTS), ensure_ascii=rng.random() < 0.5)


def front_matter(rng: random.Random) -> str:
    lines = []
    for key in rng.sample(["title", "date", "location", "tags", "people", "summary", "draft",
                           "slug", "quotes", "extra_key", "on", "yes", "Title"], 6):
        kind = rng.random()
        if kind < 0.25:
            lines.append(f"{key}: {json_value(rng)}")
        elif kind < 0.45:
            lines.append(f"{key}: {rng.choice(TEXTS)}")
        elif kind < 0.6:
            lines.append(f"{key}: [{', '.join(json_value(rng) for _ in range(rng.randint(0, 3)))}]")
        elif kind < 0.8:
            lines.append(f"{key}:")
            for _ in range(rng.randint(0, 3)):
                pairs = ", ".join(f"{json.dumps(k)}: {json_value(rng)}"
                                  for k in rng.sample(["name", "role", "text", "speaker"], 2))
                lines.append(f"  - {{{pairs}}}")
        else:
            lines.append(f"{key}: {rng.choice(['true', 'false', 'null', '2021-02-28'])}")
    return "\n".join(lines)


def test_generated_front_matter_reads_the_same():
    rng = random.Random(11)
    answered = 0
    for _ in range(3000):
        front = front_matter(rng)
        try:
            by_yaml(front)
        except Exception:  # noqa: BLE001 - YAML refuses it: the quick reader must too
            assert _fast_front(front) is None, front
            continue
        answered += check(front)
    assert answered > 150


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_text_as_a_value_reads_the_same(text):
    for front in (f"title: {text}", f"title: {json.dumps(text)}",
                  f"tags: [{json.dumps(text)}]", f"people:\n  - {{\"name\": {json.dumps(text)}}}"):
        try:
            by_yaml(front)
        except Exception:  # noqa: BLE001
            assert _fast_front(front) is None, front
            continue
        check(front)


def test_a_release_parses_the_same_either_way():
    text = ('---\ntitle: "A title"\ndate: 2022-06-24\nlocation: Panama\ntags: ["a", "b"]\n'
            'people:\n  - {"name": "Ana", "role": "minister"}\ndraft: false\n---\nBody.\n')
    fast = parse_source(text, "x.md")
    slow = parse_source(text.replace('tags: ["a", "b"]', "tags:\n- a\n- b"), "x.md")
    assert fast == slow
