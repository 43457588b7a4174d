"""A submission as key/value pairs (`adoption.ordering_kinds.lab` -> true), the form of a submission workbook."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def flatten(data: dict[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Nested mappings to dotted keys, in the mappings' order; an empty mapping keeps its key with no value."""
    out: list[tuple[str, Any]] = []
    for key, value in data.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and value:
            out.extend(flatten(value, name))
        elif not isinstance(value, dict):
            out.append((name, value))
    return out


class FlatConflict(ValueError):
    """A key is given both as a value and as the parent of other keys, or twice."""

    def __init__(self, key: str, index: int) -> None:
        super().__init__(key)
        self.key = key
        self.index = index


def unflatten(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """Dotted keys back to nested mappings; raises FlatConflict naming the pair (by position) that clashes."""
    root: dict[str, Any] = {}
    for index, (key, value) in enumerate(pairs):
        parts = key.split(".")
        node = root
        for part in parts[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise FlatConflict(key, index)
            node = child
        if parts[-1] in node:
            raise FlatConflict(key, index)
        node[parts[-1]] = value
    return root
