"""No line break inside a date or between "p." and its number, in the editors' prose of every page and book.

The source's own words (an edited text, the readings of the apparatus) and code stay as they are: the
fidelity of the text is character for character.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..core.typography import CANDIDATE, keep_together
from . import markup
from .cite import CITATION_EXAMPLE
from .reading import APPARATUS_CLASS

VERBATIM = (nodes.literal, nodes.literal_block, nodes.FixedTextElement, nodes.raw, nodes.comment, nodes.math)
"""Elements whose text is printed character for character."""


def _editorial(text: nodes.Text) -> bool:
    """Whether a piece of text is the editors' prose (a note inside an edited text is)."""
    if markup.is_in(text, *VERBATIM):
        return False
    listing = markup.enclosing(text, nodes.bullet_list, nodes.definition_list)
    while listing is not None:  # the apparatus's readings; the cite box's words, which a reader copies as given
        if APPARATUS_CLASS in listing["classes"] or CITATION_EXAMPLE in listing["classes"]:
            return False
        listing = markup.enclosing(listing, nodes.bullet_list, nodes.definition_list)
    return not markup.is_in(text, markup.edited_text) or markup.is_in(text, nodes.footnote)


def unbreakable_spaces(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put no-break spaces into dates and page references of the editors' prose (web pages and books)."""
    if app.builder.format not in ("html", "latex"):
        return
    for text in [t for t in doctree.findall(nodes.Text) if CANDIDATE.search(t)]:
        kept = keep_together(str(text))
        if kept != str(text) and _editorial(text):
            text.parent.replace(text, nodes.Text(kept))


def setup(app: Sphinx) -> None:
    """Set the spaces once every page's generated text is in place."""
    app.connect("doctree-resolved", unbreakable_spaces, priority=950)
