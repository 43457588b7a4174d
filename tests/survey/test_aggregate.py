"""The aggregation: the 2023 rates come back, small cells are dashes in every output, duplicates keep the latest,
the same input gives the same bytes."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import pytest

from bench.survey_generator import EMR_2023, ORDERING_2023, ORDERING_KINDS_2023, PACS_2023, generate
from hismigrate.i18n import t
from hismigrate.model.submission import BedClass
from hismigrate.survey.aggregate import aggregate
from hismigrate.survey.collect import collect, latest
from hismigrate.survey.outputs import write_outputs
from hismigrate.survey.table import SUPPRESSED
from hismigrate.survey.write import write_submission
from tests.survey.helpers import collected, grids

CLASS_COLUMNS = {BedClass.under_200: 1, BedClass.from_200_to_399: 2, BedClass.from_400: 3}


def _within(observed: float, expected: float, n: int) -> bool:
    """Within four standard errors of a proportion (in percent): fails by chance about once in 15,000 times."""
    se = math.sqrt(expected * (1 - expected) / n) * 100
    return abs(observed - expected * 100) <= 4 * se + 0.05  # + rounding to one decimal


def test_generated_2023_rates_are_reproduced() -> None:
    result = aggregate(collected(list(generate(4000, seed=11))), lang="en", min_cell=5)
    table = next(t for t in result.tables if t.name == "adoption_by_class")
    rows = {row[0]: row for row in table.rows}
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
    result = aggregate(collected(list(generate(class_counts=counts, seed=2))), lang="ja", min_cell=5)
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


def test_latest_submission_of_a_facility_wins_whatever_the_order() -> None:
    old, new = generate(2, seed=4)
    new = new.model_copy(update={"facility_code": old.facility_code, "as_of": date(2026, 1, 1)})
    same_day = old.model_copy(update={"exposure": old.exposure.model_copy(update={"now": 1.0})})
    for order in ([old, new, same_day], [same_day, new, old], [new, old, same_day]):
        kept, replaced = latest(order)
        assert kept == [new] and replaced == 2
    tie_a, tie_b = latest([old, same_day])[0], latest([same_day, old])[0]
    assert tie_a == tie_b


def test_invalid_files_are_listed_and_the_rest_aggregated(tmp_path: Path) -> None:
    for submission in generate(6, seed=1):
        write_submission(submission, tmp_path / f"{submission.facility_code}.json")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    files = sorted(tmp_path.iterdir())
    found = collect(files)
    assert len(found.submissions) == 6 and [r.file for r in found.rejected] == [str(tmp_path / "broken.json")]
    result = aggregate(found, lang="en", min_cell=1)
    rejected = next(t for t in result.tables if t.name == "rejected")
    assert rejected.rows[0][0] == str(tmp_path / "broken.json") and "JSON syntax error" in str(rejected.rows[0][1])


def test_outputs_are_byte_identical_and_order_free(tmp_path: Path) -> None:
    submissions = list(generate(60, seed=8))
    first, second = tmp_path / "a", tmp_path / "b"
    write_outputs(aggregate(collected(submissions), lang="en", min_cell=5), first, lang="en")
    write_outputs(aggregate(collected(list(reversed(submissions))), lang="en", min_cell=5), second, lang="en")
    names = sorted(p.name for p in first.iterdir())
    assert "survey.xlsx" in names and "survey.html" in names and "adoption_by_region.csv" in names
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_html_is_offline_and_escaped(tmp_path: Path) -> None:
    result = aggregate(collected(list(generate(30, seed=9))), lang="en", min_cell=1)
    write_outputs(result, tmp_path, lang="en")
    html = (tmp_path / "survey.html").read_text(encoding="utf-8")
    assert "<svg" in html and "<script" not in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in html


def test_text_cells_are_formula_safe(tmp_path: Path) -> None:
    from hismigrate.survey.render_csv import table_csv
    from hismigrate.survey.table import SurveyTable

    table = SurveyTable("x", "=HYPERLINK()", ("=a", "b"), (("+cmd", 1.5), ("@x", SUPPRESSED), ("-1", -2)))
    text = table_csv(table).decode("utf-8-sig")
    assert text.splitlines() == ["'=a,b", "'+cmd,1.5", "'@x,-", "'-1,-2"]
