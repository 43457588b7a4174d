"""Unknown is not safe: an inventory with no systems, servers or connections says "cannot be judged" in place of an
exposure band, a plan and a cost case, never 0 and "the same cost"; and what it does state shows as coverage."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from hismigrate.cli.main import app
from hismigrate.i18n import t

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()


def _assess(path: Path, out: Path) -> dict:
    result = runner.invoke(app, ["assess", str(path), "-o", str(out), "--as-of", "2026-12-01", "--format", "json,md"])
    assert result.exit_code == 0, result.output
    return json.loads((out / "assessment.json").read_text(encoding="utf-8"))


def _summary_lines(out: Path) -> str:
    text = (out / "report.md").read_text(encoding="utf-8")
    return text.split("## ", 3)[2]  # the summary section


def test_a_lone_hospital_file_is_incomplete_not_zero(tmp_path: Path) -> None:
    lone = tmp_path / "hospital.yaml"
    lone.write_text((REPO / "inventories/sakura-general/hospital.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    a = _assess(lone, tmp_path / "out")
    s = a["summary"]
    assert s["exposure_band_now"] is None and s["exposure_band_after"] is None
    assert s["coverage"] == 0.0
    assert a["alternatives"] is None
    assert all(state["exposure_band"] is None for state in a["states"])
    summary = _summary_lines(tmp_path / "out")
    assert t("report.incomplete.value", "ja") in summary
    for part in ("systems", "servers", "connections"):
        assert t(f"note.no_{part}", "ja") in summary  # the notes first, then no verdict they rule out
    assert "0.0 →" not in summary  # no index of 0
    assert "オンプレミスを続ける場合と同じ" not in summary  # no "the plan costs the same"
    assert "**0**" not in summary and "**0円**" not in summary  # no 0 waves, no NPV of 0
    assert "**0 / 0 / 0 / 0 / 0**" not in summary  # nothing was checked: not "no findings"


def test_the_command_line_summary_of_a_lone_hospital_file_gives_no_zero(tmp_path: Path) -> None:
    """The summary the command prints follows the report's rule: nothing was there to check, so no "0" findings."""
    lone = tmp_path / "hospital.yaml"
    lone.write_text((REPO / "inventories/sakura-general/hospital.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(
        app,
        ["assess", str(lone), "-o", str(tmp_path / "out"), "--format", "md", "--lang", "en"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    findings = next(line for line in result.output.splitlines() if t("cli.summary.findings", "en") in line)
    assert "—" in findings and "0" not in findings.split(t("cli.summary.findings", "en"))[1], findings


def test_a_half_filled_template_is_incomplete(tmp_path: Path) -> None:
    """The template's example with its connection points not filled in yet: no way in is known, so no band."""
    data = yaml.safe_load((REPO / "hismigrate/data/template_example.yaml").read_text(encoding="utf-8"))
    data.pop("connections")
    half = tmp_path / "half.yaml"
    half.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    a = _assess(half, tmp_path / "out")
    assert a["summary"]["exposure_band_now"] is None
    assert a["alternatives"] is None
    summary = _summary_lines(tmp_path / "out")
    assert t("note.no_connections", "ja") in summary
    assert t("report.incomplete.value", "ja") in summary
    assert t("report.paths.none", "ja") not in summary  # not "no attack path to a critical system"
    # the plan and cost case rest on systems and servers, which it has
    assert a["summary"]["waves"] >= 1


def test_the_full_example_has_a_band_and_its_coverage(tmp_path: Path) -> None:
    data = yaml.safe_load((REPO / "hismigrate/data/template_example.yaml").read_text(encoding="utf-8"))
    full = tmp_path / "full.yaml"
    full.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    a = _assess(full, tmp_path / "out")
    assert a["summary"]["exposure_band_now"] in ("low", "moderate", "high", "very_high", "critical")
    assert 0 < a["summary"]["coverage"] < 1
    missing = a["coverage"]["missing"]
    assert missing["servers.protection"] == 1  # pacs01's protection is `unknown`
    assert "practices.two_factor" in missing
