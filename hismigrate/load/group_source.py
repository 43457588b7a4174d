"""Read a group file (YAML, or a workbook with a group sheet and a members sheet) and its members' inventories.

Every mistake is a Problem at its place: the group file's line (or sheet, row and column) for the group's own
fields and for a member that cannot be found, the member's own file and line for a mistake in its inventory. All
problems of every member are gathered before anything is reported, so that one run lists them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.load import EXCEL_SUFFIXES, load_inventory
from hismigrate.load.input_files import MAX_SETTINGS_BYTES, read_text
from hismigrate.load.inputs import Inputs, load_inputs
from hismigrate.load.validate import path_text, problem_from_pydantic
from hismigrate.load.yaml_parse import LineFinder, parse_yaml, yaml_problem
from hismigrate.model.enums import AllocationKey
from hismigrate.model.group import GroupSpec, shared_users
from hismigrate.model.integrity import Loc
from hismigrate.model.inventory import Inventory

# Shares of an agreed split may be rounded in the file: this far from 1 they still add up.
SHARES_TOLERANCE = 0.005


@dataclass(frozen=True)
class GroupSource:
    """A group file read and checked: the spec, and for each member its inventory's path and where the group file
    names it."""

    path: Path
    spec: GroupSpec
    member_paths: tuple[Path, ...]
    member_places: tuple[Location, ...]
    allocation_place: Location
    prices_path: Path | None = None


def load_group(path: Path) -> GroupSource:
    """The group file at `path`; raise InventoryError with every problem of the group file itself."""
    if path.suffix.lower() in EXCEL_SUFFIXES:
        from hismigrate.load.group_excel import read_group_workbook

        data, locate = read_group_workbook(path)
    else:
        data, locate = _read_yaml(path)
    problems: list[Problem] = []
    spec: GroupSpec | None = None
    if not isinstance(data, dict):
        raise InventoryError.single(Location(str(path), line=1), "group_not_mapping")
    try:
        spec = GroupSpec.model_validate(data)
    except ValidationError as exc:
        problems += [problem_from_pydantic(e, locate, GroupSpec) for e in exc.errors(include_url=False)]
    if spec is None:
        raise InventoryError(problems)
    places = tuple(locate(("members", k, "path")) for k in range(len(spec.members)))
    paths = tuple((path.parent / member.path) for member in spec.members)
    seen: dict[Path, int] = {}
    for k, (member_path, place) in enumerate(zip(paths, places, strict=True)):
        if not member_path.exists():
            problems.append(Problem(place, "group_member_not_found", {"path": spec.members[k].path}))
            continue
        first = seen.setdefault(member_path.resolve(), k)
        if first != k:
            problems.append(Problem(place, "group_member_twice", {"path": spec.members[k].path}))
    prices_path = None
    if spec.shared.prices is not None:
        prices_path = path.parent / spec.shared.prices
        if not prices_path.is_file():
            where = locate(("shared", "prices"))
            problems.append(Problem(where, "group_prices_not_found", {"path": spec.shared.prices}))
    allocation = locate(("shared", "allocation"))
    if spec.shared.allocation == AllocationKey.shares:
        missing = [m.path for m in spec.members if m.share is None]
        total = sum(m.share or 0.0 for m in spec.members)
        if missing:
            problems.append(Problem(allocation, "group_shares_missing", {"members": ", ".join(missing)}))
        elif abs(total - 1.0) > SHARES_TOLERANCE:
            problems.append(Problem(allocation, "group_shares_sum", {"total": f"{total:g}"}))
    if problems:
        raise InventoryError(problems)
    return GroupSource(path, spec, paths, places, allocation, prices_path)


def _read_yaml(path: Path) -> tuple[Any, Callable[[Loc], Location]]:
    text = read_text(path, MAX_SETTINGS_BYTES)  # a group file is as small as a settings file
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        line, key, params = yaml_problem(exc)
        raise InventoryError.single(Location(str(path), line=line), key, **params) from None
    finder = LineFinder()

    def locate(loc: Loc) -> Location:
        return Location(str(path), line=finder.line(path, loc), path=path_text(loc))

    return data, locate


def load_members(source: GroupSource) -> list[Inventory]:
    """Every member's inventory, in the group file's order; raise InventoryError with the problems of every member
    at once (each at its own file and line) and those of the group as a whole. One after the other: a member is a
    hospital's worth of YAML, which a worker would parse in less time than it takes to send the inventory back."""
    problems: list[Problem] = []
    inventories: list[Inventory] = []
    for path in source.member_paths:
        try:
            inventories.append(load_inventory(path, jobs=1))
        except InventoryError as error:
            problems += error.problems
    if problems:
        raise InventoryError(problems)
    problems += member_problems(source, inventories)
    if problems:
        raise InventoryError(problems)
    return inventories


def member_problems(source: GroupSource, inventories: list[Inventory]) -> list[Problem]:
    """What is wrong with the members together: two with one hospital id, a member without users when the key
    is users."""
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for k, inventory in enumerate(inventories):
        ident = inventory.hospital.id
        other = first.setdefault(ident, k)
        if other != k:
            problems.append(
                Problem(
                    source.member_places[k],
                    "group_hospital_twice",
                    {"hospital": ident, "other": source.spec.members[other].path},
                )
            )
    if source.spec.shared.allocation == AllocationKey.users:
        categories = set(source.spec.shared.categories)
        for k, (member, inventory) in enumerate(zip(source.spec.members, inventories, strict=True)):
            if member.users is None and shared_users(inventory, categories) is None:
                problems.append(
                    Problem(source.member_places[k], "group_users_missing", {"hospital": inventory.hospital.name})
                )
    return problems


def group_inputs(
    source: GroupSource, as_of: date, settings: Path | None, prices: Path | None, kev: Path | None
) -> Inputs:
    """What a group run reads besides the inventories: the shipped defaults and catalog, the group's quotes merged
    over the catalog, and the user's own catalog (`--prices`) over both."""
    from hismigrate.load.settings_source import load_price_catalog
    from hismigrate.model.prices import merge_catalogs

    inputs = load_inputs(as_of, settings, None, kev)
    catalog = inputs.catalog
    if source.prices_path is not None:
        catalog = merge_catalogs(catalog, load_price_catalog(source.prices_path))
    if prices is not None:
        catalog = merge_catalogs(catalog, load_price_catalog(prices))
    return replace(inputs, catalog=catalog, prices_file=prices or source.prices_path)


__all__ = ["GroupSource", "group_inputs", "load_group", "load_members", "member_problems"]
