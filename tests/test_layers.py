"""The package's shape (ARCHITECTURE): imports go one way, the renderer never reads
content/, the writer never sees Jinja, and only the command line prints or exits."""

from __future__ import annotations

import ast
from pathlib import Path

import pressroom

PACKAGE = Path(pressroom.__file__).parent


def _modules() -> dict[str, ast.Module]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name or "__init__"] = ast.parse(path.read_text(encoding="utf-8"))
    return found


MODULES = _modules()


def _unit(name: str) -> str:
    """The part of the package a module belongs to: `loader.people` is the loader."""
    return name.split(".")[0]


def _imports(tree: ast.Module) -> set[str]:
    """Every module this one imports, at the top or inside a function; not the imports
    made for type checking only."""
    found: set[str] = set()

    class Visitor(ast.NodeVisitor):
        def visit_If(self, node: ast.If) -> None:
            if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
                return
            self.generic_visit(node)

        def visit_Import(self, node: ast.Import) -> None:
            found.update(alias.name for alias in node.names)

        def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
            if node.level:  # relative: within the loader
                found.add("pressroom.loader")
            elif node.module == "pressroom":
                found.update(f"pressroom.{alias.name}" for alias in node.names
                             if alias.name != "__version__")
            elif node.module:
                found.add(node.module)

    Visitor().visit(tree)
    return found


def _depends() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, tree in MODULES.items():
        units = {_unit(m.removeprefix("pressroom.")) for m in _imports(tree)
                 if m.startswith("pressroom.")}
        graph.setdefault(_unit(name), set()).update(units - {_unit(name)})
    return graph


def test_imports_go_one_way():
    graph = _depends()
    done: set[str] = set()

    def visit(unit: str, path: list[str]) -> None:
        assert unit not in path, "import cycle: " + " -> ".join([*path, unit])
        if unit in done:
            return
        for other in sorted(graph.get(unit, ())):
            visit(other, [*path, unit])
        done.add(unit)

    for unit in sorted(graph):
        visit(unit, [])


def test_the_bottom_layers_import_nothing_above_them():
    graph = _depends()
    top = {"build", "content", "staging", "plan", "render", "serve", "check", "cli"}
    for unit in ("errors", "model", "slugs", "names", "files", "digest", "theme", "jsontext",
                 "urls", "markup", "parallel", "config", "source", "loader", "archive"):
        assert not graph.get(unit, set()) & top, unit


def test_the_loader_knows_only_the_model():
    assert _depends()["loader"] <= {"errors", "model"}


def test_the_renderer_never_reads_content():
    graph = _depends()
    for unit in ("plan", "render", "feeds", "sitemap", "search", "structured"):
        assert not graph[unit] & {"source", "ingest", "loader", "content"}, unit


def test_planning_needs_no_template_engine():
    assert not {m.split(".")[0] for m in _imports(MODULES["plan"])} & {"jinja2", "markupsafe"}


def test_the_writer_never_sees_jinja():
    imports = _imports(MODULES["writer"])
    assert not {m for m in imports if m.split(".")[0] == "jinja2" or m == "pressroom.render"}


def test_only_the_command_line_prints_or_exits():
    for name, tree in MODULES.items():
        if _unit(name) in ("cli", "__main__"):
            continue
        assert not {m.split(".")[0] for m in _imports(tree)} & {"click", "rich"}, name
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                assert not (isinstance(func, ast.Name) and func.id in ("print", "exit")), name
                assert not (isinstance(func, ast.Attribute) and func.attr == "exit"
                            and isinstance(func.value, ast.Name) and func.value.id == "sys"), name
