"""The table of contents of the extension: its settings, and everything setup() registers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from .. import __version__
from ..core.register import load_register
from . import (
    author_year,
    cite,
    collector,
    data,
    diplomatic,
    epub,
    facts,
    figures,
    files,
    html,
    identity,
    inputs,
    latex,
    markup,
    name_index,
    pages,
    reading,
    resolve,
    tei,
    typography,
    writers,
)
from .domain import EditionDomain, edition_domain

STATIC = Path(__file__).parent.parent / "static"
CC_BY = "https://creativecommons.org/licenses/by/4.0/"


@dataclass(frozen=True)
class Setting:
    """A configuration value of the extension, set in conf.py."""

    name: str
    default: Any
    rebuild: Literal["env", "html"]  # what Sphinx rebuilds when it changes: every page read again, or written
    meaning: str


SETTINGS: tuple[Setting, ...] = (
    Setting("edition_register_dir", "annotations", "env", "the folder of the register, relative to the project"),
    Setting("edition_orphans", "warning", "env",
            "how an entity mentioned nowhere is reported: 'warning', 'info' or 'ignore'"),
    Setting("edition_gloss_notes", "marked", "env",
            "gloss notes at first mentions: 'marked' (entities with gloss_note: true), 'every' or 'none'"),
    Setting("edition_verification_records", False, "env",
            "whether every bib entry must carry a verification record (an annote in the documented vocabulary)"),
    Setting("edition_license_url", CC_BY, "html", "the licence of the editorial content, in citations and metadata"),
    Setting("edition_rights", "Editorial content: CC BY 4.0. The source texts remain the property of their "
            "publishers.", "html", "the rights statement of citations and metadata"),
    Setting("edition_data_license", CC_BY, "html", "the licence of the register's open data files"),
    Setting("edition_print_front", [], "env",
            "the PDF's front matter after the introduction, before the texts: a list of document names"),
    Setting("edition_print_back", [], "env",
            "the PDF's back matter after the texts (register, bibliography…); documents in neither list are "
            "left out of the print, unless both are empty"),
    Setting("edition_keywords", [], "html", "keywords of the edition, in the PDF's metadata"),
    Setting("edition_editors", [], "env",
            "who made the edition: a list of {'name': ..., 'role': ..., 'orcid': ...} (a person's ORCID iD, "
            "'collective': True for a group); empty, the project's author as a collective name. Every citation, "
            "the title page, the colophon ({edition-editors}) and the TEI header name them"),
    Setting("edition_date", "", "env",
            "the edition's date, an ISO 8601 day; empty, the day of the last commit of the sources. Every "
            "citation, page and format carries it, whatever the clock or SOURCE_DATE_EPOCH of the build"),
)  # fmt: skip
"""Every setting of the extension, declared in this one list."""


def load(app: Sphinx) -> None:
    """Read the register once per build, before any document."""
    directory = Path(app.srcdir, app.config.edition_register_dir)
    edition_domain(app.env).register = load_register(directory, Path(app.srcdir))
    app.config.html_static_path.append(str(STATIC))


def portable_build_info(app: Sphinx) -> None:
    """Record the build's settings in ``.buildinfo`` without the folders of the installed package.

    The extension adds its own static files and templates by absolute path, which differs from one
    checkout (or virtual environment) to the next; Sphinx hashes these settings into ``.buildinfo``, so two
    clones built different output. The record is made again without them: they are the package's, not the
    edition's settings.
    """
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):  # the HTML builders (EPUB too) keep the record
        return
    own = {str(STATIC), str(name_index.TEMPLATES)}
    config = app.config
    templates, static = list(config.templates_path), list(config.html_static_path)
    config.templates_path = [path for path in templates if path not in own]
    config.html_static_path = [path for path in static if path not in own]
    builder.build_info = builder.create_build_info()
    config.templates_path, config.html_static_path = templates, static


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the edition's configuration, markup, transforms and events."""
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("critical_edition.sphinx.bibtex_cache")
    app.setup_extension("critical_edition.sphinx.navigation")
    app.setup_extension("critical_edition.sphinx.heap")

    for setting in SETTINGS:
        app.add_config_value(setting.name, setting.default, setting.rebuild, type(setting.default))

    for node in markup.NODES:  # the text's markup, written by every builder; a placeholder left unfilled is not
        if node in html.VISITORS:
            writers.add_node(app, node, html=html.VISITORS[node], latex=latex.VISITORS[node], text=writers.KEEP_TEXT,
                             man=writers.KEEP_TEXT, texinfo=writers.KEEP_TEXT)  # fmt: skip
        else:
            writers.add_node(app, node)

    web_only = (html.skip, None)  # the page's tools and drawings: print and plain text leave them out on purpose
    writers.add_node(app, html.unindexed_html, html=(html.visit_unindexed_html, None), latex=web_only, text=web_only,
                     man=web_only, texinfo=web_only)  # fmt: skip
    # bibliography entries as list items: docutils' role "doc-biblioentry" is deprecated (DPUB-ARIA 1.1)
    app.add_node(nodes.citation, override=True, html=(html.visit_citation, html.depart_citation))
    app.add_node(
        nodes.footnote_reference,
        override=True,
        html=(html.visit_footnote_reference, html.depart_footnote_reference),
    )

    for name, role in markup.entity_roles().items():
        app.add_role(name, role)
    for name, role_class in markup.EDITORIAL_ROLES.items():
        app.add_role(name, role_class())
    for name, directive in {**markup.DIRECTIVES, **data.DIRECTIVES}.items():
        app.add_directive(name, directive)

    identity.setup(app)
    inputs.setup(app)
    files.setup(app)
    facts.setup(app)
    app.add_transform(collector.ReadEdition)
    app.connect("builder-inited", load)
    app.connect("builder-inited", portable_build_info, priority=900)
    app.connect("source-read", pages.prepare_source)
    app.add_domain(EditionDomain)
    app.connect("env-get-outdated", collector.outdated_documents)
    app.connect("env-get-updated", collector.updated_documents)
    app.connect("env-check-consistency", collector.report_problems)
    app.connect("doctree-resolved", resolve.resolve_document)

    reading.setup(app)
    diplomatic.setup(app)
    author_year.setup(app)
    name_index.setup(app)
    tei.setup(app)
    typography.setup(app)
    latex.setup(app)
    cite.setup(app)
    data.setup(app)
    figures.setup(app)
    epub.setup(app)

    app.add_css_file("edition.css")
    app.add_js_file("edition.js", loading_method="defer")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
