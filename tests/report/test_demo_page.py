"""The building blocks together: a report page from fabricated data, checked as text and in headless Chromium."""

import re
import struct

import pytest

from .chromium import find_chromium, load_page
from .demo import FORMULA, demo_html

EXTERNAL = re.compile(r"(?:https?|ftp|wss?):|@import|url\(|\bsrc=", re.IGNORECASE)


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_page_escapes_inventory_text_and_names_no_url(lang):
    html = demo_html(lang)
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "=HYPERLINK(&#34;x&#34;)" in html or '=HYPERLINK("x")' in html or "=HYPERLINK(&quot;x&quot;)" in html
    assert not EXTERNAL.search(html)
    assert html.count("<svg") == 7
    assert html.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in html


def test_page_is_deterministic():
    assert demo_html("ja") == demo_html("ja")


def test_japanese_page_reads_japanese():
    html = demo_html("ja")
    for text in ("2026年12月1日 時点", "1.2億円", "3,450万円", "2027年度", "緊急", "1,250,001円"):
        assert text in html, text
    assert FORMULA.replace('"', "&#34;") in html


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_chromium_renders_it_offline_without_errors(tmp_path, lang):
    page = tmp_path / f"demo-{lang}.html"
    page.write_text(demo_html(lang), encoding="utf-8")
    shot = tmp_path / f"demo-{lang}.png"
    report = load_page(page, shot)
    assert report.console_errors == []
    assert report.requests == []
    data = shot.read_bytes()
    assert _png_size(data) == (1280, 900)
    assert len(data) > 20_000  # a blank page compresses to a few kilobytes


@pytest.mark.skipif(find_chromium() is None, reason="Chromium is not installed")
def test_harness_sees_errors_and_requests(tmp_path):
    """The harness must be able to fail: a page with a script error and an external image is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><meta charset="utf-8"><img src="http://192.0.2.1/x.png"><script>console.error("boom")</script>',
        encoding="utf-8",
    )
    report = load_page(page)
    assert "boom" in report.console_errors
    assert report.requests == ["http://192.0.2.1/x.png"]
