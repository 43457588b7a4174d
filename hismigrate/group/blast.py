"""The regional blast radius of the group plan, state by state, beside the same members on their own.

Each member's availability in a state comes from its own resilience analysis (plan.resilience) of that state's
systems in the cloud: the group adds only who is hit by one event.
- **region down**: every member's cloud systems stop (on their own, members are taken to use the same region: the
  group concentrates through the package and the hub, not through the region);
- **hub line cut**: the members on the shared environment lose it (none with a second hub line); on their own, one
  line cut stops one member: the worst single member is shown;
- **member compromise**: the member most exposed (highest exposure index) is breached and the attacker reaches the
  shared environment: that member's on-prem servers and every member's cloud systems; on its own, that member only;
- **vendor breach**: a vendor whose lines reach several members (or the package vendor, whose one account reaches
  the shared environment) is breached: at least the systems its lines serve stop, with what needs them.
"""

from __future__ import annotations

from collections.abc import Iterable

from hismigrate.group.members import Member
from hismigrate.model.exposure import Severity
from hismigrate.model.group_blast import BlastScenario, BlastState, Impact, MemberImpact, SupplyChainFinding
from hismigrate.model.group_plan import GroupPlan, GroupState
from hismigrate.model.inventory import Inventory
from hismigrate.model.resilience import Resilience
from hismigrate.model.text import fold
from hismigrate.plan.resilience import assess_resilience
from hismigrate.state import VENDOR_LINES, migration_state

_SEVERITY_RANK = {s: k for k, s in enumerate(Severity)}
KNOWN_EXPLOITED = "HIS-CONN-001"


def vendor_key(operator: str | None) -> str:
    """An operator's name for matching across members: width, case and a parenthesised note do not count."""
    text = fold(operator or "")
    for opening in ("(", "（"):
        text = text.split(opening)[0]
    return text.strip()


def with_dependants(inventory: Inventory, down: Iterable[str]) -> set[str]:
    """`down` and every system that needs one of them, directly or not."""
    needers: dict[str, list[str]] = {}
    for system in inventory.systems:
        for dep in system.depends_on:
            needers.setdefault(dep, []).append(system.id)
    out = set(down)
    todo = list(out)
    while todo:
        for needer in needers.get(todo.pop(), ()):
            if needer not in out:
                out.add(needer)
                todo.append(needer)
    return out


def _impact(members: dict[str, Member], stopped: dict[str, set[str]]) -> Impact:
    rows = []
    for mid, systems in stopped.items():
        if not systems:
            continue
        member = members[mid]
        order = [s.id for s in member.inventory.systems]
        critical = tuple(s for s in order if s in systems and member.index.systems[s].criticality == 1)
        rows.append(
            MemberImpact(
                member=mid,
                stopped=tuple(s for s in order if s in systems),
                critical1=critical,
                beds=member.beds if critical else 0,
            )
        )
    return Impact(members=tuple(rows), care_stops=sum(1 for r in rows if r.critical1), beds=sum(r.beds for r in rows))


def _worst_single(impact: Impact) -> Impact:
    if not impact.members:
        return impact
    worst = max(impact.members, key=lambda r: (r.beds, len(r.stopped), r.member))
    return Impact(members=(worst,), care_stops=1 if worst.critical1 else 0, beds=worst.beds)


def _down(resilience: Resilience, scenario: str) -> set[str]:
    return set(next(o.unavailable for o in resilience.scenarios if o.scenario == scenario))


def _vendor_down(member: Member, in_cloud: frozenset[str], vendor: str) -> set[str]:
    """What a breach through `vendor`'s lines into the member stops in this state: at least the on-prem systems
    they serve, and what needs them."""
    lines = [
        c
        for c in migration_state(member.inventory, in_cloud).connections
        if c.kind in VENDOR_LINES and vendor_key(c.operator) == vendor
    ]
    served = {s for c in lines for s in c.serves if s in member.index.systems and s not in in_cloud}
    return with_dependants(member.inventory, served) if served else set()


def supply_chain(members: list[Member], package_vendor: str | None, plan: GroupPlan) -> tuple[SupplyChainFinding, ...]:
    """Vendor accounts and appliance models that reach two members or more; the package vendor, whose one account
    reaches the shared environment of every member on it."""
    by_vendor: dict[str, list[tuple[Member, str]]] = {}
    by_model: dict[str, list[tuple[Member, str]]] = {}
    names: dict[str, str] = {}
    for member in members:
        for conn in member.inventory.connections:
            if conn.kind in VENDOR_LINES and conn.operator:
                key = vendor_key(conn.operator)
                names.setdefault(key, conn.operator.split("(")[0].split("（")[0].strip())
                by_vendor.setdefault(key, []).append((member, conn.id))
            if conn.device_product:
                model = " ".join(p for p in (conn.device_vendor, conn.device_product) if p)
                by_model.setdefault(model, []).append((member, conn.id))
    out = []
    for kind, table in (("vendor", by_vendor), ("appliance", by_model)):
        for key, lines in table.items():
            reached = tuple(dict.fromkeys(m.id for m, _ in lines))
            if len(reached) < 2:
                continue
            severity, exploited = _worst(lines)
            out.append(
                SupplyChainFinding(
                    kind=kind,  # type: ignore[arg-type]
                    name=names.get(key, key) if kind == "vendor" else key,
                    members=reached,
                    lines=tuple(f"{m.id}:{c}" for m, c in lines),
                    severity=severity,
                    known_exploited=exploited,
                )
            )
    if package_vendor:
        on = tuple(t.member for t in plan.members if t.cutovers)
        if len(on) >= 2:
            out.append(
                SupplyChainFinding(
                    kind="package_vendor",
                    name=package_vendor,
                    members=on,
                    lines=(),
                    severity=None,
                    known_exploited=False,
                )
            )
    rank = {"package_vendor": 0, "vendor": 1, "appliance": 2}
    out.sort(
        key=lambda f: (
            not f.known_exploited,
            -len(f.members),
            _SEVERITY_RANK[f.severity] if f.severity else len(_SEVERITY_RANK),
            rank[f.kind],
            f.name,
        )
    )
    return tuple(out)


def _worst(lines: list[tuple[Member, str]]) -> tuple[Severity | None, bool]:
    worst: Severity | None = None
    exploited = False
    for member, conn in lines:
        subject = f"connection:{conn}"
        for finding in member.assessment.findings:
            if finding.subject != subject:
                continue
            exploited = exploited or finding.check_id == KNOWN_EXPLOITED
            if worst is None or _SEVERITY_RANK[finding.severity] < _SEVERITY_RANK[worst]:
                worst = finding.severity
    return worst, exploited


class _Resilience:
    """Each member's resilience per set of systems in the cloud, asked once (the states repeat sets)."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, frozenset[str]], Resilience] = {}

    def of(self, member: Member, in_cloud: frozenset[str]) -> Resilience:
        key = (member.id, in_cloud)
        if key not in self._found:
            self._found[key] = assess_resilience(member.inventory, in_cloud)
        return self._found[key]


def blast_states(
    members: list[Member], plan: GroupPlan, findings: tuple[SupplyChainFinding, ...], hub_redundant: bool
) -> tuple[BlastState, ...]:
    by_id = {m.id: m for m in members}
    resilience = _Resilience()
    vendors = {vendor_key(f.name): f.name for f in findings if f.kind in ("vendor", "package_vendor")}
    package = next((vendor_key(f.name) for f in findings if f.kind == "package_vendor"), None)
    out = []
    # member-major: the resilience analysis keeps what one inventory's states share
    for member in members:
        for state in plan.states:
            row = next(r for r in state.members if r.member == member.id)
            resilience.of(member, frozenset(row.in_cloud))
            resilience.of(member, frozenset(row.alone_in_cloud))
    for state in plan.states:
        rows = {r.member: r for r in state.members}
        group_in = {mid: frozenset(r.in_cloud) for mid, r in rows.items()}
        alone_in = {mid: frozenset(r.alone_in_cloud) for mid, r in rows.items()}
        on_env = tuple(mid for mid in rows if state.day >= plan.environment_ready and group_in[mid])

        def down(scenario: str, cloud: dict[str, frozenset[str]], who: Iterable[str]) -> dict[str, set[str]]:
            return {mid: _down(resilience.of(by_id[mid], cloud[mid]), scenario) for mid in who}

        everyone = list(rows)
        scenarios = [
            BlastScenario(
                scenario="region_down",
                subject=None,
                group=_impact(by_id, down("cloud_down", group_in, everyone)),
                alone=_impact(by_id, down("cloud_down", alone_in, everyone)),
            ),
            BlastScenario(
                scenario="hub_line_cut",
                subject=None,
                group=_impact(by_id, {} if hub_redundant else down("cloud_down", group_in, on_env)),
                alone=_worst_single(_impact(by_id, down("cloud_link_down", alone_in, everyone))),
            ),
            _compromise(by_id, state, on_env, group_in, alone_in, resilience),
        ]
        breach = _vendor_breach(by_id, vendors, package, on_env, group_in, alone_in, resilience)
        if breach is not None:
            scenarios.append(breach)
        out.append(
            BlastState(
                state=state.name, index=state.index, day=state.day, on_environment=on_env, scenarios=tuple(scenarios)
            )
        )
    return tuple(out)


def _compromise(
    by_id: dict[str, Member],
    state: GroupState,
    on_env: tuple[str, ...],
    group_in: dict[str, frozenset[str]],
    alone_in: dict[str, frozenset[str]],
    resilience: _Resilience,
) -> BlastScenario:
    pool = on_env or tuple(by_id)
    entry = max(pool, key=lambda mid: (by_id[mid].assessment.summary.exposure_index_now, by_id[mid].beds, mid))
    group = {mid: _down(resilience.of(by_id[mid], group_in[mid]), "cloud_down") for mid in on_env}
    group[entry] = group.get(entry, set()) | _down(resilience.of(by_id[entry], group_in[entry]), "ransomware_onprem")
    alone = {entry: _down(resilience.of(by_id[entry], alone_in[entry]), "ransomware_onprem")}
    return BlastScenario(
        scenario="member_compromise", subject=entry, group=_impact(by_id, group), alone=_impact(by_id, alone)
    )


def _vendor_breach(
    by_id: dict[str, Member],
    vendors: dict[str, str],
    package: str | None,
    on_env: tuple[str, ...],
    group_in: dict[str, frozenset[str]],
    alone_in: dict[str, frozenset[str]],
    resilience: _Resilience,
) -> BlastScenario | None:
    """The breach of the vendor that stops most beds under the group plan (its lines, and the shared environment
    for the package vendor)."""
    best: BlastScenario | None = None
    for vendor, name in vendors.items():
        group = {mid: _vendor_down(m, group_in[mid], vendor) for mid, m in by_id.items()}
        if vendor == package:
            for mid in on_env:
                group[mid] |= _down(resilience.of(by_id[mid], group_in[mid]), "cloud_down")
        alone = {mid: _vendor_down(m, alone_in[mid], vendor) for mid, m in by_id.items()}
        found = BlastScenario(
            scenario="vendor_breach",
            subject=name,
            group=_impact(by_id, group),
            alone=_impact(by_id, alone),
        )
        if best is None or (found.group.beds, len(found.group.members)) > (best.group.beds, len(best.group.members)):
            best = found
    return best


__all__ = ["blast_states", "supply_chain", "vendor_key", "with_dependants"]
