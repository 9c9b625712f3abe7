"""``{sic}``: a source reading kept as printed and marked as such (TEI ``sic``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from docutils import nodes

from ...core.editorial import ApparatusEntry, Option
from ...core.model import Intervention
from ..quotes import curled
from .base import EditorialRole, Where
from .writing import TeiWriter, html_id, html_sign, latex_apparatus


class sic(nodes.inline):
    """A source reading kept as printed and marked as such (``note``: the editors' remark)."""


class Sic(EditorialRole):
    """``{sic}`know ; note=…```: a source reading kept and marked as such."""

    name = "sic"
    node = sic
    options = (Option("note", "note"),)
    legend = "<b>[<i>sic</i>]</b> so in the source"

    def tei_declaration(self) -> str:
        """The kept reading, as the TEI header declares it."""
        return "A reading kept as printed is sic."

    def record(self, node: nodes.Element, where: Where) -> Intervention:
        """The reading, as the source prints it, with the editors' remark."""
        return Intervention(
            self.name, where.docname, where.paragraph, node.astext(), node.astext(), node["note"],
            anchor=where.anchor, line=node.line,
        )  # fmt: skip

    def apparatus_entry(self, iv: Intervention) -> ApparatusEntry:
        """know ] know — kept as printed (verb form): the lemma is the words, without the text's signs."""
        return ApparatusEntry(iv.reading, iv.source, "kept as printed" + (f" ({iv.reason})" if iv.reason else ""))

    def visit_html(self, translator: Any, node: nodes.Element) -> None:
        """The reading as printed."""
        translator.body.append(f'<span class="edition-sic"{html_id(node)}>')

    def depart_html(self, translator: Any, node: nodes.Element) -> None:
        """[sic], a link to the apparatus entry."""
        marker = html_sign(node, "[<i>sic</i>]", "sic: so in the source, kept as printed")
        translator.body.append(f" {marker}</span>")

    def visit_latex(self, translator: Any, node: nodes.Element) -> None:
        """The reading, with its apparatus entry at the foot of the page."""
        translator.body.append(r"\edtext{")

    def depart_latex(self, translator: Any, node: nodes.Element) -> None:
        """The entry (kept as printed, and why), and [sic] in the text."""
        why = f" ({translator.encode(curled(node['note'], translator.config))})" if node.get("note") else ""
        translator.body.append(latex_apparatus(translator, node.astext(), rf"\textit{{sic, kept as printed{why}}}"))
        translator.body.append(r" [\textit{sic}]")

    def tei(self, parent: ET.Element, node: nodes.Element, tei: TeiWriter) -> None:
        """``sic``, and the editors' remark after it as a ``note type="sic"``."""
        tei.children(tei.element(parent, "sic"), node)
        if node.get("note"):
            tei.element(parent, "note", node["note"], type="sic", resp="#editors")
