"""report.md: the sections as Markdown text and tables; a chart shows as its title and caption (its figures are
in the tables next to it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from hismigrate.i18n import t
from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory
from hismigrate.report.formats import format_date, format_pct
from hismigrate.report.markdown import md_escape, md_table
from hismigrate.report.sections import build_sections, report_title
from hismigrate.report.sections.model import AttackPaths, CheckGroups, Part, Section


def _part(part: Part, lang: str) -> list[str]:
    if part.kind == "paragraph":
        return [md_escape(part.text)]  # type: ignore[union-attr]
    if part.kind == "heading":
        return [f"### {md_escape(part.text)}"]  # type: ignore[union-attr]
    if part.kind == "bullets":
        return ["\n".join(f"- {md_escape(i)}" for i in part.items)]  # type: ignore[union-attr]
    if part.kind == "notice":
        items = "\n".join(f"> - {md_escape(i)}" for i in part.items)  # type: ignore[union-attr]
        return [f"> **{md_escape(part.title)}**\n>\n{items}"]  # type: ignore[union-attr]
    if part.kind == "key_figures":
        return [
            "\n".join(
                f"- {md_escape(f.name)}: **{md_escape(f.value)}**"
                + ((f"（{md_escape(f.detail)}）" if lang == "ja" else f" ({md_escape(f.detail)})") if f.detail else "")
                for f in part.figures  # type: ignore[union-attr]
            )
        ]
    if part.kind == "steps":
        return ["\n".join(f"{n}. **{md_escape(a)}** {md_escape(b)}" for n, (a, b) in enumerate(part.items, 1))]  # type: ignore[union-attr]
    if isinstance(part, CheckGroups):
        return [_check_groups(part, lang)]
    if part.kind == "table":
        return [md_table(part.table, lang).rstrip("\n")]  # type: ignore[union-attr]
    if part.kind == "figure":
        text = part.text  # type: ignore[union-attr]
        unit = f" ({md_escape(text.unit)})" if text.unit else ""
        return [f"*{md_escape(text.title)}{unit}: {md_escape(text.caption)}*"]
    if isinstance(part, AttackPaths):
        return [_paths(part, lang)]
    raise ValueError(f"unknown report part {part.kind!r}")


def _check_groups(part: CheckGroups, lang: str) -> str:
    blocks = []
    separator, items = t("phrase.fact_separator", lang), t("phrase.list_separator", lang)
    for g in part.groups:
        head = (
            f"**{md_escape(t('report.severity.' + g.severity, lang))} · {md_escape(g.check_id)} {md_escape(g.title)}**"
        )
        lines = [f"{head} — {md_escape(t('report.findings.count', lang, count=g.count))}", ""]
        lines.append(f"- {md_escape(t('report.findings.remedy_label', lang))}: {md_escape(g.remediation)}")
        if g.references:
            lines.append(
                f"- {md_escape(t('report.findings.references_label', lang))}: {md_escape(separator.join(g.references))}"
            )
        lines.append(f"- {md_escape(t('report.findings.subjects_label', lang))}: {md_escape(items.join(g.subjects))}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _paths(part: AttackPaths, lang: str) -> str:
    blocks = []
    for path in part.paths:
        lines = [
            f"**{md_escape(path.title)}** ({t('report.paths.likelihood', lang)} {format_pct(path.likelihood)})",
            "",
        ]
        for number, step in enumerate(path.steps):
            if number == 0:
                lines.append(f"1. {md_escape(step.source)}")
            lines.append(f"   → *{md_escape(step.how)} · {format_pct(step.likelihood)}* → {md_escape(step.target)}")
            for because in step.because:
                lines.append(f"     - {md_escape(because)}")
        if path.alternatives:
            lines += ["", *(f"- {md_escape(alt)}" for alt in path.alternatives)]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def report_markdown(
    assessment: Assessment, inventory: Inventory, lang: str, sections: Sequence[Section] | None = None
) -> bytes:
    """The text; `sections` when the caller has built them already (they are built here otherwise)."""
    if sections is None:
        sections = build_sections(assessment, inventory, lang)
    return sections_markdown(report_title(assessment, lang), assessment.as_of, sections, assessment.tool_version, lang)


def sections_markdown(title: str, as_of: date, sections: Sequence[Section], version: str, lang: str) -> bytes:
    """A report's sections as Markdown under its title (the hospital's report and the group's alike)."""
    out = [
        f"# {md_escape(title)}",
        md_escape(t("report.as_of", lang, date=format_date(as_of, lang))),
        f"## {md_escape(t('report.contents', lang))}",
        "\n".join(f"{i}. [{md_escape(s.title)}](#{s.id})" for i, s in enumerate(sections, start=1)),
    ]
    for section in sections:
        out.append(f'<a id="{section.id}"></a>\n\n## {md_escape(section.title)}')
        for part in section.parts:
            out += _part(part, lang)
    out.append(md_escape(t("report.generated_by", lang, version=version)))
    return ("\n\n".join(out) + "\n").encode("utf-8")
