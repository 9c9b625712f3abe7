"""The roles of the text: one per kind of entity (the edition profile declares them), ``ent`` and the editorial ones.

The kinds themselves (their labels, date fields, schema.org types, TEI elements, indices) are data of the
edition profile (``critical_edition.profile``): ``profile.active().kinds``.
"""

from __future__ import annotations

from ..profile import active

ANY_KIND_ROLE = "ent"
"""The entity role that takes an entity of any kind."""


def entity_roles() -> tuple[str, ...]:
    """The entity roles of the text: one per kind of the active profile, then ``ent``."""
    return (*active().role_kinds, ANY_KIND_ROLE)
