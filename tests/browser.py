"""The browser the tests drive: Debian's headless Chromium through Playwright, a local server, axe's report.

Shared by the browser tests (test_browser, test_phone); test modules do not import one another.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A file server that keeps quiet (the test output shows what matters)."""

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a directory over HTTP on 127.0.0.1 (a free port); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Headless Debian Chromium, with no background traffic of its own."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser: Browser, mode: str = "light", reset_view: bool = False) -> BrowserContext:
    """A fresh profile in the theme's light or dark mode; reset_view: every page opens in the reading view."""
    context = browser.new_context()
    context.set_default_timeout(10_000)  # a failure shows quickly; expect() waits 5 s
    reset = "localStorage.removeItem('edition-view');" if reset_view else ""
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); {reset}")
    context.add_init_script(STEADY_COLOURS)
    return context


STEADY_COLOURS = """document.addEventListener("DOMContentLoaded", () => {
  const style = document.createElement("style");
  style.textContent = "*, *::before, *::after { transition: none !important; animation: none !important; }";
  document.head.appendChild(style);
});"""
"""No colour changes in flight: the theme switches to the chosen mode after loading, and axe caught a search label
half-way (black on the dark background) once in four runs; the colours measured are the final ones."""


def axe_report(violations: list[tuple[str, dict]]) -> str:
    """axe's violations grouped by rule: the pages, and the failing elements of the first one."""
    by_rule: dict[str, list[tuple[str, dict]]] = {}
    for where, violation in violations:
        by_rule.setdefault(violation["id"], []).append((where, violation))
    lines = []
    for rule, found in sorted(by_rule.items()):
        first = found[0][1]
        pages = ", ".join(where for where, _ in found[:4]) + (f" and {len(found) - 4} more" if len(found) > 4 else "")
        lines.append(f"{rule} ({first['impact']}): {first['help']} [{first['helpUrl']}]")
        lines.append(f"  on {len(found)} pages: {pages}")
        for node in first["nodes"][:6]:
            summary = " / ".join(line.strip() for line in node.get("failureSummary", "").splitlines()[1:])
            lines.append(f"    {node['target']} {node['html'][:140]!r}: {summary}")
    return "\n".join(lines)
