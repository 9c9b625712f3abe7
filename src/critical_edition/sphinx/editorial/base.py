"""An editorial role, whole: one object that owns everything the edition does with one kind of editorial markup.

A role (``{corr}``, ``{sic}``, ``{supplied}``, ``{lang}``, ``{unclear}``; ``{omitted}`` is a directive, for a passage
between paragraphs) says how its text and options are read and checked, which node it makes, what the node gives
the reconstructed witness (the source's reading) and the edited reading, how each writer writes it (HTML, and so
EPUB; LaTeX; plain text; TEI), its entry in the apparatus and its line on the reference page. The rest of the
extension asks the role of a node (``editorial_role``) and never names one: adding a role is a module and an entry
in ``registry.py``, and another edition adds its own with ``add_editorial_role`` in its ``setup()``.

The nodes that other markup makes too live in ``sphinx/markup.py``: ``corr`` (a misspelt name in an entity role)
and ``lang`` (names and titles in another script); their roles here own everything else about them.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives as docutils_directives
from docutils.parsers.rst import roles as docutils_roles
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ...core.editorial import ApparatusEntry, Option, option_values
from ...core.model import Intervention
from ...core.syntax import RoleText
from .. import markup, writers
from ..report import warn
from .writing import TeiWriter

Reading = tuple[str, bool, str]
"""A run of the source's text: its characters, whether an intervention made it, its language ('' for the page's)."""


@dataclass(frozen=True)
class Where:
    """Where an intervention stands: its page, the paragraph that holds it (label '¶ 4' and anchor 'p-4'; '' for
    none), and the last paragraph before it ('after ¶ 3', 'before ¶ 1': for a passage between paragraphs)."""

    docname: str
    paragraph: str
    anchor: str
    after: str


class EditorialRole:
    """One kind of editorial markup. Its class docstring's first line is its line on the reference page."""

    name: ClassVar[str]
    """As an editor writes it: ``{name}`…``` (or ```` ```{name} ```` for a directive)."""
    node: ClassVar[type[nodes.Element]]
    """The docutils node it makes."""
    options: ClassVar[tuple[Option, ...]] = ()
    """Its options, written ``; key=value`` after its text."""
    takes_target: ClassVar[bool] = False
    """Whether its text may end with an entity id, ``<id>``, making the text a mention of that entity."""
    directive: ClassVar[type[SphinxDirective] | None] = None
    """The directive that makes it, for a passage between paragraphs (then it is no role)."""
    intervention: ClassVar[bool] = True
    """Whether it is an editorial intervention: numbered in the text, linked to its entry in the apparatus."""
    marks_witness: ClassVar[bool] = True
    """Whether the side-by-side view marks the witness's text it stands for."""
    legend: ClassVar[str] = ""
    """Its sign in the line of signs above a text (HTML), e.g. ``<b>°</b> corrected``; '' for none."""
    tei_element: ClassVar[str] = ""
    """The TEI element of its node ('' : its content only), when ``tei`` is not its own."""

    # --- syntax: the markup as written ------------------------------------------------------------------

    def markup(self, role: EditorialMarkup) -> list[nodes.Node]:
        """The nodes of the role as written (``role`` is the Sphinx role being run: its text, its location), or its
        text and a located warning when it cannot be read."""
        parsed = role.parse()
        if parsed is None:
            return [nodes.Text(role.text)]
        values, problems = option_values(self.name, parsed.options, self.options)
        for problem in problems:
            warn(problem, role.get_location())
        return self.make(parsed, values, role)

    def make(self, parsed: RoleText, values: dict[str, str], role: EditorialMarkup) -> list[nodes.Node]:
        """The role's node from its parsed text and the value of each option."""
        node = self.node(**values)
        role.place(node)
        node += self.content(parsed, role)
        return [node]

    def content(self, parsed: RoleText, role: EditorialMarkup) -> nodes.Node:
        """The node's content: the text, or a mention of the entity ``<id>`` made of it."""
        if not parsed.target:
            return nodes.Text(parsed.reading)
        ref = markup.entity_ref(entity_id=parsed.target, role_kind=None)
        ref += nodes.Text(parsed.reading)
        role.place(ref)
        return ref

    # --- the witness and the edited reading -------------------------------------------------------------

    def source(self, node: nodes.Element) -> str | None:
        """What the source printed where the node stands, when that is not the node's own content ('' : nothing,
        an editorial addition); None when the content is the source's text (then it is read as the source)."""
        return None

    def language(self, node: nodes.Element, around: str) -> str:
        """The language of the node's content, given the language around it."""
        return around

    def reading(self, node: nodes.Element) -> str:
        """The words the node gives the edited text."""
        return str(node.astext())

    # --- the apparatus ----------------------------------------------------------------------------------

    def record(self, node: nodes.Element, where: Where) -> Intervention:
        """The intervention, as the apparatus and the checks keep it."""
        source = self.source(node)
        reading = self.reading(node)
        return Intervention(
            self.name, where.docname, where.paragraph, reading, reading if source is None else source,
            anchor=where.anchor, line=node.line,
        )  # fmt: skip

    def apparatus_entry(self, iv: Intervention) -> ApparatusEntry:
        """Its entry in the apparatus: lemma ] reading — what the editors did."""
        return ApparatusEntry(iv.reading, iv.source, f"marked {self.name}")

    # --- writers ----------------------------------------------------------------------------------------

    def visit_html(self, translator: Any, node: nodes.Element) -> None:
        """Open the node in HTML (and EPUB); a role without an HTML writer is reported where it stands."""
        writers.unwritten(translator, node)

    def depart_html(self, translator: Any, node: nodes.Element) -> None:
        """Close the node in HTML."""

    def html_after_link(self, node: nodes.Element) -> str:
        """HTML written after the link of a mention that holds the node: a sign that cannot stand inside it (a link
        cannot hold a link)."""
        return ""

    def visit_latex(self, translator: Any, node: nodes.Element) -> None:
        """Open the node in LaTeX; a role without a LaTeX writer is reported where it stands."""
        writers.unwritten(translator, node)

    def depart_latex(self, translator: Any, node: nodes.Element) -> None:
        """Close the node in LaTeX."""

    def tei_declaration(self) -> str:
        """What the TEI header's ``editorialDecl`` says of the role ('' : nothing); a directive's passage gets a
        paragraph of its own, the roles' sentences share one."""
        return ""

    def tei_attributes(self, node: nodes.Element, tei: TeiWriter) -> dict[str, str]:
        """The attributes of its TEI element (``xml_lang`` for ``xml:lang``); empty values are left out."""
        return {}

    def tei(self, parent: ET.Element, node: nodes.Element, tei: TeiWriter) -> None:
        """Its node in the TEI text: ``tei_element`` around its content."""
        if self.tei_element:
            parent = tei.element(parent, self.tei_element, **self.tei_attributes(node, tei))
        tei.children(parent, node)

    def tei_block(self, node: nodes.Element, tei: TeiWriter) -> ET.Element:
        """Its node as a block of the TEI text: a directive's passage between paragraphs (a role's node that no
        paragraph holds, too)."""
        block = ET.Element("ab")
        self.tei(block, node, tei)
        return block


class EditorialMarkup(markup.EditionRole):
    """The Sphinx role that runs an editorial role where a text uses it."""

    def __init__(self, role: EditorialRole) -> None:
        self.editorial_role = role
        self.options_allowed = tuple(option.name for option in role.options)
        self.allow_target = role.takes_target

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """The role's nodes."""
        return self.editorial_role.markup(self), []


_BY_NODE: dict[type[nodes.Element], EditorialRole] = {}
"""The role of each node class a registered role makes (a node class belongs to one role)."""
_BY_DIRECTIVE: dict[type[SphinxDirective], EditorialRole] = {}


def add_editorial_role(app: Sphinx, role: EditorialRole) -> None:
    """Register an editorial role: its role (or directive), its node and the node's writer in every builder."""
    _BY_NODE[role.node] = role
    plain = writers.KEEP_TEXT  # plain text, man and texinfo print the node's words
    writers.add_node(
        app,
        role.node,
        html=(_method(role.visit_html), _method(role.depart_html)),
        latex=(_method(role.visit_latex), _method(role.depart_latex)),
        text=plain,
        man=plain,
        texinfo=plain,
    )
    if role.directive is not None:
        _BY_DIRECTIVE[role.directive] = role
        app.add_directive(role.name, role.directive)
    else:
        app.add_role(role.name, EditorialMarkup(role))


def _method(visitor: Any) -> Any:
    """A visitor as Sphinx calls it, with the translator first: the role's own method."""

    def call(translator: Any, node: nodes.Element) -> None:
        visitor(translator, node)

    return call


def editorial_role(node: nodes.Node) -> EditorialRole | None:
    """The role that made a node, or None for a node no editorial role makes."""
    return _BY_NODE.get(type(node))  # type: ignore[arg-type]


def is_intervention(node: nodes.Node) -> bool:
    """Whether the node is an editorial intervention (numbered, with an apparatus entry)."""
    role = editorial_role(node)
    return role is not None and role.intervention


def editorial_roles() -> list[EditorialRole]:
    """The editorial roles of this build, in the order registered, the directives' last: read from docutils'
    registries, where Sphinx puts each role and directive for one build (a role another edition adds is there)."""
    found = [r.editorial_role for r in docutils_roles._roles.values() if isinstance(r, EditorialMarkup)]  # type: ignore[attr-defined]
    found += [_BY_DIRECTIVE[d] for d in docutils_directives._directives.values() if d in _BY_DIRECTIVE]  # type: ignore[attr-defined]
    return list(dict.fromkeys(found))


def editorial_role_named(name: str) -> EditorialRole | None:
    """The editorial role of this build with this name (an intervention's ``type``)."""
    return next((role for role in editorial_roles() if role.name == name), None)


def source_readings(node: nodes.Node, language: str = "") -> list[Reading]:
    """The text the source printed here (sic readings of corrections, omitted passages; no editorial additions or
    notes), each run flagged if an intervention made it (for the side-by-side view) and with its language
    (``{lang}``), so that the witness's views show it in the same language as the edited text."""
    if isinstance(node, nodes.Text):
        return [(str(node), False, language)]
    role = editorial_role(node)
    if role is not None:
        source = role.source(node)  # type: ignore[arg-type]
        if source is not None:
            return [(source, role.marks_witness, language)] if source else []
        language = role.language(node, language)  # type: ignore[arg-type]
    elif isinstance(node, markup.para_number | nodes.footnote_reference | nodes.footnote):
        return []
    parts = [part for child in node.children for part in source_readings(child, language)]
    marked = role is not None and role.marks_witness
    return [(text, True, tag) for text, _, tag in parts] if marked else parts
