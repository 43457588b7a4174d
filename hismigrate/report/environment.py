"""The one Jinja2 environment of the reports: package templates, autoescaping, strict undefined, and the filters
that write numbers, money, dates and labels in the report's language."""

from __future__ import annotations

from datetime import date
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from hismigrate import __version__, i18n
from hismigrate.report import formats
from hismigrate.report.markdown import md_escape, md_table
from hismigrate.report.tables import NUMERIC_KINDS, ColumnKind, Typed, cell_text

PROSE_CHARACTERS = 24  # a table cell longer than this is running text: it wraps as a sentence would


def _autoescape(name: str | None) -> bool:
    # Markdown templates escape with the `md` filter; everything else (HTML, SVG, strings) is HTML-escaped.
    return not (name or "").endswith(".md")


def make_environment(lang: str = i18n.DEFAULT_LANGUAGE) -> Environment:
    """A fresh environment for one report language (`ja` or `en`)."""
    if lang not in i18n.LANGUAGES:
        raise ValueError(f"unknown report language {lang!r}; choose one of {', '.join(i18n.LANGUAGES)}")
    env = Environment(
        loader=PackageLoader("hismigrate.report", "templates"),
        autoescape=_autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

    def t(key: str, **params: Any) -> str:
        return i18n.t(key, lang, **params)

    def label(value: Any) -> str:
        return i18n.label(value, lang)

    def jpy(value: formats.Number | None, exact: bool = False) -> str:
        return formats.format_jpy(value, lang, exact=exact)

    def day(value: date | None) -> str:
        return formats.format_date(value, lang)

    def fiscal_year(value: int | None) -> str:
        return formats.format_fiscal_year(value, lang)

    def cell(value: Any, kind: str) -> str:
        return cell_text(value, kind, lang)  # type: ignore[arg-type]

    def cell_class(kind: str, value: Any = None) -> str:
        """The CSS class of a cell: numbers right-aligned, dates and ids kept on one line, long text (`prose`)
        wrapped as running text, short text kept in whole phrases."""
        shown = ColumnKind(value.kind if isinstance(value, Typed) else kind)
        if shown in NUMERIC_KINDS:
            return "num"
        if shown in (ColumnKind.date, ColumnKind.code):
            return shown.value
        return "prose" if isinstance(value, str) and len(value) > PROSE_CHARACTERS else ""

    env.filters.update(
        jpy=jpy,
        date=day,
        month=lambda value: formats.format_month(value, lang),
        fy=fiscal_year,
        pct=formats.format_pct,
        number=formats.format_number,
        label=label,
        t=t,
        cell=cell,
        cell_class=cell_class,
        md=md_escape,
        md_table=lambda table: md_table(table, lang),
    )
    env.globals.update(lang=lang, t=t, label=label, version=__version__)
    return env
