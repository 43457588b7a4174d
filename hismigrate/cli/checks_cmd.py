"""`hismigrate checks`: list the security checks; given an inventory, run them (with `--kev`, the CISA catalog)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import EXIT_FINDINGS, console, guarded, message_language
from hismigrate.errors import ConfigError
from hismigrate.i18n import t
from hismigrate.parallel import large_heap


@guarded
def checks(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(),
    ] = None,
    output_format: Annotated[str, typer.Option("--format")] = "table",
    kev: Annotated[Path | None, typer.Option("--kev")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of")] = None,
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """List every security check (id, severity, title, references), or run them on an inventory."""
    from hismigrate.exposure.registry import all_checks

    language = message_language(lang)
    if output_format not in ("table", "json"):
        raise ConfigError(t("exposure.cli.bad_format", language, value=output_format))
    if paths:
        _run(paths, output_format, kev, as_of, language)
        return
    registered = all_checks()
    if output_format == "json":
        document = [
            {
                "id": c.id,
                "severity": c.severity.value,
                "domain": c.domain,
                "title": c.title(language),
                "description": c.text("description", language),
                "remediation": c.text("remediation", language),
                "references": list(c.references),
            }
            for c in registered
        ]
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    table = Table(title=t("exposure.cli.checks_title", language, count=len(registered)))
    for key in ("col_id", "col_severity", "col_title", "col_references"):
        table.add_column(t(f"exposure.cli.{key}", language))
    for c in registered:
        table.add_row(
            c.id, t(f"exposure.severity.{c.severity.value}", language), c.title(language), "; ".join(c.references)
        )
    console.print(table)


@large_heap()
def _run(paths: list[Path], output_format: str, kev: Path | None, as_of: str | None, language: str) -> None:
    from hismigrate.exposure.assess import assess_exposure
    from hismigrate.load import load_inventory
    from hismigrate.load.kev import load_kev_catalog

    try:
        day = date.fromisoformat(as_of) if as_of else date.today()  # the CLI, not the analysis, reads the clock
    except ValueError:
        raise ConfigError(t("exposure.cli.bad_date", language, value=as_of)) from None
    catalog = load_kev_catalog(kev) if kev else None
    inventory = load_inventory(paths)
    result = assess_exposure(inventory, as_of=day, kev=catalog)
    if output_format == "json":
        typer.echo(result.model_dump_json(indent=2))
    else:
        critical = sum(1 for f in result.findings if f.severity.value == "critical")
        console.print(
            t(
                "exposure.cli.summary",
                language,
                hospital=inventory.hospital.name,
                index=result.index,
                findings=len(result.findings),
                critical=critical,
                gaps=len(result.gaps),
            )
        )
        for f in result.findings:
            title = t(f"exposure.check.{f.check_id}.title", language)
            console.print(
                f"  [{t(f'exposure.severity.{f.severity.value}', language)}] {f.check_id} {f.subject}: {title}",
                markup=False,
            )
        for path in result.paths:
            console.print(
                t("exposure.cli.path", language, system=path.system, likelihood=path.likelihood, entry=path.entry)
            )
            for hop in path.hops:
                why = ", ".join(hop.findings)
                console.print(
                    f"    {hop.source} -> {hop.target} ({hop.kind}, {hop.likelihood:.2f}) {why}", markup=False
                )
    if result.findings:
        raise typer.Exit(EXIT_FINDINGS)
