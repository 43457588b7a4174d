"""Annotated field types shared by the inventory models: forgiving on input, strict in meaning."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, StringConstraints

from hismigrate.model.text import parse_day, parse_flag, parse_list, parse_number, parse_text

Id = Annotated[
    str,
    BeforeValidator(parse_text),
    StringConstraints(min_length=1, max_length=128, pattern=r"^[^\s:,、]+$"),
]
"""An identifier: no spaces, colons or commas (they separate lists in a workbook cell)."""

Slug = Annotated[
    str, BeforeValidator(parse_text), StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")
]
"""A lower-case identifier usable as a folder name."""

Text = Annotated[str, BeforeValidator(parse_text), StringConstraints(min_length=1, max_length=2000)]
OptText = Annotated[str | None, BeforeValidator(parse_text)]
Flag = Annotated[bool, BeforeValidator(parse_flag)]
OptFlag = Annotated[bool | None, BeforeValidator(parse_flag)]
OptDay = Annotated[date | None, BeforeValidator(parse_day)]
OptFloat = Annotated[float | None, BeforeValidator(parse_number)]
OptInt = Annotated[int | None, BeforeValidator(parse_number)]
Int = Annotated[int, BeforeValidator(parse_number)]
IdList = Annotated[list[Id], BeforeValidator(parse_list)]
TextList = Annotated[list[Text], BeforeValidator(parse_list)]
