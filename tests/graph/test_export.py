"""GraphML and JSON node-link exports load back with the inventory's counts and attributes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx

from hismigrate.graph.build import build_graph
from hismigrate.graph.export import write_graph
from hismigrate.load import load_inventory


def test_graphml_reads_back_with_counts_and_attributes(small_dir: Path, tmp_path: Path) -> None:
    inv = load_inventory([small_dir])
    out = tmp_path / "estate.graphml"
    write_graph(build_graph(inv), out)
    g = nx.read_graphml(out)
    types = Counter(d["type"] for _, d in g.nodes(data=True))
    assert types["server"] == len(inv.servers)
    assert types["system"] == len(inv.systems)
    assert types["connection"] == len(inv.connections)
    emr_ap = g.nodes["server:emr-ap01"]
    assert emr_ap["os_version"] == "2012 R2" and emr_ap["end_of_support"] == "2023-10-10"
    assert emr_ap["end_of_support_source"].startswith("os-lifecycle")
    assert g.nodes["system:emr"]["label"] == "電子カルテ"
    assert g.nodes["system:emr"]["servers"] == "emr-ap01,emr-db01"


def test_json_node_link(small_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "estate.json"
    write_graph(build_graph(load_inventory([small_dir])), out)
    data = json.loads(out.read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    assert sum(1 for _, d in g.nodes(data=True) if d["type"] == "server") == 4


def test_export_is_deterministic(small_dir: Path, tmp_path: Path) -> None:
    inv = load_inventory([small_dir])
    a, b = tmp_path / "a.graphml", tmp_path / "b.graphml"
    write_graph(build_graph(inv), a)
    write_graph(build_graph(inv), b)
    assert a.read_bytes() == b.read_bytes()
