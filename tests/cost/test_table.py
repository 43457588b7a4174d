"""The cost table's rows are merged, rounded and summed as the plain way gives: rows of one subject added in booking
order, each year rounded half to even (Python's round; Python integers beyond 64 bits), sums exact; and the result's
lines come out sorted by scenario, category, subject and cash, each basis sorted and stored once."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from hismigrate.cost.case import cost_plan
from hismigrate.cost.table import Rows, column_sums, merged, named, rounded, year_sums
from hismigrate.load import load_inventory
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings
from hismigrate.plan.planner import make_plan
from tests.cost.conftest import AS_OF

SAMPLES = Path(__file__).resolve().parents[2] / "inventories"
halves = st.integers(-(10**6), 10**6).map(lambda k: k / 2)  # ties, rounded half to even
amounts = st.one_of(st.floats(-1e15, 1e15), halves, st.sampled_from([0.0, -0.0, 0.4999999999999999, 2.5, -2.5]))
huge = st.floats(1e19, 1e300)  # beyond 64-bit integers
rows = st.lists(st.tuples(st.integers(0, 4), st.lists(amounts, min_size=3, max_size=3)), max_size=30)


def _plain(booked: list[tuple[int, list[float]]]) -> dict[int, list[int]]:
    sums: dict[int, list[float]] = {}
    for subject, row in booked:
        found = sums.setdefault(subject, [0.0, 0.0, 0.0])
        found[:] = [a + b for a, b in zip(found, row, strict=True)]
    return {k: [round(x) for x in v] for k, v in sums.items()}


def _rows(booked: list[tuple[int, list[float]]]) -> Rows:
    subjects = np.array([s for s, _ in booked], dtype=np.int64)
    return Rows(subjects, np.array([r for _, r in booked], dtype=np.float64).reshape(len(booked), 3))


@given(rows, st.one_of(st.none(), huge))
def test_merged_and_rounded_as_the_plain_way(booked: list[tuple[int, list[float]]], big: float | None) -> None:
    if big is not None:
        booked = [*booked, (9, [big, 0.0, -big])]
    found = merged(_rows(booked))
    figures = rounded(found.amounts)
    assert dict(zip(found.subjects.tolist(), figures.tolist(), strict=True)) == _plain(booked)
    assert all(type(x) is int for row in figures.tolist() for x in row)
    assert (figures.dtype == object) == (big is not None)
    expected = [sum(v[k] for v in _plain(booked).values()) for k in range(3)]
    assert [int(x) for x in year_sums(_rows(booked), 3).tolist()] == expected


def test_sums_beyond_64_bits_stay_exact() -> None:
    figures = rounded(np.full((5, 2), 2.0**61))
    assert [int(x) for x in column_sums(figures, 2)] == [5 * 2**61] * 2


def test_lines_are_sorted_with_bases_stored_once(settings: Settings, catalog: PriceCatalog) -> None:
    inventory = load_inventory([SAMPLES / "sakura-general"])
    result = cost_plan(inventory, make_plan(inventory, AS_OF, settings.plan), settings, catalog, AS_OF)
    lines = list(result.lines.each())
    keys = [(x.scenario, x.category, x.subject, x.cash) for x in lines]
    assert keys == sorted(keys) and len(set(keys)) == len(keys) > 100
    assert all(x.basis == tuple(sorted(set(x.basis))) and any(x.amounts_jpy) for x in lines)
    assert len(set(result.lines.bases)) == len(result.lines.bases) < len(lines)
    assert list(result.lines.references) == sorted(set(result.lines.references))


def test_merged_keeps_the_first_booking_order_and_joins_bases() -> None:
    # subject 7 booked first (1e16, then 1.0, then -1e16), subject 3 between: in booking order 1e16 + 1.0 is 1e16
    # (the 1.0 is lost to float precision), less 1e16 gives 0; adding 1.0 last would give 1.
    rows = Rows(
        np.array([7, 3, 7, 7], dtype=np.int64),
        np.array([[1e16, 0.0], [2.0, 5.0], [1.0, 1.0], [-1e16, 2.0]]),
        [("a",), ("b",), ("c", "a"), ("d",)],
    )
    out = merged(rows)
    assert out.subjects.tolist() == [7, 3]
    assert out.amounts.tolist() == [[0.0, 3.0], [2.0, 5.0]]
    assert out.bases == [("a", "c", "a", "d"), ("b",)]


def test_named_works_out_each_distinct_position_once() -> None:
    asked: list[int] = []

    def basis(k: int) -> tuple[str, ...]:
        asked.append(k)
        return (f"ref{k}",)

    assert named(False, np.array([1, 1]), basis) is None
    assert named(True, np.array([4, 1, 4]), basis) == [("ref4",), ("ref1",), ("ref4",)]
    assert asked == [4, 1]
