"""``{supplied}``: text the editors add, absent from the source (TEI ``supplied``), with its certainty and evidence."""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes

from ...core.editorial import ApparatusEntry, Option
from ...core.model import Intervention
from ...profile import Vocabulary
from .base import EditorialRole, Where
from .writing import TeiWriter, html_apparatus_link, html_id, latex_apparatus


class supplied(nodes.inline):
    """Text supplied by the editors, absent from the source (``cert``, ``evidence``)."""


class Supplied(EditorialRole):
    """``{supplied}`text <id> ; cert=medium ; evidence=key```: an editorial addition."""

    name = "supplied"
    node = supplied
    options = (
        Option("cert", "certainty", default="high", choices=Vocabulary("certainty")),
        Option("evidence", "evidence"),
    )
    takes_target = True
    legend = "<b>[ ]</b> supplied by the editors"
    tei_element = "supplied"

    def tei_declaration(self) -> str:
        """The addition, as the TEI header declares it."""
        return (
            "Text added by the editors is supplied, with @cert and, when the editors have "
            "evidence, @source pointing to it."
        )

    def source(self, node: nodes.Element) -> str | None:
        """Nothing: the source does not have it."""
        return ""

    def record(self, node: nodes.Element, where: Where) -> Intervention:
        """The addition, with its certainty and evidence."""
        return Intervention(
            self.name, where.docname, where.paragraph, node.astext(), "", "", node["cert"], node["evidence"],
            anchor=where.anchor, line=node.line,
        )  # fmt: skip

    def apparatus_entry(self, iv: Intervention) -> ApparatusEntry:
        """Ann Smith ] not in the source — supplied by the editors, certainty medium; evidence [Doe, 2020]."""
        evidence = tuple(k.strip() for k in iv.evidence.split(",")) if iv.evidence else ()
        return ApparatusEntry(
            iv.reading, "not in the source", f"supplied by the editors, certainty {iv.cert}", evidence=evidence
        )

    def visit_html(self, translator: Any, node: nodes.Element) -> None:
        """The addition in brackets, its certainty in a title."""
        cert = escape(node["cert"])
        translator.body.append(
            f'<span class="edition-supplied"{html_id(node)} data-cert="{cert}" '
            f'title="supplied by the editors; certainty: {cert}">['
        )

    def depart_html(self, translator: Any, node: nodes.Element) -> None:
        """The closing bracket, a link to the apparatus entry."""
        if node.get("apparatus"):
            label = f"supplied by the editors, certainty {node['cert']}"
            translator.body.append(html_apparatus_link(node, "]", label, "edition-bracket") + "</span>")
        else:
            translator.body.append("]</span>")

    def visit_latex(self, translator: Any, node: nodes.Element) -> None:
        """The addition in brackets, with its apparatus entry at the foot of the page."""
        translator.body.append(r"\edtext{[")

    def depart_latex(self, translator: Any, node: nodes.Element) -> None:
        """The entry: supplied, and how certain."""
        cert = translator.encode(node.get("cert", ""))
        note = rf"\textit{{supplied by the editors; certainty {cert}}}"
        translator.body.append("]" + latex_apparatus(translator, node.astext(), note))  # the lemma: the words, no signs

    def tei_attributes(self, node: nodes.Element, tei: TeiWriter) -> dict[str, str]:
        """Who supplied it, how certain, and the sources that support it."""
        evidence = [k for k in node.get("evidence", "").split(",") if k.strip()]
        return {
            "resp": "#editors",
            "cert": node.get("cert", ""),
            "evidence": "external" if evidence else "",
            "source": tei.cite(evidence),
        }
