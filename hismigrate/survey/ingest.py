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
from pathlib import Path
from typing import TYPE_CHECKING

from hismigrate.errors import InventoryError
from hismigrate.model.calendar import fiscal_year
from hismigrate.model.submission import Submission
from hismigrate.survey.merge import merge
from hismigrate.survey.outcome import IngestReport, Rejected
from hismigrate.survey.read import read_submission
from hismigrate.survey.rows import LONG_COLUMNS, RowBatch

if TYPE_CHECKING:
    import duckdb

PENDING_YEAR = 0
"""The survey year of files read to be aggregated together, until the latest as-of date among them names it."""
CHUNK = 500
"""Files read per task: large enough that a worker's result is worth sending, small enough for a smooth bar."""
MERGE_EVERY = 20_000
"""Submissions staged before they are merged into the tables in force: the staged rows stay small."""


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
    # The digest of the content, whatever file format carried it: an identical file ingested again changes nothing.
    digest = hashlib.sha256(submission.model_dump_json().encode("utf-8")).hexdigest()
    year = survey_year if survey_year is not None else fiscal_year(submission.as_of)
    batch.add(submission, survey_year=year, ingest=ingest, seq=seq, source=source, digest=digest)


Batches = Iterator[tuple[RowBatch, list[tuple[int, Rejected]], int]]
"""Rows read, files rejected (with their place in the run) and how many files that was."""


def ingest_files(
    conn: duckdb.DuckDBPyConnection,
    files: Sequence[Path],
    *,
    survey_year: int | None = None,
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Ingest `files` in one transaction (all or nothing); `survey_year` overrides the fiscal year of each as-of
    date; `progress(n)` is called as each n files are read, in batches on several cores (`jobs`: see
    parallel.jobs_for)."""
    from hismigrate.parallel import imap_tasks, jobs_for

    def batches(number: int) -> Batches:
        starts = range(0, len(files), CHUNK)
        tasks = [
            (lambda s=s: _read_chunk(files[s : s + CHUNK], s, number, survey_year))  # type: ignore[misc]
            for s in starts
        ]
        made = imap_tasks(tasks, jobs_for("ingest", len(tasks), jobs))
        for start, (batch, rejected) in zip(starts, made, strict=True):
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
        for table in ("submissions", *LONG_COLUMNS):
            conn.execute(f"CREATE OR REPLACE TEMP TABLE staged_{table} AS SELECT * FROM {table} LIMIT 0")
        staged = 0
        for batch, rejected, read in batches(number):
            _stage(conn, batch)
            staged += len(batch)
            if staged >= MERGE_EVERY:  # merged as they come: the staged rows never outgrow a few batches
                merge(conn, report)
                staged = 0
            for seq, item in rejected:
                _record_rejected(conn, number, seq, item)
                report.rejected.append(item)
            if progress is not None:
                progress(read)
        merge(conn, report)
        for table in ("submissions", *LONG_COLUMNS):
            conn.execute(f"DROP TABLE staged_{table}")
        conn.execute(
            "INSERT INTO ingests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [number, survey_year, *report.figures().values()]
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


def relabel_year(conn: duckdb.DuckDBPyConnection, pending: int) -> int:
    """Give the submissions ingested as `pending` the fiscal year of the latest as-of date among them; returns it."""
    latest = conn.execute("SELECT MAX(as_of) FROM submissions WHERE survey_year = ?", [pending]).fetchone()[0]  # type: ignore[index]
    year = fiscal_year(latest)
    for table in ("submissions", *LONG_COLUMNS, "history", *(f"history_{t}" for t in LONG_COLUMNS)):
        conn.execute(f"UPDATE {table} SET survey_year = ? WHERE survey_year = ?", [year, pending])
    return year
