"""HTML fragments from templates: the one place the Sphinx layer turns values into HTML bigger than one tag.

The templates (``templates/fragments/``) are Jinja2 with autoescaping on: every value is escaped as the standard
library's ``html.escape`` does (as the rest of the page is), unless it is already HTML, which its caller marks
as such with ``markupsafe.Markup``, once. A template is written one element a line for reading; its line breaks
and the indentation after them are dropped when it is read, so a fragment is one line of HTML, and a space
between two elements is written inside a line (``{{ " " }}`` at a line's start or end); ``{{ "\\n" }}`` writes a
line break the output keeps.
"""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from jinja2.ext import Extension
from markupsafe import Markup

from ..core.vocabulary import is_right_to_left

FRAGMENTS = Path(__file__).parent.parent / "templates" / "fragments"
"""The folder of the fragments' templates, in the package."""


class _OneLine(Extension):
    """Drop a template's line breaks and the indentation after them: they are its layout, not its output."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        return re.sub(r"\n[ \t]*", "", source)


def _escaped(value: Any) -> Markup:
    """A value as HTML: escaped by ``html.escape`` unless it is HTML already (``Markup``)."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(FRAGMENTS),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_escaped,
        extensions=[_OneLine],
        auto_reload=False,  # the package's templates do not change while it runs: no look at the file per fragment
    )
    environment.tests["right_to_left"] = is_right_to_left
    return environment


def render(template: str, **values: Any) -> str:
    """The fragment a template of ``templates/fragments/`` makes of these values.

    A plain string, not ``Markup``: joined to a plain string, ``Markup`` would escape it. A fragment put into
    another is marked as HTML where it is handed over."""
    return _environment().get_template(template).render(**values)
