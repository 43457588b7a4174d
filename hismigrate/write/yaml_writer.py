"""Inventory (or a fragment of one) -> YAML text that the YAML loader reads back to an equal inventory."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

from hismigrate.model.inventory import INVENTORY_PARTS, Inventory, Server


class _Dumper(yaml.SafeDumper):
    """Safe dumper that indents list items under their key, as people write YAML by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> Any:
        return super().increase_indent(flow, False)


def inventory_document(inventory: Inventory) -> dict[str, Any]:
    """The inventory as plain data: defaults left out so that files stay short; parts in the usual order."""
    dumped = inventory.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    doc: dict[str, Any] = {"hospital": dumped["hospital"]}
    for part in INVENTORY_PARTS[1:]:
        if dumped.get(part):
            doc[part] = dumped[part]
    return doc


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def plain(value: Any) -> Any:
    """JSON-mode data made pleasant in YAML: whole floats as integers, ISO dates as YAML dates (for generators that
    write inventories from models)."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _DAY.match(value):
        return date.fromisoformat(value)
    return value


def dump_yaml(document: dict[str, Any], header: str | None = None) -> str:
    """YAML text of a plain document (UTF-8, Japanese kept readable, keys in model order)."""
    text = yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120, default_flow_style=False)
    if header:
        comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
        return comment + text
    return text


def inventory_yaml(inventory: Inventory, header: str | None = None) -> str:
    return dump_yaml(inventory_document(inventory), header)


def servers_fragment_yaml(servers: list[Server], header: str | None = None) -> str:
    """A `servers:` fragment that validates when placed in an inventory directory beside the other files."""
    items = [s.model_dump(mode="json", by_alias=True, exclude_defaults=True) for s in servers]
    return dump_yaml({"servers": items}, header)
