"""Inputs are read within limits: only regular files, links only to one, YAML whose aliases cannot explode, files of
bounded size; settings and price files with the same guards as inventories, their mistakes naming the key."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from hismigrate.errors import ConfigError, InventoryError
from hismigrate.load import input_files, load_inventory
from hismigrate.load.settings_source import load_price_catalog, load_settings
from tests.fuzz.cases import alias_bomb


def _problems(paths: Path | list[Path]) -> list[tuple[str, str, int | None, str]]:
    with pytest.raises(InventoryError) as caught:
        load_inventory(paths)
    return [(Path(p.location.file).name, p.key, p.location.line, p.location.path or "") for p in caught.value.problems]


def test_a_dangling_link_is_an_error_not_a_missing_part(small_copy: Path) -> None:
    hospital = (small_copy / "hospital.yaml").read_text(encoding="utf-8")
    (small_copy / "hospital.yaml").write_text(hospital.split("practices:")[0], encoding="utf-8")
    (small_copy / "practices.yaml").symlink_to(small_copy / "elsewhere" / "practices.yaml")
    assert _problems(small_copy) == [("practices.yaml", "link_dangling", None, "")]


def test_a_link_loop_and_a_link_to_a_folder_are_errors(small_copy: Path) -> None:
    (small_copy / "a.yaml").symlink_to("b.yaml")
    (small_copy / "b.yaml").symlink_to("a.yaml")
    (small_copy / "self").symlink_to(".")
    assert _problems(small_copy) == [
        ("a.yaml", "link_loop", None, ""),
        ("b.yaml", "link_loop", None, ""),
        ("self", "link_to_folder", None, ""),
    ]


def test_a_link_to_a_regular_file_is_followed(small_copy: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "shared-servers.yaml"
    shutil.move(small_copy / "servers.yaml", elsewhere)
    (small_copy / "servers.yaml").symlink_to(elsewhere)
    assert len(load_inventory(small_copy).servers) == 4


def test_pipes_and_devices_are_refused_without_waiting(small_copy: Path) -> None:
    os.mkfifo(small_copy / "flows.yaml")  # opening it to read would wait for a writer forever
    (small_copy / "zero.yaml").symlink_to("/dev/zero")  # reading it would never end
    start = time.monotonic()
    assert _problems(small_copy) == [
        ("flows.yaml", "not_regular_file", None, ""),
        ("zero.yaml", "not_regular_file", None, ""),
    ]
    assert _problems(Path("/dev/zero")) == [("zero", "not_regular_file", None, "")]
    assert time.monotonic() - start < 5


def test_a_file_beyond_the_size_limit(small_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(input_files, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(input_files.read_text, "__defaults__", (1000,))
    assert {key for _, key, _, _ in _problems(small_copy)} == {"file_too_large"}


def test_an_empty_hospital_file_is_named_as_such(small_copy: Path) -> None:
    (small_copy / "hospital.yaml").write_text("", encoding="utf-8")
    assert _problems(small_copy) == [("hospital.yaml", "missing_in_empty_file", None, "hospital")]


def test_a_missing_hospital_is_missing_in_the_folder(small_copy: Path) -> None:
    (small_copy / "hospital.yaml").unlink()
    assert _problems(small_copy) == [("hospital", "missing", None, "hospital")]


@pytest.mark.parametrize(
    ("text", "key"),
    [(alias_bomb("flows: *a8"), "yaml_alias_bomb"), ("flows: &f [*f]\n", "yaml_alias_loop")],
)
def test_an_alias_bomb_or_loop_in_an_inventory(small_copy: Path, text: str, key: str) -> None:
    (small_copy / "extra.yaml").write_text(text, encoding="utf-8")
    start = time.process_time()
    assert [(name, problem) for name, problem, _, _ in _problems(small_copy)] == [("extra.yaml", key)]
    assert time.process_time() - start < 2


def test_aliases_that_merge_defaults_into_many_servers_are_fine(small_copy: Path) -> None:
    first = "  - &d {id: s0, hostname: S0, segment: emr-lan, role: application, os_name: Windows Server, vcpu: 2}\n"
    more = "".join(f"  - {{<<: *d, id: s{k}, hostname: S{k}}}\n" for k in range(1, 3000))
    (small_copy / "more.yaml").write_text("servers:\n" + first + more, encoding="utf-8")
    assert len(load_inventory(small_copy).servers) == 4 + 3000


# --- settings and prices ------------------------------------------------------------------------------------------


def _settings_problems(tmp_path: Path, text: str, prices: bool = False) -> list[str]:
    path = tmp_path / "file.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_price_catalog(path) if prices else load_settings(path)
    return caught.value.render("en").split("\n")


@pytest.mark.parametrize("prices", [False, True])
def test_an_alias_bomb_in_settings_or_prices_is_refused_quickly(tmp_path: Path, prices: bool) -> None:
    start = time.process_time()
    lines = _settings_problems(tmp_path, alias_bomb("items: *a8" if prices else "cost:\n  sources: *a8"), prices)
    assert len(lines) == 1 and "expand this document to more than" in lines[0]
    assert time.process_time() - start < 2


def test_an_unknown_setting_names_its_key_and_a_near_one(tmp_path: Path) -> None:
    lines = _settings_problems(tmp_path, "cost:\n  discount_rat: 0.05\n")
    assert lines == [
        f"{tmp_path / 'file.yaml'} line 2: cost.discount_rat: unknown key 'discount_rat' (did you mean 'discount_rate'?)"
    ]


def test_a_long_value_is_shortened_in_the_message(tmp_path: Path) -> None:
    lines = _settings_problems(tmp_path, f"cost:\n  provider: {'x' * 100_000}\n")
    assert len(lines) == 1 and len(lines[0]) < 400 and "…" not in lines[0]  # too long: said without the value
    lines = _settings_problems(tmp_path, f"cost:\n  horizon_years: {'x' * 100_000}\n")
    assert len(lines) == 1 and len(lines[0]) < 400 and "x…" in lines[0]


def test_settings_files_are_regular_files_of_bounded_size(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    with pytest.raises(ConfigError) as caught:
        load_settings(tmp_path / "pipe.yaml")
    assert caught.value.problems[0].key == "not_regular_file"
    big = tmp_path / "big.yaml"
    big.write_text("cost: {}\n" + "#" * (input_files.MAX_SETTINGS_BYTES + 1), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(big)
    assert caught.value.problems[0].key == "file_too_large"


def test_settings_messages_in_japanese(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text("cost:\n  jpy_per_usd: {2025: .nan}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(path)
    assert caught.value.render("ja") == f"{path} line 2: cost.jpy_per_usd[2025]: 'nan' は有限の数値ではありません"
