"""Planner settings with documented defaults (the `plan:` section of a settings file)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class PlanSettings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    start: date | None = Field(
        default=None,
        description="Cutover date of the first wave; default: the first 1 April at least lead_months after --as-of.",
    )
    months_between_waves: int = Field(default=6, ge=1, le=60, description="Months between two cutovers.")
    systems_per_wave: int = Field(default=8, ge=1, le=500, description="Most systems moved in one wave.")
    cloud_line_mbps: float = Field(
        default=1000.0, gt=0, description="Capacity of the line to the cloud when the inventory has no cloud_link."
    )
    bind_mbps: float = Field(
        default=100.0, ge=0, description="A flow at or above this throughput binds two systems into one move group."
    )
    align_months: int = Field(
        default=18, ge=0, description="A refresh or contract end within this many months pulls its group forward."
    )
    lead_months: int = Field(default=3, ge=0, description="Minimum months from --as-of to the first cutover.")
