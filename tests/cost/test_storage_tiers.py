"""An image archive in the cloud costs what the catalog's tiers say, worked by hand: its hot data in S3 Standard, its
cold data in the archive tier chosen (with retrieval and minimum-duration charges), its backup copy tiered alike."""

from __future__ import annotations

from typing import Any

from hismigrate.cost.case import cost_plan
from hismigrate.model.inventory import Inventory
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from tests.cost.conftest import AS_OF, one_wave_plan, small_inventory

RATE = 150  # JPY per USD in the shipped settings
TB100 = 100_000  # GB


def archive(**system: Any) -> Inventory:
    servers = [
        {"id": "st", "hostname": "st", "segment": "lan", "role": "storage", "physical": True, "storage_gb": TB100},
        {"id": "db", "hostname": "db", "segment": "lan", "role": "database", "physical": True, "storage_gb": 1000},
    ]
    pacs = {"id": "pacs", "name": "PACS", "category": "pacs", "servers": ["st", "db"], "criticality": 2, **system}
    return small_inventory(servers=servers, systems=[pacs])


def fy2027(inventory: Inventory, settings: Settings, catalog: PriceCatalog) -> dict[tuple[str, str], int]:
    """The plan's lines of FY2027, the first whole year in the cloud (the stand-in plan moves on 2027-04-01)."""
    result = cost_plan(inventory, one_wave_plan(inventory), settings, catalog, AS_OF)
    return {(ln.category, ln.subject): ln.amounts_jpy[1] for ln in result.lines.each() if ln.scenario == "plan"}


def test_an_archive_of_100_tb_mostly_cold(settings: Settings, catalog: PriceCatalog) -> None:
    storage = settings.cost.storage
    assert (storage.cold_share_by_category["pacs"], storage.cold_read_share) == (0.8, 0.1)
    assert settings.cost.jpy_per_usd == {2025: RATE} and settings.cost.cloud.backup_copies == 1
    tiers = {it.id: it for it in catalog.items}
    assert (tiers["s3.standard"].price, tiers["s3.glacier_ir"].price, tiers["s3.glacier_ir"].retrieval_per_gb) == (
        0.025,
        0.005,
        0.03,
    )
    lines = fy2027(archive(), settings, catalog)
    # hot: 20 TB in S3 Standard, 0.025 USD per GB-month
    assert lines["cloud_storage", "st"] == round(20_000 * 0.025 * 12 * RATE) == 900_000
    # cold: 80 TB in Glacier Instant Retrieval (the cheapest tier read at once), 0.005 USD per GB-month, and a tenth
    # of it read back a year at 0.03 USD per GB
    assert lines["cloud_archive", "st"] == round(80_000 * (0.005 * 12 + 0.1 * 0.03) * RATE) == 756_000
    # one backup copy: of the hot data in Standard, of the cold data in the same archive tier
    assert lines["cloud_backup", "st"] == round((20_000 * 0.025 + 80_000 * 0.005) * 12 * RATE) == 1_620_000
    # the database is hot: its disk stays block storage (gp3, 0.096 USD per GB-month), nothing archived
    assert lines["cloud_storage", "db"] == round(1000 * 0.096 * 12 * RATE)
    assert ("cloud_archive", "db") not in lines


def test_a_systems_own_share_overrides_its_categorys(settings: Settings, catalog: PriceCatalog) -> None:
    lines = fy2027(archive(cold_data_share=0.5), settings, catalog)
    assert lines["cloud_storage", "st"] == round(50_000 * 0.025 * 12 * RATE)
    assert lines["cloud_archive", "st"] == round(50_000 * (0.005 * 12 + 0.1 * 0.03) * RATE)


def test_data_kept_less_than_the_minimum_duration_is_billed_for_it(catalog: PriceCatalog) -> None:
    settings = Settings().with_cost(storage=Settings().cost.storage.model_copy(update={"cold_residence_days": 30}))
    lines = fy2027(archive(), settings, catalog)
    # Glacier Instant Retrieval bills 90 days for data kept 30: three times its price per GB-month
    assert lines["cloud_archive", "st"] == round(80_000 * (0.005 * 12 * 3 + 0.1 * 0.03) * RATE)


def test_slower_tiers_only_when_allowed(catalog: PriceCatalog) -> None:
    settings = Settings().with_cost(storage=Settings().cost.storage.model_copy(update={"cold_access_hours": 12}))
    lines = fy2027(archive(), settings, catalog)
    # allowed 12 hours to the first byte, Deep Archive (0.002 USD, 0.022 USD per GB read) is the cheapest a year
    assert lines["cloud_archive", "st"] == round(80_000 * (0.002 * 12 + 0.1 * 0.022) * RATE)


def test_backup_sets_are_cold_and_short_lived(catalog: PriceCatalog) -> None:
    """A backup server's sets are read only to restore (all cold) and rotate out after the generations kept: kept 30
    days in a 90-day tier, each is billed three times over."""
    backup = {"id": "bk", "hostname": "bk", "segment": "lan", "role": "backup", "physical": True, "storage_gb": 10_000}
    system = {"id": "ops", "name": "運用", "category": "other", "servers": ["bk"], "criticality": 3}
    inventory = small_inventory(servers=[backup], systems=[system])
    defaults = Settings().cost.storage
    assert (defaults.backup_cold_share, defaults.backup_residence_days) == (1.0, 90)
    lines = fy2027(inventory, Settings(), catalog)
    assert ("cloud_storage", "bk") not in lines  # nothing hot: no longer 10 TB of block storage
    assert lines["cloud_archive", "bk"] == round(10_000 * (0.005 * 12 + 0.1 * 0.03) * RATE)
    short = Settings().with_cost(storage=defaults.model_copy(update={"backup_residence_days": 30}))
    assert fy2027(inventory, short, catalog)["cloud_archive", "bk"] == round(10_000 * (0.005 * 36 + 0.1 * 0.03) * RATE)
