"""The one path by which the Sphinx layer reports a problem: a warning of type ``edition`` and the problem's code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.util import logging

from ..core.model import Problem
from ..core.problems import WARNING_TYPE

logger = logging.getLogger("critical_edition")


def warn(problem: Problem, location: Any) -> None:
    """Report a problem as the Sphinx warning ``edition.<code>`` (an info message if its severity is info)."""
    log = logger.warning if problem.severity != "info" else logger.info
    log(str(problem), location=location, type=WARNING_TYPE, subtype=problem.code)


def project_path(srcdir: str | Path, path: str | Path) -> str:
    """A file's path as problems name it: relative to the project in / form, or absolute when outside it."""
    try:
        return Path(path).relative_to(srcdir).as_posix()
    except ValueError:
        return Path(path).as_posix()


def report(problem: Problem, srcdir: str | Path) -> None:
    """Report a problem at its own file and line: the one location format, ``<project>/<path>:<line>``."""
    warn(problem, f"{Path(srcdir, problem.path).as_posix()}:{problem.line or 1}" if problem.path else None)
