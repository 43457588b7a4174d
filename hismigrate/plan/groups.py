"""Move groups: systems that must move together (a shared server, a binding flow, a dependency cycle)."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from hismigrate.model.inventory import Inventory
from hismigrate.plan.settings import PlanSettings
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
) -> tuple[list[tuple[str, ...]], nx.DiGraph]:
    """The groups of moving systems (in inventory order) and the graph of group dependencies (A -> B: A needs B)."""
    order = {s.id: i for i, s in enumerate(inventory.systems)}
    uf = _UnionFind(sorted(moving, key=order.__getitem__))
    for a, b, _ in binding_pairs(inventory, settings):
        if a in moving and b in moving:
            uf.union(a, b)
    # Systems that depend on each other in a cycle cannot be ordered: they move together too.
    deps = nx.DiGraph()
    deps.add_nodes_from(moving)
    deps.add_edges_from((s.id, d) for s in inventory.systems if s.id in moving for d in s.depends_on if d in moving)
    for component in nx.strongly_connected_components(deps):
        members = sorted(component, key=order.__getitem__)
        for other in members[1:]:
            uf.union(members[0], other)
    by_root: dict[str, list[str]] = {}
    for sid in sorted(moving, key=order.__getitem__):
        by_root.setdefault(uf.find(sid), []).append(sid)
    groups = sorted((tuple(m) for m in by_root.values()), key=lambda g: order[g[0]])
    index = {sid: i for i, g in enumerate(groups) for sid in g}
    group_deps = nx.DiGraph()
    group_deps.add_nodes_from(range(len(groups)))
    for a, b in deps.edges:
        if index[a] != index[b]:
            group_deps.add_edge(index[a], index[b])
    return groups, group_deps
