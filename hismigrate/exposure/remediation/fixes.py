"""The fix of each check the plan can propose: how the estate reads once the check's subjects are fixed (an edit of
inventory items), what it costs (a control-cost catalog item per unit) and what it is for (`risk`: it lowers attack
likelihoods; `damage`: it limits what an attack destroys). Checks not listed (a dial-up line to replace, a line to
re-land, a network to split) need a project, not a fix, and are left to the findings list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from hismigrate.exposure.kev import KevKnowledge
from hismigrate.exposure.likelihoods import Thresholds
from hismigrate.model.enums import Answer, Protection
from hismigrate.model.inventory import Connection, Inventory, Practices, Route, Segment, Server
from hismigrate.model.text import fold


@dataclass(frozen=True)
class Edits:
    """Items replaced by their fixed version, by id (the practices whole)."""

    connections: dict[str, Connection] = field(default_factory=dict)
    servers: dict[str, Server] = field(default_factory=dict)
    segments: dict[str, Segment] = field(default_factory=dict)
    practices: Practices | None = None

    def __bool__(self) -> bool:
        return bool(self.connections or self.servers or self.segments or self.practices is not None)

    def then(self, later: Edits) -> Edits:
        """These edits, then `later` on top."""
        return Edits(
            connections={**self.connections, **later.connections},
            servers={**self.servers, **later.servers},
            segments={**self.segments, **later.segments},
            practices=later.practices if later.practices is not None else self.practices,
        )

    def applied(self, inventory: Inventory) -> Inventory:
        """The inventory with these items replaced (lists keep their order)."""
        if not self:
            return inventory
        update: dict[str, object] = {}
        for part, items in (("connections", self.connections), ("servers", self.servers), ("segments", self.segments)):
            if items:
                update[part] = [items.get(x.id, x) for x in getattr(inventory, part)]
        if self.practices is not None:
            update["practices"] = self.practices
        return inventory.model_copy(update=update)


@dataclass(frozen=True)
class Fixing:
    """What a fix needs besides the estate: the date it is done by and the KEV facts (for a fixed firmware)."""

    as_of: date
    kev: KevKnowledge
    admin_ports: frozenset[str]
    no_own_data_roles: frozenset[str]


Apply = Callable[[Inventory, list[str], Fixing], Edits]


@dataclass(frozen=True)
class Fix:
    item: str  # control-cost catalog item
    purpose: str  # risk or damage
    apply: Apply
    units: Callable[[Inventory, list[str]], int]
    # What the fix does to the hops of its subjects, at most (for the bound on what it can remove, plan._bound):
    adds: tuple[str, ...] = ()  # controls it puts in place
    removes: tuple[str, ...] = ()  # raising findings it takes away
    cuts: bool = False  # it removes the hops (a shared password made unique)


def _ids(subjects: Iterable[str], kind: str) -> list[str]:
    prefix = f"{kind}:"
    return [s[len(prefix) :] for s in subjects if s.startswith(prefix)]


def _lines(update: Callable[[Connection, Fixing], dict[str, object]]) -> Apply:
    def apply(estate: Inventory, subjects: list[str], fixing: Fixing) -> Edits:
        wanted = set(_ids(subjects, "connection"))
        return Edits(
            connections={c.id: c.model_copy(update=update(c, fixing)) for c in estate.connections if c.id in wanted}
        )

    return apply


def _servers(update: Callable[[Server, Fixing], dict[str, object]]) -> Apply:
    def apply(estate: Inventory, subjects: list[str], fixing: Fixing) -> Edits:
        wanted = set(_ids(subjects, "server"))
        return Edits(servers={s.id: s.model_copy(update=update(s, fixing)) for s in estate.servers if s.id in wanted})

    return apply


def _firmware(conn: Connection, fixing: Fixing) -> dict[str, object]:
    out: dict[str, object] = {"firmware_updated": fixing.as_of}
    version = fixing.kev.fixed_version(conn)
    if version is not None:
        out["device_version"] = version
    return out


def _routes(change: Callable[[Route, Fixing], Route]) -> Apply:
    def apply(estate: Inventory, subjects: list[str], fixing: Fixing) -> Edits:
        pairs = {tuple(r.split("->", 1)) for r in _ids(subjects, "route") if "->" in r}
        out: dict[str, Segment] = {}
        for seg in estate.segments:
            if any(a == seg.id for a, _ in pairs):
                routes = [change(r, fixing) if (seg.id, r.to) in pairs else r for r in seg.routes]
                out[seg.id] = seg.model_copy(update={"routes": routes})
        return Edits(segments=out)

    return apply


def _filter(route: Route, fixing: Fixing) -> Route:
    # Allowed as needed: the hosts and ports each interface uses (not known here, so none is listed)
    return route.model_copy(update={"filtered": True})


def _close_admin_ports(route: Route, fixing: Fixing) -> Route:
    return route.model_copy(update={"ports": [p for p in route.ports if fold(p) not in fixing.admin_ports]})


def _laps(estate: Inventory, subjects: list[str], fixing: Fixing) -> Edits:
    groups = set(_ids(subjects, "admin_group"))
    return Edits(
        servers={
            s.id: s.model_copy(update={"local_admin_group": None})
            for s in estate.servers
            if s.local_admin_group in groups
        }
    )


def _offline_backup(estate: Inventory, subjects: list[str], fixing: Fixing) -> Edits:
    systems = set(_ids(subjects, "system"))
    hosts = {sid for system in estate.systems if system.id in systems for sid in system.servers}
    return Edits(
        servers={
            s.id: s.model_copy(update={"backup_offline": True})
            for s in estate.servers
            if s.id in hosts and s.role.value not in fixing.no_own_data_roles
        }
    )


def _practice(field_name: str) -> Apply:
    def apply(estate: Inventory, subjects: list[str], fixing: Fixing) -> Edits:
        return Edits(practices=estate.practices.model_copy(update={field_name: Answer.yes}))

    return apply


def _count(kind: str) -> Callable[[Inventory, list[str]], int]:
    return lambda estate, subjects: len(_ids(subjects, kind))


def _group_servers(estate: Inventory, subjects: list[str]) -> int:
    groups = set(_ids(subjects, "admin_group"))
    return sum(1 for s in estate.servers if s.local_admin_group in groups)


def _one(estate: Inventory, subjects: list[str]) -> int:
    return 1


LINES, SERVERS, ROUTES, SYSTEMS = _count("connection"), _count("server"), _count("route"), _count("system")

EDR = _servers(lambda s, f: {"protection": Protection.edr})
RDP_OFF = _servers(lambda s, f: {"remote_desktop": False})
FIRMWARE = _lines(_firmware)

FIXES: dict[str, Fix] = {
    "HIS-CONN-001": Fix(
        "firmware_update", "risk", FIRMWARE, LINES, adds=("patched_firmware",), removes=("HIS-CONN-001",)
    ),
    "HIS-CONN-002": Fix("mfa_line", "risk", _lines(lambda c, f: {"mfa": True}), LINES, adds=("mfa",)),
    "HIS-CONN-003": Fix("on_demand", "risk", _lines(lambda c, f: {"always_on": False}), LINES, adds=("on_demand",)),
    "HIS-CONN-004": Fix(
        "personal_accounts",
        "risk",
        _lines(lambda c, f: {"shared_credentials": False}),
        LINES,
        adds=("personal_accounts",),
    ),
    "HIS-CONN-005": Fix(
        "firewall_rule_change",
        "risk",
        _lines(lambda c, f: {"source_ip_restricted": True}),
        LINES,
        adds=("source_restricted",),
    ),
    "HIS-CONN-006": Fix("firmware_update", "risk", FIRMWARE, LINES, adds=("patched_firmware",)),
    "HIS-CONN-009": Fix("rdp_off", "risk", RDP_OFF, SERVERS, adds=("rdp_off",)),
    "HIS-CONN-011": Fix(
        "log_review",
        "risk",
        _lines(lambda c, f: {"logs_kept": True, "logs_reviewed": True}),
        LINES,
        adds=("logs_reviewed",),
    ),
    "HIS-CONN-012": Fix(
        "log_review", "risk", _lines(lambda c, f: {"logs_reviewed": True}), LINES, adds=("logs_reviewed",)
    ),
    "HIS-SEG-001": Fix("firewall_rule_change", "risk", _routes(_filter), ROUTES, adds=("filtered",)),
    "HIS-SEG-004": Fix("firewall_rule_change", "risk", _routes(_close_admin_ports), ROUTES, removes=("HIS-SEG-004",)),
    "HIS-SEG-005": Fix("firewall_rule_change", "risk", _routes(_filter), ROUTES, adds=("filtered",)),
    "HIS-SRV-001": Fix(
        "os_upgrade",
        "risk",
        # a supported OS, patched: its support end a release cycle ahead
        _servers(lambda s, f: {"end_of_support": f.as_of + timedelta(days=5 * 365), "last_patched": f.as_of}),
        SERVERS,
        adds=("patched",),
    ),
    "HIS-SRV-002": Fix("edr", "risk", EDR, SERVERS, adds=("edr",)),
    "HIS-SRV-003": Fix("edr", "risk", EDR, SERVERS, adds=("edr",)),
    "HIS-SRV-004": Fix(
        "os_patching", "risk", _servers(lambda s, f: {"last_patched": f.as_of}), SERVERS, adds=("patched",)
    ),
    "HIS-SRV-005": Fix("laps", "risk", _laps, _group_servers, cuts=True),
    "HIS-SRV-006": Fix("rdp_off", "risk", RDP_OFF, SERVERS, adds=("rdp_off",)),
    "HIS-SRV-008": Fix("edr", "risk", EDR, SERVERS, adds=("edr",)),
    "HIS-PRC-005": Fix("access_review", "risk", _practice("role_based_access"), _one, adds=("role_based_access",)),
    "HIS-PRC-006": Fix("access_review", "risk", _practice("account_cleanup"), _one, adds=("account_cleanup",)),
    "HIS-PRC-014": Fix("password_policy", "risk", _practice("no_password_reuse"), _one, adds=("no_password_reuse",)),
    "HIS-PRC-016": Fix("domain_mfa", "risk", _practice("two_factor"), _one, adds=("two_factor",)),
    "HIS-BAK-001": Fix("offline_backup_set", "damage", _offline_backup, SYSTEMS),
    "HIS-BAK-003": Fix("backup_isolation", "damage", _servers(lambda s, f: {"domain": None}), SERVERS),
}


def fixing(as_of: date, kev: KevKnowledge, thresholds: Thresholds) -> Fixing:
    return Fixing(
        as_of=as_of,
        kev=kev,
        admin_ports=frozenset(fold(p) for p in thresholds.admin_ports),
        no_own_data_roles=thresholds.no_own_data_roles,
    )


__all__ = ["FIXES", "Edits", "Fix", "Fixing", "fixing"]
