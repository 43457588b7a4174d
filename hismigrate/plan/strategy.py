"""The 6R strategy of each system, decided by ordered rules; each decision lists its reasons.

Rules, in order (the first that applies wins; later rules add only reasons):
1. an override in the inventory (`system.strategy`);
2. tied to on-site equipment (modalities, analysers) -> retain;
3. the vendor offers SaaS or a cloud edition -> repurchase;
4. runs on no known server -> retain (nothing to move) unless rule 3 applied;
5. a server's OS is past end of support on --as-of -> replatform;
6. otherwise -> rehost.
Then, to a fixed point: a flow that is both latency-sensitive and high-volume (>= bind_mbps), or a shared server,
between a moving system and a retained one keeps the moving system on premises too (retain, "bound to ..."), unless
overridden. (Moving systems joined by a flow that is latency-sensitive *or* high-volume move together: see groups.)
"""

from __future__ import annotations

from datetime import date

from hismigrate.model.enums import Strategy, VendorCloud
from hismigrate.model.inventory import Flow, Inventory, Server, System
from hismigrate.model.lifecycle import end_of_support
from hismigrate.model.plan import Reason
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.names import server_names, system_names

MOVING = frozenset({Strategy.rehost, Strategy.replatform, Strategy.refactor, Strategy.repurchase})


def flow_mbps(flow: Flow) -> float:
    """Throughput of a flow in Mbps: its own figure, else its daily volume spread over the day."""
    if flow.mbps is not None:
        return flow.mbps
    if flow.gb_per_day is not None:
        return flow.gb_per_day * 8000.0 / 86400.0
    return 0.0


def binds(flow: Flow, settings: PlanSettings, strict: bool = False) -> bool:
    """A flow that should not cross the line between on-prem and cloud: latency-sensitive or high-volume, or with
    `strict`, both (the test for keeping a system home because its partner stays)."""
    heavy = flow_mbps(flow) >= settings.bind_mbps
    return (flow.latency_sensitive and heavy) if strict else (flow.latency_sensitive or heavy)


def binding_pairs(inventory: Inventory, settings: PlanSettings, strict: bool = False) -> list[tuple[str, str, Reason]]:
    """Pairs of systems that must stay on the same side: a binding flow or a shared server (with the reason)."""
    pairs: list[tuple[str, str, Reason]] = []
    for flow in inventory.flows:
        if flow.source != flow.target and binds(flow, settings, strict):
            pairs.append((flow.source, flow.target, Reason(key="bound", params={"mbps": f"{flow_mbps(flow):g}"})))
    users: dict[str, list[str]] = {}
    for system in inventory.systems:
        for server_id in system.servers:
            users.setdefault(server_id, []).append(system.id)
    servers = {s.id: s for s in inventory.servers}
    for server_id, sharing in users.items():
        for other in sharing[1:]:
            params = {"server": server_id, "server_name": server_names(servers, [server_id])}
            pairs.append((sharing[0], other, Reason(key="shares_server", params=params)))
    return pairs


def _first_rule(system: System, servers: dict[str, Server], as_of: date) -> tuple[Strategy, list[Reason]]:
    if system.strategy is not None:
        return system.strategy, [Reason(key="override", params={"strategy": system.strategy.value})]
    if system.equipment:
        return Strategy.retain, [Reason(key="equipment", params={"equipment": ", ".join(system.equipment)})]
    if system.vendor_cloud in (VendorCloud.saas, VendorCloud.cloud):
        return Strategy.repurchase, [Reason(key=f"vendor_{system.vendor_cloud.value}")]
    if not system.servers:
        return Strategy.retain, [Reason(key="no_servers")]
    expired = sorted(
        sid for sid in system.servers if (eos := end_of_support(servers[sid]).date) is not None and eos <= as_of
    )
    if expired:
        params = {"servers": ", ".join(expired), "server_names": server_names(servers, expired)}
        return Strategy.replatform, [Reason(key="os_expired", params=params)]
    return Strategy.rehost, [Reason(key="default_rehost")]


def decide_strategies(
    inventory: Inventory, as_of: date, settings: PlanSettings
) -> dict[str, tuple[Strategy, tuple[Reason, ...]]]:
    """Strategy and reasons for every system, in inventory order."""
    idx = inventory.by_id()
    servers = idx.servers
    decided = {s.id: _first_rule(s, servers, as_of) for s in inventory.systems}
    overridden = {s.id for s in inventory.systems if s.strategy is not None}
    ties = binding_pairs(inventory, settings, strict=True)
    changed = True
    while changed:  # each pass can only turn a moving system into retain: it ends within len(systems) passes
        changed = False
        for a, b, why in ties:
            for here, there in ((a, b), (b, a)):
                strategy, reasons = decided[here]
                if here in overridden or strategy not in MOVING or decided[there][0] != Strategy.retain:
                    continue
                params = {**why.params, "system": there, "system_name": system_names(idx.systems, [there])}
                decided[here] = (Strategy.retain, [*reasons, Reason(key=why.key, params=params)])
                changed = True
    return {sid: (strategy, tuple(reasons)) for sid, (strategy, reasons) in decided.items()}
