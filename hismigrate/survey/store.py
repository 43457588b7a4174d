"""The survey store: an embedded DuckDB database (one file, no server) holding every submission by hospital and
survey year, what each re-submission replaced (history), and every file that was rejected.

The tables use plain SQL types and no engine-specific features, so that the same schema and the same queries
(hismigrate/survey/queries.py) can move to a server database when one ministry machine is not enough. Without a
file, the store lives in memory: that is how `survey aggregate FILES...` makes its tables, with the same code.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from hismigrate.errors import ConfigError, Location
from hismigrate.survey.rows import LONG_COLUMNS, SUBMISSION_COLUMNS

if TYPE_CHECKING:
    import duckdb

STORE_VERSION = "1"
"""The layout of the store's tables; a store of another version is refused (not silently misread)."""


def _create(name: str, columns: tuple[tuple[str, str], ...], *extra: str) -> str:
    return f"CREATE TABLE {name} ({', '.join([*(f'{c} {kind}' for c, kind in columns), *extra])})"


SCHEMA = (
    "CREATE TABLE store_info (name VARCHAR NOT NULL, value VARCHAR NOT NULL)",
    # One row per ingest run: what it read and what became of it.
    "CREATE TABLE ingests (ingest INTEGER NOT NULL, survey_year INTEGER, files INTEGER NOT NULL,"
    " added INTEGER NOT NULL, replaced INTEGER NOT NULL, unchanged INTEGER NOT NULL, superseded INTEGER NOT NULL,"
    " older INTEGER NOT NULL, rejected INTEGER NOT NULL)",
    # The submissions in force: one row per hospital and survey year, a column per field (rows.py).
    _create("submissions", SUBMISSION_COLUMNS),
    *(_create(name, columns) for name, columns in LONG_COLUMNS.items()),
    # Every submission received that is not in force, whole: replaced by a later one, superseded by a later one of
    # the same run, or older than the one already in force; `replaced_in` is the ingest that put it here.
    _create("history", SUBMISSION_COLUMNS, "reason VARCHAR NOT NULL", "replaced_in INTEGER NOT NULL"),
    *(_create(f"history_{name}", columns) for name, columns in LONG_COLUMNS.items()),
    # Every file an ingest could not use, with each of its problems (message key and parameters, to be said in the
    # reader's language).
    "CREATE TABLE rejected (ingest INTEGER NOT NULL, seq INTEGER NOT NULL, source VARCHAR NOT NULL,"
    " location VARCHAR NOT NULL, problem VARCHAR NOT NULL, params VARCHAR NOT NULL)",
)
TABLES = tuple(statement.split()[2] for statement in SCHEMA)


def open_store(path: Path | None, *, create: bool, lang: str = "en") -> duckdb.DuckDBPyConnection:
    """A connection to the store at `path` (in memory when None), created with its tables when `create` and absent.

    ConfigError (exit 2) when the file is missing and not to be created, is not a store, is of another version or
    is in use by another process."""
    import duckdb

    from hismigrate.i18n import t

    where = Location(str(path)) if path is not None else None
    if path is not None and not path.exists() and not create:
        raise ConfigError(t("survey.store.missing", lang), location=where)
    if path is not None and path.exists() and not path.is_file():
        raise ConfigError(t("survey.store.not_a_file", lang), location=where)
    try:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = duckdb.connect(str(path) if path is not None else ":memory:")
    except (duckdb.Error, OSError) as exc:
        raise ConfigError(t("survey.store.unusable", lang, detail=_first_line(exc)), location=where) from None
    try:
        _prepare(conn, lang)
    except ConfigError as exc:
        conn.close()
        raise ConfigError(exc.message, exc.hint, location=where) from None
    return conn


def _prepare(conn: duckdb.DuckDBPyConnection, lang: str) -> None:
    from hismigrate.i18n import t

    existing = {row[0] for row in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if not existing:
        conn.execute("BEGIN TRANSACTION")
        for statement in SCHEMA:
            conn.execute(statement)
        conn.execute("INSERT INTO store_info VALUES ('store_version', ?)", [STORE_VERSION])
        conn.execute("COMMIT")
        return
    if "store_info" not in existing:
        raise ConfigError(t("survey.store.foreign", lang))
    found = conn.execute("SELECT value FROM store_info WHERE name = 'store_version'").fetchone()
    if found is None or found[0] != STORE_VERSION:
        raise ConfigError(t("survey.store.version", lang, found=found[0] if found else "?", expected=STORE_VERSION))


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def survey_years(conn: duckdb.DuckDBPyConnection) -> dict[int, int]:
    """Survey year -> hospitals in force, for every year the store holds."""
    rows = conn.execute(
        "SELECT survey_year, COUNT(*) FROM submissions GROUP BY survey_year ORDER BY survey_year"
    ).fetchall()
    return {int(year): int(n) for year, n in rows}
