"""What the edition says of itself, computed, never templated: ``{edition-fact}`number-of-texts```.

A page that states how many texts the edition holds, or of which years, names the fact; the extension
fills it in at resolve time from the edited texts and their sources (``core.corpus``), so adding a text
never leaves a page stale, and no page is ever evaluated as a template. MyST's ``substitution``
extension, which renders every page as an unsandboxed Jinja2 template, is refused (in conf.py and in a
page's front matter), and ``{{ name }}`` typed where a substitution was meant is reported: it is
printed as typed.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

import yaml
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxRole

from ..core.checks import assignment_line
from ..core.corpus import FACTS, Corpus, fact, source_year
from ..core.model import Problem
from ..core.syntax import shorten
from . import writers
from .domain import bib_entries, edition_data
from .inputs import conf_file, node_line
from .markup import is_in
from .report import project_path, report, warn

TEMPLATE_EXTENSION = "substitution"
"""MyST's extension that renders pages as Jinja2 templates."""
TEMPLATE_SYNTAX = re.compile(r"\{\{[^{}\n]+\}\}|\{%[^%\n]*%\}")
"""What a Jinja2 substitution or statement looks like, typed into a page."""
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?\n)---[ \t]*\n", re.S)


class edition_fact(nodes.Inline, nodes.TextElement):
    """Placeholder: a figure the edition computes from its texts, filled in at resolve time."""


class FactRole(SphinxRole):
    """A figure the edition states of itself, computed from its texts when the page is written (never a template)."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        name = self.text.strip()
        if name not in FACTS:
            close = difflib.get_close_matches(name, list(FACTS), n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            warn(
                Problem(
                    "bad-markup",
                    f"{{edition-fact}} knows no fact {name!r}",
                    hint=hint + "the facts are " + ", ".join(FACTS),
                ),
                self.get_location(),
            )
            return [nodes.Text(self.text)], []
        edition_data(self.env).fact_pages.add(self.env.docname)  # written again when a fact changes
        node = edition_fact(name, "", name=name)
        node.source, node.line = self.get_source_info()
        return [node], []


def corpus(app: Sphinx) -> Corpus:
    """The edited texts of this build and the years of their sources."""
    entries = bib_entries(app.env)
    texts = sorted(edition_data(app.env).articles.values(), key=lambda t: t.docname)
    sources = tuple(t.source for t in texts)
    years = tuple(y for key in sources if key in entries and (y := source_year(entries[key].fields)))
    return Corpus(sources, years)


def fill_facts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put each fact's text in place of its placeholder."""
    placeholders = list(doctree.findall(edition_fact))
    if placeholders:
        texts = corpus(app)
        for node in placeholders:
            node.replace_self(nodes.Text(fact(texts, node["name"])))


def facts_changed(app: Sphinx, env: Any) -> list[str]:
    """Write the fact pages again when a fact changed (a text came or went, a source's year changed): the facts
    are filled in when a page is written, so the pages need not be read again."""
    data = edition_data(env)
    texts = corpus(app)
    now = {name: fact(texts, name) for name in FACTS}
    if now == data.facts:
        return []
    data.facts = now
    return sorted(data.fact_pages & env.found_docs)


def refuse_template_extension(app: Sphinx, config: Config) -> None:
    """MyST's substitution extension is never enabled: it would run every page as a Jinja2 template."""
    extensions = list(getattr(config, "myst_enable_extensions", []) or [])
    if TEMPLATE_EXTENSION not in extensions:
        return
    hint = "write {edition-fact}`number-of-texts` for a figure the edition computes"
    if "myst_enable_extensions" in config.overrides:  # -D on the command line: no line of conf.py is to blame
        problem = Problem(
            "template",
            "the command line (-D myst_enable_extensions=…) enables MyST's 'substitution' "
            "extension, which evaluates every page as a template; it is switched off",
            hint=hint,
        )
    else:
        shown, text = conf_file(app)
        problem = Problem(
            "template",
            "conf.py enables MyST's 'substitution' extension, which evaluates every page as "
            "a template (a page could run code); it is switched off",
            shown,
            assignment_line("myst_enable_extensions", text) or 1,
            "remove 'substitution' from myst_enable_extensions; " + hint,
        )
    report(problem, app.srcdir)
    config.myst_enable_extensions = [e for e in extensions if e != TEMPLATE_EXTENSION]


def refuse_template_front_matter(app: Sphinx, docname: str, source: list[str]) -> None:
    """A page's front matter may not enable the substitution extension (MyST reads ``myst: enable_extensions``)."""
    found = FRONT_MATTER.match(source[0])
    if not found or TEMPLATE_EXTENSION not in found.group("body"):
        return
    try:
        data = yaml.safe_load(found.group("body"))
    except (yaml.YAMLError, ValueError):  # MyST reports front matter it cannot read
        data = None
    myst = data.get("myst") if isinstance(data, dict) else None
    wanted = myst.get("enable_extensions") if isinstance(myst, dict) else None
    if wanted is None or TEMPLATE_EXTENSION not in (wanted if isinstance(wanted, list | tuple | set) else [wanted]):
        return
    line = found.group("body").count("\n", 0, found.group("body").index(TEMPLATE_EXTENSION)) + 2
    report(
        Problem(
            "template",
            "the page's front matter enables MyST's 'substitution' extension, which would evaluate "
            "the page as a template; the front matter is ignored",
            project_path(app.srcdir, app.env.doc2path(docname)),
            line,
            "remove it; write {edition-fact}`number-of-texts` for a figure the edition computes",
        ),
        app.srcdir,
    )
    blank = "\n" * found.group(0).count("\n")  # the lines stay where they were
    source[0] = blank + source[0][found.end() :]


class ReportTemplateSyntax(SphinxTransform):
    """``{{ name }}`` or ``{% … %}`` in a page's text is printed as typed, and reported: it is never evaluated."""

    default_priority = 600

    def apply(self, **kwargs: Any) -> None:
        """Report each block of text that looks like a template (its text outside code, markup stripped), once."""
        for element in self.document.findall(nodes.TextElement):
            if isinstance(element.parent, nodes.TextElement) or is_in(element, *CODE):
                continue  # an inline element is read with its paragraph; code is printed as typed, rightly
            text = "".join(str(t) for t in element.findall(nodes.Text) if not is_in(t, *CODE))
            if found := TEMPLATE_SYNTAX.search(text):
                report(
                    Problem(
                        "template",
                        f"{shorten(found.group(0), 60)!r} looks like a template, which the edition "
                        "never evaluates; it is printed as typed",
                        project_path(self.env.srcdir, self.env.doc2path(self.env.docname)),
                        node_line(element),
                        "write {edition-fact}`number-of-texts` or `years-of-texts` for a figure the edition "
                        "computes; put literal braces in `code`",
                    ),
                    self.env.srcdir,
                )


CODE = (nodes.literal, nodes.literal_block, nodes.comment, nodes.raw)
"""Elements whose text is code, printed as typed and never taken for a template."""


def setup(app: Sphinx) -> None:
    """The role, its placeholder, and the guards against templates."""
    writers.add_node(app, edition_fact)  # a placeholder, filled at resolve time
    app.add_role("edition-fact", FactRole())
    app.connect("config-inited", refuse_template_extension, priority=100)
    app.connect("source-read", refuse_template_front_matter, priority=100)
    app.add_transform(ReportTemplateSyntax)
    app.connect("doctree-resolved", fill_facts)
    app.connect("env-get-updated", facts_changed)
