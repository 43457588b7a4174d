"""The section builders: every section in both languages, the diagram adapter, the fee-revision markers, and the
writers laying out the same sections (a section title in every format)."""

from __future__ import annotations

import io
from datetime import date
from functools import cache

import pytest
from openpyxl import load_workbook

from hismigrate.load import load_inventory
from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory
from hismigrate.report.estate_diagram import estate_diagram
from hismigrate.report.sections import BUILDERS, build_sections
from hismigrate.report.sections.plan import fee_revisions
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


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2026, 12, 1), date(2030, 6, 30), [date(2028, 4, 1), date(2030, 4, 1)]),
        (date(2026, 4, 1), date(2026, 4, 1), [date(2026, 4, 1)]),
        (date(2026, 4, 2), date(2028, 3, 31), []),
        (date(2027, 1, 1), date(2027, 12, 31), []),
    ],
)
def test_fee_revisions_are_april_of_even_years(first: date, last: date, expected: list[date]) -> None:
    assert fee_revisions(first, last) == expected


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
