"""The group report's formats: HTML, Markdown and the workbook laid out from the same sections as a hospital's
report (by the same writers), and the GroupAssessment as JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hismigrate.model.group_result import GroupAssessment
from hismigrate.model.inventory import Inventory
from hismigrate.report.group import blast, cost, fit, members, sources, summary, waves
from hismigrate.report.group.context import GroupReportContext
from hismigrate.report.sections.model import Section

BUILDERS = (summary, members, fit, cost, waves, blast, sources)
GroupWriter = Callable[[GroupAssessment, Sequence[Section], str], bytes]


def build_group_sections(result: GroupAssessment, inventories: Sequence[Inventory], lang: str) -> list[Section]:
    ctx = GroupReportContext(result, {i.hospital.id: i for i in inventories}, lang)
    return [builder.build(ctx) for builder in BUILDERS]


def group_title(result: GroupAssessment, lang: str) -> str:
    from hismigrate.i18n import t

    return t("group.report.title", lang, group=result.group.name)


def _facts(result: GroupAssessment, lang: str) -> str:
    from hismigrate.i18n import label, t

    g = result.group
    return t(
        "group.report.facts",
        lang,
        members=g.members,
        beds=g.beds,
        categories=("、" if lang == "ja" else ", ").join(label(c, lang) for c in g.categories),
        allocation=label(g.allocation, lang),
    )


def _html(result: GroupAssessment, sections: Sequence[Section], lang: str) -> bytes:
    from hismigrate.report.environment import make_environment

    html = (
        make_environment(lang)
        .get_template("report.html")
        .render(
            report_title=group_title(result, lang),
            as_of=result.as_of,
            hospital_line=_facts(result, lang),
            sections=sections,
        )
    )
    return html.encode("utf-8")


def _md(result: GroupAssessment, sections: Sequence[Section], lang: str) -> bytes:
    from hismigrate.report.md_writer import sections_markdown

    return sections_markdown(group_title(result, lang), result.as_of, sections, result.tool_version, lang)


def _xlsx(result: GroupAssessment, sections: Sequence[Section], lang: str) -> bytes:
    from hismigrate.report.xlsx_tables import workbook_bytes
    from hismigrate.report.xlsx_writer import sections_tables

    return workbook_bytes(sections_tables(sections), lang)


def _json(result: GroupAssessment, sections: Sequence[Section], lang: str) -> bytes:
    # compact, as assessment.json (a group's result is small: written whole)
    return result.model_dump_json().encode("utf-8") + b"\n"


def group_result_schema() -> dict:  # type: ignore[type-arg]
    """The JSON Schema of group.json (its description says what each schema version changed)."""
    schema = GroupAssessment.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "hismigrate group assessment"
    return schema


# format -> (file name, writer), in the order `--format` lists them by default
GROUP_WRITERS: dict[str, tuple[str, GroupWriter]] = {
    "html": ("report.html", _html),
    "md": ("report.md", _md),
    "xlsx": ("report.xlsx", _xlsx),
    "json": ("group.json", _json),
}


def render_group(
    result: GroupAssessment, inventories: Sequence[Inventory], lang: str, formats: Sequence[str]
) -> list[tuple[str, bytes]]:
    """(file name, bytes) of each format, in the order given; the sections are built once for all of them."""
    sections = build_group_sections(result, inventories, lang) if set(formats) - {"json"} else []
    return [(GROUP_WRITERS[f][0], GROUP_WRITERS[f][1](result, sections, lang)) for f in formats]


__all__ = ["GROUP_WRITERS", "build_group_sections", "group_result_schema", "group_title", "render_group"]
