"""Resolve-time work: "mentioned in" lists and hover cards, which depend on every document."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any, Literal

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config

from ...core.dates import life_dates
from ...core.model import Entity, Mention
from ...core.register import Register
from ...core.syntax import emphasis_runs
from ...profile import active
from .. import fragments, markup
from ..domain import builds_web_pages, edition_data, edition_domain, edition_register
from ..html import unindexed_html
from ..quotes import curled
from .markup import mention_list


def mentions_by_entity(app: Sphinx) -> dict[str, list[Mention]]:
    """Every mention, grouped by entity id (computed once per build)."""
    return edition_domain(app.env).mentions_by_entity()


MentionScope = Literal["texts", "notes", "elsewhere"]
"""What a list of mentions holds: the running text of the edited texts (what the sources say, counted), the
editors' words on the texts' pages (introductions, notes, supplied passages), the edition's other pages."""


def scope_of(mention: Mention, articles: Collection[str]) -> MentionScope:
    """The scope a mention belongs to."""
    if mention.docname not in articles:
        return "elsewhere"
    return "notes" if mention.editorial else "texts"


def mentions_in_scope(
    mentions: list[Mention], scope: MentionScope, articles: Collection[str], page: str
) -> list[Mention]:
    """The mentions of one scope, without those on ``page`` itself (an entity's page names its own entity)."""
    return [m for m in mentions if m.docname != page and scope_of(m, articles) == scope]


def resolve_document(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill "mentioned in" lists; add hover cards to HTML pages."""
    index = mentions_by_entity(app)
    articles = edition_data(app.env).articles
    for node in list(doctree.findall(mention_list)):
        scope = node.get("scope", "texts")
        page = node.get("docname", docname)  # a book's doctree is the root's: the list's own page is its page
        mentions = mentions_in_scope(index.get(node["argument"], []), scope, articles, page)
        if mentions or scope == "texts":
            node.replace_self(mention_links(app, docname, mentions, counts=scope == "texts"))
        elif (field := markup.enclosing(node, nodes.field)) is not None:
            field.parent.remove(field)  # named on no other page: no empty field
        else:
            node.parent.remove(node)
    if builds_web_pages(app.builder):
        ids = list(dict.fromkeys(r["entity_id"] for r in doctree.findall(markup.entity_ref)))
        if ids:
            doctree += hover_cards(ids, edition_register(app.env), app.config)


def mention_links(app: Sphinx, fromdoc: str, mentions: list[Mention], counts: bool = False) -> list[nodes.Node]:
    """Links to each page that mentions an entity and to each of its paragraphs there (``counts``: with the
    number of mentions on each page: give only those of the running text, which the source makes)."""
    if not mentions:
        return [nodes.Text("not mentioned in the texts")]
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.docname].append(m)
    out: list[nodes.Node] = []
    for i, (doc, items) in enumerate(sorted(by_doc.items())):
        if i:
            out.append(nodes.Text("; "))
        title = app.env.titles.get(doc)  # its own markup: a work's title in italics
        uri = app.builder.get_relative_uri(fromdoc, doc)
        shown = title.deepcopy().children if title else [nodes.Text(doc)]
        out.append(nodes.reference("", "", *shown, refuri=uri, internal=True))
        if counts:
            out.append(nodes.Text(f" ({len(items)} mention{'' if len(items) == 1 else 's'})"))
        anchors = list(dict.fromkeys((m.anchor, m.paragraph) for m in items if m.anchor))
        for anchor, label in anchors:
            out.append(nodes.Text(", "))
            out.append(nodes.reference(label, label, refuri=f"{uri}#{anchor}", internal=True))
    return out


def hover_cards(entity_ids: list[str], register: Register, config: Config) -> unindexed_html:
    """The hidden cards a page's script shows when a mention gets hover or focus."""
    cards = [_card(e, config) for i in entity_ids if (e := register.get(i)) is not None]
    return unindexed_html(fragments.render("entity-cards.html", cards=cards))


def _card(entity: Entity, config: Config) -> dict[str, Any]:
    """What an entity's card shows: its name (a title in italics), dates, kind, other names and gloss, its words
    with the smart quotes of the page's prose (the card is made after Sphinx's ran)."""
    return {
        "entity": entity,
        "name": curled(entity.name, config),
        "title": active().is_title(entity.kind),
        "dates": life_dates(entity),
        "names": [
            {"text": curled(n.text, config), "lang": n.lang}
            for n in entity.names
            if n.type in ("native", "transliteration", "alias", "former")
        ],
        "gloss": emphasis_runs(curled(entity.gloss, config)),
    }
