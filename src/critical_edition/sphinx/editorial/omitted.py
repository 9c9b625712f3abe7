"""``{omitted}``: a passage of the source left out of the reading text, kept verbatim with the reason (TEI
``surplus``): a directive, for the page furniture between paragraphs."""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as ET
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import Markup
from sphinx.util.docutils import SphinxDirective

from ...core.editorial import ApparatusEntry
from ...core.model import Intervention, Problem
from ...core.syntax import apparatus_reading, token
from ...core.vocabulary import canonical_language_tag, language_runs, mixes_scripts
from ...profile import Vocabulary
from .. import fragments
from ..languages import page_language, runs_in_language
from ..markup import source_lines
from ..report import warn
from .base import EditorialRole, Where
from .writing import TeiWriter, html_apparatus_link

OMISSION_REASONS = Vocabulary("omission_reasons")
"""Why text may be left out of the reading text (TEI ``gap/@reason``), as the edition's profile says."""


class omitted(nodes.General, nodes.Element):
    """A passage of the source left out of the reading text (``reason``, ``text``, ``lang``: the language of the
    passage, or of its runs in another script than Latin, '' for the edition's)."""


class OmittedDirective(SphinxDirective):
    """A passage of the source left out of the reading text; the content is the passage, verbatim.

    ``:lang:`` (a BCP 47 tag) gives the passage's language; in a passage that mixes scripts (a web page's
    Russian buttons among English links), the language of its runs in the script other than Latin.
    """

    required_arguments = 1
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"lang": directives.unchanged_required}

    def _closed(self) -> bool:
        """Whether the block ends with its own closing fence (MyST would close it at the enclosing one)."""
        lines = source_lines(self.env)
        if not lines or self.lineno > len(lines):
            return True
        opening = _fence(lines[self.lineno - 1])
        # MyST counts content_offset from the directive's line: the option lines (":lang: ru") come first
        after = self.lineno + self.content_offset + len(self.content)  # 0-based index of the line after it
        closing = lines[after].strip() if after < len(lines) else ""
        return not opening or (closing.startswith(opening) and set(closing) == {opening[0]})

    def run(self) -> list[nodes.Node]:
        reason = self.arguments[0]
        if reason not in OMISSION_REASONS:
            close = difflib.get_close_matches(reason, list(OMISSION_REASONS), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(OMISSION_REASONS)}"
            warn(
                Problem("bad-markup", f"unknown reason for an omission '{reason}'", hint=hint),
                self.get_location(),
            )
        text = "\n".join(self.content)
        if not self._closed():
            warn(
                Problem(
                    "bad-markup", "the {omitted} block is not closed: it runs on to the end of the enclosing block"
                ),
                self.get_location(),
            )
        if not text.strip():
            warn(
                Problem("bad-markup", "an {omitted} block must contain the omitted text, verbatim"),
                self.get_location(),
            )
        written = self.options.get("lang", "").strip()
        tag = canonical_language_tag(written) if written else ""
        if tag is None:
            warn(
                Problem("bad-markup", f"':lang: {written}' of an {{omitted}} block is not a BCP 47 tag",
                        hint="give a tag such as ru, kk, kk-Arab or zh-Hans"),
                self.get_location(),
            )  # fmt: skip
            tag = ""
        node = omitted(reason=reason, text=text, lang=tag)
        self.set_source_info(node)
        return [node]


def _fence(line: str) -> str:
    """The fence that opens or closes a MyST block on this line, or ''."""
    found = re.match(r"\s*(`{3,}|~{3,}|:{3,})", line)
    return found.group(1) if found else ""


def run_of_omissions(node: omitted) -> list[omitted]:
    """The omitted passages that follow each other from this one on, with nothing between them."""
    siblings = node.parent.children
    run = [node]
    for sibling in siblings[siblings.index(node) + 1 :]:
        if not isinstance(sibling, omitted):
            break
        run.append(sibling)
    return run


class Omission(EditorialRole):
    """A passage of the source left out of the reading text, kept verbatim with the reason."""

    name = "omitted"
    node = omitted
    directive = OmittedDirective
    legend = "<b>[…]</b> part of the web page left out"

    def tei_declaration(self) -> str:
        """The omissions and their reasons, as the TEI header declares them."""
        return (
            "Passages of the source left out of the reading text are kept verbatim in surplus, "
            f"with the reason in @reason ({OMISSION_REASONS.glossary()})."
        )

    def source(self, node: nodes.Element) -> str | None:
        """The passage, as the source prints it."""
        return str(node["text"])

    def reading(self, node: nodes.Element) -> str:
        """Nothing: the reading text leaves it out."""
        return ""

    def record(self, node: nodes.Element, where: Where) -> Intervention:
        """The passage, placed after the paragraph before it, with its reason and language."""
        return Intervention(
            self.name, where.docname, where.after, "", node["text"], node["reason"], line=node.line,
            lang=node.get("lang", ""),
        )  # fmt: skip

    def apparatus_entry(self, iv: Intervention) -> ApparatusEntry:
        """[…] “Share this” — left out: web-page furniture (…); a long passage by its ends and a count. The sign […]
        stands for words the text lacks: no ']' follows it."""
        reading = apparatus_reading(iv.source)
        done = f"left out: {OMISSION_REASONS.get(iv.reason, iv.reason)}"
        return ApparatusEntry("[…]", f"“{reading.shown}”", done, note=reading.note, lemma_is_sign=True)

    def visit_html(self, translator: Any, node: nodes.Element) -> None:
        """One sign for a run of omitted passages in the reading view; every passage kept for the diplomatic view.

        The block's id pairs it with its witness block (side by side); the intervention's id is its sign's.
        """
        ids = node.get("ids", [])
        marker: str = ""
        if "run_of" not in node:
            run = run_of_omissions(node)  # type: ignore[arg-type]
            reasons = "; ".join(dict.fromkeys(OMISSION_REASONS.get(n["reason"], n["reason"]) for n in run))
            if node.get("apparatus"):
                entries = " ".join(n["apparatus"] for n in run if n.get("apparatus"))
                label = f"left out here: {reasons}"
                marker = Markup(html_apparatus_link(node, "[…]", label, "edition-omission", preview=entries))
            else:
                marker = f"[omitted: {reasons}]"
        translator.body.append(fragments.render(
            "omitted-passage.html",
            block=next((i for i in ids if not i.startswith("iv-")), ""),
            iv=next((i for i in ids if i.startswith("iv-")), ""),
            reason=node["reason"],
            marker=marker,
            runs=runs_in_language(node["text"], node.get("lang", ""), page_language(translator)),
        ))  # fmt: skip
        raise nodes.SkipNode

    def visit_latex(self, translator: Any, node: nodes.Element) -> None:
        """Nothing here: the print layout (``latex.PrintLayout``) moves a run of passages into the apparatus."""
        raise nodes.SkipNode

    def tei(self, parent: ET.Element, node: nodes.Element, tei: TeiWriter) -> None:
        """The passage in ``surplus`` with its reason, line by line, where it stands (in a note, between its
        paragraphs); its runs in another language (``:lang:``) in ``foreign``."""
        surplus = tei.element(parent, "surplus", reason=token(node["reason"]), resp="#editors")
        mixed = mixes_scripts(node["text"])
        for number, line in enumerate(node["text"].split("\n")):
            if number:
                tei.element(surplus, "lb")
            for run, language in language_runs(tei.clean(line), node.get("lang", ""), mixed):
                if language:
                    tei.element(surplus, "foreign", run, xml_lang=language)
                else:
                    tei.text(surplus, run)

    def tei_block(self, node: nodes.Element, tei: TeiWriter) -> ET.Element:
        """Between paragraphs, its ``surplus`` in an ``ab type="omitted"``."""
        block = ET.Element("ab", {"type": "omitted"})
        self.tei(block, node, tei)
        return block
