"""`hismigrate plan`: the strategy table and the waves of an inventory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import console, guarded, message_language, parse_as_of
from hismigrate.i18n import label, t
from hismigrate.parallel import large_heap


@guarded
@large_heap()
def plan(
    paths: Annotated[list[Path], typer.Argument()],
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    settings: Annotated[Path | None, typer.Option("--settings")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """Show the strategy and readiness of every system and the migration waves."""
    from rich.table import Table

    from hismigrate.load import load_inventory
    from hismigrate.load.settings_source import load_settings
    from hismigrate.plan.planner import make_plan
    from hismigrate.plan.traffic import cross_boundary_mbps

    language = message_language(lang)
    today = parse_as_of(as_of, language)
    inventory = load_inventory(paths)
    plan_settings = load_settings(settings).plan
    result = make_plan(inventory, today, plan_settings)

    def reasons(items: tuple) -> str:  # type: ignore[type-arg]
        return "; ".join(t(f"plan.reason.{r.key}", language, **r.params) for r in items)

    names = {s.id: s.name for s in inventory.systems}
    table = Table(title=t("plan.cli.strategies_title", language), show_lines=False)
    for col in ("col_system", "col_strategy", "col_readiness", "col_reasons"):
        table.add_column(t(f"plan.cli.{col}", language), overflow="fold")
    for s in result.strategies:
        table.add_row(
            names[s.system],
            label(s.strategy, language),
            t(f"plan.readiness.{s.readiness.value}", language),
            reasons(s.reasons + s.readiness_reasons),
        )
    console.print(table)

    waves = Table(title=t("plan.cli.waves_title", language))
    for col in ("col_wave", "col_cutover", "col_systems", "col_traffic", "col_notes"):
        waves.add_column(t(f"plan.cli.{col}", language), overflow="fold")
    moved: set[str] = set(result.already_in_cloud)
    for wave in result.waves:
        moved.update(wave.systems)
        waves.add_row(
            str(wave.index),
            wave.cutover.isoformat(),
            ", ".join(names[s] for s in wave.systems),
            f"{cross_boundary_mbps(inventory, moved, plan_settings):g}",
            reasons(wave.notes),
        )
    console.print(waves if result.waves else t("plan.cli.no_waves", language))
    in_cloud = [names[s.system] for s in result.strategies if s.already_in_cloud]
    staying = [
        names[s.system] for s in result.strategies if result.wave_of(s.system) is None and not s.already_in_cloud
    ]
    if staying:
        console.print(t("plan.cli.retained", language, systems=", ".join(staying)))
    if in_cloud:
        console.print(t("plan.cli.already_in_cloud", language, systems=", ".join(in_cloud)))
