"""Which controls are in place on a line, a server, a route and the Windows domains, read from the inventory.

A control counts only when the inventory says it is in place; a missing or unknown fact counts as the control absent
(the pessimistic default: "unknown is never safe"). The factor of each control is in data/attack_likelihoods.yaml.

| control | in place when |
| --- | --- |
| mfa | the line requires MFA (`mfa: true`) |
| personal_accounts | the line is known not to use shared credentials (`shared_credentials: false` written down) |
| source_restricted | the line accepts listed source addresses only |
| on_demand | the line is connected on demand (`always_on: false`) |
| patched_firmware | the device's firmware was updated within `firmware_max_days`, and its version is recorded and not a known-exploited one (a device of a KEV family with no version is not patched as far as anyone knows) |
| closed_network | the line is carried over a carrier closed network |
| logs_reviewed | the line's access logs are kept and reviewed |
| patched | the server's OS support end is known and still ahead, and its patches are known and within `patch_max_days` (an OS out of support gets no fix to apply) |
| edr / antivirus | the server runs EDR / antivirus (`protection`; `unknown`, `none` and `disabled` count as neither) |
| rdp_off | remote desktop is known to be disabled (`remote_desktop: false`) |
| filtered | the route is restricted to named hosts and ports |
| two_factor, no_password_reuse, role_based_access, account_cleanup | the practices answer is yes |
"""

from __future__ import annotations

from datetime import date

from hismigrate.model.enums import Answer, Protection
from hismigrate.model.inventory import Connection, Practices, Route, Server
from hismigrate.model.lifecycle import end_of_support

PRACTICE_CONTROLS = ("two_factor", "no_password_reuse", "role_based_access", "account_cleanup")


def connection_controls(conn: Connection, as_of: date, firmware_max_days: int, exploitable: bool) -> tuple[str, ...]:
    """The line's controls in place, in a fixed order. `exploitable`: its device matches a known-exploited version,
    or is of a KEV product family with no version recorded."""
    out: list[str] = []
    if conn.mfa:
        out.append("mfa")
    if conn.shared_credentials is False and "shared_credentials" in conn.model_fields_set:
        out.append("personal_accounts")
    if conn.source_ip_restricted:
        out.append("source_restricted")
    if not conn.always_on:
        out.append("on_demand")
    updated = conn.firmware_updated
    if updated is not None and (as_of - updated).days <= firmware_max_days and not exploitable:
        out.append("patched_firmware")
    if conn.closed_network:
        out.append("closed_network")
    if conn.logs_kept and conn.logs_reviewed:
        out.append("logs_reviewed")
    return tuple(out)


def server_controls(server: Server, as_of: date, patch_max_days: int) -> tuple[str, ...]:
    """The server's controls in place, in a fixed order."""
    out: list[str] = []
    patched = server.last_patched
    if patched is not None and (as_of - patched).days <= patch_max_days:
        eos = end_of_support(server).date
        if eos is not None and eos >= as_of:
            out.append("patched")
    if server.protection == Protection.edr:
        out.append("edr")
    elif server.protection == Protection.antivirus:
        out.append("antivirus")
    if server.remote_desktop is False:
        out.append("rdp_off")
    return tuple(out)


def route_controls(route: Route) -> tuple[str, ...]:
    return ("filtered",) if route.filtered else ()


def practice_controls(practices: Practices) -> tuple[str, ...]:
    """The domain-wide controls the practices answers put in place (an unknown answer counts as no)."""
    return tuple(c for c in PRACTICE_CONTROLS if getattr(practices, c) == Answer.yes)
