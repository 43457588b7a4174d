"""What keeps working in a migration state when a line or the cloud is cut (the result of plan.resilience)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hismigrate.model.plan import Reason


class ScenarioOutcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    scenario: str
    unavailable: tuple[str, ...]
    critical1_available_pct: float
    critical2_available_pct: float


class SinglePoint(BaseModel):
    """A node whose loss alone stops critical systems: a server with no stand-in, a segment every route to some
    system's servers passes, a line to the cloud, the cloud."""

    model_config = ConfigDict(frozen=True)

    node_type: str  # server, segment, connection, cloud
    node: str
    cuts: tuple[str, ...]  # critical systems that stop without it
    systems: tuple[str, ...] = Field(
        default=(),
        description="For a server: the systems it serves (those listing it, else those of the machines it hosts), to"
        " group single servers by system.",
    )


class Resilience(BaseModel):
    model_config = ConfigDict(frozen=True)

    scenarios: tuple[ScenarioOutcome, ...]
    single_points: tuple[SinglePoint, ...]
    recommendations: tuple[Reason, ...]
    planned_line_assumed: bool
