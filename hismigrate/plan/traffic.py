"""Traffic that crosses between on-prem and cloud in a migration state, against the line to the cloud."""

from __future__ import annotations

from collections.abc import Set

from hismigrate.model.enums import ConnectionKind
from hismigrate.model.inventory import Inventory
from hismigrate.model.settings import PlanSettings
from hismigrate.plan.strategy import flow_mbps


def cross_boundary_mbps(inventory: Inventory, in_cloud: Set[str], settings: PlanSettings) -> float:
    """Traffic on the line to the cloud, in Mbps: the flows with one end in the cloud and the other on premises, plus
    the on-site users of every cloud system (`users` x `mbps_per_user`: staff work on site, the system is away)."""
    flows = sum(flow_mbps(f) for f in inventory.flows if (f.source in in_cloud) != (f.target in in_cloud))
    users = sum((s.users or 0) * settings.mbps_per_user for s in inventory.systems if s.id in in_cloud)
    return round(flows + users, 3)


def cloud_line_mbps(inventory: Inventory, settings: PlanSettings) -> float:
    """Capacity to the cloud: the inventory's cloud links, else the planned line of the settings."""
    links = [c.bandwidth_mbps or 0.0 for c in inventory.connections if c.kind == ConnectionKind.cloud_link]
    return sum(links) if links and any(links) else settings.cloud_line_mbps
