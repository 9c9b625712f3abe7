"""Register pages: each annotation file becomes a page headed by its entity's data."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from ...core.register import Register, split_front_matter
from ...profile import active
from ..domain import edition_register, entity_docname
from .markup import entity_card, register_list
from .render import entity_card_nodes, register_list_nodes

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def entity_docname_parts(app: Sphinx, docname: str) -> tuple[str, str] | None:
    """(kind, id) if the docname is an entity page, else None."""
    parts = docname.split("/")
    if len(parts) == 3 and parts[0] == app.config.edition_register_dir:
        return parts[1], parts[2]
    return None


def prepare_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """Replace an entity page's front matter by its title and data block; add note lists."""
    text = source[0]
    if entity_docname_parts(app, docname):
        _, body, body_line, problem = split_front_matter(text)
        if problem:  # the register reports it; the page still needs a title
            text = f"# {docname.rsplit('/', 1)[1]}\n\n" + text.replace("---", "", 1)
        else:
            entity = edition_register(app.env).get(docname.rsplit("/", 1)[1])
            title = entity.name if entity else docname.rsplit("/", 1)[1]
            escaped = _MD_SPECIAL.sub(r"\\\1", title)
            if entity and active().is_title(entity.kind):
                escaped = f"*{escaped}*"  # a work's title, in italics
            header = [f"# {escaped}", "", f"```{{entity}} {docname.rsplit('/', 1)[1]}", "```"]
            header += [""] * max(0, body_line - 1 - len(header))  # keep the body's line numbers
            text = "\n".join(header) + "\n" + body
    if "{footcite}" in text and "{footbibliography}" not in text:
        text += "\n\n```{footbibliography}\n```\n"
    source[0] = text


class FillRegisterPlaceholders(SphinxTransform):
    """An entity page's data block (``{entity}``) and the lists of a kind's entities (``{register}``), filled."""

    default_priority = 609  # once the mentions are linked (608)

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read."""
        register = edition_register(self.env)
        for card in list(self.document.findall(entity_card)):
            entity = register.get(card["argument"])
            card.replace_self(entity_card_nodes(entity, register, self.env, self.document) if entity else [])
        for listing in list(self.document.findall(register_list)):
            listing.replace_self(register_list_nodes(listing["argument"], register, self.env))
        self._order_register_toctrees(register)

    def _order_register_toctrees(self, register: Register) -> None:
        """Put the entity pages of a glob toctree (``person/*``) in the register's order: a glob lists them by
        file name, and the toctree gives the HTML's previous and next, the PDF's and the EPUB's order."""
        globs = [t for t in self.document.findall(addnodes.toctree) if t.get("glob")]
        if not globs:
            return  # the register's order is looked up only where it is needed: most pages have no glob
        position = {entity_docname(self.env, e): i for i, e in enumerate(register)}
        for toctree in globs:
            toctree["entries"] = in_register_order(toctree["entries"], lambda entry: entry[1], position)
            toctree["includefiles"] = in_register_order(toctree["includefiles"], str, position)


def in_register_order(items: list[Any], page: Callable[[Any], str], position: dict[str, int]) -> list[Any]:
    """The items, those that are entity pages (``position``: their place in the register) sorted among
    themselves in the places they hold, the others where they are."""
    slots = [i for i, item in enumerate(items) if page(item) in position]
    ordered = sorted((items[i] for i in slots), key=lambda item: position[page(item)])
    out = list(items)
    for i, item in zip(slots, ordered, strict=True):
        out[i] = item
    return out
