"""Read a settings file (`--settings FILE`, merged onto the shipped defaults) and a user's price catalog
(`--prices FILE`) with the inventory's guards: a regular file of bounded size, YAML whose aliases cannot explode,
and every mistake a ConfigError problem naming the file, the line and the key, its value shortened."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from hismigrate.errors import ConfigError, InventoryError, Location, Problem
from hismigrate.load.input_files import MAX_SETTINGS_BYTES, read_text
from hismigrate.load.validate import path_text, problem_from_pydantic
from hismigrate.load.yaml_parse import LineFinder, parse_yaml, yaml_problem
from hismigrate.model.integrity import Loc
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings

MAX_PROBLEMS = 50
"""Problems listed for one file: beyond them the first ones say what is wrong well enough."""


def _read(path: Path) -> Any:
    try:
        text = read_text(path, MAX_SETTINGS_BYTES)
    except InventoryError as exc:
        raise ConfigError.from_problems(exc.problems) from None
    try:
        return parse_yaml(text)
    except yaml.YAMLError as exc:
        line, key, params = yaml_problem(exc)
        raise ConfigError.from_problems([Problem(Location(str(path), line=line), key, params)]) from None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` onto `base`, mapping by mapping; a list or a value in `over` replaces the one in `base`."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _validate(model: type[BaseModel], data: Any, path: Path) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        finder = LineFinder()

        def locate(loc: Loc) -> Location:
            return Location(str(path), line=finder.line(path, loc), path=path_text(loc) or None)

        errors = exc.errors(include_url=False)[:MAX_PROBLEMS]
        raise ConfigError.from_problems([problem_from_pydantic(error, locate, model) for error in errors]) from None


def load_settings(path: Path | None) -> Settings:
    """The shipped defaults, with the user's file merged on top when given."""
    from hismigrate.data import load_data

    defaults = {"cost": load_data("cost_defaults.yaml")}
    if path is None:
        return Settings.model_validate(defaults)
    data = _read(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError.from_problems([Problem(Location(str(path), line=1), "settings_not_mapping")])
    return _validate(Settings, _merge(defaults, data), path)  # type: ignore[no-any-return]


def load_price_catalog(path: Path) -> PriceCatalog:
    """A user's price catalog (same format as the shipped ones), to merge onto a shipped catalog."""
    data = _read(path)
    if not isinstance(data, dict):
        raise ConfigError.from_problems([Problem(Location(str(path), line=1), "prices_not_mapping")])
    return _validate(PriceCatalog, data, path)  # type: ignore[no-any-return]
