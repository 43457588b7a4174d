"""Read an inventory from one YAML file or a directory of YAML files that are merged.

Parsing reads the C parser's events straight into plain values (load.yaml_lean: the C safe loader's result,
without its node tree; no line marks). Only when something is wrong are the files re-read with the composer,
which keeps line marks, to point at the line of each offending value.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from hismigrate.errors import InventoryError, Location, Problem
from hismigrate.load.input_files import inventory_files, read_text
from hismigrate.load.validate import path_text, to_inventory
from hismigrate.load.yaml_parse import LineFinder, parse_yaml, yaml_problem
from hismigrate.load.yaml_split import split_items
from hismigrate.model.integrity import Loc
from hismigrate.model.inventory import INVENTORY_PARTS, Inventory

YAML_SUFFIXES = (".yaml", ".yml")
_LIST_PARTS = ("segments", "servers", "systems", "connections", "flows")
_SINGLE_PARTS = ("hospital", "practices")


@dataclass
class _Merged:
    """The merged document and, for every item, the file and the path it came from."""

    data: dict[str, Any] = field(default_factory=dict)
    # part -> (first merged index, file) for each file's run of items, in order: one entry per file, not per item
    origins: dict[str, list[tuple[int, Path]]] = field(default_factory=dict)
    single_origin: dict[str, Path] = field(default_factory=dict)

    def origin(self, part: str, index: int) -> tuple[Path, int] | None:
        """The file and the index in it of item `index` of the merged list `part`."""
        runs = self.origins.get(part)
        items = self.data.get(part)
        if not runs or not isinstance(items, list) or not 0 <= index < len(items):
            return None
        start, path = runs[bisect_right(runs, index, key=lambda run: run[0]) - 1]
        return path, index - start


def yaml_files(paths: list[Path]) -> list[Path]:
    """The YAML files named, with directories expanded to their YAML files (sorted, recursive). A link is followed
    only to a regular file; one that leads nowhere, or to a folder, is an error (see load.input_files)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            found = inventory_files(path, YAML_SUFFIXES)
            if not found:
                raise InventoryError.single(Location(str(path)), "empty_directory")
            files.extend(found)
        elif path.is_dir():  # a link to a folder named on the command line: the user chose it
            files.extend(yaml_files([path.resolve()]))
        else:
            files.append(path)  # read_bytes says what is wrong with it, if anything
    return files


def _parse(path: Path, text: str) -> Any:
    try:
        return parse_yaml(text)
    except yaml.YAMLError as exc:
        line, key, params = yaml_problem(exc)
        raise InventoryError.single(Location(str(path), line=line), key, **params) from None


def _merge(files: list[Path], documents: list[Any], finder: LineFinder) -> tuple[_Merged, list[Problem]]:
    merged = _Merged()
    problems: list[Problem] = []
    for path, doc in zip(files, documents, strict=True):
        if doc is None:
            continue
        if not isinstance(doc, dict):
            problems.append(Problem(Location(str(path), line=1), "not_inventory_mapping"))
            continue
        for key, value in doc.items():
            if key not in INVENTORY_PARTS:  # kept so that validation reports it, with a suggestion and the line
                merged.data.setdefault(key, value)
                merged.single_origin.setdefault(key, path)
                continue
            if key in _SINGLE_PARTS:
                if key in merged.data:
                    problems.append(
                        Problem(
                            Location(str(path), line=finder.line(path, (key,)), path=key),
                            "part_twice",
                            {"part": key, "other": str(merged.single_origin[key])},
                        )
                    )
                    continue
                merged.data[key] = value
                merged.single_origin[key] = path
            elif isinstance(value, list):
                target = merged.data.setdefault(key, [])
                if value:
                    merged.origins.setdefault(key, []).append((len(target), path))
                    target.extend(value)
            else:
                merged.data[key] = value  # not a list: validation reports it at this file
                merged.single_origin[key] = path
    return merged, problems


def _read_and_parse(path: Path) -> Any:
    """A file's document, or the InventoryError that says why it cannot be read (returned, to be raised in order)."""
    try:
        return _parse(path, read_text(path))
    except InventoryError as error:
        return error


def _cores(files: list[Path], jobs: int | None) -> int:
    """The cores the files are parsed on (parallel.jobs_for, from their size)."""
    from hismigrate.parallel import jobs_for

    return jobs_for("parse", sum(path.stat().st_size if path.is_file() else 0 for path in files), jobs)


def _documents(files: list[Path], cores: int) -> list[Any]:
    """Every file's document, in the order of `files`; a large estate's files are parsed on several cores. The
    first file (in order) that cannot be read is reported, as when reading one after the other."""
    documents = [_read_and_parse(path) for path in files] if cores == 1 else _parsed_on_cores(files, cores)
    for document in documents:
        if isinstance(document, InventoryError):
            raise document
    return documents


def _parsed_on_cores(files: list[Path], jobs: int) -> list[Any]:
    """`_documents` on `jobs` cores (parallel.map_shares). A large file is cut into runs of whole items
    (load.yaml_split) so that the cores' shares can be about equal; when any run fails to parse, its file is parsed
    whole, here, for the error (and line) the whole file gives."""
    from hismigrate.parallel import map_shares

    texts: list[str | InventoryError] = []
    for path in files:
        try:
            texts.append(read_text(path))
        except InventoryError as error:
            texts.append(error)
    total = sum(len(text) for text in texts if isinstance(text, str))
    # Pieces of at most half a share: enough of them for the shares to come out about equal.
    most = max(1, total // (2 * jobs))
    pieces: list[tuple[int, str]] = []
    cut: set[int] = set()
    for k, text in enumerate(texts):
        if not isinstance(text, str):
            continue
        runs = split_items(text, _LIST_PARTS, -(-len(text) // most)) if len(text) > most else None
        if runs is not None:
            cut.add(k)
        pieces += [(k, run) for run in runs or (text,)]
    parsed = map_shares(
        [partial(_parse_piece, files[k], text) for k, text in pieces], [len(t) for _, t in pieces], jobs
    )

    documents: list[Any] = list(texts)  # the errors stay where they are
    runs_of: dict[int, list[Any]] = {}
    for (k, _text), document in zip(pieces, parsed, strict=True):
        if k in cut:
            runs_of.setdefault(k, []).append(document)
        else:
            documents[k] = document
    for k, runs in runs_of.items():
        documents[k] = _joined(runs)
        if documents[k] is None:
            documents[k] = _read_and_parse(files[k])
    return documents


def _parse_piece(path: Path, text: str) -> Any:
    try:
        return _parse(path, text)
    except InventoryError as error:
        return error


def _joined(runs: list[Any]) -> dict[str, list[Any]] | None:
    """The document of a file from the documents of its runs of items (each `{key: [items]}`, the same key); None
    when any run is not that (a run failed: the whole file is parsed instead)."""
    if not all(isinstance(run, dict) and len(run) == 1 and isinstance(next(iter(run.values())), list) for run in runs):
        return None
    keys = {next(iter(run)) for run in runs}
    if len(keys) != 1:
        return None
    key = keys.pop()
    items: list[Any] = []
    for run in runs:
        items.extend(run[key])
    return {key: items}


def load_yaml(paths: list[Path], jobs: int | None = None, apart: bool = False) -> Inventory:
    """Load, merge and validate YAML inventory files; raise InventoryError with every problem. A large estate's
    files are parsed on several cores; with `apart` (a command that forks workers afterwards) the whole load runs
    apart (parallel.made_apart): the inventory arrives without the holes its parse leaves in the heap (more than
    the inventory itself at 60,000 servers), which every worker would inherit."""
    files = yaml_files(paths)
    cores = _cores(files, jobs)
    if apart and cores > 1:
        from hismigrate.parallel import made_apart

        return made_apart(partial(_load_yaml, paths, files, cores))
    return _load_yaml(paths, files, cores)


def _load_yaml(paths: list[Path], files: list[Path], cores: int) -> Inventory:
    documents = _documents(files, cores)
    finder = LineFinder()
    merged, problems = _merge(files, documents, finder)
    display = {path: str(path) for path in files}

    def locate(loc: Loc) -> Location:
        origin = merged.origin(str(loc[0]), loc[1]) if len(loc) >= 2 and isinstance(loc[1], int) else None
        if origin is not None:
            path, index = origin
            inner: Loc = (loc[0], index, *loc[2:])
        else:
            path = merged.single_origin.get(str(loc[0])) if loc else None
            path = path or _home(files, str(loc[0]) if loc else "")
            inner = loc
            if path is None:  # no file gives it: the folder named is where it is missing
                return Location(str(paths[0]), path=path_text(inner))
        if path in empty:  # a part missing because its file is empty (hospital.yaml with nothing in it)
            return Location(display[path], path=path_text(inner))
        return Location(display[path], line=finder.line(path, inner), path=path_text(inner))

    empty = {path for path, document in zip(files, documents, strict=True) if document is None}
    try:
        inventory = to_inventory(merged.data, locate)
    except InventoryError as exc:
        found = [_in_empty_file(problem, empty, display) for problem in exc.problems]
        raise InventoryError(problems + found) from None
    if problems:
        raise InventoryError(problems)
    return inventory


def _home(files: list[Path], part: str) -> Path | None:
    """The file a part that no file gives is blamed on: the one named after it (hospital.yaml), else the only file;
    None when several files are given and none is named after it."""
    named = next((path for path in files if path.stem.lower() == part), None)
    return named or (files[0] if len(files) == 1 else None)


def _in_empty_file(problem: Problem, empty: set[Path], display: dict[Path, str]) -> Problem:
    """A missing part blamed on an empty file says that the file is empty."""
    if problem.key == "missing" and problem.location.file in {display[path] for path in empty}:
        return Problem(problem.location, "missing_in_empty_file", problem.params)
    return problem
