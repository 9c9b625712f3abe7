"""What the writers of every editorial role share: the sign of an intervention, linked to its apparatus entry
(HTML), its entry in the apparatus at the foot of the page (LaTeX, reledmac), and the TEI writer a role is handed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from html import escape
from typing import Any, Protocol

from docutils import nodes
from markupsafe import Markup

from .. import fragments


def html_id(node: nodes.Element) -> str:
    """The element's first id as an HTML attribute (an intervention's ``iv-N``), or ''."""
    return f' id="{escape(node["ids"][0])}"' if node.get("ids") else ""


def html_apparatus_link(
    node: nodes.Element, sign: str, label: str, classes: str = "edition-marker", preview: str = ""
) -> str:
    """The sign of an intervention (HTML, the role's) as a link to its apparatus entry; the script previews the
    entry, or the entries ``preview`` names; ``label`` says what the sign means to a screen reader."""
    return fragments.render(
        "apparatus-link.html", sign=Markup(sign), label=label, classes=classes, entry=node["apparatus"], preview=preview
    )


def html_sign(node: nodes.Element, sign: str, label: str) -> str:
    """A role's sign after its words: linked to its apparatus entry when it has one, else the sign alone."""
    if node.get("apparatus"):
        return html_apparatus_link(node, sign, label)
    return f'<span class="edition-marker">{sign}</span>'


def latex_apparatus(translator: Any, lemma: str, note: str) -> str:
    r"""The end of an ``\edtext{…`` that the role's visitor opened: the lemma and the note of its entry in the
    apparatus at the foot of the page (series A); ``note`` is LaTeX already."""
    return r"}{\lemma{" + translator.encode(lemma) + r"}\Afootnote{" + note + "}}"


class TeiWriter(Protocol):
    """What the TEI export hands a role, to write its node into the text of one file."""

    def element(self, parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        """A new child element of ``parent`` (attributes with an empty value are left out; ``xml_lang``, ``xml_id``
        are ``xml:lang``, ``xml:id``)."""
        ...

    def text(self, parent: ET.Element, text: str) -> None:
        """Text appended to the end of ``parent``."""
        ...

    def clean(self, text: str) -> str:
        """The text without the characters XML cannot hold."""
        ...

    def children(self, parent: ET.Element, node: nodes.Element) -> None:
        """The TEI of the node's children, appended to ``parent``."""
        ...

    def cite(self, keys: Iterable[str]) -> str:
        """Pointers to the bibliography entries of these keys (for ``@source``); they join the file's sources."""
        ...
