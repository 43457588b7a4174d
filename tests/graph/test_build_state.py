"""What a migration state does to the estate graph: moved systems leave their servers and their vendor lines,
and the cloud gains a link into the hospital."""

from __future__ import annotations

from hismigrate.graph.build import CLOUD, build_graph
from hismigrate.graph.query import connections, servers
from hismigrate.state import IMPLIED_CLOUD_LINK
from tests.exposure.conftest import inventory_with


def test_no_state_keeps_every_connection_and_no_cloud():
    estate = build_graph(inventory_with())
    assert [c.id for c in connections(estate)] == ["vpn1"]
    assert CLOUD not in estate.graph


def test_moving_a_system_drops_its_only_vendor_line_and_servers_and_implies_a_cloud_link():
    estate = build_graph(inventory_with(), in_cloud={"emr"})
    ids = [c.id for c in connections(estate)]
    assert "vpn1" not in ids and IMPLIED_CLOUD_LINK in ids
    link = next(c for c in connections(estate) if c.id == IMPLIED_CLOUD_LINK)
    assert link.lands_in == "clin-lan" and link.mfa and link.closed_network
    assert estate.graph.has_edge(CLOUD, f"connection:{IMPLIED_CLOUD_LINK}")
    assert {s.id for s in servers(estate)} == {"office01", "bk01"}


def test_a_line_serving_a_system_still_on_premises_stays():
    inventory = inventory_with({"connections": [{"id": "vpn1", "serves": ["emr", "groupware"]}]})
    assert "vpn1" in [c.id for c in connections(build_graph(inventory, in_cloud={"emr"}))]


def test_an_inventory_cloud_link_is_used_instead_of_an_implied_one():
    inventory = inventory_with(
        {"connections": [{"id": "direct-connect", "kind": "cloud_link", "operator": "carrier", "lands_in": "clin-lan"}]}
    )
    ids = [c.id for c in connections(build_graph(inventory, in_cloud={"emr"}))]
    assert "direct-connect" in ids and IMPLIED_CLOUD_LINK not in ids
