"""Reading submissions: JSON and xlsx round trips, and errors that name the file and the place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bench.survey_generator import generate
from hismigrate.errors import InventoryError
from hismigrate.survey.read import read_submission
from hismigrate.survey.write import submission_xlsx, write_submission


@pytest.fixture
def submission():  # type: ignore[no-untyped-def]
    return next(generate(1, seed=5))


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_round_trip(tmp_path: Path, submission, suffix: str) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / f"s{suffix}"
    write_submission(submission, target)
    assert read_submission(target) == submission


def test_xlsx_bytes_are_repeatable(submission) -> None:  # type: ignore[no-untyped-def]
    assert submission_xlsx(submission) == submission_xlsx(submission)


def _problems(path: Path) -> list[str]:
    with pytest.raises(InventoryError) as info:
        read_submission(path)
    return [p.render("en") for p in info.value.problems]


def test_json_error_names_the_line(tmp_path: Path, submission) -> None:  # type: ignore[no-untyped-def]
    data = submission.model_dump(mode="json")
    data["exposure"]["now"] = 140
    path = tmp_path / "s.json"
    text = json.dumps(data, indent=2)
    path.write_text(text, encoding="utf-8")
    line = next(i for i, entry in enumerate(text.splitlines(), start=1) if '"now"' in entry)
    assert _problems(path) == [f"{path} line {line}: exposure.now: 140 is above the maximum 100"]


def test_json_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{\n  "facility_code": "1",\n  oops\n}', encoding="utf-8")
    (problem,) = _problems(path)
    assert (
        problem
        == f"{path} line 3: JSON syntax error at column 3: a key in double quotes is expected (is there a comma too many, or is the file cut short?)"
    )


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_truncated_file_is_said_whole(tmp_path: Path, submission, lang: str) -> None:  # type: ignore[no-untyped-def]
    text = submission.model_dump_json(indent=2)
    cut = text.index('"hospital_type": "') + len('"hospital_type": "ac')
    path = tmp_path / "s.json"
    path.write_text(text[:cut], encoding="utf-8")
    with pytest.raises(InventoryError) as info:
        read_submission(path)
    (problem,) = [p.render(lang) for p in info.value.problems]
    line = text[:cut].count("\n") + 1
    expected = {
        "en": "JSON syntax error: the text starting at column 20 is not closed with a double quote (is the file cut short?)",
        "ja": "JSON の構文エラー: 20 文字目から始まる文字列がダブルクォートで閉じられていません（ファイルが途中で切れていませんか）",
    }[lang]
    assert problem == f"{path} line {line}: {expected}"


@pytest.mark.parametrize(
    ("place", "value", "message"),
    [
        (("checklist",), {"SakuraByoin": "pass"}, "'SakuraByoin' is not an item of the MHLW checklist"),
        (
            ("findings",),
            {"HIS-SAKURA-GENERAL": {"high": 1}},
            "'HIS-SAKURA-GENERAL' is not a check of hismigrate's catalog",
        ),
        ((), "SakuraGeneralHospital", "'SakuraGeneralHospital' is not a facility code"),
        ((), "1311234560", "its check digit (the last) should be 9"),
        ((), "4811234560", "its first two digits are not a prefecture number"),
        ((), "1341234567", "its third digit must be 1 (medical) or 3 (dental)"),
    ],
)
def test_identifying_text_is_rejected_at_its_line(tmp_path: Path, submission, place, value, message: str) -> None:  # type: ignore[no-untyped-def]
    data = submission.model_dump(mode="json")
    if place:
        data[place[0]] = value
    else:
        data["facility_code"] = value
    path = tmp_path / "s.json"
    text = json.dumps(data, indent=2)
    path.write_text(text, encoding="utf-8")
    (problem,) = _problems(path)
    needle = next(iter(value)) if isinstance(value, dict) else value
    line = next(i for i, entry in enumerate(text.splitlines(), start=1) if f'"{needle}"' in entry)
    assert problem.startswith(f"{path} line {line}: ") and message in problem, problem


def test_a_code_of_another_prefecture_is_rejected(tmp_path: Path, submission) -> None:  # type: ignore[no-untyped-def]
    from hismigrate.model.submission_codes import official_code

    data = submission.model_dump(mode="json") | {"prefecture": "tokyo", "region": "kanto"}
    data["facility_code"] = official_code(1, "1", 1234)  # issued in Hokkaido
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    (problem,) = _problems(path)
    assert "issued in prefecture 'hokkaido', not 'tokyo'" in problem


def test_unknown_key_is_suggested(tmp_path: Path, submission) -> None:  # type: ignore[no-untyped-def]
    data = submission.model_dump(mode="json")
    data["adoption"]["pac"] = data["adoption"].pop("pacs")
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    problems = _problems(path)
    assert any("adoption.pac: unknown key 'pac' (did you mean 'pacs'?)" in p for p in problems)


def test_other_schema_version_is_refused(tmp_path: Path, submission) -> None:  # type: ignore[no-untyped-def]
    data = submission.model_dump(mode="json") | {"schema_version": "2"}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert _problems(path) == [
        f"{path} line 2: schema_version: schema version '2' is not supported; this hismigrate reads version 1"
    ]


def test_xlsx_error_names_sheet_row_and_column(tmp_path: Path, submission) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.xlsx"
    write_submission(submission, path)
    workbook = load_workbook(path)
    sheet = workbook["submission"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "bed_class")
    sheet.cell(row, 2).value = "huge"
    workbook.save(path)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path} [submission] row {row}, column B: bed_class: 'huge' is not one of")


def test_xlsx_without_the_sheet(tmp_path: Path) -> None:
    from openpyxl import Workbook

    path = tmp_path / "s.xlsx"
    Workbook().save(path)
    assert _problems(path) == [f"{path}: the workbook has no sheet named 'submission'"]


@pytest.mark.parametrize("name", ["s.txt", "s.csv"])
def test_unknown_format(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("x", encoding="utf-8")
    (problem,) = _problems(path)
    assert "not a submission file" in problem


def test_xlsx_formula_without_a_saved_result_is_named_at_its_cell(tmp_path: Path, submission) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.xlsx"
    write_submission(submission, path)
    workbook = load_workbook(path)
    sheet = workbook["submission"]
    row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "bed_class")
    sheet.cell(row, 2).value = '=IF(1,"200_399","")'  # saved by openpyxl: no cached result
    workbook.save(path)
    (problem,) = _problems(path)
    assert problem.startswith(f"{path} [submission] row {row}, column B: the cell has a formula without a saved")


def test_xlsx_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "s.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (300 * 1024 * 1024))
    (problem,) = _problems(path)
    assert problem.startswith(str(path)) and "MiB" in problem
