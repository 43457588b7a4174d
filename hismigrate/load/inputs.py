"""Everything besides the inventory that a run reads: settings, price catalogs, the KEV catalog."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hismigrate.pipeline import Inputs


def load_inputs(as_of: date, settings: Path | None, prices: Path | None, kev: Path | None) -> Inputs:
    """The shipped defaults and catalog of the settings' provider, with the user's files merged on top."""
    from hismigrate.cost.catalog import merge_catalogs, shipped_catalog
    from hismigrate.exposure.kev import load_kev_catalog
    from hismigrate.load.settings_source import load_price_catalog, load_settings

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
