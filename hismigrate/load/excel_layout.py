"""The layout of an inventory workbook: which sheet holds which part, which headers name which field.

Shared by the loader and the writer so that what one writes the other reads. Labels come from the i18n catalogs
(`excel.sheet.<part>`, `field.<part>.<field>`); both languages are always accepted.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from hismigrate.i18n import LANGUAGES, t, with_terms
from hismigrate.model.enums import Answer
from hismigrate.model.inventory import Connection, Flow, Hospital, Practices, Route, Segment, Server, System
from hismigrate.model.text import fold

TABLE_PARTS: dict[str, type[BaseModel]] = {
    "segments": Segment,
    "servers": Server,
    "systems": System,
    "connections": Connection,
    "flows": Flow,
}
"""Parts written as a table: one row per item, one column per field."""

RECORD_PARTS: dict[str, type[BaseModel]] = {"hospital": Hospital, "practices": Practices}
"""Parts written as a record: one row per field (item | value)."""

ROUTES = "routes"
ROUTE_FROM = "segment"
"""Segment routes live on their own sheet, one row per allowed route, like a firewall rule list."""

SHEET_ORDER = ("hospital", "segments", ROUTES, "servers", "systems", "connections", "flows", "practices")

_UNIT = re.compile(r"\(.*?\)$")
_CHECKLIST_NUMBER = re.compile(r"^\d-\(\d\)$")


@dataclass(frozen=True)
class FieldInfo:
    """What the loader needs to know about a field to turn an Excel cell into a value the model accepts."""

    name: str  # the key in the plain data (alias where one exists, e.g. `from`)
    required: bool
    kind: str  # "date", "list", "answer", "enum", "flag", "number", "text"
    enum: type[Enum] | None = None


def _kind(annotation: Any) -> tuple[str, type[Enum] | None]:
    origin = get_origin(annotation)
    if origin is Annotated:  # a constrained type (model.fields.Day): its kind is that of the type it constrains
        return _kind(get_args(annotation)[0])
    args = [a for a in get_args(annotation) if a is not type(None)]
    if origin is list:
        return "list", None
    if origin in (Union, types.UnionType) and len(args) == 1:
        return _kind(args[0])
    if annotation is date:
        return "date", None
    if annotation is Answer:
        return "answer", Answer
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "enum", annotation
    if annotation is bool:
        return "flag", None
    if annotation in (int, float):
        return "number", None
    return "text", None


@cache
def fields_of(part: str) -> dict[str, FieldInfo]:
    """The fields of a part in model order, keyed by their data name (routes start with their `segment`)."""
    if part == ROUTES:
        out = {ROUTE_FROM: FieldInfo(ROUTE_FROM, True, "text")}
        model: type[BaseModel] = Route
    else:
        out = {}
        model = {**TABLE_PARTS, **RECORD_PARTS}[part]
    for name, field in model.model_fields.items():
        key = field.alias or name
        if key == ROUTES:
            continue  # segment routes are on their own sheet
        kind, enum = _kind(field.annotation)
        out[key] = FieldInfo(key, field.is_required(), kind, enum)
    return out


def field_label(part: str, name: str, lang: str) -> str:
    return t(f"field.{part}.{name}", lang)


def sheet_name(part: str, lang: str) -> str:
    return t(f"excel.sheet.{part}", lang)


def _variants(text: str) -> set[str]:
    """A label as typed, and without its unit in brackets (`メモリ(GB)` also matches `メモリ`)."""
    folded = fold(text)
    return {folded, fold(_UNIT.sub("", fold(text)))} - {""}


@cache
def header_table(part: str) -> dict[str, str]:
    """Folded header text -> field name, for every accepted spelling (both languages and the data name)."""
    table: dict[str, str] = {}
    for name in fields_of(part):
        spellings = {name, *(field_label(part, name, lang) for lang in LANGUAGES)}
        if part == "practices":  # the checklist number alone (`2-(1)`) also names an item
            numbers = {field_label(part, name, lang).split(" ")[0] for lang in LANGUAGES}
            spellings |= {n for n in numbers if _CHECKLIST_NUMBER.match(n)}
        for spelling in spellings:
            for variant in _variants(spelling):
                table.setdefault(variant, name)
    return table


def match_header(part: str, text: object) -> str | None:
    """The field a header cell names, if any; a header spelled otherwise than the terminology (`サーバID`) too."""
    if not isinstance(text, str) or not text.strip():
        return None
    table = header_table(part)
    for spelling in dict.fromkeys((text, with_terms(text, "ja"))):
        found = table.get(fold(spelling)) or table.get(fold(_UNIT.sub("", fold(spelling))))
        if found:
            return found
    return None


@cache
def sheet_table() -> dict[str, str]:
    """Folded sheet name -> part, in both languages and as the part's own key."""
    table: dict[str, str] = {}
    for part in (*SHEET_ORDER, "instructions", "lists"):
        for spelling in (part, *(sheet_name(part, lang) for lang in LANGUAGES)):
            table.setdefault(fold(spelling), part)
    return table


def match_sheet(title: str) -> str | None:
    return sheet_table().get(fold(title))


@cache
def record_headers() -> dict[str, str]:
    """Folded header of a record sheet's two columns (item, value) -> "item" or "value"."""
    table: dict[str, str] = {}
    for role in ("item", "value"):
        for lang in LANGUAGES:
            table[fold(t(f"excel.column.{role}", lang))] = role
        table[role] = role
    return table
