"""The ``teiHeader`` of a TEI file: the title and the editors, the release, the licence, the witness and the
editorial principles."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from sphinx.builders import Builder
from sphinx.config import Config

from ...core.bibliography import latex_to_text
from ...core.citation import names_in_a_list, page_url
from ...core.dates import date_attributes, date_in_words
from ...core.syntax import token
from ...core.witness import NORMALISATIONS, sha256
from ...profile import active
from .. import identity
from ..domain import edition_data, web_page
from ..editorial import editorial_roles
from .elements import clean, sub
from .standoff import bibl_element


def tei_header(
    builder: Builder, docname: str, title: str, witness_key: str | None, entries: Mapping[str, Any]
) -> ET.Element:
    """The ``teiHeader`` of an article: ``fileDesc`` (title, edition, publication, source) and ``encodingDesc``."""
    header = ET.Element("teiHeader")
    file_desc = sub(header, "fileDesc")
    _title_stmt(sub(file_desc, "titleStmt"), builder.config, title)
    _edition_stmt(sub(file_desc, "editionStmt"), builder.config)
    _publication_stmt(sub(file_desc, "publicationStmt"), builder, docname, witness_key, entries)
    _source_desc(sub(file_desc, "sourceDesc"), builder, docname, witness_key, entries)
    _encoding_desc(sub(header, "encodingDesc"))
    return header


def _title_stmt(title_stmt: ET.Element, config: Config, title: str) -> None:
    """The titles, the editors and their ``respStmt``, which the ``@resp`` of every editorial element points to."""
    sub(title_stmt, "title", title, type="main")
    sub(title_stmt, "title", f"{config.project}: TEI P5 edition of one text", type="sub")
    editors = identity.editors(config)
    for editor in editors:
        sub(title_stmt, "editor", editor.name, role=token(editor.role), ref=editor.orcid_url)
    responsible = sub(title_stmt, "respStmt", xml_id="editors")  # the @resp of every editorial element
    sub(responsible, "resp", "edition of the text: transcription, markup, notes and register")
    for editor in editors:
        sub(responsible, "orgName" if editor.collective else "persName", editor.name, ref=editor.orcid_url)


def _edition_stmt(edition_stmt: ET.Element, config: Config) -> None:
    """The release and its date."""
    edition = sub(edition_stmt, "edition", f"{config.project}, release {config.release}, ", n=str(config.release))
    sub(edition, "date", identity.the_date(config).isoformat(), when=identity.the_date(config).isoformat())


def _publication_stmt(
    publication: ET.Element, builder: Builder, docname: str, witness_key: str | None, entries: Mapping[str, Any]
) -> None:
    """The editors as publisher, the date, the text's ids and address, and what may be done with the file."""
    config = builder.config
    sub(publication, "publisher", names_in_a_list([e.name for e in identity.editors(config)]))
    sub(publication, "date", identity.the_date(config).isoformat(), when=identity.the_date(config).isoformat())
    sub(publication, "idno", PurePosixPath(docname).name, type="article")
    if config.html_baseurl:  # the text's permanent address, as every citation gives it; none is ever relative
        sub(publication, "idno", page_url(config.html_baseurl, web_page(builder, docname)), type="URL")
    availability = sub(publication, "availability")
    declared = active().licence
    licence = sub(availability, "licence", target=declared.url)
    sub(
        licence,
        "p",
        f"The editorial content of this file (headers, markup, notes, register and apparatus) "
        f"is published under the {declared.name} licence: {declared.url}.",
    )
    publisher = ""
    if witness_key and (entry := entries.get(witness_key)) is not None:
        publisher = latex_to_text(entry.fields.get("howpublished", ""))
    sub(
        availability,
        "p",
        "The source text remains the property of its publisher"
        + (f", {publisher}" if publisher else "")
        + "; it is reproduced here for scholarly study and is not covered by the licence above.",
    )


def _source_desc(
    source_desc: ET.Element, builder: Builder, docname: str, witness_key: str | None, entries: Mapping[str, Any]
) -> None:
    """The witness: its entry in the bibliography, the edition's copy with its digest, and its capture record."""
    edited = edition_data(builder.env).articles.get(docname)
    witness = edited.witness if edited else ""
    if witness_key:
        bibl = bibl_element(witness_key, entries.get(witness_key))
        source_desc.append(bibl)
    else:  # reported once by the checks (source-missing, unknown-source)
        bibl = sub(source_desc, "bibl")
    if witness:
        note = f"The edition's copy of this witness is {witness}"
        file = Path(builder.env.srcdir, witness)
        if file.is_file():
            note += f" (SHA-256 {sha256(file)})"
        sub(bibl, "note", note + ".", type="witness")
    if edited and edited.captured:  # the capture record: when (EDTF as TEI's date attributes), what and how
        capture = sub(bibl, "note", type="capture")
        sub(capture, "date", date_in_words(edited.captured), **date_attributes(edited.captured)).tail = (
            ": " + clean(edited.capture_note) if edited.capture_note else None
        )


def _encoding_desc(encoding: ET.Element) -> None:
    """The editorial principles: what each editorial role means (``tei_declaration``), and the normalisations."""
    decl = sub(encoding, "editorialDecl")
    correction = sub(decl, "correction")
    roles = editorial_roles()  # the roles' sentences in one paragraph, each directive's passage in its own
    sentences = " ".join(d for r in roles if r.directive is None and (d := r.tei_declaration()))
    for paragraph in [sentences, *(r.tei_declaration() for r in roles if r.directive is not None)]:
        if paragraph:
            sub(correction, "p", paragraph)
    normalisation = sub(decl, "normalization")
    for name, text in NORMALISATIONS:
        sub(normalisation, "p", f"{name}: {text}")
