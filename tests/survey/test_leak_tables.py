"""The leak test over every published table: aggregating one, two or min_cell - 1 hospitals gives exactly the
outputs that aggregating none gives (every CSV, the workbook and the page, byte for byte), in a year of its own and
as the earlier or the later year of the year-over-year tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.survey_generator import generate
from hismigrate.model.submission import BedClass
from hismigrate.survey.aggregate import aggregate
from hismigrate.survey.outputs import write_outputs
from tests.survey.helpers import revised, store

EVERY_TABLE = {
    "summary",
    "adoption_by_class",
    "adoption_by_type",
    "adoption_by_region",
    "checklist_by_class",
    "checklist_by_region",
    "exposure_by_class",
    "findings",
    "timeline",
    "cost_change_by_class",
    "cost_change_bands",
}
YEAR_OVER_YEAR = {"adoption_by_year", "exposure_bands_by_year", "planned_moves_by_year"}


def _odd_ones(count: int, seed: int) -> list:  # type: ignore[type-arg]
    """Hospitals as identifiable as can be: one large hospital alone in its class, every item failed or passed,
    every check found, a plan moving everything in one odd year."""
    out = []
    for number, s in enumerate(generate(class_counts={BedClass.from_400: count}, seed=seed)):
        out.append(
            revised(
                s,
                checklist={"1-(1)": "pass", "2-(7)": "fail"} if number % 2 else {"3-(3)": "unknown"},
                findings={"HIS-CONN-001": {"critical": 7 + number}, "HIS-PRC-016": {"medium": 1}},
                plan={"waves": 1, "already_in_cloud": 0.0, "by_year": {2031 + number: 1.0}},
            )
        )
    return out


def _outputs(
    conn, tmp_path: Path, name: str, *, year: int, min_cell: int, since: int | None = None
) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    result = aggregate(conn, year=year, lang="ja", min_cell=min_cell, since=since)
    folder = tmp_path / name
    write_outputs(result, folder, lang="ja")
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _differences(nothing: dict[str, bytes], something: dict[str, bytes]) -> list[str]:
    assert nothing.keys() == something.keys()
    return [name for name in nothing if nothing[name] != something[name]]


@pytest.mark.parametrize("min_cell", [3, 5, 10])
def test_too_few_hospitals_reveal_nothing(tmp_path: Path, min_cell: int) -> None:
    empty = store()
    nothing = _outputs(empty, tmp_path, "none", year=2025, min_cell=min_cell)
    assert {n.removesuffix(".csv") for n in nothing} >= EVERY_TABLE
    for count in sorted({1, 2, min_cell - 1}):
        for kind, submissions in (("generated", list(generate(count, seed=count))), ("odd", _odd_ones(count, 40))):
            something = _outputs(store(submissions), tmp_path, f"{kind}{count}", year=2025, min_cell=min_cell)
            assert _differences(nothing, something) == [], (kind, count)


def test_the_test_sees_a_difference_at_min_cell(tmp_path: Path) -> None:
    nothing = _outputs(store(), tmp_path, "none", year=2025, min_cell=5)
    five = _outputs(store(list(generate(5, seed=5))), tmp_path, "five", year=2025, min_cell=5)
    assert "summary.csv" in _differences(nothing, five)


def _other_year(count: int, year: int) -> list:  # type: ignore[type-arg]
    """`count` hospitals of survey year `year` (as_of on 1 May of it)."""
    from datetime import date

    return list(generate(count, seed=year % 10, as_of=date(year, 5, 1)))


@pytest.mark.parametrize("since", [2025, None])
def test_a_small_earlier_year_reveals_nothing(tmp_path: Path, since: int | None) -> None:
    later = _other_year(40, 2026)
    nothing = _outputs(store(later), tmp_path, "none", year=2026, min_cell=5, since=since)
    for count in (1, 2, 4):
        conn = store(_other_year(count, 2025), later)
        something = _outputs(conn, tmp_path, f"n{count}", year=2026, min_cell=5, since=since)
        assert _differences(nothing, something) == [], count
    if since is not None:
        assert {n.removesuffix(".csv") for n in nothing} >= YEAR_OVER_YEAR


def test_a_small_later_year_reveals_nothing(tmp_path: Path) -> None:
    earlier = _other_year(40, 2025)
    nothing = _outputs(store(earlier), tmp_path, "none", year=2026, min_cell=5, since=2025)
    assert {n.removesuffix(".csv") for n in nothing} >= EVERY_TABLE | YEAR_OVER_YEAR
    for count in (1, 2, 4):
        conn = store(earlier, _other_year(count, 2026))
        something = _outputs(conn, tmp_path, f"n{count}", year=2026, min_cell=5, since=2025)
        assert _differences(nothing, something) == [], count


def test_two_years_give_year_over_year_tables_by_default(tmp_path: Path) -> None:
    conn = store(_other_year(40, 2025), _other_year(30, 2026))
    result = aggregate(conn, year=2026, lang="en", min_cell=5)
    assert result.years == (2025, 2026)
    adoption = next(t for t in result.tables if t.name == "adoption_by_year")
    assert adoption.columns[1:] == ("FY2025 survey", "FY2026 survey", "Change FY2025 to FY2026 (points)")
    assert adoption.rows[0][1:3] == (40, 30)
    single = aggregate(store(_other_year(40, 2026)), year=2026, lang="en", min_cell=5)
    assert single.years == () and not {t.name for t in single.tables} & YEAR_OVER_YEAR
