"""Checks on the practices answers (the checklist items that cannot be read from the estate): "no" fails,
"unknown" is a gap. One check per answer, generated from the table below."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from hismigrate.exposure.check import Check, Context, Hit
from hismigrate.model.enums import Answer
from hismigrate.model.exposure import Severity

# (check id, Practices field, severity, references)
_TABLE: tuple[tuple[str, str, Severity, tuple[str, ...]], ...] = (
    ("HIS-PRC-001", "security_manager", Severity.medium, ("MHLW-R6 1-(1)",)),
    ("HIS-PRC-002", "asset_register", Severity.medium, ("MHLW-R6 2-(1)",)),
    ("HIS-PRC-003", "remote_maintenance_confirmed", Severity.high, ("MHLW-R6 2-(2)",)),
    ("HIS-PRC-004", "mds_sds", Severity.low, ("MHLW-R6 2-(3)",)),
    ("HIS-PRC-005", "role_based_access", Severity.medium, ("MHLW-R6 2-(4)",)),
    ("HIS-PRC-006", "account_cleanup", Severity.medium, ("MHLW-R6 2-(5)",)),
    ("HIS-PRC-007", "access_logs", Severity.medium, ("MHLW-R6 2-(6)",)),
    ("HIS-PRC-008", "patching", Severity.high, ("MHLW-R6 2-(7)",)),
    ("HIS-PRC-009", "unneeded_services", Severity.medium, ("MHLW-R6 2-(8)",)),
    ("HIS-PRC-010", "source_restriction", Severity.high, ("MHLW-R6 2-(9)",)),
    ("HIS-PRC-011", "incident_contacts", Severity.medium, ("MHLW-R6 3-(1)",)),
    ("HIS-PRC-012", "backup_restore", Severity.high, ("MHLW-R6 3-(2)",)),
    ("HIS-PRC-013", "cyber_bcp", Severity.high, ("MHLW-R6 3-(3)",)),
    ("HIS-PRC-014", "no_password_reuse", Severity.high, ("MHLW-R7 draft",)),
    ("HIS-PRC-015", "media_control", Severity.medium, ("MHLW-R7 draft",)),
    ("HIS-PRC-016", "two_factor", Severity.medium, ("MHLW-R7 draft", "GL6.0: two-factor by FY2027")),
)


def _answer_check(field: str) -> Callable[[Context], Iterator[Hit]]:
    def run(ctx: Context) -> Iterator[Hit]:
        answer: Answer = getattr(ctx.inventory.practices, field)
        if answer == Answer.no:
            yield Hit("practices", {field: "no"})
        elif answer == Answer.unknown:
            yield Hit("practices", {field: "unknown"}, unknown=True)

    run.__name__ = f"answer_{field}"
    return run


PRACTICE_FIELDS: dict[str, str] = {ident: field for ident, field, _, _ in _TABLE}
"""Check id -> the Practices field it reads."""

CHECKS: tuple[Check, ...] = tuple(
    Check(ident, severity, "practices", "practices", refs, _answer_check(field), "static")
    for ident, field, severity, refs in _TABLE
)
