"""Parse one YAML text safely, and find the line of a place in a YAML file.

The C safe loader, with three guards: a key given twice is an error, a value its explicit tag cannot make is an
error at its line, and aliases may not expand a document far beyond what is written (a "billion laughs" file of a
few hundred bytes would otherwise become billions of values for whatever reads or prints it next).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from hismigrate.errors import InventoryError
from hismigrate.load.input_files import read_text
from hismigrate.model.integrity import Loc
from hismigrate.yaml_lean import load_lean

MAX_EXPANSION = 1_000_000
"""Values that aliases may add to a document beyond ten per node written (`<<: *defaults` on every server of a
large estate adds a few per server; a billion-laughs file adds millions per line)."""


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

    def get_single_node(self) -> Any:
        node = super().get_single_node()
        if node is not None:
            _check_expansion(node)
        return node


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


class _AliasBomb(yaml.composer.ComposerError):
    """Aliases that expand the document far beyond what is written, or that sit inside the node they name."""

    def __init__(self, node: yaml.Node, key: str, params: dict[str, str]) -> None:
        super().__init__(None, None, key, node.start_mark)
        self.key, self.params = key, params


def _check_expansion(root: yaml.Node) -> None:
    """Raise _AliasBomb when the document with every alias expanded holds more than MAX_EXPANSION values besides
    ten per node written, or when an alias sits inside the node it names (a loop). Each mapping and sequence is
    visited once; a scalar always counts one and is not visited (most nodes are scalars)."""
    scalar = yaml.ScalarNode
    size: dict[int, int] = {}  # id(mapping or sequence) -> values under it and itself, aliases expanded
    on_path: set[int] = set()
    written = 1  # nodes as written: each collection's children, once per collection
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if node.__class__ is scalar:
            continue
        key = id(node)
        if done:
            on_path.discard(key)
            size[key] = 1 + sum(1 if child.__class__ is scalar else size[id(child)] for child in _children(node))
            continue
        if key in size:
            continue
        if key in on_path:
            raise _AliasBomb(node, "yaml_alias_loop", {})
        on_path.add(key)
        children = _children(node)
        written += len(children)
        stack.append((node, True))
        stack.extend((child, False) for child in children if child.__class__ is not scalar and id(child) not in size)
    limit = MAX_EXPANSION + 10 * written
    if root.__class__ is not scalar and size[id(root)] > limit:
        raise _AliasBomb(root, "yaml_alias_bomb", {"limit": f"{limit:,}"})


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


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
    if isinstance(exc, _AliasBomb):
        return exc.problem_mark.line + 1, exc.key, exc.params
    if isinstance(exc, _UnmadeValue):
        return exc.problem_mark.line + 1, "yaml_tag_value", exc.params
    if isinstance(exc, _DuplicateKey):
        return exc.problem_mark.line + 1, "yaml_duplicate_key", exc.params
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        return (mark.line + 1 if mark else None), "yaml_syntax", {"detail": detail}
    return None, "yaml_syntax", {"detail": str(exc)}


class _MarkLoader(_Loader):
    """Composes nodes with their line marks and no tags: the line finder matches keys by their text and never
    looks at a tag, and skipping the resolver takes about a third off composing a large file."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""


class LineFinder:
    """Finds the line of a path inside a YAML file by composing it (with marks) on first need."""

    def __init__(self) -> None:
        self._nodes: dict[Path, yaml.Node | None] = {}

    def line(self, path: Path, loc: Loc) -> int | None:
        if path not in self._nodes:
            try:
                self._nodes[path] = yaml.compose(read_text(path), Loader=_MarkLoader)
            except (yaml.YAMLError, InventoryError):
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
