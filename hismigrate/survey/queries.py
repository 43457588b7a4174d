"""The survey's figures as SQL over the store: counts, sums and quartiles by group for one survey year.

Plain SQL (GROUP BY, COUNT, SUM, CASE, percentile_cont ... WITHIN GROUP), no engine-specific functions, with `?`
parameters: the same text runs on DuckDB here and on a server database (PostgreSQL) later. The queries return
figures only; which rows and columns a table has, and which figures it hides, is decided from fixed lists by the
table builders, never by what the data holds. Every figure is an exact count or a sum of whole numbers (shares are
millionths), so no engine's summation order changes a published digit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hismigrate.survey.rows import ADOPTION_ITEMS, CHECKLIST_COLUMNS

if TYPE_CHECKING:
    import duckdb

GROUPINGS = ("bed_class", "hospital_type", "region")
"""Columns of `submissions` a table may be grouped by (the only names put into a query's text)."""
MEASURES = {
    "exposure_now": "exposure_now",
    "exposure_after": "exposure_after",
    "cost_change": "cost_change_band",
}
"""Measures with quartiles and bands, and their column."""
QUARTILES = (0.25, 0.5, 0.75)

_JOIN = "JOIN submissions s ON s.survey_year = x.survey_year AND s.facility_code = x.facility_code"


def _group(name: str) -> str:
    if name not in GROUPINGS:
        raise ValueError(f"not a grouping: {name}")
    return name


def _rows(conn: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    return conn.execute(sql, params).fetchall()


def group_sizes(conn: duckdb.DuckDBPyConnection, year: int, group: str) -> dict[str, int]:
    """Hospitals per group."""
    g = _group(group)
    sql = f"SELECT {g}, COUNT(*) FROM submissions WHERE survey_year = ? GROUP BY {g}"
    return {str(k): int(n) for k, n in _rows(conn, sql, [year])}


def hospitals(conn: duckdb.DuckDBPyConnection, year: int) -> int:
    return int(_rows(conn, "SELECT COUNT(*) FROM submissions WHERE survey_year = ?", [year])[0][0])


def adoption_counts(conn: duckdb.DuckDBPyConnection, year: int, group: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(item, group) -> (hospitals, hospitals using it), for every adoption item."""
    g = _group(group)
    sums = ", ".join(f"SUM(CASE WHEN {item} THEN 1 ELSE 0 END)" for item in ADOPTION_ITEMS)
    sql = f"SELECT {g}, COUNT(*), {sums} FROM submissions WHERE survey_year = ? GROUP BY {g}"
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for key, n, *yes in _rows(conn, sql, [year]):
        out.update({(item, str(key)): (int(n), int(y)) for item, y in zip(ADOPTION_ITEMS, yes, strict=True)})
    return out


def checklist_counts(conn: duckdb.DuckDBPyConnection, year: int, group: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(item, group) -> (hospitals reporting the item, hospitals passing it). An item a hospital left out (NULL) is
    not counted at all; `unknown` counts as reported and not passing."""
    g = _group(group)
    sums = ", ".join(
        f"SUM(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END), SUM(CASE WHEN {c} = 'pass' THEN 1 ELSE 0 END)"
        for c in CHECKLIST_COLUMNS.values()
    )
    sql = f"SELECT {g}, {sums} FROM submissions WHERE survey_year = ? GROUP BY {g}"
    out: dict[tuple[str, str], tuple[int, int]] = {}
    for key, *figures in _rows(conn, sql, [year]):
        for k, item in enumerate(CHECKLIST_COLUMNS):
            out[(item, str(key))] = (int(figures[2 * k]), int(figures[2 * k + 1]))
    return out


def quartiles(
    conn: duckdb.DuckDBPyConnection, year: int, group: str | None, measure: str
) -> dict[str, tuple[int, tuple[float, ...]]]:
    """Group (or "" for all) -> (hospitals with a value, its quartiles), linear interpolation between values."""
    column = MEASURES[measure]
    picks = ", ".join(f"percentile_cont({q}) WITHIN GROUP (ORDER BY {column})" for q in QUARTILES)
    if group is None:
        sql = f"SELECT '', COUNT(*), {picks} FROM submissions WHERE survey_year = ? AND {column} IS NOT NULL"
    else:
        g = _group(group)
        sql = f"""SELECT {g}, COUNT(*), {picks} FROM submissions
            WHERE survey_year = ? AND {column} IS NOT NULL GROUP BY {g}"""
    out: dict[str, tuple[int, tuple[float, ...]]] = {}
    for key, n, *values in _rows(conn, sql, [year]):
        if n:
            out[str(key)] = (int(n), tuple(float(v) for v in values))
    return out


def band_counts(conn: duckdb.DuckDBPyConnection, year: int, group: str, band: str) -> dict[tuple[int, str], int]:
    """(band's lower edge, group) -> hospitals; `band` is an SQL expression over `submissions` (a fixed text)."""
    g = _group(group)
    sql = f"""SELECT {band} AS band, {g}, COUNT(*) FROM submissions
        WHERE survey_year = ? AND {band} IS NOT NULL GROUP BY 1, 2"""
    return {(int(b), str(k)): int(n) for b, k, n in _rows(conn, sql, [year])}


def findings_counts(conn: duckdb.DuckDBPyConnection, year: int) -> dict[str, tuple[int, int]]:
    """Check id -> (hospitals with a finding of it, findings in all)."""
    sql = """SELECT check_id, COUNT(DISTINCT facility_code), SUM(findings) FROM findings
        WHERE survey_year = ? AND findings > 0 GROUP BY check_id"""
    return {str(c): (int(n), int(total)) for c, n, total in _rows(conn, sql, [year])}


def plan_totals(conn: duckdb.DuckDBPyConnection, year: int) -> tuple[int, int, int]:
    """(hospitals, systems, systems in the cloud before the plans start, in millionths of a system)."""
    sql = """SELECT COUNT(*), COALESCE(SUM(systems), 0), COALESCE(SUM(CAST(already_in_cloud_ppm AS BIGINT) * systems), 0)
        FROM submissions WHERE survey_year = ?"""
    n, systems, in_cloud = _rows(conn, sql, [year])[0]
    return int(n), int(systems), int(in_cloud)


def planned_moves(conn: duckdb.DuckDBPyConnection, year: int, first: int, last: int) -> dict[int, tuple[int, int]]:
    """Fiscal year -> (hospitals moving systems then, systems moved in millionths of a system), the years before
    `first` counted in `first` and those after `last` in `last`."""
    sql = (
        """SELECT CASE WHEN x.fiscal_year < ? THEN ? WHEN x.fiscal_year > ? THEN ? ELSE x.fiscal_year END AS bucket,
            COUNT(DISTINCT CASE WHEN x.share_ppm > 0 THEN x.facility_code END),
            COALESCE(SUM(CAST(x.share_ppm AS BIGINT) * s.systems), 0)
        FROM plan_moves x """
        + _JOIN
        + " WHERE s.survey_year = ? GROUP BY 1"
    )
    rows = _rows(conn, sql, [first, first, last, last, year])
    return {int(b): (int(n), int(moved)) for b, n, moved in rows}
