"""Files named by the sources stay inside the project: every directive, role and node that reads or publishes one.

Docutils, Sphinx and MyST read a file wherever a path leads: ``include``, ``literalinclude``,
``csv-table :file:`` and ``raw :file:`` put its text in the page; an image, a figure or ``{download}``
copies it into the output; a page, a bibliography or a witness may itself be a link to a file elsewhere.
Each path is checked here against the project, after every link is followed (``core.paths``), before
anything is read; a path that leads out (or an address on the network where a file is meant) is
reported at its file and line, and nothing is read from it or published.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.parsers.rst import Directive, directives
from docutils.parsers.rst.directives.misc import Raw
from docutils.parsers.rst.directives.tables import CSVTable
from myst_parser.mocking import MockIncludeDirective
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.directives.code import LiteralInclude
from sphinx.directives.other import Include
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from ..core.model import Problem
from ..core.paths import is_inside, outside_hint
from .inputs import node_line
from .report import project_path, report

REMOTE = ("://", "data:")
"""What marks an image's address as not a file (left to the page, never read by the build)."""


def _candidate(env: Any, docname: str, current_source: str, path: str, by_docutils: bool) -> Path:
    """The file a path names: as Sphinx reads it (``/`` is the project's root), or as docutils does."""
    if by_docutils:
        return Path(os.path.dirname(os.path.abspath(current_source or env.doc2path(docname))), path)
    if path.startswith(("/", "\\")):  # as env.relfn2path reads it, before it follows links
        return Path(env.srcdir, path.lstrip("/\\"))
    return Path(env.srcdir, env.doc2path(docname, base=False).parent, path)


def outside_problem(
    env: Any, docname: str, current_source: str, path: str, what: str, line: int | None, by_docutils: bool = False
) -> Problem | None:
    """A problem if the path leads out of the project (or is a network address)."""
    shown = project_path(env.srcdir, env.doc2path(docname))
    if "://" in path or path.startswith("<"):
        reason = "is an address on the network" if "://" in path else "names a file of docutils' own"
        return Problem(
            "outside-file",
            f"{what} {path!r} {reason}: only files of the project are read",
            shown,
            line,
            "copy the file into the project and name it by a relative path",
        )
    candidate = _candidate(env, docname, current_source, path, by_docutils)
    if not is_inside(candidate, env.srcdir):
        return Problem(
            "outside-file",
            f"{what} {path!r} leads outside the project; it is not read",
            shown,
            line,
            outside_hint(candidate),
        )
    return None


def _confined(directive: type[Directive], paths: Any, what: str, by_docutils: bool = False) -> type[Directive]:
    """The directive, refusing to run when one of the paths it names (``paths(self)``) leads out of the project."""

    class Confined(directive):  # type: ignore[valid-type, misc]
        __doc__ = directive.__doc__

        def run(self) -> list[nodes.Node]:
            """Check every path first; run the directive only when all lie inside the project."""
            if _refused(self, paths(self), what, by_docutils):
                return []
            return list(super().run())

    Confined.__name__ = Confined.__qualname__ = f"Confined{directive.__name__}"
    return Confined


def _refused(directive: Directive, paths: list[str], what: str, by_docutils: bool = False) -> bool:
    """Whether a path leads out of the project; each that does is reported at the directive's line."""
    env = directive.state.document.settings.env
    source = directive.state.document.current_source or ""
    refused = False
    for path in paths:
        problem = outside_problem(env, env.docname, source, path, what, directive.lineno, by_docutils)
        if problem:
            report(problem, env.srcdir)
            refused = True
    return refused


def _file_options(directive: Directive) -> list[str]:
    return [directive.options[o] for o in ("file", "url") if o in directive.options]


def _argument(directive: Directive) -> list[str]:
    return ["".join(s.strip() for s in directive.arguments[0].splitlines())]


def _argument_and_diff(directive: Directive) -> list[str]:
    return _argument(directive) + ([directive.options["diff"]] if "diff" in directive.options else [])


class ConfinedInclude(SphinxDirective):
    """``include``, in a Markdown page (MyST's own include) or in reStructuredText, of a file inside the project."""

    required_arguments = 1
    final_argument_whitespace = True
    option_spec = {  # noqa: RUF012 (docutils reads it from the class)
        **Include.option_spec,
        "relative-images": directives.flag,  # MyST's options of include
        "relative-docs": directives.path,
        "heading-offset": directives.nonnegative_int,
    }

    def run(self) -> list[nodes.Node]:
        """Check the path, then include as MyST or docutils would."""
        if _refused(self, _argument(self), "the included file"):
            return []
        renderer = getattr(self.state, "_renderer", None)
        if renderer is not None:  # a Markdown page: MyST includes through its own directive
            body = list(self.content)
            return list(
                MockIncludeDirective(
                    renderer, self.name, Include, self.arguments, self.options, body, self.lineno
                ).run()
            )
        include = Include(
            self.name,
            self.arguments,
            self.options,
            self.content,
            self.lineno,
            self.content_offset,
            self.block_text,
            self.state,
            self.state_machine,
        )
        return list(include.run())


READING_DIRECTIVES: dict[str, type[Directive]] = {
    "include": ConfinedInclude,
    "literalinclude": _confined(LiteralInclude, _argument_and_diff, "the included file"),
    "csv-table": _confined(CSVTable, _file_options, "the table's file", by_docutils=True),
    "raw": _confined(Raw, _file_options, "the raw file", by_docutils=True),
}
"""The directives of docutils, Sphinx and MyST that put a file's text into the page, each confined to the project."""


class ConfinePublishedFiles(SphinxTransform):
    """Images, figures and downloads: the files Sphinx copies into the output must lie inside the project."""

    default_priority = 700

    def apply(self, **kwargs: Any) -> None:
        """Check every image and download of the page; take out what leads outside, at its line."""
        source = self.document.current_source or ""
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not uri or uri.startswith(REMOTE[1]) or REMOTE[0] in uri:
                continue
            problem = outside_problem(
                self.env, self.env.docname, source, uri.replace("*", "x"), "the image", node_line(image)
            )
            if problem:
                report(problem, self.env.srcdir)
                alt = image.get("alt", "")
                image.replace_self(nodes.inline(alt, alt) if alt else nodes.inline())
        for download in list(self.document.findall(addnodes.download_reference)):
            target = download.get("reftarget", "")
            if not target or REMOTE[0] in target:
                continue
            problem = outside_problem(self.env, self.env.docname, source, target, "the download", node_line(download))
            if problem:
                report(problem, self.env.srcdir)
                download.replace_self(nodes.inline("", "", *download.children))


def refuse_outside_pages(app: Sphinx, docname: str, source: list[str]) -> None:
    """A page that is a link to a file outside the project is not read: a stub stands in for it."""
    path = app.env.doc2path(docname)
    if is_inside(path, app.srcdir):
        return
    if not docname.startswith(app.config.edition_register_dir + "/"):  # the register reports its own files
        problem = Problem(
            "outside-file",
            "the page leads outside the project; it is not read",
            project_path(app.srcdir, path),
            1,
            outside_hint(Path(path)),
        )
        report(problem, app.srcdir)
    source[0] = f"---\norphan: true\n---\n# {docname.rsplit('/', 1)[-1]}\n"  # no toctree warning on top


def copy_no_outside_source(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Sphinx copies a page's source into ``_sources/``: never that of a page that leads outside the project."""
    if doctree is not None and not is_inside(app.env.doc2path(pagename), app.srcdir):
        context["sourcename"] = ""


def setup(app: Sphinx) -> None:
    """Put the confined directives in place of docutils', Sphinx's and MyST's; check images, downloads and pages."""
    for name, directive in READING_DIRECTIVES.items():
        app.add_directive(name, directive, override=True)
    app.add_transform(ConfinePublishedFiles)
    app.connect("source-read", refuse_outside_pages, priority=100)
    app.connect("html-page-context", copy_no_outside_source)
