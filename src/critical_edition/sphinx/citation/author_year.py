"""Sources cited by author and year, the same in the notes and in the bibliography's labels.

sphinxcontrib-bibtex's ``author_year`` style cites a source without author or editor by its whole
title, which in the notes of this edition can run to a line ("[New trilogy planned from Harmony Lessons
director Emir Baigazin], 2016"), and its bibliographies number their entries ([1]–[112]) whatever the
notes say. Two styles mend both:

- the reference style ``author_year_short_title`` (``bibtex_reference_style``): as ``author_year``, but
  a source without author or editor is cited by a short title: its ``shorttitle`` field, else its first
  four words, cut as ``bibliography.short_title`` cuts them ("Berlinale Panorama zeigt…, 2016"); a title
  the editors supplied, in square brackets in the bibliography, is cited without them and in roman
  ("New trilogy planned…, 2016"); several sources in one citation are separated by semicolons;
- the bibliography style ``author_year_labels`` (``bibtex_default_style``): pybtex's ``plain``, each entry
  labelled as the notes cite it ("Kamalova, 2015"), sorted by those labels as one alphabet, its address
  readable.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

import pybtex.plugin
import pybtex_docutils
from docutils import nodes
from pybtex.database import Entry
from pybtex.richtext import BaseMultipartText, Tag, Text
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.sorting import BaseSortingStyle
from pybtex.style.template import field, first_of, href, node, optional, sentence, words
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.plugin import register_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.template import names

from ...core.bibliography import (
    author_year_label,
    cited_as,
    filing_order,
    is_supplied_title,
    latex_to_text,
    month_number,
    short_title,
    with_full_stop,
)
from ...core.citation import readable_url
from ...core.vocabulary import language_tag
from ..markup import in_language, language_nodes

REFERENCE_STYLE = "author_year_short_title"
"""The reference style's name, for ``bibtex_reference_style`` in conf.py."""
BIBLIOGRAPHY_STYLE = "author_year_labels"
"""The bibliography style's name, for ``bibtex_default_style`` in conf.py."""


def entry_short_title(entry: Entry) -> str:
    """The title a source without author is cited by: its ``shorttitle``, else its first four words; an
    editors' description without its square brackets."""
    fields = entry.fields
    title = latex_to_text(str(fields.get("title", "")))  # a title is required: its absence is reported, not fatal
    given = latex_to_text(str(fields.get("shorttitle") or ""))
    return short_title(given, words=len(given.split())) if given else short_title(title)


def cites_supplied_title(entry: Entry) -> bool:
    """Whether a source is cited by a title the editors supplied (in square brackets): printed in roman, as a
    description, not in italics as a title."""
    title = str(entry.fields.get("shorttitle") or entry.fields.get("title", ""))
    return is_supplied_title(latex_to_text(title))


def entry_language(entry: Entry) -> str:
    """The BCP 47 tag of an entry's language (its ``language`` field), '' if it gives none or a bad one (which
    the checks report)."""
    return language_tag(str(entry.fields.get("language", ""))) or ""


class LanguageText(BaseMultipartText):  # type: ignore[misc]
    """Rich text in a language (``info``: its BCP 47 tag, and whether only the runs in a script other than
    Latin are in it, as ``markup.in_language`` takes them): in docutils output its runs are ``markup.lang``
    nodes, so HTML and EPUB tag them (screen readers, fonts, hyphenation); other outputs show it plainly."""

    def __init__(self, language: str, mixed: bool | None, *parts: Any) -> None:
        self.info = (language, mixed)
        super().__init__(*parts)

    def render(self, backend: Any) -> Any:
        """The text rendered; in docutils, its runs in the language wrapped."""
        rendered = super().render(backend)
        if isinstance(backend, pybtex_docutils.Backend):
            return in_language(rendered, *self.info)
        return rendered


def _in_language(entry: Entry, text: Any, mixed: bool | None = None) -> Any:
    language = entry_language(entry)
    return LanguageText(language, mixed, text) if language else text


@node
def _in_entry_language(children: Any, data: dict[str, Any]) -> Any:
    return _in_language(data["entry"], Text(*[child.format_data(data) for child in children]))


@node
def _short_title(children: Any, data: dict[str, Any]) -> Any:
    entry = data["entry"]
    title = _in_language(entry, Text(entry_short_title(entry)))
    return title if cites_supplied_title(entry) else Tag("em", title)


@node
def _author_or_editor_or_short_title(children: Any, data: dict[str, Any], **kwargs: Any) -> Any:
    return first_of[
        optional[names("author", **kwargs)],
        optional[names("editor", **kwargs)],
        _short_title,
    ].format_data(data)


@dataclass
class ShortTitlePersonStyle(PersonStyle):
    """Names as sphinxcontrib-bibtex gives them; without any, a short title instead of the whole one."""

    def author_or_editor_or_title(self, full: bool) -> Any:
        """The author, else the editor, else the short title."""
        return _author_or_editor_or_short_title(
            sep=self.sep, sep2=self.sep2, last_sep=self.last_sep, other=None if full else self.other
        )


CITATION_SEPARATOR = "; "
"""Between two sources of one citation: a label holds a comma ("Kamalova, 2015; Heidsiek, 2017")."""


def _brackets() -> BracketStyle:
    return BracketStyle(sep=CITATION_SEPARATOR)


@dataclass
class AuthorYearShortTitleStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author-year citations, with short titles for sources without author, and
    sources separated by semicolons."""

    bracket_textual: BracketStyle = dataclass_field(default_factory=_brackets)
    bracket_parenthetical: BracketStyle = dataclass_field(default_factory=_brackets)
    bracket_author: BracketStyle = dataclass_field(default_factory=_brackets)
    bracket_label: BracketStyle = dataclass_field(default_factory=_brackets)
    bracket_year: BracketStyle = dataclass_field(default_factory=_brackets)
    person: PersonStyle = dataclass_field(default_factory=ShortTitlePersonStyle)


def _family_names(entry: Entry) -> list[str]:
    """The family parts of the entry's authors' (else editors') names, as the ``last`` name style gives them."""
    persons = entry.persons.get("author") or entry.persons.get("editor") or []
    return [latex_to_text(" ".join([*p.prelast_names, *p.last_names])) for p in persons]


def citation_label(entry: Entry) -> str:
    """A source's label in the bibliography: what the notes cite it as."""
    family = _family_names(entry)
    return author_year_label(family, "" if family else entry_short_title(entry), str(entry.fields.get("year", "")))


def filing_key(entry: Entry) -> tuple[str, str, str]:
    """Where a source stands in the bibliography's one alphabet (``bibliography.filing_order``): its label's
    names or title, then its year (undated first), then its whole title."""
    family = _family_names(entry)
    who = cited_as(family, "" if family else entry_short_title(entry))
    title = latex_to_text(str(entry.fields.get("title", "")))
    return filing_order(who), str(entry.fields.get("year", "")), filing_order(title)


class OneAlphabet(BaseSortingStyle):  # type: ignore[misc]
    """The bibliography sorted as one alphabet by the labels the notes cite (pybtex's own sorting puts the
    sources without author first, apart, by title)."""

    def sorting_key(self, entry: Entry) -> tuple[str, str, str]:
        """The entry's filing key."""
        return filing_key(entry)


def short_citation(entry: Entry) -> list[Any]:
    """A source as a shortened note cites it, as docutils nodes: "Kamalova, 2015." or, for a source without
    author, its short title in italics and its year."""
    if entry.persons.get("author") or entry.persons.get("editor"):
        return [nodes.Text(with_full_stop(citation_label(entry)))]
    title = entry_short_title(entry)
    shown = nodes.Text(title) if cites_supplied_title(entry) else nodes.emphasis(title, title)
    return [shown, nodes.Text(with_full_stop(citation_label(entry))[len(title) :])]


class AuthorYearLabels(BaseLabelStyle):  # type: ignore[misc]
    """pybtex labels as the notes cite the entries."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        """One label an entry, in the bibliography's order."""
        for entry in sorted_entries:
            yield citation_label(entry)


_FORMATTED: dict[tuple[Any, ...], Any] = {}
"""Formatted entries by style, label and the entry's whole content (rich text, never changed once made)."""


class AuthorYearBibliography(PlainStyle):  # type: ignore[misc]
    """pybtex's plain style with author-year labels, sorted as one alphabet by them, and
    addresses printed readably (Cyrillic letters, not their percent-escapes; the link keeps the URL)."""

    default_label_style = BIBLIOGRAPHY_STYLE
    default_sorting_style = BIBLIOGRAPHY_STYLE

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> Any:
        """The entry formatted, its month written out ("July 2008", not BibTeX's "jul 2008"), its title in
        its language (the ``language`` field) and its other words in another script too.

        sphinxcontrib-bibtex formats an entry again for every note that cites it (with a style made anew,
        always without options); the same entry and label give the same rich text, so it is formatted once.
        """
        key = (type(self), label, entry.key, entry.type, tuple(entry.fields.items()), str(entry.persons))
        if key not in _FORMATTED:
            _FORMATTED[key] = self._format_entry(label, entry, bib_data)
        return _FORMATTED[key]

    def _format_entry(self, label: str, entry: Entry, bib_data: Any) -> Any:
        number = month_number(str(entry.fields.get("month", "")))
        if number:
            fields = dict(entry.fields, month=calendar.month_name[number])
            named = Entry(entry.type, fields=fields, persons=entry.persons)
            named.key = entry.key
            entry = named
        formatted = super().format_entry(label, entry, bib_data)
        # words in another script elsewhere (a Chinese series named in an English note) are in the entry's language
        formatted.text = _in_language(entry, formatted.text, mixed=True)
        return formatted

    def format_title(self, e: Entry, which_field: str, as_sentence: bool = True) -> Any:
        """The title, tagged with the entry's language."""
        title = _in_entry_language[super().format_title(e, which_field, as_sentence=False)]
        return sentence[title] if as_sentence else title

    def format_btitle(self, e: Entry, which_field: str, as_sentence: bool = True) -> Any:
        """A book's title, in italics, tagged with the entry's language."""
        title = _in_entry_language[super().format_btitle(e, which_field, as_sentence=False)]
        return sentence[title] if as_sentence else title

    def format_url(self, e: Entry) -> Any:
        """``URL: <address>``, the address shown as an IRI."""
        url = field("url", raw=True)
        return words["URL:", href(url)[field("url", raw=True, apply_func=readable_url)]]


class LabelsInLanguage(SphinxPostTransform):
    """A bibliography label that is a short title ("Рисковый Эмир, 2008") in the entry's language: the
    label is a plain string to pybtex, so its title is tagged here, once sphinxcontrib-bibtex has made the
    citation nodes (its transform runs at priority 5)."""

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        domain = self.env.get_domain("cite")
        citations = {c.citation_id: c for c in getattr(domain, "citations", [])}
        for citation in self.document.findall(nodes.citation):
            found = next((citations[i] for i in citation["ids"] if i in citations), None)
            label = next(iter(citation.findall(nodes.label)), None)
            if found is None or label is None or not isinstance(label.children[0], nodes.Text):
                continue
            entry, text = found.entry, label.astext()
            title, language = entry_short_title(entry), entry_language(entry)
            if language and not (entry.persons.get("author") or entry.persons.get("editor")) and text.startswith(title):
                label.children = []
                label.extend([*language_nodes(title, language), nodes.Text(text[len(title) :])])


def setup(app: Sphinx) -> None:
    """Make both styles known: the reference style to sphinxcontrib-bibtex, the bibliography's to pybtex;
    tag the languages of the bibliography's labels."""
    app.add_post_transform(LabelsInLanguage)
    register_plugin("sphinxcontrib.bibtex.style.referencing", REFERENCE_STYLE, AuthorYearShortTitleStyle)
    pybtex.plugin.register_plugin("pybtex.style.labels", BIBLIOGRAPHY_STYLE, AuthorYearLabels)
    pybtex.plugin.register_plugin("pybtex.style.sorting", BIBLIOGRAPHY_STYLE, OneAlphabet)
    pybtex.plugin.register_plugin("pybtex.style.formatting", BIBLIOGRAPHY_STYLE, AuthorYearBibliography)
