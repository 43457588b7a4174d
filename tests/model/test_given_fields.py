"""Models made alike share one record of which fields were given (pydantic's `model_fields_set`): what it says is
unchanged, and a copy's record is its own until it matches another's."""

from __future__ import annotations

from hismigrate.model.exposure import Finding, Severity
from hismigrate.model.inventory import Server


def _server(ident: str, **more: object) -> Server:
    return Server.model_validate({"id": ident, "hostname": ident, "segment": "lan", **more})


def test_items_given_the_same_fields_share_one_record() -> None:
    a, b = _server("a", os_name="Windows Server"), _server("b", os_name="RHEL")
    other = _server("c")
    assert a.model_fields_set == b.model_fields_set == {"id", "hostname", "segment", "os_name"}
    assert a.model_fields_set is b.model_fields_set
    assert other.model_fields_set == {
        "id",
        "hostname",
        "segment",
    }  # a field left to its default is not counted as given


def test_a_copy_records_what_it_changed_and_leaves_the_original_as_it_was() -> None:
    a = _server("a")
    fixed = a.model_copy(update={"os_name": "Windows Server"})
    assert fixed.model_fields_set == {"id", "hostname", "segment", "os_name"}
    assert a.model_fields_set == {"id", "hostname", "segment"}
    assert fixed.model_fields_set is _server("b", os_name="x").model_fields_set  # shared again once it matches


def _finding(**more: object) -> Finding:
    values: dict[str, object] = {
        "check_id": "HIS-SRV-001",
        "severity": Severity.high,
        "subject": "server:a",
        "evidence": {"os": "x"},
        "references": (),
    }
    return Finding(**{**values, **more})


def test_result_models_made_alike_share_one_record() -> None:
    first, second = _finding(), _finding(subject="server:b")
    assert first.model_fields_set == set(Finding.model_fields)
    assert first.model_fields_set is second.model_fields_set
    fewer = Finding(check_id="HIS-SRV-001", severity=Severity.high, subject="server:a", evidence={})
    assert fewer.model_fields_set == set(Finding.model_fields) - {"references"}  # its own record, still true
    assert fewer.model_fields_set is not first.model_fields_set
    trusted = Finding.trusted(**{name: getattr(first, name) for name in Finding.model_fields})
    assert trusted.model_fields_set is first.model_fields_set
