"""The attack likelihood defaults (data/attack_likelihoods.yaml) and the rule that combines them with findings."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class HopRule:
    """How likely one kind of hop is: a base, raised by findings (by check id), lowered by controls in place."""

    base: float
    raises: Mapping[str, float]
    controls: Mapping[str, float]

    def likelihood(self, check_ids: Iterable[str], controls: Iterable[str] = (), base: float | None = None) -> float:
        p = self.base if base is None else base
        for cid in check_ids:
            r = self.raises.get(cid)
            if r is not None:
                p = 1.0 - (1.0 - p) * (1.0 - r)
        for control in controls:
            p *= self.controls.get(control, 1.0)
        return min(1.0, max(0.0, p))

    def relevant(self, check_ids: Iterable[str]) -> list[str]:
        """The check ids among these that this hop names (those listed in `raises`)."""
        return [c for c in check_ids if c in self.raises]


@dataclass(frozen=True)
class Likelihoods:
    id: str
    entry_base: Mapping[str, float]
    entry: HopRule
    internet: float
    cloud: float
    hops: Mapping[str, HopRule]
    flow_by_protocol: Mapping[str, float]
    criticality_weights: Mapping[int, float]
    critical_max: int
    thresholds: Mapping[str, Any]


def _rule(data: Mapping[str, Any]) -> HopRule:
    return HopRule(
        base=float(data["base"]) if isinstance(data.get("base"), int | float) else 0.0,
        raises={str(k): float(v) for k, v in (data.get("raises") or {}).items()},
        controls={str(k): float(v) for k, v in (data.get("controls") or {}).items()},
    )


@cache
def load_likelihoods(name: str = "attack_likelihoods.yaml") -> Likelihoods:
    from hismigrate.data import load_data

    data = load_data(name)
    entry = data["entry"]
    return Likelihoods(
        id=str(data["id"]),
        entry_base={str(k): float(v) for k, v in entry["base"].items()},
        entry=_rule(entry),
        internet=float(data["internet"]),
        cloud=float(data["cloud"]),
        hops={str(k): _rule(v) for k, v in data["hops"].items()},
        flow_by_protocol={str(k): float(v) for k, v in data["hops"]["flows_to"].get("by_protocol", {}).items()},
        criticality_weights={int(k): float(v) for k, v in data["index"]["criticality_weights"].items()},
        critical_max=int(data["index"]["critical_max"]),
        thresholds=dict(data["checks"]),
    )
