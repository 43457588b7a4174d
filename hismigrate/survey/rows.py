"""Submissions as rows of the store's tables (hismigrate/survey/store.py), gathered column by column.

One row per hospital and survey year in `submissions`; one row per (hospital, item) in the long tables (adoption,
connections, checklist, findings, plan_moves), so that every table of the survey is a GROUP BY over fixed lists of
items. Shares are kept as whole millionths (ppm): sums of them are exact in any SQL engine, whatever the order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hismigrate.model.enums import ConnectionKind, SystemCategory
from hismigrate.model.submission import OrderingKind, Submission

if TYPE_CHECKING:
    import pandas as pd

PPM = 1_000_000
"""Shares are stored as millionths: the export writes them with six decimals."""

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
"""Adoption items in the ministry's order: EMR, ordering and its kinds, PACS, then every other department category."""

SUBMISSION_COLUMNS = (
    "survey_year",
    "facility_code",
    "as_of",
    "ingest",
    "seq",
    "source",
    "content_hash",
    "bed_class",
    "hospital_type",
    "prefecture",
    "region",
    "founder",
    "servers",
    "systems",
    "exposure_now",
    "exposure_after",
    "waves",
    "already_in_cloud_ppm",
    "cost_horizon_years",
    "baseline_band_jpy",
    "plan_band_jpy",
    "cost_change_band",
)
LONG_COLUMNS = {
    "adoption": ("item", "in_use"),
    "connections": ("kind", "points"),
    "checklist": ("item", "status"),
    "findings": ("check_id", "severity", "findings"),
    "plan_moves": ("fiscal_year", "share_ppm"),
}
"""Each long table's own columns; every one also has survey_year, facility_code and seq (the staged submission)."""
KEY_COLUMNS = ("survey_year", "facility_code", "seq")

_DEPARTMENTS = tuple(c for c in SystemCategory if f"dept_{c.value}" in ADOPTION_ITEMS)
_KINDS = tuple(ConnectionKind)


def ppm(share: float) -> int:
    return round(share * PPM)


@dataclass
class RowBatch:
    """Rows of a batch of submissions, one list per column of each table, and the canonical documents."""

    submissions: dict[str, list[Any]] = field(default_factory=lambda: {c: [] for c in SUBMISSION_COLUMNS})
    long: dict[str, dict[str, list[Any]]] = field(
        default_factory=lambda: {name: {c: [] for c in (*KEY_COLUMNS, *own)} for name, own in LONG_COLUMNS.items()}
    )
    documents: dict[str, str] = field(default_factory=dict)
    """Content hash -> the submission as canonical JSON (what the history keeps)."""

    def __len__(self) -> int:
        return len(self.submissions["seq"])

    def add(
        self, s: Submission, *, survey_year: int, ingest: int, seq: int, source: str, document: str, digest: str
    ) -> None:
        cost = s.cost
        values = (
            survey_year,
            s.facility_code,
            s.as_of,
            ingest,
            seq,
            source,
            digest,
            s.bed_class.value,
            s.hospital_type.value,
            s.prefecture.value,
            s.region.value,
            s.founder.value,
            s.counts.servers,
            s.counts.systems,
            s.exposure.now,
            s.exposure.after_plan,
            s.plan.waves,
            ppm(s.plan.already_in_cloud),
            cost.horizon_years if cost else None,
            cost.baseline_band_jpy if cost else None,
            cost.plan_band_jpy if cost else None,
            cost.change_pct_band if cost else None,
        )
        for column, value in zip(SUBMISSION_COLUMNS, values, strict=True):
            self.submissions[column].append(value)
        self.documents[digest] = document
        key = (survey_year, s.facility_code, seq)
        a = s.adoption
        flags = [a.emr, a.ordering, *(a.ordering_kinds[k] for k in OrderingKind), a.pacs]
        flags += [a.departments[c] for c in _DEPARTMENTS]
        self._extend("adoption", key, (ADOPTION_ITEMS, flags))
        self._extend("connections", key, ([k.value for k in _KINDS], [s.counts.connections[k] for k in _KINDS]))
        self._extend("checklist", key, (list(s.checklist), [v.value for v in s.checklist.values()]))
        found = [(check, severity.value, n) for check, by in s.findings.items() for severity, n in by.items()]
        self._extend("findings", key, tuple(map(list, zip(*found, strict=True))) if found else ([], [], []))
        self._extend("plan_moves", key, (list(s.plan.by_year), [ppm(v) for v in s.plan.by_year.values()]))

    def _extend(self, table: str, key: tuple[int, str, int], columns: tuple[Any, ...]) -> None:
        target = self.long[table]
        count = len(columns[0])
        for name, value in zip(KEY_COLUMNS, key, strict=True):
            target[name].extend([value] * count)
        for name, values in zip(LONG_COLUMNS[table], columns, strict=True):
            target[name].extend(values)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Each table's rows as a data frame (the form DuckDB reads in bulk), keyed by table name."""
        import pandas as pd

        out = {"submissions": pd.DataFrame(self.submissions, columns=list(SUBMISSION_COLUMNS))}
        for name, columns in self.long.items():
            out[name] = pd.DataFrame(columns, columns=list(columns))
        out["documents"] = pd.DataFrame(
            {"content_hash": list(self.documents), "document": list(self.documents.values())}
        )
        return out
