"""The markup of the text that several features share: its nodes, the base of the edition's roles, ``{edited-text}``.

A mention (``entity_ref``), a corrected error (``corr``), a run in another language (``lang``), the edited text
and its paragraphs' numbers are made, read and written by the register, the editorial roles, the apparatus and
every writer alike. The register's own roles, directives and placeholders are ``register/markup.py``'s, each
editorial role's its own module's (``editorial/``), the apparatus's ``apparatus/interventions.py``'s.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective, SphinxRole

from ..core.dates import date_span
from ..core.model import Problem
from ..core.syntax import SyntaxProblem, parse_role_text
from ..core.vocabulary import language_runs, mixes_scripts
from .report import warn

# --- where a node stands ------------------------------------------------------------------


def enclosing(node: nodes.Node, *classes: type[nodes.Node]) -> nodes.Element | None:
    """The nearest element around the node (not the node itself) that is of one of these classes."""
    parent = node.parent
    while parent is not None and not isinstance(parent, classes):
        parent = parent.parent
    return parent


def is_in(node: nodes.Node, *classes: type[nodes.Node]) -> bool:
    """Whether the node lies inside an element of one of these classes."""
    return enclosing(node, *classes) is not None


# --- nodes -------------------------------------------------------------------------------


class entity_ref(nodes.inline):
    """A mention of an entity: ``entity_id``, ``kind`` of the role (None for ``ent``)."""


class corr(nodes.inline):
    """A corrected source error: the text is the edited reading, ``sic`` the source's (made by ``{corr}`` and by an
    entity role with a misspelt name; ``editorial/corr.py`` owns the rest)."""


class edited_text(nodes.General, nodes.Element):
    """The edited text of an article, which declares its ``witness`` file and its ``source`` (a bib key)."""


class para_number(nodes.Inline, nodes.Element):
    """The number of a paragraph of the edited text, shown in the margin."""


class lang(nodes.inline):
    """A run of text in another language or script (``lang`` is a BCP 47 tag): made by ``{lang}``
    (``editorial/lang.py`` owns the rest) and by names and titles in other scripts."""


def language_nodes(text: str, tag: str, mixed: bool | None = None) -> list[nodes.Node]:
    """A text as nodes, its runs in language ``tag`` (all of it, or in a text that mixes scripts the runs in
    the other script: ``vocabulary.language_runs``) wrapped in ``lang``."""
    runs = language_runs(text, tag, mixed)
    return [lang(run, nodes.Text(run), lang=language) if language else nodes.Text(run) for run, language in runs]


def in_language(children: list[nodes.Node], tag: str, mixed: bool | None = None) -> list[nodes.Node]:
    """Nodes (a title formatted by pybtex, say) with their text in language ``tag``, cut into runs as
    ``language_nodes`` cuts a text; ``mixed`` as there, else decided over their whole text. Addresses shown
    as link texts are left as they are: an address is not words in a language."""
    if not tag:
        return children
    if mixed is None:
        mixed = mixes_scripts("".join(child.astext() for child in children))

    def tagged(node: nodes.Node) -> list[nodes.Node]:
        if isinstance(node, nodes.Text):
            return language_nodes(str(node), tag, mixed)
        if isinstance(node, nodes.reference) and "://" in node.astext():
            return [node]
        if isinstance(node, nodes.Element) and not isinstance(node, lang):
            inner = list(node.children)
            node.children = []
            node.extend([part for child in inner for part in tagged(child)])
        return [node]

    return [part for child in children for part in tagged(child)]


NODES = (entity_ref, edited_text, para_number)
"""The nodes of the text that every builder writes (``html.VISITORS``, ``print/latex.VISITORS``)."""


# --- roles -------------------------------------------------------------------------------


class EditionRole(SphinxRole):
    """A role of the edition: its text read as ``source -> reading <target> ; key=value``, its nodes placed at its
    own line."""

    options_allowed: tuple[str, ...] = ()
    allow_target = True

    def parse(self) -> Any:
        """The parsed role text, or a warning and None."""
        try:
            return parse_role_text(self.text, self.options_allowed, self.allow_target)
        except SyntaxProblem as err:
            warn(
                Problem("bad-markup", f"{err} in {{{self.name}}}`{self.text}`", hint=err.hint),
                self.get_location(),
            )
            return None

    def place(self, node: nodes.Node) -> None:
        """Give the node the role's file and its own line."""
        node.source, node.line = self.get_source_info()
        node.line = exact_line(self, node.line)


def source_lines(env: Any) -> list[str]:
    """The lines of the document being read, as the editor wrote them (read once per document)."""
    cache: dict[str, list[str]] = env.temp_data.setdefault("edition_source_lines", {})
    docname = env.docname
    if docname not in cache:
        try:
            cache[docname] = env.doc2path(docname).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            cache[docname] = []
    return cache[docname]


def exact_line(role: SphinxRole, line: int | None) -> int | None:
    """The line of the role itself: MyST gives the first line of the paragraph."""
    if not line:
        return line
    docname = role.env.docname
    lines = source_lines(role.env)
    # MyST hands roles an rST-style rawtext (:name:`text`): look for the MyST form itself,
    # and skip occurrences that an earlier, identical role already claimed
    first = role.text.splitlines()[0] if role.text else ""
    needle = f"{{{role.name}}}`{first}"
    claimed: set[tuple[str, int, int]] = role.env.temp_data.setdefault("edition_claimed_roles", set())  # type: ignore[assignment]
    for number in range(line, min(line + 200, len(lines) + 1)):
        column = lines[number - 1].find(needle)
        while column != -1:
            if (docname, number, column) not in claimed:
                claimed.add((docname, number, column))
                return number
            column = lines[number - 1].find(needle, column + 1)
    return line


# --- directives --------------------------------------------------------------------------


class EditedTextDirective(SphinxDirective):
    """The edited text of an article: ``{edited-text}`` with ``:witness: path`` and ``:source: bib key``.

    ``:captured:`` (an EDTF date) and ``:capture-note:`` (what the witness is, how it was captured, the
    evidence for the date) make the witness's capture record; ``:summary:`` is the one line that presents the
    text on the front page (``{edition-texts}``).
    """

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "witness": directives.unchanged_required,
        "source": directives.unchanged_required,
        "captured": directives.unchanged_required,
        "capture-note": directives.unchanged_required,
        "summary": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        node = edited_text(witness=self.options.get("witness", ""), source=self.options.get("source", "").strip())
        node["captured"] = self._captured()
        node["capture_note"] = " ".join(self.options.get("capture-note", "").split())
        node["summary"] = " ".join(self.options.get("summary", "").split())
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]

    def _captured(self) -> str:
        """The capture date if it is EDTF; otherwise a located warning, and no date."""
        value = self.options.get("captured", "").strip()
        if not value:
            return ""
        span = date_span(value)
        if span is None or span[0] > span[1]:
            what = "ends before it begins" if span else "is not a valid EDTF date"
            warn(
                Problem(
                    "bad-date",
                    f"the capture date of the witness, :captured: {value}, {what}",
                    hint="write e.g. '2025', '2025-03-14', '2024/2026-11-21' (between) or '2025/..' (not before)",
                ),
                self._option_location("captured"),
            )
            return ""
        return value

    def _option_location(self, name: str) -> str:
        """Where an option of the directive is written (file:line), or the directive's own location."""
        lines = source_lines(self.env)
        for number in range(self.lineno, min(self.lineno + 20, len(lines)) + 1):
            if lines[number - 1].lstrip().startswith(f":{name}:"):
                return f"{self.env.doc2path(self.env.docname)}:{number}"
        return self.get_location()


class PlaceholderDirective(SphinxDirective):
    """A directive that leaves its node, filled later (its argument, if any, in ``argument``)."""

    node_class: type[nodes.Element]
    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        node = self.node_class(argument=self.arguments[0] if self.arguments else "")
        self.set_source_info(node)
        return [node]


DIRECTIVES: dict[str, type[SphinxDirective]] = {"edited-text": EditedTextDirective}
"""The directives of the text, by name."""
