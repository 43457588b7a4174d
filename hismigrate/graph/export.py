"""Write an EstateGraph for Gephi, yEd or Cytoscape: GraphML, or JSON node-link.

Model items are flattened into scalar attributes (lists joined with commas, dates as ISO text), because GraphML
holds only scalars; the attribute names are the inventory's field names.
"""

from __future__ import annotations

import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import networkx as nx

from hismigrate.atomic import atomic_path
from hismigrate.graph.build import EstateGraph
from hismigrate.model.inventory import Server
from hismigrate.model.lifecycle import end_of_support

GRAPH_FORMATS = {".graphml": "graphml", ".json": "json"}


def _scalar(value: Any) -> str | int | float | bool | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ",".join(str(_scalar(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return str(value)


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: s for k, v in attrs.items() if (s := _scalar(v)) is not None and s != ""}


def portable_graph(estate: EstateGraph) -> nx.MultiDiGraph:
    """A copy of the graph with only scalar attributes, ready for GraphML or JSON."""
    out = nx.MultiDiGraph(hospital=estate.inventory.hospital.id, name=estate.inventory.hospital.name)
    for key, data in estate.graph.nodes(data=True):
        attrs: dict[str, Any] = {"type": data["type"], "label": data["label"]}
        item = data.get("item")
        if item is not None:
            fields = item.model_dump(by_alias=True, exclude={"id"})
            if isinstance(item, Server):
                eos = end_of_support(item)
                fields["end_of_support"] = eos.date
                fields["end_of_support_source"] = eos.source
            if data["type"] == "segment":
                fields.pop("routes", None)  # drawn as edges
            attrs.update(fields)
        if "in_cloud" in data:
            attrs["in_cloud"] = data["in_cloud"]
        attrs["id"] = data["id"]
        out.add_node(key, **_flat(attrs))
    for u, v, data in estate.graph.edges(data=True):
        out.add_edge(u, v, **_flat(data))
    return out


def write_graph(estate: EstateGraph, path: Path) -> None:
    """Write the graph to `path`; the format follows the suffix (.graphml or .json)."""
    fmt = GRAPH_FORMATS[path.suffix.lower()]
    graph = portable_graph(estate)
    with atomic_path(path) as tmp:
        if fmt == "graphml":
            nx.write_graphml(graph, tmp, encoding="utf-8", prettyprint=True)
        else:
            data = nx.node_link_data(graph, edges="edges")
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
