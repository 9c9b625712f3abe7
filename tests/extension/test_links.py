"""The external link checker (``nox -s linkcheck``, Sphinx's linkcheck builder), which needs network: here it is
proved against a local HTTP server to report a good link, a 404, a missing anchor and a refused connection."""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import serve


@pytest.fixture
def local_site(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server with one page that has an anchor; its base URL."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head>'
                                     '<body><p id="here">here</p></body></html>', encoding="utf-8")

    with serve(site) as base:
        yield base.rstrip("/")


def closed_port() -> int:
    """A local port nobody listens on (so a connection is refused)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_external_linkcheck_reports_404_missing_anchor_and_refused(
    make_app: Callable[..., Any], rootdir: Path, tmp_path: Path, local_site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    srcdir = tmp_path / "linkcheck"
    shutil.copytree(rootdir / "test-linkcheck", srcdir)
    refused = f"http://127.0.0.1:{closed_port()}"
    app = make_app("linkcheck", srcdir=srcdir, freshenv=True,
                   confoverrides={"extlinks": {"served": (local_site + "%s", None), "refused": (refused + "%s", None)}})
    app.build()
    results = [json.loads(line) for line in (app.outdir / "output.json").read_text(encoding="utf-8").splitlines()]
    by_uri = {r["uri"]: r for r in results}
    assert len(by_uri) == 5, results
    assert by_uri[f"{local_site}/index.html"]["status"] == "working"
    assert by_uri[f"{local_site}/index.html#here"]["status"] == "working"
    missing = by_uri[f"{local_site}/missing.html"]
    assert missing["status"] == "broken" and missing["info"].startswith("404 Client Error"), missing
    anchor = by_uri[f"{local_site}/index.html#nope"]
    assert anchor["status"] == "broken" and "Anchor 'nope' not found" in anchor["info"], anchor
    down = by_uri[f"{refused}/index.html"]
    assert down["status"] == "broken" and "refused" in down["info"].lower(), down
