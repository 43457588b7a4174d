"""Reading a report's figures as its reader does, to hold them against the JSON (tests/report/test_one_sign.py, the
hospitals; tests/group/test_one_sign.py, the group): an amount as shown, with its sign; an HTML table or chart; the
signed savings the sentences quote."""

from __future__ import annotations

import html
import math
import re
from itertools import takewhile
from typing import Any

# an English amount as reports write it: a sign unless zero, yen, digits with separators, a unit word
_AMOUNT = r"[-+]?¥[\d.,]*\d(?: million| billion)?"
UNITS = (("億円", 1e8), ("万円", 1e4), ("円", 1.0), (" billion", 1e9), (" million", 1e6))


def amount(text: str) -> float:
    """A shown amount in yen: `-1.3億円`, `+¥131.7 million`, `-9,983万円`, `¥0`, `-165,035,395円`."""
    clean = html.unescape(text).strip().replace(",", "").replace("¥", "")
    sign = -1.0 if clean.startswith("-") else 1.0
    clean = clean.lstrip("+-")
    for suffix, factor in UNITS:
        if clean.endswith(suffix):
            return sign * float(clean.removesuffix(suffix)) * factor
    return sign * float(clean)


def sign(value: float) -> int:
    return (value > 0) - (value < 0)


def same(shown: str, exact: int, what: str) -> None:
    """`shown` says `exact` with its sign (within the rounding of the way it is shown)."""
    value = amount(shown)
    assert sign(value) == sign(exact), f"{what}: {shown!r} against {exact:,}"
    assert math.isclose(value, exact, rel_tol=0.05, abs_tol=1), f"{what}: {shown!r} against {exact:,}"


def signed(shown: str) -> bool:
    """A saving as the card and the sentences show it: its sign always written (none only on zero)."""
    return shown.lstrip()[:1] in ("+", "-") or amount(shown) == 0


def keys(node: Any) -> set[str]:
    """Every key of a JSON document, at any depth."""
    if isinstance(node, dict):
        return set(node) | {k for v in node.values() for k in keys(v)}
    if isinstance(node, list):
        return {k for v in node for k in keys(v)}
    return set()


def _escaped(text: str) -> str:
    """`text` as the templates escape it (Jinja writes an apostrophe as `&#39;`)."""
    return html.escape(text).replace("&#x27;", "&#39;")


def svg(page: str, title: str) -> str:
    """The chart titled `title`."""
    start = page.index(f'aria-label="{_escaped(title)}"')
    return page[start : page.index("</svg>", start)]


def html_table(page: str, caption: str) -> tuple[list[str], list[list[str]]]:
    """The heading and the rows' cell texts of the table captioned `caption`."""
    start = page.index(f"<caption>{_escaped(caption)}</caption>")
    body = page[start : page.index("</table>", start)]
    head = [html.unescape(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", body.split("</thead>")[0])]
    rows = [
        [html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1].split("</tbody>")[0], re.S)
    ]
    return head, rows


def md_table(text: str, title: str) -> tuple[list[str], list[list[str]]]:
    """The heading and the rows' cells of the Markdown table under `**title**`."""
    lines = takewhile(lambda line: line.startswith("|"), text[text.index(f"**{title}**") :].splitlines()[2:])
    cells = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
    return cells[0], cells[2:]


def sentences(text: str, lang: str) -> list[str]:
    """The signed saving every sentence in `text` quotes: `（節減額 +2.1億円、...）`, `(saving -¥12 million)`."""
    pattern = r"（節減額 ([^、）]+)[、）]" if lang == "ja" else rf"\(saving ({_AMOUNT})[ ,)]"
    return re.findall(pattern, text)


def quoting(text: str, lang: str, what: str) -> list[tuple[str, str]]:
    """(what, signed saving) for every `what（節減額 ±x）` / `what (saving ±x)` in `text`."""
    pattern = rf"({what})（節減額 ([^、）]+)[、）]" if lang == "ja" else rf"({what}) \(saving ({_AMOUNT})[ ,)]"
    return re.findall(pattern, text)
