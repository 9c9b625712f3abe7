"""The edition and the extension's manual (manual/) are two Sphinx projects: the edition's build leaves the manual out."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.slow
def test_the_edition_leaves_the_manual_out(edition_html: Path) -> None:
    assert not (edition_html / "manual").exists()
    assert not list(edition_html.glob("**/tutorial/index.html"))
