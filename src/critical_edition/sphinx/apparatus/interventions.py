"""The apparatus as Sphinx reads it: the interventions of the edited text recorded, and listed where the page
asks (``{apparatus}``) in the lemma form of critical editions."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ...core.model import Intervention
from .. import markup, writers
from ..cite import cite
from ..domain import edition_data
from ..edited_text import paragraph_label, paragraph_of
from ..editorial import ApparatusEntry, Where, editorial_role, editorial_role_named, is_intervention
from ..reading import APPARATUS_CLASS, app_lemma, apparatus_id, intervention_id


class apparatus(nodes.General, nodes.Element):
    """Placeholder for the apparatus of an article, filled when the page is read (``FillApparatus``)."""


class ApparatusDirective(markup.PlaceholderDirective):
    """``{apparatus}``: every intervention of this article, keyed by paragraph."""

    node_class = apparatus
    optional_arguments = 0


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
        for node in list(self.document.findall(apparatus)):
            node.replace_self(apparatus_nodes(interventions, self.env, self.document))


def apparatus_nodes(
    interventions: list[Intervention], env: BuildEnvironment, document: nodes.document
) -> list[nodes.Node]:
    """The apparatus in the lemma form of critical editions: ¶, lemma ] source reading — what was done, why.

    Entry n is ``app-n`` and its lemma leads back to intervention n of the text (``iv-n``, see reading.py).
    """
    if not interventions:
        return [nodes.paragraph(text="This text needed no editorial intervention.")]
    entries = nodes.bullet_list(classes=[APPARATUS_CLASS])
    for number, iv in enumerate(interventions, 1):
        item = nodes.list_item(ids=[apparatus_id(number)])
        document.ids[apparatus_id(number)] = item
        para = nodes.paragraph()
        where = iv.paragraph or "headline"
        if iv.anchor:
            para += nodes.reference(where, where, refid=iv.anchor, classes=["app-para"])
        else:
            para += nodes.inline(where, where, classes=["app-para"])
        para += nodes.Text(" ")
        role = editorial_role_named(iv.type)
        entry = role.apparatus_entry(iv) if role is not None else ApparatusEntry(iv.reading, iv.source, iv.type)
        para += app_lemma(entry.lemma, entry.lemma, refid=intervention_id(number))
        para += nodes.Text(" " if entry.lemma_is_sign else " ] ")  # the sign […] is no lemma: no "[…] ]"
        # what the source printed, as printed: no smart quotes (Sphinx curls straight marks in running text)
        para += nodes.inline(
            entry.reading,
            "",
            *markup.language_nodes(entry.reading, iv.lang),
            classes=["app-reading"],
            support_smartquotes=False,
        )
        if entry.note:
            para += nodes.Text(" (")
            para += nodes.emphasis("", entry.note)
            para += nodes.Text(")")
        para += nodes.Text(" — ")
        para += nodes.inline(entry.done, entry.done, classes=["app-done"])
        if entry.evidence:
            para += nodes.Text("; evidence ")
            para += cite(list(entry.evidence), env, document)
        para += nodes.Text(".")
        item += para
        entries += item
    return [entries]


def setup(app: Sphinx) -> None:
    """The ``{apparatus}`` directive and its placeholder (which no writer writes: it is filled when read)."""
    writers.add_node(app, apparatus)
    app.add_directive("apparatus", ApparatusDirective)
