"""report.xlsx as a consultant reworks it: totals and derived columns are formulas that give the stored figures
(evaluated here, and recalculated by LibreOffice), the summary's figures are numbers with formats, every sheet prints
A4 landscape one page wide with its header row repeated, long text wraps, and every sheet name means something
within Excel's 31 characters, in both languages."""

from __future__ import annotations

import io
import re
import zipfile
from functools import cache
from pathlib import Path

import pytest
from openpyxl import load_workbook

from hismigrate.i18n import LANGUAGES, t
from hismigrate.load import load_inventory
from hismigrate.model.assessment import Assessment
from hismigrate.report.writers import as_bytes, render
from tests.conftest import REPO, SAMPLE_REPORTS
from tests.libreoffice import find_libreoffice, libreoffice_convert

SAMPLES = ("aozora-chronic", "sakura-general", "minato-university")
CELL = re.compile(r"\$?([A-Z]+)\$?([0-9]+)")


@cache
def _workbook_bytes(hospital: str, lang: str) -> bytes:
    assessment = Assessment.model_validate_json((SAMPLE_REPORTS / hospital / "assessment.json").read_bytes())
    inventory = load_inventory([REPO / "inventories" / hospital])
    ((_, data),) = render(assessment, inventory, lang, ["xlsx"])
    return as_bytes(data)


def _books(hospital: str, lang: str):  # type: ignore[no-untyped-def]
    data = _workbook_bytes(hospital, lang)
    return load_workbook(io.BytesIO(data)), load_workbook(io.BytesIO(data), data_only=True)


def _evaluate(formula: str, sheet) -> float:  # type: ignore[no-untyped-def]
    """The few formulas the workbook writes (sums, differences, running sums, ABS), from the stored values."""

    def value(column: str, row: str) -> str:
        found = sheet[f"{column}{row}"].value
        return repr(found or 0)

    def span(match: re.Match[str]) -> str:
        ((c1, r1),), ((c2, r2),) = CELL.findall(match.group(1)), CELL.findall(match.group(2))
        assert c1 == c2, "a sum over one column"
        return "(" + "+".join(value(c1, str(r)) for r in range(int(r1), int(r2) + 1)) + ")"

    expression = re.sub(r"SUM\(([A-Z]+[0-9]+):([A-Z]+[0-9]+)\)", span, formula.lstrip("="))
    expression = CELL.sub(lambda m: value(m.group(1), m.group(2)), expression).replace("ABS", "abs")
    assert re.fullmatch(r"[-+0-9.()e abs]*", expression), expression
    return eval(expression, {"__builtins__": {}, "abs": abs})  # only numbers and arithmetic, checked above


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("hospital", SAMPLES)
def test_formulas_give_the_stored_figures(hospital: str, lang: str) -> None:
    formulas, values = _books(hospital, lang)
    count = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    count += 1
                    stored = values[sheet.title][cell.coordinate].value
                    assert isinstance(stored, int | float), (sheet.title, cell.coordinate)
                    assert _evaluate(cell.value, values[sheet.title]) == pytest.approx(stored), (
                        sheet.title,
                        cell.coordinate,
                        cell.value,
                    )
    assert count >= 20
    years = next(ws for ws in formulas.worksheets if ws.title.endswith(t("report.sheet.cost_years", lang)))
    last = years.max_row
    assert years[f"A{last}"].value == t("report.total", lang)
    assert str(years[f"B{last}"].value).startswith("=SUM(B3:")
    assert years["D3"].value == "=B3-C3" and years["E4"].value == "=E3+D4"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_summary_figures_are_numbers_with_formats(lang: str) -> None:
    formulas, _ = _books("sakura-general", lang)
    summary = formulas.worksheets[0]
    assert summary.title == f"1 {t('report.sheet.summary', lang)}"
    numbers = [c for c in summary["B"] if isinstance(c.value, int | float)]
    assert len(numbers) >= 10
    npv = next(c for c in summary["B"] if summary[f"A{c.row}"].value == t("report.summary.sheet_npv", lang))
    assert isinstance(npv.value, int) and ("円" in npv.number_format or "¥" in npv.number_format)
    rate = next(c for c in summary["B"] if summary[f"A{c.row}"].value == t("report.summary.sheet_discount_rate", lang))
    assert rate.number_format == "0.0%"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("hospital", SAMPLES)
def test_every_sheet_prints_a4_landscape_one_page_wide_with_its_header_repeated(hospital: str, lang: str) -> None:
    formulas, _ = _books(hospital, lang)
    names = formulas.sheetnames
    assert len(names) == len(set(names))
    for sheet in formulas.worksheets:
        assert len(sheet.title) <= 31 and re.fullmatch(r"\d+(\.\d+)? \S.*", sheet.title), sheet.title
        setup = sheet.page_setup
        assert (setup.orientation, int(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == ("landscape", 9, 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows in ("2:2", "$2:$2")
    findings = formulas[next(n for n in names if n.endswith(t("report.sheet.all_findings", lang)))]
    wrapped = [c for c in findings[3] if c.alignment.wrap_text]
    assert wrapped and all(c.alignment.vertical == "top" for c in findings[3] if c.value is not None)


def test_a_sheet_name_over_31_characters_is_refused() -> None:
    from dataclasses import replace

    from hismigrate.report.sections import build_sections
    from hismigrate.report.sections.model import Section
    from hismigrate.report.xlsx_writer import workbook_tables

    assessment = Assessment.model_validate_json((SAMPLE_REPORTS / "aozora-chronic" / "assessment.json").read_bytes())
    inventory = load_inventory([REPO / "inventories" / "aozora-chronic"])
    sections = build_sections(assessment, inventory, "en")
    table = sections[0].sheets()[0]
    long = [Section("x", "x", [], sheets_only=(replace(table, sheet="A sheet name that is far too long to fit"),))]
    with pytest.raises(ValueError, match="31"):
        workbook_tables(assessment, inventory, "en", long)


@pytest.mark.skipif(find_libreoffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_recalculates_to_the_same_figures(tmp_path: Path) -> None:
    """The formulas' stored values are taken out, LibreOffice computes them again, and they equal what was stored
    (one language: the formulas are the same in both)."""
    lang = "ja"
    data = _workbook_bytes("sakura-general", lang)
    stripped = tmp_path / "report.xlsx"
    removed = 0
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(stripped, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                content, count = re.subn(rb"(<f>[^<]*</f>)<v>[^<]*</v>", rb"\1", content)
                removed += count
            target.writestr(info, content)
    assert removed >= 20
    out = tmp_path / "out"
    done = libreoffice_convert(stripped, out, "xlsx")
    assert done.returncode == 0, done.stdout + done.stderr
    recalculated = load_workbook(out / "report.xlsx", data_only=True)
    formulas, stored = _books("sakura-general", lang)
    checked = 0
    for sheet in formulas.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert (
                        recalculated[sheet.title][cell.coordinate].value == stored[sheet.title][cell.coordinate].value
                    )
                    checked += 1
    assert checked == removed
