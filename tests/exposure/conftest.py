"""Shared helpers of the exposure tests: the clean base inventory and the patches of the check cases."""

from __future__ import annotations

import copy
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from hismigrate.model.inventory import Inventory

CASES = Path(__file__).parent / "cases"
AS_OF = date(2026, 6, 1)


def apply_patch(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Lists of items merge by id (a new id is appended, items without ids are appended); mappings update."""
    out = copy.deepcopy(base)
    for part, value in (patch or {}).items():
        if isinstance(value, list):
            items = out.setdefault(part, [])
            for item in value:
                match = next((i for i in items if "id" in item and i.get("id") == item["id"]), None)
                if match is None:
                    items.append(copy.deepcopy(item))
                else:
                    match.update(copy.deepcopy(item))
        elif isinstance(value, dict):
            out.setdefault(part, {}).update(value)
        else:
            out[part] = value
    return out


def base_data() -> dict[str, Any]:
    return yaml.safe_load((CASES / "_base.yaml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def inventory_with(patch: dict[str, Any] | None = None) -> Inventory:
    return Inventory.model_validate(apply_patch(base_data(), patch or {}))


@pytest.fixture
def base_inventory() -> Inventory:
    return inventory_with()
