"""The exposure left on premises after a migration: every criticality-1 system still on site in the last state,
with the likelihood of its most likely path there and its own findings (on it, on its servers and on the local
administrator password its servers share), so that a line retired by a move is not read as the hospital being
safe."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from hismigrate.exposure.check import Context
from hismigrate.exposure.paths import likelihood
from hismigrate.model.exposure import Finding
from hismigrate.model.remediation import ResidualSystem


def residual_systems(ctx: Context, dist: dict[str, float], findings: Iterable[Finding]) -> tuple[ResidualSystem, ...]:
    """Criticality-1 systems on premises in this state, most exposed first."""
    staying = [s for s in ctx.on_prem_systems if s.criticality == 1]
    if not staying:
        return ()
    group_of = {s.id: s.local_admin_group for s in ctx.servers if s.local_admin_group}
    own: dict[str, list[str]] = {}  # subject -> the systems whose own finding it is
    for system in staying:
        subjects = {f"system:{system.id}"}
        for server_id in system.servers:
            subjects.add(f"server:{server_id}")
            if server_id in group_of:
                subjects.add(f"admin_group:{group_of[server_id]}")
        for subject in subjects:
            own.setdefault(subject, []).append(system.id)
    counts: dict[str, Counter[str]] = {s.id: Counter() for s in staying}
    for f in findings:
        for system_id in own.get(f.subject, ()):
            counts[system_id][f.check_id] += 1
    out = [
        ResidualSystem(
            system=s.id,
            criticality=s.criticality,
            likelihood=round(likelihood(dist, f"system:{s.id}"), 6),
            findings=dict(sorted(counts[s.id].items())),
        )
        for s in staying
    ]
    return tuple(sorted(out, key=lambda r: (-r.likelihood, r.system)))
