"""Editorial roles: the edition's markup of what the editors did to the source's text, one module per role.

The public API for another edition's own role: subclass ``EditorialRole``, give it a node, its writers and its
apparatus entry, and register it with ``add_editorial_role(app, role)`` in the ``setup()`` of a local extension
(``CONTRIBUTING.md``, "Adding an editorial role"). The roles the extension ships are listed in ``registry.py``.
"""

from ...core.editorial import ApparatusEntry, Option
from ...core.model import Intervention
from .base import (
    EditorialMarkup,
    EditorialRole,
    Reading,
    Where,
    add_editorial_role,
    editorial_role,
    editorial_role_named,
    editorial_roles,
    is_intervention,
    source_readings,
)
from .writing import TeiWriter, html_apparatus_link, html_id, html_sign, latex_apparatus

__all__ = [
    "ApparatusEntry",
    "EditorialMarkup",
    "EditorialRole",
    "Intervention",
    "Option",
    "Reading",
    "TeiWriter",
    "Where",
    "add_editorial_role",
    "editorial_role",
    "editorial_role_named",
    "editorial_roles",
    "html_apparatus_link",
    "html_id",
    "html_sign",
    "is_intervention",
    "latex_apparatus",
    "source_readings",
]
