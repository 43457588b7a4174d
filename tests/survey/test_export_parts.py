"""The parts of the export: adoption flags from flows, the facility code and its salt, plans and cost bands, and
`hismigrate survey export` as a user meets it."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hismigrate.errors import ConfigError
from hismigrate.model.calendar import fiscal_year
from hismigrate.model.enums import SystemCategory
from hismigrate.model.inventory import Flow, Hospital, Inventory, System
from hismigrate.model.submission import OrderingKind
from hismigrate.model.submission_codes import official_code
from hismigrate.survey.adoption import adoption, ordering_kinds
from hismigrate.survey.facility import hashed_code, valid_code
from hismigrate.survey.read import read_submission
from hismigrate.survey.salt import (
    MIN_SALT_CHARS,
    SALT_FILE_NAME,
    config_folder,
    create_salt,
    default_salt_path,
    legacy_salt_path,
    read_salt,
)

HOSPITAL = Hospital(id="h", name="H", beds=100, type="acute", prefecture="tokyo", founder="public")


def _inventory(systems: dict[str, SystemCategory], flows: list[tuple[str, str]]) -> Inventory:
    return Inventory(
        hospital=HOSPITAL,
        systems=[System(id=i, name=i, category=c, criticality=2) for i, c in systems.items()],
        flows=[Flow.model_validate({"from": a, "to": b}) for a, b in flows],
    )


@pytest.mark.parametrize(
    ("source", "target", "kind"),
    [
        (SystemCategory.emr, SystemCategory.lis, OrderingKind.lab),
        (SystemCategory.ordering, SystemCategory.ris, OrderingKind.radiology),
        (SystemCategory.emr, SystemCategory.pharmacy, OrderingKind.pharmacy),
        (SystemCategory.ordering, SystemCategory.nutrition, OrderingKind.nutrition),
        (SystemCategory.emr, SystemCategory.surgery, OrderingKind.other),
        (SystemCategory.emr, SystemCategory.rehabilitation, OrderingKind.other),
    ],
)
def test_an_order_flow_shows_its_kind(source: SystemCategory, target: SystemCategory, kind: OrderingKind) -> None:
    inventory = _inventory({"a": source, "b": target}, [("a", "b")])
    assert ordering_kinds(inventory) == {kind}
    flags = adoption(inventory)
    assert flags.ordering and flags.ordering_kinds[kind]
    assert sum(flags.ordering_kinds.values()) == 1


@pytest.mark.parametrize(
    ("systems", "flows"),
    [
        ({"a": SystemCategory.lis, "b": SystemCategory.emr}, [("a", "b")]),  # results back: not an order
        ({"a": SystemCategory.pacs, "b": SystemCategory.ris}, [("a", "b")]),  # not from an ordering system
        ({"a": SystemCategory.emr, "b": SystemCategory.billing}, [("a", "b")]),  # charges: not an order kind
        ({"a": SystemCategory.emr, "b": SystemCategory.lis}, []),  # no flow, no known order
    ],
)
def test_no_order_flow_no_kind(systems: dict[str, SystemCategory], flows: list[tuple[str, str]]) -> None:
    inventory = _inventory(systems, flows)
    flags = adoption(inventory)
    assert not any(flags.ordering_kinds.values()) and not flags.ordering


def test_a_dedicated_ordering_system_is_ordering_even_without_flows() -> None:
    flags = adoption(_inventory({"o": SystemCategory.ordering, "p": SystemCategory.pacs}, []))
    assert flags.ordering and flags.pacs and not flags.emr
    assert flags.departments[SystemCategory.ordering] and not flags.departments[SystemCategory.lis]


def test_hashed_code_is_stable_valid_and_keyed() -> None:
    code = hashed_code("sakura-general", b"x" * 32)
    assert code == hashed_code("sakura-general", b"x" * 32)
    assert valid_code(code) == code and code.startswith("h-") and len(code) == 34
    assert code != hashed_code("sakura-general", b"y" * 32)
    assert code != hashed_code("sakura-genera1", b"x" * 32)
    assert "sakura" not in code


CODE = "1312345679"  # Tokyo (13), medical (1), 234567 and its check digit


@pytest.mark.parametrize(
    ("given_code", "expected"),
    [
        (f" {CODE} ", CODE),
        ("0110113719", "0110113719"),  # the published example of a prescribing institution's code
        ("h-" + "0123456789abcdef" * 2, "h-" + "0123456789abcdef" * 2),
    ],
)
def test_valid_codes(given_code: str, expected: str) -> None:
    assert valid_code(given_code) == expected


@pytest.mark.parametrize(
    "bad",
    ["", "-1", "病院", "a b", "x" * 65, "SakuraGeneralHospital", "1312345678", "4812345670", "1342345679", "h-sakura"],
)
def test_invalid_codes(bad: str) -> None:
    assert valid_code(bad) is None


@given(st.integers(min_value=1, max_value=47), st.sampled_from("13"), st.integers(min_value=0, max_value=999_999))
def test_every_official_code_is_valid_and_one_mistyped_digit_is_caught(
    prefecture: int, table: str, number: int
) -> None:
    code = official_code(prefecture, table, number)
    assert valid_code(code) == code
    wrong = code[:-4] + str((int(code[-4]) + 1) % 10) + code[-3:]
    assert valid_code(wrong) is None


def test_salt_is_created_private_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "inv" / SALT_FILE_NAME
    salt = create_salt(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_salt(path, "en") == salt and len(salt) == 64
    with pytest.raises(FileExistsError):
        create_salt(path)  # never overwrites: the code would change
    assert create_salt(tmp_path / "other") != salt


def test_short_or_missing_salt_is_a_config_error(tmp_path: Path) -> None:
    short = tmp_path / "short.txt"
    short.write_text("x" * (MIN_SALT_CHARS - 1) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        read_salt(short, "en")
    assert str(short) in info.value.render() and str(MIN_SALT_CHARS) in info.value.render()
    with pytest.raises(ConfigError):
        read_salt(tmp_path / "missing.txt", "en")


def test_default_salt_path_is_in_the_config_folder(tmp_path: Path) -> None:
    home = Path.home()
    assert config_folder({}) == home / ".config" / "hismigrate"
    assert config_folder({"XDG_CONFIG_HOME": "relative"}) == home / ".config" / "hismigrate"  # the spec: absolute only
    assert default_salt_path({"XDG_CONFIG_HOME": str(tmp_path)}) == tmp_path / "hismigrate" / SALT_FILE_NAME
    given = tmp_path / "keys" / "salt.txt"
    assert default_salt_path({"XDG_CONFIG_HOME": "/x", "HISMIGRATE_SALT_FILE": str(given)}) == given
    workbook = tmp_path / "inventory.xlsx"
    workbook.touch()
    assert legacy_salt_path([tmp_path]) == legacy_salt_path([workbook]) == tmp_path / SALT_FILE_NAME


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)))
def test_fiscal_year_starts_in_april(day: date) -> None:
    year = fiscal_year(day)
    assert date(year, 4, 1) <= day < date(year + 1, 4, 1)


def run(*args: str, config: Path | None = None, salt: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The CLI with its own config folder (never the user's) and, when given, HISMIGRATE_SALT_FILE."""
    env = {"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "en", "COLUMNS": "200", "HOME": str(config or "/nonexistent")}
    if config is not None:
        env["XDG_CONFIG_HOME"] = str(config)
    if salt is not None:
        env["HISMIGRATE_SALT_FILE"] = str(salt)
    return subprocess.run(
        [sys.executable, "-m", "hismigrate", *args], capture_output=True, text=True, env=env, check=False
    )


def test_export_with_a_facility_code_writes_json_and_no_salt(small_copy: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "submission.json"
    args = ("survey", "export", str(small_copy), "-o", str(target), "--as-of", "2026-10-01")
    result = run(*args, "--facility-code", CODE)
    assert result.returncode == 0, result.stderr
    submission = read_submission(target)
    assert submission.facility_code == CODE and submission.as_of == date(2026, 10, 1)
    assert submission.bed_class == "under_200" and submission.region == "kanto"
    assert not (small_copy / SALT_FILE_NAME).exists()
    first = target.read_bytes()
    assert run(*args, "--facility-code", CODE).returncode == 0
    assert target.read_bytes() == first  # same input, same bytes


def test_export_without_a_code_keeps_the_salt_in_the_config_folder(small_copy: Path, tmp_path: Path) -> None:
    """The salt is created in the user's config folder, never in the inventory folder (where git would offer to
    commit it), then used again: the hashed code stays the same."""
    config = tmp_path / "config"
    codes = []
    for name in ("a.xlsx", "b.json"):
        args = ("survey", "export", str(small_copy), "-o", str(tmp_path / name), "--as-of", "2026-10-01")
        result = run(*args, config=config)
        assert result.returncode == 0, result.stderr
        assert ("Created the secret salt" in result.stderr) == (name == "a.xlsx")
        codes.append(read_submission(tmp_path / name).facility_code)
    assert codes[0] == codes[1] and codes[0].startswith("h-")
    salt = config / "hismigrate" / SALT_FILE_NAME
    assert stat.S_IMODE(salt.stat().st_mode) == 0o600 and stat.S_IMODE(salt.parent.stat().st_mode) == 0o700
    assert not (small_copy / SALT_FILE_NAME).exists() and not list(small_copy.rglob("*salt*"))
    assert salt.read_text(encoding="utf-8").strip() not in (tmp_path / "b.json").read_text(encoding="utf-8")
    other = tmp_path / "other-salt.txt"
    other.write_text("another secret of enough length\n", encoding="utf-8")
    base = ("survey", "export", str(small_copy), "-o", str(tmp_path / "c.json"))
    for extra, env_salt in ((("--salt-file", str(other)), None), ((), other)):
        result = run(*base, *extra, config=config, salt=env_salt)
        assert result.returncode == 0, result.stderr
        assert json.loads((tmp_path / "c.json").read_text(encoding="utf-8"))["facility_code"] != codes[0]


def test_a_salt_left_in_the_inventory_folder_is_read_not_written(small_copy: Path, tmp_path: Path) -> None:
    legacy = small_copy / SALT_FILE_NAME
    legacy.write_text("the salt an earlier version wrote here\n", encoding="utf-8")
    config = tmp_path / "config"
    result = run("survey", "export", str(small_copy), "-o", str(tmp_path / "a.json"), config=config)
    assert result.returncode == 0, result.stderr
    assert "move it to" in result.stderr and not (config / "hismigrate").exists()


def test_export_help_says_where_the_salt_lives() -> None:
    result = run("survey", "export", "--help")
    text = " ".join(result.stdout.split())
    assert "XDG_CONFIG_HOME" in text and "HISMIGRATE_SALT_FILE" in text and "never the inventory folder" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--facility-code", "病院 1"], "is not a facility code"),
        (["--facility-code", official_code(1, "1", 1)], "was not issued in the inventory's prefecture (tokyo)"),
        (["-o", "submission.csv"], "must be a .json or .xlsx file"),  # -o is under the output folder
        (["--as-of", "soon"], "soon"),
    ],
)
def test_bad_options_are_exit_2_and_write_nothing(
    small_copy: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "out"
    args = [str(out / a) if a.endswith(".csv") else a for a in args]
    output = ["-o", str(out / "s.json")] if "-o" not in args else []
    result = run("survey", "export", str(small_copy), *output, *args, config=tmp_path / "config")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr
    assert not out.exists() and not (small_copy / SALT_FILE_NAME).exists() and not (tmp_path / "config").exists()


def test_bad_inventory_is_exit_2(tmp_path: Path) -> None:
    result = run("survey", "export", str(tmp_path / "missing"), "-o", str(tmp_path / "s.json"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
