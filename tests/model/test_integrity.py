"""Reference checks on the plain inventory: every wrong reference reported, each with its own nearest id."""

from __future__ import annotations

from hismigrate.model.integrity import reference_problems, suggestion


def test_every_server_in_a_renamed_segment_is_reported_with_the_suggestion() -> None:
    data = {
        "segments": [{"id": "emr-lan"}, {"id": "office-lan"}],
        "servers": [{"id": f"s{i}", "segment": "emr-lam" if i % 2 else "offise-lan"} for i in range(6)],
        "systems": [{"id": "emr", "servers": ["s1", "s9", "s10"]}],
    }
    found = reference_problems(data)
    servers = [(loc, key, params["suggestion"]) for loc, key, params in found if loc[0] == "servers"]
    assert servers == [
        (("servers", i, "segment"), "unknown_reference_suggest", "emr-lan" if i % 2 else "office-lan") for i in range(6)
    ]
    systems = [(loc, params["value"], params["suggestion"]) for loc, _, params in found if loc[0] == "systems"]
    assert systems == [(("systems", 0, "servers", 1), "s9", None), (("systems", 0, "servers", 2), "s10", "s1")]


def test_suggestion_is_the_closest_id_or_none() -> None:
    assert suggestion("emr-lam", ["office-lan", "emr-lan", "emr-lan"]) == "emr-lan"
    assert suggestion("zzz", ["emr-lan"]) is None


def test_a_virtual_machine_names_an_existing_host_other_than_itself() -> None:
    data = {
        "segments": [{"id": "srv"}],
        "servers": [
            {"id": "esx1", "segment": "srv", "role": "hypervisor"},
            {"id": "vm1", "segment": "srv", "host": "esx1"},
            {"id": "vm2", "segment": "srv", "host": "esx2"},
            {"id": "vm3", "segment": "srv", "host": "vm3"},
        ],
    }
    found = [(loc, key, params.get("value")) for loc, key, params in reference_problems(data)]
    assert found == [
        (("servers", 2, "host"), "unknown_reference_suggest", "esx2"),
        (("servers", 3, "host"), "self_reference", "vm3"),
    ]
