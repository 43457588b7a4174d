"""Inventory -> EstateGraph: the only place that creates estate graphs.

Nodes are keyed `"<type>:<id>"` (plus the single `internet` and `cloud` nodes) and carry `type`, `id`, `label`
and the model item itself (`item`), so queries get typed objects rather than attribute dicts.
Edges carry `type`; directions read as sentences: server hosts system, server member_of segment,
connection lands_in segment, connection serves system, segment routes_to segment, system flows_to system,
system depends_on system. `internet routes_to` every internet-zone segment. Systems placed in the cloud by a
migration state hang off the `cloud` node (`cloud hosts system`) instead of their on-prem servers.

What a migration state changes (servers that leave, lines that go, the cloud link) is defined in
`hismigrate.state`: systems in the cloud hang off the `cloud` node, which links to the cloud link connections.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

from hismigrate.model.enums import ConnectionKind, Zone
from hismigrate.model.inventory import Inventory
from hismigrate.state import migration_state

INTERNET = "internet"
CLOUD = "cloud"

NODE_TYPES = ("segment", "server", "system", "connection", "internet", "cloud")
EDGE_TYPES = ("hosts", "member_of", "lands_in", "serves", "routes_to", "flows_to", "depends_on", "links")


def node_key(node_type: str, ident: str) -> str:
    return f"{node_type}:{ident}"


@dataclass(frozen=True)
class EstateGraph:
    """The estate graph of an inventory in a given migration state."""

    inventory: Inventory
    graph: nx.MultiDiGraph
    in_cloud: frozenset[str]


def build_graph(inventory: Inventory, in_cloud: Iterable[str] = ()) -> EstateGraph:
    """Build the estate graph; `in_cloud` names the systems already moved to the cloud (default: none)."""
    moved = frozenset(in_cloud)
    g = nx.MultiDiGraph()
    g.add_node(INTERNET, type="internet", id=INTERNET, label="Internet", item=None)
    if moved:
        g.add_node(CLOUD, type="cloud", id=CLOUD, label="Cloud", item=None)

    for seg in inventory.segments:
        g.add_node(node_key("segment", seg.id), type="segment", id=seg.id, label=seg.name, item=seg)
        if seg.zone == Zone.internet:
            g.add_edge(INTERNET, node_key("segment", seg.id), type="routes_to", filtered=False)
    for seg in inventory.segments:
        for route in seg.routes:
            g.add_edge(
                node_key("segment", seg.id),
                node_key("segment", route.to),
                type="routes_to",
                filtered=route.filtered,
                ports=tuple(route.ports),
            )

    members = migration_state(inventory, moved)
    for srv in members.servers:
        key = node_key("server", srv.id)
        g.add_node(key, type="server", id=srv.id, label=srv.hostname, item=srv)
        g.add_edge(key, node_key("segment", srv.segment), type="member_of")

    for sys in inventory.systems:
        key = node_key("system", sys.id)
        g.add_node(key, type="system", id=sys.id, label=sys.name, item=sys, in_cloud=sys.id in moved)
        if sys.id in moved:
            g.add_edge(CLOUD, key, type="hosts")
        else:
            for server_id in sys.servers:
                g.add_edge(node_key("server", server_id), key, type="hosts")
        for dep in sys.depends_on:
            g.add_edge(key, node_key("system", dep), type="depends_on")

    for conn in members.connections:
        key = node_key("connection", conn.id)
        g.add_node(key, type="connection", id=conn.id, label=conn.id, item=conn)
        g.add_edge(key, node_key("segment", conn.lands_in), type="lands_in")
        for system_id in conn.serves:
            g.add_edge(key, node_key("system", system_id), type="serves")
        if moved and conn.kind == ConnectionKind.cloud_link:
            g.add_edge(CLOUD, key, type="links")

    for flow in inventory.flows:
        g.add_edge(
            node_key("system", flow.source),
            node_key("system", flow.target),
            type="flows_to",
            protocol=flow.protocol.value,
            mbps=flow.mbps,
            gb_per_day=flow.gb_per_day,
            latency_sensitive=flow.latency_sensitive,
        )
    return EstateGraph(inventory=inventory, graph=g, in_cloud=moved)
