"""The report's sections, built once from the Assessment and laid out by each writer (HTML, Markdown, Excel), so
the formats never drift. Each module turns part of the Assessment into tables, chart inputs and sentences."""

from __future__ import annotations

from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory
from hismigrate.report.sections import (
    appendix,
    attack_paths,
    checklist,
    cost,
    estate,
    findings,
    plan,
    resilience,
    summary,
)
from hismigrate.report.sections.context import ReportContext
from hismigrate.report.sections.model import Section

BUILDERS = (summary, findings, checklist, attack_paths, estate, plan, cost, resilience, appendix)


def build_sections(assessment: Assessment, inventory: Inventory, lang: str) -> list[Section]:
    """Every section in report order."""
    ctx = ReportContext(assessment, inventory, lang)
    return [builder.build(ctx) for builder in BUILDERS]


def report_title(assessment: Assessment, lang: str) -> str:
    from hismigrate.i18n import t

    return t("report.title", lang, hospital=assessment.hospital.name)
