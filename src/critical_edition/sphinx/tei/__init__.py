"""TEI P5 XML export: a `tei` builder writing one file per article, and the same files for the HTML pages.

``sphinx-build -b tei . _build/tei`` writes ``<article>.xml`` for every document with an edited text; an
HTML build writes the same bytes to ``_downloads/tei/`` and links each article page to its file. Each
file validates against ``tei_all.rng`` (TEI P5 4.3.0; the tests hold a copy).

The modules: ``translator`` (``TEITranslator``, a docutils translator writing the text; an editorial role writes
its own node through it), ``header`` (the ``teiHeader``), ``standoff`` (the entities and sources a file cites),
``elements`` (namespaces, ids, tokens, the bytes written) and ``builder`` (the ``tei`` builder, one file put
together, the HTML pages' download link, ``setup``).

How the edition's markup is encoded:

- ``teiHeader``: the page title and the editors (``titleStmt``), the release (``editionStmt``), the
  editors as publisher with the licence of the editorial content and a statement that the source text
  remains its publisher's (``publicationStmt/availability``), the witness described from its entry in
  the bibliography (``sourceDesc/bibl``), and the editorial principles (``encodingDesc/editorialDecl``).
- Body: one ``div type="article"``. The headline is ``head``. A paragraph of the edited text is
  ``p n="4" xml:id="p-4"``, the number and anchor of the HTML page. A paragraph printed before the
  headline (the date line of a news page) is a ``dateline`` with the same ``@n`` and ``@xml:id``,
  because TEI allows a ``head`` only before the paragraphs of a division; when a block that no ``opener`` can
  hold comes before it (a list, a line), every block stays in its place and the headline is an
  ``ab type="headline"``, as a second headline is. A list is ``list`` with an ``item`` for each of its items
  (in a note too), a break between passages (a rule) ``milestone unit="section"``, any other block with words
  an anonymous ``ab``; a node with nothing TEI can hold (a picture) is reported (``edition.unwritable``).
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
  inside an ``ab type="omitted"`` block (before the headline, inside the ``opener``; in a note, the
  ``surplus`` alone, between the note's paragraphs). A reading text
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

from ...core.syntax import token
from .elements import indent, xml_id

__all__ = ["indent", "token", "xml_id"]
