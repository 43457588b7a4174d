"""What in an inventory could identify a hospital, and a scan of an exported submission for any of it.

Two nets: a blacklist (every identifying string and number of the inventory and of its exact costs must be absent)
and a whitelist (every key and text value of the submission must be schema vocabulary, so that free text of any
origin is caught, even a string too short to search for).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from hismigrate.exposure.registry import check_by_id
from hismigrate.model import enums
from hismigrate.model import submission as submission_model
from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory

MIN_SEARCH_CHARS = 3  # shorter strings are found everywhere; the whitelist covers them
MIN_NUMBER = 100  # smaller numbers (ports aside) describe no one hospital and collide with counts


def vocabulary() -> set[str]:
    """Every word a submission may carry: enum values, field names, check ids, checklist item ids."""
    words: set[str] = set()
    for module in (enums, submission_model):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, StrEnum):
                words |= {m.value for m in value}
            if isinstance(value, type) and issubclass(value, BaseModel):
                words |= set(value.model_fields)
    words |= set(check_by_id()) | {submission_model.SUBMISSION_SCHEMA_VERSION}
    from hismigrate.exposure.checklist import load_checklist

    words |= {item.item for item in load_checklist()}
    return {w.lower() for w in words}


def identifying_strings(inventory: Inventory) -> set[str]:
    """Names, ids, addresses, versions, vendors, notes and dates of the inventory."""
    h = inventory.hospital
    found: set[str | None] = {h.id, h.name, h.medical_area}
    for s in inventory.segments:
        found |= {s.id, s.name, s.notes, *(p for r in s.routes for p in r.ports)}
    for v in inventory.servers:
        found |= {v.id, v.hostname, v.os_name, v.os_version, v.ip_address, v.domain, v.local_admin_group, v.notes}
        found |= {_day(d) for d in (v.end_of_support, v.purchase_date, v.refresh_due, v.last_patched)}
        found.add(_day(v.backup_restore_tested))
    for y in inventory.systems:
        found |= {y.id, y.name, y.vendor, y.notes, _day(y.contract_end), *y.equipment}
    for c in inventory.connections:
        found |= {c.id, c.operator, c.device_vendor, c.device_product, c.device_version, c.notes}
        found.add(_day(c.firmware_updated))
    return {s.strip() for s in found if s and s.strip()}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def identifying_numbers(inventory: Inventory, assessment: Assessment) -> set[float]:
    """Exact beds, and every amount, size or volume of the inventory and every exact cost of the assessment."""
    numbers: set[float | None] = set()
    for v in inventory.servers:
        numbers |= {v.purchase_price_jpy, v.maintenance_jpy_per_year, v.storage_gb, v.memory_gb, v.power_watts}
    for y in inventory.systems:
        numbers |= {y.licence_jpy_per_year, y.maintenance_jpy_per_year, y.users, y.data_volume_gb}
    for c in inventory.connections:
        numbers |= {c.cost_jpy_per_year, c.bandwidth_mbps}
    for f in inventory.flows:
        numbers |= {f.mbps, f.gb_per_day}
    cost = assessment.cost
    numbers |= {cost.npv_saving_jpy, cost.total_saving_jpy}
    for year in cost.years:
        numbers |= {year.baseline_jpy, year.plan_jpy, year.saving_jpy, year.cumulative_saving_jpy}
    numbers |= {s.annual_cost_jpy for s in assessment.states}
    kept = {float(n) for n in numbers if n is not None and abs(n) >= MIN_NUMBER}
    return kept | {float(inventory.hospital.beds)}


def json_leaves(path: Path) -> Iterator[tuple[str, Any]]:
    """(dotted key, value) for every leaf of a submission JSON."""

    def walk(node: Any, prefix: str) -> Iterator[tuple[str, Any]]:
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, f"{prefix}.{key}" if prefix else key)
        else:
            yield prefix, node

    yield from walk(json.loads(path.read_text(encoding="utf-8")), "")


def xlsx_leaves(path: Path) -> Iterator[tuple[str, Any]]:
    """(key, value) for every row of every sheet of a submission workbook, header included."""
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                cells = [*row, None, None]
                if len(row) > 2 and any(c is not None for c in row[2:]):
                    raise AssertionError(f"{path}: a submission sheet has only two columns, got {row}")
                yield str(cells[0]), cells[1]
    finally:
        workbook.close()


def leaks(leaves: list[tuple[str, Any]], inventory: Inventory, assessment: Assessment, own: set[str]) -> list[str]:
    """Every hit: an identifying string inside any key or value, an identifying number as a value, or a word
    outside the vocabulary. `own` are the submission's own free values (facility code, as-of date)."""
    words = vocabulary() | {"key", "value"}  # the workbook's header row
    # Search the words outside the vocabulary: a vendor `NEC` inside `connections` is no leak, `NEC` alone is.
    texts = [p for k, _ in leaves for p in k.split(".")] + [v for _, v in leaves if isinstance(v, str)]
    haystack = "\n".join(t for t in texts if t not in own and t.lower() not in words).lower()
    hits = [
        f"string {s!r}"
        for s in sorted(identifying_strings(inventory))
        if len(s) >= MIN_SEARCH_CHARS and s.lower() not in words and s.lower() in haystack
    ]
    forbidden = identifying_numbers(inventory, assessment)
    for key, value in leaves:
        if _number(value) and float(value) in forbidden and not _pinned(key, value, inventory.hospital.beds):
            hits.append(f"number {value} at {key}")
        for part in key.split("."):
            if part.lower() not in words and not _year(part):
                hits.append(f"key part {part!r} of {key}")
        if isinstance(value, str) and value not in own and value.lower() not in words:
            hits.append(f"text {value!r} at {key}")
    return hits


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _pinned(key: str, value: Any, beds: int) -> bool:
    """Counts (pinned to the inventory by `counts_match`) and cost band edges (schema constants) may equal an
    inventory figure by chance (371 servers, a 30M price); the exact bed count is never excused."""
    if value == beds:
        return False
    if key.startswith(("counts.", "findings.")):
        return True
    return key.endswith("_band_jpy") and value in submission_model.COST_BAND_EDGES_JPY


def counts_match(leaves: list[tuple[str, Any]], inventory: Inventory, assessment: Assessment) -> list[str]:
    """The count keys hold exactly the inventory's counts and the assessment's findings: nothing else hides there."""
    found = dict(leaves)
    expected: dict[str, int] = {"counts.servers": len(inventory.servers), "counts.systems": len(inventory.systems)}
    for kind in enums.ConnectionKind:
        expected[f"counts.connections.{kind.value}"] = sum(1 for c in inventory.connections if c.kind == kind)
    wrong = [f"{k}: {found.get(k)} != {v}" for k, v in expected.items() if found.get(k) != v]
    extra = [k for k in found if k.startswith("counts.") and k not in expected]
    findings = sum(v for k, v in found.items() if k.startswith("findings."))
    if findings != len(assessment.findings):
        wrong.append(f"findings add up to {findings}, not {len(assessment.findings)}")
    return wrong + [f"unexpected count {k}" for k in extra]


def _year(text: str) -> bool:
    return text.isdigit() and 2000 <= int(text) <= 2100
