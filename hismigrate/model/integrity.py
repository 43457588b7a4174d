"""Cross-reference and uniqueness checks over an inventory in its plain (dict) form.

Working on the plain form lets the loaders report reference mistakes together with type mistakes, in one pass,
even when some items did not validate. Each problem is (location path, message key, params).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

from hismigrate.model.text import parse_list, parse_text

Loc = tuple[str | int, ...]
Found = tuple[Loc, str, dict[str, object]]
"""(where, message key, parameters); a parameter that is itself a Loc names a second place."""

_PARTS_WITH_IDS = {"segments": "segment", "servers": "server", "systems": "system", "connections": "connection"}


def _items(data: Mapping[str, object], part: str) -> Iterable[tuple[int, dict[str, Any]]]:
    items = data.get(part)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _id(value: Any) -> str | None:
    text = parse_text(value)
    return text if isinstance(text, str) else None


def _ids(value: Any) -> list[tuple[int | None, str]]:
    """The ids of a list field with their index in the list (None when the field was one cell of text)."""
    parsed = parse_list(value)
    if isinstance(value, str) and isinstance(parsed, list):
        return [(None, str(v)) for v in parsed]
    if isinstance(parsed, list):
        return [(i, t) for i, v in enumerate(parsed) if (t := _id(v)) is not None]
    return []


def suggestion(value: str, choices: Iterable[str]) -> str | None:
    """The closest known id to a mistyped one, if any is close."""
    return _closest(value, sorted(set(choices)))


def _closest(value: str, unique_sorted: list[str]) -> str | None:
    close = difflib.get_close_matches(value, unique_sorted, n=1, cutoff=0.6)
    return close[0] if close else None


def reference_problems(data: Mapping[str, object]) -> list[Found]:
    """Duplicate ids and references to ids that do not exist, in every part."""
    found: list[Found] = []
    known: dict[str, set[str]] = {}
    for part, kind in _PARTS_WITH_IDS.items():
        seen: dict[str, int] = {}
        for i, item in _items(data, part):
            ident = _id(item.get("id"))
            if ident is None:
                continue
            if ident in seen:
                found.append(
                    ((part, i, "id"), "duplicate_id", {"id": ident, "kind": kind, "first": (part, seen[ident], "id")})
                )
            else:
                seen[ident] = i
        known[part] = set(seen)

    # A renamed segment makes hundreds of servers name the same missing id: look each one up once, among ids
    # sorted once (each search is a pass over every id of the part).
    choices = {part: sorted(ids) for part, ids in known.items()}
    nearest: dict[tuple[str, str], str | None] = {}

    def check(loc: Loc, value: Any, part: str, kind: str) -> None:
        ident = _id(value)
        if ident is None or ident in known[part]:
            return
        if (part, ident) not in nearest:
            nearest[(part, ident)] = _closest(ident, choices[part])
        near = nearest[(part, ident)]
        key = "unknown_reference_suggest" if near else "unknown_reference"
        found.append((loc, key, {"kind": kind, "value": ident, "suggestion": near}))

    def check_list(loc: Loc, value: Any, part: str, kind: str) -> None:
        for index, ident in _ids(value):
            check(loc if index is None else (*loc, index), ident, part, kind)

    for i, seg in _items(data, "segments"):
        routes = seg.get("routes")
        for j, route in enumerate(routes if isinstance(routes, list) else []):
            if isinstance(route, dict):
                check(("segments", i, "routes", j, "to"), route.get("to"), "segments", "segment")
                if _id(route.get("to")) == _id(seg.get("id")):
                    found.append((("segments", i, "routes", j, "to"), "self_reference", {"value": _id(seg.get("id"))}))
    for i, srv in _items(data, "servers"):
        check(("servers", i, "segment"), srv.get("segment"), "segments", "segment")
        if _id(srv.get("host")) is not None:
            check(("servers", i, "host"), srv.get("host"), "servers", "server")
            if _id(srv.get("host")) == _id(srv.get("id")):
                found.append((("servers", i, "host"), "self_reference", {"value": _id(srv.get("id"))}))
    for i, sys in _items(data, "systems"):
        check_list(("systems", i, "servers"), sys.get("servers"), "servers", "server")
        check_list(("systems", i, "depends_on"), sys.get("depends_on"), "systems", "system")
        if _id(sys.get("id")) in {ident for _, ident in _ids(sys.get("depends_on"))}:
            found.append((("systems", i, "depends_on"), "self_reference", {"value": _id(sys.get("id"))}))
    for i, conn in _items(data, "connections"):
        check(("connections", i, "lands_in"), conn.get("lands_in"), "segments", "segment")
        check_list(("connections", i, "serves"), conn.get("serves"), "systems", "system")
    for i, flow in _items(data, "flows"):
        check(("flows", i, "from"), flow.get("from", flow.get("source")), "systems", "system")
        check(("flows", i, "to"), flow.get("to", flow.get("target")), "systems", "system")
    return found
