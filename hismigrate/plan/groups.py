"""Move groups: systems that must move together (a shared server, a binding flow, a dependency cycle)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from hismigrate.model.inventory import Inventory
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.strategy import binding_pairs


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, item: str) -> str:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def move_groups(
    inventory: Inventory, moving: set[str], settings: PlanSettings
) -> tuple[list[tuple[str, ...]], nx.DiGraph[int]]:
    """The groups of moving systems (in inventory order) and the graph of group dependencies (A -> B: A needs B)."""
    order = {s.id: i for i, s in enumerate(inventory.systems)}
    uf = _UnionFind(sorted(moving, key=order.__getitem__))
    for a, b, _ in binding_pairs(inventory, settings):
        if a in moving and b in moving:
            uf.union(a, b)
    dependencies = [(s.id, d) for s in inventory.systems if s.id in moving for d in s.depends_on if d in moving]
    # Groups that depend on each other in a cycle (directly, or through a groupmate) cannot be ordered: merge them
    # until the group dependency graph has no cycle. Each round merges at least two groups, so it ends.
    while True:
        groups = _groups(uf, moving, order)
        index = {sid: i for i, g in enumerate(groups) for sid in g}
        group_deps: nx.DiGraph[int] = nx.DiGraph()
        group_deps.add_nodes_from(range(len(groups)))
        group_deps.add_edges_from((index[a], index[b]) for a, b in dependencies if index[a] != index[b])
        cycles = [c for c in nx.strongly_connected_components(group_deps) if len(c) > 1]
        if not cycles:
            return groups, group_deps
        for cycle in cycles:
            members = sorted(cycle)
            for other in members[1:]:
                uf.union(groups[members[0]][0], groups[other][0])


def _groups(uf: _UnionFind, moving: set[str], order: dict[str, int]) -> list[tuple[str, ...]]:
    by_root: dict[str, list[str]] = {}
    for sid in sorted(moving, key=order.__getitem__):
        by_root.setdefault(uf.find(sid), []).append(sid)
    return sorted((tuple(m) for m in by_root.values()), key=lambda g: order[g[0]])
