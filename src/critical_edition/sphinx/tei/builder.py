"""The TEI export, for now in one module: the text, the header, the standOff, the builder and the HTML link."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ...core.kinds import kind
from ...core.register import Register
from ...editorial import editorial_role
from .. import markup, writers
from ..domain import (
    bib_entries,
    builds_web_pages,
    edition_data,
    edition_language,
    edition_register,
    text_source,
)
from .elements import TEI_NS, XML_ID, XML_LANG, append_text, clean, serialise, sub, xml_id
from .header import tei_header
from .standoff import Cited, stand_off_element

logger = logging.getLogger(__name__)

DOWNLOAD_DIR = "_downloads/tei"
"""Where an HTML build puts the TEI files, relative to its output directory."""


# --- the text --------------------------------------------------------------------------------------


@dataclass
class _Article:
    """What the conversion of one article needs and collects."""

    env: BuildEnvironment
    builder: Builder
    docname: str
    register: Register
    footnotes: dict[str, nodes.footnote]
    cited: Cited = field(default_factory=Cited)
    notes_open: set[str] = field(default_factory=set)

    def cite(self, keys: Iterable[str]) -> str:
        """Record cited keys; their pointers for ``@target`` or ``@source``."""
        return self.cited.cite(keys)

    # what an editorial role is handed to write its node (editorial.TeiWriter)

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
        _children(parent, node, self)


def _citation_label(art: _Article, xref: addnodes.pending_xref) -> str:
    """The citation as the page prints it, e.g. '[Kamalova, 2015]': sphinxcontrib-bibtex's own label."""
    domain = art.env.get_domain("cite")
    contnode = xref[0].deepcopy() if xref.children else nodes.inline()
    resolved = domain.resolve_xref(
        art.env, art.docname, art.builder, xref.get("reftype", "p"), xref["reftarget"], xref, contnode
    )  # an unknown key resolves to None (the checks report it)
    return str(resolved.astext()) if resolved is not None else ""


def inline(parent: ET.Element, node: nodes.Node, art: _Article) -> None:
    """Append the TEI of an inline docutils node (and its children) to ``parent``."""
    if isinstance(node, nodes.Text):
        append_text(parent, str(node))
        return
    if isinstance(
        node,
        markup.para_number
        | nodes.target
        | nodes.comment
        | nodes.system_message
        | nodes.substitution_definition
        | nodes.raw
        | nodes.footnote
        | nodes.label,
    ):
        return
    assert isinstance(node, nodes.Element)
    if isinstance(node, markup.entity_ref):
        _mention(parent, node, art)
    elif (role := editorial_role(node)) is not None:
        role.tei(parent, node, art)
    elif isinstance(node, nodes.footnote_reference):
        _note(parent, node, art)
    elif isinstance(node, addnodes.pending_xref) and node.get("refdomain") in ("cite", "footcite"):
        keys = [k for k in re.split(r"[,\s]+", node.get("reftarget", "")) if k]
        ref = sub(parent, "ref", type="cite", target=art.cite(keys))
        append_text(ref, _citation_label(art, node) or ", ".join(keys))
    elif isinstance(node, nodes.emphasis):
        _children(sub(parent, "hi", rend="italic"), node, art)
    elif isinstance(node, nodes.strong):
        _children(sub(parent, "hi", rend="bold"), node, art)
    elif isinstance(node, nodes.literal):
        _children(sub(parent, "hi", rend="monospace"), node, art)
    elif isinstance(node, nodes.reference) and "://" in node.get("refuri", ""):
        _children(sub(parent, "ref", target=node["refuri"]), node, art)
    elif isinstance(node, nodes.paragraph):  # a paragraph of a note
        _children(sub(parent, "p"), node, art)
    else:
        _children(parent, node, art)


def _children(parent: ET.Element, node: nodes.Element, art: _Article) -> None:
    for child in node.children:
        inline(parent, child, art)


def _mention(parent: ET.Element, node: markup.entity_ref, art: _Article) -> None:
    entity = art.register.get(node["entity_id"])
    if entity is None:
        _children(sub(parent, "name"), node, art)
        return
    art.cited.mention(entity.id)
    attrs = {"ref": f"#{xml_id(entity.id)}"}
    if entity.kind == "event":
        attrs["type"] = "event"
    _children(sub(parent, kind(entity.kind).tei_mention, **attrs), node, art)


def _note(parent: ET.Element, ref: nodes.footnote_reference, art: _Article) -> None:
    target = ref.get("refid", "")
    footnote = art.footnotes.get(target)
    if footnote is None or target in art.notes_open:
        return
    art.notes_open.add(target)
    label = next(iter(footnote.findall(nodes.label)), None)
    kind = "gloss" if "entity-note" in footnote["classes"] else "critical"
    note = sub(parent, "note", type=kind, n=label.astext() if label is not None else "", resp="#editors")
    paragraphs = [c for c in footnote.children if isinstance(c, nodes.paragraph)]
    if len(paragraphs) == 1:
        _children(note, paragraphs[0], art)
    else:
        for child in footnote.children:
            inline(note, child, art)
    art.notes_open.discard(target)


def _blocks(node: nodes.Element, art: _Article, out: list[tuple[str, ET.Element]]) -> None:
    """The block-level content of the edited text, as (kind, element) in reading order."""
    for child in node.children:
        if isinstance(child, nodes.rubric):
            head = ET.Element("head")
            _children(head, child, art)
            out.append(("head", head))
        elif isinstance(child, nodes.paragraph):
            para_number = next(iter(child.findall(markup.para_number)), None)
            attrs = {}
            if para_number is not None:
                attrs = {"n": para_number["number"], XML_ID: para_number["refid"]}
            p = ET.Element("p", attrs)
            _children(p, child, art)
            out.append(("p", p))
        elif (role := editorial_role(child)) is not None and role.directive is not None:
            out.append(("passage", role.tei_block(child, art)))
        elif isinstance(child, nodes.bullet_list | nodes.enumerated_list):
            listing = ET.Element(
                "list", {"rend": "numbered" if isinstance(child, nodes.enumerated_list) else "bulleted"}
            )
            for item in child.children:
                items: list[tuple[str, ET.Element]] = []
                _blocks(item, art, items)  # type: ignore[arg-type]
                element = sub(listing, "item")
                element.extend(e for _, e in items)
            out.append(("list", listing))
        elif isinstance(
            child,
            nodes.footnote
            | nodes.target
            | nodes.comment
            | nodes.system_message
            | nodes.substitution_definition
            | nodes.raw,
        ):
            continue
        elif isinstance(child, nodes.literal_block):
            ab = ET.Element("ab")
            append_text(ab, child.astext())
            out.append(("ab", ab))
        elif isinstance(child, nodes.TextElement):  # a line, a term, a caption…: its words, as an anonymous block
            ab = ET.Element("ab")
            _children(ab, child, art)
            out.append(("ab", ab))
        elif isinstance(child, nodes.Element) and (child.children or isinstance(child, nodes.transition)):
            _blocks(child, art, out)  # a container (a quotation, a list item): its blocks; a transition: nothing
        elif isinstance(child, nodes.Element):  # an image or another node with no words: TEI has nothing for it
            writers.report_unwritten(art.builder.name, child)


def _body(text: nodes.Element, art: _Article) -> ET.Element:
    """The ``div`` of the edited text: opening datelines, headline, paragraphs and passages (omitted ones)."""
    blocks: list[tuple[str, ET.Element]] = []
    _blocks(text, art, blocks)
    div = ET.Element("div", {"type": "article"})
    kinds = [k for k, _ in blocks]
    first_head = kinds.index("head") if "head" in kinds else 0
    before, rest = blocks[:first_head], blocks[first_head:]
    if before and all(k == "p" for k, _ in before):
        for _, element in before:
            element.tag = "dateline"
            div.append(element)
    elif before:
        opener = sub(div, "opener")
        for kind, element in before:
            if kind == "p":
                element.tag = "dateline"
                opener.append(element)
            elif kind == "passage":
                opener.extend(list(element))
    for index, (kind, element) in enumerate(rest):
        if kind == "head" and index:
            element.tag = "ab"
            element.set("type", "headline")
        div.append(element)
    if not len(div):
        sub(div, "p")
    return div


# --- one article -----------------------------------------------------------------------------------


def article_tei(env: BuildEnvironment, builder: Builder, docname: str) -> bytes:
    """The TEI document of one article, as UTF-8 bytes."""
    doctree = env.get_doctree(docname)
    footnotes = {i: f for f in doctree.findall(nodes.footnote) for i in f["ids"]}
    art = _Article(env, builder, docname, edition_register(env), footnotes)
    entries = bib_entries(env)
    witness_key = text_source(env, docname, entries)
    root = ET.Element("TEI", {"xmlns": TEI_NS, XML_LANG: edition_language(env.config)})
    texts = list(doctree.findall(markup.edited_text))
    headline = next((r.astext() for t in texts for r in t.findall(nodes.rubric)), "")
    title = env.titles[docname].astext() if docname in env.titles else headline or docname
    text = ET.Element("text")
    body = sub(text, "body")
    for edited in texts:
        body.append(_body(edited, art))
    if not texts:
        sub(body, "p")
    header = tei_header(builder, docname, title, witness_key, entries)
    root.append(header)
    root.append(stand_off_element(art.register, art.cited, witness_key, entries))
    root.append(text)
    return serialise(root)


def tei_filename(docname: str) -> str:
    """The name of an article's TEI file: its docname's last part with ``.xml``."""
    return PurePosixPath(docname).name + ".xml"


def write_articles(env: BuildEnvironment, builder: Builder, outdir: Path) -> list[Path]:
    """Write the TEI file of every article to ``outdir``; return the paths written."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for docname in sorted(edition_data(env).articles):
        if docname not in env.all_docs:
            continue
        path = outdir / tei_filename(docname)
        data = article_tei(env, builder, docname)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written


class TEIBuilder(Builder):
    """``-b tei``: one TEI P5 file per article (the documents with an edited text)."""

    name = "tei"
    format = "xml"
    epilog = "The TEI files are in %(outdir)s."
    out_suffix = ".xml"
    allow_parallel = True

    def init(self) -> None:
        """Nothing to prepare."""

    def get_outdated_docs(self) -> str:
        """Every article is written on every build: its standOff depends on the whole register."""
        return "all articles"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        """The file of a document, relative to the output directory."""
        return tei_filename(docname)

    def write_documents(self, docnames: Any) -> None:
        """The files are written in ``finish``, from the unresolved doctrees."""

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        """Unused: see ``finish``."""

    def finish(self) -> None:
        """Write the TEI file of every article."""
        for path in write_articles(self.env, self, Path(self.outdir)):
            logger.info("TEI: %s", path)


# --- the HTML pages --------------------------------------------------------------------------------


def add_download_link(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put a link to the article's TEI file before its edited text, on HTML pages."""
    if not builds_web_pages(app.builder) or docname not in edition_data(app.env).articles:
        return
    text = next(iter(doctree.findall(markup.edited_text)), None)
    if text is None or text.parent is None:
        return
    uri = relative_uri(app.builder.get_target_uri(docname), f"{DOWNLOAD_DIR}/{tei_filename(docname)}")
    para = nodes.paragraph(classes=["edition-downloads"])
    para += nodes.Text("Download this text: ")
    para += nodes.reference("", "TEI XML", refuri=uri, internal=False, classes=["edition-tei-link"])
    para += nodes.Text(" (TEI P5, with the register and the sources of this text).")
    text.parent.insert(text.parent.index(text), para)


def write_for_html(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, write the TEI files to ``_downloads/tei/`` for the pages' links."""
    if exception is not None or not builds_web_pages(app.builder):
        return
    write_articles(app.env, app.builder, Path(app.outdir, DOWNLOAD_DIR))


def setup(app: Sphinx) -> None:
    """Register this output's builders, directives and events."""
    app.add_builder(TEIBuilder)
    app.connect("doctree-resolved", add_download_link)
    app.connect("build-finished", write_for_html)
