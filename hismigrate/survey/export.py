"""Build a hospital's de-identified survey submission from its assessment and inventory.

Only classes, flags, counts, statuses, shares and bands leave: never names, ids, addresses, versions, free text,
exact beds or exact amounts. The figures come from the Assessment; the inventory gives adoption flags and counts.
"""

from __future__ import annotations

import math
from collections import Counter

from hismigrate.model.assessment import Assessment
from hismigrate.model.calendar import fiscal_year
from hismigrate.model.cost import CostResult
from hismigrate.model.inventory import Inventory
from hismigrate.model.submission import (
    CHANGE_BAND_RANGE_PCT,
    BedClass,
    ChecklistStatus,
    CostSummary,
    Counts,
    Exposure,
    PlanSummary,
    Severity,
    Submission,
    change_band,
    cost_band,
    region_of,
)
from hismigrate.survey.adoption import adoption
from hismigrate.survey.facility import hashed_code

SHARE_DIGITS = 6
EXPOSURE_DIGITS = 1  # as the reports show it; more digits would only fingerprint the estate


def build_submission(
    assessment: Assessment, inventory: Inventory, facility_code: str | None = None, salt: bytes | None = None
) -> Submission:
    """The submission; `facility_code` when given, else a hash of the inventory id keyed with `salt`."""
    if facility_code is None:
        if not salt:
            raise ValueError("give a facility code or the salt of its hash")
        facility_code = hashed_code(inventory.hospital.id, salt)
    hospital = inventory.hospital
    return Submission(
        facility_code=facility_code,
        as_of=assessment.as_of,
        bed_class=BedClass.of(hospital.beds),
        hospital_type=hospital.type,
        prefecture=hospital.prefecture,
        region=region_of(hospital.prefecture),
        founder=hospital.founder,
        adoption=adoption(inventory),
        counts=Counts(
            servers=len(inventory.servers),
            systems=len(inventory.systems),
            connections=dict(Counter(c.kind for c in inventory.connections)),
        ),
        exposure=Exposure(
            now=round(assessment.summary.exposure_index_now, EXPOSURE_DIGITS),
            after_plan=round(assessment.summary.exposure_index_after, EXPOSURE_DIGITS),
        ),
        findings=_findings(assessment),
        checklist={c.item: ChecklistStatus(c.status.value) for c in assessment.checklist},
        plan=_plan(assessment, len(inventory.systems)),
        cost=_cost(assessment.cost),
    )


def _findings(assessment: Assessment) -> dict[str, dict[Severity, int]]:
    counts = Counter((f.check_id, Severity(f.severity.value)) for f in assessment.findings)
    out: dict[str, dict[Severity, int]] = {}
    for (check, severity), n in sorted(counts.items()):
        out.setdefault(check, {})[severity] = n
    return out


def _share(part: int, whole: int) -> float:
    # Rounded down so that the shares of a plan never add up to more than the whole.
    return math.floor(part / whole * 10**SHARE_DIGITS) / 10**SHARE_DIGITS if whole else 0.0


def _plan(assessment: Assessment, systems: int) -> PlanSummary:
    before = assessment.states[0].systems_in_cloud if assessment.states else ()
    moved: Counter[int] = Counter()
    for wave in assessment.waves:
        moved[fiscal_year(wave.cutover)] += len(wave.systems)
    return PlanSummary(
        waves=len(assessment.waves),
        already_in_cloud=_share(len(before), systems),
        by_year={year: _share(n, systems) for year, n in sorted(moved.items())},
    )


def _cost(cost: CostResult) -> CostSummary | None:
    """Average yearly cost over the horizon, baseline and plan, in bands; None when no year was costed."""
    if not cost.years:
        return None
    baseline = sum(y.baseline_jpy for y in cost.years) / len(cost.years)
    plan = sum(y.plan_jpy for y in cost.years) / len(cost.years)
    # With no baseline to compare with: no change when the plan costs nothing either, else the top band.
    top = max(CHANGE_BAND_RANGE_PCT)
    change = (plan - baseline) / baseline * 100 if baseline > 0 else (0.0 if plan <= 0 else top)
    return CostSummary(
        horizon_years=cost.horizon_years,
        baseline_band_jpy=cost_band(baseline),
        plan_band_jpy=cost_band(plan),
        change_pct_band=change_band(change),
    )
