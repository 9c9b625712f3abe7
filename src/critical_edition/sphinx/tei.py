"""TEI P5 XML export: a `tei` builder writing one file per article, and the same files for the HTML pages.

``sphinx-build -b tei . _build/tei`` writes ``<article>.xml`` for every document with an edited text; an
HTML build writes the same bytes to ``_downloads/tei/`` and links each article page to its file. Each
file validates against ``tei_all.rng`` (TEI P5 4.3.0; the tests hold a copy).

How the edition's markup is encoded:

- ``teiHeader``: the page title and the editors (``titleStmt``), the release (``editionStmt``), the
  editors as publisher with the licence of the editorial content and a statement that the source text
  remains its publisher's (``publicationStmt/availability``), the witness described from its entry in
  the bibliography (``sourceDesc/bibl``), and the editorial principles (``encodingDesc/editorialDecl``).
- Body: one ``div type="article"``. The headline is ``head``. A paragraph of the edited text is
  ``p n="4" xml:id="p-4"``, the number and anchor of the HTML page. A paragraph printed before the
  headline (the date line of a news page) is a ``dateline`` with the same ``@n`` and ``@xml:id``,
  because TEI allows a ``head`` only before the paragraphs of a division.
- A mention is the element its kind's profile entry names (``tei_mention``: ``persName``, ``placeName``,
  ``orgName``, ``title`` for works, ``name type="event"``, ``objectName``...), with ``@ref`` pointing to the
  entity in the ``standOff``.
- A corrected source error is ``choice/sic`` + ``corr``, the reason a token in ``corr/@type``
  (``typographical-error``); a reading kept as printed is ``sic``, followed by a ``note type="sic"``
  with the editors' remark when there is one; an editorial addition is ``supplied`` with ``@cert``
  and, when it has evidence, ``@source`` pointing to the bibliography.
- An omitted passage is *kept*: TEI's ``gap`` would drop the text, so the passage is encoded as
  ``surplus`` ("text present in the source which the editor believes to be superfluous") with the
  edition's reason in ``@reason`` (``furniture``, ``read-also``, ...), its lines separated by ``lb``,
  inside an ``ab type="omitted"`` block (before the headline, inside the ``opener``). A reading text
  leaves out every ``surplus``; the source is the text with ``sic`` readings and without ``supplied``.
- Notes are ``note`` at their place in the text: ``type="gloss"`` for the note at an entity's first
  mention, ``type="critical"`` for the editors' notes, ``@n`` the number printed on the page.
  Citations are ``ref type="cite"`` pointing to ``bibl`` elements of the ``standOff``.
- ``standOff``: one list per kind, as its profile entry names it (``listPerson``, ``listPlace``, ``listOrg``,
  ``listBibl type="works"``, ``listEvent``, ``listObject``...; ``ENTRY_LAYOUTS``): the register's entities
  mentioned in the text, with their names in every language, dates, gloss and authority ids as ``idno``
  holding the authority's URL; ``listRelation`` between them; and ``listBibl type="sources"`` (every
  source cited). A date keeps its EDTF value as its text, with
  ``@when`` or ``@notBefore``/``@notAfter`` for its bounds.

The output is deterministic: the same sources give byte-identical files.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
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

from ..core.bibliography import latex_to_text, month_number
from ..core.citation import names_in_a_list, page_url
from ..core.dates import date_attributes, edtf_label
from ..core.model import Entity
from ..core.register import Register
from ..core.syntax import emphasis_runs
from ..core.vocabulary import authority_links
from ..core.witness import NORMALISATIONS, sha256
from ..editorial import editorial_role, editorial_roles
from ..profile import active
from . import identity, markup, writers
from .domain import (
    bib_entries,
    builds_web_pages,
    edition_data,
    edition_language,
    edition_register,
    text_source,
    web_page,
)

logger = logging.getLogger(__name__)

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"

DOWNLOAD_DIR = "_downloads/tei"
"""Where an HTML build puts the TEI files, relative to its output directory."""


PERSON_DATES = {"begin": "birth", "end": "death"}
"""The TEI element of a person's date by what it marks (profile: ``date_fields.<name>.marks``); else floruit."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_ID = re.compile(r"[^A-Za-z0-9._-]")


# --- small helpers ---------------------------------------------------------------------------------


def xml_id(name: str, prefix: str = "") -> str:
    """A valid ``xml:id`` (an NCName) made from an entity id or a bibliography key."""
    value = prefix + _NOT_ID.sub("_", name)
    return value if re.match(r"[A-Za-z_]", value) else f"_{value}"


def bib_id(key: str) -> str:
    """The ``xml:id`` of a source's ``bibl``."""
    return xml_id(key, "bib-")


def token(text: str) -> str:
    """A free-text reason as one TEI token: 'typographical error' -> 'typographical-error'."""
    return "-".join(text.split()) or "unspecified"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {_attr(k): v for k, v in attrs.items() if v})
    if text:
        element.text = _clean(text)
    return element


def _attr(name: str) -> str:
    return {"xml_id": XML_ID, "xml_lang": XML_LANG}.get(name, name)


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def _append_text(parent: ET.Element, text: str) -> None:
    text = _clean(text)
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def indent(element: ET.Element, level: int = 0) -> None:
    """Pretty-print in place, leaving mixed content (text with elements) exactly as it is."""
    if len(element) == 0 or _is_mixed(element):
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        indent(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + "  " * level


def _is_mixed(element: ET.Element) -> bool:
    if element.text and element.text.strip():
        return True
    return any(child.tail and child.tail.strip() for child in element)


def serialise(root: ET.Element) -> bytes:
    """The UTF-8 bytes of a TEI document, pretty-printed, with an XML declaration."""
    indent(root)
    text = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


# --- the bibliography ------------------------------------------------------------------------------


def bibl_element(key: str, entry: Any, tag: str = "bibl") -> ET.Element:
    """A ``bibl`` for an entry of references.bib: authors, title, publisher, date, URL, note."""
    bibl = ET.Element(tag, {XML_ID: bib_id(key)})
    if entry is None:
        _sub(bibl, "note", f"Source {key} (not in the bibliography).")
        return bibl
    fields = entry.fields
    for person in entry.persons.get("author", []):
        parts = [*person.first_names, *person.middle_names, *person.prelast_names, *person.last_names]
        _sub(bibl, "author", latex_to_text(" ".join(parts)))
    if "title" in fields:
        _sub(bibl, "title", latex_to_text(fields["title"]))
    if "howpublished" in fields:
        _sub(bibl, "publisher", latex_to_text(fields["howpublished"]))
    when = fields.get("date", "")
    if not when and "year" in fields:
        number = month_number(str(fields.get("month", "")))
        month = f"{number:02d}" if number else ""
        when = fields["year"] + (f"-{month}" if month else "")
    if when:
        _sub(bibl, "date", when, **date_attributes(when))
    if "url" in fields:
        _sub(bibl, "ptr", target=fields["url"])
    if "urldate" in fields:
        _sub(bibl, "date", f"consulted {fields['urldate']}", type="accessed", **date_attributes(fields["urldate"]))
    if "note" in fields:
        _sub(bibl, "note", latex_to_text(fields["note"]))
    return bibl


# --- the text --------------------------------------------------------------------------------------


@dataclass
class _Article:
    """What the conversion of one article needs and collects."""

    env: BuildEnvironment
    builder: Builder
    docname: str
    register: Register
    footnotes: dict[str, nodes.footnote]
    entities: dict[str, None] = field(default_factory=dict)  # ids, in order of first mention
    keys: dict[str, None] = field(default_factory=dict)  # bibliography keys, in order of citation
    notes_open: set[str] = field(default_factory=set)

    def cite(self, keys: Iterable[str]) -> str:
        """Record cited keys; their pointers for ``@target`` or ``@source``."""
        found = [k.strip() for k in keys if k.strip()]
        self.keys.update(dict.fromkeys(found))
        return " ".join(f"#{bib_id(k)}" for k in found)

    # what an editorial role is handed to write its node (editorial.TeiWriter)

    def element(self, parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        """A new child element of ``parent``."""
        return _sub(parent, tag, text, **attrs)

    def text(self, parent: ET.Element, text: str) -> None:
        """Text appended to the end of ``parent``."""
        _append_text(parent, text)

    def clean(self, text: str) -> str:
        """The text without the characters XML cannot hold."""
        return _clean(text)

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
        _append_text(parent, str(node))
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
        ref = _sub(parent, "ref", type="cite", target=art.cite(keys))
        _append_text(ref, _citation_label(art, node) or ", ".join(keys))
    elif isinstance(node, nodes.emphasis):
        _children(_sub(parent, "hi", rend="italic"), node, art)
    elif isinstance(node, nodes.strong):
        _children(_sub(parent, "hi", rend="bold"), node, art)
    elif isinstance(node, nodes.literal):
        _children(_sub(parent, "hi", rend="monospace"), node, art)
    elif isinstance(node, nodes.reference) and "://" in node.get("refuri", ""):
        _children(_sub(parent, "ref", target=node["refuri"]), node, art)
    elif isinstance(node, nodes.paragraph):  # a paragraph of a note
        _children(_sub(parent, "p"), node, art)
    else:
        _children(parent, node, art)


def _children(parent: ET.Element, node: nodes.Element, art: _Article) -> None:
    for child in node.children:
        inline(parent, child, art)


def _mention(parent: ET.Element, node: markup.entity_ref, art: _Article) -> None:
    entity = art.register.get(node["entity_id"])
    if entity is None:
        _children(_sub(parent, "name"), node, art)
        return
    art.entities[entity.id] = None
    attrs = {"ref": f"#{xml_id(entity.id)}"}
    element = active().kind(entity.kind).tei_mention
    if element in ("name", "rs"):  # a generic name says what it names
        attrs["type"] = entity.kind
    _children(_sub(parent, element, **attrs), node, art)


def _note(parent: ET.Element, ref: nodes.footnote_reference, art: _Article) -> None:
    target = ref.get("refid", "")
    footnote = art.footnotes.get(target)
    if footnote is None or target in art.notes_open:
        return
    art.notes_open.add(target)
    label = next(iter(footnote.findall(nodes.label)), None)
    kind = "gloss" if "entity-note" in footnote["classes"] else "critical"
    note = _sub(parent, "note", type=kind, n=label.astext() if label is not None else "", resp="#editors")
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
                element = _sub(listing, "item")
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
            _append_text(ab, child.astext())
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
        opener = _sub(div, "opener")
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
        _sub(div, "p")
    return div


# --- the standOff ----------------------------------------------------------------------------------


def _names(parent: ET.Element, entity: Entity, tag: str) -> None:
    _sub(parent, tag, entity.name, type="preferred")
    for name in entity.names:
        _sub(parent, tag, name.text, type=name.type, xml_lang=name.lang)


def _idnos(parent: ET.Element, entity: Entity) -> None:
    for authority, _ident, url in authority_links(entity.authority):
        _sub(parent, "idno", url, type=authority)


def _gloss_text(parent: ET.Element, gloss: str) -> None:
    """A gloss's text, the titles it marks (``*Composer*``) as ``hi rend="italic"``."""
    for run, italic in emphasis_runs(gloss):
        if italic:
            _sub(parent, "hi", run, rend="italic")
        else:
            _append_text(parent, run)


def _gloss(parent: ET.Element, entity: Entity) -> None:
    if entity.gloss:
        _gloss_text(_sub(parent, "note", type="gloss"), entity.gloss)


def _dated_event(parent: ET.Element, field_name: str, value: str) -> None:
    event = _sub(parent, "event", type=field_name, **date_attributes(value))
    _sub(event, "label", f"{field_name} {value}")


ENTRY_LAYOUTS: dict[str, tuple[str, ...]] = {
    "person": ("names", "lifedates", "occupation", "idnos", "gloss"),
    "bibl": ("names", "dates", "idnos", "gloss"),
    "org": ("names", "idnos", "events", "gloss"),
    "place": ("names", "events", "idnos", "gloss"),
    "event": ("idnos", "names", "desc"),
    "object": ("identifier", "paragraphs", "gloss"),
}
"""What each TEI entry element holds of an entity, in the order TEI gives its content (the profile's schema
allows these elements, ``profile.consistency.TEI_ENTRIES``)."""


DATED_PARTS = ("lifedates", "dates", "events", "paragraphs")
"""How an entry holds its dates: a person's birth, death and floruit; date; event; a paragraph with a date."""


def _dates(element: ET.Element, entity: Entity, part: str) -> None:
    """An entity's dates, as the part of its entry that holds them (``DATED_PARTS``)."""
    marks = {name: field.marks for name, field in active().date_fields.items()}
    for field_name, value in entity.dates.items():
        if part == "lifedates":
            _sub(element, PERSON_DATES.get(marks.get(field_name, ""), "floruit"), value, **date_attributes(value))
        elif part == "dates":
            _sub(element, "date", value, type=field_name, **date_attributes(value))
        elif part == "events":
            _dated_event(element, field_name, value)
        else:
            _sub(_sub(element, "p"), "date", value, type=field_name, **date_attributes(value))


def entity_element(entity: Entity, art: _Article) -> ET.Element:
    """The ``standOff`` entry of an entity (the element its kind's profile entry names): names, dates, category,
    authority ids and gloss."""
    kind = active().kind(entity.kind)
    attrs = {XML_ID: xml_id(entity.id), "source": art.cite(entity.sources)}
    if kind.tei_entry != "person" and entity.category:  # a person has no @type: the category is an occupation
        attrs["type"] = token(entity.category)
    if kind.tei_entry == "event" and kind.occurs in entity.dates:
        attrs.update(date_attributes(entity.dates[kind.occurs]))
    element = ET.Element(kind.tei_entry, {k: v for k, v in attrs.items() if v})
    for part in ENTRY_LAYOUTS[kind.tei_entry]:
        if part == "names":
            _names(element, entity, kind.tei_name)
        elif part == "identifier":  # an object's names and ids identify it
            identifier = _sub(element, "objectIdentifier")
            _names(identifier, entity, kind.tei_name)
            _idnos(identifier, entity)
        elif part == "idnos":
            _idnos(element, entity)
        elif part == "occupation" and entity.category:
            _sub(element, "occupation", entity.category)
        elif part == "desc":
            _gloss_text(_sub(element, "desc"), entity.gloss or entity.name)
        elif part == "gloss":
            _gloss(element, entity)
        elif part in DATED_PARTS:
            _dates(element, entity, part)
    return element


def _stand_off(art: _Article, witness_key: str | None, entries: Mapping[str, Any]) -> ET.Element:
    stand_off = ET.Element("standOff")
    entities = [e for i in art.entities if (e := art.register.get(i)) is not None]
    built = {e.id: entity_element(e, art) for e in entities}  # before the sources: entries cite them
    for name, kind in active().kinds.items():
        members = sorted((e for e in entities if e.kind == name), key=lambda e: e.id)
        if not members:
            continue
        kept_apart = kind.tei_list == "listBibl"  # from the list of sources, by its type: "works"
        listing = _sub(stand_off, kind.tei_list, type=token(active().plural_of(name).lower()) if kept_apart else "")
        listing.extend(built[e.id] for e in members)
    ids = set(built)
    relations = [(e.id, r) for e in sorted(entities, key=lambda e: e.id) for r in e.relations if r.target in ids]
    if relations:
        listing = _sub(stand_off, "listRelation")
        for source, relation in relations:
            _sub(
                listing,
                "relation",
                name=token(relation.type),
                active=f"#{xml_id(source)}",
                passive=f"#{xml_id(relation.target)}",
            )
    keys = sorted(k for k in art.keys if k != witness_key)
    if keys:
        sources = _sub(stand_off, "listBibl", type="sources")
        sources.extend(bibl_element(k, entries.get(k)) for k in keys)
    if not len(stand_off):
        _sub(stand_off, "listBibl", type="sources").append(ET.Element("bibl"))
    return stand_off


# --- the header ------------------------------------------------------------------------------------


def _header(art: _Article, title: str, witness_key: str | None, entries: Mapping[str, Any]) -> ET.Element:
    config = art.env.config
    header = ET.Element("teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", title, type="main")
    _sub(title_stmt, "title", f"{config.project}: TEI P5 edition of one text", type="sub")
    editors = identity.editors(config)
    for editor in editors:
        _sub(title_stmt, "editor", editor.name, role=token(editor.role), ref=editor.orcid_url)
    responsible = _sub(title_stmt, "respStmt", xml_id="editors")  # the @resp of every editorial element
    _sub(responsible, "resp", "edition of the text: transcription, markup, notes and register")
    for editor in editors:
        _sub(responsible, "orgName" if editor.collective else "persName", editor.name, ref=editor.orcid_url)
    edition_stmt = _sub(file_desc, "editionStmt")
    edition = _sub(edition_stmt, "edition", f"{config.project}, release {config.release}, ", n=str(config.release))
    _sub(edition, "date", identity.the_date(config).isoformat(), when=identity.the_date(config).isoformat())
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "publisher", names_in_a_list([e.name for e in editors]))
    _sub(publication, "date", identity.the_date(config).isoformat(), when=identity.the_date(config).isoformat())
    _sub(publication, "idno", PurePosixPath(art.docname).name, type="article")
    if config.html_baseurl:  # the text's permanent address, as every citation gives it; none is ever relative
        _sub(publication, "idno", page_url(config.html_baseurl, web_page(art.builder, art.docname)), type="URL")
    availability = _sub(publication, "availability")
    declared = active().licence
    licence = _sub(availability, "licence", target=declared.url)
    _sub(
        licence,
        "p",
        f"The editorial content of this file (headers, markup, notes, register and apparatus) "
        f"is published under the {declared.name} licence: {declared.url}.",
    )
    publisher = ""
    if witness_key and (entry := entries.get(witness_key)) is not None:
        publisher = latex_to_text(entry.fields.get("howpublished", ""))
    _sub(
        availability,
        "p",
        "The source text remains the property of its publisher"
        + (f", {publisher}" if publisher else "")
        + "; it is reproduced here for scholarly study and is not covered by the licence above.",
    )
    source_desc = _sub(file_desc, "sourceDesc")
    edited = edition_data(art.env).articles.get(art.docname)
    witness = edited.witness if edited else ""
    if witness_key:
        art.keys.pop(witness_key, None)
        bibl = bibl_element(witness_key, entries.get(witness_key))
        source_desc.append(bibl)
    else:  # reported once by the checks (source-missing, unknown-source)
        bibl = _sub(source_desc, "bibl")
    if witness:
        note = f"The edition's copy of this witness is {witness}"
        file = Path(art.env.srcdir, witness)
        if file.is_file():
            note += f" (SHA-256 {sha256(file)})"
        _sub(bibl, "note", note + ".", type="witness")
    if edited and edited.captured:  # the capture record: when (EDTF as TEI's date attributes), what and how
        capture = _sub(bibl, "note", type="capture")
        _sub(capture, "date", edtf_label(edited.captured), **date_attributes(edited.captured)).tail = (
            ": " + _clean(edited.capture_note) if edited.capture_note else None
        )
    encoding = _sub(header, "encodingDesc")
    decl = _sub(encoding, "editorialDecl")
    correction = _sub(decl, "correction")
    roles = editorial_roles()  # the roles' sentences in one paragraph, each directive's passage in its own
    sentences = " ".join(d for r in roles if r.directive is None and (d := r.tei_declaration()))
    for paragraph in [sentences, *(r.tei_declaration() for r in roles if r.directive is not None)]:
        if paragraph:
            _sub(correction, "p", paragraph)
    normalisation = _sub(decl, "normalization")
    for name, text in NORMALISATIONS:
        _sub(normalisation, "p", f"{name}: {text}")
    return header


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
    body = _sub(text, "body")
    for edited in texts:
        body.append(_body(edited, art))
    if not texts:
        _sub(body, "p")
    header = _header(art, title, witness_key, entries)
    root.append(header)
    root.append(_stand_off(art, witness_key, entries))
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
