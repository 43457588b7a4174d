"""A column of a result table: one value per line, or one row of values per line. The analysis hands over numpy
arrays (compact: a large estate has over a million cost lines) and a model read from JSON holds tuples; either way
pydantic validates it, serialises it as a JSON array (row by row for rows) and describes it. The model itself needs
no numpy: a column is used through `tolist`, `len` and indexing. Equal when the values are; sliced, it stays a column
(the JSON writer writes long ones in runs)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import ClassVar, Protocol

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema


class ArrayLike(Protocol):
    def tolist(self) -> list[object]: ...

    def __len__(self) -> int: ...

    def __getitem__(self, where: int | slice, /) -> object: ...


class Column:
    """Integers (`IntColumn`), flags (`BoolColumn`) or rows of integers (`IntRows`: one row per line)."""

    json_items: ClassVar[dict[str, object]] = {"type": "integer"}

    __slots__ = ("values",)

    def __init__(self, values: ArrayLike | Sequence[object]) -> None:
        self.values = values

    @classmethod
    def of(cls, values: object) -> Column:
        """From a column, an array or a list (as read from JSON)."""
        if isinstance(values, cls):
            return values
        if hasattr(values, "tolist"):
            return cls(values)  # type: ignore[arg-type]
        if isinstance(values, list | tuple):
            return cls(tuple(tuple(v) if isinstance(v, list | tuple) else v for v in values))
        raise ValueError(f"a column needs a list of values, not {type(values).__name__}")

    def tolist(self) -> list[object]:
        values = self.values
        if hasattr(values, "tolist"):
            return list(values.tolist())
        return [list(v) if isinstance(v, tuple) else v for v in values]

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, where: slice) -> Column:
        return type(self)(self.values[where])  # type: ignore[arg-type]

    def at(self, k: int) -> object:
        """The value (or row, as a list) of line k."""
        value = self.values[k]
        if hasattr(value, "tolist"):
            return value.tolist()
        return list(value) if isinstance(value, tuple) else value

    def __iter__(self) -> Iterator[object]:
        return iter(self.tolist())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Column) and self.tolist() == other.tolist()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} values)"

    @classmethod
    def __get_pydantic_core_schema__(cls, source: type, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.of, serialization=core_schema.plain_serializer_function_ser_schema(cls.tolist)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "array", "items": dict(cls.json_items)}


class IntColumn(Column):
    """One integer per line (an index into a table stored once, or a figure)."""


class BoolColumn(Column):
    json_items: ClassVar[dict[str, object]] = {"type": "boolean"}


class IntRows(Column):
    """One row of integers per line (a figure per year)."""

    json_items: ClassVar[dict[str, object]] = {"type": "array", "items": {"type": "integer"}}

    def row_sums(self) -> list[int]:
        """Each row's sum."""
        values = self.values
        if hasattr(values, "sum") and len(values):  # an array: summed in one pass
            return [int(x) for x in values.sum(axis=1).tolist()]
        return [sum(row) for row in self.tolist() if isinstance(row, list)]


__all__ = ["BoolColumn", "Column", "IntColumn", "IntRows"]
