"""Shared fixtures of the cost tests: a small hospital, the shipped settings and catalog, and the stand-in plan
"all movable systems in one wave next April" used until the planner lands."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Inventory
from hismigrate.model.plan import MigrationPlan, SystemStrategy, Wave
from hismigrate.model.prices import PriceCatalog, shipped_catalog
from hismigrate.model.settings import Settings

AS_OF = date(2026, 9, 1)


def next_april(as_of: date) -> date:
    return date(as_of.year + 1 if as_of.month >= 4 else as_of.year, 4, 1)


def one_wave_plan(inventory: Inventory, as_of: date = AS_OF, strategy: Strategy | None = None) -> MigrationPlan:
    """Every system whose strategy is not retain moves in one wave next April."""
    strategies, moving = [], []
    for system in inventory.systems:
        chosen = strategy or system.strategy or Strategy.rehost
        strategies.append(SystemStrategy(system=system.id, strategy=chosen))
        if chosen != Strategy.retain:
            moving.append(system.id)
    waves = (Wave(index=1, cutover=next_april(as_of), systems=tuple(moving)),) if moving else ()
    return MigrationPlan(strategies=tuple(strategies), waves=waves)


def small_inventory(emr: dict[str, Any] | None = None, **overrides: Any) -> Inventory:
    data: dict[str, Any] = {
        "hospital": {
            "id": "sakura",
            "name": "さくら病院",
            "beds": 300,
            "type": "acute",
            "prefecture": "東京都",
            "founder": "public",
        },
        "segments": [{"id": "lan", "name": "LAN", "zone": "clinical"}],
        "servers": [
            {
                "id": "db01",
                "hostname": "db01",
                "segment": "lan",
                "role": "database",
                "vcpu": 8,
                "memory_gb": 32,
                "storage_gb": 500,
                "cpu_util_pct": 30,
                "memory_util_pct": 40,
                "physical": True,
                "purchase_date": "2022-04-01",
                "purchase_price_jpy": 3000000,
                "power_watts": 400,
            },
            {
                "id": "ap01",
                "hostname": "ap01",
                "segment": "lan",
                "vcpu": 4,
                "memory_gb": 16,
                "storage_gb": 200,
                "cpu_util_pct": 50,
                "memory_util_pct": 50,
                "purchase_date": "2023-04-01",
                "purchase_price_jpy": 1000000,
            },
        ],
        "systems": [
            {
                "id": "emr",
                "name": "電子カルテ",
                "category": "emr",
                "servers": ["db01", "ap01"],
                "criticality": 1,
                "users": 400,
                "data_volume_gb": 300,
                "maintenance_jpy_per_year": 30000000,
                "licence_jpy_per_year": 2000000,
                "contract_end": "2029-03-31",
                "fee_revision": True,
                "customisation": "high",
            },
        ],
    }
    data["systems"][0].update(emr or {})
    data.update(overrides)
    return Inventory.model_validate(data)


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def catalog() -> PriceCatalog:
    return shipped_catalog("aws")
