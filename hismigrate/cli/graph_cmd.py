"""`hismigrate graph`: export the estate graph for Gephi, yEd or Cytoscape."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hismigrate.cli.common import console, guarded, message_language
from hismigrate.errors import ConfigError
from hismigrate.i18n import t
from hismigrate.parallel import large_heap


@guarded
@large_heap()
def graph(
    paths: Annotated[list[Path], typer.Argument()],
    output: Annotated[Path, typer.Option("-o", "--output")],
    lang: Annotated[str | None, typer.Option("--lang")] = None,
) -> None:
    """Write the estate as a graph: every segment, server, system and connection point with its attributes."""
    from hismigrate.graph.build import build_graph
    from hismigrate.graph.export import GRAPH_FORMATS, write_graph
    from hismigrate.graph.query import counts
    from hismigrate.load import load_inventory

    language = message_language(lang)
    if output.suffix.lower() not in GRAPH_FORMATS:
        raise ConfigError(t("cli.graph_format", language, suffix=output.suffix or "(none)"))
    estate = build_graph(load_inventory(paths))
    write_graph(estate, output)
    n = counts(estate)
    console.print(
        t(
            "cli.graph_written",
            language,
            path=str(output),
            nodes=estate.graph.number_of_nodes(),
            edges=estate.graph.number_of_edges(),
            servers=n.get("server", 0),
            systems=n.get("system", 0),
            connections=n.get("connection", 0),
        )
    )
