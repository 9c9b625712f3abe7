"""Open data: the register as JSON, CSV and JSON-LD, and the timeline of dated events."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register this output's builders, directives and events."""
