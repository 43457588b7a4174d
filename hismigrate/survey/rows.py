"""Submissions as rows of the store's tables (hismigrate/survey/store.py), gathered column by column.

One wide row per hospital and survey year in `submissions`: a column for every field, every adoption flag, every
kind of connection and every checklist item of the schema's vocabulary (NULL: not reported), so that a table of the
survey is one GROUP BY with a SUM per item. The two lists of varying length, findings and planned moves, are long
tables of a few rows per hospital. Shares are kept as whole millionths (ppm): sums of them are exact in any SQL
engine, whatever the order. Every column name comes from a fixed list (the enumerations and the vocabulary).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hismigrate.model.enums import ConnectionKind, SystemCategory
from hismigrate.model.submission import OrderingKind, Submission
from hismigrate.model.submission_codes import vocabulary

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
"""Adoption items of the tables in the ministry's order: EMR, ordering and its kinds, PACS, then every other
department category. Each is a BOOLEAN column of `submissions`."""
FLAG_COLUMNS = (*ADOPTION_ITEMS, "dept_emr", "dept_ordering", "dept_pacs")
"""Every adoption flag a submission carries (the departments of the EMR, ordering and PACS too, so that a row in
the history holds the whole submission)."""
CONNECTION_COLUMNS = tuple(f"conn_{k.value}" for k in ConnectionKind)


def checklist_column(item: str) -> str:
    """`chk_2_7` for the checklist item `2-(7)`."""
    return "chk_" + re.sub(r"[^0-9A-Za-z]+", "_", item).strip("_")


CHECKLIST_COLUMNS = {item: checklist_column(item) for item in vocabulary()["checklist_items"]}

HEAD_COLUMNS = (
    ("survey_year", "INTEGER NOT NULL"),
    ("facility_code", "VARCHAR NOT NULL"),
    ("as_of", "DATE NOT NULL"),
    ("ingest", "INTEGER NOT NULL"),
    ("seq", "INTEGER NOT NULL"),
    ("source", "VARCHAR NOT NULL"),
    ("content_hash", "VARCHAR NOT NULL"),
    ("bed_class", "VARCHAR NOT NULL"),
    ("hospital_type", "VARCHAR NOT NULL"),
    ("prefecture", "VARCHAR NOT NULL"),
    ("region", "VARCHAR NOT NULL"),
    ("founder", "VARCHAR NOT NULL"),
    ("servers", "INTEGER NOT NULL"),
    ("systems", "INTEGER NOT NULL"),
    ("exposure_now", "DOUBLE NOT NULL"),
    ("exposure_after", "DOUBLE NOT NULL"),
    ("waves", "INTEGER NOT NULL"),
    ("already_in_cloud_ppm", "INTEGER NOT NULL"),
    ("cost_horizon_years", "INTEGER"),
    ("baseline_band_jpy", "BIGINT"),
    ("plan_band_jpy", "BIGINT"),
    ("cost_change_band", "INTEGER"),
)
SUBMISSION_COLUMNS: tuple[tuple[str, str], ...] = (
    *HEAD_COLUMNS,
    *((c, "BOOLEAN NOT NULL") for c in FLAG_COLUMNS),
    *((c, "INTEGER NOT NULL") for c in CONNECTION_COLUMNS),
    *((c, "VARCHAR") for c in CHECKLIST_COLUMNS.values()),
)
"""The columns of `submissions` (and of `history`) with their SQL types."""
KEY_COLUMNS = (("survey_year", "INTEGER NOT NULL"), ("facility_code", "VARCHAR NOT NULL"), ("seq", "INTEGER NOT NULL"))
LONG_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "findings": (
        *KEY_COLUMNS,
        ("check_id", "VARCHAR NOT NULL"),
        ("severity", "VARCHAR NOT NULL"),
        ("findings", "INTEGER NOT NULL"),
    ),
    "plan_moves": (*KEY_COLUMNS, ("fiscal_year", "INTEGER NOT NULL"), ("share_ppm", "INTEGER NOT NULL")),
}
"""The long tables: a few rows per hospital, keyed by survey year, facility code and the staged submission."""

_ORDERING_KINDS = tuple(OrderingKind)
_DEPARTMENTS = tuple(SystemCategory(c.removeprefix("dept_")) for c in FLAG_COLUMNS if c.startswith("dept_"))
_KINDS = tuple(ConnectionKind)
_ITEMS = tuple(CHECKLIST_COLUMNS)


def ppm(share: float) -> int:
    return round(share * PPM)


@dataclass
class RowBatch:
    """Rows of a batch of submissions, one list per column of each table."""

    submissions: list[tuple[Any, ...]] = field(default_factory=list)
    long: dict[str, list[tuple[Any, ...]]] = field(default_factory=lambda: {name: [] for name in LONG_COLUMNS})

    def __len__(self) -> int:
        return len(self.submissions)

    def add(self, s: Submission, *, survey_year: int, ingest: int, seq: int, source: str, digest: str) -> None:
        cost = s.cost
        a = s.adoption
        checklist = s.checklist
        self.submissions.append(
            (
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
                a.emr,
                a.ordering,
                *(a.ordering_kinds[k] for k in _ORDERING_KINDS),
                a.pacs,
                *(a.departments[c] for c in _DEPARTMENTS),
                *(s.counts.connections[k] for k in _KINDS),
                *(checklist[i].value if i in checklist else None for i in _ITEMS),
            )
        )
        key = (survey_year, s.facility_code, seq)
        findings = self.long["findings"]
        for check, by_severity in s.findings.items():
            findings.extend((*key, check, severity.value, n) for severity, n in by_severity.items())
        self.long["plan_moves"].extend((*key, year, ppm(share)) for year, share in s.plan.by_year.items())

    def frames(self) -> dict[str, pd.DataFrame]:
        """Each table's rows as a data frame of typed columns (the form DuckDB reads in bulk), by table name."""
        return {
            "submissions": _frame(self.submissions, SUBMISSION_COLUMNS),
            **{name: _frame(self.long[name], columns) for name, columns in LONG_COLUMNS.items()},
        }


_DTYPES = {"INTEGER NOT NULL": "int64", "BOOLEAN NOT NULL": "bool", "DOUBLE NOT NULL": "float64"}


def _frame(rows: list[tuple[Any, ...]], columns: tuple[tuple[str, str], ...]) -> pd.DataFrame:
    """Columns of numbers and flags as numpy arrays of their type (read by DuckDB at C speed); text, dates and the
    columns that may be NULL as Python objects."""
    import numpy as np
    import pandas as pd

    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    data = {}
    for (name, kind), column in zip(columns, values, strict=True):
        dtype = _DTYPES.get(kind)
        data[name] = np.array(column, dtype=dtype) if dtype else np.array(column, dtype=object)
    return pd.DataFrame(data, copy=False)
