"""The register in print: its data blocks and lists set ragged-right and compact.

A register entry's data (kind, names, dates, relations …) is a field list, which LaTeX sets as a description
list, justified and with a paragraph's space between items: short items and long names then leave wide gaps
between words. The lists of the register's sections (``{register}``) are bullet lists of names and glosses.
Both are set ragged-right, a size smaller, with little space between items.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

COMPACT_CLASSES = ("entity-data", "register-list")
"""The classes of the register's lists that print sets compact."""

BEGIN_COMPACT = (
    r"\begingroup\raggedright\small"
    r"\expandafter\def\csname @listi\endcsname{\leftmargin\leftmargini\topsep0.6ex\parsep0pt\itemsep0.3ex}"
    r"\expandafter\def\csname @listii\endcsname{\leftmargin\leftmarginii\topsep0.6ex\parsep0pt\itemsep0.3ex}"
    "\n"
)
"""Ragged-right, a size smaller, with little space around and between items (list levels 1 and 2: a field
list is a description inside a quote)."""

END_COMPACT = "\\par\\endgroup\n"


class CompactRegisterLists(SphinxPostTransform):
    """Set the register's data blocks and lists ragged-right and compact in print."""

    default_priority = 705
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for listing in list(self.document.findall(lambda n: isinstance(n, nodes.field_list | nodes.bullet_list))):
            if any(c in listing["classes"] for c in COMPACT_CLASSES) and listing.parent is not None:
                at = listing.parent.index(listing)
                listing.parent.insert(at + 1, nodes.raw("", END_COMPACT, format="latex"))
                listing.parent.insert(at, nodes.raw("", BEGIN_COMPACT, format="latex"))


def setup(app: Sphinx) -> None:
    """Register the transform."""
    app.add_post_transform(CompactRegisterLists)
