"""The section builders: every section in both languages, the diagram adapter, the fee-revision windows, and the
writers laying out the same sections (a section title in every format)."""

from __future__ import annotations

import io
import re
from datetime import date
from functools import cache

import pytest
from openpyxl import load_workbook

from hismigrate.load import load_inventory
from hismigrate.model.assessment import Assessment
from hismigrate.model.fee_revision import blackouts
from hismigrate.model.inventory import Inventory
from hismigrate.model.resilience import SinglePoint
from hismigrate.report.estate_diagram import estate_diagram
from hismigrate.report.sections import BUILDERS, build_sections
from hismigrate.report.sections import plan as plan_section
from hismigrate.report.sections import resilience as resilience_section
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.writers import WRITERS
from hismigrate.report.xlsx_writer import workbook_tables
from tests.conftest import REPO, SAMPLE_REPORTS

HOSPITAL = "aozora-chronic"


@cache
def _inputs() -> tuple[Assessment, Inventory]:
    path = SAMPLE_REPORTS / HOSPITAL / "assessment.json"
    if not path.exists():
        pytest.skip("sample report absent")
    return Assessment.model_validate_json(path.read_bytes()), load_inventory([REPO / "inventories" / HOSPITAL])


def test_the_timeline_draws_the_windows_the_plan_avoided_and_nothing_else() -> None:
    assessment, inventory = _inputs()
    windows = blackouts(date(2026, 12, 1), date(2031, 1, 1), 3, 2)  # not the default: the chart must follow the data
    assert len(windows) == 2
    shown = assessment.model_copy(update={"revision_blackouts": windows})
    figure = next(p for p in plan_section.build(ReportContext(shown, inventory, "ja")).parts if p.kind == "figure")
    svg = str(figure.svg)
    dashed = re.findall(r'<line x1="([\d.]+)"[^>]*stroke-dasharray', svg)
    spans = re.findall(
        r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*fill-opacity[^>]*><title>([^<]*)</title>', svg
    )
    assert len(dashed) == len(spans) == 2
    assert [t for _, _, t in spans] == [
        "2028年3月〜2028年8月（2028年6月1日施行の改定）",
        "2030年3月〜2030年8月（2030年6月1日施行の改定）",
    ]
    for x, (left, width, _) in zip(dashed, spans, strict=True):
        assert float(left) < float(x) < float(left) + float(width)  # each revision inside its window
    assert "2028年3月〜2028年8月" in figure.text.caption and "破線は診療報酬改定の施行日" in figure.text.caption
    assert "偶数年の4月" not in figure.text.caption
    # no window, no dashed line: the chart has no rule of its own
    bare = assessment.model_copy(update={"revision_blackouts": ()})
    figure = next(p for p in plan_section.build(ReportContext(bare, inventory, "en")).parts if p.kind == "figure")
    assert "stroke-dasharray" not in str(figure.svg) and "fill-opacity" not in str(figure.svg)


@pytest.mark.parametrize(("lang", "words"), [("ja", "既にクラウドで稼働"), ("en", "Already in the cloud")])
def test_the_plan_says_which_systems_are_already_in_the_cloud(lang: str, words: str) -> None:
    assessment, inventory = _inputs()
    intro = next(
        p for p in plan_section.build(ReportContext(assessment, inventory, lang)).parts if p.kind == "paragraph"
    )
    assert words not in intro.text
    strategies = tuple(
        s.model_copy(update={"already_in_cloud": True}) if s.system == "groupware" else s for s in assessment.strategies
    )
    shown = assessment.model_copy(update={"strategies": strategies})
    intro = next(p for p in plan_section.build(ReportContext(shown, inventory, lang)).parts if p.kind == "paragraph")
    name = inventory.by_id().systems["groupware"].name
    assert words in intro.text and name in intro.text.split(words)[-1]


def test_single_servers_are_grouped_by_the_system_they_run() -> None:
    assessment, inventory = _inputs()
    emr = inventory.by_id().systems["emr"]
    points = (
        SinglePoint(node_type="segment", node=inventory.servers[0].segment, cuts=("emr",)),
        *(SinglePoint(node_type="server", node=v, cuts=("emr", "pharmacy"), systems=("emr",)) for v in emr.servers),
        SinglePoint(node_type="server", node="aoz-rece01", cuts=("billing",), systems=("billing",)),
    )
    state = assessment.states[0]
    state = state.model_copy(update={"resilience": state.resilience.model_copy(update={"single_points": points})})
    shown = assessment.model_copy(update={"states": (state,)})
    section = resilience_section.build(ReportContext(shown, inventory, "ja"))
    table = next(p.table for p in section.parts if p.kind == "table" and "単一障害点" in p.table.title)
    rows = [list(r) for r in table.rows]
    assert len(rows) == 3  # the segment, the EMR's servers in one row, the billing server
    assert rows[0][0] is None and rows[0][1] == "セグメント"
    assert rows[1][0] == emr.name and rows[1][3] == f"{emr.name}、薬剤部門システム(調剤支援)"
    assert rows[1][2] == "、".join(sorted(inventory.by_id().servers[v].hostname for v in emr.servers))
    assert rows[2][2] == "AOZ-RECE01"


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_section_builds_in_both_languages(lang: str) -> None:
    assessment, inventory = _inputs()
    sections = build_sections(assessment, inventory, lang)
    assert [s.id for s in sections] == [
        "summary",
        "findings",
        "checklist",
        "attack-paths",
        "estate",
        "plan",
        "cost",
        "resilience",
        "appendix",
    ]
    assert len(sections) == len(BUILDERS)
    assert all(s.title and s.parts for s in sections)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_three_formats_show_the_same_sections(lang: str) -> None:
    assessment, inventory = _inputs()
    sections = build_sections(assessment, inventory, lang)
    page = WRITERS["html"][1](assessment, inventory, lang).decode()
    text = WRITERS["md"][1](assessment, inventory, lang).decode()
    workbook = load_workbook(io.BytesIO(WRITERS["xlsx"][1](assessment, inventory, lang)))
    for number, section in enumerate(sections, start=1):
        assert f'id="{section.id}">' in page and f"<h2>{section.title}</h2>" in page
        assert f"## {section.title}" in text
        assert any(name.split(" ")[0].split(".")[0] == str(number) for name in workbook.sheetnames), section.id
    titles = [t.title for t in workbook_tables(assessment, inventory, lang)]
    assert [ws["A1"].value for ws in workbook.worksheets] == titles


def test_estate_diagram_puts_each_system_once_on_its_side() -> None:
    assessment, inventory = _inputs()
    moved = set(assessment.states[-1].systems_in_cloud)
    diagram = estate_diagram(inventory, moved, ["connection:rm-pacs"], "ja", "回線 {mbps} Mbps")
    on_prem = [s.id for seg in diagram.segments for s in seg.systems]
    in_cloud = [s.id for s in diagram.cloud]
    assert sorted(in_cloud) == sorted(moved)
    assert not set(on_prem) & moved
    assert len(on_prem) == len(set(on_prem))
    with_servers = {s.id for s in inventory.systems if s.servers}
    assert set(on_prem) | set(in_cloud) >= with_servers
    flagged = {c.id for c in diagram.connections if c.flagged}
    assert flagged == {"rm-pacs"}
    before = estate_diagram(inventory, set(), [], "ja", "回線 {mbps} Mbps")
    assert before.cloud == () and before.cloud_link == ""


@pytest.mark.parametrize(
    ("npv", "ja", "en"),
    [
        (
            -131_699_052,
            "1.3億円高くなります（節減額 -1.3億円、",
            "costs ¥131.7 million more than staying on premises, in net present value (saving -¥131.7 million ",
        ),
        (
            42_000_000,
            "4,200万円安くなります（節減額 +4,200万円、",
            "costs ¥42 million less than staying on premises, in net present value (saving +¥42 million ",
        ),
        (0, "変わりません（節減額 0円）", "costs the same as staying on premises (saving ¥0)"),
    ],
)
def test_the_cost_sentence_says_the_direction_in_words_and_sign(npv: int, ja: str, en: str) -> None:
    from hismigrate.report.sections.saving import cost_sentence

    assessment, inventory = _inputs()
    verdict = "saves" if npv > 0 else "costs" if npv < 0 else "neutral"
    cost = assessment.cost.model_copy(update={"npv_saving_jpy": npv, "verdict": verdict})
    shown = assessment.model_copy(update={"cost": cost})
    assert ja in cost_sentence(ReportContext(shown, inventory, "ja"))
    assert en in cost_sentence(ReportContext(shown, inventory, "en"))


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_summary_names_the_estimates_and_their_share_of_the_plan(lang: str) -> None:
    from hismigrate.report.formats import format_jpy, format_pct
    from hismigrate.report.sections.summary import rests_on

    assessment, inventory = _inputs()
    estimates = assessment.cost.estimates
    assert estimates.items and estimates.settings and 0 < estimates.share < 1
    (said,) = [s for s in rests_on(ReportContext(assessment, inventory, lang)) if format_pct(estimates.share) in s]
    assert format_jpy(estimates.plan_jpy, lang) in said
    assert all(item in said for item in estimates.items) and "cost.one_time" in said
    none = assessment.cost.model_copy(update={"estimates": estimates.model_copy(update={"items": (), "settings": ()})})
    plain = rests_on(ReportContext(assessment.model_copy(update={"cost": none}), inventory, lang))
    assert not [s for s in plain if format_pct(estimates.share) in s]
