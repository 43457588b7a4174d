"""The committed sample reports (reports/samples/<hospital id>/) are whole, valid, render offline and are not stale.

Staleness: every sample is regenerated with `reports/generate.py` and compared byte for byte, and its HTML,
Markdown and workbook are also re-rendered from the committed assessment.json (so a stale writer is told apart from a
stale analysis).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import jsonschema
import pytest

from hismigrate.i18n import t
from hismigrate.load import load_inventory
from hismigrate.model.assessment import Assessment
from hismigrate.report.writers import WRITERS, as_bytes, render
from tests.conftest import REPO, SAMPLE_REPORTS

from .chromium import find_chromium, load_page
from .reports_support import OUTPUTS, result_schema

REPORTS = REPO / "reports"
SAMPLES = ("aozora-chronic", "sakura-general", "minato-university")


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reports_generate", REPORTS / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _committed(hospital: str) -> Path:
    folder = SAMPLE_REPORTS / hospital
    if not folder.is_dir():
        pytest.fail(f"{folder} is missing: run `python reports/generate.py`")
    return folder


@pytest.fixture(scope="module")
def schema() -> dict:  # type: ignore[type-arg]
    return result_schema()


@pytest.mark.parametrize("hospital", SAMPLES)
def test_committed_reports_are_whole_and_valid(hospital: str, schema: dict) -> None:  # type: ignore[type-arg]
    folder = _committed(hospital)
    assert sorted(p.name for p in folder.iterdir()) == sorted(OUTPUTS)
    data = json.loads((folder / "assessment.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert data["as_of"] == _generator().AS_OF


@pytest.mark.parametrize("hospital", SAMPLES)
def test_committed_reports_render_from_their_assessment(hospital: str) -> None:
    """The writers of today give the committed HTML, Markdown and workbook from the committed result."""
    folder = _committed(hospital)
    assessment = Assessment.model_validate_json((folder / "assessment.json").read_bytes())
    inventory = load_inventory([REPO / "inventories" / hospital])
    for name, data in render(assessment, inventory, "ja", list(WRITERS)):
        assert as_bytes(data) == (folder / name).read_bytes(), (
            f"{hospital}/{name} is stale: run `python reports/generate.py`"
        )


def _regenerate_and_compare(hospital: str, tmp_path: Path) -> None:
    _generator().generate(REPO / "inventories" / hospital, tmp_path)
    for name in OUTPUTS:
        assert (tmp_path / name).read_bytes() == (_committed(hospital) / name).read_bytes(), (
            f"{hospital}/{name} is stale: run `python reports/generate.py`"
        )


@pytest.mark.parametrize("hospital", SAMPLES)
def test_committed_reports_are_not_stale(hospital: str, tmp_path: Path) -> None:
    _regenerate_and_compare(hospital, tmp_path)


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
@pytest.mark.parametrize("hospital", SAMPLES)
def test_committed_html_renders_offline_with_the_summary_first(hospital: str, tmp_path: Path) -> None:
    folder = _committed(hospital)
    report = load_page(folder / "report.html", tmp_path / "first-screen.png")
    assert report.console_errors == []
    assert report.requests == []
    summary = json.loads((folder / "assessment.json").read_text(encoding="utf-8"))["summary"]
    band_now, band_after = (t(f"report.band.{summary[k]}", "ja") for k in ("exposure_band_now", "exposure_band_after"))
    now, after = (
        f"{summary['exposure_index_now']:.1f} {band_now}",
        f"{summary['exposure_index_after']:.1f} {band_after}",
    )
    assert now in report.first_screen_text and after in report.first_screen_text  # the band in words beside the number
    assert "概要" in report.first_screen_text and "移行ウェーブ数" in report.first_screen_text
