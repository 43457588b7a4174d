"""Every number of every input is finite and bounded in the model, says its bounds in the schema, is rejected
beyond them with its place, and at its bounds (every one at once, in any mix) still gives an assessment that every
report format can print: `validate` rejects what `assess` cannot compute."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from hismigrate.errors import ConfigError, InventoryError
from hismigrate.load import load_inventory
from hismigrate.load.settings_source import load_price_catalog, load_settings
from hismigrate.model.fields import figure, range_note
from hismigrate.model.inventory import Inventory
from hismigrate.model.prices import MAX_JPY_PER_UNIT, USD_SHARE, PriceCatalog, merge_catalogs, shipped_catalog
from hismigrate.model.settings import Settings
from hismigrate.pipeline import Inputs, assess
from hismigrate.report.writers import as_bytes, render
from tests.conftest import SMALL_HOSPITAL
from tests.load.bounds import Bounded, bounded_values, with_values

MODELS: list[type[BaseModel]] = [Inventory, Settings, PriceCatalog]
NUMBERS = {model.__name__: [b for b in bounded_values(model) if b.kind is not date] for model in MODELS}
DATES = {model.__name__: [b for b in bounded_values(model) if b.kind is date] for model in MODELS}
INVENTORY_NUMBERS = NUMBERS["Inventory"]


def _all_numbers() -> list[tuple[str, Bounded]]:
    return [(name, b) for name, found in NUMBERS.items() for b in found]


@pytest.mark.parametrize(("model", "field"), _all_numbers(), ids=lambda v: getattr(v, "name", v))
def test_every_number_is_finite_bounded_and_says_its_bounds(model: str, field: Bounded) -> None:
    if (model, field.name) == ("PriceCatalog", "items.[].price"):  # bounded by its unit, by a validator
        assert all(f"{unit} {limit:,}" in field.description for unit, limit in MAX_JPY_PER_UNIT.items())
        return
    assert field.low is not None and field.high is not None, f"{model}.{field.name} has no lower or upper bound"
    assert field.finite or field.kind is int, f"{model}.{field.name} accepts inf and nan"
    assert math.isfinite(field.low) and math.isfinite(field.high)
    # the range is in the description, so that `hismigrate schema` (and an editor) says it
    if "{}" in field.path:  # a mapping's values: the mapping's description gives the range of each
        assert f"{figure(field.low)} to {figure(field.high)}" in field.description, field.description
    else:
        note = range_note(
            ge=None if field.low_open else field.low,
            gt=field.low if field.low_open else None,
            le=None if field.high_open else field.high,
            lt=field.high if field.high_open else None,
        )
        plain = f"From {field.low} to {field.high}."  # years are written without a thousands separator
        assert field.description.endswith(note) or field.description.endswith(plain), field.description


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_date_is_bounded(model: type[BaseModel]) -> None:
    for field in DATES[model.__name__]:
        assert (field.low, field.high) == (date(1900, 1, 1), date(2199, 12, 31)), field.name


def test_the_schema_shows_the_bounds() -> None:
    schema = Inventory.model_json_schema(by_alias=True)["$defs"]
    memory = schema["Server"]["properties"]["memory_gb"]
    assert memory["anyOf"][0]["maximum"] == 65536 and "From 0 to 65,536." in memory["description"]
    day = schema["Server"]["properties"]["purchase_date"]["anyOf"][0]
    assert (day["formatMinimum"], day["formatMaximum"]) == ("1900-01-01", "2199-12-31")


# --- validate rejects, with the file, line and key --------------------------------------------------------------


def _small_plain() -> dict[str, Any]:
    """The small hospital as one plain document, every part present (flows and connections included)."""
    data = load_inventory(SMALL_HOSPITAL).model_dump(by_alias=True, mode="json", exclude_none=True)
    return data


def _problems(tmp_path: Path, data: dict[str, Any]) -> list[tuple[int | None, str, str]]:
    path = tmp_path / "inventory.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InventoryError) as caught:
        load_inventory(path)
    return [(p.location.line, p.location.path or "", p.key) for p in caught.value.problems]


@pytest.mark.parametrize("field", INVENTORY_NUMBERS, ids=lambda b: b.name)
def test_validate_rejects_infinite_and_beyond_the_bound_with_its_line(tmp_path: Path, field: Bounded) -> None:
    data = _small_plain()
    for value, key in ((float("inf"), "not_finite"), (float("nan"), "not_finite"), (field.high * 10 + 1, "too_large")):
        found = _problems(tmp_path, with_values(data, [field], lambda _b, v=value: v))
        assert found, field.name
        for line, where, problem in found:
            assert problem == key, (field.name, value, found)
            assert line is not None and where.endswith(field.path[-1]), found
    found = _problems(tmp_path, with_values(data, [field], lambda b: b.low - 1))
    assert {problem for _, _, problem in found} == {"too_small"}


def test_the_message_names_the_bound(tmp_path: Path) -> None:
    data = _small_plain()
    data["servers"][0]["memory_gb"] = 1e300
    path = tmp_path / "inventory.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InventoryError) as caught:
        load_inventory(path)
    (problem,) = caught.value.problems
    assert problem.render("en").endswith("servers[0].memory_gb: 1e+300 is above the maximum 65,536")
    assert "65,536" in problem.render("ja")


@pytest.mark.parametrize(
    ("text", "where", "key"),
    [
        ("cost:\n  jpy_per_usd: {2025: .nan}\n", "cost.jpy_per_usd[2025]", "not_finite"),
        ("cost:\n  jpy_per_usd: {2025: .inf}\n", "cost.jpy_per_usd[2025]", "not_finite"),
        ("cost:\n  staff: {jpy_per_fte_year: 1e300}\n", "cost.staff.jpy_per_fte_year", "too_large"),
        ("cost:\n  maintenance: {software_share: 1e-300}\n", "cost.maintenance.software_share", "too_small"),
        ("plan:\n  lead_months: 100000000\n", "plan.lead_months", "too_large"),
        (
            "cost:\n  revision: {jpy_by_customisation: {high: 1e300}}\n",
            "cost.revision.jpy_by_customisation.high",
            "too_large",
        ),
        ("cost:\n  as_of: 0001-01-01\n", "cost.as_of", "too_small"),
    ],
)
def test_settings_beyond_their_bounds_are_located(tmp_path: Path, text: str, where: str, key: str) -> None:
    path = tmp_path / "settings.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    (problem,) = caught.value.problems
    assert (problem.location.file, problem.location.path, problem.key) == (str(path), where, key)
    assert problem.location.line == text.count("\n")


def test_prices_beyond_their_bounds_are_located(tmp_path: Path) -> None:
    path = tmp_path / "prices.yaml"
    path.write_text(
        "id: mine\nprovider: user\nas_of: 2026-08-01\nitems:\n"
        "  - {id: a, kind: line, unit: month, price: .inf, currency: JPY, source: quote}\n"
        "  - {id: b, kind: compute, unit: hour, price: 1, currency: USD, vcpu: 2, memory_gb: 1e-300, source: q}\n",
        encoding="utf-8",
    )
    with pytest.raises(ConfigError) as caught:
        load_price_catalog(path)
    assert [(p.location.line, p.location.path, p.key) for p in caught.value.problems] == [
        (5, "items[0].price", "not_finite"),
        (6, "items[1].memory_gb", "too_small"),
    ]


# --- assess computes at the bounds, and every format prints it ----------------------------------------------------

AS_OF = date(2026, 9, 1)


def _settings_data() -> dict[str, Any]:
    from hismigrate.data import load_data

    return {"cost": load_data("cost_defaults.yaml"), "plan": {}}


def _value(field: Bounded, side: str) -> Any:
    low = field.low if not field.low_open else (field.low + 1 if field.kind is int else field.low + 1e-9)
    high = field.high if not field.high_open else field.high * (1 - 1e-9)
    value = {"low": low, "high": high}[side]
    if field.kind is date:
        return value.isoformat()
    return int(value) if field.kind is int else float(value)


def _catalog_at_bounds(shipped: PriceCatalog, sides: dict[str, str]) -> PriceCatalog:
    """The shipped catalog with a user's catalog merged on top that prices every item at its bound (and buys the
    most of it): the highest prices a run can be given."""
    if sides.get("items.[].price", "high") == "low":
        return shipped
    items = []
    for item in shipped.items:
        limit = MAX_JPY_PER_UNIT[item.unit] // (USD_SHARE if item.currency == "USD" else 1)
        items.append({**item.model_dump(mode="json", exclude_none=True), "price": limit, "quantity": 1000})
    user = PriceCatalog.model_validate({"id": "bounds", "provider": "user", "as_of": "2026-08-01", "items": items})
    return merge_catalogs(shipped, user)


def _assess_everywhere(inventory_side: dict[str, str], settings_side: dict[str, str], as_of: date) -> None:
    inventory_data = with_values(
        _small_plain(),
        NUMBERS["Inventory"] + DATES["Inventory"],
        lambda b: _value(b, inventory_side.get(b.name, "high")),
    )
    inventory = Inventory.model_validate(inventory_data)
    settings_data = with_values(
        _settings_data(),
        NUMBERS["Settings"] + DATES["Settings"],
        lambda b: _value(b, settings_side.get(b.name, "high")),
    )
    settings_data["plan"].pop("start", None)  # a start before as_of is the planner's own error, not a bound
    run_settings = Settings.model_validate(settings_data)
    catalog = _catalog_at_bounds(shipped_catalog(run_settings.cost.provider), settings_side)
    result = assess(inventory, Inputs(as_of=as_of, settings=run_settings, catalog=catalog, jobs=1))
    outputs = dict(render(result, inventory, "ja", ["html", "md", "xlsx", "json"]))
    document = json.loads(
        as_bytes(outputs["assessment.json"]), parse_constant=lambda c: pytest.fail(f"{c} in the JSON")
    )
    assert document["summary"]
    for name in ("report.html", "report.md", "report.xlsx"):
        assert as_bytes(outputs[name])


@pytest.mark.filterwarnings("error")  # numpy's overflow warnings are wrong figures, not noise
@pytest.mark.parametrize("side", ["high", "low"])
def test_assess_computes_with_every_number_at_its_bound(side: str) -> None:
    sides = {b.name: side for b in NUMBERS["Inventory"] + DATES["Inventory"]}
    setting_sides = {b.name: side for b in NUMBERS["Settings"] + DATES["Settings"]}
    _assess_everywhere(sides, setting_sides, AS_OF)


@pytest.mark.parametrize("as_of", [date(1900, 1, 1), date(2199, 12, 31)])
def test_assess_computes_at_the_first_and_last_day(as_of: date) -> None:
    _assess_everywhere({}, {}, as_of)


_FIELDS = [b.name for b in NUMBERS["Inventory"] + DATES["Inventory"]]
_SETTINGS = [b.name for b in NUMBERS["Settings"] + DATES["Settings"]]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    inventory_side=st.fixed_dictionaries({name: st.sampled_from(["low", "high"]) for name in _FIELDS}),
    settings_side=st.fixed_dictionaries({name: st.sampled_from(["low", "high"]) for name in _SETTINGS}),
    as_of=st.dates(min_value=date(1990, 1, 1), max_value=date(2150, 12, 31)),
)
def test_assess_computes_with_any_mix_of_bounds(
    inventory_side: dict[str, str], settings_side: dict[str, str], as_of: date
) -> None:
    _assess_everywhere(inventory_side, settings_side, as_of)
