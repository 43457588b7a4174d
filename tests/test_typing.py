"""The packages kept to static types: mypy (strict, settings in pyproject.toml) finds nothing in them, and their
public functions name no `Any`. The lead adds packages here as they are brought in line."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
TYPED = ("hismigrate/model", "hismigrate/cost", "hismigrate/plan", "hismigrate/exposure")


@pytest.mark.skipif(
    shutil.which("mypy") is None and not (Path(sys.executable).parent / "mypy").exists(), reason="no mypy"
)
def test_mypy_is_clean_on_the_typed_packages() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mypy", *TYPED], cwd=REPO, capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _public_signatures(path: Path) -> list[tuple[str, ast.AST]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[str, ast.AST]] = []
    scopes = [tree, *(n for n in tree.body if isinstance(n, ast.ClassDef) and not n.name.startswith("_"))]
    for scope in scopes:
        for node in scope.body:  # type: ignore[attr-defined]
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                args = node.args
                for arg in [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]:
                    if arg is not None and arg.annotation is not None:
                        out.append((f"{node.name}({arg.arg})", arg.annotation))
                if node.returns is not None:
                    out.append((f"{node.name} -> ", node.returns))
            elif isinstance(node, ast.AnnAssign) and isinstance(scope, ast.ClassDef):
                out.append((f"{scope.name}.{ast.unparse(node.target)}", node.annotation))
    return out


@pytest.mark.parametrize("package", TYPED)
def test_no_any_in_public_signatures(package: str) -> None:
    found = [
        f"{path.name}: {where}"
        for path in sorted((REPO / package).rglob("*.py"))
        for where, annotation in _public_signatures(path)
        if "Any" in {n.id for n in ast.walk(annotation) if isinstance(n, ast.Name)} or "Any" in ast.unparse(annotation)
    ]
    assert not found
