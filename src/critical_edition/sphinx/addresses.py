"""Web addresses as typed, and in print broken only between their parts.

A web address shown as the text of its link (a bibliography's "URL: https://…", an autolink in a page) is
a string to copy, not prose: Sphinx's smart quotes must not curl it ("aldyi--59631" became "aldyi–59631"),
and print must break it only where a press breaks an address, after a "/", "." or "-" and never inside
its scheme ("ht- tps://" when TeX hyphenated it as a word).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from ..core.bibliography import is_web_address
from ..core.citation import address_parts, readable_url


def shows_its_address(node: nodes.Element) -> bool:
    """Whether a node is a link to a web address whose text is that address (or its readable form)."""
    if not isinstance(node, nodes.reference):
        return False
    url = node.get("refuri", "")
    return is_web_address(url) and node.astext() in (url, readable_url(url))


def keep_addresses_as_typed(element: nodes.Element) -> None:
    """Mark every address shown as its link's text in the element for smart quotes to leave as it is."""
    for node in [n for n in element.findall(nodes.reference) if shows_its_address(n)]:  # by class: fast
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
        for node in [n for n in self.document.findall(nodes.reference) if shows_its_address(n)]:
            node[:] = [nodes.raw("", breakable_address(node.astext(), self.config.latex_engine), format="latex")]


def setup(app: Sphinx) -> None:
    """Keep addresses as typed in every output, breakable between their parts in print."""
    app.add_transform(AddressesAsTyped)
    app.add_post_transform(AddressesBreakable)
