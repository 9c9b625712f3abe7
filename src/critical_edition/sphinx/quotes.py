"""Smart quotes for the words the edition makes after Sphinx has read a page.

Sphinx curls quotation marks and apostrophes ("smart quotes") once, as it reads a page. Words the edition
makes later, when a page is resolved or written (the bibliography's entries and labels, the citations in
the notes, the shortened notes of the print, the hover cards, the print apparatus's explanations), escaped
it: "Kazakhstan's" beside "Baigazin’s". ``curled`` is the one rule for a string, ``curl_text`` for nodes;
what Sphinx leaves straight on purpose (a reading of the source, code, an address) stays straight.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from docutils import nodes
from docutils.utils import smartquotes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import is_smartquotable

from .addresses import keep_addresses_as_typed


def _action(config: Config) -> str:
    """What smart quotes do, as the configuration says (``smartquotes``, ``smartquotes_action``); '0' for nothing."""
    return config.smartquotes_action if config.smartquotes else "0"


def _language(config: Config) -> str:
    return (config.language or "en").replace("_", "-")


def curled(text: str, config: Config) -> str:
    """A string of the edition's prose as Sphinx sets its pages' text: quotation marks and apostrophes curled,
    "--" an en dash, "..." an ellipsis (``smartquotes_action``)."""
    return _curled(text, _action(config), _language(config))


@functools.lru_cache(maxsize=16384)
def _curled(text: str, action: str, language: str) -> str:
    """``curled``, once per string: an entity's name and gloss are curled again on every page that mentions it."""
    return "".join(smartquotes.educate_tokens([("plain", text)], attr=action, language=language))


def curl_text(element: nodes.Element, config: Config) -> None:
    """Curl the text of an element as Sphinx's smart quotes curl a page at reading, one block of text at a
    time, leaving what they leave (a node marked ``support_smartquotes = False``, code, raw output, an address
    shown as its link's text)."""
    keep_addresses_as_typed(element)
    if isinstance(element, nodes.TextElement):
        blocks = [element]
    else:
        blocks = [n for n in element.findall(nodes.TextElement) if not isinstance(n.parent, nodes.TextElement)]
    for block in blocks:
        texts = list(block.findall(nodes.Text))
        tokens = [
            ("plain", re.sub(r"(?<=\x00)([-\\'\".`])", r"\\\1", str(t))) if is_smartquotable(t) else ("literal", str(t))
            for t in texts
        ]
        taught = smartquotes.educate_tokens(tokens, attr=_action(config), language=_language(config))
        for text, new in zip(texts, taught, strict=True):
            if new != str(text):
                text.parent.replace(text, nodes.Text(new))


def made_late(node: nodes.Node) -> bool:
    """Whether a node holds words made after Sphinx's smart quotes ran: a bibliography's entry, a citation."""
    return isinstance(node, nodes.citation) or (isinstance(node, nodes.inline) and "bibtex-citation" in node["classes"])


class CurlLateText(SphinxPostTransform):
    """Curl the words made after reading (``made_late``), once every citation is resolved."""

    default_priority = 790

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(made_late)):
            for label in node.findall(nodes.label):  # sphinxcontrib-bibtex keeps labels as typed: ours are words
                label["support_smartquotes"] = True
            curl_text(node, self.config)


class CurlPrintNotes(SphinxPostTransform):
    """In print, curl the notes too: the print layout (priority 700) shortens a note that only cites a source."""

    default_priority = 790
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for footnote in list(self.document.findall(nodes.footnote)):
            curl_text(footnote, self.config)


def setup(app: Sphinx) -> None:
    """Curl the words made after reading, in every output; in print, the notes too."""
    app.add_post_transform(CurlLateText)
    app.add_post_transform(CurlPrintNotes)
