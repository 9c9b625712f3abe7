"""Open data: the register as JSON, CSV and JSON-LD, and the timeline of dated events.

The data files are written when an HTML build finishes, to ``_downloads/data/``; ``{edition-downloads}``
lists them and documents their schema from the code; ``{edition-timeline}`` lists every dated fact of the
register and the publication of each edited text in order, and draws them as an SVG picture (web pages).
The timeline is made at resolve time, when every text is known; its page depends on every register
file, so an incremental build re-reads it whenever an entity or an edited text changes, appears or goes.
``{edition-downloads} books`` links the edition's PDF and EPUB (web pages only; ``nox -s docs`` copies
the books there).
"""

from __future__ import annotations

import math
import re
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ...core import export, reconcile
from ...core.dates import date_in_words, date_span
from ...core.figures import TimelineMark, timeline_description, timeline_svg
from ...core.model import Problem
from ...profile import active
from .. import fragments, writers
from ..citation.cite_this import article_source
from ..domain import (
    builds_web_pages,
    edition_data,
    edition_register,
    entity_docname,
    entity_pages,
    note_register_dependencies,
)
from ..html import unindexed_html
from ..print.pictures import BOOK_FONT, BOOK_PAGE, book_figure
from ..quotes import curl_text, curled
from ..register.resolve import mention_links, mentions_by_entity
from ..report import warn

DATA_DIR = "_downloads/data"
"""Where the data files go, relative to the HTML output directory."""
BOOK_DIR = "_downloads"
"""Where ``nox -s docs`` copies the PDF and the EPUB, relative to the HTML output directory."""


class data_file(nodes.Inline, nodes.Element):
    """Placeholder: a link to a data file, made at resolve time when the page's URI is known."""


class book_links(nodes.General, nodes.Element):
    """Placeholder: the links to the PDF and the EPUB, on web pages only (a book does not link to itself)."""


# --- the downloads page ------------------------------------------------------------------------------


def _table(
    header: tuple[str, ...], rows: list[tuple[nodes.Node | str, ...]], widths: tuple[int, ...], classes: list[str]
) -> nodes.table:
    table = nodes.table(classes=classes)
    group = nodes.tgroup(cols=len(header))
    table += group
    group.extend(nodes.colspec(colwidth=w) for w in widths)
    head = nodes.thead()
    group += head
    body = nodes.tbody()
    group += body
    for target, cells in ((head, [header]), (body, rows)):
        for cells_of_row in cells:
            row = nodes.row()
            for cell in cells_of_row:
                entry = nodes.entry()
                para = nodes.paragraph()
                para += nodes.Text(cell) if isinstance(cell, str) else cell
                entry += para
                row += entry
            target += row
    return table


def _with_code(text: str) -> list[nodes.Node]:
    """Text in which `backquoted` words are set as code."""
    parts = text.split("`")
    return [nodes.literal(p, p) if i % 2 else nodes.Text(p) for i, p in enumerate(parts) if p]


def _files_table(env: BuildEnvironment) -> nodes.table:
    rows: list[tuple[nodes.Node | str, ...]] = []
    for name, (form, description) in data_files_listed(env).items():
        link = data_file(filename=name)
        link += nodes.literal(name, name)
        rows.append((link, form, description))
    return _table(("File", "Format", "What it holds"), rows, (22, 22, 56), ["edition-downloads"])


def _schema_table() -> nodes.table:
    rows: list[tuple[nodes.Node | str, ...]] = []
    for f in export.schema_fields():
        path = nodes.literal(f.path, f.path)
        kind = f.type + ("" if f.required else " (optional)")
        rows.append((path, kind, nodes.inline("", "", *_with_code(f.description))))
    return _table(("Field", "Type", "Description"), rows, (30, 22, 48), ["edition-schema"])


def _csv_table() -> nodes.table:
    rows: list[tuple[nodes.Node | str, ...]] = [
        (nodes.literal(c, c), nodes.inline("", "", *_with_code(d))) for c, d in export.csv_columns()
    ]
    return _table(("Column", "Content"), rows, (30, 70), ["edition-csv-columns"])


def data_files_listed(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """The files of ``_downloads/data/``: the register files, then the bibliography they cite."""
    files = export.described_data_files()
    files[reconcile.RECONCILIATION_FILE] = (reconcile.RECONCILIATION_FORMAT, reconcile.RECONCILIATION_DESCRIPTION)
    for bib in getattr(env.config, "bibtex_bibfiles", []) or []:
        files[Path(bib).name] = ("BibTeX", "The bibliography: the entries that the register's sources name.")
    return files


def book_files(config: Any) -> list[tuple[str, str, str]]:
    """The edition's books as (label, file name, use), named as conf.py names the LaTeX and EPUB outputs."""
    books = []
    if latex := getattr(config, "latex_documents", None):
        books.append(("PDF", str(Path(latex[0][1]).with_suffix(".pdf")), "for print"))
    if basename := getattr(config, "epub_basename", None):
        books.append(("EPUB", f"{basename}.epub", "for e-readers"))
    return books


class DownloadsDirective(SphinxDirective):
    """``{edition-downloads} [files|schema|csv|books]``: the data files, the JSON schema, the CSV columns, the books."""

    optional_arguments = 1
    parts = ("files", "schema", "csv")

    def run(self) -> list[nodes.Node]:
        """Make the tables from the code that writes the files, so the page cannot drift from them."""
        chosen = self.arguments[0] if self.arguments else ""
        if chosen == "books":
            return [book_links()]
        if chosen and chosen not in self.parts:
            warn(
                Problem(
                    "bad-markup",
                    f"unknown part '{chosen}' of {{edition-downloads}}",
                    hint=f"use: {', '.join((*self.parts, 'books'))}",
                ),
                self.get_location(),
            )
            return []
        made = {"files": _files_table(self.env), "schema": _schema_table(), "csv": _csv_table()}
        if chosen:
            return [made[chosen]]
        titles = {"files": "Files", "schema": "Fields of register.json", "csv": "Columns of register.csv"}
        out: list[nodes.Node] = []
        for part in self.parts:
            out += [nodes.rubric(titles[part], titles[part]), made[part]]
        return out


# --- the timeline ------------------------------------------------------------------------------------


class timeline(nodes.General, nodes.Element):
    """Placeholder: the timeline, made at resolve time, when every edited text and its source are known."""


class TimelineDirective(SphinxDirective):
    """``{edition-timeline}``: every dated fact of the register and the texts' publication, earliest first."""

    def run(self) -> list[nodes.Node]:
        """A placeholder; note the register files as dependencies of this page."""
        edition_data(self.env).overviews.add(self.env.docname)
        note_register_dependencies(self.env, edition_register(self.env))
        placeholder = timeline()
        self.set_source_info(placeholder)  # where a picture that cannot be made is reported
        return [placeholder]


class text_cards(nodes.General, nodes.Element):
    """Placeholder: a card for each edited text (title, summary), made at resolve time."""


class TextsDirective(SphinxDirective):
    """``{edition-texts}``: the edited texts, each as a card with its title and its summary."""

    def run(self) -> list[nodes.Node]:
        """A placeholder; the page is an overview, made again whenever a text changes."""
        edition_data(self.env).overviews.add(self.env.docname)
        return [text_cards()]


def text_card_nodes(app: Sphinx, docname: str) -> list[nodes.Node]:
    """The cards of the edited texts, in the order of their publication: the title (which names the source and its
    date) and the text's summary."""
    articles = edition_data(app.env).articles
    cards = nodes.bullet_list(classes=["edition-text-cards"])
    for publication in sorted(text_publications(app), key=lambda p: (p.value, p.docname)):
        title = app.env.titles.get(publication.docname)
        heading = nodes.paragraph(classes=["edition-card-title"])
        heading += _link(app, docname, publication.docname, *(title.deepcopy().children if title else []))
        item = nodes.list_item("", heading)
        if summary := articles[publication.docname].summary:
            para = nodes.paragraph(classes=["edition-card-summary"])
            for i, part in enumerate(re.split(r"\*([^*]+)\*", summary)):  # *a title* in italics
                para += nodes.emphasis(part, part) if i % 2 else nodes.Text(part)
            item += para
        cards += item
    return [cards]


def text_publications(app: Sphinx) -> list[export.TextPublication]:
    """The original publication of each edited text, as its ``:source:`` entry gives it."""
    out = []
    for docname in sorted(edition_data(app.env).articles):
        source = article_source(app, docname)
        if source is not None and source.date:
            out.append(export.TextPublication(docname, source.title, source.publisher, source.date))
    return out


def _date_label(fact: export.DatedFact) -> str:
    return date_in_words(fact.value)  # its uncertainty in words too: 'probably 1943', 'about 1940'


def _link(app: Sphinx, fromdoc: str, todoc: str, *children: nodes.Node) -> nodes.Node:
    """A link to another page at resolve time (pending cross-references are resolved by then)."""
    if todoc not in app.env.all_docs:
        return nodes.inline("", "", *children)
    return nodes.reference("", "", *children, refuri=app.builder.get_relative_uri(fromdoc, todoc), internal=True)


def _page_of(app: Sphinx, fact: export.DatedFact) -> str:
    if fact.text is not None:
        return fact.text.docname
    entity = edition_register(app.env).get(fact.entity_id)
    return entity_docname(app.env, entity) if entity else ""


def _fact_text(app: Sphinx, fact: export.DatedFact) -> str:
    """The fact in words, as the picture shows it."""
    if fact.text is not None:
        return f"{fact.text.publisher} publishes the text edited here"
    before, after = fact.happening()
    return f"{before}{fact.name}{after}"


def _entry(app: Sphinx, docname: str, fact: export.DatedFact, index: Mapping[str, list[Any]]) -> nodes.list_item:
    certainty = fact.certainty
    kind_class = ["timeline-text"] if fact.text else []
    item = nodes.list_item(classes=["timeline-entry", *kind_class, *(["uncertain"] if certainty else [])])
    para = nodes.paragraph()
    label = _date_label(fact)
    when = nodes.inline(classes=["timeline-date", *certainty.replace(",", "").split()])
    when += nodes.emphasis(label, label) if certainty else nodes.Text(label)
    para += when
    para += nodes.Text(" — ")
    register = edition_register(app.env)
    if fact.text is not None:
        title = app.env.titles.get(fact.text.docname)
        words = title.deepcopy().children if title is not None and title.astext() else [nodes.Text(fact.text.docname)]
        para += nodes.Text(f"{fact.text.publisher} publishes “{fact.text.title}”, edited here as ")
        para += _link(app, docname, fact.text.docname, *words)  # the page's title as it is set (a film in italics)
        item += para
        return item
    before, after = fact.happening()
    if before:
        para += nodes.Text(before)
    name = _link(app, docname, _page_of(app, fact), nodes.Text(fact.name))
    para += nodes.emphasis("", "", name) if active().is_title(fact.kind) else name
    if after:
        para += nodes.Text(after)
    for i, event_id in enumerate(fact.also):
        event = register.get(event_id)
        if event is not None:
            para += nodes.Text("; see " if i == 0 else ", ")
            para += _link(app, docname, entity_docname(app.env, event), nodes.Text(event.name))
    articles = edition_data(app.env).articles
    mentions = [m for ident in (fact.entity_id, *fact.also) for m in index.get(ident, []) if m.docname in articles]
    para += _article_links(app, docname, mentions)
    item += para
    return item


def timeline_nodes(app: Sphinx, node: timeline, docname: str, ident: str) -> list[nodes.Node]:
    """The timeline of a page: the picture (in the page, with links, on the web; a figure in a book) and the list
    of facts with their mentions."""
    facts = export.timeline(edition_register(app.env), text_publications(app))
    if not facts:
        return [nodes.paragraph(text="The register has no dated fact.")]
    web = builds_web_pages(app.builder)
    marks = []
    for fact in facts:
        page = _page_of(app, fact)
        span = date_span(fact.value)
        start, end = (_year(span[0]), _year(span[1])) if span else (fact.earliest.year, fact.earliest.year)
        href = app.builder.get_relative_uri(docname, page) if web and page in app.env.all_docs else ""
        marks.append(
            TimelineMark(
                _date_label(fact),
                curled(_fact_text(app, fact), app.config),
                start,
                end,
                href,
                bool(fact.certainty),
                fact.kind,
            )
        )
    title = "Timeline of the dated facts"
    out: list[nodes.Node] = []
    if web:
        drawing = Markup(timeline_svg(marks, ident=ident, title=title))  # SVG the timeline's code drew, texts escaped
        html = fragments.render("figure.html", classes="edition-timeline-figure", drawing=drawing, region=title,
                                caption="")  # fmt: skip
        out.append(unindexed_html(html))
    else:
        svg = timeline_svg(marks, ident=ident, title=title, font=BOOK_FONT, page=BOOK_PAGE)
        caption = (
            f"{title}, earliest at the top: a dot at a fact's date or a bar over its span; a hollow dot and an italic "
            "label mark an uncertain date, red dots the publication of the edited texts. The list of the facts gives "
            "each with the texts that mention it."
        )
        name = f"{ident}-{docname.replace('/', '-')}"
        caption = curled(caption, app.config)
        out.append(book_figure(app, node, docname, name, svg, caption, timeline_description(marks), "timeline picture"))
    listing = nodes.bullet_list(classes=["edition-timeline"])
    index = mentions_by_entity(app)
    for fact in facts:
        listing += _entry(app, docname, fact, index)
    curl_text(listing, app.config)  # the register's names, made after Sphinx's smart quotes ran
    out.append(listing)
    return out


def _year(day: tuple[float, int, int]) -> float:
    """A day as a fractional year (an open end stays infinite: the caller bounds it)."""
    year, month, d = day
    if math.isinf(year):
        return year
    return year + (min(month, 12) - 1) / 12 + (min(d, 31) - 1) / 365


# --- resolve time ------------------------------------------------------------------------------------


def resolve_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Turn data-file placeholders into links and make the timeline."""
    html = builds_web_pages(app.builder)
    for node in list(doctree.findall(data_file)):
        if html:
            uri = relative_uri(app.builder.get_target_uri(docname), f"{DATA_DIR}/{node['filename']}")
            node.replace_self(nodes.reference("", "", *node.children, refuri=uri, internal=False))
        else:
            node.replace_self(node.children)
    for node in list(doctree.findall(book_links)):
        if html:
            node.replace_self(_book_paragraph(app, docname))
        else:
            node.parent.remove(node)
    for number, node in enumerate(list(doctree.findall(timeline)), start=1):
        ident = "edition-timeline" if number == 1 else f"edition-timeline-{number}"
        node.replace_self(timeline_nodes(app, node, docname, ident))
    for node in list(doctree.findall(text_cards)):
        node.replace_self(text_card_nodes(app, docname))


def _book_paragraph(app: Sphinx, docname: str) -> nodes.paragraph:
    para = nodes.paragraph(classes=["edition-books"])
    para += nodes.Text("The edition as a book: ")
    for i, (label, name, use) in enumerate(book_files(app.config)):
        if i:
            para += nodes.Text(", ")
        uri = relative_uri(app.builder.get_target_uri(docname), f"{BOOK_DIR}/{name}")
        para += nodes.reference("", label, refuri=uri, internal=False)
        para += nodes.Text(f" {use}")
    para += nodes.Text(".")
    return para


def _article_links(app: Sphinx, fromdoc: str, mentions: list[Any]) -> list[nodes.Node]:
    if not mentions:
        return []
    out = nodes.inline(classes=["timeline-mentions"])
    out += nodes.Text("; mentioned in ")  # not a middle dot: xeCJK would eat the space
    out += mention_links(app, fromdoc, mentions)
    return [out]


# --- keeping the timeline current --------------------------------------------------------------------


def outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Re-read the timeline when an entity page or an edited text is added, changed or removed."""
    prefix = env.config.edition_register_dir + "/"
    register_changed = bool(entity_pages(env, added | changed | removed))
    texts_changed = bool((changed | removed) & set(edition_data(env).articles)) or any(
        not d.startswith(prefix)
        for d in added  # a new page may be a new edited text
    )
    if register_changed or texts_changed:
        return sorted((edition_data(env).overviews & env.found_docs) - added - changed)
    return []


def updated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Re-write the timeline when mentions changed (its paragraph links are made at resolve time)."""
    edition_data(env).forget_removed()
    if edition_data(env).touched:  # read before collector.updated_documents clears it (priority 400)
        return sorted(edition_data(env).overviews & env.found_docs)
    return []


# --- writing the files -------------------------------------------------------------------------------


def write_data(app: Sphinx, exception: Exception | None) -> None:
    """Write the register as JSON, CSV, JSON-LD and its schema (and the bibliography) to _downloads/data/."""
    if exception is not None or not builds_web_pages(app.builder):
        return
    env = app.env
    register = edition_register(env)
    pages = {e.id: app.builder.get_target_uri(doc) for e in register if (doc := entity_docname(env, e)) in env.all_docs}
    records = export.register_records(register, edition_data(env).all_mentions(), pages)
    metadata = {
        "edition": app.config.project,
        "version": app.config.release,
        "license": active().data_licence_url,
    }
    baseurl = app.config.html_baseurl
    base = baseurl.rstrip("/") + "/" if baseurl else "../" * (DATA_DIR.count("/") + 1)  # from the file to the root
    out = Path(app.outdir, DATA_DIR)
    out.mkdir(parents=True, exist_ok=True)
    files = export.data_files(records, metadata, base)
    files[reconcile.RECONCILIATION_FILE] = reconcile.to_reconciliation_csv(register)
    for name, text in files.items():
        path = out / name
        data = text.encode("utf-8")
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    for bib in getattr(app.config, "bibtex_bibfiles", []) or []:
        source = Path(app.srcdir, bib)
        if source.is_file():
            shutil.copyfile(source, out / source.name)


DIRECTIVES: dict[str, type[SphinxDirective]] = {
    "edition-downloads": DownloadsDirective,
    "edition-timeline": TimelineDirective,
    "edition-texts": TextsDirective,
}
"""The directives of the data pages, by name."""


def setup(app: Sphinx) -> None:
    """Register this output's builders, directives and events."""
    for placeholder in (data_file, timeline, text_cards, book_links):  # filled at resolve time
        writers.add_node(app, placeholder)
    app.connect("env-get-outdated", outdated)
    app.connect("env-get-updated", updated, priority=400)
    app.connect("doctree-resolved", resolve_placeholders)
    app.connect("build-finished", write_data)
