"""report.html: the sections laid out in one offline HTML file (inline CSS and SVG, no script, no URL)."""

from __future__ import annotations

from collections.abc import Sequence

from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory
from hismigrate.report.environment import make_environment
from hismigrate.report.sections import build_sections, report_title
from hismigrate.report.sections.model import Section


def report_html(
    assessment: Assessment, inventory: Inventory, lang: str, sections: Sequence[Section] | None = None
) -> bytes:
    """The page; `sections` when the caller has built them already (they are built here otherwise)."""
    env = make_environment(lang)
    h = assessment.hospital
    hospital_line = env.globals["t"](
        "report.hospital_facts",
        beds=h.beds,
        bed_class=h.bed_class,
        type=env.filters["label"](h.type),
        prefecture=env.filters["label"](h.prefecture),
        founder=env.filters["label"](h.founder),
    )
    html = env.get_template("report.html").render(
        report_title=report_title(assessment, lang),
        as_of=assessment.as_of,
        hospital_line=hospital_line,
        sections=sections if sections is not None else build_sections(assessment, inventory, lang),
    )
    return html.encode("utf-8")
