"""The witness on the page: the diplomatic view, the side-by-side view and the witness's capture record.

Why a separate block, built at build time: hiding pieces of the reading text with CSS (the first design)
left editorial signs behind (note markers, paragraph numbers, brackets of hidden supplied text) and could
never give back the witness's own characters, which the edition normalises. Here the witness itself is
cut into the blocks of the edited text (``core.diplomatic.align``, the fidelity proof run backwards) and
printed as plain text beside the edited text: the diplomatic view shows only it; the side-by-side view
sets each of its blocks beside the block of the edited text that reproduces it. Both are hidden until
the reader chooses them (edition.js), and the page without JavaScript is the reading text.

The doctree: ``text_views`` wraps the ``edited_text`` between a ``witness_record`` (what the witness is,
when and how it was captured, the file to download with its SHA-256, the archived-copies lookup) and a
``witness_view`` (the blocks). Only HTML shows them; LaTeX and the text builder skip them.
"""

from __future__ import annotations

import hashlib
import re
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ...core.diplomatic import WitnessBlock, align, capture_label
from ...core.model import Problem
from ...core.paths import is_inside
from ...core.vocabulary import mixes_scripts
from ...core.witness import DIGESTS_FILE, Block, checksum_problem, compare, read_witness
from .. import fragments, markup, writers
from ..domain import bib_entries, builds_web_pages
from ..edited_text import paragraph_label
from ..editorial import Reading, source_readings
from ..editorial.omitted import omitted
from ..html import depart_div, skip
from ..languages import page_language, runs_in_language
from ..report import project_path, report

ARCHIVE_LOOKUP = "https://web.archive.org/web/*/"
"""A web archive's calendar of captures for an address: a search, which may find none."""


class text_views(nodes.General, nodes.Element):
    """The views of one text: its witness record, the witness block by block, and the edited text."""


class witness_view(nodes.General, nodes.Element):
    """The witness, block by block (``blocks``: list of (label, for, [(text, marked, lang), ...], lang): each run's
    language as the edited text's ``{lang}`` gives it, the block's that of an omitted passage (its ``:lang:``))."""


class witness_record(nodes.General, nodes.Element):
    """The capture record of a witness (``summary``), its body made of ordinary paragraphs."""


NODES = (text_views, witness_view, witness_record)


CHECKED = (nodes.paragraph, nodes.rubric, nodes.line_block, omitted)
"""The blocks of an edited text that reproduce its witness: their words are compared with it, in order."""

_LABELS: dict[type[nodes.Node], str] = {
    nodes.rubric: "the headline",
    nodes.line_block: "a line block",
    omitted: "an omitted passage",
}


def line_readings(block: nodes.line_block) -> list[Reading]:
    """A line block's source readings, its lines (a nested block's too) ended by line breaks, as the witness's are."""
    return [part for line in block.findall(nodes.line) for part in (*source_readings(line), ("\n", False, ""))]


class CheckFidelity(SphinxTransform):
    """Compare each edited text with its witness, character for character, and add the witness's views."""

    default_priority = 603  # once the paragraphs are numbered (601), before Sphinx's smart quotes (750)

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read."""
        path = project_path(self.env.srcdir, self.env.doc2path(self.env.docname))
        for text in list(self.document.findall(markup.edited_text)):
            self._check_witness(text, path)

    def _check_witness(self, text: markup.edited_text, path: str) -> None:
        witness = text["witness"]
        if not witness:
            report(
                Problem(
                    "witness-missing",
                    "the edited text declares no witness",
                    path,
                    text.line,
                    "add ':witness: witnesses/<file>.txt' to the {edited-text} directive",
                ),
                self.env.srcdir,
            )
            return
        if not text["source"]:
            report(
                Problem(
                    "source-missing",
                    "the edited text declares no source",
                    path,
                    text.line,
                    "add ':source: <key>' naming the references.bib entry of the original publication",
                ),
                self.env.srcdir,
            )
        file = Path(self.env.srcdir, witness)
        if not is_inside(file, self.env.srcdir):
            report(
                Problem(
                    "witness-missing",
                    f"the witness path {witness} leads outside the project",
                    path,
                    text.line,
                    "keep witnesses in the project, e.g. witnesses/<file>.txt",
                ),
                self.env.srcdir,
            )
            return
        self.env.note_dependency(str(file))
        self.env.note_dependency(str(file.parent / DIGESTS_FILE))  # a changed digest is checked again
        content, reason = read_witness(file, witness)
        if content is None:
            report(
                Problem(
                    "witness-missing", reason, path, text.line, "the witness path is relative to the project's root"
                ),
                self.env.srcdir,
            )
            return
        altered = checksum_problem(file, file.parent / DIGESTS_FILE, witness, Path(self.env.srcdir), path, text.line)
        if altered:
            report(altered, self.env.srcdir)
        blocks = []
        block_nodes = []
        for node in text.findall(lambda n: isinstance(n, CHECKED)):
            label = paragraph_label(node) if isinstance(node, nodes.paragraph) else None
            if markup.is_in(node, nodes.footnote, omitted, nodes.line_block) or (
                isinstance(node, nodes.paragraph) and not label
            ):
                continue
            label = label or next(name for kind, name in _LABELS.items() if isinstance(node, kind))
            readings = line_readings(node) if isinstance(node, nodes.line_block) else source_readings(node)
            blocks.append(Block(label, tuple(text for text, _, _ in readings), node.line))
            block_nodes.append((label, node, readings))
        problem = compare(content, blocks, self.env.docname, path, text.line)
        if problem:
            report(problem, self.env.srcdir)
        add_views(self.env, self.document, text, witness, content, block_nodes)


def add_views(
    env: BuildEnvironment,
    document: nodes.document,
    text: markup.edited_text,
    witness: str,
    content: str,
    block_nodes: list[tuple[str, nodes.Element, list[Reading]]],
) -> None:
    """Wrap the edited text in its views: the capture record and the witness cut into its blocks."""
    pairs = []
    for number, (_, node, _readings) in enumerate(block_nodes, 1):
        if not node["ids"]:  # the omitted passages and the headline get an anchor of their own
            anchor = f"block-{number}"
            if anchor in document.ids:  # a second text on the page (an error reported elsewhere): no pairing
                pairs.append("")
                continue
            node["ids"].append(anchor)
            document.ids[anchor] = node
        pairs.append(node["ids"][0])
    aligned = align(content, [(label, readings) for label, _, readings in block_nodes])
    if aligned is None:  # the fidelity check reports why; the view shows the witness whole
        blocks = [("the witness", "", [(content.strip(), False, "")], "")]
    else:
        languages = [node.get("lang", "") if isinstance(node, omitted) else "" for _, node, _ in block_nodes]
        blocks = [
            (b.label, anchor, _pieces(b), language)
            for b, anchor, language in zip(aligned, pairs, languages, strict=True)
        ]
    views = text_views()
    views += witness_record_node(env, text, witness, content)
    text.replace_self(views)
    views += text
    views += witness_view(blocks=blocks, witness=witness)


def _pieces(block: WitnessBlock) -> list[tuple[str, bool, str]]:
    return [(piece.text, piece.marked, piece.language) for piece in block.pieces]


def witness_record_node(env: BuildEnvironment, text: markup.edited_text, witness: str, content: str) -> witness_record:
    """The capture record: what the witness is, when and how it was captured, its file and digest, its address."""
    captured = text.get("captured", "")
    note = text.get("capture_note", "")
    name = Path(witness).name
    summary = "About the witness" + (f": captured {capture_label(captured)}" if captured else "")
    record = witness_record(summary=summary)
    if note:
        record += nodes.paragraph(note, note)
    if captured:
        para = nodes.paragraph()
        para += nodes.Text(f"Captured {capture_label(captured)}.")  # the EDTF value is the TEI header's
        record += para
    data = content.encode("utf-8")  # the file's bytes: it was read as UTF-8, which gives them back unchanged
    para = nodes.paragraph()
    para += nodes.Text("The file as captured: ")
    para += _download(witness, name)
    para += nodes.Text(f" ({len(data):,} bytes, UTF-8), SHA-256 ")
    para += nodes.literal("", hashlib.sha256(data).hexdigest(), classes=["edition-digest"])
    sums = Path(witness).parent / DIGESTS_FILE
    if Path(env.srcdir, sums).is_file():
        para += nodes.Text(", as recorded in ")
        para += _download(sums.as_posix(), DIGESTS_FILE)
    para += nodes.Text(". It is never edited; every build checks it against that digest.")
    record += para
    entry = bib_entries(env).get(text["source"]) if text["source"] else None
    url = str(entry.fields.get("url", "")) if entry is not None else ""
    if url.startswith(("https://", "http://")):
        para = nodes.paragraph()
        para += nodes.Text("Its address: ")
        para += nodes.reference(url, url, refuri=url)
        para += nodes.Text(" (")
        para += nodes.reference("", "look up archived copies", refuri=ARCHIVE_LOOKUP + quote(url, safe=":/?=&%#~"))
        para += nodes.Text(" in the Internet Archive's Wayback Machine: a search, which may find none).")
        record += para
    return record


def _download(target: str, label: str) -> addnodes.download_reference:
    ref = addnodes.download_reference("", "", reftarget="/" + target, refexplicit=True)
    ref += nodes.literal(label, label)
    return ref


# --- HTML ------------------------------------------------------------------------------------------

Runs = list[tuple[str, str]]
"""Runs of text, each with its language tag ('' for the page's): what the fragments' ``in_language`` writes."""


def visit_text_views(self: Any, node: text_views) -> None:
    self.body.append('<div class="edition-views">')


def visit_witness_record(self: Any, node: witness_record) -> None:
    if not builds_web_pages(self.builder):  # an EPUB has no views to switch: the edited text alone, as in print
        raise nodes.SkipNode
    self.body.append(f'<details class="edition-capture"><summary>{escape(node["summary"])}</summary>')


def depart_witness_record(self: Any, node: witness_record) -> None:
    self.body.append("</details>")


def visit_witness_view(self: Any, node: witness_view) -> None:
    """The witness's blocks as plain text: no sign, no marker, nothing the witness does not show."""
    if not builds_web_pages(self.builder):  # an EPUB has no views to switch: the edited text alone, as in print
        raise nodes.SkipNode
    page = page_language(self)
    blocks = []
    for label, anchor, pieces, language in node["blocks"]:
        mixed = mixes_scripts("".join(text for text, _, _ in pieces))
        shown: list[tuple[Runs, bool]] = []  # the block's runs of text, each flagged if an intervention touched it
        for text, marked, tag in pieces:
            if marked:
                shown += _marked(text, tag or language, page, mixed)
            else:
                shown.append((runs_in_language(text, tag or language, page, mixed), False))
        blocks.append({"label": label, "anchor": anchor, "pieces": shown})
    self.body.append(fragments.render("witness-view.html", witness=node["witness"], blocks=blocks))
    raise nodes.SkipNode


_INK = re.compile(r"\S(?:[^\n]*\S)?")
"""A line's text without the white space around it: only ink is marked, not blank lines."""


def _marked(text: str, language: str, page: str, mixed: bool) -> list[tuple[Runs, bool]]:
    """A piece an intervention touched, its ink marked (and its language tagged): its runs, each flagged if marked."""
    out: list[tuple[Runs, bool]] = []
    start = 0
    for found in _INK.finditer(text):
        out.append(([(text[start : found.start()], "")], False))
        out.append((runs_in_language(found.group(), language, page, mixed), True))
        start = found.end()
    return [*out, ([(text[start:], "")], False)]


def setup(app: Sphinx) -> None:
    """Register the nodes: HTML shows the views; LaTeX and text print the edited text alone."""
    writers.add_node(app, text_views, html=(visit_text_views, depart_div), latex=writers.KEEP_TEXT,
                     text=writers.KEEP_TEXT, man=writers.KEEP_TEXT, texinfo=writers.KEEP_TEXT)  # fmt: skip
    web_only = (skip, None)  # the witness's record and views are the web edition's; print gives the reading text
    writers.add_node(
        app,
        witness_record,
        html=(visit_witness_record, depart_witness_record),
        latex=web_only,
        text=web_only,
        man=web_only,
        texinfo=web_only,
    )
    writers.add_node(app, witness_view, html=(visit_witness_view, None), latex=web_only, text=web_only, man=web_only,
                     texinfo=web_only)  # fmt: skip
