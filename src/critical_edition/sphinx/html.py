"""HTML output: visitors for the edition's nodes, and the HTML a page shows but its search does not index."""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from markupsafe import Markup

from . import fragments, markup
from .editorial import editorial_role, editorial_roles, is_intervention


def visit_entity_ref(self: Any, node: markup.entity_ref) -> None:
    classes = " ".join(node["classes"])
    self.body.append(f'<span class="{escape(classes)}" data-entity="{escape(node["entity_id"])}">')


def depart_entity_ref(self: Any, node: markup.entity_ref) -> None:
    self.body.append("</span>")
    for inner in node.findall(nodes.Element):  # the signs of its editorial markup that a link cannot hold
        if (role := editorial_role(inner)) is not None:
            self.body.append(role.html_after_link(inner))


def legend(node: markup.edited_text) -> str:
    """The line of signs above an edited text, linked to its apparatus: the signs of the roles the text uses."""
    used = {type(n) for n in node.findall(lambda n: is_intervention(n) and bool(n.get("apparatus")))}
    signs = [Markup(role.legend) for role in editorial_roles() if role.node in used and role.legend]  # HTML, in code
    if not signs:
        return ""
    return fragments.render("legend.html", signs=signs, apparatus=node.get("apparatus_section") or "")


def visit_edited_text(self: Any, node: markup.edited_text) -> None:
    # the source's headline is a heading one level below the section that holds the text (WCAG 1.3.1);
    # Sphinx's HTML writer renders a rubric with "heading-level" as <hN class="rubric">
    for rubric in node.findall(nodes.rubric):
        rubric.setdefault("heading-level", min(self.section_level + 1, 6))
    self.body.append('<div class="edited-text">' + legend(node))


def visit_app_lemma(self: Any, node: nodes.Element) -> None:
    self.body.append(f'<a class="app-lemma" href="#{escape(node["refid"])}">')


def depart_link(self: Any, node: nodes.Element) -> None:
    self.body.append("</a>")


def depart_div(self: Any, node: nodes.Element) -> None:
    self.body.append("</div>")


def visit_para_number(self: Any, node: markup.para_number) -> None:
    number = escape(node["number"])
    self.body.append(
        f'<a class="para-num" href="#{escape(node["refid"])}" aria-label="paragraph {number}">{number}</a>'
    )
    raise nodes.SkipNode


def visit_footnote_reference(self: Any, node: nodes.footnote_reference) -> None:
    """A note marker; in a cluster (``[8][10]``) markers after the first are set off by a comma."""
    previous = node.previous_sibling()
    if isinstance(previous, nodes.footnote_reference):
        self.body.append('<span class="fn-sep">,</span>')
    type(self).visit_footnote_reference(self, node)


def depart_footnote_reference(self: Any, node: nodes.footnote_reference) -> None:
    type(self).depart_footnote_reference(self, node)


def visit_citation(self: Any, node: nodes.citation) -> None:
    """A bibliography entry as a list item: docutils' role ``doc-biblioentry`` is deprecated (DPUB-ARIA 1.1)."""
    if not isinstance(node.previous_sibling(), nodes.citation):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self: Any, node: nodes.citation) -> None:
    """Close the entry, and the list after its last entry."""
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), nodes.citation):
        self.body.append("</div>\n")


def skip(self: Any, node: nodes.Element) -> None:
    raise nodes.SkipNode


class unindexed_html(nodes.raw):
    """HTML the page shows but the search must not index: the page's tools and pictures (the cite box, the hover
    cards, the map and the timeline drawings), whose words are the edition's title on every page or repeat
    what the page's text and lists say. Sphinx's search skips an element of class ``no-search``."""

    def __init__(self, html: str) -> None:
        super().__init__("", html, format="html", classes=["no-search"])


def visit_unindexed_html(self: Any, node: unindexed_html) -> None:
    self.body.append(node.astext())  # as a raw node, without the element docutils adds for its classes
    raise nodes.SkipNode


VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    markup.entity_ref: (visit_entity_ref, depart_entity_ref),
    markup.edited_text: (visit_edited_text, depart_div),
    markup.para_number: (visit_para_number, None),
}
