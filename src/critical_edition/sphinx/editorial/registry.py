"""The editorial roles the extension ships, one entry each: ``setup()`` registers them in this order (the order of
the reference page, the legend of signs above a text and the TEI header's declarations)."""

from __future__ import annotations

from .base import EditorialRole
from .corr import Correction
from .lang import Language
from .omitted import Omission
from .sic import Sic
from .supplied import Supplied
from .unclear import Unclear

EDITORIAL_ROLES: tuple[EditorialRole, ...] = (
    Correction(),
    Sic(),
    Supplied(),
    Language(),
    Unclear(),
    Omission(),
)
