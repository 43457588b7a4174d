"""Loaders: each turns files of one format into an Inventory or raises InventoryError with file and place."""

from __future__ import annotations

from pathlib import Path

from hismigrate.errors import InventoryError, Location
from hismigrate.model.inventory import Inventory

EXCEL_SUFFIXES = (".xlsx", ".xlsm")


def load_inventory(paths: list[Path] | Path, jobs: int | None = None, apart: bool = False) -> Inventory:
    """Load an inventory from YAML files, a directory of them, or an Excel workbook; a large estate's YAML files are
    parsed on several cores (`jobs`, default: see `parallel.jobs_for`), and with `apart` (for a command that forks
    workers afterwards, as assess does) loaded in a worker apart (see load.yaml_source.load_yaml)."""
    items = [paths] if isinstance(paths, Path) else list(paths)
    if not items:
        raise InventoryError.single(Location("."), "no_input")
    excel = [p for p in items if p.suffix.lower() in EXCEL_SUFFIXES]
    if excel and len(items) > 1:
        raise InventoryError.single(Location(str(excel[0])), "excel_alone")
    if excel:
        from hismigrate.load.excel_source import load_excel

        return load_excel(excel[0])
    from hismigrate.load.yaml_source import load_yaml

    return load_yaml(items, jobs, apart)
