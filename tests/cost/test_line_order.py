"""Cost lines come out in the order of their (scenario, category, subject, cash) keys, however they are sorted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hismigrate.cost.cashflow import _sorted_keys

text = st.text(alphabet=st.sampled_from(["a", "b", "-", ".", "\0", "é", " "]), max_size=4)
keys = st.tuples(st.sampled_from(["baseline", "plan"]), text, text, st.booleans())


@given(st.dictionaries(keys, st.just([0.0]), max_size=40))
def test_same_order_as_tuples(rows: dict[tuple[str, str, str, bool], list[float]]) -> None:
    assert _sorted_keys(rows) == sorted(rows)


def test_prefixes_and_cash() -> None:
    rows = {
        k: [0.0] for k in [("plan", "power", "ab", True), ("plan", "power", "a", True), ("plan", "power", "a", False)]
    }
    assert _sorted_keys(rows) == [
        ("plan", "power", "a", False),
        ("plan", "power", "a", True),
        ("plan", "power", "ab", True),
    ]
