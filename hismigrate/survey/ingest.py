"""Load submission files into the store: read and validate each file, stage the valid ones, then in one transaction
put each in force, replace the one it supersedes (kept in the history) or keep it in the history when the store
already holds a later one; record every rejected file with its problems.

Which submission of a hospital and survey year is in force: the one with the later as-of date; of two with the same
date, the one ingested later (a later run, or later in the order the files are given). An identical one ingested
again changes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hismigrate.cost.calendar import fiscal_year
from hismigrate.errors import InventoryError, Problem
from hismigrate.model.submission import Submission
from hismigrate.survey.read import read_submission
from hismigrate.survey.rows import LONG_COLUMNS, RowBatch

if TYPE_CHECKING:
    import duckdb

PENDING_YEAR = 0
"""The survey year of files read to be aggregated together, until the latest as-of date among them names it."""
CHUNK = 500
"""Files read per task: large enough that a worker's result is worth sending, small enough for a smooth bar."""


@dataclass(frozen=True)
class Rejected:
    """A file that could not be used, with every problem found in it."""

    file: str
    problems: tuple[Problem, ...]


@dataclass
class IngestReport:
    """What an ingest did, file by file counted."""

    ingest: int
    files: int = 0
    added: int = 0
    replaced: int = 0
    """Submissions in force that a later one replaced (the earlier one is in the history)."""
    unchanged: int = 0
    """Files identical to the submission in force."""
    superseded: int = 0
    """Files replaced by a later one of the same facility and year in the same run (kept in the history)."""
    older: int = 0
    """Files older than the submission in force (kept in the history, not put in force)."""
    rejected: list[Rejected] = field(default_factory=list)
    years: tuple[int, ...] = ()
    """The survey years the valid files belong to."""


def _read_chunk(files: Sequence[Path], first_seq: int, ingest: int, survey_year: int | None) -> tuple[RowBatch, list]:  # type: ignore[type-arg]
    """Read and validate files (in a worker when there are several): their rows and the rejected ones."""
    batch = RowBatch()
    rejected: list[tuple[int, Rejected]] = []
    for offset, path in enumerate(files):
        try:
            submission = read_submission(path)
        except InventoryError as exc:
            rejected.append((first_seq + offset, Rejected(str(path), tuple(exc.problems))))
            continue
        _add(batch, submission, survey_year, ingest, first_seq + offset, str(path))
    return batch, rejected


def _add(batch: RowBatch, submission: Submission, survey_year: int | None, ingest: int, seq: int, source: str) -> None:
    document = submission.model_dump_json()
    digest = hashlib.sha256(document.encode("utf-8")).hexdigest()
    year = survey_year if survey_year is not None else fiscal_year(submission.as_of)
    batch.add(submission, survey_year=year, ingest=ingest, seq=seq, source=source, document=document, digest=digest)


Batches = Iterator[tuple[RowBatch, list[tuple[int, Rejected]], int]]
"""Rows read, files rejected (with their place in the run) and how many files that was."""


def ingest_files(
    conn: duckdb.DuckDBPyConnection,
    files: Sequence[Path],
    *,
    survey_year: int | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest `files` in one transaction (all or nothing); `survey_year` overrides the fiscal year of each as-of
    date; `progress(n)` is called as each n files are read, on `jobs` processes."""
    from hismigrate.parallel import imap_tasks

    def batches(number: int) -> Batches:
        starts = range(0, len(files), CHUNK)
        tasks = [
            (lambda s=s: _read_chunk(files[s : s + CHUNK], s, number, survey_year))  # type: ignore[misc]
            for s in starts
        ]
        for start, (batch, rejected) in zip(starts, imap_tasks(tasks, jobs if len(files) > CHUNK else 1), strict=True):
            yield batch, rejected, min(CHUNK, len(files) - start)

    return _ingest(conn, len(files), survey_year, batches, progress)


def ingest_submissions(
    conn: duckdb.DuckDBPyConnection,
    submissions: Iterable[Submission],
    *,
    survey_year: int | None = None,
    source: str = "<submissions>",
) -> IngestReport:
    """Ingest submissions already validated (generated, or read elsewhere), as `ingest_files` does files."""
    items = list(submissions)

    def batches(number: int) -> Batches:
        batch = RowBatch()
        for seq, submission in enumerate(items):
            _add(batch, submission, survey_year, number, seq, f"{source}[{seq}]")
        yield batch, [], len(items)

    return _ingest(conn, len(items), survey_year, batches, None)


def _ingest(
    conn: duckdb.DuckDBPyConnection,
    files: int,
    survey_year: int | None,
    batches: Callable[[int], Batches],
    progress: Callable[[int], None] | None,
) -> IngestReport:
    conn.execute("BEGIN TRANSACTION")
    try:
        number = int(conn.execute("SELECT COALESCE(MAX(ingest), 0) + 1 FROM ingests").fetchone()[0])  # type: ignore[index]
        report = IngestReport(ingest=number, files=files)
        for table in ("submissions", *LONG_COLUMNS, "documents"):
            conn.execute(f"CREATE OR REPLACE TEMP TABLE staged_{table} AS SELECT * FROM {table} LIMIT 0")
        for batch, rejected, read in batches(number):
            _stage(conn, batch)
            for seq, item in rejected:
                _record_rejected(conn, number, seq, item)
                report.rejected.append(item)
            if progress is not None:
                progress(read)
        _merge(conn, report)
        conn.execute(
            "INSERT INTO ingests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                number,
                survey_year,
                report.files,
                report.added,
                report.replaced,
                report.unchanged,
                report.superseded,
                report.older,
                len(report.rejected),
            ],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return report


def _stage(conn: duckdb.DuckDBPyConnection, batch: RowBatch) -> None:
    if not len(batch):
        return
    for table, frame in batch.frames().items():
        conn.register("batch_rows", frame)
        conn.execute(f"INSERT INTO staged_{table} SELECT * FROM batch_rows")
        conn.unregister("batch_rows")


def _record_rejected(conn: duckdb.DuckDBPyConnection, ingest: int, seq: int, item: Rejected) -> None:
    for problem in item.problems:
        conn.execute(
            "INSERT INTO rejected VALUES (?, ?, ?, ?, ?, ?)",
            [
                ingest,
                seq,
                item.file,
                problem.location.describe() + (f": {problem.location.path}" if problem.location.path else ""),
                problem.key,
                json.dumps(problem.params, ensure_ascii=False, default=str, sort_keys=True),
            ],
        )


# The decisions, in SQL over the staged rows and the rows in force. `ranked`: each staged submission's place among
# those of its hospital and year in this run (1 = the one that counts); `decision`: what becomes of each first one.
_DECIDE = (
    """CREATE OR REPLACE TEMP TABLE ranked AS
    SELECT survey_year, facility_code, seq, as_of, content_hash,
           ROW_NUMBER() OVER (PARTITION BY survey_year, facility_code ORDER BY as_of DESC, seq DESC) AS place
    FROM staged_submissions""",
    """CREATE OR REPLACE TEMP TABLE decision AS
    SELECT r.survey_year, r.facility_code, r.seq,
           CASE WHEN c.facility_code IS NULL THEN 'added'
                WHEN c.content_hash = r.content_hash THEN 'unchanged'
                WHEN c.as_of > r.as_of THEN 'older'
                ELSE 'replaced' END AS outcome
    FROM ranked r LEFT JOIN submissions c
      ON c.survey_year = r.survey_year AND c.facility_code = r.facility_code
    WHERE r.place = 1""",
)
_HISTORY_COLUMNS = "survey_year, facility_code, as_of, ingest, seq, source, content_hash"


def _merge(conn: duckdb.DuckDBPyConnection, report: IngestReport) -> None:
    for statement in _DECIDE:
        conn.execute(statement)
    number = report.ingest
    # What was in force and is replaced goes to the history, then out of every table in force.
    conn.execute(
        f"""INSERT INTO history SELECT {", ".join(f"c.{c}" for c in _HISTORY_COLUMNS.split(", "))}, 'replaced', ?
        FROM submissions c JOIN decision d ON c.survey_year = d.survey_year AND c.facility_code = d.facility_code
        WHERE d.outcome = 'replaced'""",
        [number],
    )
    for table in ("submissions", *LONG_COLUMNS):
        conn.execute(
            f"""DELETE FROM {table} WHERE EXISTS (SELECT 1 FROM decision d WHERE d.outcome = 'replaced'
            AND d.survey_year = {table}.survey_year AND d.facility_code = {table}.facility_code)"""
        )
        conn.execute(
            f"""INSERT INTO {table} SELECT s.* FROM staged_{table} s
            JOIN decision d ON d.seq = s.seq WHERE d.outcome IN ('added', 'replaced')"""
        )
    # Received but not in force: superseded in this run, or older than what the store holds.
    conn.execute(
        f"""INSERT INTO history SELECT {", ".join(f"s.{c}" for c in _HISTORY_COLUMNS.split(", "))},
            CASE WHEN r.place > 1 THEN 'superseded' ELSE 'older' END, ?
        FROM staged_submissions s JOIN ranked r ON r.seq = s.seq
        LEFT JOIN decision d ON d.seq = s.seq
        WHERE r.place > 1 OR d.outcome = 'older'""",
        [number],
    )
    conn.execute(
        """INSERT INTO documents SELECT DISTINCT s.content_hash, s.document FROM staged_documents s
        WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.content_hash = s.content_hash)"""
    )
    counts = dict(conn.execute("SELECT outcome, COUNT(*) FROM decision GROUP BY outcome").fetchall())
    report.added = int(counts.get("added", 0))
    report.replaced = int(counts.get("replaced", 0))
    report.unchanged = int(counts.get("unchanged", 0))
    report.older = int(counts.get("older", 0))
    report.superseded = int(conn.execute("SELECT COUNT(*) FROM ranked WHERE place > 1").fetchone()[0])  # type: ignore[index]
    years = conn.execute("SELECT DISTINCT survey_year FROM staged_submissions ORDER BY 1").fetchall()
    report.years = tuple(int(y) for (y,) in years)
    for table in ("submissions", *LONG_COLUMNS, "documents"):
        conn.execute(f"DROP TABLE staged_{table}")
    conn.execute("DROP TABLE ranked")
    conn.execute("DROP TABLE decision")


def relabel_year(conn: duckdb.DuckDBPyConnection, pending: int) -> int:
    """Give the submissions ingested as `pending` the fiscal year of the latest as-of date among them; returns it."""
    latest = conn.execute("SELECT MAX(as_of) FROM submissions WHERE survey_year = ?", [pending]).fetchone()[0]  # type: ignore[index]
    year = fiscal_year(latest)
    for table in ("submissions", *LONG_COLUMNS, "history"):
        conn.execute(f"UPDATE {table} SET survey_year = ? WHERE survey_year = ?", [year, pending])
    return year
