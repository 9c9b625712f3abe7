"""Cache pybtex's plugin look-ups, which otherwise rescan every installed package per citation.

sphinxcontrib-bibtex asks pybtex for a style or backend plugin at each citation; pybtex answers
through ``importlib.metadata.entry_points``, which reads the metadata of every installed
distribution (about 17 ms a call on our machines). Caching the entry-point part keeps pybtex's own
precedence (plugins registered at run time are still found first). A Sphinx extension of its own,
so that a baseline build without the edition can load it too and comparisons stay fair.
"""

from __future__ import annotations

import functools
from typing import Any

from sphinx.application import Sphinx


def cache_entry_points() -> None:
    """Make pybtex's entry-point look-ups cached (once per process)."""
    import pybtex.plugin

    original = pybtex.plugin.entry_points
    if getattr(original, "edition_cached", False):
        return

    @functools.cache
    def cached(group: str, name: str) -> tuple[Any, ...]:
        return tuple(original(group=group, name=name))

    def entry_points(*, group: str, name: str) -> tuple[Any, ...]:
        return cached(group, name)

    entry_points.edition_cached = True  # type: ignore[attr-defined]
    pybtex.plugin.entry_points = entry_points


def setup(app: Sphinx) -> dict[str, Any]:
    """Install the cache."""
    cache_entry_points()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
