"""Headless Chromium driven over the DevTools protocol on a pipe (no web socket, no package).

Used by the browser tests of the map (``test_large_map.py``) and by ``bench/bench_render.py``.
Chromium reads commands from its file descriptor 3 and writes answers and events to 4, each
a JSON object ended by a NUL byte (``--remote-debugging-pipe``). The browser runs offline:
every host name resolves to nothing and the proxy is a closed port.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND",
)

# runs before any script of the page: notes when <body data-state> changes and what the
# console says (CSP does not apply to it: the browser injects it)
_WATCH = """
window.__geokg = {states: {}, console: []};
new MutationObserver(function () {
  var state = document.body && document.body.getAttribute("data-state");
  if (state && !(state in window.__geokg.states)) window.__geokg.states[state] = performance.now();
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-state"], childList: true});
"""


class BrowserError(RuntimeError):
    """Chromium ended, or answered a command with an error."""


class Chromium:
    """One headless Chromium with a fresh profile and one page; use as a context manager::

    with Chromium() as browser:
        browser.open(Path("map.html").resolve().as_uri())
        browser.wait_for("document.body.dataset.state == 'drawn'")
    """

    def __init__(self, *, width: int = 1200, height: int = 800) -> None:
        self._profile = tempfile.TemporaryDirectory(prefix="geokg-chromium-")
        self._size = (width, height)
        self._next = 0
        self._buffer = b""
        self.events: list[dict[str, Any]] = []
        self.session = ""

    def __enter__(self) -> Chromium:
        to_child, self._send_fd = os.pipe()
        self._read_fd, from_child = os.pipe()

        def wire() -> None:  # in the child: the two pipe ends become descriptors 3 and 4
            os.dup2(to_child, 3)
            os.dup2(from_child, 4)

        self._process = subprocess.Popen(
            [
                str(CHROMIUM),
                *FLAGS,
                f"--user-data-dir={self._profile.name}",
                f"--window-size={self._size[0]},{self._size[1]}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,
            pass_fds=(3, 4),  # kept open after preexec_fn (the rest are closed)
        )
        os.close(to_child)
        os.close(from_child)
        targets = self.command("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.command("Target.attachToTarget", targetId=page["targetId"], flatten=True, session=False)[
            "sessionId"
        ]
        for domain in ("Page.enable", "Runtime.enable", "Log.enable"):
            self.command(domain)
        self.command("Page.addScriptToEvaluateOnNewDocument", source=_WATCH)
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.command("Browser.close", session=False, timeout=10)
        except (BrowserError, TimeoutError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._send_fd)
        os.close(self._read_fd)
        self._profile.cleanup()

    # ---------------------------------------------------------------- protocol

    def command(self, method: str, *, session: bool = True, timeout: float = 120, **params: Any) -> dict[str, Any]:
        """Send one command and wait for its answer (events that arrive meanwhile are kept)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self._send_fd, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._receive(deadline)
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._read_fd, 1 << 20)
            if not chunk:
                raise BrowserError("Chromium closed its pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        decoded: dict[str, Any] = json.loads(message)
        return decoded

    # ---------------------------------------------------------------- page

    def open(self, url: str) -> None:
        """Load ``url`` in the page (returns when the navigation has started)."""
        self.command("Page.navigate", url=url)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (promises are awaited)."""
        answer = self.command("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression[:60]}: {answer['exceptionDetails'].get('text')}")
        return answer["result"].get("value")

    def wait_for(self, expression: str, *, timeout: float = 120, every: float = 0.02) -> Any:
        """Poll ``expression`` until it is truthy; its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(every)
        raise TimeoutError(f"never true: {expression}")

    def state_times(self) -> dict[str, float]:
        """When ``<body data-state>`` took each value, in ms from the start of the navigation."""
        times: dict[str, float] = self.evaluate("window.__geokg ? window.__geokg.states : {}") or {}
        return times

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions and refused loads seen so far."""
        self.evaluate("1")  # collect the events sent until now
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                thrown = details.get("exception", {}).get("description") or ""
                found.append(f"exception: {details.get('text')} {thrown}".strip())
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
                found.append(f"console.{params['type']}: " + " ".join(str(a.get("value")) for a in params["args"]))
            elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
                found.append("log: " + str(params["entry"].get("text")))
        return found

    def screenshot(self, path: Path) -> Path:
        """A PNG of the page as it is now."""
        import base64

        data = self.command("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        return path
