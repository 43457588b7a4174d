"""`hismigrate checks`: the list in both languages and formats, a run on a scenario, and a clean error."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hismigrate.cli.main import app
from hismigrate.exposure.registry import all_checks

SCENARIO = Path(__file__).resolve().parents[1] / "scenarios" / "handa_2021"
runner = CliRunner()


def test_json_lists_every_check_in_the_language_asked():
    result = runner.invoke(app, ["checks", "--format", "json", "--lang", "ja"])
    assert result.exit_code == 0
    listed = json.loads(result.stdout)
    assert [c["id"] for c in listed] == [c.id for c in all_checks()]
    assert listed[0]["title"] == all_checks()[0].title("ja")


def test_table_lists_the_checks():
    result = runner.invoke(app, ["checks", "--lang", "en"])
    assert result.exit_code == 0 and "HIS-CONN-001" in result.stdout


def test_running_on_an_inventory_exits_1_with_findings_and_json():
    result = runner.invoke(app, ["checks", str(SCENARIO), "--as-of", "2021-10-01", "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["as_of"] == "2021-10-01" and document["findings"]


def test_a_missing_kev_file_is_exit_2_without_traceback(tmp_path):
    result = runner.invoke(app, ["checks", str(SCENARIO), "--kev", str(tmp_path / "none.json"), "--lang", "en"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
