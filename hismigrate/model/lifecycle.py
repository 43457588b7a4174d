"""End of support of a server's OS: the inventory's own date, else the shipped, dated lifecycle table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from hismigrate.model.inventory import Server
from hismigrate.model.text import clean


@dataclass(frozen=True)
class EndOfSupport:
    date: date | None
    source: str  # "inventory", the lifecycle table's id, or "unknown"


@cache
def _table() -> tuple[str, tuple[tuple[tuple[str, ...], tuple[str, ...], date], ...]]:
    from hismigrate.data import load_data

    data = load_data("os_lifecycle.yaml")
    entries = tuple(
        (tuple(str(w).lower() for w in e["match"]), tuple(str(w).lower() for w in e.get("not", ())), e["end"])
        for e in data["entries"]
    )
    return str(data["id"]), entries


def table_id() -> str:
    """Id (with its date) of the shipped OS lifecycle table."""
    return _table()[0]


_WORD = re.compile(r"[a-z]+|\d+(?:\.\d+)?")


def _words(text: str) -> set[str]:
    lowered = clean(text).casefold().replace("red hat enterprise linux", "rhel").replace("red hat", "redhat")
    return set(_WORD.findall(lowered))


@cache
def lookup(os_name: str, os_version: str = "") -> EndOfSupport:
    """Look an OS up in the table: every word of an entry must appear as a whole word of name + version."""
    table_id, entries = _table()
    words = _words(f"{os_name} {os_version}")
    # integer versions also match their major number ("7.9" -> "7")
    words |= {w.split(".")[0] for w in words if "." in w}
    for match, excluded, end in entries:
        if all(m in words for m in match) and not any(x in words for x in excluded):
            return EndOfSupport(end, table_id)
    return EndOfSupport(None, "unknown")


def end_of_support(server: Server) -> EndOfSupport:
    if server.end_of_support is not None:
        return EndOfSupport(server.end_of_support, "inventory")
    if not server.os_name:
        return EndOfSupport(None, "unknown")
    return lookup(server.os_name, server.os_version or "")
