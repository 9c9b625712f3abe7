"""LaTeX output: visitors for the edition's nodes, and the indices of names."""

from __future__ import annotations

from typing import Any

from docutils import nodes

from ..core.kinds import KIND_TABLE
from ..core.register import filing_name, sort_key
from ..core.vocabulary import OMISSION_REASONS
from . import markup
from .domain import edition_register

INDICES: dict[str, str] = {k.name: k.index_title for k in KIND_TABLE if k.index_title}
"""The indices at the back of the book, one per kind of entity (events are not indexed)."""


def index_preamble() -> str:
    """LaTeX that declares one index per kind (imakeidx, makeindex run by the engine)."""
    lines = [r"\usepackage[noautomatic]{imakeidx}"]
    lines += [rf"\makeindex[name={kind},title={{{title}}},columns=2]" for kind, title in INDICES.items()]
    return "\n".join(lines)


def print_indices() -> str:
    """LaTeX that prints the indices at the end of the book."""
    return "\n".join(rf"\printindex[{kind}]" for kind in INDICES)


def _escape(self: Any, text: str) -> str:
    escaped: str = self.encode(text)
    for ch in '@!|"':
        escaped = escaped.replace(ch, '"' + ch)
    return escaped


def visit_entity_ref(self: Any, node: markup.entity_ref) -> None:
    pass


def depart_entity_ref(self: Any, node: markup.entity_ref) -> None:
    entity = edition_register(self.builder.env).get(node["entity_id"])
    if entity is None or entity.kind not in INDICES:
        return
    label = entity.name
    scripts = [n.text for n in entity.names if n.type == "native" and n.text != entity.name]
    if scripts:
        label += f" ({scripts[0]})"
    key = sort_key(filing_name(entity))
    self.body.append(rf"\index[{entity.kind}]{{{_escape(self, key)}@{_escape(self, label)}}}")


def visit_sic(self: Any, node: markup.sic) -> None:
    pass


def depart_sic(self: Any, node: markup.sic) -> None:
    self.body.append(r" [\textit{sic}]")


def visit_supplied(self: Any, node: markup.supplied) -> None:
    self.body.append("[")


def depart_supplied(self: Any, node: markup.supplied) -> None:
    self.body.append("]")


def visit_omitted(self: Any, node: markup.omitted) -> None:
    reason = OMISSION_REASONS.get(node["reason"], node["reason"])
    self.body.append("\n\\par{\\footnotesize\\textit{[omitted: " + self.encode(reason) + "]}}\\par\n")
    raise nodes.SkipNode


def visit_para_number(self: Any, node: markup.para_number) -> None:
    self.body.append(self.hypertarget(node["refid"], anchor=True))
    self.body.append(r"\marginpar{\footnotesize\sffamily " + self.encode(node["number"]) + "}")
    raise nodes.SkipNode


def noop(self: Any, node: nodes.Element) -> None:
    pass


VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    markup.entity_ref: (visit_entity_ref, depart_entity_ref),
    markup.corr: (noop, noop),
    markup.sic: (visit_sic, depart_sic),
    markup.supplied: (visit_supplied, depart_supplied),
    markup.omitted: (visit_omitted, None),
    markup.edited_text: (noop, noop),
    markup.para_number: (visit_para_number, None),
    markup.lang: (noop, noop),
}
