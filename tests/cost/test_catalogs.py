"""The shipped price catalogs and the cost i18n catalogs keep in step with the code."""

from __future__ import annotations

from datetime import date

import pytest

from hismigrate.cost.categories import CATEGORIES
from hismigrate.cost.variants import DRIVERS
from hismigrate.i18n import catalog as i18n_catalog
from hismigrate.model.prices import shipped_catalog, shipped_catalogs
from hismigrate.model.settings import Settings


def test_three_tokyo_regions_are_shipped() -> None:
    regions = {(c.provider, c.region) for c in shipped_catalogs()}
    assert regions == {("aws", "ap-northeast-1"), ("azure", "japaneast"), ("gcp", "asia-northeast1")}


@pytest.mark.parametrize("cat", shipped_catalogs(), ids=lambda c: c.id)
def test_every_item_has_a_source_and_the_kinds_the_model_needs(cat) -> None:  # type: ignore[no-untyped-def]
    ids = [it.id for it in cat.items]
    assert len(ids) == len(set(ids))
    assert all(it.source.strip() for it in cat.items)
    kinds = {it.kind for it in cat.items}
    assert {"compute", "block_storage", "object_storage", "egress", "line"} <= kinds
    assert all(it.vcpu and it.memory_gb for it in cat.of_kind("compute"))
    assert all(it.manual for it in cat.of_kind("line"))  # no public price for closed-network lines
    assert cat.id.endswith(cat.as_of.isoformat())


@pytest.mark.parametrize("cat", shipped_catalogs(), ids=lambda c: c.id)
def test_object_storage_has_its_tiers(cat) -> None:  # type: ignore[no-untyped-def]
    """Hot, infrequent and archive tiers; the colder, the cheaper to keep and the longer its minimum duration; a cold
    tier charges retrieval; an estimated tier says so (manual)."""
    tiers = {it.tier: it for it in sorted(cat.of_kind("object_storage"), key=lambda it: -it.price)}
    assert set(tiers) == {"hot", "infrequent", "archive"}
    hot, infrequent, archive = tiers["hot"], tiers["infrequent"], tiers["archive"]
    assert hot.price > infrequent.price > archive.price
    assert hot.min_days == 0 < infrequent.min_days < archive.min_days
    assert hot.retrieval_per_gb == 0 < infrequent.retrieval_per_gb
    cold = [it for it in cat.of_kind("object_storage") if it.tier == "archive"]
    assert any(it.access_hours == 0 for it in cold)  # one readable at once, for prior images
    assert all(it.retrieval_per_gb > 0 and it.min_days >= 90 for it in cold)
    assert all(it.manual == it.source.startswith("estimate") for it in cat.of_kind("object_storage"))


def test_shipped_catalog_picks_by_provider_and_date() -> None:
    assert shipped_catalog("aws").provider == "aws"
    assert shipped_catalog("aws", date(2020, 1, 1)).provider == "aws"
    assert shipped_catalog(Settings().cost.provider).provider == Settings().cost.provider
    with pytest.raises(KeyError):
        shipped_catalog("nowhere")


def test_cost_texts_exist_in_both_languages() -> None:
    ja = {k for k in i18n_catalog("ja") if k.startswith("cost.")}
    en = {k for k in i18n_catalog("en") if k.startswith("cost.")}
    assert ja == en
    for driver in DRIVERS:
        assert f"cost.driver.{driver.name}" in en
    for category in CATEGORIES:
        assert f"cost.category.{category.name}" in en and f"cost.category.{category.name}" in ja


def test_every_category_and_gap_in_a_result_has_a_label() -> None:
    from hismigrate.cost.case import cost_plan
    from tests.cost.conftest import AS_OF, one_wave_plan, small_inventory

    inventory = small_inventory(
        servers=[{"id": "x", "hostname": "x", "segment": "lan"}],
        systems=[{"id": "lis", "name": "LIS", "category": "lis", "servers": ["x"], "criticality": 2}],
    )
    result = cost_plan(inventory, one_wave_plan(inventory), Settings(), shipped_catalog("aws"), AS_OF)
    en, ja = i18n_catalog("en"), i18n_catalog("ja")
    for line in result.lines.each():
        assert f"cost.category.{line.category}" in en and f"cost.category.{line.category}" in ja
    assert result.gaps
    for gap in result.gaps.each():
        assert f"cost.gap.{gap.key}" in en and f"cost.gap.{gap.key}" in ja
