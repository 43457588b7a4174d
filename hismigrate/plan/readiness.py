"""Cloud readiness of a system (ready, conditional, not ready, unknown) with reasons, in the spirit of the large
cloud vendors' assessment tools: sizing data known, OS supportable, no ties to on-site equipment, standards."""

from __future__ import annotations

from datetime import date

from hismigrate.model.enums import Customisation, Standard, Strategy, SystemCategory
from hismigrate.model.inventory import Inventory, Server, System
from hismigrate.model.lifecycle import end_of_support
from hismigrate.model.plan import Readiness, Reason

# Before this date an OS is too old for the clouds' supported images: moving means rebuilding, not rehosting.
_UNSUPPORTABLE_BEFORE = date(2020, 1, 15)
# The national EMR information-sharing service exchanges HL7 FHIR documents.
_FHIR_EXPECTED = frozenset({SystemCategory.emr, SystemCategory.checkup, SystemCategory.documents})


def readiness(
    system: System, strategy: Strategy, inventory: Inventory, as_of: date, servers: dict[str, Server] | None = None
) -> tuple[Readiness, tuple[Reason, ...]]:
    """`servers` (id -> server): pass it when asking for many systems (building it costs a pass over the estate)."""
    servers = servers if servers is not None else inventory.by_id().servers
    hard: list[Reason] = []
    soft: list[Reason] = []
    unknown: list[Reason] = []
    if system.equipment:
        hard.append(Reason(key="ready_equipment", params={"equipment": ", ".join(system.equipment)}))
    for sid in system.servers:
        server = servers[sid]
        named = {"server": sid, "server_name": server.hostname}
        eos = end_of_support(server)
        if eos.date is not None and eos.date < _UNSUPPORTABLE_BEFORE and strategy == Strategy.rehost:
            os = f"{server.os_name} {server.os_version or ''}".strip()
            hard.append(Reason(key="ready_os_unsupportable", params={**named, "os": os}))
        elif eos.date is not None and eos.date <= as_of:
            soft.append(Reason(key="ready_os_expired", params={**named, "date": eos.date.isoformat()}))
        if server.vcpu is None or server.memory_gb is None:
            unknown.append(Reason(key="ready_no_sizing", params=named))
        elif server.cpu_util_pct is None:
            soft.append(Reason(key="ready_no_utilisation", params=named))
    if not system.servers and strategy != Strategy.repurchase:
        unknown.append(Reason(key="ready_no_servers"))
    if system.customisation == Customisation.high:
        soft.append(Reason(key="ready_customised"))
    if system.category in _FHIR_EXPECTED and Standard.fhir not in system.standards:
        soft.append(Reason(key="ready_no_fhir"))
    if system.contract_end is not None and system.contract_end > as_of:
        soft.append(Reason(key="ready_contract", params={"date": system.contract_end.isoformat()}))
    if hard:
        return Readiness.not_ready, tuple(hard + soft + unknown)
    if unknown:
        return Readiness.unknown, tuple(unknown + soft)
    if soft:
        return Readiness.conditional, tuple(soft)
    return Readiness.ready, (Reason(key="ready_ok"),)
