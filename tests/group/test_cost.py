"""The shared cost case, computed by hand: members pay what the allocation key says of the shared environment and
of the package, the volume discount applies at the group's volume, and the number of members moves each share."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hismigrate.group.sharing import SharedCase, Variant, allocate
from hismigrate.model.enums import AllocationKey
from hismigrate.model.group_cost import SharedComponent
from hismigrate.model.prices import PriceItem, VolumeTier

from .conftest import member_data, run_group, write_group, write_yaml

BEDS = np.array([100.0, 300.0])


def _case(tiers: tuple[VolumeTier, ...] = ()) -> SharedCase:
    """Two members over three years; the environment runs from the second year, the build is paid in the first;
    both are on the package from the second year, each with a fee of 1.2 per bed."""
    env = SharedComponent(id="operations", amounts_jpy=(0, 400, 400), split="key", basis=(), manual=True)
    build = SharedComponent(id="build", amounts_jpy=(100, 0, 0), split="key", basis=(), manual=True)
    item = PriceItem(id="pkg", kind="saas", unit="bed_month", price=0.1, currency="JPY", source="test")
    zeros = np.zeros((2, 3))
    return SharedCase(
        years=[2026, 2027, 2028],
        members=["alpha", "beta"],
        baseline=zeros,
        alone=zeros,
        own=zeros,
        fees=np.array([[0, 120, 120], [0, 360, 360]], dtype=float),
        months=np.array([[0, 1, 1], [0, 1, 1]], dtype=float),
        keys={AllocationKey.beds: BEDS, AllocationKey.equal: np.ones(2)},
        volumes=BEDS,
        components=[env, build],
        item=item,
        tiers=tiers,
        rate=0.04,
        build_per_member=0.0,
        participating=2,
    )


def test_two_members_pay_what_the_beds_key_says() -> None:
    cost, shared, discount = allocate(_case(), Variant(key=AllocationKey.beds, factors={}, members=2))
    # environment 400 a year and build 100 split 1:3; the package (120 + 360) split 1:3 is each one's own fee
    assert shared.tolist() == [[25, 100 + 120, 100 + 120], [75, 300 + 360, 300 + 360]]
    assert cost.tolist() == shared.tolist() and discount.tolist() == [0, 0, 0]


def test_two_members_pay_what_the_equal_key_says() -> None:
    _cost, shared, _ = allocate(_case(), Variant(key=AllocationKey.equal, factors={}, members=2))
    assert shared.tolist() == [[50, 200 + 240, 200 + 240], [50, 200 + 240, 200 + 240]]


def test_the_volume_discount_applies_at_the_groups_volume() -> None:
    tiers = (VolumeTier(min_quantity=300, discount=0.1), VolumeTier(min_quantity=1000, discount=0.2))
    _cost, shared, discount = allocate(_case(tiers), Variant(key=AllocationKey.beds, factors={}, members=2))
    assert discount.tolist() == [0.0, 0.1, 0.1]  # 400 beds on the package: the 300 tier
    assert shared[:, 1].tolist() == pytest.approx([100 + 108, 300 + 324])


def test_more_members_lower_each_share() -> None:
    # two more members like the others: alpha's weight 100 against 300 x 3 of the others; the environment's share
    # falls to a tenth, its package share stays its own fee (the package grows with the members)
    _cost, shared, _ = allocate(_case(), Variant(key=AllocationKey.beds, factors={}, members=4))
    assert shared[0, 1] == pytest.approx(400 * 0.1 + (120 + 360 * 3) * 0.1)


QUOTE = {
    "id": "quote",
    "provider": "aws",
    "as_of": "2026-11-01",
    "items": [
        {
            "id": "saas.package.emr",
            "kind": "saas",
            "unit": "bed_month",
            "price": 10000,
            "currency": "JPY",
            "category": "emr",
            "manual": True,
            "source": "test quote",
        }
    ],
    "volume_discounts": {"saas.package.emr": [{"min_quantity": 300, "discount": 0.1}]},
}


def test_the_members_shares_of_a_real_group_follow_the_key(tmp_path: Path) -> None:
    prices = write_yaml(tmp_path / "quote.yaml", QUOTE)
    shared = {"prices": "quote.yaml", "categories": ["emr"]}
    group = write_group(tmp_path, [member_data("alpha", 100), member_data("beta", 300)], shared)
    result, _ = run_group(group, prices=None)
    assert result.sources.prices_file == prices.name
    cost = result.cost
    alpha, beta = cost.members
    assert (alpha.share, beta.share) == (0.25, 0.75)
    # both cut over the same day: every component, the package too, is split 1:3 (up to a yen of rounding each)
    for k in range(cost.horizon_years):
        total = sum(c.amounts_jpy[k] for c in cost.components)
        assert abs(alpha.years[k].shared_jpy - total / 4) <= len(cost.components)
        assert abs(beta.years[k].shared_jpy - total * 3 / 4) <= len(cost.components)
        assert abs(alpha.years[k].shared_jpy + beta.years[k].shared_jpy - total) <= 1
    # the package: 10,000 JPY a bed-month, 400 beds on it from 2028-10: 10% off from the 300-bed tier
    package = next(c for c in cost.components if c.id == "package")
    assert package.amounts_jpy[cost.years[-1].year - cost.first_year] == round(10000 * 400 * 12 * 0.9)
    assert max(cost.volume_discounts) == 0.1
    # what sharing saves each member is what it costs alone minus in the group, year by year
    for member in cost.members:
        assert all(y.saving_jpy == y.alone_jpy - y.group_jpy for y in member.years)
    assert cost.npv_saving_jpy == sum(m.npv_saving_jpy for m in cost.members)
    assert set(cost.dearer) == {m.member for m in cost.members if m.npv_saving_jpy < 0}


def test_the_tornado_includes_the_key_and_the_number_of_members(two_members: Path) -> None:
    result, _ = run_group(two_members)
    cost = result.cost
    assert {b.driver for b in cost.tornado} >= {"members", "build", "operations"}
    assert "allocation_key" not in {b.driver for b in cost.tornado}  # it moves costs between members only
    alpha = next(t for t in cost.member_tornados if t.member == "alpha")
    key = next(b for b in alpha.bars if b.driver == "allocation_key")
    assert {key.low, key.high} <= {"beds", "equal", "users"}
    members = next(b for b in alpha.bars if b.driver == "members")
    assert members.npv_saving_high_jpy > members.npv_saving_low_jpy  # more members to share with: alpha gains more
