"""Headless Chromium for tests: load a local HTML file, screenshot it, and report console errors and every network
request, through the DevTools protocol over `--remote-debugging-pipe` (stdlib only, no port to race for)."""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    """The Chromium executable, or None when it is not installed."""
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


@dataclass
class PageReport:
    """What happened while a page loaded."""

    url: str
    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the page asked for, its own URL excepted
    screenshot: Path | None = None
    first_screen_text: str = ""  # the text laid out within the first screen (the viewport at load)
    value: Any = None  # what `evaluate` returned
    pdf: bytes = b""  # the page printed (A4, print CSS), when asked for


# Every text node whose box lies (at least partly) inside the viewport, in document order.
FIRST_SCREEN_TEXT = """(() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  const range = document.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && box.top < window.innerHeight && box.bottom > 0) out.push(node.textContent.trim());
  }
  return out.join("\\n");
})()"""


class _Pipe:
    """DevTools messages: JSON objects separated by NUL bytes on fd 3 (to the browser) and fd 4 (from it)."""

    def __init__(self, to_browser: int, from_browser: int) -> None:
        self.to_browser = to_browser
        self.from_browser = from_browser
        self.buffer = b""
        self.next_id = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        return self.next_id

    def read(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self.from_browser], [], [], remaining)
            if ready:
                chunk = os.read(self.from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self.buffer += chunk
        raw, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(
        self, method: str, params: dict[str, Any] | None = None, session: str | None = None, timeout: float = 30
    ) -> dict[str, Any]:
        """Send a command and wait for its answer; events that arrive meanwhile are kept in `events`."""
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            message = self.read(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        for index, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(index)
        while True:
            message = self.read(deadline)
            if message.get("method") == method:
                return message
            self.events.append(message)


def load_page(
    html: Path,
    screenshot: Path | None = None,
    width: int = 1280,
    height: int = 900,
    settle_seconds: float = 0.3,
    evaluate: str | None = None,
    print_pdf: bool = False,
    media: str = "",
) -> PageReport:
    """Open `html` in headless Chromium; collect console errors and requests; optionally save a PNG of the first
    screen (`width` x `height`), return what the script `evaluate` returns (by value; laid out for `media`, e.g.
    `print`, when given), and print the page to an A4 PDF as a reader's browser would (print CSS, backgrounds, no
    header or footer of the browser's own)."""
    binary = find_chromium()
    if binary is None:
        raise FileNotFoundError("chromium is not installed")
    url = html.resolve().as_uri()
    cmd_read, cmd_write = os.pipe()
    out_read, out_write = os.pipe()

    def child_fds() -> None:
        # The browser reads commands on fd 3 and writes answers on fd 4. The pipe ends may themselves be 3 or 4,
        # so move them out of the way first; dup2 copies are inheritable, unlike Python's own fds.
        high_read = fcntl.fcntl(cmd_read, fcntl.F_DUPFD, 10)
        high_write = fcntl.fcntl(out_write, fcntl.F_DUPFD, 10)
        os.dup2(high_read, 3)
        os.dup2(high_write, 4)

    with tempfile.TemporaryDirectory(prefix="hismigrate-chromium-") as profile:
        process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=child_fds,  # tests only, no threads: dup2 is the one way to place fds 3 and 4
            close_fds=False,  # Python's own fds are not inheritable; only the dup2 copies reach the browser
        )
        os.close(cmd_read)
        os.close(out_write)
        pipe = _Pipe(cmd_write, out_read)
        try:
            return _drive(pipe, url, screenshot, width, height, settle_seconds, evaluate, print_pdf, media)
        finally:
            try:
                pipe.send("Browser.close")
                process.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
            os.close(cmd_write)
            os.close(out_read)


def _drive(
    pipe: _Pipe,
    url: str,
    screenshot: Path | None,
    width: int,
    height: int,
    settle: float,
    evaluate: str | None,
    print_pdf: bool,
    media: str = "",
) -> PageReport:
    target = pipe.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Runtime", "Log", "Network", "Page"):
        pipe.call(f"{domain}.enable", session=session)
    pipe.call(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        session=session,
    )
    pipe.events.clear()
    pipe.call("Page.navigate", {"url": url}, session=session)
    pipe.wait_for("Page.loadEventFired")
    time.sleep(settle)  # let late console messages and requests arrive
    shown = pipe.call("Runtime.evaluate", {"expression": FIRST_SCREEN_TEXT, "returnByValue": True}, session=session)
    report = PageReport(url, first_screen_text=shown.get("result", {}).get("value", ""))
    if evaluate is not None:
        if media:
            pipe.call("Emulation.setEmulatedMedia", {"media": media}, session=session)
        done = pipe.call("Runtime.evaluate", {"expression": evaluate, "returnByValue": True}, session=session)
        report.value = done.get("result", {}).get("value")
    if print_pdf:
        if media:
            pipe.call("Emulation.setEmulatedMedia", {"media": ""}, session=session)
        options = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": False}
        printed = pipe.call("Page.printToPDF", options, session=session, timeout=120)
        report.pdf = base64.b64decode(printed["data"])
    if screenshot is not None:
        shot = pipe.call("Page.captureScreenshot", {"format": "png"}, session=session)
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        report.screenshot = screenshot
    for event in pipe.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            report.console_errors.append(details.get("exception", {}).get("description") or details.get("text", ""))
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            report.console_errors.append(" ".join(str(a.get("value", a.get("description"))) for a in params["args"]))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            report.console_errors.append(params["entry"].get("text", ""))
        elif method == "Network.requestWillBeSent":
            requested = params.get("request", {}).get("url", "")
            if requested != url:
                report.requests.append(requested)
    return report
