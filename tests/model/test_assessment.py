"""The Assessment's parts built from trusted values are the models that validation would give; a finding's references
are its check's and its own."""

from __future__ import annotations

import pytest

from hismigrate.model.assessment import CheckText, FindingOut, Texts
from hismigrate.model.exposure import Severity
from hismigrate.model.frozen import Frozen

VALUES = {
    "check_id": "eol-os",
    "severity": Severity.high,
    "subject": "srv-1",
    "evidence": {"os": "Windows Server 2012", "days": -30, "ratio": 1e-05, "known": None},
    "references": ("CVE-2018-13379",),
}


def test_trusted_is_what_validation_gives() -> None:
    trusted = FindingOut.trusted(**VALUES)
    validated = FindingOut(**VALUES)
    assert trusted == validated
    assert trusted.model_fields_set == validated.model_fields_set
    assert trusted.model_dump_json() == validated.model_dump_json()
    with pytest.raises(ValueError):  # frozen like any other
        trusted.subject = "srv-2"  # type: ignore[misc]


def test_trusted_refuses_a_missing_or_unknown_field() -> None:
    values = dict(VALUES)
    del values["references"]
    with pytest.raises(TypeError, match="references"):
        FindingOut.trusted(**values)
    with pytest.raises(TypeError, match="referenses"):
        FindingOut.trusted(**values, referenses=())


def test_no_model_of_the_assessment_needs_more_than_its_fields() -> None:
    """`trusted` sets the fields (and shares their record, as Frozen's own post-init does): no model may have private
    attributes or a post-init of its own to set up."""
    import hismigrate.model.submission  # noqa: F401  (its models are Frozen too)

    models, seen = [], [Frozen]
    while seen:  # every subclass, however deep
        models += (found := seen.pop().__subclasses__())
        seen += found
    assert FindingOut in models and Texts in models and CheckText in models
    for model in models:
        assert model.model_post_init is Frozen.model_post_init and not model.__private_attributes__, model.__name__


def test_a_findings_references_are_its_checks_then_its_own() -> None:
    from hismigrate.model.assessment import Assessment

    check = CheckText(
        title=Texts(ja="サポート終了", en="End of support"),
        remediation=Texts(ja="更新する", en="Upgrade"),
        references=("MHLW-R6 2-(7)", "GL6.0 patching"),
    )
    finding = FindingOut(**{**VALUES, "references": ("CVE-2018-13379", "MHLW-R6 2-(7)")})
    assessment = Assessment.model_construct(checks={"eol-os": check})
    assert assessment.references(finding) == ("MHLW-R6 2-(7)", "GL6.0 patching", "CVE-2018-13379")
