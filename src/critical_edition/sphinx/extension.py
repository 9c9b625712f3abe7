"""The table of contents of the extension: everything setup() registers, as one readable list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.config import Config

from .. import __version__
from ..core.register import load_register
from . import (
    addresses,
    collector,
    edited_text,
    facts,
    files,
    html,
    identity,
    inputs,
    markup,
    profile,
    quotes,
    reading,
    reference,
    typography,
    writers,
)
from .apparatus import diplomatic, interventions
from .citation import author_year, cite_this
from .domain import EditionDomain, edition_domain
from .editorial import add_editorial_role
from .editorial.registry import EDITORIAL_ROLES
from .exports import data, figures
from .print import epub, latex, register_lists
from .register import markup as register_markup
from .register import mentions, name_index, pages, resolve
from .settings import SETTINGS
from .tei import builder as tei

STATIC = Path(__file__).parent.parent / "static"


def load(app: Sphinx) -> None:
    """Read the register once per build, before any document."""
    directory = Path(app.srcdir, app.config.edition_register_dir)
    edition_domain(app.env).register = load_register(directory, Path(app.srcdir))


def add_static_files(app: Sphinx, config: Config) -> None:
    """Put the package's static files after the edition's own, once, when the configuration is read (as its
    templates: ``name_index.add_templates``): the configuration then equals the one the last build pickled
    (added later, at builder-inited, every build after the first reported the configuration changed)."""
    if str(STATIC) not in config.html_static_path:
        config.html_static_path = [*config.html_static_path, str(STATIC)]


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
    profile.setup(app)  # read first: the roles of the text, the register and the editors come from the profile

    for node in markup.NODES:  # the text's markup, written by every builder
        writers.add_node(app, node, html=html.VISITORS[node], latex=latex.VISITORS[node], text=writers.KEEP_TEXT,
                         man=writers.KEEP_TEXT, texinfo=writers.KEEP_TEXT)  # fmt: skip
    for placeholder in register_markup.PLACEHOLDERS:  # filled before the page is written: one left unfilled is not
        writers.add_node(app, placeholder)

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

    for editorial_role in EDITORIAL_ROLES:
        add_editorial_role(app, editorial_role)
    for name, directive in {**markup.DIRECTIVES, **register_markup.DIRECTIVES, **reference.DIRECTIVES,
                            **data.DIRECTIVES}.items():  # fmt: skip
        app.add_directive(name, directive)

    identity.setup(app)
    inputs.setup(app)
    files.setup(app)
    facts.setup(app)
    for transform in (  # reading a document, in this order (priorities 601-609): see edited_text
        edited_text.NumberParagraphs,
        interventions.RecordInterventions,
        diplomatic.CheckFidelity,
        interventions.FillApparatus,
        mentions.RecordMentions,
        inputs.ReportUnclosedRoles,
        mentions.AddFirstMentionNotes,
        mentions.LinkMentions,
        pages.FillRegisterPlaceholders,
    ):
        app.add_transform(transform)
    app.connect("config-inited", add_static_files)
    app.connect("builder-inited", load)
    app.connect("builder-inited", portable_build_info, priority=900)
    app.connect("source-read", pages.prepare_source)
    app.add_domain(EditionDomain)
    app.connect("env-get-outdated", collector.outdated_documents)
    app.connect("env-get-updated", collector.updated_documents)
    app.connect("env-check-consistency", collector.report_problems)
    app.connect("doctree-resolved", resolve.resolve_document)

    reading.setup(app)
    interventions.setup(app)
    diplomatic.setup(app)
    author_year.setup(app)
    name_index.setup(app)
    tei.setup(app)
    latex.setup(app)
    register_lists.setup(app)
    cite_this.setup(app)
    data.setup(app)
    figures.setup(app)
    epub.setup(app)
    typography.setup(app)
    quotes.setup(app)
    addresses.setup(app)

    app.add_css_file("edition.css")
    app.add_js_file("edition.js", loading_method="defer")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
