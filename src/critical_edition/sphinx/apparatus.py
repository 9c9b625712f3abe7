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
from .render import apparatus_nodes


def text_interventions(text: nodes.Element, docname: str) -> list[Intervention]:
    """The interventions of an edited text, in reading order, each placed by its paragraph."""
    found = []
    last = "before ¶ 1"
    for node in text.findall(
        lambda n: isinstance(n, markup.corr | markup.sic | markup.supplied | markup.omitted | nodes.paragraph)
    ):
        if isinstance(node, nodes.paragraph):
            last = f"after {paragraph_label(node) or last}"
            continue
        label, anchor = paragraph_of(node)
        if isinstance(node, markup.omitted):
            found.append(
                Intervention(
                    "omitted", docname, last, "", node["text"], node["reason"], line=node.line,
                    lang=node.get("lang", ""),
                )
            )  # fmt: skip
        elif isinstance(node, markup.corr):
            found.append(
                Intervention(
                    "corr", docname, label, node.astext(), node["sic"], node["reason"], anchor=anchor, line=node.line
                )
            )
        elif isinstance(node, markup.sic):
            found.append(
                Intervention(
                    "sic", docname, label, node.astext(), node.astext(), node["note"], anchor=anchor, line=node.line
                )
            )
        else:
            found.append(
                Intervention(
                    "supplied",
                    docname,
                    label,
                    node.astext(),
                    "",
                    "",
                    node["cert"],
                    node["evidence"],
                    anchor=anchor,
                    line=node.line,
                )
            )
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
