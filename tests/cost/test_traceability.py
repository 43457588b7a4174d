"""Every figure traces to a catalog item, a setting or the inventory; the result lists them all."""

from __future__ import annotations

import json

from hismigrate.cost.case import cost_plan
from hismigrate.model.fee_revision import table_id as fee_revision_table
from hismigrate.model.hardware_prices import shipped_hardware_prices
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from tests.cost.conftest import AS_OF, one_wave_plan, small_inventory


def test_every_basis_reference_resolves(catalog: PriceCatalog) -> None:
    inventory = small_inventory(
        connections=[
            {
                "id": "vpn1",
                "kind": "remote_maintenance",
                "lands_in": "lan",
                "serves": ["emr"],
                "cost_jpy_per_year": 600000,
            }
        ],
        flows=[{"from": "emr", "to": "emr", "gb_per_day": 1}],
    )
    result = cost_plan(inventory, one_wave_plan(inventory), Settings(), catalog, AS_OF)
    items = {it.id for it in result.items_used}
    index = inventory.by_id()
    parts = {"servers": index.servers, "systems": index.systems, "connections": index.connections}
    assert len(result.lines)
    for line in result.lines.each():
        assert line.basis, line
        for ref in line.basis:
            kind, _, rest = ref.partition(":")
            if kind == "catalog":
                assert rest in items, ref
            elif kind == "setting":
                assert any(key == rest or key.startswith(rest + ".") for key in result.settings_used), ref
            elif kind == "data":  # a shipped, dated table
                assert rest in (fee_revision_table(), shipped_hardware_prices().id), ref
            elif kind in ("inferred", "estimate"):  # assumed in the inventory's place: a gap names it
                assert ref in {g.reference for g in result.gaps.each()}, ref
            else:
                assert kind == "inventory", ref
                part, _, tail = rest.partition(".")
                if part in parts:
                    assert tail.split(".")[0] in parts[part], ref
                else:
                    assert part in ("hospital", "flows"), ref
    # the vendor line stops with the system it maintains
    plan_lines = {ln.year for ln in result.per_year() if ln.subject == "vpn1" and ln.scenario == "plan"}
    assert plan_lines == {2026}
    json.loads(result.model_dump_json())  # JSON-able


def test_defaults_have_sources() -> None:
    cost = Settings().cost
    top = {name for name in type(cost).model_fields if name not in ("sources", "as_of", "subsidies")}
    covered = {key.split(".")[0] for key in cost.sources}
    assert top <= covered, top - covered
    assert all(s.source for s in cost.subsidies)
