"""The attack likelihood defaults (data/attack_likelihoods.yaml) and the rule that combines them with findings and
controls: a hop is one or more vectors; each vector's base is raised by findings, then multiplied by the factor of
every control in place that weakens it; the hop's likelihood is the noisy-OR of its vectors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class Vector:
    """One way through a hop: a base, raised by findings (by check id), lowered by controls in place (by name)."""

    name: str
    base: float
    raises: Mapping[str, float]
    controls: Mapping[str, float]

    def likelihood(self, check_ids: Iterable[str], controls: Iterable[str], base: float | None = None) -> float:
        p = self.base if base is None else base
        for cid in check_ids:
            r = self.raises.get(cid)
            if r:
                p = 1.0 - (1.0 - p) * (1.0 - r)
        for control in controls:
            p *= self.controls.get(control, 1.0)
        return min(1.0, max(0.0, p))


@dataclass(frozen=True)
class HopRule:
    """How likely one kind of hop is: the noisy-OR of its vectors."""

    vectors: tuple[Vector, ...]

    @property
    def base(self) -> float:
        """The likelihood with no finding and no control (the first vector's base for a one-vector hop)."""
        return self.likelihood((), ())

    def likelihood(
        self, check_ids: Iterable[str], controls: Iterable[str] = (), bases: Mapping[str, float] | None = None
    ) -> float:
        """`bases`: a base by vector name, replacing the rule's (an entry's by connection kind, a flow's by protocol)."""
        ids, used = tuple(check_ids), tuple(controls)
        if len(self.vectors) == 1:
            vector = self.vectors[0]
            return vector.likelihood(ids, used, None if bases is None else bases.get(vector.name))
        miss = 1.0
        for vector in self.vectors:
            miss *= 1.0 - vector.likelihood(ids, used, None if bases is None else bases.get(vector.name))
        return min(1.0, max(0.0, 1.0 - miss))

    def relevant(self, check_ids: Iterable[str]) -> list[str]:
        """The check ids among these that this hop names (those listed in a vector's `raises`)."""
        named = self.named
        return [c for c in check_ids if c in named]

    @property
    def named(self) -> frozenset[str]:
        return frozenset(c for v in self.vectors for c in v.raises)

    @property
    def controls(self) -> frozenset[str]:
        """Every control that weakens some vector of this hop."""
        return frozenset(c for v in self.vectors for c in v.controls)


@dataclass(frozen=True)
class Control:
    """A control's factor and where it comes from."""

    name: str
    factor: float
    source: str


@dataclass(frozen=True)
class Likelihoods:
    id: str
    controls: Mapping[str, Control]
    entry_bases: Mapping[str, tuple[tuple[str, float], ...]]  # connection kind -> (vector, base) pairs
    entry: HopRule
    internet: float
    cloud: float
    hops: Mapping[str, HopRule]
    flow_by_protocol: Mapping[str, float]
    criticality_weights: Mapping[int, float]
    critical_max: int
    paths_per_system: int
    path_floor: float
    bands: tuple[tuple[str, float], ...]  # (band, lowest index in it), lowest first
    max_steps: int  # remediation: at most this many risk steps
    min_gain: float  # remediation: a step must remove at least this many index points
    trials_per_step: int  # remediation: at most this many candidates re-run to choose a step
    thresholds: Thresholds


@dataclass(frozen=True)
class Thresholds:
    """The checks' limits and lists (data/attack_likelihoods.yaml, `checks`)."""

    firmware_max_days: int  # HIS-CONN-006: firmware older than this
    patch_max_days: int  # HIS-SRV-004: OS patches older than this
    restore_test_max_days: int  # HIS-BAK-002: restore test older than this
    eos_warning_days: int  # HIS-SRV-007: OS support ending within this
    flat_min_servers: int  # HIS-SEG-003: a single segment with at least this many servers is flat
    admin_ports: frozenset[str]  # HIS-SEG-004: administration ports and protocols, as written
    fhir_categories: frozenset[str]  # HIS-SYS-001: categories that exchange the EMR information-sharing documents
    no_own_data_roles: frozenset[str]  # server roles with no data of their own: no backup finding


def _thresholds(data: Mapping[str, Any]) -> Thresholds:
    def names(key: str) -> frozenset[str]:
        return frozenset(str(v) for v in data.get(key) or ())

    return Thresholds(
        firmware_max_days=int(data["firmware_max_days"]),
        patch_max_days=int(data["patch_max_days"]),
        restore_test_max_days=int(data["restore_test_max_days"]),
        eos_warning_days=int(data["eos_warning_days"]),
        flat_min_servers=int(data["flat_min_servers"]),
        admin_ports=names("admin_ports"),
        fhir_categories=names("fhir_categories"),
        no_own_data_roles=names("no_own_data_roles"),
    )


def _vector(name: str, data: Mapping[str, Any], factors: Mapping[str, Control]) -> Vector:
    listed = data.get("controls") or ()
    unknown = [c for c in listed if c not in factors]
    if unknown:
        raise ValueError(f"attack likelihoods: vector {name!r} names unknown controls {unknown}")
    return Vector(
        name=name,
        base=float(data["base"]) if isinstance(data.get("base"), int | float) else 0.0,
        raises={str(k): float(v) for k, v in (data.get("raises") or {}).items()},
        controls={str(c): factors[c].factor for c in listed},
    )


def _rule(data: Mapping[str, Any], factors: Mapping[str, Control]) -> HopRule:
    vectors = data.get("vectors")
    if vectors is None:
        return HopRule((_vector("hop", data, factors),))
    return HopRule(tuple(_vector(str(name), v or {}, factors) for name, v in vectors.items()))


@cache
def load_likelihoods(name: str = "attack_likelihoods.yaml") -> Likelihoods:
    from hismigrate.data import load_data

    data = load_data(name)
    factors = {str(k): Control(str(k), float(v["factor"]), str(v["source"])) for k, v in data["controls"].items()}
    bad = [c.name for c in factors.values() if not 0.0 <= c.factor <= 1.0]
    if bad:
        raise ValueError(f"attack likelihoods: control factors must lie in [0, 1]: {bad}")
    entry = data["entry"]
    index = data["index"]
    bands = tuple((str(k), float(v)) for k, v in index["bands"].items())
    if [b for _, b in bands] != sorted(b for _, b in bands) or bands[0][1] != 0:
        raise ValueError("attack likelihoods: bands must start at 0 and rise")
    return Likelihoods(
        id=str(data["id"]),
        controls=factors,
        entry_bases={
            str(kind): tuple(sorted((str(v), float(b)) for v, b in bases.items()))
            for kind, bases in entry["kinds"].items()
        },
        entry=_rule(entry, factors),
        internet=float(data["internet"]),
        cloud=float(data["cloud"]),
        hops={str(k): _rule(v, factors) for k, v in data["hops"].items()},
        flow_by_protocol={str(k): float(v) for k, v in data["hops"]["flows_to"].get("by_protocol", {}).items()},
        criticality_weights={int(k): float(v) for k, v in index["criticality_weights"].items()},
        critical_max=int(index["critical_max"]),
        paths_per_system=int(index["paths_per_system"]),
        path_floor=float(index["path_floor"]),
        bands=bands,
        max_steps=int(data["remediation"]["max_steps"]),
        min_gain=float(data["remediation"]["min_gain"]),
        trials_per_step=int(data["remediation"]["trials_per_step"]),
        thresholds=_thresholds(data["checks"]),
    )
