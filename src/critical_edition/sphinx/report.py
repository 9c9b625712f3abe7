"""The one path by which the Sphinx layer reports a problem: a warning of type ``edition`` and the problem's code."""

from __future__ import annotations

from typing import Any

from sphinx.util import logging

from ..core.model import Problem

logger = logging.getLogger("critical_edition")


def warn(problem: Problem, location: Any) -> None:
    """Report a problem as the Sphinx warning ``edition.<code>`` (an info message if its severity is info)."""
    log = logger.warning if problem.severity != "info" else logger.info
    log(str(problem), location=location, type="edition", subtype=problem.code)
