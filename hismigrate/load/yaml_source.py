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
from hismigrate.load.validate import path_text, to_inventory
from hismigrate.load.yaml_split import split_items
from hismigrate.model.integrity import Loc
from hismigrate.model.inventory import INVENTORY_PARTS, Inventory
from hismigrate.yaml_lean import load_lean


class _DuplicateKey(yaml.constructor.ConstructorError):
    """A key given twice in one mapping: PyYAML would keep the last value and silently drop the first."""

    def __init__(self, key: Any, first: yaml.Node, second: yaml.Node) -> None:
        super().__init__(None, None, f"duplicate key {key!r}", second.start_mark)
        self.params = {"name": str(key), "first": str(first.start_mark.line + 1)}


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The C safe loader, except that an impossible date (2024-13-01) stays text for validation to report, and a
    key given twice in a mapping is an error (a second `servers:` or `os:` would otherwise silently replace the
    first). Keys that a merge (`<<`) brings in may be overridden, as YAML means them to be."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, yaml.Node] = {}
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node)
                try:
                    first = seen.setdefault(key, key_node)
                except TypeError:
                    continue  # an unhashable key: PyYAML's own error follows
                if first is not key_node:
                    raise _DuplicateKey(key, first, key_node)
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
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
    """The YAML files named, with directories expanded to their YAML files (sorted, recursive)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in YAML_SUFFIXES and p.is_file())
            if not found:
                raise InventoryError.single(Location(str(path)), "empty_directory")
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise InventoryError.single(Location(str(path)), "file_not_found")
    return files


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InventoryError.single(Location(str(path)), "not_utf8", position=exc.start) from None
    except OSError as exc:
        raise InventoryError.single(Location(str(path)), "unreadable", detail=exc.strerror or str(exc)) from None


# What PyYAML's constructors raise when an explicit tag cannot make its value, naming no line: `!!int "12a"` a
# ValueError, `!!int ""` an IndexError, `!!bool ""` a KeyError, `!!timestamp ""` an AttributeError.
_UNMADE = (ValueError, TypeError, OverflowError, LookupError, AttributeError)


class _UnmadeValue(yaml.constructor.ConstructorError):
    """A value its explicit tag cannot make, at its node."""

    def __init__(self, node: yaml.Node) -> None:
        super().__init__(None, None, f"{node.tag}: {node.value!r}", node.start_mark)
        short = node.tag.replace("tag:yaml.org,2002:", "!!")
        value = node.value if isinstance(node, yaml.ScalarNode) else ""
        self.params = {"tag": short, "value": repr(value)}


class _PlacedLoader(_Loader):
    """Says where a value that cannot be made is: the constructor's error becomes one marked at its node."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except _UNMADE:
            raise _UnmadeValue(node) from None


def parse_yaml(text: str) -> Any:
    """The document of a YAML text; any mistake in it is a yaml.YAMLError, marked with its place where it has one."""
    try:
        return load_lean(text, _Loader)
    except _UNMADE:  # a value its explicit tag cannot make: parsed again to find where
        return yaml.load(text, Loader=_PlacedLoader)  # a safe loader


def yaml_problem(exc: yaml.YAMLError) -> tuple[int | None, str, dict[str, str]]:
    """The line (1-based, when known), the problem key and its parameters of a YAML error."""
    if isinstance(exc, _UnmadeValue):
        return exc.problem_mark.line + 1, "yaml_tag_value", exc.params
    if isinstance(exc, _DuplicateKey):
        return exc.problem_mark.line + 1, "yaml_duplicate_key", exc.params
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return (mark.line + 1 if mark else None), "yaml_syntax", {"detail": detail}
    return None, "yaml_syntax", {"detail": str(exc)}


def _parse(path: Path, text: str) -> Any:
    try:
        return parse_yaml(text)
    except yaml.YAMLError as exc:
        line, key, params = yaml_problem(exc)
        raise InventoryError.single(Location(str(path), line=line), key, **params) from None


class _MarkLoader(_Loader):
    """Composes nodes with their line marks and no tags: the line finder matches keys by their text and never
    looks at a tag, and skipping the resolver takes about a third off composing a large file."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""


class _LineFinder:
    """Finds the line of a path inside a YAML file by composing it (with marks) on first need."""

    def __init__(self) -> None:
        self._nodes: dict[Path, yaml.Node | None] = {}

    def line(self, path: Path, loc: Loc) -> int | None:
        if path not in self._nodes:
            try:
                self._nodes[path] = yaml.compose(_read_text(path), Loader=_MarkLoader)
            except yaml.YAMLError:
                self._nodes[path] = None
        node = self._nodes[path]
        if node is None:
            return None
        line = node.start_mark.line + 1
        for part in loc:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key_node, value_node in node.value:
                    if key_node.value == part:
                        child = value_node
                        line = key_node.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                child = node.value[part]
                line = child.start_mark.line + 1
            if child is None:
                break  # a missing key: the line of the nearest enclosing item
            node = child
        return line


def _merge(files: list[Path], documents: list[Any], finder: _LineFinder) -> tuple[_Merged, list[Problem]]:
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


# From this many bytes of YAML the files are parsed on several cores (below, forking costs more than it saves).
PARALLEL_FROM_BYTES = 4_000_000


def _read_and_parse(path: Path) -> Any:
    """A file's document, or the InventoryError that says why it cannot be read (returned, to be raised in order)."""
    try:
        return _parse(path, _read_text(path))
    except InventoryError as error:
        return error


def _documents(files: list[Path], jobs: int | None = None) -> list[Any]:
    """Every file's document, in the order of `files`; a large estate's files are parsed on `jobs` cores. The first
    file (in order) that cannot be read is reported, as when reading one after the other."""
    from hismigrate.parallel import can_fork, jobs_or_default

    sizes = [path.stat().st_size if path.is_file() else 0 for path in files]
    jobs = jobs_or_default(jobs)
    if sum(sizes) < PARALLEL_FROM_BYTES or jobs <= 1 or not can_fork():
        documents = [_read_and_parse(path) for path in files]
    else:
        documents = _parsed_on_cores(files, jobs)
    for document in documents:
        if isinstance(document, InventoryError):
            raise document
    return documents


def _parsed_on_cores(files: list[Path], jobs: int) -> list[Any]:
    """`_documents` on `jobs` cores: this process and `jobs - 1` forked workers, each parsing a share of about equal
    size. A large file is cut into runs of whole items (load.yaml_split) so that the shares can be equal; when any
    run fails to parse, its file is parsed whole, here, for the error (and line) the whole file gives."""
    from hismigrate.parallel import Background

    texts: list[str | InventoryError] = []
    for path in files:
        try:
            texts.append(_read_text(path))
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
    # The longest first, each to the share with the least so far.
    shares: list[list[int]] = [[] for _ in range(jobs)]
    loads = [0] * jobs
    for p in sorted(range(len(pieces)), key=lambda p: (-len(pieces[p][1]), p)):
        least = loads.index(min(loads))
        shares[least].append(p)
        loads[least] += len(pieces[p][1])
    workers = [Background(partial(_parse_pieces, files, pieces, share)) for share in shares[1:] if share]
    parsed = dict(zip(shares[0], _parse_pieces(files, pieces, shares[0]), strict=True))
    for share, worker in zip([s for s in shares[1:] if s], workers, strict=True):
        parsed.update(zip(share, worker.result(), strict=True))

    documents: list[Any] = list(texts)  # the errors stay where they are
    runs_of: dict[int, list[Any]] = {}
    for p, (k, _text) in enumerate(pieces):
        if k in cut:
            runs_of.setdefault(k, []).append(parsed[p])
        else:
            documents[k] = parsed[p]
    for k, runs in runs_of.items():
        documents[k] = _joined(runs)
        if documents[k] is None:
            documents[k] = _read_and_parse(files[k])
    return documents


def _parse_pieces(files: list[Path], pieces: list[tuple[int, str]], share: list[int]) -> list[Any]:
    out = []
    for p in share:
        k, text = pieces[p]
        try:
            out.append(_parse(files[k], text))
        except InventoryError as error:
            out.append(error)
    return out


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


def load_yaml(paths: list[Path], jobs: int | None = None) -> Inventory:
    """Load, merge and validate YAML inventory files (parsed by `jobs` processes when large); raise InventoryError
    with every problem."""
    files = yaml_files(paths)
    documents = _documents(files, jobs)
    finder = _LineFinder()
    merged, problems = _merge(files, documents, finder)
    display = {path: str(path) for path in files}

    def locate(loc: Loc) -> Location:
        origin = merged.origin(str(loc[0]), loc[1]) if len(loc) >= 2 and isinstance(loc[1], int) else None
        if origin is not None:
            path, index = origin
            inner: Loc = (loc[0], index, *loc[2:])
        else:
            path = merged.single_origin.get(str(loc[0])) if loc else None
            path = path or files[0]
            inner = loc
        return Location(display[path], line=finder.line(path, inner), path=path_text(inner))

    try:
        inventory = to_inventory(merged.data, locate)
    except InventoryError as exc:
        raise InventoryError(problems + exc.problems) from None
    if problems:
        raise InventoryError(problems)
    return inventory
