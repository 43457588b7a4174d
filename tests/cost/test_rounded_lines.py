"""The full run's lines, rounded in one numpy pass and built slot by slot, are the lines the plain way gives: each
year rounded half to even by Python's round, zero rows left out, bases sorted and without repeats."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from hismigrate.cost.cashflow import _sorted_keys, rounded_lines, year_rows
from hismigrate.cost.ledger import Ledger
from hismigrate.model.cost import CostLine, cost_line

YEARS = [2026, 2027, 2028]
halves = st.integers(-(10**6), 10**6).map(lambda k: k / 2)  # ties, rounded half to even
amounts = st.one_of(st.floats(-1e15, 1e15), halves, st.sampled_from([0.0, -0.0, 0.4999999999999999, 2.5, -2.5]))
huge = st.floats(1e19, 1e300)  # beyond 64-bit integers: Python's round, kept whole
refs = st.lists(st.sampled_from(["setting:cost.a", "setting:cost.b", "catalog:x", "inventory:servers.s.f"]))
booking = st.tuples(
    st.sampled_from(["baseline", "plan"]),
    st.sampled_from(["power", "maintenance", "write_off"]),
    st.sampled_from(["s1", "s2", "sys-1"]),
    st.booleans(),
    st.lists(amounts, min_size=3, max_size=3),
    refs,
    st.sampled_from(["tuple", "list"]),
)


def plain(ledger: Ledger) -> list[CostLine]:
    out = []
    for key in _sorted_keys(ledger.amounts):
        figures = tuple(map(round, ledger.amounts[key]))
        if any(figures):
            scenario, category, subject, cash = key
            basis = tuple(sorted(set(ledger.bases[key])))
            out.append(
                CostLine(  # type: ignore[arg-type]
                    scenario=scenario, category=category, subject=subject, cash=cash, amounts_jpy=figures, basis=basis
                )
            )
    return out


def book(bookings: list, big: float | None = None) -> Ledger:  # type: ignore[type-arg]
    ledger = Ledger(YEARS)
    for scenario, category, subject, cash, row, basis, kind in bookings:
        ledger.add_row(scenario, category, subject, list(row), tuple(basis) if kind == "tuple" else basis, cash)
    if big is not None:
        ledger.add_row("plan", "power", "s9", [big, 0.0, -big], ["setting:cost.a"])
    return ledger


@given(st.lists(booking, max_size=30))
def test_same_lines_as_plain_rounding(bookings: list) -> None:  # type: ignore[type-arg]
    ledger = book(bookings)
    lines, matrix = rounded_lines(ledger)
    assert lines == plain(ledger)
    assert [tuple(row) for row in matrix.tolist()] == [line.amounts_jpy for line in lines]
    assert all(type(x) is int for line in lines for x in line.amounts_jpy)


@given(st.lists(booking, max_size=10), huge)
def test_beyond_64_bit_integers(bookings: list, big: float) -> None:  # type: ignore[type-arg]
    ledger = book(bookings, big)
    lines, matrix = rounded_lines(ledger)
    assert lines == plain(ledger)
    assert matrix.dtype == np.dtype(object)
    assert [tuple(row) for row in matrix.tolist()] == [line.amounts_jpy for line in lines]


def test_cost_line_is_the_constructed_line() -> None:
    made = cost_line("plan", "power", "s1", False, (1, -2), ("a", "b"))
    built = CostLine(scenario="plan", category="power", subject="s1", cash=False, amounts_jpy=(1, -2), basis=("a", "b"))
    assert made == built
    assert repr(made) == repr(built)
    assert hash(made) == hash(built)


@given(st.lists(booking, max_size=30), st.one_of(st.none(), huge, st.floats(2.0**61, 2.0**62)))
def test_year_sums_from_the_matrix_are_the_lines_sums(bookings: list, big: float | None) -> None:  # type: ignore[type-arg]
    # the matrix's column sums (int64, or Python integers where 64 bits could overflow) equal the lines' sums
    ledger = book(bookings, big)
    for _ in range(5 if big is not None and big < 2.0**62 else 0):  # several near-2**62 rows: a 64-bit sum overflows
        ledger.add_row("baseline", "power", f"s{_}", [big, big, 0.0], ["setting:cost.a"])
    lines, matrix = rounded_lines(ledger)
    assert year_rows(YEARS, lines, matrix) == year_rows(YEARS, lines)
