"""``{lang}``: a run of text in another language or script (TEI ``foreign``), for fonts, screen readers and search.

Not an intervention: the text is the source's, in the language the tag names. Its node, ``markup.lang``, is made
by names and titles in other scripts too (register pages, citations).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

from ...core.model import Problem
from ...core.vocabulary import canonical_language_tag, is_right_to_left
from .. import markup
from ..languages import lang_attributes, page_language
from ..report import warn
from .base import EditorialMarkup, EditorialRole
from .writing import TeiWriter


class Language(EditorialRole):
    """``{lang}`tag:text```: text in another language or script (a BCP 47 tag), for fonts, screen readers, search.

    For example ``{lang}`zh-Hans:冼星海``` or ``{lang}`kk-Arab:…```.
    """

    name = "lang"
    node = markup.lang
    intervention = False
    marks_witness = False
    tei_element = "foreign"

    def markup(self, role: EditorialMarkup) -> list[nodes.Node]:
        """``tag:text``: the tag first, in any case (it is written in the case RFC 5646 recommends)."""
        written, sep, text = role.text.partition(":")
        tag = canonical_language_tag(written)
        if not sep or not text or tag is None:
            warn(
                Problem(
                    "bad-markup",
                    f"{{lang}}`{role.text}` needs the form tag:text with a BCP 47 tag, e.g. {{lang}}`zh-Hans:冼星海`",
                ),
                role.get_location(),
            )
            return [nodes.Text(role.text)]
        node = self.node(lang=tag)
        node += nodes.Text(text.strip())
        return [node]

    def language(self, node: nodes.Element, around: str) -> str:
        """The language its tag names."""
        return str(node["lang"])

    def visit_html(self, translator: Any, node: nodes.Element) -> None:
        """``lang`` (and ``dir``), unless it is the page's own language (an English source's title)."""
        if node["lang"] != page_language(translator):
            translator.body.append(f"<span {lang_attributes(node['lang'])}>")

    def depart_html(self, translator: Any, node: nodes.Element) -> None:
        """Close the element."""
        if node["lang"] != page_language(translator):
            translator.body.append("</span>")

    def visit_latex(self, translator: Any, node: nodes.Element) -> None:
        """A right-to-left run in its own order and font."""
        if is_right_to_left(node["lang"]):
            translator.body.append(r"{\editionrtlfont\beginR ")

    def depart_latex(self, translator: Any, node: nodes.Element) -> None:
        """Close the run."""
        if is_right_to_left(node["lang"]):
            translator.body.append(r"\endR}")

    def tei_attributes(self, node: nodes.Element, tei: TeiWriter) -> dict[str, str]:
        """``xml:lang``."""
        return {"xml_lang": node["lang"]}
