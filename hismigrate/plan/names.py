"""Names of the systems and servers a planner reason mentions, given beside their ids (`system` and `system_name`,
`servers` and `server_names`): the ids keep a reason traceable, the names let a report speak to people."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from hismigrate.model.inventory import Server, System


def system_names(systems: Mapping[str, System], ids: Iterable[str]) -> str:
    """The names of the systems `ids` (an unlisted id stands for itself), joined as the ids are."""
    return ", ".join(systems[i].name if i in systems else i for i in ids)


def server_names(servers: Mapping[str, Server], ids: Iterable[str]) -> str:
    """The host names of the servers `ids` (an unlisted id stands for itself), joined as the ids are."""
    return ", ".join(servers[i].hostname if i in servers else i for i in ids)
