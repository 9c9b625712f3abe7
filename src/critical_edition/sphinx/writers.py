"""Every node of the edition has a writer in every builder, or reaching that builder is an error.

Sphinx drops a node whose visitor raises ``SkipNode``, and stops with a traceback at a node that a
translator does not know. Neither may happen to an editor's words in silence: a node is registered here
for every writer Sphinx has, each with its own visitors or with ``unwritten``, which reports the node at
its file and line (``edition.unwritable``) and leaves it out. A node kept out of a builder on purpose (the
web-only witness view in print) says so with its own visitor.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..core.model import Problem
from .report import warn

FORMATS = ("html", "latex", "text", "man", "texinfo")
"""The output formats of Sphinx's writers (EPUB and single HTML use the HTML writer; XML writes any node)."""


def report_unwritten(builder: str, node: nodes.Element) -> None:
    """Report, where it stands, a node that the builder cannot write and leaves out."""
    warn(
        Problem(
            "unwritable",
            f"the {builder} builder has no writer for the node {type(node).__name__!r}; it is left out",
            hint="use markup the edition documents for this output, or build another format",
        ),
        node,
    )


def unwritten(self: Any, node: nodes.Element) -> None:
    """A visitor for a node no writer of this builder knows: reported where it stands, and left out."""
    report_unwritten(getattr(getattr(self, "builder", None), "name", "this"), node)
    raise nodes.SkipNode


def write_children(self: Any, node: nodes.Element) -> None:
    """Write nothing of the node itself and all of its content (its text survives in plain formats)."""


KEEP_TEXT = (write_children, write_children)
"""Visitors that write a node's content and nothing else."""
UNWRITTEN = (unwritten, None)


def add_node(app: Sphinx, node: type[nodes.Element], **visitors: tuple[Any, Any]) -> None:
    """Register a node for every writer: the visitors given, ``unwritten`` for the others."""
    unknown = set(visitors) - set(FORMATS)
    assert not unknown, f"no such writer: {unknown}"
    app.add_node(node, override=True, **{name: visitors.get(name, UNWRITTEN) for name in FORMATS})
