"""critical_edition: a Sphinx extension for critical digital editions.

It keeps a register of entities (persons, places, works, organisations, events), renders
mentions, first-mention notes, register pages, an apparatus and indices, and checks every
cross-reference and the fidelity of the edited text to its witness on every build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .core.register import load_register
from .sphinx import cite, collector, data, html, inputs, latex, markup, pages, resolve, tei

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"


def load(app: Sphinx) -> None:
    """Read the register once per build, before any document."""
    directory = Path(app.srcdir, app.config.edition_register_dir)
    app.env.edition_register = load_register(directory, Path(app.srcdir))  # type: ignore[attr-defined]
    app.config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the edition's configuration, markup, transforms and events."""
    app.setup_extension("sphinxcontrib.bibtex")
    app.setup_extension("critical_edition.sphinx.bibtex_cache")

    app.add_config_value("edition_register_dir", "annotations", "env", str)
    app.add_config_value("edition_orphans", "warning", "env", str)  # warning | info | ignore

    for node in markup.NODES:
        app.add_node(
            node,
            html=html.VISITORS.get(node, (html.skip, None)),
            latex=latex.VISITORS.get(node, (html.skip, None)),
            text=(latex.noop, latex.noop),
        )

    # bibliography entries as list items: docutils' role "doc-biblioentry" is deprecated (DPUB-ARIA 1.1)
    app.add_node(nodes.citation, override=True, html=(html.visit_citation, html.depart_citation))

    for name, role in markup.entity_roles().items():
        app.add_role(name, role)
    app.add_role("corr", markup.CorrRole())
    app.add_role("sic", markup.SicRole())
    app.add_role("supplied", markup.SuppliedRole())
    app.add_role("lang", markup.LangRole())
    app.add_directive("edited-text", markup.EditedTextDirective)
    app.add_directive("omitted", markup.OmittedDirective)
    app.add_directive("entity", markup.EntityCardDirective)
    app.add_directive("register", markup.RegisterDirective)
    app.add_directive("apparatus", markup.ApparatusDirective)
    app.add_directive("edition-rules", markup.EditionRulesDirective)

    inputs.setup(app)
    app.add_transform(collector.ReadEdition)
    app.connect("builder-inited", load)
    app.connect("source-read", pages.prepare_source)
    app.connect("env-purge-doc", collector.purge)
    app.connect("env-merge-info", collector.merge)
    app.connect("env-get-outdated", collector.outdated_documents)
    app.connect("env-get-updated", collector.updated_documents)
    app.connect("env-check-consistency", collector.report_problems)
    app.connect("doctree-resolved", resolve.resolve_document)

    tei.setup(app)
    cite.setup(app)
    data.setup(app)

    app.add_css_file("edition.css")
    app.add_js_file("edition.js", loading_method="defer")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
