"""Cache pybtex's and sphinxcontrib-bibtex's plugin look-ups, which otherwise rescan every installed package.

sphinxcontrib-bibtex asks pybtex for a style or backend plugin at each citation, and looks up its own
referencing styles; both answer through ``importlib.metadata.entry_points``, which reads the metadata of
every installed distribution (5–17 ms a call on our machines). Here the installed entry points are read
once per process, and each look-up selects from them. Plugins registered at run time are still found
first, as pybtex and sphinxcontrib-bibtex look in their own registries before the entry points. A Sphinx
extension of its own, so that a baseline build without the edition can load it too and comparisons stay
fair.
"""

from __future__ import annotations

import functools
import importlib.metadata
from typing import Any

import pybtex.plugin
import sphinxcontrib.bibtex.plugin
from sphinx.application import Sphinx


@functools.cache
def _installed() -> Any:
    """Every entry point of every installed distribution, read once."""
    return importlib.metadata.entry_points()


@functools.cache
def _selected(params: tuple[tuple[str, str], ...]) -> tuple[Any, ...]:
    return tuple(_installed().select(**dict(params)))


def entry_points(**params: str) -> tuple[Any, ...]:
    """``importlib.metadata.entry_points`` for a group (and a name), from the entry points read once."""
    return _selected(tuple(sorted(params.items())))


def cache_entry_points() -> None:
    """Make pybtex's and sphinxcontrib-bibtex's entry-point look-ups cached (once per process)."""
    pybtex.plugin.entry_points = entry_points  # type: ignore[assignment]
    sphinxcontrib.bibtex.plugin.entry_points = entry_points  # type: ignore[assignment]


def setup(app: Sphinx) -> dict[str, Any]:
    """Install the cache."""
    cache_entry_points()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
