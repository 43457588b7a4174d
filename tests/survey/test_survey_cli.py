"""`hismigrate survey aggregate` as a user meets it: outputs written, invalid files listed, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.survey_generator import generate
from hismigrate.survey.write import write_submission


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hismigrate", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en", "COLUMNS": "200"},
        check=False,
    )


def test_aggregate_lists_invalid_files_and_writes_every_output(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    for number, submission in enumerate(generate(8, seed=6)):
        write_submission(submission, inputs / f"{number}.{'xlsx' if number % 3 == 0 else 'json'}")
    (inputs / "bad.json").write_text('{"schema_version": "1"}', encoding="utf-8")
    result = run("survey", "aggregate", str(inputs), "-o", str(tmp_path / "out"), "--min-cell", "1")
    assert result.returncode == 0, result.stderr
    assert "1 submission file(s) left out" in result.stderr and f"{inputs / 'bad.json'} line 1" in result.stderr
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"survey.xlsx", "survey.html", "adoption_by_class.csv", "timeline.csv", "rejected.csv"} <= written


def test_nothing_valid_is_exit_2_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    result = run("survey", "aggregate", str(tmp_path / "bad.json"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "must be a JSON object" in result.stderr


def test_missing_input_is_exit_2(tmp_path: Path) -> None:
    result = run("survey", "aggregate", str(tmp_path / "nope"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "file or directory not found" in result.stderr
