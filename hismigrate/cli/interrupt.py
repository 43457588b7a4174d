"""How a run ends when it is interrupted (Ctrl-C: SIGINT; a `kill`: SIGTERM): at once, whatever it is doing, with
one line on stderr, exit code 128 + the signal (130 for Ctrl-C) and nothing half-written.

Python's own handling raises KeyboardInterrupt wherever the program happens to be: inside a `finally`, a
destructor or a worker it is printed as "Exception ignored" and the run goes on (and may end with 0), and each
forked worker prints its own traceback. Here the handler removes the temporary files and scratch folders being
written (hismigrate.atomic), stops the workers and ends the process; a forked worker that receives the signal (a
terminal sends it to the whole process group) ends quietly, leaving the telling to its parent.

Installed by the console script only (cli.entry), before the rest of the program is imported; run in-process
(tests), a command keeps Python's handling.
"""

from __future__ import annotations

import os
import signal
import sys
from types import FrameType

_MAIN_PID: int | None = None
_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_FALLBACK = "✗ Interrupted: stopped; files not yet complete were removed"


def install() -> None:
    """Handle SIGINT and SIGTERM in this process (and, inherited, in the workers it forks). A signal the process
    was started ignoring (`nohup`, a background job of a script) stays ignored, as its starter meant."""
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    for number in _SIGNALS:
        if signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, _interrupted)


def _interrupted(number: int, _frame: FrameType | None) -> None:
    if os.getpid() != _MAIN_PID:  # a forked worker: its parent says what happened and stops it
        os._exit(128 + number)
    for other in _SIGNALS:  # a second Ctrl-C does not interrupt the cleaning up
        signal.signal(other, signal.SIG_IGN)
    _stop_workers()
    if "hismigrate.atomic" in sys.modules:  # loaded only by a command that writes
        sys.modules["hismigrate.atomic"].discard_pending()
    _say(_line())
    os._exit(128 + number)


def _stop_workers() -> None:
    if "hismigrate.parallel" in sys.modules:  # loaded by the console script before any command runs
        sys.modules["hismigrate.parallel"].stop_workers(at_once=True)


def _line() -> str:
    """The line in the user's language (--lang, else HISMIGRATE_LANG or the locale), English when the catalogs
    cannot be read at this moment (the interrupt came while they were being loaded)."""
    try:
        from hismigrate.cli.common import message_language
        from hismigrate.i18n import t

        return t("cli.interrupted", message_language(_lang_argument()))
    except Exception:
        return _FALLBACK


def _lang_argument() -> str | None:
    args = sys.argv[1:]
    for k, arg in enumerate(args):
        if arg == "--lang" and k + 1 < len(args):
            return args[k + 1] if args[k + 1] in ("ja", "en") else None
        if arg.startswith("--lang="):
            value = arg.partition("=")[2]
            return value if value in ("ja", "en") else None
    return None


def _say(line: str) -> None:
    """Write the line straight to the stderr descriptor (the stream's buffer may be mid-write, and locked); on a
    terminal, first clear the progress bar's line and show the cursor it hid."""
    try:
        reset = "\r\x1b[2K\x1b[?25h" if os.isatty(2) else ""
        os.write(2, (reset + line + "\n").encode("utf-8", "replace"))
    except OSError:
        pass
