"""Every command's help in the user's language: Japanese or English by --lang, HISMIGRATE_LANG or the locale, with
a description, every parameter described, value lists for choices, an example, and no Python type names."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from hismigrate.cli.help import param_text, values_of
from hismigrate.cli.main import app
from hismigrate.i18n import LANGUAGES, has, t

LEAKS = ("<bool>", "list[", "<str>", "<int", "<path>", "<float", "[required]", "Show this message")
ENGLISH_FRAME = ("Usage:", "Options:", "Arguments:", "Commands:", "Examples:", "(default", "(required)")


def _commands() -> list[tuple[tuple[str, ...], object]]:
    out: list[tuple[tuple[str, ...], object]] = []

    def walk(command: object, path: tuple[str, ...]) -> None:
        out.append((path, command))
        for name, sub in (getattr(command, "commands", None) or {}).items():
            walk(sub, (*path, name))

    walk(typer.main.get_command(app), ())
    return out


COMMANDS = _commands()


def _key(path: tuple[str, ...]) -> str:
    return ".".join(path) or "hismigrate"


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _help(path: tuple[str, ...], env: dict[str, str], *extra: str) -> str:
    result = CliRunner().invoke(app, [*path, *extra, "--help"], env={"COLUMNS": "100", **env})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[_key(p) for p, _ in COMMANDS])
def test_every_command_explains_itself_in_the_language(path: tuple[str, ...], command: object, lang: str) -> None:
    out = _help(path, {"HISMIGRATE_LANG": lang})
    for leak in LEAKS + (ENGLISH_FRAME if lang == "ja" else ()):
        assert leak not in out, f"{leak!r} in the help of {_key(path)}"
    shown = _squeezed(out)
    key = _key(path)
    assert has(f"help.cmd.{key}.about", lang), f"help.cmd.{key}.about is missing from the {lang} catalog"
    assert _squeezed(t(f"help.cmd.{key}.about", lang)) in shown
    examples = t(f"help.cmd.{key}.examples", lang).strip().splitlines()
    assert examples and all(e.startswith(" ".join(("hismigrate", *path))) for e in examples[:1]), key
    assert _squeezed(examples[0]) in shown
    for param in command.params:  # type: ignore[attr-defined]
        if param.name == "help":
            continue
        text = param_text(key, param.name, lang)
        assert text, f"{key} {param.name}: no description in the {lang} catalog"
        assert _squeezed(text) in shown
        for value in values_of(key, param.name):
            assert value in out
    assert (t("help.usage", lang) + ":") in out


def test_japanese_help_is_japanese_and_english_help_english() -> None:
    ja = _help(("assess",), {"HISMIGRATE_LANG": "ja"})
    en = _help(("assess",), {"HISMIGRATE_LANG": "en"})
    assert "使い方:" in ja and "オプション:" in ja and "例:" in ja and "Options" not in ja
    assert "Usage:" in en and "Options:" in en and "オプション" not in en
    assert "critical, high, medium, low, info" in ja  # --fail-on lists its values


def test_lang_option_outranks_the_environment_and_reaches_a_group() -> None:
    assert "使い方:" in _help(("assess",), {"HISMIGRATE_LANG": "en"}, "--lang", "ja")
    assert "Usage:" in _help(("import",), {"HISMIGRATE_LANG": "ja"}, "--lang", "en")
    assert "使い方:" in _help((), {"HISMIGRATE_LANG": "en", "LANG": "C"}, "--lang", "ja")


def test_the_locale_decides_without_lang() -> None:
    assert "使い方:" in _help(("validate",), {"HISMIGRATE_LANG": "", "LC_ALL": "ja_JP.UTF-8"})
    assert "Usage:" in _help(("validate",), {"HISMIGRATE_LANG": "", "LC_ALL": "C.UTF-8"})


def test_installed_command_help_follows_hismigrate_lang() -> None:
    """The acceptance line: `HISMIGRATE_LANG=ja hismigrate assess --help` is Japanese."""
    done = subprocess.run(
        [sys.executable, "-m", "hismigrate", "assess", "--help"],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "HISMIGRATE_LANG": "ja", "COLUMNS": "100"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "使い方: " in done.stdout and "台帳を評価し" in done.stdout
    assert not any(leak in done.stdout for leak in LEAKS)


@pytest.mark.parametrize(
    ("args", "lang", "expected"),
    [
        (["graph", "x"], "ja", "--output / -o を指定してください"),
        (["assess", "x", "--bogus"], "ja", "--bogus というオプションはありません"),
        (["assess", "x", "--fail-on"], "en", "--fail-on needs a value"),
        (["graph", "x"], "en", "--output / -o is missing"),
    ],
)
def test_usage_mistakes_are_told_in_the_language_with_the_help_to_read(
    args: list[str], lang: str, expected: str
) -> None:
    result = CliRunner().invoke(app, args, env={"HISMIGRATE_LANG": lang})
    assert result.exit_code == 2
    assert expected in result.output
    assert "--help" in result.output.splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["assess", "/nonexistent/inventory"], "hismigrate template"),
        (["validate", "/nonexistent/inventory"], "hismigrate init"),
        (["assess", "tests/fixtures/small_hospital", "--fail-on", "worst"], "hismigrate assess --help"),
    ],
)
def test_each_error_names_the_command_that_fixes_it(args: list[str], hint: str) -> None:
    result = CliRunner().invoke(app, args, env={"HISMIGRATE_LANG": "en"})
    assert result.exit_code == 2
    assert hint in result.output and "validate again" not in result.output


def test_a_mistake_in_the_inventory_points_to_validate(small_copy) -> None:  # type: ignore[no-untyped-def]
    (small_copy / "servers.yaml").write_text("servers: [", encoding="utf-8")
    result = CliRunner().invoke(app, ["assess", str(small_copy)], env={"HISMIGRATE_LANG": "ja"})
    assert result.exit_code == 2 and "hismigrate validate" in result.output
