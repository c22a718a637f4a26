"""End to end: comparison.html and report.html open in headless Chromium as a reader would see them.

Chromium is driven through the DevTools protocol over `--remote-debugging-pipe` (JSON messages ending
with a NUL byte on file descriptors 3 and 4), with nothing but the standard library. For each page the
test checks that every chart is rendered (an `<svg>` laid out at a real size, with its shapes and its
`<use>` references resolved), that the page requested nothing but its own file and logged no console
error nor exception, and that it prints on A4. Screenshots (the top of the page and each chart) and the
printed PDF are saved under tmp_path.

Chromium is Debian's `chromium` package. Without it the test is skipped, except in CI (CI=true), where
it fails: the CI machine must install it.
"""

from __future__ import annotations

import base64
import fcntl
import io
import json
import os
import re
import select
import subprocess
import time
from pathlib import Path

import pytest

from optimiser.comparison import compare
from optimiser.report.allocation_html import allocation_page
from optimiser.report.comparison_html import comparison_page
from optimiser.report.tables import RunInfo
from optimiser.scenarios import DEMO_CANDIDATES, SCENARIO_DIR

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--disable-extensions", "--no-default-browser-check", "--hide-scrollbars",
         "--mute-audio", "--remote-debugging-pipe"]
TIMEOUT_S = 60.0
WIDTH = 1600


def require_chromium() -> None:
    if CHROMIUM.exists():
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"chromium not installed ({CHROMIUM}): apt-get install chromium — CI must run the browser test")
    pytest.skip("chromium not installed: apt-get install chromium")


class DevTools:
    """A headless Chromium and a minimal DevTools-protocol client over the debugging pipe."""

    def __init__(self, profile: Path, log: Path) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def child() -> None:  # the pipe ends go to fds 3 (commands in) and 4 (replies out)
            inbound = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            outbound = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(inbound, 3)
            os.dup2(outbound, 4)

        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT,
            preexec_fn=child, close_fds=False)  # noqa: PLW1509 - the tests start no thread
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the debugging pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT_S
        while True:
            reply = self._read(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, session: str) -> dict:
        deadline = time.monotonic() + TIMEOUT_S
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                return event
        while True:
            event = self._read(deadline)
            self.events.append(event)
            if event.get("method") == method and event.get("sessionId") == session:
                return event

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._to_chrome, self._from_chrome):
            os.close(fd)
        self._log.close()


CHARTS_JS = """
Array.from(document.querySelectorAll('svg')).map(svg => {
  const box = svg.getBoundingClientRect();
  const uses = Array.from(svg.querySelectorAll('use'));
  const broken = uses.filter(u => !document.getElementById((u.getAttribute('href') || '').slice(1))).length;
  return {x: box.left + window.scrollX, y: box.top + window.scrollY, width: box.width, height: box.height,
          shapes: svg.querySelectorAll('path, use').length,
          uses: uses.length, broken: broken, label: svg.getAttribute('aria-label')};
})
"""


def open_page(browser: DevTools, page: Path, shots: Path) -> dict:
    """Load a page in a fresh tab; return its charts, its requests, its console errors, a screenshot, a PDF."""
    target = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        browser.call(f"{domain}.enable", {}, session)
    browser.call("Emulation.setDeviceMetricsOverride",
                 {"width": WIDTH, "height": 1200, "deviceScaleFactor": 1, "mobile": False}, session)
    first = len(browser.events)
    browser.call("Page.navigate", {"url": page.as_uri()}, session)
    browser.wait_for("Page.loadEventFired", session)
    charts = browser.call("Runtime.evaluate", {"expression": CHARTS_JS, "returnByValue": True}, session)
    charts = charts["result"]["value"]
    top = base64.b64decode(browser.call("Page.captureScreenshot", {"format": "png"}, session)["data"])
    (shots / f"{page.stem}.png").write_bytes(top)
    for k, chart in enumerate(charts):  # each chart's own pixels, wherever it is on the page
        clip = {key: chart[key] for key in ("x", "y", "width", "height")} | {"scale": 0.5}
        chart["png"] = base64.b64decode(browser.call(
            "Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True}, session)["data"])
        (shots / f"{page.stem}-chart{k + 1}.png").write_bytes(chart["png"])
    pdf = base64.b64decode(browser.call("Page.printToPDF", {"preferCSSPageSize": True}, session)["data"])
    (shots / f"{page.stem}.pdf").write_bytes(pdf)
    events = [e for e in browser.events[first:] if e.get("sessionId") == session]
    requests = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
    errors = [e["params"] for e in events
              if e.get("method") == "Runtime.exceptionThrown"
              or (e.get("method") == "Runtime.consoleAPICalled" and e["params"].get("type") in ("error", "assert"))
              or (e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("level") == "error")]
    text = browser.call("Runtime.evaluate", {"expression": "document.body.innerText", "returnByValue": True},
                        session)["result"]["value"]
    browser.call("Target.closeTarget", {"targetId": target})
    return {"charts": charts, "requests": requests, "errors": errors, "png": top, "pdf": pdf, "text": text}


PAGES = ["comparison.html", "report.html", "comparison.en.html", "report.en.html"]


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, dict]:
    require_chromium()
    root = tmp_path_factory.mktemp("browser")
    comparison = compare(DEMO_CANDIDATES, [SCENARIO_DIR])
    entry = comparison.entry(comparison.reference)
    info = RunInfo(entry.study.candidates.path.name, entry.study.candidates.sha256, entry.study.loaded.path.name,
                   entry.study.loaded.sha256, entry.study.synthetic)
    files = {f"{name}{suffix}.html": render(lang) for lang, suffix in (("fr", ""), ("en", ".en"))
             for name, render in (("comparison", lambda lang: comparison_page(comparison, lang)),
                                  ("report", lambda lang: allocation_page(entry.allocation, info, lang)))}
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    browser = DevTools(root / "profile", root / "chromium.log")
    try:
        return {name: open_page(browser, root / name, root) | {"html": files[name]} for name in files}
    finally:
        browser.close()


def colours(png: bytes) -> int:
    """How many distinct colours the screenshot has (a blank page has one)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 22) or []
    return len(colours)


@pytest.mark.parametrize("name", PAGES)
def test_every_chart_is_rendered(pages, name):
    page = pages[name]
    expected = page["html"].count("<svg")
    assert expected == 2
    assert len(page["charts"]) == expected
    for chart in page["charts"]:
        assert chart["width"] > 800 and chart["height"] > 300, chart
        assert chart["shapes"] > 50 and chart["uses"] > 0 and chart["broken"] == 0, chart
        assert chart["label"]
        assert colours(chart["png"]) > 20, f"{chart['label']} looks blank"


@pytest.mark.parametrize("name", PAGES)
def test_no_network_request_and_no_console_error(pages, name):
    page = pages[name]
    assert page["requests"], "the page's own load should be seen"
    assert all(url.startswith("file://") and url.endswith(name) for url in page["requests"]), page["requests"]
    assert page["errors"] == []


@pytest.mark.parametrize("name", ["report.html", "report.en.html"])
def test_the_page_as_shown_is_in_its_language(pages, name):
    """What the browser shows (its rendered text), in French or in English: the headings of the one language,
    none of the other's."""
    text = pages[name]["text"]
    french, english = ("Grille de notation", "Projets financés", "Chiffres clés"), ("Scoring grid", "Key figures")
    shown, absent = (french, english) if name == "report.html" else (english, french)
    assert all(h in text for h in shown) and not any(h in text for h in absent)


@pytest.mark.parametrize("name", PAGES)
def test_screenshot_and_a4_print(pages, name):
    page = pages[name]
    assert page["png"].startswith(b"\x89PNG") and colours(page["png"]) > 100
    assert page["pdf"].startswith(b"%PDF")
    boxes = {tuple(round(float(v)) for v in box.split())
             for box in re.findall(rb"/MediaBox\s*\[([\d.\s]+)\]", page["pdf"]) if len(box.split()) == 4}
    assert boxes and all(abs(w - 595) <= 2 and abs(h - 842) <= 2 for _, _, w, h in boxes), boxes
