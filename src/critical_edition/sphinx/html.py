"""HTML output: visitors for the edition's nodes, and the hover cards of a page."""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes
from sphinx.config import Config

from ..core.dates import life_dates
from ..core.kinds import kind
from ..core.model import Entity
from ..core.register import Register
from ..core.syntax import emphasis_runs
from ..core.vocabulary import OMISSION_REASONS, is_right_to_left, language_runs
from . import markup
from .domain import edition_language
from .reading import INTERVENTIONS
from .typography import curled


def visit_entity_ref(self: Any, node: markup.entity_ref) -> None:
    classes = " ".join(node["classes"])
    self.body.append(f'<span class="{escape(classes)}" data-entity="{escape(node["entity_id"])}">')


def _id(node: nodes.Element) -> str:
    """The element's first id as an HTML attribute (an intervention's ``iv-N``)."""
    return f' id="{escape(node["ids"][0])}"' if node.get("ids") else ""


def _app_link(node: nodes.Element, sign: str, label: str, classes: str = "edition-marker") -> str:
    """The sign of an intervention as a link to its apparatus entry (the script previews the entry)."""
    entry = escape(node["apparatus"])
    return f'<a class="{classes} edition-app-link" href="#{entry}" aria-label="{escape(label)}">{sign}</a>'


def _corr_marker(node: markup.corr) -> str:
    return _app_link(node, "°", f"corrected; the source reads {node['sic']}", "edition-marker edition-corr-marker")


def visit_corr(self: Any, node: markup.corr) -> None:
    sic = escape(node["sic"])
    title = "" if node.get("apparatus") else f' title="source: {sic}"'  # without an apparatus, the only hint
    self.body.append(
        f'<span class="edition-corr"{_id(node)}{title}>'
        f'<span class="edition-sic-reading" lang="en">{sic}</span><span class="edition-reading">'
    )


def depart_corr(self: Any, node: markup.corr) -> None:
    if not node.get("apparatus"):
        marker = '<span class="edition-marker" aria-hidden="true">°</span>'
    elif markup.is_in(node, nodes.reference):
        marker = ""  # a link cannot hold a link: the sign follows the mention (depart_entity_ref)
    else:
        marker = _corr_marker(node)
    self.body.append(f"</span>{marker}</span>")


def depart_entity_ref(self: Any, node: markup.entity_ref) -> None:
    self.body.append("</span>")
    for corr in node.findall(markup.corr):
        if corr.get("apparatus") and markup.is_in(corr, nodes.reference):
            self.body.append(_corr_marker(corr))


def visit_sic(self: Any, node: markup.sic) -> None:
    self.body.append(f'<span class="edition-sic"{_id(node)}>')


def depart_sic(self: Any, node: markup.sic) -> None:
    sign = "[<i>sic</i>]"
    if node.get("apparatus"):
        marker = _app_link(node, sign, "sic: so in the source, kept as printed")
    else:
        marker = f'<span class="edition-marker">{sign}</span>'
    self.body.append(f" {marker}</span>")


def visit_supplied(self: Any, node: markup.supplied) -> None:
    cert = escape(node["cert"])
    self.body.append(
        f'<span class="edition-supplied"{_id(node)} data-cert="{cert}" '
        f'title="supplied by the editors; certainty: {cert}">['
    )


def depart_supplied(self: Any, node: markup.supplied) -> None:
    if node.get("apparatus"):
        label = f"supplied by the editors, certainty {node['cert']}"
        self.body.append(_app_link(node, "]", label, "edition-bracket") + "</span>")
    else:
        self.body.append("]</span>")


def _run(node: markup.omitted) -> list[markup.omitted]:
    """The omitted passages that follow each other from this one on, with nothing between them."""
    siblings = node.parent.children
    run = [node]
    for sibling in siblings[siblings.index(node) + 1 :]:
        if not isinstance(sibling, markup.omitted):
            break
        run.append(sibling)
    return run


def visit_omitted(self: Any, node: markup.omitted) -> None:
    # a run of omitted passages shows one sign in the reading view; every passage stays for the diplomatic view
    # the block's id pairs it with its witness block (side by side); the intervention's id is its sign's
    ids = node.get("ids", [])
    block = next((f' id="{escape(i)}"' for i in ids if not i.startswith("iv-")), "")
    iv = next((f' id="{escape(i)}"' for i in ids if i.startswith("iv-")), "")
    marker = ""
    if "run_of" not in node:
        run = _run(node)
        reasons = "; ".join(dict.fromkeys(OMISSION_REASONS.get(n["reason"], n["reason"]) for n in run))
        if node.get("apparatus"):
            entries = " ".join(n["apparatus"] for n in run if n.get("apparatus"))
            link = _app_link(node, "[…]", f"left out here: {reasons}", "edition-omission")
            link = link.replace("<a ", f'<a data-preview="{escape(entries)}" ', 1)
            marker = f'<p class="edition-omitted-marker"{iv}>{link}</p>'
        else:
            marker = f'<p class="edition-omitted-marker"{iv}>[omitted: {escape(reasons)}]</p>'
    self.body.append(
        f'<div class="edition-omitted"{block} data-reason="{escape(node["reason"])}">{marker}'
        f'<pre class="edition-omitted-text"{"" if marker else iv}>'
        f"{in_language_html(node['text'], node.get('lang', ''), page_language(self))}</pre></div>"
    )
    raise nodes.SkipNode


LEGEND = (
    (markup.corr, "<b>°</b> corrected (the source’s reading on hover, focus or tap)"),
    (markup.sic, "<b>[<i>sic</i>]</b> so in the source"),
    (markup.supplied, "<b>[ ]</b> supplied by the editors"),
    (markup.omitted, "<b>[…]</b> part of the web page left out"),
)
"""The signs of the reading view, explained in one line above the text (only those the text uses)."""


def legend(node: markup.edited_text) -> str:
    """The line of signs above an edited text, linked to its apparatus."""
    used = {type(n) for n in node.findall(lambda n: isinstance(n, INTERVENTIONS) and bool(n.get("apparatus")))}
    signs = [text for kind, text in LEGEND if kind in used]
    if not signs:
        return ""
    where = node.get("apparatus_section")
    apparatus = f'<a href="#{escape(where)}">apparatus</a>' if where else "apparatus"
    return f'<p class="edition-legend">Signs: {" · ".join(signs)}. Each leads to its entry in the {apparatus}.</p>'


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


def lang_attributes(tag: str) -> str:
    """``lang`` and, for right-to-left scripts, ``dir`` of an HTML element."""
    return f'lang="{escape(tag)}"' + (' dir="rtl"' if is_right_to_left(tag) else "")


def page_language(translator: Any) -> str:
    """The language of the pages being written."""
    return edition_language(translator.builder.config)


def in_language_html(text: str, tag: str, page: str, mixed: bool | None = None) -> str:
    """A text as HTML, its runs in language ``tag`` in ``<span lang>`` (as ``markup.language_nodes`` cuts it);
    nothing is tagged when ``tag`` is the page's own language."""
    if tag == page:
        tag = ""
    return "".join(
        f"<span {lang_attributes(language)}>{escape(run)}</span>" if language else escape(run)
        for run, language in language_runs(text, tag, mixed)
    )


def visit_lang(self: Any, node: markup.lang) -> None:
    # a run in the page's own language (an English source's title, tagged by its entry) needs no element
    if node["lang"] != page_language(self):
        self.body.append(f"<span {lang_attributes(node['lang'])}>")


def depart_lang(self: Any, node: markup.lang) -> None:
    if node["lang"] != page_language(self):
        self.body.append("</span>")


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


def scroll_region(inner: str, label: str) -> str:
    """A wide picture in a box of its own that scrolls sideways on a narrow screen, so that the page does not: a
    named region a keyboard user can focus and scroll with the arrow keys (WCAG 2.1.1)."""
    return f'<div class="edition-figure-scroll" role="region" tabindex="0" aria-label="{escape(label)}">{inner}</div>'


def hover_cards(entity_ids: list[str], register: Register, config: Config) -> unindexed_html:
    """The hidden cards a page's script shows when a mention gets hover or focus."""
    cards = [_card(e, config) for i in entity_ids if (e := register.get(i)) is not None]
    return unindexed_html('<div class="edition-cards" hidden>' + "".join(cards) + "</div>")


def _title(entity: Entity, config: Config) -> str:
    """An entity's name as HTML, in italics when it is a title (a work's)."""
    name = escape(curled(entity.name, config))
    return f"<i>{name}</i>" if kind(entity.kind).named_by_title else name


def _card(entity: Entity, config: Config) -> str:
    dates = life_dates(entity)
    names = "; ".join(
        f"<span {lang_attributes(n.lang)}>{escape(curled(n.text, config))}</span>"
        for n in entity.names
        if n.type in ("native", "transliteration", "alias", "former")
    )
    parts = [
        f'<div class="edition-card" id="card-{escape(entity.id)}" role="tooltip">',
        f"<p><strong>{_title(entity, config)}</strong>"
        + (f' <span class="card-dates">({escape(dates)})</span>' if dates else "")
        + f' <span class="card-kind">{escape(entity.kind)}</span></p>',
    ]
    if names:
        parts.append(f'<p class="card-names">{names}</p>')
    gloss = "".join(
        f"<i>{escape(run)}</i>" if italic else escape(run)
        for run, italic in emphasis_runs(curled(entity.gloss, config))
    )
    parts.append(f'<p class="card-gloss">{gloss}</p></div>')
    return "".join(parts)


VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    markup.entity_ref: (visit_entity_ref, depart_entity_ref),
    markup.corr: (visit_corr, depart_corr),
    markup.sic: (visit_sic, depart_sic),
    markup.supplied: (visit_supplied, depart_supplied),
    markup.omitted: (visit_omitted, None),
    markup.edited_text: (visit_edited_text, depart_div),
    markup.para_number: (visit_para_number, None),
    markup.lang: (visit_lang, depart_lang),
}
