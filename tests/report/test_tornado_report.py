"""The tornado as the samples' readers see it (issue 18): no bar without an effect (those drivers named in one line
instead), the drivers' values in the report's language, and one colour per end for every bar."""

from __future__ import annotations

import html
import re

import pytest

from hismigrate.i18n import t
from hismigrate.report.charts.tornado import HIGH_COLOUR, LOW_COLOUR

from .signs import html_table, svg
from .test_one_sign import CASES, _html, result


@pytest.mark.parametrize(("hospital", "lang"), CASES)
def test_the_tornado_has_only_bars_with_an_effect_in_the_reports_language(hospital: str, lang: str) -> None:
    cost, page = result(hospital, lang)["cost"], _html(hospital, lang)
    base = cost["npv_saving_jpy"]
    for bar in cost["tornado"]:
        assert not bar["npv_saving_low_jpy"] == bar["npv_saving_high_jpy"] == base, bar["driver"]
    names = {d: t(f"cost.driver.{d}", lang) for d in [b["driver"] for b in cost["tornado"]] + cost["no_effect"]}

    chart = svg(page, t("report.cost.tornado", lang))
    _, rows = html_table(page, t("report.cost.sensitivity", lang))
    assert [r[0] for r in rows] == [names[b["driver"]] for b in cost["tornado"]]
    for driver in cost["no_effect"]:  # left out of the chart and the table, named once under the table
        assert f">{html.escape(names[driver])}<" not in chart
        assert html.escape(names[driver]) in page.split(f"<caption>{t('report.cost.sensitivity', lang)}")[1]
    values = [cell for row in rows for cell in row[1:3]]
    notes = re.findall(r'font-size="10" text-anchor="(?:start|end)" fill="[^"]+">([^<]+)</text>', chart)
    assert sorted(values) == sorted(html.unescape(n) for n in notes)
    for value in values:
        if lang == "ja":  # no "5y", "x2", "x0.5" in Japanese
            assert not re.search(r"[A-Za-z]", value), value
        else:
            assert re.fullmatch(r"¥[\d,]+/USD|[+-]?\d+%|×[\d.]+|\d+ years", value), value

    # one colour per end: every bar's low end in the low colour, its high end in the high colour
    fills = {
        html.unescape(rect.group(2)).split(": ")[0]: rect.group(1)  # "<driver> <value>: <NPV saving> <unit>"
        for rect in re.finditer(r'<rect [^>]*fill="([^"]+)"><title>([^<]+)</title>', chart)
    }
    for bar, row in zip(cost["tornado"], rows, strict=True):
        assert fills[f"{row[0]} {row[1]}"] == LOW_COLOUR, bar["driver"]
        assert fills[f"{row[0]} {row[2]}"] == HIGH_COLOUR, bar["driver"]
