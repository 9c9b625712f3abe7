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


SPHINX_EXTENSION = "critical_edition.sphinx.extension"
"""The module whose ``setup()`` registers everything the extension adds."""


def setup(app: Any) -> dict[str, Any]:
    """The Sphinx extension's entry point (``extensions = ["critical_edition"]``): Sphinx loads the Sphinx layer by
    name, as it loads any extension, so that importing this package imports neither Sphinx nor docutils."""
    app.setup_extension(SPHINX_EXTENSION)
    # env_version: raise it when what the extension keeps in the environment or its doctrees changes, node classes
    # moved to another module included (Sphinx then reads every page again instead of failing on an old pickle)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 3}
