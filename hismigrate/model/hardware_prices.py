"""The shipped table of typical on-premises hardware prices by size class (hismigrate/data/hardware_prices.yaml): an
estimate standing in for a purchase price the inventory does not give, named wherever a figure rests on it."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Annotated

from pydantic import Field

from hismigrate.model.fields import MAX_CORES, MAX_MEMORY_GB, MAX_PURCHASE_JPY, MAX_STORAGE_GB, MAX_WATTS, bounded
from hismigrate.model.frozen import Frozen


class SizeClass(Frozen):
    """A server or hypervisor host class: the largest cores and memory it holds, its price and typical draw."""

    id: str = Field(min_length=1)
    max_cores: Annotated[
        int,
        bounded("Most cores of the class.", ge=1, le=MAX_CORES),
    ]
    max_memory_gb: Annotated[
        float,
        bounded("Most memory (GiB) of the class.", gt=0, le=MAX_MEMORY_GB),
    ]
    price_jpy: Annotated[
        float,
        bounded("Typical purchase price, JPY, tax excluded.", ge=0, le=MAX_PURCHASE_JPY),
    ]
    watts: Annotated[
        float,
        bounded("Typical average draw.", ge=0, le=MAX_WATTS),
    ]
    basis: str = Field(min_length=1, description="What the class stands for (the configuration priced).")


class StorageClass(Frozen):
    """A storage class: the most usable TB it holds, a base price and a price per TB."""

    id: str = Field(min_length=1)
    max_tb: Annotated[
        float,
        bounded("Most usable TB of the class.", gt=0, le=MAX_STORAGE_GB / 1000),
    ]
    base_jpy: Annotated[
        float,
        bounded("Price of the controller and chassis, JPY.", ge=0, le=MAX_PURCHASE_JPY),
    ]
    jpy_per_tb: Annotated[
        float,
        bounded("Price per usable TB, JPY.", ge=0, le=MAX_PURCHASE_JPY),
    ]
    watts: Annotated[
        float,
        bounded("Typical average draw.", ge=0, le=MAX_WATTS),
    ]
    basis: str = Field(min_length=1)


class HardwarePrices(Frozen):
    id: str = Field(min_length=1, description="Id of the table, with its date.")
    as_of: date
    estimate: bool = Field(description="The figures are estimates, not published prices.")
    source: str = Field(min_length=1)
    servers: tuple[SizeClass, ...] = Field(min_length=1)
    hypervisor_hosts: tuple[SizeClass, ...] = Field(min_length=1)
    vm_host: str = Field(description="The hypervisor host class a virtual machine's share is estimated from.")
    storage: tuple[StorageClass, ...] = Field(min_length=1)

    def host(self) -> SizeClass:
        return next(c for c in self.hypervisor_hosts if c.id == self.vm_host)

    def scaled(self, factor: float) -> HardwarePrices:
        """Every price times `factor` (the tornado's low and high ends)."""
        return self.model_copy(
            update={
                "servers": tuple(c.model_copy(update={"price_jpy": c.price_jpy * factor}) for c in self.servers),
                "hypervisor_hosts": tuple(
                    c.model_copy(update={"price_jpy": c.price_jpy * factor}) for c in self.hypervisor_hosts
                ),
                "storage": tuple(
                    c.model_copy(update={"base_jpy": c.base_jpy * factor, "jpy_per_tb": c.jpy_per_tb * factor})
                    for c in self.storage
                ),
            }
        )


@cache
def shipped_hardware_prices() -> HardwarePrices:
    from hismigrate.data import load_data

    return HardwarePrices.model_validate(load_data("hardware_prices.yaml"))
