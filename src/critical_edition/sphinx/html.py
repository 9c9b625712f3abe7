"""HTML output: visitors for the edition's nodes, and the hover cards of a page."""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes

from ..core.dates import life_dates
from ..core.model import Entity
from ..core.register import Register
from ..core.vocabulary import OMISSION_REASONS
from . import markup


def visit_entity_ref(self: Any, node: markup.entity_ref) -> None:
    classes = " ".join(node["classes"])
    self.body.append(f'<span class="{escape(classes)}" data-entity="{escape(node["entity_id"])}">')


def depart_span(self: Any, node: nodes.Element) -> None:
    self.body.append("</span>")


def visit_corr(self: Any, node: markup.corr) -> None:
    sic = escape(node["sic"])
    self.body.append(
        f'<span class="edition-corr" title="source: {sic}">'
        f'<span class="edition-sic-reading" lang="en">{sic}</span><span class="edition-reading">'
    )


def depart_corr(self: Any, node: markup.corr) -> None:
    self.body.append('</span><span class="edition-marker" aria-hidden="true">°</span></span>')


def visit_sic(self: Any, node: markup.sic) -> None:
    self.body.append('<span class="edition-sic">')


def depart_sic(self: Any, node: markup.sic) -> None:
    self.body.append(' <span class="edition-marker">[<i>sic</i>]</span></span>')


def visit_supplied(self: Any, node: markup.supplied) -> None:
    cert = escape(node["cert"])
    self.body.append(
        f'<span class="edition-supplied" data-cert="{cert}" title="supplied by the editors; certainty: {cert}">['
    )


def depart_supplied(self: Any, node: markup.supplied) -> None:
    self.body.append("]</span>")


def visit_omitted(self: Any, node: markup.omitted) -> None:
    reason = OMISSION_REASONS.get(node["reason"], node["reason"])
    self.body.append(
        f'<div class="edition-omitted"{_id(node)} data-reason="{escape(node["reason"])}">'
        f'<p class="edition-omitted-marker">[omitted: {escape(reason)}]</p>'
        f'<pre class="edition-omitted-text">{escape(node["text"])}</pre></div>'
    )
    raise nodes.SkipNode


def _id(node: nodes.Element) -> str:
    """The ``id`` attribute of an element the visitor writes by hand (the side-by-side view pairs blocks by it)."""
    return f' id="{escape(node["ids"][0])}"' if node["ids"] else ""


def visit_edited_text(self: Any, node: markup.edited_text) -> None:
    # the source's headline is a heading one level below the section that holds the text (WCAG 1.3.1);
    # Sphinx's HTML writer renders a rubric with "heading-level" as <hN class="rubric">
    for rubric in node.findall(nodes.rubric):
        rubric.setdefault("heading-level", min(self.section_level + 1, 6))
    self.body.append('<div class="edited-text">')


def depart_div(self: Any, node: nodes.Element) -> None:
    self.body.append("</div>")


def visit_para_number(self: Any, node: markup.para_number) -> None:
    number = escape(node["number"])
    self.body.append(
        f'<a class="para-num" href="#{escape(node["refid"])}" aria-label="paragraph {number}">{number}</a>'
    )
    raise nodes.SkipNode


RTL_SCRIPTS = ("-Arab", "-Hebr", "-Syrc", "-Thaa")


def lang_attributes(tag: str) -> str:
    """``lang`` and, for right-to-left scripts, ``dir`` of an HTML element."""
    rtl = any(script in tag for script in RTL_SCRIPTS) or tag.split("-")[0] in ("ar", "fa", "he", "ur", "ug")
    return f'lang="{escape(tag)}"' + (' dir="rtl"' if rtl else "")


def visit_lang(self: Any, node: markup.lang) -> None:
    self.body.append(f"<span {lang_attributes(node['lang'])}>")


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


def hover_cards(entity_ids: list[str], register: Register) -> nodes.raw:
    """The hidden cards a page's script shows when a mention gets hover or focus."""
    cards = [_card(e) for i in entity_ids if (e := register.get(i)) is not None]
    html = '<div class="edition-cards" hidden>' + "".join(cards) + "</div>"
    return nodes.raw("", html, format="html")


def _card(entity: Entity) -> str:
    dates = life_dates(entity)
    names = "; ".join(
        f"<span {lang_attributes(n.lang)}>{escape(n.text)}</span>"
        for n in entity.names
        if n.type in ("native", "transliteration", "alias", "former")
    )
    parts = [
        f'<div class="edition-card" id="card-{escape(entity.id)}" role="tooltip">',
        f"<p><strong>{escape(entity.name)}</strong>"
        + (f' <span class="card-dates">({escape(dates)})</span>' if dates else "")
        + f' <span class="card-kind">{escape(entity.kind)}</span></p>',
    ]
    if names:
        parts.append(f'<p class="card-names">{names}</p>')
    parts.append(f'<p class="card-gloss">{escape(entity.gloss)}</p></div>')
    return "".join(parts)


VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    markup.entity_ref: (visit_entity_ref, depart_span),
    markup.corr: (visit_corr, depart_corr),
    markup.sic: (visit_sic, depart_sic),
    markup.supplied: (visit_supplied, depart_supplied),
    markup.omitted: (visit_omitted, None),
    markup.edited_text: (visit_edited_text, depart_div),
    markup.para_number: (visit_para_number, None),
    markup.lang: (visit_lang, depart_span),
}
