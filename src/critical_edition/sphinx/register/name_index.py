"""The index of names in every script: ``genindex`` on the web and in the EPUB, a section of the PDF's indices.

The register's names go into Sphinx's general index, so a reader finds an entity by any of its names; the
index page prints them as plain strings, so a screen reader would read "冼星海" or "سيان سينحاي" with the
page's English voice, and the Arabic-script names would run left to right. The package's ``genindex.html``
(Sphinx's own, with ``lang`` and ``dir`` added) takes each name's language from the register, and each
letter's from the names filed under it.

The PDF prints the same entries (``core.name_index``), in the same order, after its indices of persons, places,
works, organisations and events: each form with its language and the entry's own name and page, one alphabet for
each script. The book writes it as ``edition-names.ltx``, which ``\\printindex`` reads in (makeindex files letters
of other scripts than Latin as "symbols", in one heap before A).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.texescape import escape

from ...core.collation import filing_name, sort_key
from ...core.name_index import name_index
from ...core.register import Register
from ...core.vocabulary import is_right_to_left, language_name
from ...profile import active
from ..domain import edition_language, edition_register, entity_docname
from ..languages import lang_attributes
from ..quotes import curled

TEMPLATES = Path(__file__).parent.parent.parent / "templates"


def name_languages(register: Register, page: str, shown: Callable[[str], str] = str) -> dict[str, str]:
    """The language of each name in the register that is not in the page's language (the first given wins), by the
    name as the index shows it (``shown``)."""
    found: dict[str, str] = {}
    for entity in register.entities.values():
        for name in entity.names:
            if name.lang and name.lang != page:
                found.setdefault(shown(name.text), name.lang)
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
    """The index's letters and names in the register's filing order (``collation.sort_key``: Cyrillic in the
    Kazakh alphabet's order, which Sphinx's code-point order breaks: Қ and Ө came after Я); symbols first."""
    groups = [(letter, sorted(names, key=lambda entry: (sort_key(entry[0]), entry[0]))) for letter, names in entries]
    return sorted(groups, key=lambda group: (len(group[0]) == 1 and group[0].isalpha(), sort_key(group[0])))


def template_lang(tag: str) -> Markup:
    """`` lang`` (and ``dir``, as ``languages.lang_attributes`` gives them) for the template, or nothing."""
    return Markup(f" {lang_attributes(tag)}" if tag else "")


def add_languages(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Give the index's template the languages of its names and letters."""
    if templatename != "genindex.html" or "genindexentries" not in context:
        return
    page = edition_language(app.config)
    context["genindexentries"] = collated(context["genindexentries"])
    names = name_languages(edition_register(app.env), page, lambda text: curled(text, app.config))
    letters = letter_languages(context["genindexentries"], names)
    context["edition_name_lang"] = lambda name: template_lang(names.get(str(name), ""))
    context["edition_letter_lang"] = lambda letter: template_lang(letters.get(str(letter), ""))


NAMES_FILE = "edition-names.ltx"
"""The PDF's index of names in every script, beside the book's .tex file (not a .tex file itself: Sphinx's
Makefile would make a book of every .tex file it finds)."""

NAMES_TITLE = "Index of names in every script"


def _latex_name(text: str, lang: str) -> str:
    escaped = escape(text)
    return rf"{{\editionrtlfont\beginR {escaped}\endR}}" if lang and is_right_to_left(lang) else escaped


def names_latex(
    register: Register,
    docnames: set[str],
    register_dir: str,
    page_language: str = "",
    shown: Callable[[str], str] = str,
) -> str:
    """The PDF's index of names: a letter's heading, then each form (with its language, unless it is the edition's)
    and the name of the entry it belongs to (a work's title in italics), linked, with the entry's page. Entities
    without a page in the book are left out. ``shown``: a name as the prose prints it (its quotes curled)."""
    lines = [
        rf"\section*{{{NAMES_TITLE}}}\addcontentsline{{toc}}{{section}}{{{NAMES_TITLE}}}\markboth{{{NAMES_TITLE}}}{{{NAMES_TITLE}}}",
        r"\begin{multicols}{2}\raggedright\small",
    ]
    primary = page_language.split("-")[0]
    for letter, names in name_index(register):
        entries = []
        for name in names:
            page = f"{register_dir}/{name.entity.kind}/{name.entity.id}"
            if page not in docnames:
                continue
            label = rf"\detokenize{{{page}::doc}}"
            titled = active().is_title(name.entity.kind)
            printed = _latex_name(shown(name.form), name.lang)
            if name.lang and name.lang.split("-")[0] != primary:
                printed += f" ({escape(language_name(name.lang))})"  # in words: the tag is for machines
            if not name.main:
                printed += r" \textrightarrow\ " + _italic(escape(shown(filing_name(name.entity))), titled)
            elif titled:
                printed = _italic(printed, True)
            entries.append(rf"\editionname{{\hyperref[{label}]{{{printed}}}}}{{\pageref{{{label}}}}}")
        if entries:
            lines += [rf"\editionnameletter{{{_latex_name(letter, _letter_lang(names))}}}", *entries]
    lines.append(r"\end{multicols}")
    return "\n".join(lines) + "\n"


def _italic(latex: str, titled: bool) -> str:
    return rf"\textit{{{latex}}}" if titled else latex


def _letter_lang(names: list[Any]) -> str:
    """The language of a letter's first form that has one, for its script's direction."""
    return next((n.lang for n in names if n.lang), "")


def write_names(app: Sphinx, exception: Exception | None) -> None:
    """Write the PDF's index of names beside the .tex file (LaTeX builds only)."""
    if exception is not None or app.builder.format != "latex":
        return
    register = edition_register(app.env)
    docnames = {entity_docname(app.env, e) for e in register} & set(app.env.all_docs)
    path = Path(app.outdir, NAMES_FILE)
    text = names_latex(
        register,
        docnames,
        app.config.edition_register_dir,
        edition_language(app.config),
        lambda name: curled(name, app.config),
    )
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def add_templates(app: Sphinx, config: Config) -> None:
    """Put the package's templates after the edition's own (an edition can still override them), once, in a list
    of the edition's: without ``templates_path`` in conf.py the list is Sphinx's default, shared by every build
    of the process, which an append in place made grow by one folder per build."""
    if str(TEMPLATES) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def setup(app: Sphinx) -> None:
    """Register the template and the context."""
    app.connect("config-inited", add_templates)
    app.connect("html-page-context", add_languages)
    app.connect("build-finished", write_names)
