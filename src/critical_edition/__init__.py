"""critical_edition: a Sphinx extension for critical digital editions.

It keeps a register of entities (persons, places, works, organisations, events), renders
mentions, first-mention notes, register pages, an apparatus and indices, and checks every
cross-reference and the fidelity of the edited text to its witness on every build.

The package has two layers: ``critical_edition.core`` (pure: data, rules and checks; it never
imports Sphinx or docutils) and ``critical_edition.sphinx`` (the thin Sphinx layer). Importing
the package imports neither, so the core can be used alone.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    """The Sphinx extension's entry point (``extensions = ["critical_edition"]``)."""
    from .sphinx.extension import setup as setup_extension

    return setup_extension(app)
