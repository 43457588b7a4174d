"""Loading pauses the cyclic garbage collector and leaves it as it found it, whether the load succeeds or not."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from hismigrate.collector import collector_paused
from hismigrate.errors import InventoryError
from hismigrate.load import load_inventory


@pytest.fixture
def collector_state() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


@pytest.mark.usefixtures("collector_state")
@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_and_restored_after(enabled: bool) -> None:
    (gc.enable if enabled else gc.disable)()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled() is enabled
    with pytest.raises(ValueError), collector_paused():
        raise ValueError
    assert gc.isenabled() is enabled


@pytest.mark.usefixtures("collector_state")
def test_a_load_restores_the_collector_after_success_and_after_an_error(small_dir: Path, tmp_path: Path) -> None:
    gc.enable()
    load_inventory([small_dir])
    assert gc.isenabled()
    with pytest.raises(InventoryError):
        load_inventory([tmp_path / "nowhere.yaml"])
    assert gc.isenabled()
