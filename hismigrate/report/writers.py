"""The report formats and the function that renders each from an Assessment (and the inventory, for the appendix).

Every writer returns bytes; the CLI writes them atomically. Adding a format is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from hismigrate.model.assessment import Assessment
from hismigrate.model.inventory import Inventory

Writer = Callable[[Assessment, Inventory, str], bytes]


def _json(assessment: Assessment, inventory: Inventory, lang: str) -> bytes:
    from hismigrate.report.json_writer import assessment_json

    return assessment_json(assessment)


# format -> (file name, writer)
WRITERS: dict[str, tuple[str, Writer]] = {
    "json": ("assessment.json", _json),
}
