"""The edited text as Sphinx reads it: its paragraphs numbered for citation, and its record in the domain.

The edition's reading transforms run in this order, each doing one job (priorities 601-609, after the guards on
raw markup, 600, before the reading view's links, 611, and the numbering of notes, 620): the paragraphs are
numbered (here), the interventions recorded (``apparatus/interventions``), the text compared with its witness
(``apparatus/diplomatic``), the apparatus filled (``apparatus/interventions``), the mentions recorded
(``register/mentions``), unclosed roles reported (``inputs``), first-mention notes added and mentions linked
(``register/mentions``), the register's placeholders filled (``register/pages``). What they record lives in the
domain, forgotten and merged per document.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from ..core.model import EditedText, Problem
from . import markup
from .domain import edition_data
from .editorial.omitted import omitted
from .report import project_path, report


def paragraph_label(paragraph: nodes.Element | None) -> str | None:
    """The label of a numbered paragraph of the edited text ("¶ 4"), None for any other paragraph."""
    first = paragraph.children[0] if paragraph is not None and paragraph.children else None
    return f"¶ {first['number']}" if isinstance(first, markup.para_number) else None


def paragraph_of(node: nodes.Node) -> tuple[str, str]:
    """The label and anchor of the numbered paragraph a node stands in ("¶ 4", "p-4"), or of the text's
    headline ("headline"); ("", "") elsewhere."""
    parent = markup.enclosing(node, nodes.paragraph, nodes.rubric)
    if isinstance(parent, nodes.rubric):
        in_text = parent["ids"] and markup.is_in(parent, markup.edited_text)
        return ("headline", parent["ids"][0]) if in_text else ("", "")
    label = paragraph_label(parent)
    return (label, parent["ids"][0]) if parent is not None and label else ("", "")


class NumberParagraphs(SphinxTransform):
    """Number the paragraphs of the edited text (anchors p-1, p-2…), record the text, report a second one and
    any ``{only}`` in it or around it (read before Sphinx drops it for some outputs, it would count for all of
    them; the text would be in some outputs only)."""

    default_priority = 601  # before MyST sorts footnotes (616) and docutils numbers them (620)

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read."""
        texts = list(self.document.findall(markup.edited_text))
        path = project_path(self.env.srcdir, self.env.doc2path(self.env.docname))
        for text in texts:
            self._number_paragraphs(text)
            self._report_only(text, path)
        if texts:
            first = texts[0]
            edition_data(self.env).articles[self.env.docname] = EditedText(
                self.env.docname,
                first["witness"],
                first["source"],
                path,
                first.line,
                first.get("captured", ""),
                first.get("capture_note", ""),
                first.get("summary", ""),
            )
        for extra in texts[1:]:
            report(
                Problem(
                    "bad-markup",
                    "a page holds one edited text, and this is its second {edited-text} block",
                    path,
                    extra.line,
                    "put each text on a page of its own (paragraph anchors p-1, p-2... must be unique)",
                ),
                self.env.srcdir,
            )

    def _report_only(self, text: nodes.Element, path: str) -> None:
        around = markup.enclosing(text, addnodes.only)
        if around is not None:
            report(
                Problem(
                    "bad-markup",
                    f"the edited text is inside an {{only}} block ({around['expr']}): it would be in some outputs "
                    "and missing from others",
                    path,
                    around.line,
                    "an edited text is in every output; take the {edited-text} block out of the {only} block",
                ),
                self.env.srcdir,
            )
        for only in text.findall(addnodes.only):
            report(
                Problem(
                    "bad-markup",
                    f"an {{only}} block ({only['expr']}) inside the edited text: the text would differ "
                    "from one output to another",
                    path,
                    only.line,
                    "an edited text is the same in every output; put output-specific words outside the "
                    "edited text, e.g. in an editors' note",
                ),
                self.env.srcdir,
            )

    def _number_paragraphs(self, text: nodes.Element) -> None:
        number = 0
        for para in text.findall(nodes.paragraph):
            if markup.is_in(para, nodes.footnote, omitted):
                continue
            number += 1
            anchor = f"p-{number}"
            para["ids"].insert(0, anchor)
            self.document.ids[anchor] = para
            para["classes"].append("edition-para")
            para.insert(0, markup.para_number(number=str(number), refid=anchor))
