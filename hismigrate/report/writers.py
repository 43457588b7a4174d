"""The report formats and the function that renders each from an Assessment (and the inventory, for the appendix).

Every writer returns bytes; the CLI writes them atomically. Adding a format is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory

Writer = Callable[[Assessment, Inventory, str], bytes]


def _json(assessment: Assessment, inventory: Inventory, lang: str) -> bytes:
    from hismigrate.report.json_writer import assessment_json

    return assessment_json(assessment)


def _html(assessment: Assessment, inventory: Inventory, lang: str) -> bytes:
    from hismigrate.report.html_writer import report_html

    return report_html(assessment, inventory, lang)


def _md(assessment: Assessment, inventory: Inventory, lang: str) -> bytes:
    from hismigrate.report.md_writer import report_markdown

    return report_markdown(assessment, inventory, lang)


def _xlsx(assessment: Assessment, inventory: Inventory, lang: str) -> bytes:
    from hismigrate.report.xlsx_writer import report_xlsx

    return report_xlsx(assessment, inventory, lang)


# format -> (file name, writer), in the order `--format` lists them by default
WRITERS: dict[str, tuple[str, Writer]] = {
    "html": ("report.html", _html),
    "md": ("report.md", _md),
    "xlsx": ("report.xlsx", _xlsx),
    "json": ("assessment.json", _json),
}
