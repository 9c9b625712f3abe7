"""The build collects garbage less often (critical_edition.sphinx.heap), and gives the thresholds back."""

from __future__ import annotations

import gc
import shutil
from io import StringIO
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from critical_edition.sphinx.heap import YOUNG_GENERATION

ROOT = Path(__file__).parent / "roots" / "test-navigation"  # a small site; any would do


def test_the_young_generation_is_collected_less_often_during_the_build_only(tmp_path: Path) -> None:
    shutil.copytree(ROOT, tmp_path / "src")
    before = gc.get_threshold()
    during = []
    app = SphinxTestApp("html", srcdir=tmp_path / "src", freshenv=True, status=StringIO(), warning=StringIO())
    try:
        app.connect("env-updated", lambda app, env: during.append(gc.get_threshold()))
        app.build()
    finally:
        app.cleanup()
    assert during == [(YOUNG_GENERATION, *before[1:])]
    assert gc.get_threshold() == before
