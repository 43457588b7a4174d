"""Most likely attack paths: one multi-source Dijkstra on -ln p from the virtual attacker (linked to every entry
point with that entry's likelihood), so every node gets its most likely path at once; not all-pairs."""

from __future__ import annotations

import heapq
import math

from hismigrate.exposure.attack_graph import ATTACKER, AttackGraph, Edge
from hismigrate.model.exposure import Hop


def most_likely(ag: AttackGraph) -> tuple[dict[str, float], dict[str, tuple[str, Edge]]]:
    """(node -> -ln likelihood of its best path, node -> (previous node, edge taken)). Ties break on node name."""
    dist: dict[str, float] = {ATTACKER: 0.0}
    prev: dict[str, tuple[str, Edge]] = {}
    done: set[str] = set()
    heap: list[tuple[float, str]] = [(0.0, ATTACKER)]
    edges = ag.edges
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for edge in edges.get(node, ()):
            nd = d + edge.cost  # d - ln(likelihood), exactly: a - b is a + (-b) in floating point
            if nd < dist.get(edge.target, math.inf) - 1e-12:
                dist[edge.target] = nd
                prev[edge.target] = (node, edge)
                heapq.heappush(heap, (nd, edge.target))
    return dist, prev


def distances(ag: AttackGraph) -> dict[str, float]:
    """`most_likely`'s first half alone (the same search, the same values), for a state that needs no paths."""
    dist: dict[str, float] = {ATTACKER: 0.0}
    heap: list[tuple[float, str]] = [(0.0, ATTACKER)]
    edges, get, pop, push, inf = ag.edges, dist.get, heapq.heappop, heapq.heappush, math.inf
    while heap:
        d, node = pop(heap)
        # A node's first pop carries its current distance; any later one an older, strictly larger value (each
        # update lowers it, and none can follow its pop: the costs are not negative). So this is `most_likely`'s
        # "already done" test, without the set.
        if d > dist[node]:
            continue
        for edge in edges.get(node, ()):
            nd = d + edge.cost
            target = edge.target
            if nd < get(target, inf) - 1e-12:
                dist[target] = nd
                push(heap, (nd, target))
    return dist


def likelihood(dist: dict[str, float], node: str) -> float:
    d = dist.get(node)
    return 0.0 if d is None else math.exp(-d)


def hops_of(steps: list[tuple[str, Edge]]) -> list[Hop]:
    """The hops of a path given as (source, edge) steps from the attacker."""
    return [
        Hop(
            kind=edge.kind,
            source=source,
            target=edge.target,
            likelihood=round(edge.likelihood, 6),
            findings=edge.findings,
            controls=edge.controls,
        )
        for source, edge in steps
    ]


def best_steps(node: str, dist: dict[str, float], prev: dict[str, tuple[str, Edge]]) -> list[tuple[str, Edge]] | None:
    """The best path to `node` as (source, edge) steps from the attacker; None when unreachable."""
    if node not in dist or node == ATTACKER:
        return None
    steps: list[tuple[str, Edge]] = []
    current = node
    while current != ATTACKER:
        source, edge = prev[current]
        steps.append((source, edge))
        current = source
    steps.reverse()
    return steps
