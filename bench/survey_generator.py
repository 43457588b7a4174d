"""Deterministic synthetic survey submissions with settable adoption rates, for benchmarks and tests.

python -m bench.survey_generator 10000 OUT_DIR [--seed 0] [--xlsx-every 0]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hismigrate.model.enums import ConnectionKind, Founder, HospitalType, Prefecture, SystemCategory
from hismigrate.model.submission import (
    BedClass,
    OrderingKind,
    Severity,
    Submission,
    change_band,
    cost_band,
    region_of,
)
from hismigrate.model.submission_codes import official_code

# The 2023 MHLW survey of general hospitals (see shared DOMAIN.md). EMR is given by class; the ordering kinds and
# PACS only overall, so every class gets the overall rate. Ordering kinds are drawn among hospitals with ordering,
# at kind/ordering, so that the overall kind rates come out as published.
EMR_2023 = {BedClass.under_200: 0.590, BedClass.from_200_to_399: 0.792, BedClass.from_400: 0.937}
ORDERING_2023 = 0.680
ORDERING_KINDS_2023 = {
    OrderingKind.lab: 0.653,
    OrderingKind.radiology: 0.640,
    OrderingKind.pharmacy: 0.661,
    OrderingKind.nutrition: 0.618,
    OrderingKind.other: 0.402,
}
PACS_2023 = 0.877
CLASS_MIX = {BedClass.under_200: 0.70, BedClass.from_200_to_399: 0.20, BedClass.from_400: 0.10}
"""Roughly the mix of general hospitals by class (about 7 in 10 have under 200 beds)."""

CHECK_IDS = (
    ("HIS-CONN-001", Severity.critical),
    ("HIS-CONN-004", Severity.high),
    ("HIS-CONN-005", Severity.high),
    ("HIS-CONN-011", Severity.medium),
    ("HIS-SRV-001", Severity.high),
    ("HIS-SRV-004", Severity.medium),
    ("HIS-BAK-002", Severity.high),
    ("HIS-SEG-002", Severity.medium),
    ("HIS-PRC-013", Severity.low),
)
CHECKLIST_ITEMS = (
    "1-(1)",
    "2-(1)",
    "2-(2)",
    "2-(3)",
    "2-(4)",
    "2-(5)",
    "2-(6)",
    "2-(7)",
    "2-(8)",
    "2-(9)",
    "3-(1)",
    "3-(2)",
    "3-(3)",
)


@dataclass(frozen=True)
class Rates:
    """Adoption rates by bed-size class (each a probability)."""

    emr: Mapping[BedClass, float] = field(default_factory=lambda: dict(EMR_2023))
    ordering: Mapping[BedClass, float] = field(default_factory=lambda: dict.fromkeys(BedClass, ORDERING_2023))
    ordering_kinds: Mapping[OrderingKind, float] = field(default_factory=lambda: dict(ORDERING_KINDS_2023))
    pacs: Mapping[BedClass, float] = field(default_factory=lambda: dict.fromkeys(BedClass, PACS_2023))


def _bed_classes(rng: random.Random, count: int, class_counts: Mapping[BedClass, int] | None) -> list[BedClass]:
    if class_counts is not None:
        return [c for c in BedClass for _ in range(class_counts.get(c, 0))]
    classes, weights = list(CLASS_MIX), list(CLASS_MIX.values())
    return rng.choices(classes, weights, k=count)


def generate(
    count: int = 0,
    seed: int = 0,
    rates: Rates | None = None,
    class_counts: Mapping[BedClass, int] | None = None,
    as_of: date = date(2025, 4, 1),
) -> Iterator[Submission]:
    """`count` submissions (or exactly `class_counts` per class), the same for the same arguments. Facility codes are
    official codes (check digit included) numbered from (seed mod 10) x 100,000: sets of different seeds do not
    share a hospital while each holds fewer than 100,000."""
    rates = rates or Rates()
    rng = random.Random(seed)
    prefectures = list(Prefecture)
    for number, bed_class in enumerate(_bed_classes(rng, count, class_counts)):
        prefecture = rng.choice(prefectures)
        ordering = rng.random() < rates.ordering[bed_class]
        base = rates.ordering[bed_class] or 1.0
        kinds = {k: ordering and rng.random() < min(1.0, p / base) for k, p in rates.ordering_kinds.items()}
        emr = rng.random() < rates.emr[bed_class]
        pacs = rng.random() < rates.pacs[bed_class]
        departments = {c: rng.random() < 0.5 for c in SystemCategory}
        departments.update({SystemCategory.emr: emr, SystemCategory.ordering: ordering, SystemCategory.pacs: pacs})
        size = {BedClass.under_200: 1, BedClass.from_200_to_399: 3, BedClass.from_400: 8}[bed_class]
        systems = rng.randint(4, 12) * size
        now = round(rng.uniform(15, 85), 1)
        waves = rng.randint(0, 4)
        years = sorted(rng.sample(range(2026, 2032), waves))
        shares = {y: round(0.6 / max(waves, 1), 3) for y in years}
        baseline = rng.uniform(5e6, 8e7) * size
        change = rng.gauss(15, 30)
        yield Submission(
            facility_code=official_code(prefectures.index(prefecture) + 1, "1", (seed % 10) * 100_000 + number),
            as_of=as_of,
            bed_class=bed_class,
            hospital_type=rng.choice([HospitalType.acute] * 6 + list(HospitalType)),
            prefecture=prefecture,
            region=region_of(prefecture),
            founder=rng.choice(list(Founder)),
            adoption={
                "emr": emr,
                "ordering": ordering,
                "ordering_kinds": kinds,
                "pacs": pacs,
                "departments": departments,
            },
            counts={
                "servers": systems * rng.randint(2, 4),
                "systems": systems,
                "connections": {k: rng.randint(0, 3) for k in ConnectionKind},
            },
            exposure={"now": now, "after_plan": round(now * rng.uniform(0.4, 1.0), 1)},
            findings={c: {s: rng.randint(1, 5)} for c, s in CHECK_IDS if rng.random() < 0.4},
            checklist={i: rng.choice(["pass", "pass", "fail", "unknown"]) for i in CHECKLIST_ITEMS},
            plan={"waves": waves, "already_in_cloud": 0.1, "by_year": shares},
            cost={
                "horizon_years": 10,
                "baseline_band_jpy": cost_band(baseline),
                "plan_band_jpy": cost_band(baseline * (1 + change / 100)),
                "change_pct_band": change_band(change),
            },
        )


def write(count: int, out_dir: Path, seed: int = 0, xlsx_every: int = 0) -> list[Path]:
    """Write `count` submissions as JSON files (every `xlsx_every`-th as a workbook when > 0)."""
    from hismigrate.survey.write import submission_json, submission_xlsx

    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for number, submission in enumerate(generate(count, seed)):
        if xlsx_every and number % xlsx_every == 0:
            path = out_dir / f"{submission.facility_code}.xlsx"
            path.write_bytes(submission_xlsx(submission))
        else:
            path = out_dir / f"{submission.facility_code}.json"
            path.write_text(submission_json(submission), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--xlsx-every", type=int, default=0)
    args = parser.parse_args()
    write(args.count, args.out_dir, args.seed, args.xlsx_every)


if __name__ == "__main__":
    main()
