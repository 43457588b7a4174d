"""A lean YAML reader: PyYAML's C parser events straight to plain Python values, with SafeLoader's YAML 1.1
meaning for the plain inventories we accept (text, numbers, yes/no, null, dates, lists, mappings).

PyYAML's generic path builds a node per value and then walks the nodes again through generator-based
constructors; that second walk costs as much as the parse itself at 60,000 servers. Here the events are read
once and each plain scalar is resolved with the loader's own implicit resolvers and converted by the loader's own
constructor functions (cached per distinct text), so values are those of `yaml.load(text, loader)`. Anything
unusual (anchors, aliases, merge keys, explicit tags, complex keys, duplicate keys, several documents, any
error) is handed back
to PyYAML's own loader, which gives its usual result or its usual error.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

_STR = "tag:yaml.org,2002:str"
_SIMPLE_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp"))
_MISSING = object()


class _Unusual(Exception):
    """The text uses a feature the lean reader leaves to PyYAML."""


class _Scalars:
    """Plain-scalar text -> value, exactly as `loader_class` resolves and constructs it, cached per text."""

    def __init__(self, loader_class: type[Any]) -> None:
        self._loader = loader_class("")  # only its constructor functions are used, never its parser
        self._constructors = loader_class.yaml_constructors
        self._by_first: dict[str, tuple[tuple[str, Any], ...]] = {}
        wildcard = tuple(loader_class.yaml_implicit_resolvers.get(None, ()))
        for first, resolvers in loader_class.yaml_implicit_resolvers.items():
            if first is not None:
                self._by_first[first] = tuple(resolvers) + wildcard
        self._wildcard = wildcard
        self.cache: dict[str, Any] = {}  # resolved plain text -> value; few distinct

    def dispose(self) -> None:
        self._loader.dispose()

    def tag(self, text: str) -> str:
        for tag, regexp in self._by_first.get(text[:1], self._wildcard):
            if regexp.match(text):
                return str(tag)
        return _STR

    def may_resolve(self) -> frozenset[str] | None:
        """First characters (and "" for empty text) for which an implicit resolver exists; None when any may."""
        return None if self._wildcard else frozenset(self._by_first)

    def resolved(self, text: str) -> Any:
        """The value of an untagged plain scalar that an implicit resolver may claim."""
        tag = self.tag(text)
        if tag not in _SIMPLE_TAGS:
            raise _Unusual(tag)  # merge key `<<`, value key `=`: PyYAML's constructor handles them
        try:
            value = self._constructors[tag](self._loader, yaml.ScalarNode(tag, text))
        except Exception as exc:  # e.g. an impossible date with the stock loader: PyYAML raises it, but only
            raise _Unusual(tag) from exc  # after the whole text has parsed, so a syntax error later wins
        self.cache[text] = value
        return value


def _read_events(loader: Any, scalars: _Scalars) -> Any:
    """Build the single document of the stream from its events; raise _Unusual for anything not plain."""
    get_event = loader.get_event
    may_resolve, cache, resolved = scalars.may_resolve(), scalars.cache, scalars.resolved
    # Each open collection is [container, pending key, key expected?] so that values land where they belong.
    stack: list[list[Any]] = []
    result: Any = None
    documents = 0
    while True:
        event = get_event()
        kind = event.__class__
        if kind is ScalarEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual("anchor or tag")
            value = event.value
            # a plain scalar that may be a number, a date, yes/no or null; other plain text stays text
            if event.implicit[0] and (may_resolve is None or value[:1] in may_resolve):
                value = cache.get(value, _MISSING)
                if value is _MISSING:
                    value = resolved(event.value)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None:
                raise _Unusual("anchor or tag")
            if stack and stack[-1][2]:
                raise _Unusual("complex key")  # PyYAML reports an unhashable key, or builds a tuple key
            stack.append([{} if kind is MappingStartEvent else [], None, kind is MappingStartEvent])
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = stack.pop()[0]
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual("several documents")  # PyYAML rejects it with both places marked
            continue
        elif kind is StreamEndEvent:
            return result
        elif kind is StreamStartEvent or kind is DocumentEndEvent:
            continue
        else:
            raise _Unusual(kind.__name__)  # an alias
        if not stack:
            result = value
            continue
        frame = stack[-1]
        container = frame[0]
        if container.__class__ is list:
            container.append(value)
        elif frame[2]:
            frame[1] = value
            frame[2] = False
        else:
            key = frame[1]
            if key in container:
                raise _Unusual("duplicate key")  # the loader decides: PyYAML's stock loaders keep the last value
            container[key] = value
            frame[2] = True


def load_lean(text: str, loader_class: type[Any]) -> Any:
    """`yaml.load(text, Loader=loader_class)`, faster for plain inventories; the same value or the same error."""
    scalars = _Scalars(loader_class)
    loader = loader_class(text)
    try:
        return _read_events(loader, scalars)
    except (_Unusual, yaml.YAMLError):
        pass  # an error is reported by PyYAML's own loader below, exactly as it words it
    finally:
        loader.dispose()
        scalars.dispose()
    return yaml.load(text, Loader=loader_class)  # loader_class is a safe loader, chosen by the caller
