"""Everything besides the inventory that a run reads: settings, price catalogs, the KEV catalog."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from hismigrate.model.kev import KevCatalog
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings


@dataclass(frozen=True)
class Inputs:
    """Everything besides the inventory that a run depends on."""

    as_of: date
    settings: Settings
    catalog: PriceCatalog
    kev: KevCatalog | None = None
    settings_file: Path | None = None
    prices_file: Path | None = None
    jobs: int | None = None  # processes for the independent analyses; None: the cores this process may use, up to 4


def load_inputs(as_of: date, settings: Path | None, prices: Path | None, kev: Path | None) -> Inputs:
    """The shipped defaults and catalog of the settings' provider, with the user's files merged on top."""
    from hismigrate.load.kev import load_kev_catalog
    from hismigrate.load.settings_source import load_price_catalog, load_settings
    from hismigrate.model.prices import merge_catalogs, shipped_catalog

    run_settings = load_settings(settings)
    catalog = shipped_catalog(run_settings.cost.provider)
    if prices is not None:
        catalog = merge_catalogs(catalog, load_price_catalog(prices))
    return Inputs(
        as_of=as_of,
        settings=run_settings,
        catalog=catalog,
        kev=load_kev_catalog(kev) if kev is not None else None,
        settings_file=settings,
        prices_file=prices,
    )
