"""Python's garbage collector tuned for a build's large heap.

A build keeps every doctree, the register and the environment alive until it ends. Python's cyclic
collector runs a young-generation pass every 700 new objects and, as the heap grows, full passes over all
of it: in a build of 10 texts and 1,000 register pages that was 2.9 s of 19 (12 full passes of about
0.18 s each). Collecting the young generation every 10,000 objects instead (Python 3.13 itself raised the
700 to 2,000) took 1.5 s, with the same peak memory (about 180 MB). A Sphinx extension of its own, so that a baseline
build without the edition can load it too (benchmarks/run.py measures it alone).
"""

from __future__ import annotations

import gc
from typing import Any

from sphinx.application import Sphinx

YOUNG_GENERATION = 10_000
"""New objects between two passes over the young generation (Python's default: 700)."""


def setup(app: Sphinx) -> dict[str, Any]:
    """Collect less often during the build; the previous thresholds come back when it ends."""
    before = gc.get_threshold()
    if before[0] < YOUNG_GENERATION:
        gc.set_threshold(YOUNG_GENERATION, *before[1:])
        app.connect("build-finished", lambda app, exception: gc.set_threshold(*before))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
