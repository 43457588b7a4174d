import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from jinja2 import UndefinedError

from hismigrate.model.enums import SystemCategory
from hismigrate.report.environment import make_environment
from hismigrate.report.tables import Column, ColumnKind, Table

I18N = Path(__file__).resolve().parents[2] / "hismigrate" / "i18n"
TEMPLATES = Path(__file__).resolve().parents[2] / "hismigrate" / "report" / "templates"


def _keys(node, prefix=""):
    if isinstance(node, dict):
        return {k for key, value in node.items() for k in _keys(value, f"{prefix}.{key}" if prefix else key)}
    return {prefix}


def test_report_catalogs_have_the_same_keys():
    ja = _keys(yaml.safe_load((I18N / "ja" / "report.yaml").read_text(encoding="utf-8")))
    en = _keys(yaml.safe_load((I18N / "en" / "report.yaml").read_text(encoding="utf-8")))
    assert ja == en
    assert all(key.startswith("report.") for key in ja)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_values_are_escaped(lang):
    env = make_environment(lang)
    html = env.from_string("<p>{{ name }}</p>").render(name="<script>alert(1)</script>")
    assert html == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


def test_undefined_names_fail_loudly():
    with pytest.raises(UndefinedError):
        make_environment("ja").from_string("{{ missing }}").render()


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="fr"):
        make_environment("fr")


@pytest.mark.parametrize(
    ("source", "ja", "en"),
    [
        ("{{ 120000000 | jpy }}", "1.2億円", "¥120 million"),
        ("{{ 120000000 | jpy(exact=True) }}", "120,000,000円", "¥120,000,000"),
        ("{{ day | date }}", "2026年12月1日", "1 Dec 2026"),
        ("{{ 2027 | fy }}", "2027年度", "FY2027"),
        ("{{ 0.25 | pct }}", "25.0%", "25.0%"),
        ("{{ category | label }}", "電子カルテ", "EMR"),
        ("{{ 'report.severity.high' | t }}", "高", "High"),
        ("{{ t('report.as_of', date=day | date) }}", "2026年12月1日 時点", "as of 1 Dec 2026"),
    ],
)
def test_filters_write_the_report_language(source, ja, en):
    context = {"day": date(2026, 12, 1), "category": SystemCategory.emr}
    assert make_environment("ja").from_string(source).render(**context) == ja
    assert make_environment("en").from_string(source).render(**context) == en


def test_markdown_templates_are_not_html_escaped_but_md_escaped():
    env = make_environment("en")
    assert env.autoescape("report.md") is False
    assert env.autoescape("report.html") is True
    assert env.from_string("{{ name | md }}").render(name="a|b") == "a\\|b"


def test_table_partial_formats_by_kind_and_escapes():
    env = make_environment("ja")
    table = Table(
        "費用", [Column("名前"), Column("額", ColumnKind.jpy)], [["<b>x</b>", 1_500_000], ["y", None]], note="出典"
    )
    html = env.from_string('{% from "_partials/table.html" import data_table %}{{ data_table(t) }}').render(t=table)
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert '<td class="num">1,500,000円</td>' in html
    assert "<caption>費用</caption>" in html and "出典" in html
    empty = Table("空", [Column("名前")], [])
    html = env.from_string('{% from "_partials/table.html" import data_table %}{{ data_table(t) }}').render(t=empty)
    assert "データなし" in html


@pytest.mark.parametrize("severity", ["critical", "high", "medium", "low", "info"])
def test_severity_badge(severity):
    env = make_environment("en")
    html = env.from_string('{% from "_partials/badge.html" import severity_badge %}{{ severity_badge(s) }}')
    assert html.render(s=severity) == f'<span class="badge badge-{severity}">{severity.title()}</span>'


EXTERNAL = re.compile(r"(?:https?|ftp|wss?):|//[a-z0-9]|@import|url\(|\bsrc=|href=\"(?!#)", re.IGNORECASE)


def test_templates_name_no_external_url():
    files = [p for p in TEMPLATES.rglob("*") if p.is_file()]
    assert any(p.name == "base.html" for p in files)
    for path in files:
        assert not EXTERNAL.search(path.read_text(encoding="utf-8")), path


def test_external_url_pattern_catches_what_it_must():
    for bad in ('<img src="x.png">', "@import 'a.css'", "background: url(x)", "https://x", '<a href="http://x">'):
        assert EXTERNAL.search(bad), bad
    assert not EXTERNAL.search('<a href="#costs">')
