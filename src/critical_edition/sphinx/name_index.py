"""The index of names (``genindex``) in every script, each name and each letter tagged with its language.

The register's names go into Sphinx's general index, so a reader finds an entity by any of its names; the
index page prints them as plain strings, so a screen reader would read "冼星海" or "سيان سينحاي" with the
page's English voice, and the Arabic-script names would run left to right. The package's ``genindex.html``
(Sphinx's own, with ``lang`` and ``dir`` added) takes each name's language from the register, and each
letter's from the names filed under it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.config import Config

from ..core.register import Register, sort_key
from .domain import edition_language, edition_register
from .html import lang_attributes

TEMPLATES = Path(__file__).parent.parent / "templates"


def name_languages(register: Register, page: str) -> dict[str, str]:
    """The language of each name in the register that is not in the page's language (the first given wins)."""
    found: dict[str, str] = {}
    for entity in register.entities.values():
        for name in entity.names:
            if name.lang and name.lang != page:
                found.setdefault(name.text, name.lang)
    return found


def letter_languages(entries: list[tuple[str, list[Any]]], languages: dict[str, str]) -> dict[str, str]:
    """The language of each letter of the index: the one most of its names are in, else (a tie: "М" files
    Russian and Kazakh names alike) that of the first name, which the letter begins."""
    found = {}
    for letter, names in entries:
        tags = [languages.get(name, "") for name, _ in names]
        counts = Counter(tags).most_common(2)
        if not counts:
            continue
        tie = len(counts) == 2 and counts[0][1] == counts[1][1]
        language = tags[0] if tie else counts[0][0]
        if language:
            found[letter] = language
    return found


def collated(entries: list[tuple[str, list[Any]]]) -> list[tuple[str, list[Any]]]:
    """The index's letters and names in the register's filing order (``register.sort_key``: Cyrillic in the
    Kazakh alphabet's order, which Sphinx's code-point order breaks: Қ and Ө came after Я); symbols first."""
    groups = [(letter, sorted(names, key=lambda entry: (sort_key(entry[0]), entry[0]))) for letter, names in entries]
    return sorted(groups, key=lambda group: (len(group[0]) == 1 and group[0].isalpha(), sort_key(group[0])))


def template_lang(tag: str) -> Markup:
    """`` lang`` (and ``dir``, as ``html.lang_attributes`` gives them) for the template, or nothing."""
    return Markup(f" {lang_attributes(tag)}" if tag else "")


def add_languages(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Give the index's template the languages of its names and letters."""
    if templatename != "genindex.html" or "genindexentries" not in context:
        return
    page = edition_language(app.config)
    context["genindexentries"] = collated(context["genindexentries"])
    names = name_languages(edition_register(app.env), page)
    letters = letter_languages(context["genindexentries"], names)
    context["edition_name_lang"] = lambda name: template_lang(names.get(str(name), ""))
    context["edition_letter_lang"] = lambda letter: template_lang(letters.get(str(letter), ""))


def add_templates(app: Sphinx, config: Config) -> None:
    """Put the package's templates after the edition's own (an edition can still override them)."""
    config.templates_path.append(str(TEMPLATES))


def setup(app: Sphinx) -> None:
    """Register the template and the context."""
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", add_languages)
