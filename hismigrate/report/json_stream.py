"""assessment.json piece by piece: pydantic's indented JSON of a model, one field (or one run of a long tuple's
items) at a time, so that no serialized text of the whole estate is ever held in memory."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from hismigrate.cost.result import CostResult

# Models whose fields are serialized one by one rather than whole: the Assessment and its cost part (over a million
# cost lines at x100). Neither has custom serializers or computed fields, so its JSON is exactly its fields' JSON.
_DESCEND: tuple[type[BaseModel], ...] = (CostResult,)
# A tuple longer than this is serialized in runs of this many items (a few MB of text each).
RUN = 5000


def model_parts(model: BaseModel, pad: bytes) -> Iterator[bytes]:
    """The bytes of `model`'s JSON (indent 2) as it appears nested `len(pad) // 2` levels deep: its first line
    unindented, the following ones indented by `pad` more. Each part ends after a comma or a line break, or is the
    closing brace, so that every number in a part is followed by its comma or line break within that part."""
    names = list(type(model).__pydantic_fields__)
    inner = pad + b"  "
    yield b"{\n"
    for k, name in enumerate(names):
        end = b",\n" if k < len(names) - 1 else b"\n"
        key = inner + b'"' + name.encode("ascii") + b'": '
        value = getattr(model, name)
        if isinstance(value, _DESCEND):
            yield key
            yield from model_parts(value, inner)
            yield end
        elif isinstance(value, tuple) and len(value) > RUN:
            yield key + b"[\n"
            for start in range(0, len(value), RUN):
                items = _field_json(model.model_copy(update={name: value[start : start + RUN]}), name, inner)
                # `[\n<items>\n<inner>]`: keep the items, joined to the next run by a comma
                more = start + RUN < len(value)
                yield items[2 : -(len(inner) + 2)] + (b",\n" if more else b"\n")
            yield inner + b"]" + end
        else:
            yield key + _field_json(model, name, inner) + end
    yield pad + b"}"


def _field_json(model: BaseModel, name: str, inner: bytes) -> bytes:
    """The JSON of one field's value as it appears after its key at indent `inner`: pydantic's text of the model with
    only that field is `{\n  "name": <value>\n}`, its value's lines indented for one level."""
    text = type(model).__pydantic_serializer__.to_json(model, indent=2, include={name})
    value = text[len(name) + 8 : -2]  # after `{\n  "name": `, before `\n}`
    return value if len(inner) == 2 else value.replace(b"\n", b"\n" + inner[2:])
