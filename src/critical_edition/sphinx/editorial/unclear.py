"""``{unclear}``: text the editors made out with difficulty in the source (TEI ``unclear``, with ``@reason`` and
``@cert``). The reading is what the source shows, so the reconstructed witness keeps it as it is.

How it is shown follows the conventions of critical editions: on the screen, the letters are dotted beneath (the
Leiden convention's underdot) and followed by "(?)", the sign of a doubtful reading, which leads to the entry in
the apparatus (the sign, not the dots, carries the meaning for a screen reader); in print, the same "(?)" follows
the words and the apparatus at the foot of the page gives the reason ("Baikadamova] unclear in the source: …").
The diplomatic view shows the words plainly, as the witness has them.
"""

from __future__ import annotations

from html import escape
from typing import Any

from docutils import nodes

from ...core.editorial import ApparatusEntry, Option
from ...core.model import Intervention
from ...profile import Vocabulary
from .base import EditorialRole, Where
from .writing import TeiWriter, html_id, html_sign, latex_apparatus

CERTAINTY = Vocabulary("certainty")
UNCLEAR_REASONS = Vocabulary("unclear_reasons")
"""Why a reading is unclear (TEI ``unclear/@reason``)."""

SIGN = "(?)"
"""The sign of a doubtful reading, after its words."""


class unclear(nodes.inline):
    """Text made out with difficulty in the source (``reason``, and ``cert``: how certain the reading is)."""


class Unclear(EditorialRole):
    """``{unclear}`Baikadamova ; reason=faded ; cert=medium```: a reading made out with difficulty in the source."""

    name = "unclear"
    node = unclear
    options = (
        Option("reason", "reason", choices=UNCLEAR_REASONS, required=True),
        Option("cert", "certainty", choices=CERTAINTY),
    )
    takes_target = True
    legend = f"<b>{SIGN}</b> unclear in the source"
    tei_element = "unclear"

    def tei_declaration(self) -> str:
        """The unclear readings, as the TEI header declares them."""
        return (
            "A reading the editors made out with difficulty is unclear, with the reason in @reason "
            f"({UNCLEAR_REASONS.glossary()}) and, when they give it, their certainty in @cert."
        )

    def record(self, node: nodes.Element, where: Where) -> Intervention:
        """The reading, as the source shows it, with its reason and certainty."""
        return Intervention(
            self.name, where.docname, where.paragraph, node.astext(), node.astext(), node["reason"], node["cert"],
            anchor=where.anchor, line=node.line,
        )  # fmt: skip

    def apparatus_entry(self, iv: Intervention) -> ApparatusEntry:
        """Baikadamova ] Baikadamova — unclear in the source: faded print or image; certainty medium (the lemma is
        the words, without the sign (?))."""
        return ApparatusEntry(iv.reading, iv.source, _description(iv.reason, iv.cert))

    def visit_html(self, translator: Any, node: nodes.Element) -> None:
        """The words, dotted beneath; the reason in a title."""
        title = escape(_description(node["reason"], node["cert"]))
        translator.body.append(
            f'<span class="edition-unclear"{html_id(node)} data-reason="{escape(node["reason"])}" title="{title}">'
            '<span class="edition-unclear-reading">'
        )

    def depart_html(self, translator: Any, node: nodes.Element) -> None:
        """(?), a link to the apparatus entry."""
        marker = html_sign(node, SIGN, _description(node["reason"], node["cert"]))
        translator.body.append(f"</span>{marker}</span>")

    def visit_latex(self, translator: Any, node: nodes.Element) -> None:
        """The words, with their apparatus entry at the foot of the page."""
        translator.body.append(r"\edtext{")

    def depart_latex(self, translator: Any, node: nodes.Element) -> None:
        """The entry (unclear, why, how certain), and (?) in the text."""
        note = rf"\textit{{{translator.encode(_description(node['reason'], node['cert']))}}}"
        translator.body.append(latex_apparatus(translator, node.astext(), note) + rf"\,{SIGN}")

    def tei_attributes(self, node: nodes.Element, tei: TeiWriter) -> dict[str, str]:
        """Why it is unclear, how certain the reading is, and who says so."""
        return {"reason": node.get("reason", ""), "cert": node.get("cert", ""), "resp": "#editors"}


def _description(reason: str, cert: str) -> str:
    """What the editors say of an unclear reading: 'unclear in the source: …; certainty medium'."""
    return f"unclear in the source: {UNCLEAR_REASONS.get(reason, reason or 'no reason given')}" + (
        f"; certainty {cert}" if cert else ""
    )
