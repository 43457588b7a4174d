"""LibreOffice for tests that open a workbook as a real spreadsheet would (headless; tests skip without it)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def find_libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_convert(source: Path, out_dir: Path, to: str = "pdf") -> subprocess.CompletedProcess[str]:
    """Convert `source` into `out_dir` (`to`: a format such as pdf, xlsx or csv, with its filter options), with a
    private profile so that parallel runs do not fight over the user's profile lock. Formulas are computed."""
    binary = find_libreoffice()
    assert binary is not None
    with tempfile.TemporaryDirectory(prefix="hismigrate-lo-") as profile:
        return subprocess.run(
            [
                binary,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                to,
                "--outdir",
                str(out_dir),
                str(source),
            ],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
