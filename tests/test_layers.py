"""The package's import order: every import points down the layers written in ARCHITECTURE (and below), and no
module imports itself back through others (no cycle), counting imports inside functions too.

Layers, lowest first; a module may import its own package and any lower layer, never a higher one nor a sibling
package of its own layer (the analyses do not import one another: they meet in the pipeline).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hismigrate"

LAYERS: tuple[tuple[str, ...], ...] = (
    # foundation: no knowledge of hospitals
    ("", "errors", "i18n", "data", "yaml_lean", "atomic", "xlsx_package", "parallel"),
    ("model",),  # the inventory, settings and every result type
    ("state",),  # what a migration state changes, for every analysis
    ("load", "graph"),  # files -> model; model -> estate graph
    ("exposure", "cost", "plan"),  # the analyses
    ("pipeline",),  # where the analyses meet
    ("group",),  # several hospitals sharing one system, on top of their own assessments
    ("report", "survey", "write"),  # model -> files
    ("cli",),  # arguments in, pipeline call, exit codes out
    ("__main__",),
)
FOUNDATION = LAYERS[0]
LAYER_OF = {name: k for k, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> set[str]:
    """Every hismigrate module that `path` imports, at any depth of its code."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "hismigrate")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "hismigrate":
                continue
            found.add(target)
            # `from hismigrate.x import y` may import the submodule x.y
            found.update(f"{target}.{a.name}" for a in node.names)
    return found


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _top(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _graph() -> nx.DiGraph:
    modules = _modules()
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        for target in _imports(path, name):
            if target in modules and target != name:
                graph.add_edge(name, target)
    return graph


def test_every_package_has_a_layer() -> None:
    missing = sorted({_top(m) for m in _modules()} - LAYER_OF.keys())
    assert not missing, f"add {missing} to LAYERS (and to the architecture notes)"


def test_imports_point_down_the_layers() -> None:
    wrong = []
    for source, target in _graph().edges:
        a, b = _top(source), _top(target)
        if a == b or (a in FOUNDATION and b in FOUNDATION):
            continue
        if LAYER_OF[b] >= LAYER_OF[a]:
            wrong.append(f"{source} -> {target}")
    assert not wrong, "imports against the layer order:\n" + "\n".join(sorted(wrong))


def test_no_import_cycle() -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(_graph()) if len(c) > 1]
    assert not cycles, f"modules importing one another: {cycles}"


@pytest.mark.parametrize("package", ["model"])
def test_model_imports_no_analysis(package: str) -> None:
    """The model is what everything else reads: it must not pull networkx or an analysis in."""
    heavy = {"networkx", "pandas", "openpyxl", "numpy"}
    for path in (PACKAGE / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            assert not {n.split(".")[0] for n in names} & heavy, f"{path.name} imports {names}"
