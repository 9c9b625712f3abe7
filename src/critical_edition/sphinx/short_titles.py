"""Citations in the text by author and year, or, for a source without author or editor, by a short title.

sphinxcontrib-bibtex's ``author_year`` style cites such a source by its whole title, which in the notes
of this edition can run to a line ("[New trilogy planned from Harmony Lessons director Emir Baigazin],
2016"). This style, ``author_year_short_title``, is the same but for that fallback: the title before any
colon, at most four words ("[New trilogy planned from…], 2016"), or the entry's ``shorttitle`` field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pybtex.richtext import Text
from pybtex.style.template import first_of, node, optional, tag
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import names

from ..core.bibliography import latex_to_text, short_title

STYLE = "author_year_short_title"
"""The name of the reference style, for ``bibtex_reference_style`` in conf.py."""


@node
def _short_title(children: Any, data: dict[str, Any]) -> Text:
    fields = data["entry"].fields
    title = latex_to_text(str(fields.get("shorttitle") or "")) or short_title(latex_to_text(str(fields["title"])))
    return Text(title)


@node
def _author_or_editor_or_short_title(children: Any, data: dict[str, Any], **kwargs: Any) -> Any:
    return first_of[
        optional[names("author", **kwargs)],
        optional[names("editor", **kwargs)],
        tag("em")[_short_title],
    ].format_data(data)


@dataclass
class ShortTitlePersonStyle(PersonStyle):
    """Names as sphinxcontrib-bibtex gives them; without any, a short title instead of the whole one."""

    def author_or_editor_or_title(self, full: bool) -> Any:
        """The author, else the editor, else the short title."""
        return _author_or_editor_or_short_title(
            sep=self.sep, sep2=self.sep2, last_sep=self.last_sep, other=None if full else self.other
        )


@dataclass
class AuthorYearShortTitleStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author-year citations, with short titles for sources without author."""

    person: PersonStyle = field(default_factory=ShortTitlePersonStyle)


def setup(app: Sphinx) -> None:
    """Make the reference style known to sphinxcontrib-bibtex (``bibtex_reference_style`` names it)."""
    register_plugin("sphinxcontrib.bibtex.style.referencing", STYLE, AuthorYearShortTitleStyle)
