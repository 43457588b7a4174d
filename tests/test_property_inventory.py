"""Invariants over random valid inventories: they always load, round-trip, and map to one graph node per item."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings

from hismigrate.graph.build import build_graph
from hismigrate.graph.query import counts
from hismigrate.load import load_inventory
from hismigrate.write.yaml_writer import inventory_yaml
from tests.strategies import inventories


def _load(text: str) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "inventory.yaml"
        path.write_text(text, encoding="utf-8")
        return load_inventory([path])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inventories())
def test_random_valid_inventory_loads_and_has_one_node_per_item(data: dict[str, Any]) -> None:
    inv = _load(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert [s.id for s in inv.servers] == [s["id"] for s in data["servers"]]
    n = counts(build_graph(inv))
    assert n.get("segment", 0) == len(data["segments"])
    assert n.get("server", 0) == len(data["servers"])
    assert n.get("system", 0) == len(data["systems"])
    assert n.get("connection", 0) == len(data["connections"])
    assert n["internet"] == 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inventories())
def test_written_yaml_reads_back_to_an_equal_inventory(data: dict[str, Any]) -> None:
    inv = _load(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert _load(inventory_yaml(inv)) == inv
