"""The cost model's array form of when servers leave (hismigrate.cost.timing.timing_of) is the one rule of
hismigrate.state (`servers_leave`, and `migration_state`'s servers) on any small estate: hypervisor hosts named or
not, clusters, machines naming a host, naming none, naming themselves or a server not listed, with a price or not,
hosting systems or none, systems leaving on different days or staying."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hismigrate.cost.context import make_context
from hismigrate.cost.days import NEVER
from hismigrate.cost.estate import STRATEGIES
from hismigrate.cost.timing import timing_of
from hismigrate.model.enums import Strategy
from hismigrate.model.inventory import Inventory
from hismigrate.model.settings import Settings
from hismigrate.state import migration_state, servers_leave
from tests.cost.test_hand_case import hand_catalog

AS_OF = date(2026, 4, 1)
DAYS = (None, date(2027, 4, 1), date(2027, 10, 1), date(2028, 4, 1))  # None: the system stays
COST = Settings().cost
CATALOG = hand_catalog()

_server = st.fixed_dictionaries(
    {
        "role": st.sampled_from(["hypervisor", "hypervisor", "application"]),
        "physical": st.booleans(),
        "purchase_price_jpy": st.sampled_from([None, 0, 1_000_000]),
        "host": st.one_of(st.none(), st.integers(0, 7), st.just("ghost")),
        "redundancy_group": st.sampled_from([None, "A", "A", "B"]),
        "memory_gb": st.sampled_from([None, 16, 128]),
    }
)


@st.composite
def estates(draw: st.DrawFn) -> tuple[Inventory, dict[str, date]]:
    specs = draw(st.lists(_server, min_size=1, max_size=8))
    n = len(specs)
    servers: list[dict[str, Any]] = []
    for k, spec in enumerate(specs):
        host = spec.pop("host")
        if isinstance(host, int):
            host = f"s{host % n}"  # possibly itself
        fields = {key: value for key, value in spec.items() if value is not None}
        servers.append({"id": f"s{k}", "hostname": f"s{k}", "segment": "lan", "host": host, **fields})
    hosted = st.lists(st.sampled_from([*(s["id"] for s in servers), "missing"]), max_size=3)
    systems = [
        {"id": f"x{j}", "name": f"X{j}", "category": "lis", "criticality": 2, "servers": draw(hosted)}
        for j in range(draw(st.integers(0, 6)))
    ]
    leaves = {x["id"]: day for x in systems if (day := draw(st.sampled_from(DAYS))) is not None}
    inventory = Inventory.model_validate(
        {
            "hospital": {"id": "h", "name": "H", "beds": 100, "type": "acute", "prefecture": "13", "founder": "public"},
            "segments": [{"id": "lan", "name": "LAN", "zone": "clinical"}],
            "servers": servers,
            "systems": systems,
        }
    )
    return inventory, leaves


def _array_form(inventory: Inventory, leaves: dict[str, date]) -> list[date | None]:
    ctx = make_context(inventory, COST, CATALOG, AS_OF)
    ids = [x.id for x in inventory.systems]
    days = np.array([leaves[x].toordinal() if x in leaves else NEVER for x in ids], dtype=np.int64)
    strategy = np.array([STRATEGIES.index(Strategy.rehost) if x in leaves else -1 for x in ids], dtype=np.int8)
    found = timing_of(ctx, days, strategy).server_leaves.tolist()
    return [None if day == NEVER else date.fromordinal(day) for day in found]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(estates())
def test_the_array_form_is_the_rule_of_the_state(estate: tuple[Inventory, dict[str, date]]) -> None:
    inventory, leaves = estate
    expected = servers_leave(inventory, leaves)
    assert _array_form(inventory, leaves) == expected
    # a migration state keeps on site exactly the servers that never leave once its systems have moved
    on_site = [s.id for s in migration_state(inventory, leaves).servers]
    assert on_site == [s.id for s, day in zip(inventory.servers, expected, strict=True) if day is None]


def test_the_generated_estates_reach_the_hosts_rule() -> None:
    """Not vacuous: hosts leaving with their machines, and hosts kept by a staying one, both occur."""
    seen: set[str] = set()

    @settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(estates())
    def look(estate: tuple[Inventory, dict[str, date]]) -> None:
        inventory, leaves = estate
        hosted = {x for system in inventory.systems for x in system.servers}
        named = {s.host for s in inventory.servers if s.host != s.id}
        for server, day in zip(inventory.servers, servers_leave(inventory, leaves), strict=True):
            if (server.role == "hypervisor" or server.id in named) and server.id not in hosted and leaves:
                seen.add("leaves" if day is not None else "stays")

    look()
    assert seen == {"leaves", "stays"}
