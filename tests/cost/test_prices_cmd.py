"""`hismigrate prices` lists the shipped catalogs and one catalog's items; a bad --prices file exits 2."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hismigrate.cli.main import app

runner = CliRunner()


def test_lists_catalogs() -> None:
    result = runner.invoke(app, ["prices", "--lang", "en"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "aws-ap-northeast-1-2026-09-01" in result.output and "japaneast" in result.output


def test_lists_items_merged_with_user_catalog(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "id: mine\nprovider: user\nas_of: 2026-08-01\nitems:\n"
        "  - {id: line.closed_network, kind: line, unit: month, price: 380000, currency: JPY, source: quote, manual: true}\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["prices", "aws", "--prices", str(path), "--lang", "en"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "ec2.m7i.large" in result.output and "380,000 JPY" in result.output


def test_bad_file_and_provider_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("id: mine\nprovider: user\nas_of: 2026-08-01\nitems:\n  - {id: x}\n", encoding="utf-8")
    result = runner.invoke(app, ["prices", "aws", "--prices", str(path)])
    assert result.exit_code == 2
    assert runner.invoke(app, ["prices", "nowhere"]).exit_code == 2
