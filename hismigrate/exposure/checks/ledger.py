"""Checks on the inventory as the asset ledger (checklist 2-(1), 2-(2)): is every server and vendor device known?"""

from __future__ import annotations

from collections.abc import Iterator

from hismigrate.exposure.check import Check, Context, Hit, is_vendor_line, subject
from hismigrate.model.exposure import Severity


def server_record_incomplete(ctx: Context) -> Iterator[Hit]:
    for server in ctx.servers:
        if not server.os_name or not server.os_version:
            yield Hit(subject("server", server.id), {"os_name": server.os_name, "os_version": server.os_version})


def vendor_device_unknown(ctx: Context) -> Iterator[Hit]:
    for conn in ctx.connections:
        if is_vendor_line(conn) and not (conn.device_vendor and conn.device_product and conn.device_version):
            yield Hit(
                subject("connection", conn.id),
                {
                    "device_vendor": conn.device_vendor,
                    "device_product": conn.device_product,
                    "device_version": conn.device_version,
                },
            )


CHECKS: tuple[Check, ...] = (
    Check(
        "HIS-INV-001", Severity.medium, "inventory", "server", ("MHLW-R6 2-(1)",), server_record_incomplete, "server"
    ),
    Check(
        "HIS-INV-002",
        Severity.medium,
        "inventory",
        "connection",
        ("MHLW-R6 2-(2)",),
        vendor_device_unknown,
        "connection",
    ),
)
