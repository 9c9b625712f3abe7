"""Python's garbage collector tuned for a build's large heap.

A build keeps every doctree, the register and the environment alive until it ends. Python's cyclic
collector runs a young-generation pass every 700 new objects and, as the heap grows, full passes over all
of it: in a build of 10 texts and 1,000 register pages that was 2.9 s of 19 (12 full passes of about
0.18 s each). So, during the build:
- the young generation is collected every 10,000 new objects (Python 3.13 itself raised the 700 to
  2,000): 1.5 s instead of 2.9, with the same peak memory (about 180 MB);
- once everything is read, what is alive then is frozen (``gc.freeze``): the collector no longer walks
  it while the pages are written, and the processes that write pages in parallel (``-j``) do not copy
  the memory it lies in by touching it. -j 2 on 100 texts: 10.3 s instead of 10.8 (medians of three),
  with a peak memory 6 % higher, as the doctrees already written are freed only when the build ends.
The thresholds come back and the heap is unfrozen when the build ends, after every other handler of its end
(``AFTER_EVERYTHING``): the TEI files, the data and the indices written then unpickle every article's doctree
again, and with Python's thresholds over an unfrozen heap that cost 60 % more. A Sphinx extension of its own,
so that a baseline build without the edition can load it too (benchmarks/run.py measures it alone).
"""

from __future__ import annotations

import gc
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

YOUNG_GENERATION = 10_000
"""New objects between two passes over the young generation (Python's default: 700)."""
AFTER_EVERYTHING = 10_000
"""The priority of restoring the collector at the build's end: after every handler of ``build-finished``."""


def freeze_what_was_read(app: Sphinx, env: BuildEnvironment) -> None:
    """Leave what the reading left alive out of the collector's passes while the pages are written."""
    gc.freeze()


def setup(app: Sphinx) -> dict[str, Any]:
    """Collect less often during the build, and not what the reading left; both end with the build."""
    before = gc.get_threshold()
    if before[0] < YOUNG_GENERATION:
        gc.set_threshold(YOUNG_GENERATION, *before[1:])
        app.connect("build-finished", lambda app, exception: gc.set_threshold(*before), priority=AFTER_EVERYTHING)
    app.connect("env-updated", freeze_what_was_read, priority=900)
    app.connect("build-finished", lambda app, exception: gc.unfreeze(), priority=AFTER_EVERYTHING)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
