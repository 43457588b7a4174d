"""One definition of a migration state: which servers leave, which lines go, where the cloud link lands; and the
graph, exposure, cost and resilience all follow it."""

from __future__ import annotations

from datetime import date

import pytest

from hismigrate.graph.build import build_graph
from hismigrate.load import load_inventory
from hismigrate.model.inventory import Inventory
from hismigrate.state import IMPLIED_CLOUD_LINK, line_goes, line_leaves, migration_state, servers_leave
from tests.conftest import SAMPLES


def _estate(zones: tuple[str, ...] = ("vendor", "office", "clinical")) -> Inventory:
    return Inventory.model_validate(
        {
            "hospital": {
                "id": "h",
                "name": "H",
                "beds": 100,
                "type": "acute",
                "prefecture": "tokyo",
                "founder": "public",
            },
            "segments": [{"id": f"seg-{z}", "name": z, "zone": z} for z in zones],
            "servers": [
                {"id": "emr-ap", "hostname": "emr-ap", "segment": f"seg-{zones[-1]}"},
                {"id": "shared", "hostname": "shared", "segment": f"seg-{zones[-1]}"},
                {"id": "lone", "hostname": "lone", "segment": f"seg-{zones[-1]}"},
            ],
            "systems": [
                {"id": "emr", "name": "EMR", "category": "emr", "criticality": 1, "servers": ["emr-ap", "shared"]},
                {"id": "lab", "name": "Lab", "category": "lis", "criticality": 2, "servers": ["shared"]},
            ],
            "connections": [
                {"id": "vpn-emr", "kind": "ssl_vpn", "lands_in": f"seg-{zones[0]}", "serves": ["emr"]},
                {
                    "id": "vpn-both",
                    "kind": "remote_maintenance",
                    "lands_in": f"seg-{zones[0]}",
                    "serves": ["emr", "lab"],
                },
                {"id": "regional", "kind": "regional_network", "lands_in": f"seg-{zones[0]}", "serves": ["emr"]},
                {"id": "mail", "kind": "email", "lands_in": f"seg-{zones[0]}"},
            ],
        }
    )


def test_a_vendor_line_goes_with_the_last_system_it_serves_other_lines_stay() -> None:
    inventory = _estate()
    state = migration_state(inventory, {"emr"})
    ids = [c.id for c in state.connections]
    assert ids == ["vpn-both", "regional", "mail", IMPLIED_CLOUD_LINK]
    assert [c.id for c in migration_state(inventory, {"emr", "lab"}).connections][:2] == ["regional", "mail"]
    by_id = {c.id: c for c in inventory.connections}
    assert line_goes(by_id["vpn-emr"], {"emr"}) and not line_goes(by_id["regional"], {"emr"})
    leaves = {"emr": date(2027, 4, 1), "lab": date(2028, 1, 1)}
    assert line_leaves(by_id["vpn-both"], leaves) == date(2028, 1, 1)
    assert line_leaves(by_id["vpn-both"], {"emr": date(2027, 4, 1)}) is None
    assert line_leaves(by_id["mail"], leaves) is None


def test_a_server_leaves_with_the_last_system_it_hosts_and_one_hosting_none_stays() -> None:
    inventory = _estate()
    assert [s.id for s in migration_state(inventory, {"emr"}).servers] == ["shared", "lone"]
    assert [s.id for s in migration_state(inventory, {"emr", "lab"}).servers] == ["lone"]
    # emr-ap hosts emr; shared hosts emr and lab; lone hosts none
    leaves = servers_leave(inventory, {"emr": date(2027, 4, 1), "lab": date(2028, 1, 1)})
    assert leaves == [date(2027, 4, 1), date(2028, 1, 1), None]
    assert servers_leave(inventory, {"emr": date(2027, 4, 1)}) == [date(2027, 4, 1), None, None]


@pytest.mark.parametrize(
    ("zones", "landing"),
    [
        (("vendor", "office", "clinical"), "seg-clinical"),
        (("vendor", "dmz", "office"), "seg-office"),
        (("vendor", "internet"), "seg-vendor"),
    ],
)
def test_an_implied_cloud_link_lands_in_the_first_clinical_else_inner_segment(
    zones: tuple[str, ...], landing: str
) -> None:
    state = migration_state(_estate(zones), {"emr"})
    assert state.implied_link is not None and state.implied_link.lands_in == landing
    assert migration_state(_estate(zones)).implied_link is None


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.name for s in SAMPLES])
def test_graph_cost_and_resilience_follow_the_state(sample) -> None:  # type: ignore[no-untyped-def]
    from hismigrate.cost.case import cost_plan
    from hismigrate.load.inputs import load_inputs
    from hismigrate.plan.planner import make_plan
    from hismigrate.plan.resilience import _Layout

    inventory = load_inventory([sample])
    inputs = load_inputs(date(2026, 12, 1), None, None, None)
    plan = make_plan(inventory, inputs.as_of, inputs.settings.plan)
    for _name, in_cloud in plan.states():
        state = migration_state(inventory, in_cloud)
        graph = build_graph(inventory, in_cloud).graph
        in_graph = [d["id"] for _, d in graph.nodes(data=True) if d["type"] == "connection"]
        assert in_graph == [c.id for c in state.connections]
        servers = [d["id"] for _, d in graph.nodes(data=True) if d["type"] == "server"]
        assert servers == [s.id for s in state.servers]
        layout = _Layout(inventory, inventory.by_id(), bool(in_cloud))
        assert layout.landing == (state.implied_link.lands_in if state.implied_link else None)
    # cost: after the last wave, a line is still paid for exactly when the final state keeps it
    final = migration_state(inventory, plan.states()[-1][1])
    kept = {c.id for c in final.connections}
    cost = cost_plan(inventory, plan, inputs.settings, inputs.catalog, inputs.as_of)
    paid_last_year = {
        line.subject
        for line in cost.lines.each()
        if line.scenario == "plan" and line.category == "connections" and line.amounts_jpy[-1]
    }
    priced = {c.id for c in inventory.connections if c.cost_jpy_per_year}
    assert paid_last_year == priced & kept


def test_cost_pays_a_line_until_the_state_retires_it() -> None:
    from hismigrate.cost.case import cost_plan
    from hismigrate.load.inputs import load_inputs
    from hismigrate.model.enums import Strategy
    from hismigrate.model.plan import MigrationPlan, SystemStrategy, Wave

    base = _estate()
    priced = [c.model_copy(update={"cost_jpy_per_year": 1_200_000.0}) for c in base.connections]
    inventory = base.model_copy(update={"connections": priced})
    inputs = load_inputs(date(2026, 4, 1), None, None, None)
    plan = MigrationPlan(
        strategies=(SystemStrategy(system="emr", strategy=Strategy.rehost),),
        waves=(Wave(index=1, cutover=date(2027, 4, 1), systems=("emr",)),),
    )
    cost = cost_plan(inventory, plan, inputs.settings, inputs.catalog, inputs.as_of)
    paid = {
        line.subject: line.amounts_jpy[:3]
        for line in cost.lines.each()
        if line.scenario == "plan" and line.category == "connections"
    }
    assert paid["vpn-emr"][0] > 0 and paid["vpn-emr"][1:] == (0, 0)  # gone with the EMR on 2027-04-01
    assert all(all(paid[x]) for x in ("vpn-both", "regional", "mail"))  # the lab stays; other lines stay


def _hosted_estate(*extra: dict[str, object], systems: tuple[dict[str, object], ...] = ()) -> Inventory:
    """Hosts esx1 and esx2 (cluster CL) with vm1 and vm2 naming esx1; esx3 alone, nothing naming it; esx4 hosting
    system d itself and vm4 (system e); each machine hosting one system."""

    def server(ident: str, **fields: object) -> dict[str, object]:
        return {"id": ident, "hostname": ident, "segment": "seg-clinical", **fields}

    def system(ident: str, *servers: str) -> dict[str, object]:
        return {"id": ident, "name": ident, "category": "lis", "criticality": 2, "servers": list(servers)}

    host = {"role": "hypervisor", "physical": True}
    return Inventory.model_validate(
        {
            "hospital": {"id": "h", "name": "H", "beds": 100, "type": "acute", "prefecture": "13", "founder": "public"},
            "segments": [{"id": "seg-clinical", "name": "LAN", "zone": "clinical"}],
            "servers": [
                server("esx1", redundancy_group="CL", **host),
                server("esx2", redundancy_group="CL", **host),
                server("esx3", **host),
                server("esx4", physical=True),  # a host because vm4 names it
                server("vm1", host="esx1"),
                server("vm2", host="esx1"),
                server("vm4", host="esx4"),
                *extra,
            ],
            "systems": [system("a", "vm1"), system("b", "vm2"), system("d", "esx4"), system("e", "vm4"), *systems],
        }
    )


def _on_site(inventory: Inventory, *moved: str) -> list[str]:
    return [s.id for s in migration_state(inventory, moved).servers]


def test_a_hypervisor_host_leaves_with_the_last_machine_of_its_cluster() -> None:
    inventory = _hosted_estate()
    assert _on_site(inventory, "a") == ["esx1", "esx2", "esx3", "esx4", "vm2", "vm4"]
    assert _on_site(inventory, "a", "b") == ["esx3", "esx4", "vm4"]  # esx2: nothing names it, but vm1/vm2 drew on it
    leaves = {"a": date(2027, 4, 1), "b": date(2028, 1, 1)}
    days = dict(zip([s.id for s in inventory.servers], servers_leave(inventory, leaves), strict=True))
    assert days["esx1"] == days["esx2"] == date(2028, 1, 1) and days["esx3"] is None
    # a host that also hosts a system itself leaves with the last of its systems and machines
    assert _on_site(inventory, "d") == ["esx1", "esx2", "esx3", "esx4", "vm1", "vm2", "vm4"]
    assert _on_site(inventory, "e") == ["esx1", "esx2", "esx3", "esx4", "vm1", "vm2"]
    assert "esx4" not in _on_site(inventory, "d", "e")
    days = servers_leave(inventory, {"d": date(2028, 1, 1), "e": date(2027, 4, 1)})
    assert days[3] == date(2028, 1, 1)


def test_a_staying_machine_keeps_its_hosts_and_one_naming_no_host_keeps_every_host() -> None:
    idle = _hosted_estate({"id": "vm5", "hostname": "vm5", "segment": "seg-clinical", "host": "esx2"})
    assert _on_site(idle, "a", "b")[:2] == ["esx1", "esx2"]  # vm5 hosts no system: it stays, and so do its hosts
    spare = {"id": "vm6", "hostname": "vm6", "segment": "seg-clinical"}  # no host, no price: draws on every host
    system = {"id": "f", "name": "f", "category": "lis", "criticality": 2, "servers": ["vm6"]}
    inventory = _hosted_estate(spare, systems=(system,))
    assert _on_site(inventory, "a", "b")[:3] == ["esx1", "esx2", "esx3"]
    assert _on_site(inventory, "a", "b", "f") == ["esx4", "vm4"]  # esx3 too: vm6 drew on it
    # a machine with its own price and no host carries its own hardware: it draws on no host
    priced = _hosted_estate({**spare, "purchase_price_jpy": 1_000_000}, systems=(system,))
    assert _on_site(priced, "a", "b")[:2] == ["esx3", "esx4"]
