"""The explicit registry of checks: every check, in id order. Adding a check means adding it to its module's
CHECKS; nothing registers itself at import time."""

from __future__ import annotations

from functools import cache

from hismigrate.exposure.check import Check


@cache
def all_checks() -> tuple[Check, ...]:
    from hismigrate.exposure.checks import backups, connections, ledger, practices, segmentation, servers, systems

    checks = (
        *connections.CHECKS,
        *segmentation.CHECKS,
        *servers.CHECKS,
        *backups.CHECKS,
        *systems.CHECKS,
        *ledger.CHECKS,
        *practices.CHECKS,
    )
    ids = [c.id for c in checks]
    if len(set(ids)) != len(ids):
        raise RuntimeError(f"duplicate check ids: {sorted(i for i in ids if ids.count(i) > 1)}")
    return checks


def check_by_id() -> dict[str, Check]:
    return {c.id: c for c in all_checks()}
