"""`hismigrate survey ingest | aggregate | status | schema` as a user meets them: outputs written, rejected files
listed and recorded, languages, exit codes, no traceback, no store left behind by a mistake."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.survey_generator import generate
from hismigrate.survey.write import write_submission


def run(*args: str, lang: str | None = "en", locale: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "COLUMNS": "200"}
    if lang:
        env["HISMIGRATE_LANG"] = lang
    if locale:
        env["LANG"] = locale
    return subprocess.run(
        [sys.executable, "-m", "hismigrate", *args], capture_output=True, text=True, env=env, check=False
    )


def _inputs(folder: Path, count: int = 8, seed: int = 6) -> Path:
    for number, submission in enumerate(generate(count, seed=seed)):
        write_submission(submission, folder / f"{number}.{'xlsx' if number % 3 == 0 else 'json'}")
    return folder


def test_aggregate_files_lists_invalid_files_and_writes_every_output(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    (inputs / "bad.json").write_text('{"schema_version": "1"}', encoding="utf-8")
    result = run("survey", "aggregate", str(inputs), "-o", str(tmp_path / "out"), "--min-cell", "1")
    assert result.returncode == 0, result.stderr
    assert "1 submission file(s) left out" in result.stderr and f"{inputs / 'bad.json'} line 1" in result.stderr
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"survey.xlsx", "survey.html", "adoption_by_class.csv", "timeline.csv", "findings.csv"} <= written
    assert "rejected.csv" not in written
    assert "Wrote 13 files for the FY2025 survey" in result.stdout


def test_ingest_then_aggregate_from_the_store(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in", count=12)
    (inputs / "sakura.json").write_text('{"facility_code": "SakuraGeneralHospital"}', encoding="utf-8")
    db = tmp_path / "survey.duckdb"
    first = run("survey", "ingest", str(inputs), "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "Ingested 13 file(s)" in first.stdout and "12 added" in first.stdout and "1 rejected" in first.stdout
    assert "FY2025 survey: 12 hospitals in the store." in first.stdout
    assert f"{inputs / 'sakura.json'} line 1:" in first.stderr and "is not a facility code" in first.stderr
    again = run("survey", "ingest", str(inputs / "1.json"), "--db", str(db))
    assert "1 unchanged" in again.stdout
    out = tmp_path / "out"
    result = run("survey", "aggregate", "--db", str(db), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "12" in (out / "summary.csv").read_text(encoding="utf-8-sig")
    status = run("survey", "status", "--db", str(db))
    assert status.returncode == 0, status.stderr
    assert "FY2025 survey: 12 hospitals in force" in status.stdout
    assert "Ingest 2" in status.stdout and "sakura.json line 1:" in status.stdout


def test_tables_follow_the_locale(tmp_path: Path) -> None:
    inputs = _inputs(tmp_path / "in")
    for locale, word in (
        ("ja_JP.UTF-8", "集計した病院数"),
        ("en_US.UTF-8", "Hospitals aggregated"),
        ("C", "集計した病院数"),
    ):
        out = tmp_path / locale
        result = run("survey", "aggregate", str(inputs), "-o", str(out), "--min-cell", "1", lang=None, locale=locale)
        assert result.returncode == 0, result.stderr
        assert word in (out / "summary.csv").read_text(encoding="utf-8-sig"), locale


def test_nothing_valid_is_exit_2_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text("[]", encoding="utf-8")
    result = run("survey", "aggregate", str(tmp_path / "bad.json"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "must be a JSON object" in result.stderr and "none of the 1 file(s) is a usable submission" in result.stderr
    assert "validate" not in result.stderr  # the inventory command has nothing to do with a submission
    assert not (tmp_path / "out").exists()


def test_missing_input_is_exit_2_and_leaves_no_store(tmp_path: Path) -> None:
    result = run("survey", "ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "s.duckdb"))
    assert result.returncode == 2 and "file or directory not found" in result.stderr
    assert "run the command again" in result.stderr and "validate" not in result.stderr
    assert not (tmp_path / "s.duckdb").exists()


def test_store_mistakes_are_exit_2(tmp_path: Path) -> None:
    out = str(tmp_path / "out")
    missing = run("survey", "aggregate", "--db", str(tmp_path / "none.duckdb"), "-o", out)
    assert missing.returncode == 2 and "survey ingest" in missing.stderr
    both = run("survey", "aggregate", str(tmp_path), "--db", str(tmp_path / "s.duckdb"), "-o", out)
    assert both.returncode == 2 and "one of the two" in both.stderr
    db = tmp_path / "s.duckdb"
    assert run("survey", "ingest", str(_inputs(tmp_path / "in")), "--db", str(db)).returncode == 0
    wrong_year = run("survey", "aggregate", "--db", str(db), "--year", "2024", "-o", out)
    assert wrong_year.returncode == 2 and "holds no submission of FY2024; it holds: 2025" in wrong_year.stderr
    text = tmp_path / "text.duckdb"
    text.write_text("hello", encoding="utf-8")
    foreign = run("survey", "status", "--db", str(text))
    assert foreign.returncode == 2 and "Traceback" not in foreign.stderr and str(text) in foreign.stderr


def test_schema_prints_the_submission_schema(tmp_path: Path) -> None:
    result = run("survey", "schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    assert schema["title"].startswith("hismigrate survey submission")
    assert "HIS-CONN-001" in schema["properties"]["findings"]["propertyNames"]["enum"]


def test_a_draft_inventory_is_not_exported(tmp_path: Path) -> None:
    """`hismigrate init` leaves placeholders (beds 0, a guessed prefecture): they must not reach the national
    tables, so the export refuses until the draft lines are gone."""
    from tests.conftest import SMALL_HOSPITAL

    draft = tmp_path / "draft"
    draft.mkdir()
    for part in SMALL_HOSPITAL.iterdir():
        text = part.read_text(encoding="utf-8")
        if part.name == "hospital.yaml":
            text = text.replace("hospital:\n", "hospital:\n  draft: placeholders to fill in (beds, prefecture)\n", 1)
        (draft / part.name).write_text(text, encoding="utf-8")
    out = tmp_path / "submission.json"
    done = run(
        "survey", "export", str(draft), "-o", str(out), "--as-of", "2026-12-01", "--salt-file", str(tmp_path / "salt")
    )
    assert done.returncode == 2 and "draft" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
