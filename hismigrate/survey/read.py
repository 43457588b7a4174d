"""Read one submission from JSON or from a key/value workbook, or raise InventoryError naming file and place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.load.validate import path_text, problem_from_pydantic
from hismigrate.model.integrity import Loc, suggestion
from hismigrate.model.submission import SUBMISSION_SCHEMA_VERSION, Submission
from hismigrate.survey.flat import FlatConflict, unflatten

SUBMISSION_SHEET = "submission"
KEY_HEADER = "key"
JSON_SUFFIXES = (".json",)
XLSX_SUFFIXES = (".xlsx", ".xlsm")


def read_submission(path: Path) -> Submission:
    """A submission from `path` (.json or .xlsx)."""
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return read_json(path, _read_bytes(path))
    if suffix in XLSX_SUFFIXES:
        return read_xlsx(path)
    raise InventoryError.single(Location(str(path)), "survey_unknown_format", suffix=suffix or "(none)")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InventoryError.single(Location(str(path)), "file_not_found") from None
    except OSError as exc:
        raise InventoryError.single(Location(str(path)), "unreadable", detail=exc.strerror or str(exc)) from None


def read_json(path: Path, data: bytes) -> Submission:
    """Validate JSON bytes; the fast path is pydantic's own JSON parser, the slow path only runs on failure."""
    try:
        return Submission.model_validate_json(data)
    except ValidationError:
        pass
    file = str(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InventoryError.single(Location(file), "not_utf8", position=exc.start) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InventoryError.single(
            Location(file, line=exc.lineno),
            _JSON_ERRORS.get(exc.msg, "survey_json_syntax"),
            column=exc.colno,
            detail=exc.msg,
        ) from None
    return _validate(document, _json_locator(file, text), Location(file, line=1))


# The json module's messages, each said whole in the user's language (its own are cut: "Unterminated string
# starting at"); any other becomes the generic syntax error at its line and column.
_JSON_ERRORS = {
    "Unterminated string starting at": "survey_json_unterminated",
    "Expecting value": "survey_json_value",
    "Expecting ',' delimiter": "survey_json_comma",
    "Expecting ':' delimiter": "survey_json_colon",
    "Expecting property name enclosed in double quotes": "survey_json_key",
    "Extra data": "survey_json_extra",
    "Invalid control character at": "survey_json_control",
}


def _json_locator(file: str, text: str) -> Any:
    """Point at the line of the last key of a path, found by searching the keys in order (JSON keeps no marks)."""

    def locate(loc: Loc) -> Location:
        position = 0
        for part in loc:
            if isinstance(part, int) or part == "[key]":
                continue
            found = text.find(f'"{part}"', position)
            if found < 0:
                break
            position = found
        return Location(file, line=text.count("\n", 0, position) + 1, path=_path(loc) or None)

    return locate


def _path(loc: Loc) -> str:
    return path_text(tuple(p for p in loc if p != "[key]"))


def read_xlsx(path: Path) -> Submission:
    """A submission workbook: sheet `submission`, column A the dotted key, column B the value, from row 2."""
    from hismigrate.load.excel_read import CellError, NoSavedResult, read_sheets

    file = str(path)
    if not path.exists():
        raise InventoryError.single(Location(file), "file_not_found")
    # The guard of every workbook first (zip bombs, used ranges), then only the submission sheet's cells.
    sheets = {sheet.title: sheet for sheet in read_sheets(path, lambda title: title == SUBMISSION_SHEET)}
    if SUBMISSION_SHEET not in sheets:
        raise InventoryError.single(Location(file), "survey_no_sheet", sheet=SUBMISSION_SHEET)
    rows: list[tuple[int, str, Any]] = []
    for index, cells in sheets[SUBMISSION_SHEET].rows_from(0):
        number, key, value = index + 1, cells.get(0), cells.get(1)
        if key is None or (number == 1 and str(key).strip().lower() == KEY_HEADER):
            continue
        if isinstance(value, CellError | NoSavedResult):
            where = Location(file, sheet=SUBMISSION_SHEET, row=number, column="B")
            if isinstance(value, NoSavedResult):
                raise InventoryError.single(where, "workbook_uncached_formula")
            raise InventoryError.single(where, "excel_error_cell", code=value.code)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue  # an empty cell is a missing value: validation names the key
        rows.append((number, str(key).strip(), value))
    try:
        document = unflatten((key, value) for _, key, value in rows)
    except FlatConflict as exc:
        number = rows[exc.index][0]
        raise InventoryError.single(
            Location(file, sheet=SUBMISSION_SHEET, row=number, column="A", path=exc.key), "survey_key_clash"
        ) from None
    row_of = {key: number for number, key, _ in rows}

    def locate(loc: Loc) -> Location:
        key = ".".join(str(p) for p in loc if p != "[key]")
        number = row_of.get(key)
        if number is None:  # the error is about a mapping: point at its first row
            number = next((n for k, n in row_of.items() if k.startswith(key + ".")), None)
        column = "B" if key in row_of else ("A" if number is not None else None)
        return Location(file, sheet=SUBMISSION_SHEET, row=number, column=column, path=key or None)

    return _validate(document, locate, Location(file, sheet=SUBMISSION_SHEET))


def _validate(document: Any, locate: Any, top: Location) -> Submission:
    if not isinstance(document, dict):
        raise InventoryError.single(top, "survey_not_object")
    version = document.get("schema_version", SUBMISSION_SCHEMA_VERSION)
    if str(version) != SUBMISSION_SCHEMA_VERSION:
        raise InventoryError.single(
            locate(("schema_version",)), "survey_schema_version", value=version, expected=SUBMISSION_SCHEMA_VERSION
        )
    try:
        return Submission.model_validate(document)
    except ValidationError as exc:
        raise InventoryError([_problem(err, locate) for err in exc.errors(include_url=False)]) from None


def _problem(error: Any, locate: Any) -> Problem:
    """The shared pydantic translation, with unknown keys suggested from the submission's own fields; the closed
    vocabularies (facility code, check ids, checklist items) say which rule the value breaks."""
    if error["type"].startswith("survey_"):
        return Problem(locate(tuple(error["loc"])), error["type"], dict(error.get("ctx") or {}))
    if error["type"] != "extra_forbidden":
        return problem_from_pydantic(error, locate)
    loc: Loc = tuple(error["loc"])
    model: Any = Submission
    for part in loc[:-1]:
        field = model.model_fields.get(part) if hasattr(model, "model_fields") else None
        annotation = getattr(field, "annotation", None)
        candidates = [annotation, *getattr(annotation, "__args__", ())]
        model = next((c for c in candidates if isinstance(c, type) and hasattr(c, "model_fields")), None)
    near = suggestion(str(loc[-1]), list(model.model_fields)) if model is not None else None
    if near:
        return Problem(locate(loc), "unknown_key_suggest", {"name": loc[-1], "suggestion": near})
    return Problem(locate(loc), "unknown_key", {"name": loc[-1]})
