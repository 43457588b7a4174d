"""Which figures of a survey table to hide so that no figure about fewer than `min_cell` hospitals can be read or
worked out.

Hiding the small figures (primary suppression) is not enough where totals are published: a group of 3 hidden
next to groups of 20 and 20 and a total of 43 is 43 - 20 - 20 = 3. So figures are hidden in addition
(complementary suppression) until, in every line of figures whose sum is known (a table's groups and their total,
a band's groups and its total, a group's bands and its total), the hidden figures above zero are none, or at least
two that together describe at least `min_cell` hospitals. Each addition is the smallest figure above zero of the
line (ties: the first in the line), which hides the least.

The rule is checked line by line, repeated until nothing changes. This is the usual heuristic: it does not solve
the general problem of lines that interlock (several hidden figures pinned down by a system of lines), which takes
linear programming; the survey's tables are small and their lines few. Figures equal to zero are shown as hidden
too (`shown`) but count for nothing here: they describe no hospital. The timeline's shares in the cloud are a
running sum and are handled where that table is made (survey.tables_plans).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def small(values: Mapping[K, int], min_cell: int) -> set[K]:
    """The figures about at least one and fewer than `min_cell` hospitals."""
    return {key for key, value in values.items() if 0 < value < min_cell}


def protected(values: Mapping[K, int], lines: Sequence[Sequence[K]], min_cell: int, hidden: Iterable[K] = ()) -> set[K]:
    """The figures to hide: the small ones, `hidden` (already hidden elsewhere), and enough others that in each of
    `lines` (figures whose sum is known) the hidden ones above zero are none, or two or more adding up to at least
    `min_cell`. A line where that cannot be reached (every figure above zero already hidden) is left as it is."""
    out = small(values, min_cell) | set(hidden)
    changed = True
    while changed:
        changed = False
        for line in lines:
            above = [values[key] for key in line if key in out and values[key] > 0]
            if not above or (len(above) >= 2 and sum(above) >= min_cell):
                continue
            candidates = [(values[key], position) for position, key in enumerate(line) if key not in out]
            candidates = [c for c in candidates if c[0] > 0]
            if candidates:
                out.add(line[min(candidates)[1]])
                changed = True
    return out


def hidden_groups(sizes: Mapping[str, int], min_cell: int) -> set[str]:
    """The groups of a grouping (bed-size class, type, region) whose figures are hidden in every table of it: those
    of fewer than `min_cell` hospitals, and enough others that the total minus the groups shown gives no such
    figure."""
    return protected(sizes, [list(sizes)], min_cell)


def exposed_lines(values: Mapping[K, int], lines: Sequence[Sequence[K]], hidden: set[K], min_cell: int) -> list[int]:
    """The lines (their indices) from which a hidden figure, or a sum of hidden figures describing fewer than
    `min_cell` hospitals, could be worked out: for tests and for checking a table after the fact."""
    found = []
    for index, line in enumerate(lines):
        above = [values[key] for key in line if key in hidden and values[key] > 0]
        if above and (len(above) == 1 or sum(above) < min_cell):
            found.append(index)
    return found
