import xml.etree.ElementTree as ET
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
from hismigrate.report.charts.svg import ChartText, nice_ticks, text_width, truncate, wrap
from hismigrate.report.charts.timeline import TimelineBar, TimelineMarker, wave_timeline
from hismigrate.report.charts.tornado import TornadoBar, tornado

HOSTILE = "<script>alert(1)</script>"
TEXT = ChartText(f"題 {HOSTILE}", f"説明 {HOSTILE} & more", f"百万円{HOSTILE}", "年度")


def _estate(name: str) -> EstateDiagram:
    return EstateDiagram(
        [
            DiagramSegment(
                "a", f"LAN {name}", "診療系", [DiagramSystem("emr", "電子カルテ", True), DiagramSystem("x", name)]
            ),
            DiagramSegment("b", "DMZ", "DMZ"),
        ],
        [DiagramSystem("c", name)],
        [DiagramConnection("v", name, "a", flagged=True), DiagramConnection("w", "保守", CLOUD)],
        name,
    )


CHARTS = {
    "bars": lambda n: bars_by_year(
        ["2026", n], [BarSeries(n, [1, 2], "b"), BarSeries("p1", [3, -1], "p"), BarSeries("p2", [None, 4], "p")], TEXT
    ),
    "cumulative": lambda n: cumulative_line(["2026", n], [5, -3], TEXT, marker=1, marker_label=n),
    "tornado": lambda n: tornado(
        [TornadoBar(n, -5, 3, n, n), TornadoBar("b", 1, 2)], 0.5, TEXT, low_label=n, high_label="H", base_label=n
    ),
    "timeline": lambda n: wave_timeline(
        [TimelineBar(n, date(2027, 1, 1), date(2027, 6, 1), n), TimelineBar("m", date(2027, 8, 1), date(2027, 8, 1))],
        TEXT,
        lang="ja",
        markers=[TimelineMarker(date(2028, 4, 1), n)],
    ),
    "network": lambda n: network_diagram(_estate(n), TEXT, hospital_label=n, cloud_label=n),
    "severity": lambda n: severity_bars([SeverityCount("critical", n, 3), SeverityCount("low", "低", 0)], TEXT),
}


@pytest.mark.parametrize("kind", sorted(CHARTS))
def test_chart_is_well_formed_svg_with_title_and_caption(kind):
    svg = str(CHARTS[kind]("ラベル"))
    root = ET.fromstring(svg)
    assert root.tag == "svg"
    assert root.find("title").text == TEXT.title
    assert root.find("desc").text == TEXT.caption
    assert root.get("role") == "img"


@pytest.mark.parametrize("kind", sorted(CHARTS))
def test_labels_are_escaped(kind):
    svg = str(CHARTS[kind](HOSTILE))
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    # Every text node parses back to the original: escaped, not mangled.
    texts = [node.text or "" for node in ET.fromstring(svg).iter()]
    assert any(HOSTILE in text for text in texts)


@pytest.mark.parametrize("kind", sorted(CHARTS))
def test_output_is_deterministic(kind):
    assert CHARTS[kind]("同じ") == CHARTS[kind]("同じ")


@pytest.mark.parametrize("kind", ["bars", "cumulative"])
def test_value_unit_is_drawn_as_text(kind):
    texts = [node.text for node in ET.fromstring(str(CHARTS[kind]("x"))).iter("text")]
    assert TEXT.unit in texts


def test_standalone_adds_namespace_title_and_caption():
    inline = str(severity_bars([SeverityCount("high", "高", 2)], TEXT))
    alone = str(severity_bars([SeverityCount("high", "高", 2)], TEXT, standalone=True))
    assert "xmlns" not in inline  # inline SVG in HTML needs none, and the report names no URL
    root = ET.fromstring(alone)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    drawn = "".join(node.text or "" for node in root.iter("{http://www.w3.org/2000/svg}text"))
    assert TEXT.title in drawn and "説明" in drawn


def test_mismatched_series_are_refused():
    with pytest.raises(ValueError, match="series"):
        bars_by_year(["2026"], [BarSeries("a", [1, 2])], TEXT)
    with pytest.raises(ValueError, match="unknown segment"):
        network_diagram(
            EstateDiagram([], (), [DiagramConnection("c", "c", "nowhere")]), TEXT, hospital_label="h", cloud_label="c"
        )


def test_tornado_puts_the_widest_swing_on_top():
    svg = str(
        tornado(
            [TornadoBar("narrow", 0, 1), TornadoBar("wide", -10, 10)],
            0,
            TEXT,
            low_label="L",
            high_label="H",
            base_label="B",
        )
    )
    assert svg.index(">wide<") < svg.index(">narrow<")


def test_tornado_gives_each_end_one_colour_and_keeps_both_ends_visible():
    from hismigrate.report.charts.tornado import HIGH_COLOUR, LOW_COLOUR

    bars = [
        TornadoBar("rises", -5, 5, "lo", "hi"),
        TornadoBar("falls", 4, -4, "lo", "hi"),  # a driver whose high value lowers the result
        TornadoBar("same", 2, 8, "lo", "hi"),  # both ends above the base
    ]
    svg = str(tornado(bars, 0, TEXT, low_label="L", high_label="H", base_label="B"))
    drawn: dict[str, list[tuple[str, str, float]]] = {}
    for rect in ET.fromstring(svg).iter("rect"):
        tip = rect.findtext("title") or ""  # "<label> <note>: <value> <unit>"
        if ": " in tip:
            label, end = tip.split(": ")[0].split(" ")
            drawn.setdefault(label, []).append((end, rect.get("fill", ""), float(rect.get("width", 0))))
    for label in ("rises", "falls", "same"):
        assert {end: fill for end, fill, _ in drawn[label]} == {"lo": LOW_COLOUR, "hi": HIGH_COLOUR}, label
    # on one side of the base, the longer end first: the shorter is drawn over it and stays visible
    assert [end for end, _, _ in drawn["same"]] == ["hi", "lo"]


def test_network_keeps_systems_in_their_boxes_and_the_cloud_apart():
    svg = str(network_diagram(_estate("部門"), TEXT, hospital_label="院内", cloud_label="クラウド"))
    texts = [node.text for node in ET.fromstring(svg).iter("text")]
    assert texts.count("部門") >= 3  # in its segment, in the cloud, and as a connection point
    assert "電子カルテ" in texts and "クラウド" in texts and "院内" in texts


def _rect_heights(svg: str) -> list[float]:
    return [float(r.get("height")) for r in ET.fromstring(svg).iter("rect")]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.floats(-1e9, 1e9, allow_nan=False)), min_size=3, max_size=3),
        min_size=1,
        max_size=4,
    )
)
def test_bars_stay_inside_the_plot_for_any_values(rows):
    series = [BarSeries(f"s{i}", values, "g" if i % 2 else f"g{i}") for i, values in enumerate(rows)]
    root = ET.fromstring(str(bars_by_year(["a", "b", "c"], series, TEXT)))
    height = float(root.get("height"))
    for rect in root.iter("rect"):
        assert float(rect.get("height")) >= 0
        assert -0.5 <= float(rect.get("y")) <= height + 0.5


@given(st.floats(-1e12, 1e12, allow_nan=False), st.floats(-1e12, 1e12, allow_nan=False))
def test_ticks_cover_the_range_and_zero(a, b):
    ticks = nice_ticks(min(a, b), max(a, b))
    assert ticks[0] <= min(a, b, 0) and ticks[-1] >= max(a, b, 0)
    assert 0.0 in ticks
    assert len(ticks) <= 12


def test_text_measure_truncate_and_wrap():
    assert text_width("電子") == 2 * text_width("電")
    assert text_width("ab") < text_width("電子")
    cut = truncate("とても長いシステムの名前です", 60)
    assert cut.endswith("…") and text_width(cut) <= 60
    assert truncate("short", 100) == "short"
    lines = wrap("各段階の開始から切替まで。破線は診療報酬改定。", 120)
    assert "".join(lines) == "各段階の開始から切替まで。破線は診療報酬改定。"
    assert all(text_width(line) <= 120 for line in lines)
    assert wrap("one two three four", 50) == ["one two", "three", "four"]
