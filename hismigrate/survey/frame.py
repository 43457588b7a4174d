"""Submissions as data frames: one wide row per hospital, and one long row per (hospital, check, severity).

Column names are the stable ids the tables use; flags are booleans so that a group mean is an adoption rate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hismigrate.model.enums import ConnectionKind, SystemCategory
from hismigrate.model.submission import ChecklistStatus, OrderingKind, Submission

if TYPE_CHECKING:
    import pandas as pd

GROUPS = ("bed_class", "hospital_type", "region", "founder")
ADOPTION_ITEMS = (
    "emr",
    "ordering",
    *(f"ordering_{k.value}" for k in OrderingKind),
    "pacs",
    *(
        f"dept_{c.value}"
        for c in SystemCategory
        if c not in (SystemCategory.emr, SystemCategory.ordering, SystemCategory.pacs)
    ),
)
"""Adoption rows in the ministry's order: EMR, ordering and its kinds, PACS, then every other department category."""


def checklist_column(item: str) -> str:
    return f"chk_{item}"


def year_column(year: int) -> str:
    return f"year_{year}"


# Column names per enum member, computed once: the row builder runs once per submission (100,000 in a clinic survey).
_ORDERING = {k: f"ordering_{k.value}" for k in OrderingKind}
_DEPARTMENT = {c: f"dept_{c.value}" for c in SystemCategory}
_CONNECTION = {k: f"conn_{k.value}" for k in ConnectionKind}
_PASSED = ChecklistStatus.passed


def _row(s: Submission) -> dict[str, Any]:
    a = s.adoption
    row: dict[str, Any] = {
        "facility_code": s.facility_code,
        "bed_class": str(s.bed_class),
        "hospital_type": str(s.hospital_type),
        "region": str(s.region),
        "prefecture": str(s.prefecture),
        "founder": str(s.founder),
        "emr": a.emr,
        "ordering": a.ordering,
        "pacs": a.pacs,
        "servers": s.counts.servers,
        "systems": s.counts.systems,
        "exposure_now": s.exposure.now,
        "exposure_after": s.exposure.after_plan,
        "waves": s.plan.waves,
        "already_in_cloud": s.plan.already_in_cloud,
        "cost_change": float(s.cost.change_pct_band) if s.cost else float("nan"),
    }
    row.update({_ORDERING[k]: v for k, v in a.ordering_kinds.items()})
    row.update({_DEPARTMENT[k]: v for k, v in a.departments.items()})
    row.update({_CONNECTION[k]: v for k, v in s.counts.connections.items()})
    row.update({f"chk_{item}": status is _PASSED for item, status in s.checklist.items()})
    row.update({f"year_{year}": share for year, share in s.plan.by_year.items()})
    return row


def hospitals_frame(submissions: list[Submission]) -> pd.DataFrame:
    """One row per submission; checklist items a submission lacks count as not compliant, years it lacks as 0."""
    import pandas as pd

    frame = pd.DataFrame.from_records([_row(s) for s in submissions])
    if frame.empty:
        return frame
    optional = [c for c in frame.columns if c.startswith(("chk_", "year_", "ordering_", "dept_"))]
    for column in optional:
        fill: Any = 0.0 if column.startswith("year_") else False
        frame[column] = frame[column].fillna(fill)
        if not column.startswith("year_"):
            frame[column] = frame[column].astype(bool)
    return frame


def findings_frame(submissions: list[Submission]) -> pd.DataFrame:
    """One row per (facility, check id, severity) with its count of findings."""
    import pandas as pd

    records = [
        (s.facility_code, check, severity.value, count)
        for s in submissions
        for check, by_severity in s.findings.items()
        for severity, count in by_severity.items()
    ]
    return pd.DataFrame.from_records(records, columns=["facility_code", "check", "severity", "count"])
