"""The remediation plan (fixes ranked by the risk they remove, each re-assessed), hardening as an alternative to
moving (today's estate with the plan's first steps beside the migration's last state, with the cost of each), and
the exposure left on premises after the migration, as JSON-able results."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from hismigrate.model.cost import SIGN, CostResult
from hismigrate.model.exposure import Band
from hismigrate.model.frozen import Frozen


class StepCost(Frozen):
    """What a step costs, from one item of the control-cost catalog (data/control_costs.yaml)."""

    item: str = Field(description="Catalog item, e.g. `edr`, `firmware_update`.")
    unit: str = Field(description="What the item is priced per: server, line, rule, system, hospital.")
    units: int = Field(description="How many units the step prices (servers, lines, rules...).")
    one_time_jpy: int = Field(description="One-time cost of the step, JPY.")
    yearly_jpy: int = Field(description="Running cost a year once in place, JPY.")
    manual: bool = Field(description="An estimate with no public price list behind it: replace it with a quote.")
    basis: str = Field(description="How the catalog item was reckoned.")


class RemediationStep(Frozen):
    """One fix: a check's findings (and undecided facts) fixed on its subjects, with the estate re-assessed."""

    rank: int = Field(ge=1, description="The step's place in the plan, 1 first.")
    check: str = Field(description="The check whose findings the step fixes.")
    subjects: tuple[str, ...] = Field(description="What is fixed: `connection:<id>`, `server:<id>`, `route:a->b`...")
    purpose: Literal["risk", "damage"] = Field(
        description="`risk`: lowers the likelihood of attack paths; `damage`: limits what an attack destroys"
        " (offline backups), with no effect on the index."
    )
    exposure_index_after: float = Field(ge=0, le=100, description="The index once this and every earlier step is done.")
    exposure_band_after: Band = Field(description="The band of exposure_index_after.")
    risk_removed: float = Field(description="Index points this step removes (index before it minus after).")
    critical_system_after: str | None = Field(description="The most exposed criticality-1 system after the step.")
    critical_likelihood_after: float = Field(ge=0, le=1, description="Its likelihood (0 when none is reachable).")
    checklist_items: tuple[str, ...] = Field(description="MHLW checklist items the step satisfies (R6 numbering).")
    cost_jpy: int = Field(description="First-year cost: one-time plus a year of running cost, JPY.")
    yearly_jpy: int = Field(description="Running cost in each later year, JPY.")
    cost: StepCost = Field(description="The catalog item behind cost_jpy and yearly_jpy, with its units.")


class RemediationPlan(Frozen):
    """Fixes in the order that removes the most risk first. Greedy: each step is the fix that lowers the exposure
    index most once the steps before it are done (ties: the most exposed criticality-1 system lowered most, then the
    cheaper, then the check id); every candidate is scored by re-running the analysis on the estate with it applied.
    Greedy is not guaranteed to find the cheapest set that reaches a band; it is a plan a hospital can follow."""

    exposure_index_before: float = Field(description="Today's exposure index 0-100, before any step.")
    exposure_band_before: Band = Field(description="The band of exposure_index_before.")
    critical_system_before: str | None = Field(description="Today's most exposed criticality-1 system, if any.")
    critical_likelihood_before: float = Field(ge=0, le=1, description="Its likelihood (0 when none is reachable).")
    steps: tuple[RemediationStep, ...] = Field(description="The steps, most risk removed first, each re-assessed.")
    max_steps: int = Field(description="The bound on risk steps (data/attack_likelihoods.yaml `remediation`).")
    catalog: str = Field(description="Id of the control-cost catalog used.")
    catalog_as_of: date = Field(description="The date the control-cost catalog's prices are as of.")


class OptionFigures(Frozen):
    """One option's exposure and its cash cost over the cost horizon."""

    state: str = Field(description="`before` (doing nothing), `hardened`, or the migration's last state.")
    exposure_index: float = Field(ge=0, le=100, description="The option's exposure index 0-100.")
    exposure_band: Band = Field(description="The band of exposure_index.")
    cost_jpy: int = Field(description="Cash cost over the horizon (undiscounted sum of the years), JPY.")
    saving_jpy: int = Field(
        description=f"Doing nothing's cost_jpy minus this option's, JPY: doing nothing is the baseline ({SIGN})."
    )
    steps: int = Field(description="Remediation steps taken (hardened) or waves (migration).")


class Alternatives(Frozen):
    """Hardening today's estate beside moving it: what each buys in exposure, and at what cost."""

    first_year: int = Field(description="First fiscal year of the horizon the options' costs are summed over.")
    horizon_years: int = Field(description="Years in that horizon (the cost case's).")
    before: OptionFigures = Field(description="Doing nothing: today's estate as it is.")
    hardened: OptionFigures = Field(
        description="Today's estate with the remediation plan's steps up to the first that brings it below `high`"
        " (all risk steps when none does), priced as doing nothing plus the steps' costs."
    )
    reaches_below_high: bool = Field(description="Whether the hardening steps bring the estate below `high`.")
    migrated: OptionFigures = Field(description="The migration plan's last state.")


class ResidualSystem(Frozen):
    """A criticality-1 system still on premises after the migration's last wave, and what exposes it there."""

    system: str = Field(description="The system, by id.")
    criticality: int = Field(description="Its criticality (1 highest).")
    likelihood: float = Field(ge=0, le=1, description="Its most likely path's likelihood in the last state.")
    findings: dict[str, int] = Field(
        description="Its own findings (on it and its servers) in the last state, by check."
    )


def alternatives(
    cost: CostResult,
    before: tuple[float, Band],
    hardened: tuple[float, Band, int],
    migrated: tuple[str, float, Band, int],
    plan: RemediationPlan,
    reaches_below_high: bool,
) -> Alternatives:
    """Price the options over the cost case's horizon: doing nothing is the baseline's cash years, hardening adds
    its steps (one-time once, running every year), moving is the plan's cash years."""
    years = len(cost.years)
    baseline = sum(y.baseline_jpy for y in cost.years)
    taken = [s for s in plan.steps if s.purpose == "risk"][: hardened[2]]
    steps = sum(s.cost.one_time_jpy + s.cost.yearly_jpy * years for s in taken)
    moving = sum(y.plan_jpy for y in cost.years)
    return Alternatives(
        first_year=cost.first_year,
        horizon_years=years,
        before=OptionFigures(
            state="before",
            exposure_index=before[0],
            exposure_band=before[1],
            cost_jpy=baseline,
            saving_jpy=0,
            steps=0,
        ),
        hardened=OptionFigures(
            state="hardened",
            exposure_index=hardened[0],
            exposure_band=hardened[1],
            cost_jpy=baseline + steps,
            saving_jpy=-steps,
            steps=hardened[2],
        ),
        reaches_below_high=reaches_below_high,
        migrated=OptionFigures(
            state=migrated[0],
            exposure_index=migrated[1],
            exposure_band=migrated[2],
            cost_jpy=moving,
            saving_jpy=baseline - moving,
            steps=migrated[3],
        ),
    )
