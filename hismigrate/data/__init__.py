"""Shipped reference data (dated YAML files): OS lifecycle, price catalogs, KEV facts, checklist maps."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any


@cache
def load_data(name: str) -> Any:
    """Parse one shipped data file (`name` relative to hismigrate/data, e.g. `os_lifecycle.yaml`)."""
    import yaml

    from hismigrate.yaml_lean import load_lean

    text = resources.files("hismigrate.data").joinpath(name).read_text(encoding="utf-8")
    return load_lean(text, getattr(yaml, "CSafeLoader", yaml.SafeLoader))
