"""A migration plan: which systems move in which wave and when, with the strategy of each system.

This is the contract between the planner (plan/) and the analyses that score a plan's states (exposure, cost,
resilience). A migration state is the set of systems in the cloud after wave k; `states()` lists them in order.
Reasons are catalog keys (`plan.reason.<key>`) with parameters, so that reports can state them in either language.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from hismigrate.model.enums import Strategy
from hismigrate.model.fee_revision import Blackout


class Readiness(StrEnum):
    ready = "ready"
    conditional = "conditional"
    not_ready = "not_ready"
    unknown = "unknown"


class Reason(BaseModel):
    """Why the planner decided something: a catalog key under `plan.reason.` and its parameters."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(description="Catalog key under `plan.reason.` (the reports' text in each language).")
    params: dict[str, str] = Field(
        default_factory=dict, description="The text's parameters: ids, and the names beside them (`<param>_name`)."
    )


class SystemStrategy(BaseModel):
    """What the plan does with one system, and how ready the system is to move."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    system: str = Field(description="The system, by id.")
    strategy: Strategy = Field(description="The 6R strategy: rehost, replatform, repurchase, refactor, retain, retire.")
    reasons: tuple[Reason, ...] = Field(default=(), description="Why this strategy.")
    readiness: Readiness = Field(
        default=Readiness.unknown, description="ready, conditional, not_ready, or unknown when facts are missing."
    )
    readiness_reasons: tuple[Reason, ...] = Field(default=(), description="Why this readiness.")
    already_in_cloud: bool = Field(
        default=False, description="In the cloud before the plan starts (in no wave), whatever its strategy."
    )


class Wave(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    index: int = Field(ge=1, description="1 for the first wave.")
    cutover: date = Field(description="Date the wave's systems go live in the cloud.")
    systems: tuple[str, ...] = Field(description="System ids moving in this wave.")
    groups: tuple[tuple[str, ...], ...] = Field(default=(), description="Move groups (never split) in this wave.")
    notes: tuple[Reason, ...] = Field(default=(), description="Bridges, refresh alignment, capacity warnings.")


class MigrationPlan(BaseModel):
    """Waves in cutover order; systems in no wave stay on premises (retain) or are switched off (retire)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    strategies: tuple[SystemStrategy, ...] = Field(default=(), description="Strategy of every system.")
    waves: tuple[Wave, ...] = Field(default=(), description="Waves in cutover order.")
    already_in_cloud: tuple[str, ...] = Field(default=(), description="Systems in the cloud before the plan starts.")
    blackouts: tuple[Blackout, ...] = Field(
        default=(),
        description="Windows around fee-schedule revisions in which no wave cuts over, from the assessment date to"
        " the last cutover: what the planner avoided, for the timeline to draw.",
    )

    def strategy_of(self, system_id: str) -> Strategy | None:
        for s in self.strategies:
            if s.system == system_id:
                return s.strategy
        return None

    def wave_of(self, system_id: str) -> Wave | None:
        for wave in self.waves:
            if system_id in wave.systems:
                return wave
        return None

    def states(self) -> list[tuple[str, frozenset[str]]]:
        """("before", {...}), ("wave 1", {...}), ...: the systems in the cloud after each wave."""
        moved: set[str] = set(self.already_in_cloud)
        out: list[tuple[str, frozenset[str]]] = [("before", frozenset(moved))]
        for wave in self.waves:
            moved.update(wave.systems)
            out.append((f"wave {wave.index}", frozenset(moved)))
        return out
