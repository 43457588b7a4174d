"""report.xlsx: every section's tables as sheets (numbers as numbers with formats, filters, formulas neutralised),
in report order, each sheet named after its section so the workbook reads like the report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory
from hismigrate.report.sections import build_sections
from hismigrate.report.sections.model import Section
from hismigrate.report.tables import Table
from hismigrate.report.xlsx_tables import workbook_bytes

MAX_SHEET_NAME = 31  # Excel's limit


def workbook_tables(
    assessment: Assessment, inventory: Inventory, lang: str, sections: Sequence[Section] | None = None
) -> list[Table]:
    """The sheets: `<section number>.<table number> <sheet name>`, each name meaningful within Excel's 31
    characters (a table names its sheet in the catalogs: `report.sheet.*`); a longer one is a mistake, never cut."""
    if sections is None:
        sections = build_sections(assessment, inventory, lang)
    return sections_tables(sections)


def sections_tables(sections: Sequence[Section]) -> list[Table]:
    """Every section's tables as sheets, named `<section>.<table> <sheet name>` (the hospital's report and the
    group's); a name longer than Excel's 31 characters is a mistake, never cut."""
    tables: list[Table] = []
    for number, section in enumerate(sections, start=1):
        sheets = section.sheets()
        for sub, table in enumerate(sheets, start=1):
            prefix = f"{number}" if len(sheets) == 1 else f"{number}.{sub}"
            name = f"{prefix} {table.sheet or table.title}"
            if len(name) > MAX_SHEET_NAME:
                raise ValueError(f"sheet name {name!r} is longer than Excel's {MAX_SHEET_NAME} characters")
            tables.append(replace(table, sheet=name))
    return tables


def report_xlsx(
    assessment: Assessment, inventory: Inventory, lang: str, sections: Sequence[Section] | None = None
) -> bytes:
    return workbook_bytes(workbook_tables(assessment, inventory, lang, sections), lang)
