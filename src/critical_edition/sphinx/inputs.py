"""Guards on the input files, before and while Sphinx and sphinxcontrib-bibtex read them.

A broken references.bib or a page that is not UTF-8 would otherwise stop the build with a
traceback, and a source address such as ``javascript:`` would become a link in the pages; raw
HTML in an article or an annotation would be published as it is, scripts included. Each is
reported as a warning with file and line, and kept out of the build: what a contributor types is
printed, never run.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..core.bibliography import (
    inherit_crossrefs,
    is_web_address,
    make_printable,
    read_bibliography,
    remove_unsafe_urls,
)
from ..core.checks import config_problems, page_list_problems, url_problems
from ..core.model import Problem
from ..core.paths import is_inside, outside_hint
from ..core.syntax import shorten, unclosed_roles
from ..core.vocabulary import CHOICE_SETTINGS
from .domain import bib_entries
from .markup import is_in, source_lines
from .report import project_path, report

EMPTY_BIB = Path(__file__).parent.parent / "empty.bib"
LENIENT_UTF8 = "edition_utf_8_replace"
"""A codec that reads UTF-8 (with or without BOM) and turns undecodable bytes into U+FFFD."""


def _lenient_utf8(name: str) -> codecs.CodecInfo | None:
    if name != LENIENT_UTF8:
        return None
    utf8 = codecs.lookup("utf-8-sig")
    return codecs.CodecInfo(
        name=LENIENT_UTF8,
        encode=utf8.encode,
        decode=lambda data, errors="strict": utf8.decode(data, "replace"),
        incrementalencoder=utf8.incrementalencoder,
        incrementaldecoder=lambda errors="strict": utf8.incrementaldecoder("replace"),  # type: ignore[misc, arg-type]
        streamreader=utf8.streamreader,
        streamwriter=utf8.streamwriter,
    )


codecs.register(_lenient_utf8)


def check_bibliographies(app: Sphinx) -> None:
    """Report unreadable BibTeX files and unsafe addresses; give sphinxcontrib-bibtex only readable files."""
    readable: list[str] = []
    for name in app.config.bibtex_bibfiles or []:  # None when conf.py sets none: the empty bibliography
        if not is_inside(Path(app.srcdir, name), app.srcdir):  # it would be read, and copied into the data
            hint = outside_hint(Path(app.srcdir, name))
            report(Problem("outside-file", f"the bibliography {name} leads outside the project; it is not read",
                           name, 1, hint), app.srcdir)  # fmt: skip
            continue
        bib = read_bibliography(Path(app.srcdir, name), name)
        for problem in bib.problems + url_problems(bib.urls, name) + bib.incomplete:
            report(problem, app.srcdir)
        if not bib.problems:
            readable.append(name)
    app.config.bibtex_bibfiles = readable or [str(EMPTY_BIB)]


PAGE_LIST_SETTINGS = ("edition_print_front", "edition_print_back")
"""Settings whose values are lists of the edition's pages."""


def conf_file(app: Sphinx) -> tuple[str, str]:
    """conf.py as problems name it, and its text ('' when there is none: the values come from the command line)."""
    conf = Path(app.confdir, "conf.py")
    try:
        text = conf.read_text(encoding="utf-8", errors="replace")
    except OSError:  # no conf.py (sphinx-build -C)
        text = ""
    return project_path(Path(app.srcdir).resolve(), conf.resolve()), text


def check_configuration(app: Sphinx, config: Config) -> None:
    """Report an edition setting of conf.py that has no meaning, at its line; use the default instead."""
    shown, text = conf_file(app)
    values = {name: config[name] for name in CHOICE_SETTINGS}
    for problem in config_problems(values, shown, text, set(config.overrides)):
        report(problem, Path(app.srcdir).resolve())
    for name, value in values.items():
        if value not in CHOICE_SETTINGS[name]:
            config[name] = config.values[name].default


def check_page_lists(app: Sphinx, env: BuildEnvironment) -> None:
    """Report a page list of conf.py (the print's front and back matter) that names no page, at its line."""
    shown, text = conf_file(app)
    lists = {name: app.config[name] for name in PAGE_LIST_SETTINGS}
    for problem in page_list_problems(lists, env.found_docs, shown, text):
        report(problem, Path(app.srcdir).resolve())


def remove_unsafe_bib_urls(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Take every address that is not http(s) out of the parsed entries, complete them from their crossref
    parents and make them printable (``check_bibliographies`` reports what they lacked), before any page or
    writer uses them.

    sphinxcontrib-bibtex has parsed the files (builder-inited); the bibliographies, footnotes, page
    metadata, citation files and TEI all read these entries, so this is the one place that cleans them.
    """
    entries = bib_entries(env)
    inherit_crossrefs(entries)
    for key, entry in entries.items():
        remove_unsafe_urls(entry)
        make_printable(key, entry)


def report_undecodable_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Report pages that are not UTF-8, with the line of the first bad byte; they are read leniently."""
    env.settings["input_encoding"] = LENIENT_UTF8  # no crash: bad bytes become U+FFFD, and the warning fails -W
    register_prefix = app.config.edition_register_dir + "/"
    for docname in list(docnames):
        path = Path(env.doc2path(docname))
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as err:
            if not docname.startswith(register_prefix):  # the register reports its own files
                line = path.read_bytes()[: err.start].count(b"\n") + 1
                shown = project_path(app.srcdir, path)
                report(
                    Problem("bad-encoding", f"{path.name} is not valid UTF-8", shown, line, "save the file as UTF-8"),
                    app.srcdir,
                )
        except OSError:
            continue


SCRIPT_LINK = re.compile(r"(?:\]\(\s*<?|\]:\s*<?|<)\s*((?:javascript|vbscript|file|data)\s*:[^\s>]*)", re.I)
"""A Markdown link (inline, reference definition or autolink) to a script or a file, which markdown-it
leaves as text: it is reported, as the author meant a link."""
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def is_safe_link(uri: str) -> bool:
    """Whether a link of the sources may stay a link: http(s) with a host, mailto, or within the edition."""
    if uri.lower().startswith("mailto:"):
        return True
    if _SCHEME.match(uri) or uri.startswith("//"):
        return is_web_address(uri)
    try:
        return not urlsplit(uri).scheme
    except ValueError:
        return False


class RejectRawMarkup(SphinxTransform):
    """Raw HTML and links to anything but http(s), mailto or the edition: reported at their line, printed as text."""

    default_priority = 600  # before the edition adds the register's text (601-609), which the register checks cover

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read."""
        reported: set[tuple[str, int, str]] = set()
        for raw in list(self.document.findall(nodes.raw)):
            text = raw.astext()
            formats = raw.get("format", "").split()
            kind = "HTML" if "html" in formats or not formats else f"'{' '.join(formats)}' markup"
            self._report(
                "raw-markup",
                f"raw {kind} is not allowed in the edition's sources: {shorten(text, 60)!r}",
                "write it as MyST; HTML typed by a contributor is never run",
                raw,
                reported,
                key="",  # one report per line: an opening and a closing tag are one mistake
            )
            if isinstance(raw.parent, nodes.TextElement):
                raw.replace_self(nodes.literal(text, text))
            else:
                raw.replace_self(nodes.literal_block(text, text, language="text"))
        for node in list(self.document.findall(lambda n: isinstance(n, nodes.reference | nodes.target))):
            uri = node.get("refuri")
            if uri is None or is_safe_link(uri):
                continue
            self._report("bad-link", *_link_problem(uri), node, reported, key=uri)
            if isinstance(node, nodes.reference):
                node.replace_self(node.children)  # the link's text, no longer a link
            else:
                del node["refuri"]
        for text_node in list(self.document.findall(nodes.Text)):
            if is_in(text_node, nodes.literal, nodes.literal_block, nodes.raw, nodes.comment):
                continue
            for match in SCRIPT_LINK.finditer(str(text_node)):
                target = _link_target(match.group(1))
                self._report("bad-link", *_link_problem(target), text_node.parent, reported, key=target)

    def _report(
        self, code: str, message: str, hint: str, node: nodes.Node, reported: set[tuple[str, int, str]], key: str
    ) -> None:
        line = node_line(node)
        if (code, line, key) in reported:  # an rST link and its target, or the two tags of an element: once
            return
        reported.add((code, line, key))
        report(
            Problem(code, message, project_path(self.env.srcdir, self.env.doc2path(self.env.docname)), line, hint),
            self.env.srcdir,
        )


class ReportUnclosedRoles(SphinxTransform):
    """A role whose text has no closing backquote, which MyST prints as it is typed: reported at its line."""

    default_priority = 606

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read."""
        path = project_path(self.env.srcdir, self.env.doc2path(self.env.docname))
        for role, line in unclosed_roles("\n".join(source_lines(self.env))):
            report(
                Problem(
                    "bad-markup",
                    f"the {{{role}}} role has no closing backquote",
                    path,
                    line,
                    "end the role's text with ` on the same paragraph",
                ),
                self.env.srcdir,
            )


def _link_problem(uri: str) -> tuple[str, str]:
    return (
        f"a link to {shorten(uri, 60)!r} is not allowed: only http(s), mailto and pages of the edition",
        "link to a full https:// address; a script or a file typed by a contributor is never run",
    )


def _link_target(text: str) -> str:
    """The target of a Markdown link as typed, without the ``)`` that closes the link or a full stop after it."""
    while text and (text[-1] in ".,;:" or (text[-1] == ")" and text.count(")") > text.count("("))):
        text = text[:-1]
    return text


def node_line(node: nodes.Node | None) -> int:
    """The source line of a node, or of the nearest ancestor that has one (1 when none has)."""
    while node is not None:
        if getattr(node, "line", None):
            return int(node.line)  # type: ignore[union-attr]
        node = node.parent
    return 1


def setup(app: Sphinx) -> None:
    """Connect the guards: on the configuration, before the bibliographies are read, before and while pages are."""
    app.connect("config-inited", check_configuration)
    app.connect("env-check-consistency", check_page_lists)
    app.connect("builder-inited", check_bibliographies, priority=400)
    app.connect("env-before-read-docs", remove_unsafe_bib_urls)
    app.connect("env-before-read-docs", report_undecodable_pages)
    app.add_transform(RejectRawMarkup)
