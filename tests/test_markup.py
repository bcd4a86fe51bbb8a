"""The fast Markdown path renders exactly what Python-Markdown (`extra`) renders.

Every body that `is_plain` lets through cmark must come out of the sanitizer byte for
byte as Python-Markdown's output does: over the sample content, the test fixtures, a
seeded corpus of press-release-like bodies, and random bodies built from the constructs
both engines know (and from the ones that must fall back).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from pressroom.markup import Markdown, clean_html, clean_plain, is_plain
from pressroom.source import split_front_matter

ROOT = Path(__file__).resolve().parents[1]
ENGINE = Markdown()
pytestmark = pytest.mark.skipif(not ENGINE.fast, reason="cmarkgfm is not installed")


def same(body: str) -> bool:
    """The fast path's output (as pages get it) is the reference's, cleaned by nh3."""
    fast = ENGINE(body)
    return fast == clean_html(ENGINE.fast_html(body)) == clean_html(ENGINE.reference(body))


def bodies_in(folder: Path) -> list[tuple[str, str]]:
    found = []
    for path in sorted(folder.rglob("*.md")):
        try:
            _, body, _ = split_front_matter(path.read_text(encoding="utf-8"), str(path))
        except Exception:  # noqa: BLE001 - hostile fixtures are not bodies
            continue
        found.append((str(path), body.strip("\n") + "\n" if body.strip() else ""))
    return found


def test_sample_content_and_fixtures_render_the_same():
    bodies = bodies_in(ROOT / "content") + bodies_in(ROOT / "tests" / "data")
    assert len(bodies) > 20
    plain = [(p, b) for p, b in bodies if is_plain(b)]
    assert len(plain) > len(bodies) // 2  # the fast path is the common one
    for path, body in plain:
        assert same(body), path


def _words(text: str) -> list[str]:
    return text.split()


WORDS = _words("the ministry announced a new programme on climate finance and trade with "
               "partners in Nairobi Geneva São Paulo Zürich “quoted” ‘single’ 20% USD 5 "
               "million Johnson & Johnson 2023 over 1,000 people — dash – en-dash (brackets) "
               "e-mail: info@example.org! question? semi; colon: 10.5 3/4 a+b 5>3 "
               "x=y café naïve Ελλάδα Россия 東京 done.")
RARE = _words("R&D #hashtag *em* **strong** snake_case `code` <b>b</b> &amp; \\_ 1. - >")


def sentence(rng: random.Random) -> str:
    words = [rng.choice(RARE if rng.random() < 0.01 else WORDS)
             for _ in range(rng.randint(3, 18))]
    if rng.random() < 0.2:
        at = rng.randrange(len(words))
        where = f"https://www.example.org/{rng.choice(WORDS)}/{rng.randint(1, 99)}"
        words[at] = f"[{words[at]}]({where})"
    return " ".join(words)


def release_body(rng: random.Random) -> str:
    """Paragraphs, headings, lists and links, in the shapes real releases use."""
    blocks = []
    for _ in range(rng.randint(1, 9)):
        kind = rng.random()
        if kind < 0.6:
            lines = [sentence(rng) for _ in range(rng.randint(1, 3))]
            blocks.append("\n".join(lines))
        elif kind < 0.75:
            blocks.append("#" * rng.randint(1, 4) + " " + sentence(rng))
        elif kind < 0.9:
            marker = rng.choice("-*+")
            blocks.append("\n".join(f"{marker} {sentence(rng)}"
                                    for _ in range(rng.randint(1, 5))))
        else:
            blocks.append("\n".join(f"{n}. {sentence(rng)}" for n in range(1, rng.randint(2, 6))))
    return "\n\n".join(blocks) + "\n"


def test_a_seeded_corpus_renders_the_same():
    rng = random.Random(20240229)
    plain = 0
    for _ in range(3000):
        body = release_body(rng)
        if is_plain(body):
            plain += 1
            assert same(body), body
    assert plain > 500  # and the rest took the reference path


PIECES = st.sampled_from([
    "word", "two words", "\n", "\n\n", "# ", "## ", "- ", "* ", "+ ", "1. ", "2. ", "3) ",
    "   ", "\t", "    code", "> quote", "*em*", "**strong**", "_u_", "`code`", "\\*",
    "[link](https://example.org/a)", "[ref]", "[ref]: https://example.org", "![i](x.png)",
    "<b>html</b>", "<div>\nblock\n</div>", "&amp;", "&copy", "&", "| a | b |\n|---|---|",
    "Term\n: definition", "[^1]", "*[HTML]: Hyper", "{: .cls}", "```\nfenced\n```", "~~~",
    "---", "===", "***", "Setext\n===", "trailing  ", "#hashtag", "1.5 million", "2023.",
    "é", "“q”", "<https://example.org>", "https://example.org/a_b", "a_b_c", "x*y*z",
    "[x](https://example.org%5B)", "[x](https://1.2.3.4/)", "[x](https://a.1)",
    "[x](https://xn--a.org)", "[x](https://a.org:99999)", "[x](http://a:b.org)",
    "\\- ", "\\* ", "\\+ ", "\\# ", "\\### ", "\\> ", "1\\. ", "12\\) ", "\\-", "\\=",
    "1\\.5", "\\\\",
])


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, max_size=25))
def test_random_bodies_render_the_same_when_plain(pieces):
    body = "".join(pieces)
    if is_plain(body):
        assert same(body), body


def test_lines_the_loader_escaped_take_the_fast_path_and_render_the_same():
    """The loader escapes what would start a block (`\\- `, `\\#`, `1\\. `...): both engines
    read such a line as text, so the fast path takes it."""
    from pressroom.loader.text import escape_line

    lines = ["- EUR 773 million committed over 6 years", "# Notes to editors", "###",
             "> a quoted line", "+ plus", "* star", "1. First point", "12) Twelfth",
             "--- end ---"]
    escaped = [escape_line(line) for line in lines]
    assert all(line.startswith("\\") or "\\" in line[:4] for line in escaped[:8])
    bodies = ["\n".join(escaped), "Some text first.\n" + "\n".join(escaped),
              "\n\n".join(escaped)]
    for body in bodies:
        assert is_plain(body), body
        assert same(body), body


@pytest.mark.parametrize("body", [
    "*em*\n", "a_b\n", "`x`\n", "<b>x</b>\n", "| a | b |\n", "Term\n: def\n", "[^1]\n",
    "    code\n", "> q\n", "text\n- item\n", "- a\n\n- b\n", "- a\n* b\n", "## h\ntext\n",
    "text\n===\n", "2. two\n", "#tag\n", "x  \ny\n", "&copy;\n", "[a]: https://x.org\n",
])
def test_constructs_the_engines_read_differently_take_the_reference_path(body):
    assert not is_plain(body)


def test_the_engine_counts_which_path_each_body_took():
    engine = Markdown()
    engine("A plain paragraph.\n")
    engine("An *emphasised* one.\n")
    assert engine.counts == {"fast": 1, "reference": 1}


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES | st.text(max_size=8), max_size=25))
@example(["[ref]: https://example.org", "[ref]", "Setext\n===", "[ref]"])  # a bad host
def test_clean_plain_gives_nh3s_bytes_for_any_cmark_output(pieces):
    html = ENGINE.fast_html("".join(pieces))
    assert clean_plain(html) == clean_html(html)


@pytest.mark.parametrize("body", [
    "a\u00a0b\n", "*em* and <b>bold</b>\n", "[x](javascript:alert(1))\n",
    "[x](https://example.org/a\"b)\n", "<script>alert(1)</script>\n", "a &amp; b \"c\"\n",
])
def test_clean_plain_leaves_anything_unusual_to_nh3(body):
    html = ENGINE.fast_html(body)
    assert clean_plain(html) == clean_html(html)
    assert "<script" not in clean_plain(html) and "javascript:" not in clean_plain(html)


@pytest.mark.parametrize("url", [
    "https://example.org%5Bref", "https://999.1.1.1/x", "https://example.org:99999/",
    "https://", "http://ex:ample.org", "https://a.1", "https://xn--abc.org",
    "https://1.2.3.4", "https://a@b.org", "https://a_b.org", "https://exa%41mple.org",
    "https://Example.ORG/A", "https://x.org:80/", "https://example.org/a?b=c#d",
])
def test_a_link_whose_host_nh3_may_not_read_goes_through_nh3(url):
    # nh3 drops a link whose host it cannot parse; a plain body's link keeps its address
    # only where nh3 would keep it
    body = f"See [the report]({url}).\n"
    assert is_plain(body)
    html = ENGINE.fast_html(body)
    assert clean_plain(html) == clean_html(html)
