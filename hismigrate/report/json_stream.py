"""assessment.json piece by piece: pydantic's indented JSON of a model, one field (or one run of a long tuple's
items) at a time, so that no serialized text of the whole estate is ever held in memory, and so that the pieces can
be made on several cores (each is a task: it makes its bytes when called)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from pydantic import BaseModel

from hismigrate.model.columns import Column
from hismigrate.model.cost import CostLines, CostResult

# Models whose fields are serialized one by one rather than whole: the Assessment, its cost part and the cost lines
# (columns of over a million values at x100). None has custom serializers or computed fields, so its JSON is exactly
# its fields' JSON.
_DESCEND: tuple[type[BaseModel], ...] = (CostResult, CostLines)
# A tuple longer than this is serialized in runs of this many items (a few MB of text each).
RUN = 5000

Piece = Callable[[], bytes]


def model_pieces(model: BaseModel, pad: bytes) -> Iterator[Piece]:
    """The pieces of `model`'s JSON (indent 2) as it appears nested `len(pad) // 2` levels deep: its first line
    unindented, the following ones indented by `pad` more. Each piece's bytes end after a comma or a line break, or
    are the closing brace, so that every number in a piece is followed by its comma or line break within it."""
    names = list(type(model).__pydantic_fields__)
    inner = pad + b"  "
    yield partial(_text, b"{\n")
    for k, name in enumerate(names):
        end = b",\n" if k < len(names) - 1 else b"\n"
        key = inner + b'"' + name.encode("ascii") + b'": '
        value = getattr(model, name)
        if isinstance(value, _DESCEND):
            yield partial(_text, key)
            yield from model_pieces(value, inner)
            yield partial(_text, end)
        elif isinstance(value, tuple | Column) and len(value) > RUN:
            yield partial(_text, key + b"[\n")
            for start in range(0, len(value), RUN):
                more = start + RUN < len(value)
                yield partial(_run_json, model, name, start, inner, b",\n" if more else b"\n")
            yield partial(_text, inner + b"]" + end)
        else:
            yield partial(_field_json, model, name, inner, key, end)
    yield partial(_text, pad + b"}")


def long_runs(model: BaseModel) -> int:
    """How many runs of items `model_pieces` makes of `model`'s long tuples (a measure of the work in its JSON)."""
    runs = 0
    for name in type(model).__pydantic_fields__:
        value = getattr(model, name)
        if isinstance(value, _DESCEND):
            runs += long_runs(value)
        elif isinstance(value, tuple | Column) and len(value) > RUN:
            runs += -(-len(value) // RUN)
    return runs


def _text(data: bytes) -> bytes:
    return data


def _run_json(model: BaseModel, name: str, start: int, inner: bytes, end: bytes) -> bytes:
    """Items `start` to `start + RUN` of the tuple field `name`, as they appear inside its `[...]`, then `end`."""
    value = getattr(model, name)
    text = _value_json(model.model_copy(update={name: value[start : start + RUN]}), name, inner)
    # `[\n<items>\n<inner>]`: keep the items
    return text[2 : -(len(inner) + 2)] + end


def _field_json(model: BaseModel, name: str, inner: bytes, key: bytes, end: bytes) -> bytes:
    return key + _value_json(model, name, inner) + end


def _value_json(model: BaseModel, name: str, inner: bytes) -> bytes:
    """The JSON of one field's value as it appears after its key at indent `inner`: pydantic's text of the model with
    only that field is `{\n  "name": <value>\n}`, its value's lines indented for one level."""
    text = type(model).__pydantic_serializer__.to_json(model, indent=2, include={name})
    value = text[len(name) + 8 : -2]  # after `{\n  "name": `, before `\n}`
    return value if len(inner) == 2 else value.replace(b"\n", b"\n" + inner[2:])
