"""The closed vocabularies of a survey submission: its facility code, its check ids and its checklist items.

Nothing a hospital could type freely reaches the ministry's tables: a facility code is the official 10-digit code
(医療機関コード) or the exporter's keyed hash, and check ids and checklist items are those of the shipped catalogs frozen
with the submission's schema version (hismigrate/data/survey_vocabulary.yaml).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Annotated, Any, Final

from pydantic import AfterValidator, BeforeValidator
from pydantic_core import PydanticCustomError

from hismigrate.model.enums import Prefecture

SUBMISSION_SCHEMA_VERSION: Final = "1"

OFFICIAL_CODE = re.compile(r"[0-9]{10}")
HASHED_CODE = re.compile(r"h-[0-9a-f]{32}")
HOSPITAL_TABLES = frozenset({"1", "3"})
"""点数表番号 of a hospital's code: 1 医科 (medical), 3 歯科 (dental). 4 (pharmacy) and 6 (home nursing) are not hospitals."""


def luhn_digit(digits: str) -> str:
    """The check digit (検証番号) of the official code: modulus 10, weights 2 and 1 from the right (the Luhn rule),
    over the prefecture, the table and the first six digits of the institution code."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        product = int(char) * (2 if position % 2 == 0 else 1)
        total += product // 10 + product % 10
    return str((10 - total % 10) % 10)


def official_code(prefecture_number: int, table: str, institution: int) -> str:
    """The 10-digit code of a prefecture (1-47), a table (`1`, `3`) and a six-digit institution number, with its
    check digit: for generators and tests."""
    head = f"{prefecture_number:02d}{table}{institution:06d}"
    return head + luhn_digit(head)


def prefecture_of_code(code: str) -> Prefecture | None:
    """The prefecture an official code was issued in (its first two digits, JIS X 0401 order); None for a hash."""
    if not OFFICIAL_CODE.fullmatch(code):
        return None
    return list(Prefecture)[int(code[:2]) - 1]


def _facility_code(value: Any) -> Any:
    if not isinstance(value, str):
        return value  # the str type reports it
    code = value.strip()
    if HASHED_CODE.fullmatch(code):
        return code
    if not OFFICIAL_CODE.fullmatch(code):
        raise PydanticCustomError("survey_bad_facility_code", "not a facility code", {"value": value})
    if not 1 <= int(code[:2]) <= len(Prefecture):
        raise PydanticCustomError("survey_facility_code_prefecture", "no such prefecture", {"value": value})
    if code[2] not in HOSPITAL_TABLES:
        raise PydanticCustomError("survey_facility_code_table", "not a hospital's table", {"value": value})
    if luhn_digit(code[:9]) != code[9]:
        raise PydanticCustomError(
            "survey_facility_code_check_digit", "wrong check digit", {"value": value, "expected": luhn_digit(code[:9])}
        )
    return code


FacilityCode = Annotated[str, BeforeValidator(_facility_code)]


@cache
def vocabulary(schema_version: str = SUBMISSION_SCHEMA_VERSION) -> dict[str, tuple[str, ...]]:
    """`checks` and `checklist_items` of a schema version, in the catalogs' order."""
    from hismigrate.data import load_data

    entry = load_data("survey_vocabulary.yaml")[schema_version]
    return {"checks": tuple(entry["checks"]), "checklist_items": tuple(str(i) for i in entry["checklist_items"])}


@cache
def _known(kind: str) -> frozenset[str]:
    return frozenset(vocabulary()[kind])


def _check_id(value: str) -> str:
    if value not in _known("checks"):
        raise PydanticCustomError("survey_unknown_check", "not a check of the catalog", {"value": value})
    return value


def _checklist_item(value: str) -> str:
    if value not in _known("checklist_items"):
        raise PydanticCustomError("survey_unknown_item", "not an item of the checklist", {"value": value})
    return value


CheckId = Annotated[str, AfterValidator(_check_id)]
ChecklistItemId = Annotated[str, AfterValidator(_checklist_item)]
