"""Read a settings file (`--settings FILE`, merged onto the shipped defaults) and a user's price catalog
(`--prices FILE`). Mistakes raise ConfigError naming the file, the line and the key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from hismigrate.errors import ConfigError, Location
from hismigrate.i18n import t
from hismigrate.load.validate import path_text
from hismigrate.load.yaml_source import _LineFinder, parse_yaml, yaml_problem
from hismigrate.model.prices import PriceCatalog
from hismigrate.model.settings import Settings


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(t("problem.file_not_found", "en"), location=Location(str(path))) from None
    except UnicodeDecodeError as exc:
        raise ConfigError(t("problem.not_utf8", "en", position=exc.start), location=Location(str(path))) from None
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise ConfigError(t("problem.unreadable", "en", detail=detail), location=Location(str(path))) from None
    try:
        return parse_yaml(text)
    except yaml.YAMLError as exc:
        line, key, params = yaml_problem(exc)
        raise ConfigError(t(f"problem.{key}", "en", **params), location=Location(str(path), line=line)) from None


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """`over` onto `base`, mapping by mapping; a list or a value in `over` replaces the one in `base`."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _validate(model: type[BaseModel], data: Any, path: Path, key: str) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        line = _LineFinder().line(path, loc)
        detail = f"{error['msg']} (input: {error.get('input')!r})" if error["type"] != "missing" else error["msg"]
        count = exc.error_count()
        if count > 1:
            detail += f" [+{count - 1} more]"
        raise ConfigError(
            t(f"problem.{key}", "en", detail=detail), location=Location(str(path), line=line, path=path_text(loc))
        ) from None


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
        raise ConfigError(t("problem.settings_not_mapping", "en"), location=Location(str(path), line=1))
    return _validate(Settings, _merge(defaults, data), path, "settings_invalid")


def load_price_catalog(path: Path) -> PriceCatalog:
    """A user's price catalog (same format as the shipped ones), to merge onto a shipped catalog."""
    data = _read(path)
    if not isinstance(data, dict):
        raise ConfigError(t("problem.prices_not_mapping", "en"), location=Location(str(path), line=1))
    return _validate(PriceCatalog, data, path, "prices_invalid")
