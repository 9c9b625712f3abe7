"""An editorial role of this edition's own, made with critical_edition's public API alone: ``{deleted}``, words
the source prints struck through (an online article's silent correction), kept in the reading text (TEI ``del``)."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from critical_edition.sphinx.editorial import (
    ApparatusEntry,
    EditorialRole,
    Intervention,
    Option,
    TeiWriter,
    add_editorial_role,
    html_apparatus_link,
    html_id,
    latex_apparatus,
)

RENDERINGS = {"strikethrough": "struck through", "overstrike": "overwritten"}


class deleted(nodes.inline):
    """Words the source prints struck through (``rend``: how)."""


class Deleted(EditorialRole):
    """``{deleted}`will resign ; rend=strikethrough```: words the source prints struck through."""

    name = "deleted"
    node = deleted
    options = (Option("rend", "rendering", default="strikethrough", choices=RENDERINGS),)
    legend = "<b><del>abc</del></b> struck through in the source"
    tei_element = "del"

    def tei_declaration(self) -> str:
        return "Words the source prints struck through are del, with the rendering in @rend."

    def apparatus_entry(self, iv: Intervention) -> ApparatusEntry:
        return ApparatusEntry(iv.reading, iv.source, "struck through in the source")

    def visit_html(self, translator: Any, node: nodes.Element) -> None:
        translator.body.append(f'<del class="edition-deleted"{html_id(node)}>')

    def depart_html(self, translator: Any, node: nodes.Element) -> None:
        sign = html_apparatus_link(node, "†", "struck through in the source") if node.get("apparatus") else ""
        translator.body.append(f"</del>{sign}")

    def visit_latex(self, translator: Any, node: nodes.Element) -> None:
        translator.body.append(r"\edtext{")

    def depart_latex(self, translator: Any, node: nodes.Element) -> None:
        translator.body.append(latex_apparatus(translator, node.astext(), r"\textit{struck through in the source}"))

    def tei_attributes(self, node: nodes.Element, tei: TeiWriter) -> dict[str, str]:
        return {"rend": node["rend"]}


def setup(app: Any) -> dict[str, Any]:
    app.setup_extension("critical_edition")
    add_editorial_role(app, Deleted())
    return {"parallel_read_safe": True, "parallel_write_safe": True}
