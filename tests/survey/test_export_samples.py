"""The sample hospitals exported: they aggregate back into tables that show their values, and no export carries
anything of the inventory that could identify the hospital (JSON and xlsx, given code and hashed code)."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hismigrate.load import load_inventory
from hismigrate.model.assessment import Assessment
from hismigrate.model.calendar import fiscal_year
from hismigrate.model.enums import Prefecture
from hismigrate.model.inventory import Inventory
from hismigrate.model.submission import BedClass, ChecklistStatus, Submission
from hismigrate.model.submission_codes import official_code, vocabulary
from hismigrate.survey.export import build_submission
from hismigrate.survey.rows import ADOPTION_ITEMS
from hismigrate.survey.write import write_submission
from tests.conftest import SAMPLES as HOSPITAL_SAMPLES
from tests.survey.helpers import grids
from tests.survey.leaks import counts_match, json_leaves, leaks, xlsx_leaves

REPO = Path(__file__).resolve().parents[2]
SAMPLES = HOSPITAL_SAMPLES  # the sample hospitals (not the sample group)
AS_OF = date(2026, 10, 1)
SALT = b"a test salt that nobody else holds"
NUMBERS = {name.name: number for number, name in enumerate(SAMPLES, start=1)}


def code_of(inventory: Inventory, sample: str) -> str:
    """An official code issued in the sample's prefecture."""
    return official_code(list(Prefecture).index(inventory.hospital.prefecture) + 1, "1", NUMBERS[sample])


@pytest.fixture(scope="module")
def assessed() -> dict[str, tuple[Inventory, Assessment]]:
    """Each sample assessed once for the whole module: the pipeline takes seconds per sample."""
    from hismigrate.load.inputs import Inputs
    from hismigrate.load.settings_source import load_settings
    from hismigrate.model.prices import shipped_catalog
    from hismigrate.pipeline import assess

    settings = load_settings(None)
    inputs = Inputs(as_of=AS_OF, settings=settings, catalog=shipped_catalog(settings.cost.provider))
    out = {}
    for sample in SAMPLES:
        inventory = load_inventory([sample])
        out[sample.name] = (inventory, assess(inventory, inputs))
    return out


@pytest.fixture(scope="module")
def submissions(assessed) -> dict[str, Submission]:  # type: ignore[no-untyped-def]
    return {
        name: build_submission(assessment, inventory, facility_code=code_of(inventory, name))
        for name, (inventory, assessment) in assessed.items()
    }


def test_three_samples_one_per_bed_class(submissions) -> None:  # type: ignore[no-untyped-def]
    assert len(SAMPLES) == 3
    assert sorted(s.bed_class for s in submissions.values()) == sorted(BedClass)


def _pct(flags: list[bool]) -> float:
    return round(sum(flags) / len(flags) * 100, 1)


def _cells(row: list[str]) -> list[object]:
    """Cells as numbers where they are numbers: the HTML shows 100.0 where the CSV writes 100."""
    out: list[object] = []
    for cell in row:
        try:
            out.append(float(cell.replace(",", "")))
        except ValueError:
            out.append(cell)
    return out


def _aggregate(tmp_path: Path, submissions: dict[str, Submission]) -> Path:
    inputs = tmp_path / "in"
    for number, (name, submission) in enumerate(sorted(submissions.items())):
        write_submission(submission, inputs / f"{name}.{'xlsx' if number == 1 else 'json'}")
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "hismigrate", "survey", "aggregate", str(inputs), "-o", str(out), "--min-cell", "1"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en", "COLUMNS": "200"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def aggregated(tmp_path_factory, submissions) -> Path:  # type: ignore[no-untyped-def]
    return _aggregate(tmp_path_factory.mktemp("round"), submissions)


def _by_class(submissions: dict[str, Submission]) -> list[Submission]:
    return sorted(submissions.values(), key=lambda s: list(BedClass).index(s.bed_class))


@pytest.mark.parametrize("output", ["csv", "xlsx", "html"])
def test_adoption_table_shows_each_sample(aggregated, submissions, output: str) -> None:  # type: ignore[no-untyped-def]
    grid = grids(aggregated, "adoption_by_class")[output]
    ordered = _by_class(submissions)
    assert _cells(grid[1][1:]) == [1, 1, 1, 3]
    for row, item in zip(grid[2:], ADOPTION_ITEMS, strict=True):
        flags = [_flag(s, item) for s in ordered]
        assert _cells(row[1:]) == [_pct([f]) for f in flags] + [_pct(flags)], item


def _flag(submission: Submission, item: str) -> bool:
    a = submission.adoption
    if item.startswith("ordering_"):
        return a.ordering_kinds[item.removeprefix("ordering_")]  # type: ignore[index]
    if item.startswith("dept_"):
        return a.departments[item.removeprefix("dept_")]  # type: ignore[index]
    return bool(getattr(a, item))


@pytest.mark.parametrize("output", ["csv", "xlsx", "html"])
def test_checklist_and_exposure_tables_show_each_sample(aggregated, submissions, output: str) -> None:  # type: ignore[no-untyped-def]
    ordered = _by_class(submissions)
    checklist = grids(aggregated, "checklist_by_class")[output]
    for row in checklist[2:]:
        passed = [s.checklist[row[0]] == ChecklistStatus.passed for s in ordered]
        assert _cells(row[1:]) == [_pct([p]) for p in passed] + [_pct(passed)], row[0]
    exposure = grids(aggregated, "exposure_by_class")[output]
    for row, submission in zip(exposure[1:4], ordered, strict=True):
        now, after = submission.exposure.now, submission.exposure.after_plan
        assert _cells(row[1:]) == [1, now, now, now, 1, after, after, after]


def test_timeline_shows_each_sample_plan(aggregated, submissions) -> None:  # type: ignore[no-untyped-def]
    timeline = grids(aggregated, "timeline")["csv"]
    first = fiscal_year(AS_OF)
    assert [r[0] for r in timeline[1:]] == [f"FY{y}" for y in range(first, first + 10)] + [f"FY{first + 10} and later"]
    for number, row in enumerate(timeline[1:]):
        year = first + number
        moving = sum(1 for s in submissions.values() if any(v > 0 for y, v in s.plan.by_year.items() if y == year))
        if number == 10:  # the years after together
            moving = sum(1 for s in submissions.values() if any(v > 0 for y, v in s.plan.by_year.items() if y >= year))
        assert row[1] == (str(moving) if moving else "-"), row


def test_findings_table_counts_the_samples_findings(aggregated, submissions) -> None:  # type: ignore[no-untyped-def]
    findings = grids(aggregated, "findings")["csv"]
    assert [row[0] for row in findings[1:]] == list(vocabulary()["checks"])  # every check, in the catalog's order
    for row in findings[1:]:
        check = row[0]
        hospitals = sum(1 for s in submissions.values() if check in s.findings)
        total = sum(sum(s.findings.get(check, {}).values()) for s in submissions.values())
        assert (row[3], row[5]) == ((str(hospitals), str(total)) if hospitals else ("-", "-")), check


@pytest.mark.parametrize("sample", [s.name for s in SAMPLES])
@pytest.mark.parametrize("hashed", [False, True], ids=["code", "hashed"])
def test_no_export_leaks_the_inventory(tmp_path: Path, assessed, sample: str, hashed: bool) -> None:  # type: ignore[no-untyped-def]
    inventory, assessment = assessed[sample]
    submission = build_submission(
        assessment, inventory, facility_code=None if hashed else code_of(inventory, sample), salt=SALT
    )
    own = {submission.facility_code, submission.as_of.isoformat()}
    for suffix, leaves in ((".json", json_leaves), (".xlsx", xlsx_leaves)):
        target = tmp_path / f"submission{suffix}"
        write_submission(submission, target)
        found = list(leaves(target))
        assert len(found) > 40, "the scan must see the whole submission"
        assert leaks(found, inventory, assessment, own) == [], target.name
        assert counts_match(found, inventory, assessment) == [], target.name


def test_the_scan_catches_planted_leaks(assessed) -> None:  # type: ignore[no-untyped-def]
    """The leak scan can fail: a hostname, an exact bed count, free text and an exact cost are each caught."""
    inventory, assessment = assessed[SAMPLES[0].name]
    base = [("bed_class", "under_200"), ("counts.servers", len(inventory.servers))]
    planted = [
        ("note", f"see {inventory.servers[0].hostname}"),
        ("beds", inventory.hospital.beds),
        ("cost.exact", assessment.cost.years[0].baseline_jpy),
        ("founder", "a free text"),
    ]
    assert leaks(base, inventory, assessment, set()) == []
    for leaf in planted:
        assert leaks([*base, leaf], inventory, assessment, set()), leaf
    assert leaks([*base, ("counts.systems", inventory.hospital.beds)], inventory, assessment, set())
    price = ("counts.servers", len(inventory.servers) + 1)
    assert counts_match([*base[:1], price], inventory, assessment)
