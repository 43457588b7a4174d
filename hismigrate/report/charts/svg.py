"""The drawing kit the charts share: escaping, text measure, number ticks, colours and the SVG frame."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

from markupsafe import Markup

from hismigrate.report.formats import format_number

FONT_STACK = (
    "'Hiragino Sans', 'Hiragino Kaku Gothic ProN', 'Yu Gothic UI', 'Yu Gothic', Meiryo, "
    "'Noto Sans CJK JP', 'Noto Sans JP', 'IPAexGothic', 'IPAGothic', sans-serif"
)
# Okabe-Ito: distinguishable with the common colour-vision deficiencies and in greyscale print.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
SEVERITY_COLOURS = {
    "critical": "#8B0000",
    "high": "#D55E00",
    "medium": "#E69F00",
    "low": "#0072B2",
    "info": "#6B7280",
}
INK = "#1F2937"
MUTED = "#6B7280"
GRID = "#E5E7EB"
FONT_SIZE = 12


@dataclass(frozen=True)
class ChartText:
    """The words of a chart, already in the report's language."""

    title: str
    caption: str
    unit: str = ""  # unit of the value axis, e.g. 百万円
    axis: str = ""  # name of the other axis, e.g. 年度


def esc(text: object) -> str:
    """Text or attribute content, escaped for XML (quotes too, for attributes)."""
    return escape(str(text), {'"': "&quot;", "'": "&#39;"})


def num(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zeros, so output never depends on float noise."""
    text = f"{round(value, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


# Widths (in em) of Latin characters, a little above those of Noto Sans CJK JP as Chromium draws them, so that a
# label measured here fits its box (tests/report/test_print_layout.py measures the drawn text).
_LATIN_WIDTHS = {
    **dict.fromkeys(" ", 0.27),
    **dict.fromkeys(",.:;ijl|'I!", 0.31),
    **dict.fromkeys("f()[]{}-t", 0.38),
    **dict.fromkeys("/\\r", 0.42),
    **dict.fromkeys('"*?szJcxvyYL', 0.56),
    **dict.fromkeys("BDGHKNOPQRU&", 0.76),
    **dict.fromkeys("wM", 0.86),
    **dict.fromkeys("Wm%@", 0.97),
}


def char_width(char: str, size: float) -> float:
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return size
    return size * _LATIN_WIDTHS.get(char, 0.68 if char.isupper() else 0.64)


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate of the rendered width: full-width characters are square, others about half."""
    return sum(char_width(c, size) for c in text)


def truncate(text: str, width: float, size: float = FONT_SIZE) -> str:
    """`text` cut with an ellipsis to fit `width`."""
    if text_width(text, size) <= width:
        return text
    out = ""
    for char in text:
        if text_width(out + char + "…", size) > width:
            break
        out += char
    return out + "…"


def wrap(text: str, width: float, size: float = FONT_SIZE) -> list[str]:
    """Lines of at most `width`: break at spaces in Latin text, between any two characters in Japanese."""
    lines: list[str] = []
    line = ""
    for word in words_of(text):
        candidate = line + word
        if line and text_width(candidate.rstrip(), size) > width:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line = candidate
    if line.strip():
        lines.append(line.rstrip())
    return lines


def words_of(text: str) -> list[str]:
    """The places a line may break: after a space in Latin text, between any two Japanese characters; the pieces
    put together are the text."""
    words: list[str] = []
    current = ""
    for char in text:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        if wide:
            if current:
                words.append(current)
            words.append(char)
            current = ""
        elif char == " ":
            words.append(current + " ")
            current = ""
        else:
            current += char
    if current:
        words.append(current)
    return words


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values (1, 2, 2.5 or 5 times a power of ten) covering [low, high], always including 0."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high - low < 1e-9:  # nothing to show (or float dust): one unit of room keeps the scale finite
        high = low + 1
    raw = (high - low) / max(count, 1)
    exponent = math.floor(math.log10(raw))
    multiple = next(m for m in (1, 2, 2.5, 5, 10) if m * 10.0**exponent >= raw)
    step = Decimal(str(multiple)).scaleb(exponent)  # exact, so that ticks are round and zero is exactly zero
    first = math.floor(low / float(step))
    last = math.ceil(high / float(step))
    # Float division can land a hair beside an integer: widen until the range is truly covered.
    while float(first * step) > low:
        first -= 1
    while float(last * step) < high:
        last += 1
    return [float(k * step) for k in range(first, last + 1)]


def tick_label(value: float) -> str:
    """A tick value with thousands separators and the decimals it needs (at most two)."""
    for digits in (0, 1, 2):
        if math.isclose(value, round(value, digits), abs_tol=1e-9):
            return format_number(value, digits)
    return format_number(value, 2)


class Canvas:
    """An SVG being drawn: shapes are appended as text; `render` wraps them with the title, description, frame."""

    def __init__(self, width: float, height: float) -> None:
        self.width = width
        self.height = height
        self.parts: list[str] = []

    def add(self, fragment: str) -> None:
        self.parts.append(fragment)

    def rect(
        self, x: float, y: float, w: float, h: float, fill: str, *, tooltip: str | None = None, **attrs: str | float
    ) -> None:
        shape = f'<rect x="{num(x)}" y="{num(y)}" width="{num(max(w, 0))}" height="{num(max(h, 0))}" fill="{fill}"'
        if tooltip:
            self.add(f"{shape}{_attrs(attrs)}><title>{esc(tooltip)}</title></rect>")
        else:
            self.add(f"{shape}{_attrs(attrs)}/>")

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str = INK, **attrs: str | float) -> None:
        self.add(
            f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" stroke="{stroke}"{_attrs(attrs)}/>'
        )

    def text(
        self,
        x: float,
        y: float,
        content: str,
        *,
        size: float = FONT_SIZE,
        anchor: str = "start",
        fill: str = INK,
        tooltip: str | None = None,
        **attrs: str | float,
    ) -> None:
        hint = f"<title>{esc(tooltip)}</title>" if tooltip and tooltip != content else ""
        self.add(
            f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}" text-anchor="{anchor}" fill="{fill}"'
            f"{_attrs(attrs)}>{hint}{esc(content)}</text>"
        )

    def render(self, text: ChartText, standalone: bool = False) -> Markup:
        """The finished SVG. Standalone adds the namespace and draws the title above and the caption below."""
        top, body = 0.0, "".join(self.parts)
        width = self.width
        extra: list[str] = []
        if standalone:
            top = 28.0
            extra.append(f'<text x="8" y="19" font-size="15" font-weight="bold" fill="{INK}">{esc(text.title)}</text>')
            lines = wrap(text.caption, width - 16, FONT_SIZE)
            for i, line in enumerate(lines):
                y = top + self.height + 18 + i * 16
                extra.append(f'<text x="8" y="{num(y)}" font-size="{FONT_SIZE}" fill="{MUTED}">{esc(line)}</text>')
            height = top + self.height + 10 + 16 * len(lines) + (8 if lines else 0)
        else:
            height = self.height
        namespace = ' xmlns="http://www.w3.org/2000/svg"' if standalone else ""
        shifted = f'<g transform="translate(0 {num(top)})">{body}</g>' if top else body
        return Markup(
            f'<svg{namespace} viewBox="0 0 {num(width)} {num(height)}" width="{num(width)}" height="{num(height)}"'
            f' role="img" aria-label="{esc(text.title)}" font-family="{FONT_STACK}" class="chart-svg">'
            f"<title>{esc(text.title)}</title><desc>{esc(text.caption)}</desc>"
            f"{''.join(extra)}{shifted}</svg>"
        )


def _attrs(attrs: dict[str, str | float]) -> str:
    return "".join(
        f' {name.rstrip("_").replace("_", "-")}="{num(v) if isinstance(v, float | int) else esc(v)}"'
        for name, v in sorted(attrs.items())
    )
