"""Annotated field types shared by the inventory models: forgiving on input, strict in meaning."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, StringConstraints

from hismigrate.model.text import parse_day, parse_flag, parse_list, parse_number, parse_text

# The constraints come before the BeforeValidator so that they land on pydantic's own string check, which runs
# in Rust; placed after it they become one Python call each per value (half of validation at 60,000 servers),
# and they also reach the JSON Schema. parse_text still runs first.
Id = Annotated[
    str,
    StringConstraints(min_length=1, max_length=128, pattern=r"^[^\s:,、]+$"),
    BeforeValidator(parse_text),
]
"""An identifier: no spaces, colons or commas (they separate lists in a workbook cell)."""

OptId = Annotated[
    str | None,
    StringConstraints(min_length=1, max_length=128, pattern=r"^[^\s:,、]+$"),
    BeforeValidator(parse_text),
]
"""An optional reference to an identifier."""

Slug = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$"), BeforeValidator(parse_text)
]
"""A lower-case identifier usable as a folder name."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=2000), BeforeValidator(parse_text)]
OptText = Annotated[str | None, BeforeValidator(parse_text)]
Flag = Annotated[bool, BeforeValidator(parse_flag)]
OptFlag = Annotated[bool | None, BeforeValidator(parse_flag)]
OptDay = Annotated[date | None, BeforeValidator(parse_day)]
OptFloat = Annotated[float | None, BeforeValidator(parse_number)]
OptInt = Annotated[int | None, BeforeValidator(parse_number)]
Int = Annotated[int, BeforeValidator(parse_number)]
IdList = Annotated[list[Id], BeforeValidator(parse_list)]
TextList = Annotated[list[Text], BeforeValidator(parse_list)]
