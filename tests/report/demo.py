"""A small report page from fabricated section data: every chart and partial through base.html.

Shared by the demonstration test and by anyone who wants to look at the building blocks in a browser:
`python -m tests.report.demo ja > /tmp/demo.html`.
"""

from __future__ import annotations

import sys
from datetime import date

from hismigrate.report.charts.bars_by_year import BarSeries, bars_by_year
from hismigrate.report.charts.cumulative import cumulative_line
from hismigrate.report.charts.network import (
    CLOUD,
    DiagramConnection,
    DiagramSegment,
    DiagramSystem,
    EstateDiagram,
    network_diagram,
)
from hismigrate.report.charts.severity_bars import SeverityCount, severity_bars
from hismigrate.report.charts.svg import ChartText
from hismigrate.report.charts.timeline import TimelineBar, TimelineMarker, wave_timeline
from hismigrate.report.charts.tornado import TornadoBar, tornado
from hismigrate.report.environment import make_environment
from hismigrate.report.formats import format_fiscal_year
from hismigrate.report.tables import Column, ColumnKind, Table

HOSTILE = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("x")'
AS_OF = date(2026, 12, 1)

PAGE = """{% extends "base.html" %}
{% from "_partials/section.html" import section %}
{% from "_partials/table.html" import data_table %}
{% from "_partials/badge.html" import severity_badge %}
{% from "_partials/figure.html" import figure %}
{% block toc %}<nav class="toc"><ol>{% for id, title in toc %}<li><a href="#{{ id }}">{{ title }}</a></li>{% endfor %}</ol></nav>{% endblock %}
{% block content %}
{% call section("summary", toc[0][1]) %}
<div class="key-figures">
{% for name, value in key_figures %}<div class="key-figure"><span class="value">{{ value }}</span><span class="name">{{ name }}</span></div>{% endfor %}
</div>
<p>{{ summary_text }}</p>
{{ figure(charts.severity, *texts.severity) }}
{% endcall %}
{% call section("findings", toc[1][1]) %}
<ul>{% for severity, title in findings %}<li>{{ severity_badge(severity) }} {{ title }}</li>{% endfor %}</ul>
{{ data_table(systems) }}
{% endcall %}
{% call section("estate", toc[2][1]) %}
{{ figure(charts.before, *texts.before) }}
{{ figure(charts.after, *texts.after) }}
{{ figure(charts.timeline, *texts.timeline) }}
{% endcall %}
{% call section("cost", toc[3][1]) %}
{{ figure(charts.bars, *texts.bars) }}
<div class="figures">{{ figure(charts.cumulative, *texts.cumulative) }}{{ figure(charts.tornado, *texts.tornado) }}</div>
<p>{{ 120000000 | jpy }} · {{ 34500000 | jpy }} · {{ 0.125 | pct }} · {{ 2027 | fy }}</p>
{% endcall %}
{% endblock %}
"""

WORDS = {
    "ja": {
        "title": "さくら総合病院 クラウド移行アセスメント",
        "toc": ["概要", "指摘事項", "移行前後の構成", "費用"],
        "summary": "外部接続点のうち 2 か所に既知の脆弱性があります。移行計画は 3 段階で、5 年目に累積費用が逆転します。",
        "figures": ["露出指数", "緊急の指摘", "移行段階", "損益分岐"],
        "systems": ["システム", "病床あたり", "年間保守費", "稼働率", "契約終了"],
        "severity": ("重要度別の指摘件数", "件", "緊急の指摘はリモート保守回線に集中しています。"),
        "before": ("移行前の構成", "", "院内の各セグメントと外部接続点。赤枠は指摘のある接続点。"),
        "after": ("移行後の構成", "", "電子カルテと医事会計をクラウドへ移した後。"),
        "timeline": ("移行スケジュール", "年月", "各段階の開始から切替まで。破線は診療報酬改定。"),
        "bars": ("年度別費用（現状維持と移行計画）", "百万円", "移行計画は初年度の一時費用を含みます。"),
        "cumulative": ("累積差額（移行計画 − 現状維持）", "百万円", "網掛けは移行計画が割高な範囲です。"),
        "tornado": ("感度分析", "百万円", "正味現在価値の差額が各前提の下限と上限でどう変わるか。"),
        "series": ["現状維持", "一時費用", "クラウド利用料", "残存オンプレ"],
        "tornado_rows": ["為替レート", "クラウド利用料", "回線費用", "割引率"],
        "fee_revision": "診療報酬改定",
        "link": "閉域網 1 Gbps",
    },
    "en": {
        "title": "Sakura General Hospital: cloud migration assessment",
        "toc": ["Summary", "Findings", "Estate before and after", "Costs"],
        "summary": "Two external connection points carry known vulnerabilities. The plan has three waves; cumulative cost turns in year five.",
        "figures": ["Exposure index", "Critical findings", "Waves", "Break-even"],
        "systems": ["System", "Per bed", "Maintenance per year", "Utilisation", "Contract end"],
        "severity": ("Findings by severity", "findings", "Critical findings sit on the remote-maintenance lines."),
        "before": ("Estate before the move", "", "Segments and external connection points; red ones have findings."),
        "after": ("Estate after the move", "", "After the EMR and billing moved to the cloud."),
        "timeline": ("Migration schedule", "month", "Each wave from start to cutover; dashed: fee-schedule revision."),
        "bars": (
            "Cost per fiscal year, baseline and plan",
            "million JPY",
            "The plan includes one-time costs in its first year.",
        ),
        "cumulative": ("Cumulative delta (plan minus baseline)", "million JPY", "Shaded: the plan costs more."),
        "tornado": ("Sensitivity", "million JPY", "NPV of the delta at each assumption's low and high value."),
        "series": ["Baseline", "One-time", "Cloud fees", "Remaining on-prem"],
        "tornado_rows": ["Exchange rate", "Cloud fees", "Line costs", "Discount rate"],
        "fee_revision": "Fee revision",
        "link": "Closed network 1 Gbps",
    },
}


def demo_context(lang: str) -> dict[str, object]:
    from hismigrate.i18n import t

    w = WORDS[lang]
    years = [format_fiscal_year(y, lang) for y in range(2026, 2033)]
    text = {
        k: ChartText(w[k][0], w[k][2], w[k][1], t("report.chart.year", lang))
        for k in ("severity", "before", "after", "bars", "cumulative", "tornado")
    }
    text["timeline"] = ChartText(w["timeline"][0], w["timeline"][2], "", t("report.chart.period", lang))
    severities = ["critical", "high", "medium", "low", "info"]
    segments = [
        DiagramSegment(
            "clinical",
            "電子カルテ系LAN",
            "診療系",
            [
                DiagramSystem("emr", "電子カルテ", True),
                DiagramSystem("lis", "検査システム"),
                DiagramSystem("x", HOSTILE),
            ],
        ),
        DiagramSegment("office", "情報系LAN", "情報系", [DiagramSystem("billing", "医事会計", True)]),
        DiagramSegment(
            "pacs",
            "PACS/モダリティ",
            "医療機器",
            [DiagramSystem("pacs", "PACS 医用画像管理システム（長い名前のテスト）")],
        ),
        DiagramSegment("dmz", "DMZ", "DMZ", []),
    ]
    connections = [
        DiagramConnection("fg", "FortiGate SSL-VPN (保守)", "clinical", flagged=True),
        DiagramConnection("oqs", "オンライン資格確認", "office"),
        DiagramConnection("pacs-vendor", "PACSベンダー保守回線", "pacs", flagged=True),
        DiagramConnection("chiren", "地連 VPN", "dmz"),
    ]
    before = EstateDiagram(segments, (), connections, "")
    after_segments = [
        DiagramSegment(s.id, s.name, s.zone, [x for x in s.systems if x.id not in ("emr", "billing")]) for s in segments
    ]
    after = EstateDiagram(
        after_segments,
        [DiagramSystem("emr", "電子カルテ", True), DiagramSystem("billing", "医事会計", True)],
        [*connections[1:], DiagramConnection("cloud-vendor", "ベンダー運用", CLOUD)],
        w["link"],
    )
    hospital, cloud = t("report.chart.hospital", lang), t("report.chart.cloud", lang)
    charts = {
        "severity": severity_bars(
            [
                SeverityCount(s, t(f"report.severity.{s}", lang), n)
                for s, n in zip(severities, [3, 5, 8, 2, 1], strict=True)
            ],
            text["severity"],
        ),
        "before": network_diagram(before, text["before"], hospital_label=hospital, cloud_label=cloud),
        "after": network_diagram(after, text["after"], hospital_label=hospital, cloud_label=cloud),
        "timeline": wave_timeline(
            [
                TimelineBar("Wave 1", date(2027, 1, 15), date(2027, 6, 30), "電子カルテ, 医事会計"),
                TimelineBar("Wave 2", date(2027, 7, 1), date(2028, 3, 31), "PACS, " + HOSTILE),
                TimelineBar("Wave 3", date(2028, 5, 1), date(2028, 5, 1), "検査システム"),
            ],
            text["timeline"],
            lang=lang,
            markers=[TimelineMarker(date(2028, 4, 1), w["fee_revision"])],
        ),
        "bars": bars_by_year(
            years,
            [
                BarSeries(w["series"][0], [180, 185, 320, 190, 195, 200, 340], "baseline"),
                BarSeries(w["series"][1], [150, 40, 0, 0, 0, 0, 0], "plan"),
                BarSeries(w["series"][2], [60, 120, 150, 155, 160, 165, 170], "plan"),
                BarSeries(w["series"][3], [150, 90, 40, 30, 30, 30, 30], "plan"),
            ],
            text["bars"],
        ),
        "cumulative": cumulative_line(
            years,
            [180, 245, 55, 10, -25, -60, -200],
            text["cumulative"],
            marker=4,
            marker_label=t("report.chart.break_even", lang),
        ),
        "tornado": tornado(
            [
                TornadoBar(w["tornado_rows"][0], -80, 40, "130", "170"),
                TornadoBar(w["tornado_rows"][1], -60, 20, "-20%", "+20%"),
                TornadoBar(w["tornado_rows"][2], -30, -5, "-30%", "+30%"),
                TornadoBar(HOSTILE, -22, -18, "3%", "10%"),
            ],
            -20,
            text["tornado"],
            low_label=t("report.chart.low", lang),
            high_label=t("report.chart.high", lang),
            base_label=t("report.chart.base", lang),
        ),
    }
    c = w["systems"]
    systems = Table(
        "",
        [
            Column(c[0]),
            Column(c[1], ColumnKind.int),
            Column(c[2], ColumnKind.jpy),
            Column(c[3], ColumnKind.pct),
            Column(c[4], ColumnKind.date),
        ],
        [
            ["電子カルテ", 1200, 38_000_000, 0.42, date(2027, 3, 31)],
            [HOSTILE, 3, 1_250_000.5, 0.071, None],
            [FORMULA, None, 0, 1, date(2029, 9, 30)],
        ],
        note="出典: 在庫表 | inventory",
    )
    return {
        "report_title": w["title"],
        "as_of": AS_OF,
        "toc": list(zip(["summary", "findings", "estate", "cost"], w["toc"], strict=True)),
        "key_figures": list(zip(w["figures"], ["62 → 31", "3", "3", format_fiscal_year(2030, lang)], strict=True)),
        "summary_text": w["summary"],
        "findings": [
            ("critical", "FortiOS CVE-2018-13379 " + HOSTILE),
            ("high", FORMULA),
            ("medium", "Windows Server 2012 R2"),
            ("low", "RDP"),
            ("info", "—"),
        ],
        "systems": systems,
        "charts": charts,
        "texts": {k: (w[k][0], w[k][1], w[k][2]) for k in text},
    }


def demo_html(lang: str) -> str:
    """The demonstration page in `lang`."""
    env = make_environment(lang)
    return env.from_string(PAGE).render(**demo_context(lang))


if __name__ == "__main__":
    sys.stdout.write(demo_html(sys.argv[1] if len(sys.argv) > 1 else "ja"))
