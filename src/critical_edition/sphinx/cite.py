"""Citing the bibliography from the edition's own words: what every feature that cites a source shares.

``cite`` makes the parenthetical citation of bib keys that the register's notes and entries, the apparatus's
evidence and the map's sources print; ``CITATION_EXAMPLE`` names the lists of a page's citations as the cite box
gives them (``citation/cite_this.py``), which the typography leaves as they are.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment

from .domain import bib_entries

CITATION_EXAMPLE = "edition-cite-example"
"""The class of an ``{edition-citation}`` list: the citations in the cite box's own words."""


def cite(keys: tuple[str, ...] | list[str], env: BuildEnvironment, document: nodes.document) -> nodes.Node:
    """A parenthetical citation of bib keys, resolved by sphinxcontrib-bibtex's cite domain.

    Keys missing from the bibliography are left out: the checks report them once, with their line.
    """
    known = bib_entries(env)
    keys = [k for k in keys if k in known]
    if not keys:
        return nodes.inline("", "")
    target = ",".join(keys)
    xref = addnodes.pending_xref(
        "", refdomain="cite", reftype="p", reftarget=target, refexplicit=False, refwarn=True, refdoc=env.docname
    )
    xref += nodes.inline(target, target)
    document.note_explicit_target(xref, xref)
    return xref
