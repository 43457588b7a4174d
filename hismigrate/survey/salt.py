"""The secret salt of the facility-code hash: a file the hospital keeps and never sends.

Created with 32 random bytes on the first export, then read on every later one, so that a hospital keeps one code
from year to year (the aggregation keeps the latest submission of each code). It lives in the user's configuration
folder, one file per hospital id, never beside the inventory: an inventory folder is often a git repository or a
shared drive, where a secret would be committed or copied along with it.
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


def config_dir() -> Path:
    """hismigrate's folder of user configuration: HISMIGRATE_CONFIG_DIR, else %APPDATA%\\hismigrate on Windows,
    else $XDG_CONFIG_HOME/hismigrate (~/.config/hismigrate)."""
    explicit = os.environ.get("HISMIGRATE_CONFIG_DIR")
    if explicit:
        return Path(explicit)
    if os.name == "nt" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "hismigrate"
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "hismigrate"


def default_salt_path(hospital_id: str) -> Path:
    """The salt of one hospital in the user's configuration folder (survey-salt/<hospital id>.txt)."""
    return config_dir() / "survey-salt" / f"{hospital_id}.txt"


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
