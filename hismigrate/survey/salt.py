"""The secret salt of the facility-code hash: a file the hospital keeps beside its inventory and never sends.

Created with 32 random bytes on the first export, then read on every later one, so that a hospital keeps one code
from year to year (the aggregation keeps the latest submission of each code).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from hismigrate.errors import ConfigError, Location
from hismigrate.i18n import t

SALT_FILE_NAME = "survey-salt.txt"
MIN_SALT_CHARS = 16
SALT_BYTES = 32


def default_salt_path(inventory_paths: list[Path]) -> Path:
    """Inside the inventory folder, or beside the inventory file (the first one given)."""
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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return text.encode("utf-8")
