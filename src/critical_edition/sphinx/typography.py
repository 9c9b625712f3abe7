"""How the edition's words are set: prose with smart quotes wherever it was made, web addresses as typed and
broken only between their parts in print.

Sphinx curls quotation marks and apostrophes ("smart quotes") once, as it reads a page. Words the edition
makes later, when a page is resolved or written (the bibliography's entries and labels, the citations in
the notes, the shortened notes of the print, the hover cards, the print apparatus's explanations), escaped
it: "Kazakhstan's" beside "Baigazin’s". ``curled`` is the one rule for a string, ``CurlLateText`` for such
nodes; what Sphinx leaves straight on purpose (a reading of the source, code, an address) stays straight.

A web address shown as the text of its link (a bibliography's "URL: https://…", an autolink in a page) is
a string to copy, not prose: Sphinx's smart quotes must not curl it ("aldyi--59631" became "aldyi–59631"),
and print must break it only where a press breaks an address, after a "/", "." or "-" and never inside
its scheme ("ht- tps://" when TeX hyphenated it as a word).
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from docutils.utils import smartquotes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.nodes import is_smartquotable
from sphinx.util.texescape import escape

from ..core.bibliography import is_web_address
from ..core.citation import address_parts, readable_url


def _action(config: Config) -> str:
    """What smart quotes do, as the configuration says (``smartquotes``, ``smartquotes_action``); '0' for nothing."""
    return config.smartquotes_action if config.smartquotes else "0"


def _language(config: Config) -> str:
    return (config.language or "en").replace("_", "-")


def curled(text: str, config: Config) -> str:
    """A string of the edition's prose as Sphinx sets its pages' text: quotation marks and apostrophes curled,
    "--" an en dash, "..." an ellipsis (``smartquotes_action``)."""
    return "".join(smartquotes.educate_tokens([("plain", text)], attr=_action(config), language=_language(config)))


def curl_text(element: nodes.Element, config: Config) -> None:
    """Curl the text of an element as Sphinx's smart quotes curl a page at reading, one block of text at a
    time, leaving what they leave (a node marked ``support_smartquotes = False``, code, raw output)."""
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
        keep_addresses_as_typed(self.document)  # the bibliography's addresses are made late too
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


def shows_its_address(node: nodes.Element) -> bool:
    """Whether a node is a link to a web address whose text is that address (or its readable form)."""
    if not isinstance(node, nodes.reference):
        return False
    url = node.get("refuri", "")
    return is_web_address(url) and node.astext() in (url, readable_url(url))


def keep_addresses_as_typed(document: nodes.document) -> None:
    """Mark every address shown as its link's text for smart quotes to leave as it is."""
    for node in document.findall(shows_its_address):
        node["support_smartquotes"] = False


class AddressesAsTyped(SphinxTransform):
    """Keep smart quotes out of every address shown as its link's text (they run at priority 750)."""

    default_priority = 740

    def apply(self, **kwargs: Any) -> None:
        keep_addresses_as_typed(self.document)


def breakable_address(text: str, engine: str = "xelatex") -> str:
    """An address as LaTeX that breaks only between its parts (``citation.address_parts``), each part kept
    whole in a box, so that TeX neither hyphenates it nor breaks it elsewhere."""
    return r"\allowbreak{}".join(rf"\mbox{{{escape(part, engine)}}}" for part in address_parts(text))


def address_link(url: str, engine: str = "xelatex") -> str:
    """A link in LaTeX whose text is its address, set as ``breakable_address`` (the URL encoded as Sphinx's LaTeX
    writer encodes an ``\\href``'s)."""
    encoded = escape(url, engine)
    for sign, char in ((r"\textasciitilde{}", "~"), (r"\sphinxhyphen{}", "-"), (r"\textquotesingle{}", "'")):
        encoded = encoded.replace(sign, char)
    return rf"\sphinxhref{{{encoded}}}{{{breakable_address(readable_url(url), engine)}}}"


class AddressesBreakable(SphinxPostTransform):
    """In print, set each address shown as its link's text as ``breakable_address`` sets it; the link (Sphinx's
    ``\\sphinxhref``) keeps the URL."""

    default_priority = 800
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(shows_its_address)):
            node[:] = [nodes.raw("", breakable_address(node.astext(), self.config.latex_engine), format="latex")]


def setup(app: Sphinx) -> None:
    """Curl the words made late; keep addresses as typed in every output, breakable between their parts in print."""
    app.add_transform(AddressesAsTyped)
    app.add_post_transform(CurlLateText)
    app.add_post_transform(CurlPrintNotes)
    app.add_post_transform(AddressesBreakable)
