"""The inventory as positions and arrays, made once and shared by every context of it (sensitivity variants too):
servers, systems and connections numbered in inventory order, who hosts and serves whom, each numeric field as a
column (NaN when not given, days as ordinals, 0 when not given), and every subject name a cost line can have."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from hismigrate.model.enums import ServerRole, Strategy, UtilisationBasis
from hismigrate.model.inventory import Connection, Inventory, Server, System
from hismigrate.state import VENDOR_LINES, clusters, named_hosts

STRATEGIES: tuple[Strategy, ...] = tuple(Strategy)
ONE_TIME_PARTS = ("data_transfer", "interfaces", "migration", "parallel_running", "training", "validation")
Facts = dict[str, np.ndarray]


@dataclass(frozen=True)
class Estate:
    inventory: Inventory
    servers: list[Server]
    systems: list[System]
    connections: list[Connection]
    system_at: dict[str, int]
    pair_server: np.ndarray  # (server, system) pairs, each once: the server's position and the system's
    pair_system: np.ndarray
    hosts: np.ndarray  # per server: how many systems it hosts
    servers_of: list[list[int]]  # per system: its listed servers that exist, in its order (repeats kept) ...
    server_list: np.ndarray  # ... in one array: system k's are server_list[server_start[k]:][:server_count[k]]
    server_start: np.ndarray
    server_count: np.ndarray
    vendor_line: np.ndarray  # (line, system) pairs of the lines that go with the last system they serve
    vendor_serves: np.ndarray  # (hismigrate.state.line_goes): the line's position and the system's
    interfaces: np.ndarray  # per system: flows it sends or receives
    flows: Facts  # per flow: source, target (system positions, -1 unknown), gb_per_day, rank among its source's
    server_facts: Facts
    host_named: np.ndarray  # per server: the position of the server it names as its `host` (-1: none)
    cluster: np.ndarray  # per server: a number shared by servers of one redundancy group (else its own)
    system_facts: Facts
    subjects: list[str]  # every subject name a line can have, each once; a subject's number is its position
    subject_at: dict[str, int]
    server_code: np.ndarray  # the subject number of each server, system and connection ...
    system_code: np.ndarray
    connection_code: np.ndarray
    one_time_code: np.ndarray  # ... and of each system's one-time lines (ONE_TIME_PARTS, then early_exit)


def _column(values: Sequence[object], dtype: type) -> np.ndarray:
    return np.array(values, dtype=dtype).reshape(len(values))


def _facts(rows: list[Server] | list[System], numbers: str, days: str) -> Facts:
    out = {name: _column([getattr(r, name) for r in rows], np.float64) for name in numbers.split()}
    for name in days.split():
        out[name] = _column([d.toordinal() if (d := getattr(r, name)) else 0 for r in rows], np.int64)
    return out


def make_estate(inventory: Inventory) -> Estate:
    servers, systems, connections = list(inventory.servers), list(inventory.systems), list(inventory.connections)
    server_at = {s.id: k for k, s in reversed(list(enumerate(servers)))}
    system_at = {s.id: k for k, s in reversed(list(enumerate(systems)))}
    servers_of = [[server_at[x] for x in sys.servers if x in server_at] for sys in systems]
    count = _column([len(xs) for xs in servers_of], np.int64)
    pairs = sorted({(x, k) for k, xs in enumerate(servers_of) for x in xs})
    # a vendor line that serves a system not in the inventory never goes
    vendor = [
        (k, system_at[x])
        for k, c in enumerate(connections)
        if c.kind in VENDOR_LINES and c.serves and all(x in system_at for x in c.serves)
        for x in c.serves
    ]
    interfaces = np.zeros(len(systems), dtype=np.int64)
    sent: dict[str, int] = {}
    ranks = []
    for flow in inventory.flows:
        for end in {flow.source, flow.target} & system_at.keys():
            interfaces[system_at[end]] += 1
        ranks.append(sent.get(flow.source, 0))
        sent[flow.source] = ranks[-1] + 1
    flows = inventory.flows
    gb = [f.gb_per_day if f.gb_per_day is not None else (f.mbps or 0) * 86400 / 8 / 1000 for f in flows]
    server_facts = _facts(
        servers,
        "purchase_price_jpy maintenance_jpy_per_year power_watts storage_gb vcpu memory_gb cpu_util_pct memory_util_pct",
        "refresh_due purchase_date",
    )
    server_facts["physical"] = _column([bool(s.physical) for s in servers], bool)
    server_facts["p95"] = _column([s.util_basis == UtilisationBasis.p95 for s in servers], bool)
    for role in ServerRole:
        server_facts[f"role.{role.value}"] = _column([s.role == role for s in servers], bool)
    host_named = _column(named_hosts(servers), np.int64)
    cluster = np.unique(np.array(clusters(servers), dtype=object), return_inverse=True)[1].reshape(-1)
    parts = (*ONE_TIME_PARTS, "early_exit")
    names = [s.id for s in servers] + [s.id for s in systems] + [c.id for c in connections]
    subject_at: dict[str, int] = {}
    for name in [*names, *(f"{s.id}.{part}" for s in systems for part in parts)]:
        subject_at.setdefault(name, len(subject_at))

    def codes(ids: list[str]) -> np.ndarray:
        return _column([subject_at[x] for x in ids], np.int64)

    return Estate(
        inventory=inventory,
        servers=servers,
        systems=systems,
        connections=connections,
        system_at=system_at,
        pair_server=_column([p[0] for p in pairs], np.int64),
        pair_system=_column([p[1] for p in pairs], np.int64),
        hosts=np.bincount(_column([p[0] for p in pairs], np.int64), minlength=len(servers)),
        servers_of=servers_of,
        server_list=_column([x for xs in servers_of for x in xs], np.int64),
        server_start=np.cumsum(count) - count,
        server_count=count,
        vendor_line=_column([v[0] for v in vendor], np.int64),
        vendor_serves=_column([v[1] for v in vendor], np.int64),
        interfaces=interfaces,
        flows={
            "source": _column([system_at.get(f.source, -1) for f in flows], np.int64),
            "target": _column([system_at.get(f.target, -1) for f in flows], np.int64),
            "gb_per_day": _column(gb, np.float64),
            "rank": _column(ranks, np.int64),
        },
        server_facts=server_facts,
        host_named=host_named,
        cluster=cluster.astype(np.int64),
        system_facts=_facts(
            systems,
            "purchase_price_jpy maintenance_jpy_per_year licence_jpy_per_year users data_volume_gb depreciation_years"
            " cold_data_share",
            "contract_end purchase_date",
        ),
        subjects=list(subject_at),
        subject_at=subject_at,
        server_code=codes([s.id for s in servers]),
        system_code=codes([s.id for s in systems]),
        connection_code=codes([c.id for c in connections]),
        one_time_code=codes([f"{s.id}.{p}" for s in systems for p in parts]).reshape(len(systems), len(parts)),
    )
