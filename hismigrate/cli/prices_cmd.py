"""`hismigrate prices`: list the shipped price catalogs, or the items of one (merged with a user's catalog)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import console, guarded, message_language


@guarded
def prices(
    provider: Annotated[str | None, typer.Argument()] = None,
    prices_file: Annotated[Path | None, typer.Option("--prices")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """List the shipped, dated price catalogs (Tokyo regions), or the items of one with their sources."""
    from rich.table import Table

    from hismigrate.errors import ConfigError
    from hismigrate.i18n import t
    from hismigrate.load.settings_source import load_price_catalog
    from hismigrate.model.prices import merge_catalogs, shipped_catalog, shipped_catalogs

    language = message_language(lang)
    if provider is None:
        table = Table(
            *(t(f"cost.prices.{c}", language) for c in ("id", "provider", "region", "as_of", "items", "manual"))
        )
        for cat in shipped_catalogs():
            manual = sum(1 for it in cat.items if it.manual)
            table.add_row(cat.id, cat.provider, cat.region, cat.as_of.isoformat(), str(len(cat.items)), str(manual))
        console.print(table)
        return
    try:
        cat = shipped_catalog(provider)
    except KeyError as exc:
        raise ConfigError(str(exc.args[0])) from None
    if prices_file is not None:
        cat = merge_catalogs(cat, load_price_catalog(prices_file))
    console.print(f"{cat.id} ({cat.provider} {cat.region}, {cat.as_of.isoformat()})")
    table = Table(*(t(f"cost.prices.{c}", language) for c in ("item", "kind", "price", "unit", "manual", "source")))
    for it in cat.items:
        table.add_row(
            it.id,
            it.kind,
            f"{it.price:,.0f} {it.currency}" if it.price == int(it.price) else f"{it.price:g} {it.currency}",
            it.unit,
            "✓" if it.manual else "",
            it.source,
        )
    console.print(table)
