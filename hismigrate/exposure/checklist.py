"""The MHLW checklist: each item decided from the findings of the checks its data file lists.

Decision: fail when any listed check has a finding; pass when every listed estate check (not a practices answer)
examined at least one subject and found nothing failing or undecided, or when every listed check is clean;
unknown otherwise. The evidence names each check with its outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from hismigrate.exposure.check import Check, Context
from hismigrate.model.exposure import ChecklistItem, Finding, Status

DEFAULT_CHECKLIST = "checklist/mhlw_r6_hospital.yaml"


@dataclass(frozen=True)
class ChecklistEntry:
    """One item of the checklist's data file: its number, its title by language and the checks that decide it."""

    item: str
    title: dict[str, str]
    checks: tuple[str, ...]


@cache
def load_checklist(name: str = DEFAULT_CHECKLIST) -> tuple[ChecklistEntry, ...]:
    """The checklist's items, in the order of its data file."""
    from hismigrate.data import load_data

    return tuple(
        ChecklistEntry(
            item=str(entry["item"]),
            title={str(k): str(v) for k, v in sorted(entry["title"].items())},
            checks=tuple(str(c) for c in entry["checks"]),
        )
        for entry in load_data(name)["items"]
    )


# One check's outcome in an item's evidence: `HIS-SRV-003: fail (45)`, `HIS-SRV-001: pass (12 examined)`.
_OUTCOME = re.compile(r"^(?P<check>\S+): (?P<outcome>pass|fail|unknown) \((?P<count>\d+)( examined)?\)$")


def outcome_entry(check_id: str, outcome: str, count: int) -> str:
    """The evidence entry of one check: its findings (fail), gaps (unknown) or subjects examined (pass)."""
    return f"{check_id}: {outcome} ({count} examined)" if outcome == "pass" else f"{check_id}: {outcome} ({count})"


def read_outcome(entry: str) -> tuple[str, str, int]:
    """(check id, pass|fail|unknown, count) of an entry written by `outcome_entry` (reports write it in words)."""
    match = _OUTCOME.match(entry)
    if match is None:
        raise ValueError(f"not a checklist outcome: {entry!r}")
    return match["check"], match["outcome"], int(match["count"])


def examined(ctx: Context, check: Check) -> int:
    """How many subjects a check looked at in this state (0: nothing to decide from)."""
    kind = check.subject_kind
    if kind in ("server", "admin_group"):
        return len(ctx.servers)
    if kind == "connection":
        return len(ctx.connections)
    if kind == "system":
        return len(ctx.systems)
    if kind in ("segment", "route"):
        return len(ctx.segments)
    return 1  # estate, practices


def evaluate_checklist(
    ctx: Context,
    checks: dict[str, Check],
    findings: list[Finding],
    gaps: list[Finding],
    name: str = DEFAULT_CHECKLIST,
) -> list[ChecklistItem]:
    failed: dict[str, int] = {}
    undecided: dict[str, int] = {}
    for f in findings:
        failed[f.check_id] = failed.get(f.check_id, 0) + 1
    for g in gaps:
        undecided[g.check_id] = undecided.get(g.check_id, 0) + 1
    out: list[ChecklistItem] = []
    for item in load_checklist(name):
        ids = item.checks
        evidence = []
        for cid in ids:
            if failed.get(cid):
                evidence.append(outcome_entry(cid, "fail", failed[cid]))
            elif undecided.get(cid):
                evidence.append(outcome_entry(cid, "unknown", undecided[cid]))
            else:
                evidence.append(outcome_entry(cid, "pass", examined(ctx, checks[cid])))
        estate = [c for c in ids if checks[c].domain != "practices"]
        clean_estate = [c for c in estate if not failed.get(c) and not undecided.get(c) and examined(ctx, checks[c])]
        if any(failed.get(c) for c in ids):
            status = Status.failed
            source = "estate" if any(failed.get(c) for c in estate) else "practices"
        elif estate and len(clean_estate) == len(estate):
            status, source = Status.passed, "estate"
        elif all(not undecided.get(c) for c in ids):
            status, source = Status.passed, "practices"
        else:
            status, source = Status.unknown, "none"
        out.append(
            ChecklistItem(
                item=item.item,
                title=dict(item.title),
                status=status,
                source=source,
                evidence=tuple(evidence),
            )
        )
    return out
