"""Controls only lower, weaknesses only raise: on random estates, putting any control in place never raises any
system's likelihood or the exposure index, and taking one away (a weakness) never lowers them."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hismigrate.exposure.assess import assess_exposure
from hismigrate.model.inventory import Inventory
from tests.strategies import inventories

AS_OF = date(2026, 6, 1)
RECENT, OLD = AS_OF - timedelta(days=30), AS_OF - timedelta(days=900)
TOLERANCE = 1e-9

# (part, field, value with the control in place, value without it)
CONTROLS: list[tuple[str, str, Any, Any]] = [
    ("connections", "mfa", True, False),
    ("connections", "source_ip_restricted", True, False),
    ("connections", "always_on", False, True),
    ("connections", "shared_credentials", False, True),
    ("connections", "closed_network", True, False),
    ("connections", "firmware_updated", RECENT, OLD),
    ("connections", "logs_reviewed", True, False),
    ("servers", "protection", "edr", "none"),
    ("servers", "protection", "antivirus", "disabled"),
    ("servers", "protection", "edr", "antivirus"),
    ("servers", "last_patched", RECENT, OLD),
    ("servers", "remote_desktop", False, True),
    ("servers", "local_admin_group", None, "shared"),
    ("routes", "filtered", True, False),
    ("practices", "two_factor", "yes", "no"),
    ("practices", "no_password_reuse", "yes", "unknown"),
    ("practices", "role_based_access", "yes", "no"),
    ("practices", "account_cleanup", "yes", "unknown"),
]


@st.composite
def estates(draw: st.DrawFn) -> dict[str, Any]:
    """Random valid estates with the facts the likelihoods read filled in at random."""
    data = draw(inventories(max_servers=8))
    for conn in data["connections"]:
        conn.update(
            always_on=draw(st.booleans()),
            source_ip_restricted=draw(st.booleans()),
            shared_credentials=draw(st.booleans()),
            closed_network=draw(st.booleans()),
            logs_kept=True,
            logs_reviewed=draw(st.booleans()),
            firmware_updated=draw(st.sampled_from([RECENT, OLD])).isoformat(),
            device_vendor="Fortinet",
            device_product="FortiGate",
            device_version=draw(st.sampled_from(["6.0.4", "7.4.7", "7.2.2"])),
        )
    for server in data["servers"]:
        server.update(
            os_name="Windows Server",
            os_version=draw(st.sampled_from(["2012 R2", "2019", "2022"])),
            remote_desktop=draw(st.sampled_from([None, True, False])),
            domain=draw(st.sampled_from([None, "hosp.local"])),
            last_patched=draw(st.sampled_from([RECENT, OLD])).isoformat(),
        )
    data["practices"] = {
        field: draw(st.sampled_from(["yes", "no", "unknown"]))
        for field in ("two_factor", "no_password_reuse", "role_based_access", "account_cleanup")
    }
    return data


def _with(data: dict[str, Any], part: str, index: int, field: str, value: Any) -> Inventory:
    out = {**data, "practices": dict(data.get("practices", {}))}
    if part == "practices":
        out["practices"][field] = value
        return Inventory.model_validate(out)
    if part == "routes":
        segments = [dict(s, routes=[dict(r) for r in s["routes"]]) for s in data["segments"]]
        routes = [r for s in segments for r in s["routes"]]
        routes[index % len(routes)][field] = value
        out["segments"] = segments
        return Inventory.model_validate(out)
    items = [dict(x) for x in data[part]]
    items[index % len(items)][field] = value.isoformat() if isinstance(value, date) else value
    out[part] = items
    return Inventory.model_validate(out)


def _has(data: dict[str, Any], part: str) -> bool:
    if part == "practices":
        return True
    if part == "routes":
        return any(s["routes"] for s in data["segments"])
    return bool(data[part])


def _compare(weaker: Inventory, stronger: Inventory) -> None:
    """Everything in `stronger` (one control more) is at most as likely as in `weaker`."""
    low = assess_exposure(stronger, as_of=AS_OF)
    high = assess_exposure(weaker, as_of=AS_OF)
    assert low.index <= high.index + 1e-6
    high_by = {s.system: s.likelihood for s in high.systems}
    for s in low.systems:
        assert s.likelihood <= high_by[s.system] + TOLERANCE, (s.system, s.likelihood, high_by[s.system])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=estates(), index=st.integers(0, 20))
def test_a_control_never_raises_and_a_weakness_never_lowers(data, index):
    """Every control in turn, on one item of each random estate."""
    for part, field, control, weakness in CONTROLS:
        if _has(data, part):
            weaker, stronger = (_with(data, part, index, field, v) for v in (weakness, control))
            _compare(weaker=weaker, stronger=stronger)


@pytest.mark.parametrize(("part", "field", "control", "weakness"), CONTROLS)
def test_each_control_lowers_the_hop_it_is_for(part, field, control, weakness):
    """On the 2021 estate every control listed lowers (or keeps) the index, and the test above can fail: the
    weakness side is strictly worse for the controls on the path."""
    from tests.exposure.test_calibration import scenario

    inventory = scenario("handa_2021")
    data = inventory.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if not _has(data, part):
        pytest.skip(f"the 2021 estate has no {part}")
    _compare(weaker=_with(data, part, 0, field, weakness), stronger=_with(data, part, 0, field, control))
