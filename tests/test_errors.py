"""errors: how a problem names its file and line, and how diagnostics are collected."""

from pathlib import Path

from pressroom.errors import (
    ConfigError,
    Diagnostic,
    Diagnostics,
    Level,
    LoaderError,
    SourceError,
)


def test_a_diagnostic_reads_like_a_compiler_message():
    assert str(Diagnostic(Level.ERROR, "content/a.md", 3, "front matter 'date': expected "
                          "YYYY-MM-DD, got '2022-13-01'")) == \
        "content/a.md:3: error: front matter 'date': expected YYYY-MM-DD, got '2022-13-01'"
    assert str(Diagnostic(Level.WARNING, "content/b.txt", None, "no dateline")) == \
        "content/b.txt: warning: no dateline"
    assert str(Diagnostic(Level.INFO, None, None, "nothing to do")) == \
        "<input>: info: nothing to do"


def test_the_collection_keeps_order_and_tells_errors_from_warnings():
    diags = Diagnostics()
    diags.warning(Path("content") / "a.md", 2, "w1")
    diags.error("content/b.md", None, "e1")
    diags.add(Level.INFO, None, None, "i1")
    diags.extend([Diagnostic(Level.ERROR, "c.md", 1, "e2")])
    other = Diagnostics()
    other.warning("d.md", 5, "w2")
    diags.extend(other)
    assert [d.message for d in diags] == ["w1", "e1", "i1", "e2", "w2"]
    assert len(diags) == 5
    assert [d.message for d in diags.errors] == ["e1", "e2"]
    assert [d.message for d in diags.warnings] == ["w1", "w2"]
    assert diags.items[0].path == "content/a.md"  # paths are kept as text


def test_exceptions_carry_their_diagnostics():
    first = Diagnostic(Level.ERROR, "pressroom.yaml", 2, "per_page: expected a number")
    second = Diagnostic(Level.ERROR, "pressroom.yaml", 4, "unknown key 'titel'")
    config = ConfigError([first, second])
    assert config.diagnostics == [first, second]
    assert str(config) == f"{first}\n{second}"
    assert SourceError(first).diagnostic is first and str(SourceError(first)) == str(first)
    loader = LoaderError("content/x.txt", "empty file", line=1)
    assert loader.diagnostic == Diagnostic(Level.ERROR, "content/x.txt", 1, "empty file")
    assert str(loader) == "content/x.txt:1: error: empty file"
