"""TEI P5 XML export: a `tei` builder writing one file per article."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    """Register this output's builders, directives and events."""
