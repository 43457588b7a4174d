"""Acceptance of `hismigrate assess` and its reports, on a sample whose system names are hostile: the four files,
the JSON against its schema, HTML in headless Chromium, the workbook in LibreOffice, escaping, determinism."""

from __future__ import annotations

import html
import io
import json
import re
import zipfile
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook

from tests.conftest import REPO
from tests.libreoffice import find_libreoffice, libreoffice_convert

from .chromium import find_chromium, load_page
from .reports_support import FORMULA, OUTPUTS, SCRIPT, hostile_copy, result_schema, run_assess

SAMPLE = REPO / "inventories" / "aozora-chronic"


@pytest.fixture(scope="module")
def hostile_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two runs of `assess` on the hostile copy, same --as-of, into two folders."""
    if not SAMPLE.is_dir():
        pytest.skip("sample inventory absent")
    root = tmp_path_factory.mktemp("hostile")
    inventory = hostile_copy(SAMPLE, root / "inventory")
    outs = []
    for name in ("first", "second"):
        done = run_assess(inventory, root / name)
        assert done.returncode == 0, done.stdout + done.stderr
        outs.append(root / name)
    return outs[0], outs[1]


def test_assess_writes_the_four_files_and_valid_json(hostile_runs: tuple[Path, Path]) -> None:
    out, _ = hostile_runs
    assert sorted(p.name for p in out.iterdir()) == sorted(OUTPUTS)
    data = json.loads((out / "assessment.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, result_schema())


def test_two_runs_give_identical_bytes(hostile_runs: tuple[Path, Path]) -> None:
    first, second = hostile_runs
    for name in OUTPUTS:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_hostile_names_stay_text_in_html(hostile_runs: tuple[Path, Path]) -> None:
    page = (hostile_runs[0] / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert FORMULA in html.unescape(page)


def test_hostile_names_stay_text_in_markdown(hostile_runs: tuple[Path, Path]) -> None:
    text = (hostile_runs[0] / "report.md").read_text(encoding="utf-8")
    assert FORMULA in text
    assert SCRIPT not in text  # escaped: \<script\>
    assert r"\<script\>alert(1)\</script\>" in text


def test_hostile_names_stay_text_in_the_workbook(hostile_runs: tuple[Path, Path]) -> None:
    data = (hostile_runs[0] / "report.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        formulas = [f for n in sheets for f in re.findall(rb"<f>([^<]*)</f>", archive.read(n))]
        assert b"<f " not in b"".join(archive.read(n) for n in sheets)
    # The workbook's own formulas (totals, differences, running sums) only: arithmetic over cell references.
    arithmetic = re.compile(rb"(SUM|ABS)?\(?[A-Z]+[0-9]+([-+:][A-Z]+[0-9]+)?\)?")
    assert formulas and all(arithmetic.fullmatch(f) for f in formulas), formulas
    workbook = load_workbook(io.BytesIO(data))
    cells = [c for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value == FORMULA]
    assert cells, "the formula-like name is missing from the workbook"
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert any(c.value == SCRIPT for ws in workbook.worksheets for row in ws.iter_rows() for c in row)


def test_workbook_keeps_numbers_as_numbers(hostile_runs: tuple[Path, Path]) -> None:
    workbook = load_workbook(hostile_runs[0] / "report.xlsx")
    years = next(ws for ws in workbook.worksheets if "年度別費用" in ws.title)
    assert years["A2"].value == "年度" and years.auto_filter.ref and years.freeze_panes == "A3"
    assert isinstance(years["B3"].value, int) and "円" in years["B3"].number_format
    assert workbook.sheetnames[0].startswith("1 ")


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_chromium_renders_offline_and_shows_the_summary_first(hostile_runs: tuple[Path, Path], tmp_path: Path) -> None:
    out = hostile_runs[0]
    report = load_page(out / "report.html", tmp_path / "first-screen.png")
    assert report.console_errors == []
    assert report.requests == []
    summary = json.loads((out / "assessment.json").read_text(encoding="utf-8"))["summary"]
    shown = report.first_screen_text
    assert "概要" in shown
    from hismigrate.i18n import t

    band_now, band_after = (t(f"report.band.{summary[k]}", "ja") for k in ("exposure_band_now", "exposure_band_after"))
    now, after = f"{summary['exposure_index_now']:.1f}", f"{summary['exposure_index_after']:.1f}"
    assert f"{now} {band_now}" in shown and f"{after} {band_after}" in shown  # the band in words beside the number
    assert f"データ充足率 {round(summary['coverage'] * 100)}%" in shown
    by = summary["findings_by_severity"]
    assert f"{by['critical']} / {by['high']}" in shown
    assert "節減額（正味現在価値）" in shown and "投資回収" in shown


@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook(hostile_runs: tuple[Path, Path], tmp_path: Path) -> None:
    done = libreoffice_convert(hostile_runs[0] / "report.xlsx", tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    pdf = tmp_path / "report.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000, done.stdout + done.stderr


def test_english_report_reads_english(hostile_runs: tuple[Path, Path], tmp_path: Path) -> None:
    inventory = hostile_runs[0].parent / "inventory"
    done = run_assess(inventory, tmp_path, "--lang", "en", "--format", "md")
    assert done.returncode == 0, done.stdout + done.stderr
    text = (tmp_path / "report.md").read_text(encoding="utf-8")
    for heading in ("## Summary", "## Findings by severity", "## Attack paths", "## Costs", "Appendix"):
        assert heading in text
    assert "緊急" not in text and "概要" not in text
