"""The register's markup: the entity roles of the text, ``{entity}`` and ``{register}``, and the placeholders they
leave until the register is known (an entity page's data block, a kind's list, the links to an entity's mentions).

A mention itself (``markup.entity_ref``) is the text's: an editorial role with ``<id>`` makes one too.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ...core.kinds import ANY_KIND_ROLE
from ...core.syntax import entity_id
from ...profile import active
from ..markup import EditionRole, PlaceholderDirective, corr, entity_ref


class entity_card(nodes.General, nodes.Element):
    """Placeholder for the data block of an entity page, filled when the page is read."""


class mention_list(nodes.Inline, nodes.Element):
    """Placeholder for the links to every mention of an entity, filled at resolve time."""


class register_list(nodes.General, nodes.Element):
    """Placeholder for the list of entities of one kind, filled when the page is read."""


PLACEHOLDERS = (entity_card, mention_list, register_list)
"""The register's placeholders: no writer writes one, as each is filled before the page is written."""


class EntityRole(EditionRole):
    """``{person}`text <id>``` and its siblings; ``{ent}`` takes an entity of any kind."""

    def __init__(self, kind: str | None) -> None:
        self.kind = kind

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        parsed = self.parse()
        if parsed is None:
            return [nodes.Text(self.text)], []
        ref = entity_ref(entity_id=entity_id(parsed), role_kind=self.kind)
        self.place(ref)
        if parsed.source is not None:
            inner = corr(sic=parsed.source, reason="misspelt name")
            inner += nodes.Text(parsed.reading)
            self.place(inner)
            ref += inner
        else:
            ref += nodes.Text(parsed.reading)
        return [ref], []


def entity_roles() -> dict[str, EntityRole]:
    """The entity roles: one per kind of the edition's profile and the generic ``ent``."""
    roles = {name: EntityRole(kind) for name, kind in active().role_kinds.items()}
    roles[ANY_KIND_ROLE] = EntityRole(None)
    return roles


class EntityCardDirective(PlaceholderDirective):
    """The data block of an entity page (inserted automatically on register pages)."""

    node_class = entity_card
    required_arguments = 1
    optional_arguments = 0


class RegisterDirective(PlaceholderDirective):
    """``{register} person``: the list of all entities of one kind."""

    node_class = register_list
    required_arguments = 1
    optional_arguments = 0


DIRECTIVES: dict[str, type[SphinxDirective]] = {"entity": EntityCardDirective, "register": RegisterDirective}
"""The directives of the register, by name."""
