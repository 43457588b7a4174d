"""The aggregation: the 2023 rates come back, small cells are dashes in every output, rows come from fixed lists,
missing is not failing, rounding is half-up, the same input gives the same bytes."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from bench.survey_generator import EMR_2023, ORDERING_2023, ORDERING_KINDS_2023, PACS_2023, generate
from hismigrate.i18n import t
from hismigrate.model.submission import BedClass
from hismigrate.model.submission_codes import vocabulary
from hismigrate.survey.outputs import write_outputs
from hismigrate.survey.table import SUPPRESSED, half_up, percent
from tests.survey.helpers import grids, revised, tables_of

CLASS_COLUMNS = {BedClass.under_200: 1, BedClass.from_200_to_399: 2, BedClass.from_400: 3}


def _within(observed: float, expected: float, n: int) -> bool:
    """Within four standard errors of a proportion (in percent): fails by chance about once in 15,000 times."""
    se = math.sqrt(expected * (1 - expected) / n) * 100
    return abs(observed - expected * 100) <= 4 * se + 0.05  # + rounding to one decimal


def _table(result, name: str):  # type: ignore[no-untyped-def]
    return next(t for t in result.tables if t.name == name)


def test_generated_2023_rates_are_reproduced() -> None:
    result = tables_of(list(generate(4000, seed=11)))
    rows = {row[0]: row for row in _table(result, "adoption_by_class").rows}
    n_row = rows[t("survey.col.hospitals", "en")]
    emr = rows[t("survey.item.emr", "en")]
    for bed_class, column in CLASS_COLUMNS.items():
        assert _within(emr[column], EMR_2023[bed_class], n_row[column]), (bed_class, emr[column])
    total = n_row[4]
    assert _within(rows[t("survey.item.ordering", "en")][4], ORDERING_2023, total)
    assert _within(rows[t("survey.item.pacs", "en")][4], PACS_2023, total)
    for kind, rate in ORDERING_KINDS_2023.items():
        assert _within(rows[t(f"survey.item.ordering_{kind.value}", "en")][4], rate, total), kind


@pytest.fixture(scope="module")
def small_class_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20 + 20 hospitals in the two smaller classes and only 3 with 400 beds and over, aggregated at --min-cell 5."""
    counts = {BedClass.under_200: 20, BedClass.from_200_to_399: 20, BedClass.from_400: 3}
    result = tables_of(list(generate(class_counts=counts, seed=2)), lang="ja")
    folder = tmp_path_factory.mktemp("survey")
    write_outputs(result, folder, lang="ja")
    return folder


@pytest.mark.parametrize("name", ["adoption_by_class", "checklist_by_class"])
def test_small_class_column_is_dashes_everywhere(small_class_outputs: Path, name: str) -> None:
    for source, grid in grids(small_class_outputs, name).items():
        assert grid[0][3] == t("survey.bed_class.400_plus", "ja"), source
        body = grid[1:]
        assert body and all(row[3] == SUPPRESSED for row in body), (source, [r[3] for r in body])
        # One class of 20 is hidden with it (the first of the two), else the total minus the classes shown would be
        # the hidden class's 3; the other is shown.
        assert all(row[1] == SUPPRESSED for row in body), source
        assert all(row[2] != SUPPRESSED for row in body), source
        n_row = body[0]
        assert int(n_row[4]) - int(n_row[2]) == 23, source  # what can be worked out: the two hidden classes together


@pytest.mark.parametrize("name", ["exposure_by_class", "cost_change_by_class"])
def test_small_class_row_is_dashes_everywhere(small_class_outputs: Path, name: str) -> None:
    for source, grid in grids(small_class_outputs, name).items():
        row = next(r for r in grid if r[0] == t("survey.bed_class.400_plus", "ja"))
        assert all(cell == SUPPRESSED for cell in row[1:]), (source, row)


def test_small_class_counts_are_dashes_in_the_bands(small_class_outputs: Path) -> None:
    for source, grid in grids(small_class_outputs, "cost_change_bands").items():
        assert all(row[3] == SUPPRESSED for row in grid[1:]), source


def test_no_figure_of_three_hospitals_appears(small_class_outputs: Path) -> None:
    for name in ("adoption_by_class", "checklist_by_class", "exposure_by_class", "cost_change_by_class"):
        for source, grid in grids(small_class_outputs, name).items():
            assert "3" not in [cell for row in grid[1:] for cell in row[1:]], (name, source)


def test_rows_come_from_fixed_lists_whatever_the_data() -> None:
    """Every band of the schema, every check of the catalog, every checklist item, a fixed range of fiscal years:
    one hospital and sixty give the same row labels."""
    few, many = tables_of(list(generate(1, seed=3))), tables_of(list(generate(60, seed=3)))
    for one, other in zip(few.tables, many.tables, strict=True):
        assert [r[0] for r in one.rows] == [r[0] for r in other.rows], one.name
        assert one.columns == other.columns, one.name
    assert len(_table(few, "cost_change_bands").rows) == 31  # -100 ... 200, every 10 points
    assert [r[0] for r in _table(few, "findings").rows] == list(vocabulary()["checks"])
    assert [r[0] for r in _table(few, "checklist_by_class").rows[1:]] == list(vocabulary()["checklist_items"])
    assert [r[0] for r in _table(few, "timeline").rows] == [f"FY{y}" for y in range(2025, 2035)] + ["FY2035 and later"]


def _with_checklist(submission, checklist: dict):  # type: ignore[no-untyped-def]
    return revised(submission, checklist=checklist)


def test_a_missing_item_is_not_a_failure() -> None:
    """Ten hospitals pass 1-(1); six more leave it out: the rate is 100%, not 62.5%."""
    base = list(generate(16, seed=7))
    submissions = [_with_checklist(s, {"1-(1)": "pass"} if i < 10 else {}) for i, s in enumerate(base)]
    table = _table(tables_of(submissions, min_cell=1), "checklist_by_class")
    row = next(r for r in table.rows if r[0] == "1-(1)")
    assert row[-1] == 100.0


def test_an_item_reported_by_too_few_hospitals_is_suppressed_with_its_label() -> None:
    base = list(generate(30, seed=8))
    submissions = [_with_checklist(s, {"2-(7)": "fail"} if i < 4 else {"1-(1)": "pass"}) for i, s in enumerate(base)]
    table = _table(tables_of(submissions), "checklist_by_class")
    row = next(r for r in table.rows if r[0] == "2-(7)")
    assert row[1:] == (SUPPRESSED,) * 4
    assert next(r for r in table.rows if r[0] == "1-(1)")[-1] == 100.0


def test_rounding_is_half_up() -> None:
    assert half_up(percent(3545, 10000)) == 35.5  # the float 35.45 is 35.4499...: round() gives 35.4
    assert half_up(percent(1, 8)) == 12.5 and half_up(percent(1, 16)) == 6.3  # 6.25 -> 6.3
    assert half_up(-2.25) == -2.3 and half_up(2.25) == 2.3 and half_up(0.04) == 0.0


def test_a_published_rate_is_rounded_half_up() -> None:
    """1 of 80 hospitals is 1.25%: published as 1.3 (round() would give 1.2)."""
    base = list(generate(80, seed=12))
    submissions = [revised(s, adoption=s.adoption.model_dump() | {"emr": i == 0}) for i, s in enumerate(base)]
    rows = {r[0]: r for r in _table(tables_of(submissions), "adoption_by_class").rows}
    assert rows[t("survey.item.emr", "en")][-1] == 1.3 != round(100 / 80, 1)


def test_outputs_are_byte_identical_and_order_free(tmp_path: Path) -> None:
    submissions = list(generate(60, seed=8))
    first, second = tmp_path / "a", tmp_path / "b"
    write_outputs(tables_of(submissions), first, lang="en")
    write_outputs(tables_of(list(reversed(submissions))), second, lang="en")
    names = sorted(p.name for p in first.iterdir())
    assert "survey.xlsx" in names and "survey.html" in names and "adoption_by_region.csv" in names
    assert "rejected.csv" not in names  # file names of rejected submissions are for the operator, not published
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_html_is_offline_and_escaped(tmp_path: Path) -> None:
    write_outputs(tables_of(list(generate(30, seed=9)), min_cell=1), tmp_path, lang="en")
    html = (tmp_path / "survey.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html


def test_banner_says_how_many_and_charts_hide_with_their_figures(tmp_path: Path) -> None:
    shown_dir, hidden_dir = tmp_path / "shown", tmp_path / "hidden"
    write_outputs(tables_of(list(generate(30, seed=9))), shown_dir, lang="en")
    write_outputs(tables_of(list(generate(4, seed=9))), hidden_dir, lang="en")
    shown = (shown_dir / "survey.html").read_text(encoding="utf-8")
    hidden = (hidden_dir / "survey.html").read_text(encoding="utf-8")
    assert '<p class="banner" role="note">30 hospitals aggregated (FY2025 survey)' in shown and "<svg" in shown
    assert "Fewer than 5 hospitals were aggregated" in hidden and "4" not in hidden.split('class="banner"')[1][:200]
    assert "<svg" not in hidden  # every figure is hidden: no empty axes


def test_workbook_labels_carry_no_apostrophe(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    write_outputs(tables_of(list(generate(30, seed=9))), tmp_path, lang="en")
    workbook = load_workbook(tmp_path / "survey.xlsx")
    labels = [row[0].value for row in workbook["cost_change_bands"].iter_rows(min_row=3, max_row=33)]
    assert labels[0] == "\u2212100% to under \u221290%" and labels[-1] == "200% or more"
    assert not any(str(v).startswith("'") for v in labels)
    csv_text = (tmp_path / "cost_change_bands.csv").read_text(encoding="utf-8-sig")
    assert "'" not in csv_text


def test_text_cells_are_formula_safe() -> None:
    from hismigrate.survey.render_csv import table_csv
    from hismigrate.survey.table import SurveyTable

    table = SurveyTable("x", "=HYPERLINK()", ("=a", "b"), (("+cmd", 1.5), ("@x", SUPPRESSED), ("-1", -2)))
    text = table_csv(table).decode("utf-8-sig")
    assert text.splitlines() == ["'=a,b", "'+cmd,1.5", "'@x,-", "'-1,-2"]


def test_workbook_text_is_never_a_formula(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from hismigrate.survey.render_xlsx import survey_xlsx
    from hismigrate.survey.table import SurveyTable

    table = SurveyTable("x", "t", ("=a", "b"), (("=1+1", 1.5),))
    (tmp_path / "x.xlsx").write_bytes(survey_xlsx([table], "note"))
    sheet = load_workbook(tmp_path / "x.xlsx")["x"]
    assert sheet["A3"].value == "=1+1" and sheet["A3"].data_type == "s" and sheet["A3"].quotePrefix
