"""Rendering every format at once (sections built once and shared) gives each format's bytes rendered alone."""

from __future__ import annotations

import pytest

from hismigrate.load import load_inventory
from hismigrate.model.assessment import Assessment
from hismigrate.report.writers import WRITERS, as_bytes, render
from tests.conftest import REPO, SAMPLE_REPORTS


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_shared_sections_give_the_bytes_of_each_writer_alone(lang: str) -> None:
    path = SAMPLE_REPORTS / "aozora-chronic" / "assessment.json"
    if not path.exists():
        pytest.skip("sample report absent")
    assessment = Assessment.model_validate_json(path.read_bytes())
    inventory = load_inventory([REPO / "inventories" / "aozora-chronic"])
    formats = ["xlsx", "json", "md", "html"]  # not the default order: the output follows the order asked for
    together = render(assessment, inventory, lang, formats)
    assert [name for name, _ in together] == [WRITERS[f][0] for f in formats]
    for fmt, (_, data) in zip(formats, together, strict=True):
        assert as_bytes(data) == as_bytes(WRITERS[fmt][1](assessment, inventory, lang)), fmt
