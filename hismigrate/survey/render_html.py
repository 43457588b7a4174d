"""survey.html: every table with its chart, one offline file rendered by Jinja2 with autoescape."""

from __future__ import annotations

from dataclasses import dataclass

from hismigrate.i18n import t
from hismigrate.survey.html_template import TEMPLATE
from hismigrate.survey.render_charts import Chart, chart_of
from hismigrate.survey.table import SUPPRESSED, SurveyTable


@dataclass(frozen=True)
class Section:
    table: SurveyTable
    chart: Chart | None


def survey_html(tables: list[SurveyTable], *, lang: str, banner: str, year: int) -> str:
    from jinja2 import Environment, StrictUndefined

    environment = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    template = environment.from_string(TEMPLATE)
    return template.render(
        lang=lang,
        title=t("survey.html.title", lang, year=year),
        banner=banner,
        contents=t("survey.html.tables", lang),
        sections=[Section(table, chart_of(table)) for table in tables],
        suppressed=SUPPRESSED,
    )
