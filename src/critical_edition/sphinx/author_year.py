"""Sources cited by author and year, the same in the notes and in the bibliography's labels.

sphinxcontrib-bibtex's ``author_year`` style cites a source without author or editor by its whole
title, which in the notes of this edition can run to a line ("[New trilogy planned from Harmony Lessons
director Emir Baigazin], 2016"), and its bibliographies number their entries ([1]–[112]) whatever the
notes say. Two styles mend both:

- the reference style ``author_year_short_title`` (``bibtex_reference_style``): as ``author_year``, but
  a source without author or editor is cited by a short title: its ``shorttitle`` field, else its first
  four words ("[New trilogy planned from…], 2016");
- the bibliography style ``author_year_labels`` (``bibtex_default_style``): pybtex's ``plain`` (sorted by
  author, year, title), each entry labelled as the notes cite it ("Kamalova, 2015"), its address readable.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

import pybtex.plugin
from pybtex.database import Entry
from pybtex.richtext import Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, first_of, href, node, optional, tag, words
from sphinx.application import Sphinx
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import names

from ..core.bibliography import author_year_label, latex_to_text, short_title
from ..core.citation import readable_url

REFERENCE_STYLE = "author_year_short_title"
"""The reference style's name, for ``bibtex_reference_style`` in conf.py."""
BIBLIOGRAPHY_STYLE = "author_year_labels"
"""The bibliography style's name, for ``bibtex_default_style`` in conf.py."""


def entry_short_title(entry: Entry) -> str:
    """The title a source without author is cited by: its ``shorttitle``, else its first four words."""
    fields = entry.fields
    return latex_to_text(str(fields.get("shorttitle") or "")) or short_title(latex_to_text(str(fields["title"])))


@node
def _short_title(children: Any, data: dict[str, Any]) -> Text:
    return Text(entry_short_title(data["entry"]))


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

    person: PersonStyle = dataclass_field(default_factory=ShortTitlePersonStyle)


def citation_label(entry: Entry) -> str:
    """A source's label in the bibliography: what the notes cite it as (the names' family parts, as the
    reference style's ``last`` name style gives them)."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    family = [latex_to_text(" ".join([*p.prelast_names, *p.last_names])) for p in persons]
    return author_year_label(family, "" if family else entry_short_title(entry), str(entry.fields.get("year", "")))


def short_citation(entry: Entry) -> list[Any]:
    """A source as a shortened note cites it, as docutils nodes: "Kamalova, 2015." or, for a source without
    author, its short title in italics and its year."""
    from docutils import nodes

    if entry.persons.get("author") or entry.persons.get("editor"):
        return [nodes.Text(citation_label(entry) + ".")]
    title = entry_short_title(entry)
    return [nodes.emphasis(title, title), nodes.Text(citation_label(entry)[len(title) :] + ".")]


class AuthorYearLabels(BaseLabelStyle):  # type: ignore[misc]
    """pybtex labels as the notes cite the entries."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        """One label an entry, in the bibliography's order."""
        for entry in sorted_entries:
            yield citation_label(entry)


class AuthorYearBibliography(PlainStyle):  # type: ignore[misc]
    """pybtex's plain style (entries sorted by author, year and title) with author-year labels, and
    addresses printed readably (Cyrillic letters, not their percent-escapes; the link keeps the URL)."""

    default_label_style = BIBLIOGRAPHY_STYLE

    def format_url(self, e: Entry) -> Any:
        """``URL: <address>``, the address shown as an IRI."""
        url = field("url", raw=True)
        return words["URL:", href(url)[field("url", raw=True, apply_func=readable_url)]]


def setup(app: Sphinx) -> None:
    """Make both styles known: the reference style to sphinxcontrib-bibtex, the bibliography's to pybtex."""
    register_plugin("sphinxcontrib.bibtex.style.referencing", REFERENCE_STYLE, AuthorYearShortTitleStyle)
    pybtex.plugin.register_plugin("pybtex.style.labels", BIBLIOGRAPHY_STYLE, AuthorYearLabels)
    pybtex.plugin.register_plugin("pybtex.style.formatting", BIBLIOGRAPHY_STYLE, AuthorYearBibliography)
