"""The reading view's links: interventions tied to their apparatus entries, note clusters in order, notes in place.

Each intervention of the edited text gets an id (``iv-N``, in reading order) and the number of its apparatus
entry (``app-N``): the HTML writer links the sign in the text to the entry, and the entry's lemma back to the
word. Footnote markers that stand together are put in the order of their numbers. In HTML, the notes that
MyST gathers at the foot of the page go under the heading of the ``{footbibliography}`` that the page gives them.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.transforms.references import Footnotes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import html, markup, writers
from .editorial import is_intervention
from .editorial.omitted import omitted

NOTES_CLASS = "edition-notes"
APPARATUS_CLASS = "apparatus"
"""The class of the apparatus list on a page (the reading view links to it; print leaves it out)."""


class app_lemma(nodes.Inline, nodes.TextElement):
    """The lemma of an apparatus entry: the words of the edited text, linked back to them (``refid``) in HTML."""


def apparatus_id(number: int) -> str:
    """The id of the n-th apparatus entry of a page (1-based, in reading order)."""
    return f"app-{number}"


def intervention_id(number: int) -> str:
    """The id of the n-th intervention in a page's edited text (1-based, in reading order)."""
    return f"iv-{number}"


class LinkInterventions(SphinxTransform):
    """Number the interventions of the edited text as the apparatus numbers its entries; group runs of omissions.

    Runs after ``apparatus.interventions.FillApparatus`` (604), which builds the apparatus from the same nodes in
    the same order. A run of omitted passages with nothing between them shows one sign in the reading view: its
    first passage carries the run's entries (``run``), the others the id of the first (``run_of``).
    """

    default_priority = 611

    def apply(self, **kwargs: Any) -> None:
        """Give each intervention its id and, when the page has an apparatus, its entry."""
        number = 0
        for text in self.document.findall(markup.edited_text):
            for node in text.findall(is_intervention):
                number += 1
                ident, entry = intervention_id(number), apparatus_id(number)
                node["ids"].append(ident)
                self.document.ids[ident] = node
                if entry in self.document.ids:
                    node["apparatus"] = entry
                if isinstance(node, omitted):
                    previous = node.previous_sibling()
                    if isinstance(previous, omitted):
                        first = previous.get("run_of") or previous["ids"][-1]
                        node["run_of"] = first
                        head = self.document.ids[first]
                        head["run"] = [*head.get("run", [head.get("apparatus", "")]), node.get("apparatus", "")]
                        if entry in self.document.ids:  # the entry's lemma leads back to the run's sign
                            for lemma in self.document.ids[entry].findall(app_lemma):
                                lemma["refid"] = first
            for section in self._apparatus_sections():
                text["apparatus_section"] = section
                break

    def _apparatus_sections(self) -> list[str]:
        return [
            ident
            for listing in self.document.findall(nodes.bullet_list)
            if APPARATUS_CLASS in listing["classes"] and isinstance(listing.parent, nodes.section)
            for ident in listing.parent["ids"][:1]
        ]


def _number(ref: nodes.footnote_reference) -> tuple[int, int]:
    text = ref.astext()
    return (0, int(text)) if text.isdigit() else (1, 0)


class OrderNoteClusters(SphinxTransform):
    """Markers that stand together (``[10][12][13][8]``) follow the order of their numbers.

    Docutils numbers auto-numbered notes in the order they are first referenced, so a cluster that cites
    again a source cited earlier (a ``{footcite}`` of several keys) would show the older, lower number last.
    Runs right after the numbering (docutils' ``Footnotes``, 620), before MyST gathers the notes (623).
    """

    default_priority = Footnotes.default_priority + 1

    def apply(self, **kwargs: Any) -> None:
        """Sort each run of adjacent note markers by number."""
        for parent in {id(r.parent): r.parent for r in self.document.findall(nodes.footnote_reference)}.values():
            children = parent.children
            start = 0
            while start < len(children):
                end = start
                while end < len(children) and isinstance(children[end], nodes.footnote_reference):
                    end += 1
                if end - start > 1:
                    parent[start:end] = sorted(children[start:end], key=_number)
                start = end + 1


class MarkNotesPlace(SphinxTransform):
    """Remember where ``{footbibliography}`` put its notes, before MyST moves every note to the page's foot."""

    default_priority = Footnotes.default_priority - 5

    def apply(self, **kwargs: Any) -> None:
        """Mark each container that holds only notes."""
        for box in self.document.findall(nodes.container):
            if box.children and all(isinstance(c, nodes.footnote) for c in box.children):
                box["classes"].append(NOTES_CLASS)


class PlaceNotes(SphinxPostTransform):
    """In HTML, the page's notes go under its "Notes" heading instead of after the last section.

    MyST gathers every note after a rule at the foot of the page, which leaves the heading above
    ``{footbibliography}`` empty (and the contents' scroll-spy stuck on the section before it).
    """

    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        """Move the gathered notes into the first notes container, and drop the rule before them."""
        box = next(
            (b for b in self.document.findall(nodes.container) if NOTES_CLASS in b["classes"]),
            None,
        )
        if box is None:
            return
        for child in list(self.document.children):
            if isinstance(child, nodes.footnote):
                child.parent.remove(child)
                box += child
            elif isinstance(child, nodes.transition) and "footnotes" in child["classes"]:
                child.parent.remove(child)


def setup(app: Sphinx) -> None:
    """Register the lemma node and the transforms of the reading view."""
    writers.add_node(
        app,
        app_lemma,
        html=(html.visit_app_lemma, html.depart_link),
        latex=writers.KEEP_TEXT,  # print shows the lemma as text
        text=writers.KEEP_TEXT,
        man=writers.KEEP_TEXT,
        texinfo=writers.KEEP_TEXT,
    )
    app.add_transform(LinkInterventions)
    app.add_transform(MarkNotesPlace)
    app.add_transform(OrderNoteClusters)
    app.add_post_transform(PlaceNotes)
