"""Citation metadata and "cite this": one citation record per page, formatted by a CSL processor."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register this output's builders, directives and events."""
