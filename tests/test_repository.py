"""The repository keeps its contract: the README's commands, CI running exactly the README's test command, lint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, flags=re.S)[:2]


def test_readme_starts_with_install_and_test_commands() -> None:
    run_cmd, test_cmd = _readme_commands()
    assert "pip install -e ." in run_cmd and "inventories/" in run_cmd
    assert "pip install -e '.[test]'" in test_cmd and "pytest" in test_cmd


def test_ci_runs_the_readme_commands_in_order_with_the_clone_left_clean_between() -> None:
    run_cmd, test_cmd = _readme_commands()
    ci_lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert run_cmd in ci_lines and test_cmd in ci_lines
    first, second = ci_lines.index(run_cmd), ci_lines.index(test_cmd)
    assert first < second
    assert any("git status --porcelain" in line for line in ci_lines[first:second])


def test_the_users_own_reports_are_ignored_and_the_samples_are_not() -> None:
    """README command 1 writes reports/<hospital id>/: git must not offer it for a commit (nor break the tests)."""
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")

    def ignored(path: str) -> bool:
        done = subprocess.run(["git", "check-ignore", "-q", path], cwd=REPO, check=False)
        return done.returncode == 0

    assert ignored("reports/sakura-general/report.html")
    assert ignored("reports/some-hospital/report.xlsx")
    assert not ignored("reports/samples/sakura-general/report.html")
    assert not ignored("reports/generate.py")


def test_ruff_is_clean() -> None:
    beside = Path(sys.executable).parent / "ruff"  # the venv's own ruff, also when its bin/ is not on PATH
    ruff = str(beside) if beside.exists() else shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff not installed")
    result = subprocess.run(
        [ruff, "check", "hismigrate", "tests", "bench"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [ruff, "format", "--check", "hismigrate", "tests", "bench"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_help_does_not_import_heavy_libraries() -> None:
    code = "import sys; from hismigrate.cli.main import app; heavy = {'pandas', 'openpyxl', 'networkx', 'matplotlib'}; print(sorted(heavy & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
