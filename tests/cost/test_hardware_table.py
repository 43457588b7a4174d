"""The shipped table of typical hardware prices: dated, sourced, marked an estimate, and calibrated: for each class
group, the prices the sample hospitals' ledgers record for servers that fall in a class stay within a factor of two
of the class's price (the calibration its comments describe)."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from hismigrate.cost.context import make_context
from hismigrate.load import load_inventory
from hismigrate.model.hardware_prices import shipped_hardware_prices
from hismigrate.model.prices import shipped_catalog
from hismigrate.model.settings import Settings
from tests.cost.conftest import AS_OF

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"


def test_the_table_is_dated_sourced_and_an_estimate() -> None:
    table = shipped_hardware_prices()
    assert table.estimate and table.source and table.as_of.year >= 2026 and table.id.endswith("2026-12")
    assert table.host().id == table.vm_host
    for classes in (table.servers, table.hypervisor_hosts):
        ordered = sorted(classes, key=lambda c: c.price_jpy)
        assert [c.max_cores for c in ordered] == sorted(c.max_cores for c in ordered)  # dearer holds more
        assert all(c.basis for c in ordered)


@pytest.mark.parametrize("group", ["server", "host", "storage"])
def test_class_prices_against_the_samples_recorded_prices(group: str) -> None:
    ratios = []
    for sample in ("aozora-chronic", "sakura-general", "minato-university"):
        inventory = load_inventory([SAMPLES / sample])
        # price every server as if it had none: its class price beside what the ledger records
        bare = inventory.model_copy(
            update={"servers": [s.model_copy(update={"purchase_price_jpy": None}) for s in inventory.servers]}
        )
        hw = make_context(bare, Settings().cost, shipped_catalog("aws"), AS_OF).hardware
        for k, server in enumerate(inventory.servers):
            item = hw.item[k]
            if server.purchase_price_jpy and item and item.startswith(group):
                ratios.append(server.purchase_price_jpy / float(hw.own_price[k]))
    assert len(ratios) >= 10
    assert 0.5 <= statistics.median(ratios) <= 2.0, statistics.median(ratios)
