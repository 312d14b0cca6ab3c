"""The house rules a newcomer relies on, checked on the source itself (issue 12): modules stay small,
functions stay short, packages talk through public names only, and imports never go round in a circle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "cluster"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _modules() -> dict[str, Path]:
    """Dotted module name -> file, for every module of the library."""
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(tree: ast.Module) -> list[tuple[str, list[str], bool]]:
    """(module, imported names, at module level) for every ``from cluster... import`` in a file."""
    top_level = {id(node) for node in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cluster"):
            out.append((node.module, [a.name for a in node.names], id(node) in top_level))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("cluster"):
                    out.append((alias.name, [], id(node) in top_level))
    return out


def _package_of(module: str) -> str:
    """The stage a module belongs to: ``cluster.store.db`` -> ``cluster.store``; root modules are their own."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 2 or (module in MODULES and MODULES[module].name == "__init__.py") else module


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_is_small(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_MODULE_LINES, f"{module}: {lines} lines (split it: at most {MAX_MODULE_LINES})"


def test_functions_are_short() -> None:
    long = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long.append(f"{module}.{node.name}: {length} lines")
    assert not long, "functions over 60 lines:\n" + "\n".join(long)


def test_no_private_name_crosses_a_package() -> None:
    crossings = []
    for module, path in MODULES.items():
        for target, names, _ in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            private = [n for n in names if n.startswith("_")] + [p for p in target.split(".") if p.startswith("_")]
            if private and _package_of(target) != _package_of(module):
                crossings.append(f"{module} imports {', '.join(private)} from {target}")
    assert not crossings, "\n".join(crossings)


def test_no_import_cycle() -> None:
    """Imports inside functions count too: deferring an import hides a cycle, it does not remove it."""
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        edges = set()
        for target, names, _ in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            for name in names:  # ``from cluster.store import db`` imports the module cluster.store.db
                if f"{target}.{name}" in MODULES:
                    edges.add(f"{target}.{name}")
            if target in MODULES:
                edges.add(target)
        graph[module] = edges - {module}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for module in sorted(graph):
        if module not in state and (cycle := visit(module)):
            pytest.fail("import cycle: " + " -> ".join(cycle))


def test_only_the_front_doors_import_the_pipeline() -> None:
    importers = [
        module for module, path in MODULES.items()
        if any(t == "cluster.pipeline" for t, _, _ in _imports(ast.parse(path.read_text(encoding="utf-8"))))
        and module not in {"cluster"} and not module.startswith(("cluster.evaluation", "cluster.engines"))
    ]
    assert not importers, f"the pipeline is orchestration only; these import it: {importers}"
