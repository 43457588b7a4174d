"""The control-cost catalog (data/control_costs.yaml): what each control costs per unit, dated and sourced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache


@dataclass(frozen=True)
class CostItem:
    key: str
    unit: str
    one_time_jpy: int
    yearly_jpy: int
    manual: bool
    basis: str
    source: str


@dataclass(frozen=True)
class ControlCosts:
    id: str
    as_of: date
    items: dict[str, CostItem]


@cache
def control_costs(name: str = "control_costs.yaml") -> ControlCosts:
    from hismigrate.data import load_data

    data = load_data(name)
    items = {
        str(key): CostItem(
            key=str(key),
            unit=str(v["unit"]),
            one_time_jpy=int(v["one_time_jpy"]),
            yearly_jpy=int(v["yearly_jpy"]),
            manual=bool(v["manual"]),
            basis=str(v["basis"]),
            source=str(v["source"]),
        )
        for key, v in data["items"].items()
    }
    return ControlCosts(id=str(data["id"]), as_of=data["as_of"], items=items)
