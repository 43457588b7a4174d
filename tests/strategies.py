"""Hypothesis strategies: random but valid inventories in their plain (YAML-ready) form."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from hismigrate.model.enums import ConnectionKind, Protection, Protocol, ServerRole, SystemCategory, Zone
from hismigrate.model.fields import FIRST_DAY, LAST_DAY

_id_chars = st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-_.")
ident = st.text(_id_chars, min_size=1, max_size=12).filter(lambda s: s[0].isalnum())
jp_name = st.text(
    st.sampled_from("電子カルテ医事会計検査放射線薬剤栄養サーバー病院部門ABC123 "), min_size=1, max_size=20
).map(lambda s: s.strip() or "名前")
dates = st.dates(min_value=FIRST_DAY, max_value=LAST_DAY).map(lambda d: d.isoformat())


@st.composite
def inventories(draw: st.DrawFn, max_servers: int = 12) -> dict[str, Any]:
    seg_ids = draw(st.lists(ident, min_size=1, max_size=5, unique=True))
    server_ids = draw(st.lists(ident, max_size=max_servers, unique=True))
    system_ids = draw(st.lists(ident, max_size=8, unique=True))
    conn_ids = draw(st.lists(ident, max_size=4, unique=True))
    segments = []
    for sid in seg_ids:
        others = [o for o in seg_ids if o != sid]
        routes = [
            {"to": to, "filtered": draw(st.booleans())}
            for to in draw(st.lists(st.sampled_from(others), unique=True, max_size=3) if others else st.just([]))
        ]
        segments.append(
            {"id": sid, "name": draw(jp_name), "zone": draw(st.sampled_from(list(Zone))).value, "routes": routes}
        )
    servers = [
        {
            "id": sid,
            "hostname": sid.upper(),
            "segment": draw(st.sampled_from(seg_ids)),
            "role": draw(st.sampled_from(list(ServerRole))).value,
            "vcpu": draw(st.integers(1, 64)),
            "memory_gb": draw(st.floats(0.5, 1024, allow_nan=False).map(lambda f: round(f, 1))),
            "protection": draw(st.sampled_from(list(Protection))).value,
            "last_patched": draw(st.none() | dates),
            "local_admin_group": draw(st.none() | st.sampled_from(["a", "b"])),
        }
        for sid in server_ids
    ]
    systems = []
    for i, sid in enumerate(system_ids):
        systems.append(
            {
                "id": sid,
                "name": draw(jp_name),
                "category": draw(st.sampled_from(list(SystemCategory))).value,
                "servers": draw(st.lists(st.sampled_from(server_ids), unique=True, max_size=3)) if server_ids else [],
                "criticality": draw(st.integers(1, 4)),
                "depends_on": draw(st.lists(st.sampled_from(system_ids[:i]), unique=True, max_size=2)) if i else [],
            }
        )
    connections = [
        {
            "id": cid,
            "kind": draw(st.sampled_from(list(ConnectionKind))).value,
            "lands_in": draw(st.sampled_from(seg_ids)),
            "serves": draw(st.lists(st.sampled_from(system_ids), unique=True, max_size=2)) if system_ids else [],
            "mfa": draw(st.booleans()),
        }
        for cid in conn_ids
    ]
    flows = []
    if system_ids:
        for _ in range(draw(st.integers(0, 6))):
            flows.append(
                {
                    "from": draw(st.sampled_from(system_ids)),
                    "to": draw(st.sampled_from(system_ids)),
                    "protocol": draw(st.sampled_from(list(Protocol))).value,
                    "mbps": draw(st.integers(0, 500)),
                }
            )
    return {
        "hospital": {
            "id": "h1",
            "name": "病院",
            "beds": draw(st.integers(0, 1500)),
            "type": "acute",
            "prefecture": "tokyo",
            "founder": "public",
        },
        "segments": segments,
        "servers": servers,
        "systems": systems,
        "connections": connections,
        "flows": flows,
    }
