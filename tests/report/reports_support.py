"""Helpers of the report acceptance tests: a hostile copy of a sample, running `assess`, the schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

FORMULA = '=HYPERLINK("x")'
SCRIPT = "<script>alert(1)</script>"
AS_OF = "2026-12-01"
OUTPUTS = ("report.html", "report.md", "report.xlsx", "assessment.json")


def hostile_copy(sample: Path, target: Path) -> Path:
    """A copy of a sample whose EMR is named like a formula and whose billing system like a script tag."""
    shutil.copytree(sample, target)
    systems = target / "systems.yaml"
    text = systems.read_text(encoding="utf-8")
    text = text.replace("name: 電子カルテシステム(療養型)", "name: '=HYPERLINK(\"x\")'", 1)
    text = text.replace("name: 医事会計システム(レセコン)", f"name: '{SCRIPT}'", 1)
    assert FORMULA in text and SCRIPT in text, "the sample's system names changed: update hostile_copy"
    systems.write_text(text, encoding="utf-8")
    return target


def run_assess(inventory: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "hismigrate", "assess", str(inventory), "-o", str(out), "--as-of", AS_OF]
    return subprocess.run([*command, *extra], capture_output=True, text=True, check=False, cwd=REPO)


def result_schema() -> dict:  # type: ignore[type-arg]
    done = subprocess.run(
        [sys.executable, "-m", "hismigrate", "schema", "--result"], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)
