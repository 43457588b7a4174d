"""The estate graph: typed nodes and edges, queries, and a migration state."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from hismigrate.graph.build import CLOUD, EDGE_TYPES, INTERNET, NODE_TYPES, build_graph
from hismigrate.graph.query import (
    connections_into,
    counts,
    dependencies_of,
    flows_from,
    hosts_of,
    landing_segment,
    members_of,
    routes_from,
    segment_of,
    systems_on,
)
from hismigrate.load import load_inventory


def test_every_item_is_one_typed_node(small_dir: Path) -> None:
    estate = build_graph(load_inventory([small_dir]))
    assert counts(estate) == {"internet": 1, "segment": 4, "server": 4, "system": 3, "connection": 2}
    assert isinstance(estate.graph, nx.MultiDiGraph)
    assert {d["type"] for _, d in estate.graph.nodes(data=True)} <= set(NODE_TYPES)
    assert {d["type"] for _, _, d in estate.graph.edges(data=True)} <= set(EDGE_TYPES)


def test_queries_read_the_edges(small_dir: Path) -> None:
    estate = build_graph(load_inventory([small_dir]))
    assert [s.id for s in hosts_of(estate, "emr")] == ["emr-ap01", "emr-db01"]
    assert [s.id for s in systems_on(estate, "ad01")] == ["identity"]
    assert segment_of(estate, "billing01").id == "emr-lan"
    assert {s.id for s in members_of(estate, "emr-lan")} == {"emr-ap01", "emr-db01", "billing01", "ad01"}
    assert landing_segment(estate, "vpn-emr-vendor").id == "vendor-dmz"
    assert [c.id for c in connections_into(estate, "emr-lan")] == ["oqs"]
    assert sorted((s.id, f) for s, f in routes_from(estate, "office-lan")) == [
        ("emr-lan", False),
        ("internet-gw", True),
    ]
    assert [s.id for s in dependencies_of(estate, "emr")] == ["identity"]
    ((target, data),) = flows_from(estate, "emr")
    assert target.id == "billing" and data["protocol"] == "db_link" and data["mbps"] == 2
    assert estate.graph.has_edge(INTERNET, "segment:internet-gw")


def test_a_system_in_the_cloud_leaves_its_servers_behind(small_dir: Path) -> None:
    inv = load_inventory([small_dir])
    estate = build_graph(inv, in_cloud={"emr"})
    assert hosts_of(estate, "emr") == []
    assert estate.graph.has_edge(CLOUD, "system:emr")
    assert "server:emr-ap01" not in estate.graph and "server:ad01" in estate.graph
    assert counts(estate)["server"] == 2
