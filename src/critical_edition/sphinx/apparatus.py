"""The apparatus as Sphinx reads it: the interventions of the edited text recorded, and listed where the page
asks (``{apparatus}``)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform

from ..core.model import Intervention
from . import markup
from .domain import edition_data
from .edited_text import paragraph_label, paragraph_of
from .editorial import Where, editorial_role, is_intervention
from .render import apparatus_nodes


def text_interventions(text: nodes.Element, docname: str) -> list[Intervention]:
    """The interventions of an edited text, in reading order, each placed by its paragraph."""
    found = []
    last = "before ¶ 1"
    for node in text.findall(lambda n: is_intervention(n) or isinstance(n, nodes.paragraph)):
        if isinstance(node, nodes.paragraph):
            last = f"after {paragraph_label(node) or last}"
            continue
        label, anchor = paragraph_of(node)
        if (role := editorial_role(node)) is not None:
            found.append(role.record(node, Where(docname, label, anchor, last)))  # type: ignore[arg-type]
    return found


class RecordInterventions(SphinxTransform):
    """Record the interventions of the page's edited text in the domain."""

    default_priority = 602  # once the paragraphs are numbered (601)

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read."""
        docname = self.env.docname
        texts = self.document.findall(markup.edited_text)
        edition_data(self.env).interventions[docname] = [iv for t in texts for iv in text_interventions(t, docname)]


class FillApparatus(SphinxTransform):
    """On a page that holds an edited text, ``{apparatus}`` becomes the list of its interventions."""

    default_priority = 604  # once they are recorded (602) and the witness's views added (603)

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read."""
        if next(self.document.findall(markup.edited_text), None) is None:
            return
        interventions = edition_data(self.env).interventions[self.env.docname]
        for node in list(self.document.findall(markup.apparatus)):
            node.replace_self(apparatus_nodes(interventions, self.env, self.document))
