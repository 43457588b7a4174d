"""Merge staged submissions into the store, in SQL: each one is put in force, replaces the one in force (which goes
to the history, whole), or goes to the history itself when a later one is in force or follows in the same run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hismigrate.survey.rows import LONG_COLUMNS

if TYPE_CHECKING:
    import duckdb

    from hismigrate.survey.outcome import IngestReport

# The decisions, in SQL over the staged rows and the rows in force. `ranked`: each staged submission's place among
# those of its hospital and year in the staged rows (1 = the one that counts); `decision`: what becomes of each
# first one against the one in force, which may itself come from this run (an earlier batch): then the one that
# loses is "superseded" rather than "replaced" or "older".
_DECIDE = (
    """CREATE OR REPLACE TEMP TABLE ranked AS
    SELECT survey_year, facility_code, seq, as_of, content_hash,
           ROW_NUMBER() OVER (PARTITION BY survey_year, facility_code ORDER BY as_of DESC, seq DESC) AS place
    FROM staged_submissions""",
    """CREATE OR REPLACE TEMP TABLE decision AS
    SELECT r.survey_year, r.facility_code, r.seq,
           CASE WHEN c.facility_code IS NULL THEN 'added'
                WHEN c.content_hash = r.content_hash THEN 'unchanged'
                WHEN c.as_of > r.as_of AND c.ingest = $ingest THEN 'outdated'
                WHEN c.as_of > r.as_of THEN 'older'
                WHEN c.ingest = $ingest THEN 'supersedes'
                ELSE 'replaced' END AS outcome
    FROM ranked r LEFT JOIN submissions c
      ON c.survey_year = r.survey_year AND c.facility_code = r.facility_code
    WHERE r.place = 1""",
)
_IN_FORCE = "('added', 'replaced', 'supersedes')"
_REPLACED = "('replaced', 'supersedes')"
_KEY = "d.survey_year = t.survey_year AND d.facility_code = t.facility_code"


def merge(conn: duckdb.DuckDBPyConnection, report: IngestReport) -> None:
    """Put the staged submissions in force, or in the history, and empty the staging tables."""
    number = {"ingest": report.ingest}
    for statement in _DECIDE:
        conn.execute(statement, number if "$ingest" in statement else None)
    counts = dict(conn.execute("SELECT outcome, COUNT(*) FROM decision GROUP BY outcome").fetchall())
    losing = int(conn.execute("SELECT COUNT(*) FROM ranked WHERE place > 1").fetchone()[0])  # type: ignore[index]
    if counts.get("replaced") or counts.get("supersedes"):
        # What was in force and is replaced goes to the history, whole, then out of every table in force.
        conn.execute(
            f"""INSERT INTO history SELECT t.*,
                CASE WHEN d.outcome = 'supersedes' THEN 'superseded' ELSE 'replaced' END, $ingest
            FROM submissions t JOIN decision d ON {_KEY} WHERE d.outcome IN {_REPLACED}""",
            number,
        )
        for table in LONG_COLUMNS:
            conn.execute(
                f"""INSERT INTO history_{table} SELECT t.* FROM {table} t
                JOIN decision d ON {_KEY} WHERE d.outcome IN {_REPLACED}"""
            )
        for table in ("submissions", *LONG_COLUMNS):
            conn.execute(
                f"""DELETE FROM {table} t WHERE EXISTS
                (SELECT 1 FROM decision d WHERE d.outcome IN {_REPLACED} AND {_KEY})"""
            )
    for table in ("submissions", *LONG_COLUMNS):
        conn.execute(
            f"INSERT INTO {table} SELECT s.* FROM staged_{table} s JOIN decision d ON d.seq = s.seq"
            f" WHERE d.outcome IN {_IN_FORCE}"
        )
    # Received but not in force: behind a later one of this run, or older than the one the store holds.
    if losing or counts.get("older") or counts.get("outdated"):
        conn.execute(
            """CREATE OR REPLACE TEMP TABLE kept AS SELECT r.seq,
                CASE WHEN r.place > 1 OR d.outcome = 'outdated' THEN 'superseded' ELSE 'older' END AS reason
            FROM ranked r LEFT JOIN decision d ON d.seq = r.seq WHERE r.place > 1 OR d.outcome IN ('older', 'outdated')"""
        )
        conn.execute(
            "INSERT INTO history SELECT s.*, k.reason, $ingest FROM staged_submissions s JOIN kept k ON k.seq = s.seq",
            number,
        )
        for table in LONG_COLUMNS:
            conn.execute(f"INSERT INTO history_{table} SELECT s.* FROM staged_{table} s JOIN kept k ON k.seq = s.seq")
        conn.execute("DROP TABLE kept")
    report.added += int(counts.get("added", 0))
    report.replaced += int(counts.get("replaced", 0))
    report.unchanged += int(counts.get("unchanged", 0))
    report.older += int(counts.get("older", 0))
    report.superseded += losing + int(counts.get("supersedes", 0)) + int(counts.get("outdated", 0))
    years = {int(y) for (y,) in conn.execute("SELECT DISTINCT survey_year FROM staged_submissions").fetchall()}
    report.years = tuple(sorted(years | set(report.years)))
    for table in ("submissions", *LONG_COLUMNS):
        conn.execute(f"DELETE FROM staged_{table}")
    conn.execute("DROP TABLE ranked")
    conn.execute("DROP TABLE decision")
