"""The build collects garbage less often and leaves what it read out of the collector's passes
(critical_edition.sphinx.heap); both end with the build."""

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
        app.connect("html-page-context", lambda *args: during.append((gc.get_threshold(), gc.get_freeze_count())))
        app.build()
    finally:
        app.cleanup()
    assert {threshold for threshold, _ in during} == {(YOUNG_GENERATION, *before[1:])}
    assert min(frozen for _, frozen in during) > 10_000  # the environment, the register, the doctrees read
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
