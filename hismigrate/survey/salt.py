"""The secret salt of the facility-code hash: a file the hospital keeps and never sends.

Created with 32 random bytes on the first export, then read on every later one, so that a hospital keeps one code
from year to year (the store keeps the latest submission of each code and year). It lives in the user's config
folder (`$XDG_CONFIG_HOME/hismigrate`, else `~/.config/hismigrate`), or where HISMIGRATE_SALT_FILE or --salt-file
says: never in the inventory folder, where version control would offer to commit it.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from hismigrate.errors import ConfigError, Location
from hismigrate.i18n import t

SALT_FILE_NAME = "survey-salt.txt"
SALT_ENV = "HISMIGRATE_SALT_FILE"
MIN_SALT_CHARS = 16
SALT_BYTES = 32


def config_folder(environ: Mapping[str, str] | None = None) -> Path:
    """hismigrate's folder in the user's configuration: $XDG_CONFIG_HOME/hismigrate, else ~/.config/hismigrate."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".config"
    return root / "hismigrate"


def default_salt_path(environ: Mapping[str, str] | None = None) -> Path:
    """HISMIGRATE_SALT_FILE when set, else survey-salt.txt in the config folder."""
    environ = os.environ if environ is None else environ
    given = environ.get(SALT_ENV)
    return Path(given).expanduser() if given else config_folder(environ) / SALT_FILE_NAME


def legacy_salt_path(inventory_paths: list[Path]) -> Path:
    """Where earlier versions wrote the salt (in the inventory folder, or beside the inventory file): read there
    when it exists and no other salt does, so that a hospital's code does not change; never written there."""
    first = inventory_paths[0]
    return first / SALT_FILE_NAME if first.is_dir() else first.parent / SALT_FILE_NAME


def read_salt(path: Path, lang: str) -> bytes:
    """The salt in `path` (its text, stripped); ConfigError when it is unreadable or too short to be secret."""
    try:
        text = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(
            t("survey.cli.salt_unreadable", lang, detail=getattr(exc, "strerror", None) or str(exc)),
            location=Location(str(path)),
        ) from None
    if len(text) < MIN_SALT_CHARS:
        raise ConfigError(t("survey.cli.salt_too_short", lang, minimum=MIN_SALT_CHARS), location=Location(str(path)))
    return text.encode("utf-8")


def create_salt(path: Path) -> bytes:
    """Write a new random salt readable by its owner only; never overwrites an existing file."""
    text = secrets.token_hex(SALT_BYTES)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return text.encode("utf-8")
