"""Turn plain data into an Inventory, or raise InventoryError listing every problem with its place.

Shared by every loader: each supplies a `locate` function that maps a path inside the data (e.g.
`("servers", 7, "segment")`) to a Location in its own file format (a YAML line, an Excel cell).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ValidationError

from hismigrate.errors import InventoryError, Location, Problem, shown_value
from hismigrate.model.fields import figure
from hismigrate.model.integrity import Loc, reference_problems, suggestion
from hismigrate.model.inventory import Inventory

Locator = Callable[[Loc], Location]

_KEYS_BY_TYPE = {
    "missing": "missing",
    "extra_forbidden": "unknown_key",
    "enum": "enum",
    "int_parsing": "not_integer",
    "int_from_float": "not_integer",
    "int_type": "not_integer",
    "float_parsing": "not_number",
    "float_type": "not_number",
    "finite_number": "not_finite",
    "int_parsing_size": "not_integer",
    "date_parsing": "not_date",
    "date_from_datetime_parsing": "not_date",
    "date_from_datetime_inexact": "not_date",
    "date_type": "not_date",
    "bool_parsing": "not_flag",
    "bool_type": "not_flag",
    "greater_than_equal": "too_small",
    "greater_than": "too_small",
    "less_than_equal": "too_large",
    "less_than": "too_large",
    "string_pattern_mismatch": "bad_id",
    "string_too_short": "empty",
    "string_too_long": "too_long",
    "list_type": "not_list",
    "model_type": "not_mapping",
    "model_attributes_type": "not_mapping",
    "dict_type": "not_mapping",
    "string_type": "not_text",
}


def path_text(loc: Loc) -> str:
    """`("servers", 7, "segment")` -> `servers[7].segment`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _model_at(loc: Loc, root: type[BaseModel]) -> type[BaseModel] | None:
    """The model class whose field the last element of `loc` names (for suggesting a mistyped key)."""
    model: type[BaseModel] | None = root
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        candidates = [annotation, *args]
        model = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
    return model


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def problem_from_pydantic(error: Any, locate: Locator, root: type[BaseModel] = Inventory) -> Problem:
    """One pydantic error as a Problem at its place; `root` is the model validated (to suggest a mistyped key). The
    value is shown shortened: a message never carries a whole expanded document."""
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    key = _KEYS_BY_TYPE.get(kind, "invalid")
    ctx = error.get("ctx") or {}
    params: dict[str, Any] = {"value": shown_value(error.get("input")), "detail": shown_value(error.get("msg", ""))}
    if key == "unknown_key":
        model = _model_at(loc, root)
        near = suggestion(str(loc[-1]), _field_names(model)) if model else None
        params["name"] = loc[-1]
        if near:
            key, params["suggestion"] = "unknown_key_suggest", near
    elif key == "enum":
        params["expected"] = str(ctx.get("expected", "")).replace("'", "")
    elif key in ("too_small", "too_large"):
        limit = ctx.get("ge", ctx.get("gt", ctx.get("le", ctx.get("lt", ""))))
        params["limit"] = figure(limit) if isinstance(limit, int | float) and not isinstance(limit, bool) else limit
    location = locate(loc)
    return Problem(location, key, params)


def _place_params(params: dict[str, Any], locate: Locator) -> dict[str, Any]:
    """Parameters that name a second place (a Loc tuple) become that place's description."""
    return {k: locate(v).describe() if isinstance(v, tuple) else v for k, v in params.items()}


def to_inventory(data: Any, locate: Locator) -> Inventory:
    """Validate plain data as an Inventory; raise InventoryError with every problem found."""
    problems: list[Problem] = []
    inventory: Inventory | None = None
    try:
        inventory = Inventory.model_validate(data)
    except ValidationError as exc:
        problems.extend(problem_from_pydantic(err, locate) for err in exc.errors(include_url=False))
    if isinstance(data, dict):
        for loc, key, params in reference_problems(data):
            problems.append(Problem(locate(loc), key, _place_params(params, locate)))
    if problems:
        raise InventoryError(problems)
    assert inventory is not None
    return inventory


def check_inventory(inventory: Inventory, source: str = "<inventory>") -> Inventory:
    """Check references of an inventory built in code (importers, generators); raise InventoryError if any fail."""
    data = inventory.model_dump(by_alias=True)
    found = reference_problems(data)
    if found:

        def locate(loc: Loc) -> Location:
            return Location(source, path=path_text(loc))

        raise InventoryError([Problem(locate(loc), key, _place_params(params, locate)) for loc, key, params in found])
    return inventory
