"""Complementary suppression: no figure about fewer than min_cell hospitals can be worked out from the totals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hismigrate.model.submission import BedClass
from hismigrate.survey.suppress import exposed_lines, protected
from hismigrate.survey.table import SUPPRESSED
from hismigrate.survey.tables_plans import PlanFigures, timeline_table
from hismigrate.survey.tables_rates import rate_table
from hismigrate.survey.tables_spread import band_table, quartile_table

CLASSES = [(c.value, c.value) for c in BedClass]


def _one_line(values: list[int], min_cell: int = 5) -> set[int]:
    return protected(dict(enumerate(values)), [list(range(len(values)))], min_cell)


@pytest.mark.parametrize(
    ("values", "hidden"),
    [
        ([20, 20, 3], {0, 2}),  # 43 - 20 - 20 would be the 3: the first smallest other is hidden with it
        ([20, 10, 3], {1, 2}),  # the smallest figure that covers it, not the first
        ([20, 3, 4], {1, 2}),  # 3 + 4 = 7: two hidden figures worth 5 or more protect each other
        ([20, 1, 2, 30], {0, 1, 2}),  # 1 + 2 = 3 is still a small figure: one more
        ([20, 0, 3], {0, 2}),  # an empty group hides nothing (it is shown as a dash, but describes no one)
        ([20, 30, 40], set()),
        ([3], {0}),  # nothing to add: the total is the same small figure and is hidden by its own size
    ],
)
def test_one_line(values: list[int], hidden: set[int]) -> None:
    assert _one_line(values) == hidden


def test_hidden_elsewhere_is_kept_and_counts() -> None:
    # a group hidden in another table of its grouping stays hidden here and may be what protects the small one
    assert protected({"a": 20, "b": 12, "c": 3}, [["a", "b", "c"]], 5, hidden={"b"}) == {"b", "c"}


def test_a_grid_is_protected_along_rows_and_columns() -> None:
    # rows: bands with their total in the last column; columns: classes and the totals
    grid = [[10, 2, 12], [10, 20, 30], [15, 15, 30]]
    values = {(r, c): v for r, row in enumerate(grid) for c, v in enumerate(row)}
    lines = [[(r, c) for c in range(3)] for r in range(3)] + [[(r, c) for r in range(3)] for c in range(3)]
    hidden = protected(values, lines, 5)
    assert (0, 1) in hidden  # the 2
    assert exposed_lines(values, lines, hidden, 5) == []
    # hiding the 2 and the 10 of its row leaves the column of 10 to protect: another cell is hidden there
    assert len(hidden) >= 4


_grids = st.integers(min_value=1, max_value=5).flatmap(
    lambda rows: st.integers(min_value=1, max_value=4).flatmap(
        lambda cols: st.lists(
            st.lists(st.integers(min_value=0, max_value=30), min_size=cols, max_size=cols), min_size=rows, max_size=rows
        )
    )
)


@given(grid=_grids, min_cell=st.integers(min_value=1, max_value=10))
def test_every_line_is_protected_or_has_nothing_left_to_hide(grid: list[list[int]], min_cell: int) -> None:
    values, lines = _grid(grid)
    lines += [[(r, c) for r in range(len(grid))] for c in range(len(grid[0]) + 1)]
    hidden = protected(values, lines, min_cell)
    assert {k for k, v in values.items() if 0 < v < min_cell} <= hidden
    for index in exposed_lines(values, lines, hidden, min_cell):
        assert all(key in hidden for key in lines[index] if values[key] > 0), (index, hidden)


def _frame(sizes: dict[str, int], share: float = 0.5) -> tuple[dict, dict, dict]:  # type: ignore[type-arg]
    """Per class: hospitals, (EMR counts) and the cost change bands (0, 10, 20 in turn)."""
    counts = {("emr", g): (n, sum(1 for k in range(n) if k < n * share)) for g, n in sizes.items()}
    bands: dict[tuple[int, str], int] = {}
    for g, n in sizes.items():
        for k in range(n):
            bands[(10 * (k % 3), g)] = bands.get((10 * (k % 3), g), 0) + 1
    return dict(sizes), counts, bands


def _rates(sizes: dict[str, int]) -> tuple[tuple[object, ...], ...]:
    sizes, counts, _ = _frame(sizes)
    table = rate_table(
        counts, sizes, name="adoption_by_class", groups=CLASSES, items=[("emr", "EMR")], lang="en", min_cell=5
    )
    return table.rows


@pytest.mark.parametrize(
    "sizes",
    [{"under_200": 20, "200_399": 20, "400_plus": 3}, {"under_200": 9, "200_399": 2}, {"under_200": 9, "200_399": 30}],
)
def test_a_rate_table_gives_away_no_small_group(sizes: dict[str, int]) -> None:
    counts, rates = _rates(sizes)
    hidden = [g for (g, _), cell in zip(CLASSES, counts[1:-1], strict=True) if cell == SUPPRESSED]
    # The total minus the groups shown is the hidden groups' number together (and the total rate, applied the same
    # way, their EMR hospitals together): never a figure about fewer than 5 hospitals.
    left = int(counts[-1]) - sum(int(c) for c in counts[1:-1] if c != SUPPRESSED)
    assert left == sum(sizes.get(g, 0) for g in hidden)
    assert left == 0 or left >= 5
    assert all(rates[1 + [g for g, _ in CLASSES].index(g)] == SUPPRESSED for g in hidden)


def _quartiles(sizes: dict[str, int]) -> dict:  # type: ignore[type-arg]
    out = {g: (n, (0.0, 10.0, 20.0)) for g, n in sizes.items()}
    out[""] = (sum(sizes.values()), (0.0, 10.0, 20.0))
    return {"cost_change": out}


def test_the_quartile_table_hides_the_groups_the_rate_tables_hide() -> None:
    sizes = {"under_200": 20, "200_399": 20, "400_plus": 3}
    spread = quartile_table(
        _quartiles(sizes), sizes, name="cost_change_by_class", groups=CLASSES, lang="en", min_cell=5
    )
    hidden_in_rates = {g for (g, _), cell in zip(CLASSES, _rates(sizes)[0][1:-1], strict=True) if cell == SUPPRESSED}
    hidden_in_spread = {g for (g, _), row in zip(CLASSES, spread.rows, strict=False) if row[1] == SUPPRESSED}
    assert hidden_in_rates == hidden_in_spread == {"under_200", "400_plus"}


def _grid(rows: list[list[int]]) -> tuple[dict[tuple[int, int], int], list[list[tuple[int, int]]]]:
    """A grid's figures with each row's total in a last column, and its rows as lines (their totals known)."""
    width = len(rows[0])
    values = {(r, c): v for r, row in enumerate(rows) for c, v in enumerate(row)}
    values.update({(r, width): sum(row) for r, row in enumerate(rows)})
    return values, [[(r, c) for c in range(width + 1)] for r in range(len(rows))]


def test_the_band_grid_gives_away_no_small_cell() -> None:
    sizes, _, counts = _frame({"under_200": 20, "200_399": 20, "400_plus": 3})
    bands = [(0, "0"), (10, "10"), (20, "20")]
    table = band_table(
        counts, sizes, name="cost_change_bands", bands=bands, band_header="band", groups=CLASSES, lang="en", min_cell=5
    )
    values, lines = _grid([[counts.get((b, g), 0) for g, _ in CLASSES] for b, _ in bands])
    shown = [list(row[1:]) for row in table.rows]
    hidden = {(r, c) for r, row in enumerate(shown) for c, cell in enumerate(row) if cell == SUPPRESSED}
    # What is published besides each band's total: each class's hospitals with a value unless the class is hidden
    # in the quartile table (under 200 beds with the class of 3, as in the rate tables: their sum is known), and
    # the totals.
    lines += [[(r, c) for r in range(len(bands))] for c in (1, 3)]
    lines.append([(r, c) for r in range(len(bands)) for c in (0, 2)])
    assert exposed_lines(values, lines, hidden, 5) == []
    assert all(row[2] == SUPPRESSED for row in shown)  # the class of 3: its 1s are hidden


def test_a_small_year_of_the_timeline_cannot_be_worked_out_from_the_shares_in_the_cloud() -> None:
    # 30 hospitals of 10 systems: 10 move 20% of their systems in 2027, 2 move half in 2028, 10 move 30% in 2029
    ppm = 1_000_000
    moves = {2027: (10, 10 * 10 * ppm // 5), 2028: (2, 2 * 10 * ppm // 2), 2029: (10, 10 * 10 * 3 * ppm // 10)}
    table = timeline_table(PlanFigures(30, 300, 0, moves), [2027, 2028, 2029], lang="en", min_cell=5)
    by_year = {row[0]: row for row in table.rows}
    assert by_year["FY2028"][1:] == (SUPPRESSED,) * 4
    # shown, 2029's share moved would give 2028's: in the cloud by 2029, minus 2029's move, minus by 2027
    assert by_year["FY2029 and later"][3] == SUPPRESSED
    assert by_year["FY2027"][4] != SUPPRESSED and by_year["FY2029 and later"][4] != SUPPRESSED
    assert by_year["FY2029 and later"][1] == 10
