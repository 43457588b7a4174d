"""The top distinct attack paths to a system: its most likely path, then the next most likely ones that differ from
those before in their entry point or in a lateral step (a route, a shared password, a domain, an interface), not
merely in which of the system's servers they end on.

How: the forward search (paths.most_likely) gives every node's best distance from the attacker d(v). A backward A*
search from the system, with d as its exact heuristic, settles the nodes in the order of the best path through them
and gives each its best remaining distance r(v) to the system; the best path through an edge u -> v then costs
d(u) + cost(u, v) + r(v). These "best path through each edge" candidates, cheapest first, are turned into paths and
kept when their way in (`signature`) is new. Paths less likely than `floor` x the best one are not looked for, which
bounds the backward search to the part of the graph near the best paths.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict

from hismigrate.exposure.attack_graph import ATTACKER, AttackGraph, Edge
from hismigrate.exposure.paths import best_steps, hops_of
from hismigrate.model.exposure import AttackPath

Step = tuple[str, Edge]  # (source, edge)
FINAL_APPROACH = frozenset({"member", "maintains", "admin_reuse", "domain_member"})


def reverse_edges(ag: AttackGraph) -> dict[str, list[Step]]:
    """target -> [(source, edge)], for searching backwards from a system."""
    rev: dict[str, list[Step]] = defaultdict(list)
    for source, edges in ag.edges.items():
        for edge in edges:
            rev[edge.target].append((source, edge))
    return rev


def signature(steps: list[Step]) -> tuple[tuple[str, str], ...]:
    """A path's way in: its hops (kind, target) without the final approach to the system (the hop onto one of its
    servers and the hop from the server to the system), so that paths ending on different servers of the same
    system the same way count as one."""
    hops = [(edge.kind, edge.target) for _, edge in steps]
    if hops and hops[-1][0] in ("hosts", "cloud_hosts"):
        hops.pop()
        if hops and hops[-1][0] in FINAL_APPROACH and hops[-1][1].startswith("server:"):
            hops.pop()
    return tuple(hops)


def top_paths(
    target: str,
    dist: dict[str, float],
    prev: dict[str, Step],
    rev: dict[str, list[Step]],
    k: int,
    floor: float,
    exclude: frozenset[tuple[tuple[str, str], ...]] = frozenset(),
) -> list[tuple[float, list[Step]]]:
    """Up to `k` distinct paths to `target`, most likely first: (-ln likelihood, steps from the attacker); none
    whose signature is in `exclude` (the paths already chosen)."""
    if target not in dist or k < 1:
        return []
    bound = dist[target] - math.log(floor) + 1e-12
    rest: dict[str, float] = {target: 0.0}
    nxt: dict[str, Step] = {}
    done: set[str] = set()
    heap: list[tuple[float, str]] = [(dist[target], target)]
    # Candidates wait in their own heap: one made when a node is settled costs at least that node's key, and keys
    # come off in rising order, so every candidate cheaper than the last key is final and can be tried in order.
    waiting: list[tuple[float, str, str, str, int, Edge]] = []  # (cost, source, node, kind, tie, edge)
    out: list[tuple[float, list[Step]]] = []
    seen = set(exclude)
    tie = 0

    def flush(upto: float) -> bool:
        """Try the waiting candidates up to `upto`; True once `k` paths are found."""
        while waiting and waiting[0][0] <= upto:
            cost, source, node, _, _, edge = heapq.heappop(waiting)
            steps = _through(source, node, edge, dist, prev, nxt, target)
            if steps is None:
                continue
            sig = signature(steps)
            if sig in seen:
                continue
            seen.add(sig)
            out.append((cost, steps))
            if len(out) == k:
                return True
        return False

    while heap:
        key, node = heapq.heappop(heap)
        if node in done:
            continue
        if key > bound or flush(key):
            break
        done.add(node)
        remaining = rest[node]
        for source, edge in rev.get(node, ()):
            before = dist.get(source)
            if before is None:
                continue
            through = before + edge.cost + remaining
            if through > bound:
                continue
            tie += 1
            heapq.heappush(waiting, (through, source, node, edge.kind, tie, edge))
            if remaining + edge.cost < rest.get(source, math.inf) - 1e-12:
                rest[source] = remaining + edge.cost
                nxt[source] = (node, edge)
                heapq.heappush(heap, (before + rest[source], source))
    if len(out) < k:
        flush(bound)
    return out


def _through(
    source: str, node: str, edge: Edge, dist: dict[str, float], prev: dict[str, Step], nxt: dict[str, Step], target: str
) -> list[Step] | None:
    """The best path from the attacker to `source`, the edge, then the best from `node` to the target; None when
    it visits a node twice."""
    head = [] if source == ATTACKER else best_steps(source, dist, prev)
    if head is None:
        return None
    steps = [*head, (source, edge)]
    current = node
    while current != target:
        if current not in nxt:
            return None
        after, hop = nxt[current]
        steps.append((current, hop))
        current = after
    visited = [ATTACKER, *(e.target for _, e in steps)]
    return steps if len(set(visited)) == len(visited) else None


def attack_paths(
    system_id: str,
    criticality: int,
    dist: dict[str, float],
    prev: dict[str, tuple[str, Edge]],
    rev: dict[str, list[tuple[str, Edge]]],
    k: int,
    floor: float,
) -> list[AttackPath]:
    """The system's top `k` distinct paths (exposure.alternatives), rank 1 its most likely one."""

    node = f"system:{system_id}"
    best = best_steps(node, dist, prev)
    if best is None:
        return []
    found = [(dist[node], best)]
    if k > 1:
        found += top_paths(node, dist, prev, rev, k - 1, floor, frozenset({signature(best)}))
    return [
        AttackPath(
            system=system_id,
            criticality=criticality,
            rank=rank,
            entry=steps[0][1].target,
            likelihood=round(math.exp(-cost), 6),
            hops=tuple(hops_of(steps)),
        )
        for rank, (cost, steps) in enumerate(found, start=1)
    ]
