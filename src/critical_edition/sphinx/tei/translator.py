"""The text of a TEI file, written by a docutils translator: ``TEITranslator`` walks an edited text and builds its
``div``, with a ``visit_``/``depart_`` method for each node that has a TEI element of its own.

The translator is at one of two levels. Between blocks (the children of the edited text, of a container, of a list
item) a node makes a block: a paragraph ``p``, a headline ``head``, a list, an omitted passage; inside a block (a
paragraph's words, a note) a node makes an element in the block's text, or gives only its words. An editorial node
is written by its role (``EditorialRole.tei``, or ``tei_block`` for a passage between paragraphs), to which the
translator hands itself as the role's ``TeiWriter``.

A node the translator does not know by name is written as today's rule says (``default_visit``): inside a block, its
words; between blocks, its words as an anonymous block ``ab`` (a line, a term, a caption…) or, for a container, the
blocks it holds; a node with no words and nothing inside (an image, in a paragraph or between them) has nothing TEI
can hold: it is reported where it stands (``edition.unwritable``) and left out. Nothing else is left out but what is
no text (a target, a comment) or is written elsewhere (a footnote, at its mark).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from typing import Any

from docutils import nodes
from sphinx.builders import Builder

from ...core.register import Register
from ...profile import active
from .. import markup, writers
from ..editorial import editorial_role
from .elements import XML_ID, append_text, clean, sub, xml_id
from .standoff import Cited

Block = tuple[str, ET.Element]
"""A block of the text: what it is (``p``, ``head``, ``passage``, ``list``, ``ab``) and its element."""


class TEITranslator(nodes.GenericNodeVisitor):
    """Writes the edited texts of one document as TEI ``div`` elements, recording what they mention and cite."""

    def __init__(self, document: nodes.document, builder: Builder, docname: str, register: Register, cited: Cited):
        super().__init__(document)
        self.builder = builder
        self.docname = docname
        self.register = register
        self.cited = cited
        self.footnotes = {i: f for f in document.findall(nodes.footnote) for i in f["ids"]}
        self.notes_open: set[str] = set()  # the notes being written: a note that refers to itself is written once
        self.blocks: list[Block] = []  # the blocks of the container being written
        self.parent: ET.Element | None = None  # the element the words go into; None between blocks
        self.parents: list[ET.Element | None] = []

    # --- the text of one edited text ---------------------------------------------------------------------

    def division(self, text: nodes.Element) -> ET.Element:
        """The ``div`` of an edited text: opening datelines, headline, paragraphs and passages (omitted ones)."""
        return arranged(self.blocks_of(text))

    def blocks_of(self, node: nodes.Element) -> list[Block]:
        """The blocks of a container's children, in reading order."""
        saved, self.blocks = self.blocks, []
        self.open(None)
        for child in node.children:
            child.walkabout(self)
        self.close()
        blocks, self.blocks = self.blocks, saved
        return blocks

    def open(self, element: ET.Element | None) -> None:
        """Write what follows into ``element`` (``None``: between blocks) until ``close``."""
        self.parents.append(self.parent)
        self.parent = element

    def close(self) -> None:
        """Write into the element that was open before the last ``open``."""
        self.parent = self.parents.pop()

    def place(self, what: str, element: ET.Element) -> None:
        """Put a finished element where the walk stands: inside the open element, or as a block of its own."""
        if self.parent is not None:
            self.parent.append(element)
        else:
            self.blocks.append((what, element))

    def open_block(self, what: str, element: ET.Element) -> None:
        """Add a block to the container's blocks and write what follows into it."""
        self.blocks.append((what, element))
        self.open(element)

    # --- what an editorial role is handed to write its node (editorial.TeiWriter) --------------------------

    def element(self, parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        """A new child element of ``parent``."""
        return sub(parent, tag, text, **attrs)

    def text(self, parent: ET.Element, text: str) -> None:
        """Text appended to the end of ``parent``."""
        append_text(parent, text)

    def clean(self, text: str) -> str:
        """The text without the characters XML cannot hold."""
        return clean(text)

    def children(self, parent: ET.Element, node: nodes.Element) -> None:
        """The TEI of the node's children, appended to ``parent``."""
        self.open(parent)
        for child in node.children:
            child.walkabout(self)
        self.close()

    def cite(self, keys: Iterable[str]) -> str:
        """Record cited keys; their pointers for ``@target`` or ``@source``."""
        return self.cited.cite(keys)

    # --- dispatch -----------------------------------------------------------------------------------------

    def dispatch_visit(self, node: nodes.Node) -> None:
        """An editorial node to its role; any other node to the visitor of its class or of the nearest class it
        derives from (a Sphinx node like its docutils base: ``literal_emphasis`` as ``emphasis``)."""
        role = editorial_role(node)
        if role is not None and self.parent is not None:  # in a block's text: the role writes its node
            role.tei(self.parent, node, self)
            raise nodes.SkipNode
        if role is not None:  # between blocks: a directive's passage, or a role's words as a block of their own
            self.blocks.append(("passage" if role.directive is not None else "ab", role.tei_block(node, self)))
            raise nodes.SkipNode
        self._method("visit", node)(node)

    def dispatch_departure(self, node: nodes.Node) -> None:
        """The departure of the node's class, found as its visitor was."""
        self._method("depart", node)(node)

    def _method(self, prefix: str, node: nodes.Node) -> Callable[[Any], None]:
        for cls in type(node).__mro__:
            method = getattr(self, f"{prefix}_{cls.__name__}", None)
            if method is not None:
                return method
        return self.unknown_visit if prefix == "visit" else self.unknown_departure

    # --- what has no element of its own -------------------------------------------------------------------

    def default_visit(self, node: nodes.Node) -> None:
        """A node without a TEI element: in a block, its words; between blocks, its words as an anonymous ``ab`` or
        the blocks it holds; a node with no words and nothing inside is reported where it stands and left out."""
        assert isinstance(node, nodes.Element)
        if not node.children and not isinstance(node, nodes.TextElement):  # an image…: TEI has nothing for it
            writers.report_unwritten(self.builder.name, node)
            raise nodes.SkipNode
        if self.parent is not None:
            self.open(self.parent)
        elif isinstance(node, nodes.TextElement):  # a line, a term, a caption…
            self.open_block("ab", ET.Element("ab"))
        else:  # a container: its blocks
            self.open(None)

    def default_departure(self, node: nodes.Node) -> None:
        """Close what the visit opened."""
        self.close()

    unknown_visit = default_visit
    unknown_departure = default_departure

    def visit_Text(self, node: nodes.Text) -> None:
        """Its characters, in a block; between blocks (in a container of an extension), an anonymous ``ab``."""
        if self.parent is not None:
            append_text(self.parent, str(node))
        elif str(node).strip():
            ab = ET.Element("ab")
            append_text(ab, str(node))
            self.blocks.append(("ab", ab))

    def depart_Text(self, node: nodes.Text) -> None:
        """Nothing to close."""

    def skip(self, node: nodes.Node) -> None:
        """Nothing of the node: it is not text (a target, a comment, a message the build reported, the definition
        of a substitution, raw markup for one output: the sources' own is reported and made text when read), or it
        is written elsewhere (a footnote, at its mark; one that nothing refers to Sphinx reports)."""
        raise nodes.SkipNode

    visit_target = visit_comment = visit_system_message = skip
    visit_substitution_definition = visit_raw = visit_footnote = skip

    def visit_para_number(self, node: nodes.Element) -> None:
        """Nothing in a block: the paragraph carries its number."""
        if self.parent is not None:
            raise nodes.SkipNode
        self.default_visit(node)

    visit_label = visit_para_number  # a note carries its label

    def visit_transition(self, node: nodes.Element) -> None:
        """A break between passages of the text (a rule, a row of stars): ``milestone unit="section"``."""
        self.place("milestone", ET.Element("milestone", {"unit": "section"}))
        raise nodes.SkipNode

    # --- blocks -------------------------------------------------------------------------------------------

    def visit_paragraph(self, node: nodes.Element) -> None:
        """``p``: between blocks with the number and anchor of the HTML page, in a note without."""
        if self.parent is not None:
            self.open(sub(self.parent, "p"))
            return
        number = next(iter(node.findall(markup.para_number)), None)
        attrs = {"n": number["number"], XML_ID: number["refid"]} if number is not None else {}
        self.open_block("p", ET.Element("p", attrs))

    def depart_paragraph(self, node: nodes.Element) -> None:
        """The paragraph is written."""
        self.close()

    def visit_rubric(self, node: nodes.Element) -> None:
        """``head``: a headline between blocks (``arranged`` places it)."""
        if self.parent is not None:
            self.open(self.parent)
        else:
            self.open_block("head", ET.Element("head"))

    def depart_rubric(self, node: nodes.Element) -> None:
        """The headline is written."""
        self.close()

    def visit_bullet_list(self, node: nodes.Element) -> None:
        """``list``, each item holding its blocks (a headline as ``ab type="headline"``): between blocks, or in a
        block (a list in a note), where TEI allows it too."""
        rend = "numbered" if isinstance(node, nodes.enumerated_list) else "bulleted"
        listing = ET.Element("list", {"rend": rend})
        for item in node.children:
            sub(listing, "item").extend(as_headline(e) if what == "head" else e for what, e in self.blocks_of(item))
        self.place("list", listing)
        raise nodes.SkipNode

    visit_enumerated_list = visit_bullet_list

    def visit_literal_block(self, node: nodes.Element) -> None:
        """An anonymous ``ab`` with the block's text, between blocks."""
        if self.parent is not None:
            self.default_visit(node)
            return
        ab = ET.Element("ab")
        append_text(ab, node.astext())
        self.blocks.append(("ab", ab))
        raise nodes.SkipNode

    # --- in a block's text --------------------------------------------------------------------------------

    def visit_entity_ref(self, node: nodes.Element) -> None:
        """A mention: its kind's element (``persName``…) pointing to the entity's ``standOff`` entry; an unknown
        entity's mention (reported by the checks) is a plain ``name``."""
        if self.parent is None:
            self.default_visit(node)
            return
        entity = self.register.get(node["entity_id"])
        if entity is None:
            self.open(sub(self.parent, "name"))
            return
        self.cited.mention(entity.id)
        attrs = {"ref": f"#{xml_id(entity.id)}"}
        element = active().kind(entity.kind).tei_mention
        if element in ("name", "rs"):  # a generic name says what it names
            attrs["type"] = entity.kind
        self.open(sub(self.parent, element, **attrs))

    def visit_footnote_reference(self, node: nodes.Element) -> None:
        """The note itself, where its mark stands: ``type="gloss"`` at an entity's first mention, else
        ``critical``; ``@n`` the number printed on the page."""
        if self.parent is None:
            self.default_visit(node)
            return
        target = node.get("refid", "")
        footnote = self.footnotes.get(target)
        if footnote is None or target in self.notes_open:
            raise nodes.SkipNode
        self.notes_open.add(target)
        label = next(iter(footnote.findall(nodes.label)), None)
        note_type = "gloss" if "entity-note" in footnote["classes"] else "critical"
        note = sub(self.parent, "note", type=note_type, n=label.astext() if label is not None else "", resp="#editors")
        body = [c for c in footnote.children if not isinstance(c, nodes.label)]
        one_paragraph = len(body) == 1 and isinstance(body[0], nodes.paragraph)
        self.children(note, body[0] if one_paragraph else footnote)  # one paragraph and nothing else: no ``p``
        self.notes_open.discard(target)
        raise nodes.SkipNode

    def visit_pending_xref(self, node: nodes.Element) -> None:
        """A citation: ``ref type="cite"`` pointing to the sources' ``bibl``, its text the label the page prints."""
        if self.parent is None or node.get("refdomain") not in ("cite", "footcite"):
            self.default_visit(node)
            return
        keys = [k for k in re.split(r"[,\s]+", node.get("reftarget", "")) if k]
        ref = sub(self.parent, "ref", type="cite", target=self.cite(keys))
        append_text(ref, self.citation_label(node) or ", ".join(keys))
        raise nodes.SkipNode

    def citation_label(self, xref: nodes.Element) -> str:
        """The citation as the page prints it, e.g. '[Kamalova, 2015]': sphinxcontrib-bibtex's own label."""
        env = self.builder.env
        contnode = xref[0].deepcopy() if xref.children else nodes.inline()
        domain, reftype = env.get_domain("cite"), xref.get("reftype", "p")
        resolved = domain.resolve_xref(env, self.docname, self.builder, reftype, xref["reftarget"], xref, contnode)
        return str(resolved.astext()) if resolved is not None else ""  # None: an unknown key (the checks report it)

    def _highlight(self, node: nodes.Element, rend: str) -> None:
        if self.parent is None:
            self.default_visit(node)
        else:
            self.open(sub(self.parent, "hi", rend=rend))

    def visit_emphasis(self, node: nodes.Element) -> None:
        """``hi rend="italic"``."""
        self._highlight(node, "italic")

    def visit_strong(self, node: nodes.Element) -> None:
        """``hi rend="bold"``."""
        self._highlight(node, "bold")

    def visit_literal(self, node: nodes.Element) -> None:
        """``hi rend="monospace"``."""
        self._highlight(node, "monospace")

    def visit_reference(self, node: nodes.Element) -> None:
        """A link to another site: ``ref`` with its address; a link inside the edition: its words."""
        if self.parent is None or "://" not in node.get("refuri", ""):
            self.default_visit(node)
        else:
            self.open(sub(self.parent, "ref", target=node["refuri"]))

    depart_entity_ref = depart_emphasis = depart_strong = depart_literal = depart_reference = default_departure


def arranged(blocks: list[Block]) -> ET.Element:
    """The ``div`` of an edited text from its blocks. TEI allows a ``head`` only before the paragraphs of a division:
    paragraphs before the headline (the date line of a news page) are ``dateline``, with omitted passages in an
    ``opener``; a headline after the first, or after a block an opener cannot hold (a list, a line), is an
    ``ab type="headline"``, every block in its place."""
    div = ET.Element("div", {"type": "article"})
    kinds = [what for what, _ in blocks]
    first_head = kinds.index("head") if "head" in kinds else 0
    before, rest = blocks[:first_head], blocks[first_head:]
    openable = all(what in ("p", "passage") for what, _ in before)
    if not openable:  # no opener can hold them: every block in its place, and no head
        before, rest = [], blocks
    if before and all(what == "p" for what, _ in before):
        for _, element in before:
            element.tag = "dateline"
            div.append(element)
    elif before:
        opener = sub(div, "opener")
        for what, element in before:
            if what == "p":
                element.tag = "dateline"
                opener.append(element)
            else:  # a passage: what its block holds
                append_text(opener, element.text or "")
                opener.extend(list(element))
    for index, (what, element) in enumerate(rest):
        div.append(as_headline(element) if what == "head" and (index or not openable) else element)
    if not len(div):
        sub(div, "p")
    return div


def as_headline(element: ET.Element) -> ET.Element:
    """A headline where TEI allows no ``head``: ``ab type="headline"``."""
    element.tag = "ab"
    element.set("type", "headline")
    return element
