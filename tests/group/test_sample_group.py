"""The sample group inventories/inba-public: its generated members are not stale, it is a group worth assessing
(types, sizes, a contract running years longer, vendors and a known-exploited appliance shared across members), and
its committed reports are whole, not stale, render offline, and show package fit, the shared cost case per member,
the joint waves and the blast radius per state."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest

from hismigrate.load.group_source import load_group, load_members
from tests.conftest import REPO
from tests.libreoffice import find_libreoffice, libreoffice_convert
from tests.report.chromium import find_chromium, load_page

SAMPLE = REPO / "inventories" / "inba-public"
REPORTS = REPO / "reports" / "samples" / "inba-public"
FILES = ["group.json", "report.html", "report.md", "report.xlsx"]


def _module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up while being made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def data() -> dict:  # type: ignore[type-arg]
    return json.loads((REPORTS / "group.json").read_text(encoding="utf-8"))


def test_generated_members_are_not_stale() -> None:
    rendered = _module(REPO / "inventories" / "generate_group.py", "generate_group").render()
    folder = SAMPLE / "members"
    assert sorted(rendered) == sorted(str(p.relative_to(folder)) for p in folder.glob("*/*.yaml"))
    for name, text in rendered.items():
        assert (folder / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run inventories/generate_group.py"
        )


def test_the_sample_group_is_worth_assessing() -> None:
    inventories = load_members(load_group(SAMPLE / "group.yaml"))
    types = {i.hospital.type.value for i in inventories}
    assert types == {"acute", "chronic", "mixed", "psychiatric"} and len(inventories) == 5
    assert {i.hospital.prefecture.value for i in inventories} == {"chiba"}
    assert {i.hospital.founder.value for i in inventories} == {"public"}
    assert "sakura-general" in {i.hospital.id for i in inventories}
    late = [
        i
        for i in inventories
        if any(s.category.value == "emr" and s.contract_end and s.contract_end.year >= 2031 for s in i.systems)
    ]
    assert len(late) == 1
    forti = {
        i.hospital.id
        for i in inventories
        for c in i.connections
        if c.device_product == "FortiGate 60E" and c.device_version == "6.0.4"
    }
    assert len(forti) >= 3


def test_committed_reports_are_whole_and_not_stale(tmp_path: Path) -> None:
    assert sorted(p.name for p in REPORTS.iterdir()) == FILES
    generator = _module(REPO / "reports" / "generate.py", "reports_generate")
    generator.generate(SAMPLE, tmp_path)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (REPORTS / name).read_bytes(), (
            f"inba-public/{name} is stale: run `python reports/generate.py inventories/inba-public`"
        )


def test_the_report_shows_fit_cost_waves_and_blast(data: dict) -> None:  # type: ignore[type-arg]
    md = (REPORTS / "report.md").read_text(encoding="utf-8")
    for heading in (
        "## 要約",
        "## 参加病院の比較",
        "## パッケージ適合",
        "## 共同利用の費用",
        "## 共同ウェーブ",
        "## 地域への影響範囲",
    ):
        assert heading in md
    names = [m["name"] for m in data["members"]]
    cost_section = md.split("## 共同利用の費用")[1].split("## 共同ウェーブ")[0]
    assert all(name in cost_section for name in names), "the shared cost case per member"
    assert "共同利用が割高" in cost_section and "共同利用が割安" in cost_section
    blast = md.split("## 地域への影響範囲")[1]
    for state in data["blast"]["states"][1:]:
        assert f"第{state['index']}ウェーブ" in blast or "全計画完了" in blast
    assert len(data["blast"]["states"]) >= 3 and data["plan"]["waves"]
    assert "<svg" in (REPORTS / "report.html").read_text(encoding="utf-8").split('id="waves"')[1]


def test_the_group_figures_hold_together(data: dict) -> None:  # type: ignore[type-arg]
    cost = data["cost"]
    assert cost["npv_saving_jpy"] == sum(m["npv_saving_jpy"] for m in cost["members"])
    assert sorted(cost["dearer"]) == sorted(m["member"] for m in cost["members"] if m["npv_saving_jpy"] < 0)
    assert abs(sum(m["share"] for m in cost["members"]) - 1) < 1e-5
    last = data["blast"]["states"][-1]
    outage = next(s for s in last["scenarios"] if s["scenario"] == "region_down")
    assert outage["group"]["beds"] == sum(m["beds"] for m in outage["group"]["members"] if m["critical1"])


def test_the_workbook_has_every_section(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(REPORTS / "report.xlsx", read_only=True)
    leads = {name.split(" ")[0].split(".")[0] for name in workbook.sheetnames}
    assert leads == {"1", "2", "3", "4", "5", "6", "7"}
    if find_libreoffice() is not None:
        result = libreoffice_convert(REPORTS / "report.xlsx", tmp_path, "pdf")
        assert result.returncode == 0 and (tmp_path / "report.pdf").stat().st_size > 10_000


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_the_html_renders_offline_with_the_summary_first(tmp_path: Path) -> None:
    report = load_page(REPORTS / "report.html", tmp_path / "first-screen.png")
    assert report.console_errors == [] and report.requests == []
    assert "共同利用の評価" in report.first_screen_text
