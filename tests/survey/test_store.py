"""The survey store: one row set per hospital and survey year, re-submissions replace (the earlier kept in the
history), rejected files recorded, all or nothing, and the store and the files give the same published tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from bench.survey_generator import generate
from hismigrate.errors import ConfigError
from hismigrate.survey.aggregate import aggregate
from hismigrate.survey.ingest import PENDING_YEAR, ingest_files, ingest_submissions, relabel_year
from hismigrate.survey.outputs import write_outputs
from hismigrate.survey.store import STORE_VERSION, TABLES, open_store, survey_years
from hismigrate.survey.write import write_submission
from tests.survey.helpers import revised


def _count(conn, sql: str) -> int:  # type: ignore[no-untyped-def]
    return int(conn.execute(sql).fetchone()[0])


def _write(submissions, folder: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    paths = []
    for number, s in enumerate(submissions):
        path = folder / f"{number:05d}.{'xlsx' if number % 7 == 3 else 'json'}"
        write_submission(s, path)
        paths.append(path)
    return paths


def test_a_store_is_created_with_every_table_and_reopened(tmp_path: Path) -> None:
    path = tmp_path / "survey.duckdb"
    with pytest.raises(ConfigError):
        open_store(path, create=False)
    assert not path.exists()
    open_store(path, create=True).close()
    conn = open_store(path, create=False)
    names = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert names == set(TABLES)
    assert conn.execute("SELECT value FROM store_info").fetchone()[0] == STORE_VERSION
    conn.close()


def test_other_files_are_refused_clearly(tmp_path: Path) -> None:
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database", encoding="utf-8")
    foreign = tmp_path / "foreign.duckdb"
    with duckdb.connect(str(foreign)) as other:
        other.execute("CREATE TABLE t (x INTEGER)")
    newer = tmp_path / "newer.duckdb"
    open_store(newer, create=True).close()
    with duckdb.connect(str(newer)) as other:
        other.execute("UPDATE store_info SET value = '99'")
    for path, words in ((text, "cannot be opened"), (foreign, "not a hismigrate survey store"), (newer, "version 99")):
        with pytest.raises(ConfigError) as info:
            open_store(path, create=False)
        assert words in info.value.render() and str(path) in info.value.render()
    with pytest.raises(ConfigError):
        open_store(tmp_path, create=True)  # a folder


def test_a_resubmission_replaces_the_earlier_which_stays_in_the_history() -> None:
    first = list(generate(10, seed=1))
    conn = open_store(None, create=True)
    assert ingest_submissions(conn, first).added == 10
    code = first[0].facility_code
    later = revised(first[0], as_of="2025-09-01", exposure={"now": 12.3, "after_plan": 4.5})
    report = ingest_submissions(conn, [first[1], later])  # the later one is second: seq 1, its earlier seq 0
    assert (report.replaced, report.added, report.unchanged) == (1, 0, 1)
    assert _count(conn, "SELECT COUNT(*) FROM submissions") == 10
    row = conn.execute("SELECT exposure_now, as_of FROM submissions WHERE facility_code = ?", [code]).fetchone()
    assert row == (12.3, date(2025, 9, 1))
    history = conn.execute("SELECT facility_code, as_of, reason, replaced_in FROM history").fetchall()
    assert history == [(code, date(2025, 4, 1), "replaced", 2)]
    # the long tables hold the later one's rows only; the earlier one is in the history whole
    expected = {"findings": sum(map(len, first[0].findings.values())), "plan_moves": len(first[0].plan.by_year)}
    assert sum(expected.values()) > 0
    for table in ("findings", "plan_moves"):
        stale = f"""SELECT COUNT(*) FROM {table} t JOIN submissions s ON s.survey_year = t.survey_year
            AND s.facility_code = t.facility_code WHERE t.seq <> s.seq"""
        assert _count(conn, stale) == 0, table
        moved = _count(conn, f"SELECT COUNT(*) FROM history_{table} WHERE facility_code = '{code}'")
        assert moved == expected[table], table
    kept = conn.execute("SELECT emr, exposure_now, chk_2_7 FROM history").fetchone()
    assert kept == (first[0].adoption.emr, first[0].exposure.now, first[0].checklist["2-(7)"].value)


def test_older_and_identical_and_same_run_resubmissions() -> None:
    base = list(generate(3, seed=2))
    conn = open_store(None, create=True)
    later = revised(base[0], as_of="2025-10-01")
    ingest_submissions(conn, [later, base[1], base[2]])
    report = ingest_submissions(conn, [base[0], base[1]])  # older than the one in force; identical
    assert (report.older, report.unchanged, report.added, report.replaced) == (1, 1, 0, 0)
    assert conn.execute("SELECT as_of FROM submissions WHERE facility_code = ?", [later.facility_code]).fetchone()[
        0
    ] == date(2025, 10, 1)
    # two of one hospital in one run: the later date counts, then the later in the order given
    again = revised(base[2], exposure={"now": 1.0, "after_plan": 1.0})
    report = ingest_submissions(conn, [again, revised(base[2], exposure={"now": 2.0, "after_plan": 1.0})])
    assert (report.superseded, report.replaced) == (1, 1)
    assert (
        conn.execute(
            "SELECT exposure_now FROM submissions WHERE facility_code = ?", [base[2].facility_code]
        ).fetchone()[0]
        == 2.0
    )
    reasons = sorted(r[0] for r in conn.execute("SELECT reason FROM history").fetchall())
    assert reasons == ["older", "replaced", "superseded"]


def test_one_row_set_per_hospital_and_survey_year() -> None:
    conn = open_store(None, create=True)
    one = next(generate(1, seed=3))
    ingest_submissions(conn, [one])
    ingest_submissions(conn, [revised(one, as_of="2026-05-01")])  # the next fiscal year: a second row set
    assert survey_years(conn) == {2025: 1, 2026: 1}
    ingest_submissions(conn, [one], survey_year=2027)  # the operator names the survey year
    assert survey_years(conn) == {2025: 1, 2026: 1, 2027: 1}


def test_rejected_files_are_recorded_with_their_reasons(tmp_path: Path) -> None:
    paths = _write(list(generate(5, seed=4)), tmp_path)
    bad = tmp_path / "sakura.json"
    bad.write_text('{"facility_code": "SakuraGeneralHospital"', encoding="utf-8")
    conn = open_store(tmp_path / "s.duckdb", create=True)
    report = ingest_files(conn, [*paths, bad])
    assert report.added == 5 and [r.file for r in report.rejected] == [str(bad)]
    rows = conn.execute("SELECT ingest, source, location, problem FROM rejected").fetchall()
    assert rows == [(1, str(bad), f"{bad} line 1", "survey_json_comma")]
    assert _count(conn, "SELECT rejected FROM ingests") == 1


def test_an_interrupted_ingest_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hismigrate.survey import ingest

    conn = open_store(tmp_path / "s.duckdb", create=True)
    ingest_submissions(conn, list(generate(4, seed=5)))

    def broken(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ingest, "merge", broken)
    with pytest.raises(KeyboardInterrupt):
        ingest_files(conn, _write(list(generate(6, seed=6)), tmp_path / "in"))
    assert _count(conn, "SELECT COUNT(*) FROM submissions") == 4
    assert _count(conn, "SELECT COUNT(*) FROM ingests") == 1 and _count(conn, "SELECT COUNT(*) FROM history") == 0


def test_files_read_together_are_one_survey_year() -> None:
    conn = open_store(None, create=True)
    early, late = list(generate(2, seed=7, as_of=date(2026, 3, 20))), list(generate(1, seed=8, as_of=date(2026, 4, 2)))
    ingest_submissions(conn, early + late, survey_year=PENDING_YEAR)
    assert relabel_year(conn, PENDING_YEAR) == 2026 and survey_years(conn) == {2026: 3}


def test_the_store_and_the_files_publish_the_same_tables(tmp_path: Path) -> None:
    """Files ingested into a store on disk in two runs, and the same files aggregated directly: equal outputs."""
    submissions = list(generate(300, seed=9))
    paths = _write(submissions, tmp_path / "in")
    conn = open_store(tmp_path / "s.duckdb", create=True)
    ingest_files(conn, paths[:120])
    ingest_files(conn, paths[100:], jobs=2)
    from_store = aggregate(conn, year=2025, lang="ja", min_cell=5)
    memory = open_store(None, create=True)
    ingest_files(memory, paths, survey_year=PENDING_YEAR)
    from_files = aggregate(memory, year=relabel_year(memory, PENDING_YEAR), lang="ja", min_cell=5)
    assert from_store.tables == from_files.tables
    write_outputs(from_store, tmp_path / "a", lang="ja")
    write_outputs(from_files, tmp_path / "b", lang="ja")
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


@pytest.mark.parametrize("merge_every", [1, 20_000])
def test_a_run_merged_in_parts_decides_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, merge_every: int
) -> None:
    from hismigrate.survey import ingest

    monkeypatch.setattr(ingest, "CHUNK", 1)
    monkeypatch.setattr(ingest, "MERGE_EVERY", merge_every)
    a, b = generate(2, seed=10)
    files = _write([a, b, revised(a, as_of="2025-06-01"), revised(a, as_of="2025-04-15")], tmp_path / "in")
    conn = open_store(None, create=True)
    report = ingest_files(conn, files)
    assert (report.added, report.superseded, report.replaced, report.older) == (2, 2, 0, 0)
    assert conn.execute("SELECT as_of FROM submissions WHERE facility_code = ?", [a.facility_code]).fetchone()[
        0
    ] == date(2025, 6, 1)
    assert sorted(r[0] for r in conn.execute("SELECT reason FROM history").fetchall()) == ["superseded", "superseded"]
