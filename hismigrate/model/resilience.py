"""What keeps working in a migration state when a line or the cloud is cut (the result of plan.resilience)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from hismigrate.model.plan import Reason


class ScenarioOutcome(BaseModel):
    """What keeps working under one failure scenario."""

    model_config = ConfigDict(frozen=True)

    scenario: str = Field(
        description="cloud_link_down, external_cut (every external line cut, as in an attack), ransomware_onprem or"
        " cloud_down."
    )
    unavailable: tuple[str, ...] = Field(description="Systems that stop, by id.")
    critical1_available_pct: float = Field(description="Share of criticality-1 systems that keep working, percent.")
    critical2_available_pct: float = Field(description="Share of criticality-2 systems that keep working, percent.")


class SinglePoint(BaseModel):
    """A node whose loss alone stops critical systems: a server with no stand-in, a segment every route to some
    system's servers passes, a line to the cloud, the cloud."""

    model_config = ConfigDict(frozen=True)

    node_type: str = Field(description="server, segment, connection or cloud.")
    node: str = Field(description="The node, by id (`cloud` for the cloud).")
    cuts: tuple[str, ...] = Field(description="The critical systems that stop without it, by id.")
    systems: tuple[str, ...] = Field(
        default=(),
        description="For a server: the systems it serves (those listing it, else those of the machines it hosts), to"
        " group single servers by system.",
    )


class Resilience(BaseModel):
    """What keeps working in one migration state under each failure scenario, and what stops it."""

    model_config = ConfigDict(frozen=True)

    scenarios: tuple[ScenarioOutcome, ...] = Field(description="Each failure scenario's outcome.")
    single_points: tuple[SinglePoint, ...] = Field(description="Nodes whose loss alone stops critical systems.")
    recommendations: tuple[Reason, ...] = Field(description="What to do about them (catalog keys and parameters).")
    planned_line_assumed: bool = Field(
        description="Systems are in the cloud but the inventory lists no cloud link: a planned single line is assumed."
    )
