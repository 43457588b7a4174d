"""Typed views of an EstateGraph: what analyses read instead of poking at attribute dicts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hismigrate.graph.build import EstateGraph, node_key
from hismigrate.model.inventory import Connection, Segment, Server, System


def nodes_of_type(estate: EstateGraph, node_type: str) -> Iterator[tuple[str, Any]]:
    """(node key, model item) for every node of one type, in insertion (inventory) order."""
    for key, data in estate.graph.nodes(data=True):
        if data["type"] == node_type:
            yield key, data["item"]


def servers(estate: EstateGraph) -> list[Server]:
    return [item for _, item in nodes_of_type(estate, "server")]


def systems(estate: EstateGraph) -> list[System]:
    return [item for _, item in nodes_of_type(estate, "system")]


def segments(estate: EstateGraph) -> list[Segment]:
    return [item for _, item in nodes_of_type(estate, "segment")]


def connections(estate: EstateGraph) -> list[Connection]:
    return [item for _, item in nodes_of_type(estate, "connection")]


def _neighbours(estate: EstateGraph, key: str, edge_type: str, outgoing: bool) -> list[str]:
    g = estate.graph
    edges = g.out_edges(key, data="type") if outgoing else g.in_edges(key, data="type")
    found = [(v if outgoing else u) for u, v, t in edges if t == edge_type]
    return list(dict.fromkeys(found))


def hosts_of(estate: EstateGraph, system_id: str) -> list[Server]:
    """On-prem servers a system runs on in this state (none when it is in the cloud)."""
    keys = _neighbours(estate, node_key("system", system_id), "hosts", outgoing=False)
    return [estate.graph.nodes[k]["item"] for k in keys if estate.graph.nodes[k]["type"] == "server"]


def systems_on(estate: EstateGraph, server_id: str) -> list[System]:
    keys = _neighbours(estate, node_key("server", server_id), "hosts", outgoing=True)
    return [estate.graph.nodes[k]["item"] for k in keys]


def segment_of(estate: EstateGraph, server_id: str) -> Segment:
    (key,) = _neighbours(estate, node_key("server", server_id), "member_of", outgoing=True)
    return estate.graph.nodes[key]["item"]  # type: ignore[no-any-return]


def members_of(estate: EstateGraph, segment_id: str) -> list[Server]:
    keys = _neighbours(estate, node_key("segment", segment_id), "member_of", outgoing=False)
    return [estate.graph.nodes[k]["item"] for k in keys]


def landing_segment(estate: EstateGraph, connection_id: str) -> Segment:
    (key,) = _neighbours(estate, node_key("connection", connection_id), "lands_in", outgoing=True)
    return estate.graph.nodes[key]["item"]  # type: ignore[no-any-return]


def connections_into(estate: EstateGraph, segment_id: str) -> list[Connection]:
    keys = _neighbours(estate, node_key("segment", segment_id), "lands_in", outgoing=False)
    return [estate.graph.nodes[k]["item"] for k in keys]


def routes_from(estate: EstateGraph, segment_id: str) -> list[tuple[Segment, bool]]:
    """Segments reachable in one hop through the firewall, with whether the route is filtered."""
    g = estate.graph
    out = []
    for _, v, data in g.out_edges(node_key("segment", segment_id), data=True):
        if data["type"] == "routes_to":
            out.append((g.nodes[v]["item"], bool(data.get("filtered", True))))
    return out


def dependencies_of(estate: EstateGraph, system_id: str) -> list[System]:
    keys = _neighbours(estate, node_key("system", system_id), "depends_on", outgoing=True)
    return [estate.graph.nodes[k]["item"] for k in keys]


def flows_from(estate: EstateGraph, system_id: str) -> list[tuple[System, dict[str, Any]]]:
    g = estate.graph
    return [
        (g.nodes[v]["item"], data)
        for _, v, data in g.out_edges(node_key("system", system_id), data=True)
        if data["type"] == "flows_to"
    ]


def is_in_cloud(estate: EstateGraph, system_id: str) -> bool:
    return system_id in estate.in_cloud


def counts(estate: EstateGraph) -> dict[str, int]:
    """Number of nodes of each type."""
    out: dict[str, int] = {}
    for _, data in estate.graph.nodes(data=True):
        out[data["type"]] = out.get(data["type"], 0) + 1
    return out
