"""Price catalogs: the shipped, dated catalogs of the Tokyo cloud regions, and merging a user's catalog onto one."""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from hismigrate.model.enums import SystemCategory
from hismigrate.model.fields import MAX_CORES, MAX_MEMORY_GB, MAX_YEARLY_JPY, Day, bounded

Kind = Literal["compute", "block_storage", "object_storage", "egress", "platform", "line", "saas", "other"]
Unit = Literal["hour", "month", "year", "gb_month", "gb", "bed_month", "user_month", "bed_year", "user_year"]
Currency = Literal["JPY", "USD"]
Tier = Literal["hot", "infrequent", "archive"]

# How many units of each kind a year holds; per-bed and per-user units are multiplied by the count separately.
UNITS_PER_YEAR: dict[str, float] = {
    "month": 12,
    "year": 1,
    "gb_month": 12,
    "bed_month": 12,
    "user_month": 12,
    "bed_year": 1,
    "user_year": 1,
}


MAX_VOLUME = 10_000_000
"""The most beds, users or hospitals one contract can count."""


class VolumeTier(BaseModel):
    """A discount from a volume on: for a per-bed or per-user item the beds or users of every hospital on one
    contract (a group sharing a package), else the number of hospitals."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_quantity: Annotated[float, bounded("Volume from which the discount applies.", ge=0, le=MAX_VOLUME)]
    discount: Annotated[float, bounded("Share taken off the price (0.1 = 10%).", ge=0, le=0.95)]


MAX_JPY_PER_UNIT: dict[str, int] = {
    "hour": 1_000_000,
    "month": 1_000_000_000,
    "year": MAX_YEARLY_JPY,
    "gb_month": 100,
    "gb": 100,
    "bed_month": 1_000_000,
    "user_month": 1_000_000,
    "bed_year": 10_000_000,
    "user_year": 10_000_000,
}
"""The most one unit may cost, beyond what any quote or list price comes near (an hour of the largest instance is
about 32,000 JPY, a GB-month of storage 4 JPY): the cost model multiplies prices by sizes, years and escalation."""
USD_SHARE = 100  # a USD price may be at most a hundredth of the JPY bound (the rate may be up to 1,000 JPY/USD)


class PriceItem(BaseModel):
    """One priced item: an instance size, a GB of storage, a line, a vendor's SaaS fee."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    id: str = Field(min_length=1, description="Identifier, unique in the catalog (e.g. `ec2.m7i.large`).")
    kind: Kind = Field(description="What the item prices; the model picks items by kind.")
    unit: Unit = Field(description="Unit the price is per.")
    price: float = Field(
        ge=0,
        allow_inf_nan=False,
        description="Price per unit, in `currency`, tax excluded. From 0 to at most, in JPY per unit: "
        + ", ".join(f"{unit} {limit:,}" for unit, limit in MAX_JPY_PER_UNIT.items())
        + f"; in USD a {USD_SHARE}th of these.",
    )
    currency: Currency = Field(description="USD items convert at the year's rate; JPY items do not.")
    vcpu: Annotated[int | None, bounded("Virtual CPUs (compute items).", ge=1, le=MAX_CORES)] = None
    memory_gb: Annotated[float | None, bounded("Memory in GiB (compute items).", ge=0.5, le=MAX_MEMORY_GB)] = None
    quantity: Annotated[float, bounded("How many are bought (lines, platform items).", ge=0, le=1000)] = 1
    category: SystemCategory | None = Field(default=None, description="System category a SaaS fee applies to.")
    tier: Tier | None = Field(
        default=None,
        description="Object storage only: hot (the default: S3 Standard, Blob hot, Cloud Storage standard), infrequent"
        " (Standard-IA, cool, nearline) or archive (the Glacier classes, Blob cold and archive, coldline and archive).",
    )
    min_days: Annotated[
        int,
        bounded(
            "Minimum storage duration: data deleted or rewritten sooner is billed for this many days.", ge=0, le=3650
        ),
    ] = 0
    retrieval_per_gb: Annotated[
        float,
        bounded(
            f"Price of reading back one GB from the tier, in `currency`; from 0 to {MAX_JPY_PER_UNIT['gb']}.",
            ge=0,
            le=MAX_JPY_PER_UNIT["gb"],
        ),
    ] = 0
    access_hours: Annotated[
        float,
        bounded(
            "Hours to the first byte: 0 for tiers read at once; archive tiers that must be restored first take hours.",
            ge=0,
            le=240,
        ),
    ] = 0
    source: str = Field(min_length=1, description="Where the figure comes from (price list and date, quote).")
    manual: bool = Field(default=False, description="A quote or an estimate rather than a published price.")

    @field_validator("tier")
    @classmethod
    def _tier_of_object_storage(cls, tier: Tier | None, info: ValidationInfo) -> Tier | None:
        if tier is not None and info.data.get("kind") != "object_storage":
            raise PydanticCustomError("tier_kind", "only object storage items have a tier", {})
        return tier

    @field_validator("price")
    @classmethod
    def _price_within_its_unit(cls, price: float, info: ValidationInfo) -> float:
        limit = MAX_JPY_PER_UNIT.get(info.data.get("unit", ""), MAX_YEARLY_JPY)
        if info.data.get("currency") == "USD":
            limit //= USD_SHARE
        if price > limit:
            raise PydanticCustomError("less_than_equal", "Input should be less than or equal to {le}", {"le": limit})
        return price


class PriceCatalog(BaseModel):
    """A dated catalog of one provider's region (or a user's own items)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    id: str = Field(min_length=1)
    provider: str = Field(min_length=1)
    region: str = Field(default="")
    as_of: Day
    items: tuple[PriceItem, ...] = ()
    merged_from: tuple[str, ...] = Field(default=(), description="Ids of the catalogs merged into this one.")
    volume_discounts: dict[str, tuple[VolumeTier, ...]] = Field(
        default_factory=dict,
        description="Item id -> its volume tiers, where the price falls with the volume of one contract (a package"
        " shared by a group of hospitals).",
    )

    def item(self, item_id: str) -> PriceItem | None:
        for it in self.items:
            if it.id == item_id:
                return it
        return None

    def of_kind(self, kind: str) -> list[PriceItem]:
        return sorted((it for it in self.items if it.kind == kind), key=lambda it: (it.price, it.id))

    def with_prices(self, kinds: set[str], factor: float) -> PriceCatalog:
        """The same catalog with the prices of `kinds` multiplied by `factor` (for sensitivity runs)."""
        items = tuple(
            it.model_copy(update={"price": it.price * factor, "retrieval_per_gb": it.retrieval_per_gb * factor})
            if it.kind in kinds
            else it
            for it in self.items
        )
        return self.model_copy(update={"items": items})


def merge_catalogs(base: PriceCatalog, user: PriceCatalog) -> PriceCatalog:
    """The base catalog with the user's items replacing those of the same id and added after them."""
    by_id = {it.id: it for it in base.items}
    by_id.update({it.id: it for it in user.items})
    return PriceCatalog(
        id=f"{base.id}+{user.id}",
        provider=base.provider,
        region=base.region,
        as_of=max(base.as_of, user.as_of),
        items=tuple(sorted(by_id.values(), key=lambda it: it.id)),
        merged_from=(base.id, user.id),
        volume_discounts={**base.volume_discounts, **user.volume_discounts},
    )


@cache
def shipped_catalogs() -> tuple[PriceCatalog, ...]:
    """Every catalog under hismigrate/data/prices, sorted by provider then as-of date."""
    from hismigrate.data import load_data

    folder = resources.files("hismigrate.data").joinpath("prices")
    names = sorted(e.name for e in folder.iterdir() if e.name.endswith(".yaml"))
    catalogs = [PriceCatalog.model_validate(load_data(f"prices/{name}")) for name in names]
    return tuple(sorted(catalogs, key=lambda c: (c.provider, c.as_of, c.id)))


def shipped_catalog(provider: str, on: date | None = None) -> PriceCatalog:
    """The newest shipped catalog of `provider` dated on or before `on` (the oldest when all are later)."""
    mine = [c for c in shipped_catalogs() if c.provider == provider]
    if not mine:
        known = ", ".join(sorted({c.provider for c in shipped_catalogs()}))
        raise KeyError(f"no shipped price catalog for provider {provider!r}; known: {known}")
    earlier = [c for c in mine if on is None or c.as_of <= on]
    return earlier[-1] if earlier else mine[0]
