"""Choke points: the hops and findings that most of the top paths to criticality-1 systems share. Fixing one cuts or
weakens every path through it, which is why a remediation that looks small can remove much of the risk.

Counted over every top path (ranks 1-3) to a criticality-1 system, each path counting a hop or a finding once; the
hops that only carry the attacker on (a line into the segment it lands in, a server into the system it hosts) are
not choke points, since there is nothing to fix on them. Kept: those on at least two paths, most shared first, up
to `limit` of each kind.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from hismigrate.model.exposure import AttackPath, ChokePoint

CARRIERS = frozenset({"lands_in", "hosts", "cloud_hosts"})


def choke_points(paths: Sequence[AttackPath], limit: int = 5) -> list[ChokePoint]:
    counted = [p for p in paths if p.criticality == 1]
    if not counted:
        return []
    hops: Counter[str] = Counter()
    findings: Counter[str] = Counter()
    for path in counted:
        hops.update({f"{h.source}->{h.target}" for h in path.hops if h.kind not in CARRIERS})
        findings.update({ref for h in path.hops for ref in h.findings})
    out: list[ChokePoint] = []
    for kind, counter in (("hop", hops), ("finding", findings)):
        ranked = sorted(((n, ref) for ref, n in counter.items() if n >= 2), key=lambda x: (-x[0], x[1]))[:limit]
        out += [ChokePoint(kind=kind, ref=ref, paths=n, share=round(n / len(counted), 4)) for n, ref in ranked]
    return out
