"""``{corr}``: a source error corrected in the reading text, the source's reading kept (TEI ``choice/sic/corr``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from html import escape
from typing import Any

from docutils import nodes

from ...core.editorial import ApparatusEntry, Option
from ...core.model import Intervention, Problem
from ...core.syntax import RoleText, token
from .. import markup
from ..quotes import curled
from ..report import warn
from .base import EditorialMarkup, EditorialRole, Where
from .writing import TeiWriter, html_apparatus_link, html_id, latex_apparatus


class Correction(EditorialRole):
    """``{corr}`brining -> bringing ; reason=typo```: a corrected source error."""

    name = "corr"
    node = markup.corr  # an entity role makes it too, for a misspelt name: "{person}`Baigazain -> Baigazin`"
    options = (Option("reason", "reason", default="typographical error"),)
    legend = "<b>°</b> corrected (the source’s reading on hover, focus or tap)"

    def tei_declaration(self) -> str:
        """The correction, as the TEI header declares it."""
        return (
            "Errors of the source are corrected in the reading text; the source reading is kept "
            "in choice/sic beside corr, whose @type gives the reason."
        )

    def make(self, parsed: RoleText, values: dict[str, str], role: EditorialMarkup) -> list[nodes.Node]:
        """A correction needs both readings: ``source -> correction``."""
        if parsed.source is None:
            warn(
                Problem(
                    "bad-markup", f"{{corr}}`{role.text}` has no source reading", hint="use 'source -> correction'"
                ),
                role.get_location(),
            )
            return [nodes.Text(parsed.reading)]
        node = self.node(sic=parsed.source, reason=values["reason"])
        node += nodes.Text(parsed.reading)
        role.place(node)
        return [node]

    def source(self, node: nodes.Element) -> str | None:
        """The source's reading, kept on the node."""
        return str(node["sic"])

    def record(self, node: nodes.Element, where: Where) -> Intervention:
        """The correction with its reason."""
        return Intervention(
            self.name, where.docname, where.paragraph, node.astext(), node["sic"], node["reason"],
            anchor=where.anchor, line=node.line,
        )  # fmt: skip

    def apparatus_entry(self, iv: Intervention) -> ApparatusEntry:
        """bringing ] brining — corrected (typographical error)."""
        return ApparatusEntry(iv.reading, iv.source, f"corrected ({iv.reason})")

    def visit_html(self, translator: Any, node: nodes.Element) -> None:
        """The reading, the source's reading beside it for the views that show it."""
        sic = escape(node["sic"])
        title = "" if node.get("apparatus") else f' title="source: {sic}"'  # without an apparatus, the only hint
        translator.body.append(
            f'<span class="edition-corr"{html_id(node)}{title}>'
            f'<span class="edition-sic-reading" lang="en">{sic}</span><span class="edition-reading">'
        )

    def depart_html(self, translator: Any, node: nodes.Element) -> None:
        """The sign, a link to the apparatus entry; inside a mention's link, it follows the link instead."""
        if not node.get("apparatus"):
            marker = '<span class="edition-marker" aria-hidden="true">°</span>'
        elif markup.is_in(node, nodes.reference):
            marker = ""  # a link cannot hold a link: the sign follows the mention (html_after_link)
        else:
            marker = _marker(node)
        translator.body.append(f"</span>{marker}</span>")

    def html_after_link(self, node: nodes.Element) -> str:
        """The sign of a correction inside a mention's link, written after the link."""
        return _marker(node) if node.get("apparatus") and markup.is_in(node, nodes.reference) else ""

    def visit_latex(self, translator: Any, node: nodes.Element) -> None:
        """The reading, with its apparatus entry at the foot of the page."""
        translator.body.append(r"\edtext{")

    def depart_latex(self, translator: Any, node: nodes.Element) -> None:
        """The entry: the source's reading and why it was corrected."""
        reason = translator.encode(curled(node.get("reason", ""), translator.config))
        note = translator.encode(node["sic"]) + rf" \textit{{source; corrected ({reason})}}"
        translator.body.append(latex_apparatus(translator, node.astext(), note))

    def tei(self, parent: ET.Element, node: nodes.Element, tei: TeiWriter) -> None:
        """``choice``: the source's ``sic`` and the editors' ``corr``, its reason a token in ``@type``."""
        choice = tei.element(parent, "choice")
        tei.element(choice, "sic", node["sic"])
        tei.children(tei.element(choice, "corr", type=token(node.get("reason", "")), resp="#editors"), node)


def _marker(node: nodes.Element) -> str:
    return html_apparatus_link(
        node, "°", f"corrected; the source reads {node['sic']}", "edition-marker edition-corr-marker"
    )
