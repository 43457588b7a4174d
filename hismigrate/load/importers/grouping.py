"""Draft systems from imported servers: servers filed together are taken to serve one system.

A server goes to the first group its export gives it: AWS Migration Hub's application, its vApp, its folder, a
system word in its annotation (`電子カルテ AP`), else its name prefix (`emr-ap01` -> `emr`; a prefix most servers
share, such as a site code, is skipped for the next part of the name). A prefix only one server has, with no
system word in it, does not make a system of its own: such servers go to one `unsorted` system, never one system
per server. Each group's category and criticality are guessed from its words (guesses.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from hismigrate.load.importers.guesses import Guess, criticality, guess_category, tokens
from hismigrate.load.importers.result import Hints
from hismigrate.model.enums import ServerRole
from hismigrate.model.inventory import Server
from hismigrate.model.text import fold

UNSORTED = "unsorted"
GENERIC_FOLDERS = frozenset(fold(f) for f in ("vm", "Discovered virtual machine", "Templates", "仮想マシン"))
"""Folders every VM of a vCenter sits in: no sign of a system."""
SITE_SHARE = 0.5
"""A first name part that more than this share of the servers have (at least SITE_MIN of them) is a site code."""
SITE_MIN = 4


@dataclass(frozen=True)
class DraftSystem:
    """A guessed system: what its servers were grouped by (`basis`, `key`) and its guessed category."""

    id: str
    name: str
    basis: str  # application, vapp, folder, annotation, prefix, unsorted
    key: str
    servers: tuple[str, ...]
    category: Guess
    criticality: int


def group_systems(servers: tuple[Server, ...], hints: dict[str, Hints]) -> list[DraftSystem]:
    """Draft systems for the servers that are not hypervisor hosts, in order of their first server."""
    members = [s for s in servers if s.role != ServerRole.hypervisor]
    site = _site_prefix(members)
    groups: dict[tuple[str, str], list[Server]] = {}
    for server in members:
        groups.setdefault(_group_of(server, hints.get(server.id, Hints()), site), []).append(server)
    unsorted: list[Server] = []
    out: list[tuple[tuple[str, str], list[Server]]] = []
    for (basis, key), found in groups.items():
        lone = basis == "prefix" and len(found) == 1 and guess_category([key]).word is None
        if basis == UNSORTED or lone:
            unsorted.extend(found)
        else:
            out.append(((basis, key), found))
    if unsorted:
        out.append(((UNSORTED, ""), unsorted))
    used: set[str] = set()
    return [_system(basis, key, found, hints, used) for (basis, key), found in out]


def _group_of(server: Server, hint: Hints, site: str | None) -> tuple[str, str]:
    if hint.application:
        return "application", hint.application
    if hint.vapp:
        return "vapp", hint.vapp
    folder = _folder(hint.folder)
    if folder:
        return "folder", folder
    if hint.annotation:
        word = guess_category([hint.annotation]).word
        if word:
            return "annotation", word
    parts = tokens(server.hostname.split(".")[0]) or tokens(server.id)
    if parts and parts[0] == site and len(parts) > 1:
        parts = parts[1:]
    return ("prefix", parts[0]) if parts else (UNSORTED, "")


def _folder(path: str | None) -> str | None:
    """The innermost folder of a path (`/DC/vm/EMR` -> `EMR`), unless every VM is in it."""
    if not path:
        return None
    last = path.replace("\\", "/").rstrip("/").split("/")[-1].strip()
    return last if last and fold(last) not in GENERIC_FOLDERS else None


def _site_prefix(servers: list[Server]) -> str | None:
    """A first name part so common it names the site, not a system (and no system word)."""
    firsts = Counter(p[0] for s in servers if (p := tokens(s.hostname.split(".")[0])) and len(p) > 1)
    if not firsts:
        return None
    word, count = firsts.most_common(1)[0]
    common = count >= SITE_MIN and count > SITE_SHARE * len(servers)
    return word if common and guess_category([word]).word is None else None


def _system(basis: str, key: str, found: list[Server], hints: dict[str, Hints], used: set[str]) -> DraftSystem:
    annotations = [h.annotation for s in found if (h := hints.get(s.id)) and h.annotation]
    category = guess_category([key, *(s.hostname for s in found), *annotations])
    base = UNSORTED if basis == UNSORTED else _slug(key) or category.value  # type: ignore[assignment]
    ident, n = str(base), 2
    while ident in used:
        ident, n = f"{base}-{n}", n + 1
    used.add(ident)
    return DraftSystem(
        id=ident,
        name=key,
        basis=basis,
        key=key,
        servers=tuple(s.id for s in found),
        category=category,
        criticality=criticality(category.value),  # type: ignore[arg-type]
    )


def _slug(text: str) -> str:
    """A system id from a group's name: lower case, spaces, colons and commas as `-`."""
    return "-".join(p for p in "".join(c if c.isalnum() or c in "-_." else " " for c in text.lower()).split())
