from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from hismigrate.report.markdown import md_escape, md_table
from hismigrate.report.tables import Column, ColumnKind, Table


def test_pipes_newlines_and_markup_are_neutralised():
    assert md_escape("a|b") == "a\\|b"
    assert md_escape("line1\r\nline2\n\nline3") == "line1 line2 line3"
    assert md_escape("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md_escape("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"
    assert md_escape("C:\\path") == "C:\\\\path"
    assert md_escape('=HYPERLINK("x")') == '=HYPERLINK("x")'


def test_table_formats_by_kind_and_aligns_numbers():
    table = Table(
        "費用 | 一覧",
        [Column("名前"), Column("額", ColumnKind.jpy), Column("率", ColumnKind.pct), Column("日", ColumnKind.date)],
        [["電子|カルテ", 1_234_567, 0.5, date(2027, 3, 31)], ["x", None, None, None]],
        note="出典",
    )
    assert md_table(table, "ja") == (
        "**費用 \\| 一覧**\n\n"
        "| 名前 | 額 | 率 | 日 |\n"
        "|---|---:|---:|---|\n"
        "| 電子\\|カルテ | 1,234,567円 | 50.0% | 2027年3月31日 |\n"
        "| x | — | — | — |\n\n"
        "出典\n"
    )


@given(st.lists(st.lists(st.text(), min_size=3, max_size=3), max_size=5))
def test_any_text_keeps_the_table_shape(rows):
    table = Table("", [Column("a"), Column("b"), Column("c")], rows)
    lines = md_table(table, "en").splitlines()
    assert len(lines) == 2 + len(rows)
    for line in lines:
        # Four column borders per line once escaped pipes are discounted.
        assert line.replace("\\\\", "").count("|") - line.replace("\\\\", "").count("\\|") == 4
