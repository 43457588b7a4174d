"""Every number a model holds, found by walking its fields, and plain data with chosen numbers set to their bounds."""

from __future__ import annotations

import copy
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel

Path = tuple[str, ...]  # field names; "[]" is every item of a list, "{}" every value of a mapping


@dataclass(frozen=True)
class Bounded:
    """A number (or a date) of a model: where it is and its bounds (None where there is none)."""

    path: Path
    kind: type  # int, float or date
    low: Any
    high: Any
    low_open: bool = False  # gt rather than ge
    high_open: bool = False
    finite: bool = False  # allow_inf_nan=False
    description: str = ""

    @property
    def name(self) -> str:
        return ".".join(self.path)


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in metadata:
        for name in ("ge", "gt", "le", "lt", "allow_inf_nan"):
            value = getattr(item, name, None)
            if value is not None and not isinstance(item, type):
                found[name] = value
        if hasattr(item, "metadata"):  # a FieldInfo inside Annotated
            found.update(_constraints(list(item.metadata)))
        if isinstance(item, annotated_types.Interval):
            found.update({k: v for k, v in vars(item).items() if v is not None})
    return found


def _strip(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """The annotation without Annotated and Optional layers, and every constraint met on the way."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata = [*metadata, *extra]
        elif origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, metadata
            annotation = args[0]
        else:
            return annotation, metadata


def bounded_values(model: type[BaseModel], prefix: Path = ()) -> Iterator[Bounded]:
    """Every int, float and date field of `model` and of the models inside it."""
    for name, field in model.model_fields.items():
        key = field.alias or name
        yield from _values(field.annotation, list(field.metadata), (*prefix, key), field.description or "")


def _values(annotation: Any, metadata: list[Any], path: Path, description: str) -> Iterator[Bounded]:
    annotation, metadata = _strip(annotation, metadata)
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from bounded_values(annotation, path)
    elif origin in (list, tuple):
        yield from _values(get_args(annotation)[0], [], (*path, "[]"), description)
    elif origin is dict:
        yield from _values(get_args(annotation)[1], [], (*path, "{}"), description)
    elif annotation in (int, float, date):
        c = _constraints(metadata)
        yield Bounded(
            path,
            annotation,
            c.get("ge", c.get("gt")),
            c.get("le", c.get("lt")),
            "gt" in c,
            "lt" in c,
            c.get("allow_inf_nan") is False,
            description,
        )


def with_values(data: dict[str, Any], fields: list[Bounded], value: Callable[[Bounded], Any]) -> dict[str, Any]:
    """A copy of plain data with each field in `fields` set to `value(field)` wherever it is (every list item,
    every mapping value); parts absent from `data` are left absent."""
    out = copy.deepcopy(data)
    for field in fields:
        _put(out, field.path, value(field))
    return out


def _put(node: Any, path: Path, value: Any) -> None:
    head, rest = path[0], path[1:]
    if head == "[]":
        if isinstance(node, list) and rest:
            for item in node:
                _put(item, rest, value)
        return
    if head == "{}":
        if isinstance(node, dict):
            for key in node:
                if rest:
                    _put(node[key], rest, value)
                else:
                    node[key] = value
        return
    if not isinstance(node, dict):
        return
    if not rest:
        node[head] = value
    elif head in node and node[head] is not None:
        _put(node[head], rest, value)
