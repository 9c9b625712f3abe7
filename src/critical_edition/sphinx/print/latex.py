"""LaTeX output: the texts set as critical editions are set (reledmac), the book's order, the indices.

An edited text becomes numbered lines (``\\beginnumbering``, one ``\\pstart … \\pend`` a paragraph), its
interventions a textual apparatus at the foot keyed by line and lemma (series A), its critical notes a
list after the text keyed by line; entity glosses stay off the text pages (the register carries them).
The layout lives in a LaTeX package the build writes (``critical-edition.sty``); an edition's own
``latex_elements`` choose its fonts.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.nodes import make_id
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import texescape
from sphinx.util.texescape import escape

from ...core.collation import filing_name, sort_key
from ...core.syntax import apparatus_reading
from ...profile import active
from .. import identity, markup, writers
from ..addresses import address_link
from ..citation.author_year import short_citation
from ..domain import bib_entries, edition_data, edition_language, edition_register
from ..editorial.omitted import omitted
from ..quotes import curled
from ..reading import APPARATUS_CLASS
from ..register.name_index import NAMES_FILE
from .book import (
    BibliographyInPlace,
    BookOrder,
    NamesUnbroken,
    NotesNumberedByChapter,
    mark_bibliography,
    separate_adjacent_marks,
)

PACKAGE = "critical-edition"
"""The LaTeX package the build writes beside the .tex file."""


LEMMA_WORDS = 3
"""How many words before a note's mark stand as its lemma in the notes after the text."""


# --- nodes that exist only in the LaTeX doctree -------------------------------------------------


class numbered_paragraph(nodes.Part, nodes.Element):
    """A paragraph of an edited text, set with numbered lines (``heading``: the text's own headline)."""


class line_label(nodes.Inline, nodes.Element):
    """The place of a note's mark in an edited text; the note refers to it by line (``label``)."""


class text_notes(nodes.General, nodes.Element):
    """The critical notes of an edited text, printed after it, each keyed by line and lemma."""


class text_note(nodes.Part, nodes.Element):
    """One critical note: ``label`` of its place in the text and ``lemma``; the note's paragraphs."""


class omission_note(nodes.Inline, nodes.Element):
    """Source passages left out of the text, as one apparatus entry (``entries``: reason, passage)."""


# --- the book's layout ------------------------------------------------------------------------


def package_source(config: Config) -> str:
    """The text of ``critical-edition.sty``: reledmac's setup, the notes after a text, the running heads,
    the indices."""
    short = escape(config.html_short_title or config.project)
    indices = "\n".join(
        rf"\makeindex[name={kind},title={{{title}}},columns=2]" for kind, title in active().indices.items()
    )
    return rf"""\NeedsTeXFormat{{LaTeX2e}}
\ProvidesPackage{{{PACKAGE}}}[2026/11/26 critical_edition: texts with numbered lines and an apparatus]
\RequirePackage[noautomatic]{{imakeidx}}
\RequirePackage{{needspace}}
\RequirePackage[series={{A}},noend,noeledsec]{{reledmac}}
% numbered lines: every fifth line, counted anew in each text, in the left margin
\lineation{{section}}
\linenummargin{{left}}
\firstlinenum{{5}}
\linenumincrement{{5}}
\renewcommand*{{\numlabfont}}{{\normalfont\scriptsize\sffamily}}
\setlength{{\ledrsnotewidth}}{{1.4cm}}
\setlength{{\ledrsnotesep}}{{0.5cm}}
% the apparatus (series A): one paragraph at the foot, line number in bold, entries separated
\Xarrangement[A]{{paragraph}}
% reledmac estimates the height of paragraph notes by this factor (default 64); too low, and a page of text
% and apparatus overfills its bottom (reledmac issue 256): estimate generously
\renewcommand*{{\footfudgefiddle}}{{100}}
\Xnotenumfont[A]{{\normalfont\bfseries}}
\Xlemmafont[A]{{\normalfont}}
\Xnotefontsize[A]{{\footnotesize}}
\Xbeforenotes[A]{{0.9em}}
\Xsymlinenum[A]{{\,\textbar\,}}
\Xnumberonlyfirstinline[A]
\Xnumberonlyfirstintwolines[A]
\Xafterrule[A]{{0.4em}}
\Xhangindent[A]{{0pt}}
\Xparindent[A]
\Xmaxhnotes[A]{{0.33\textheight}}
% a note is not split across pages (a split note beside the apparatus overfills the page)
\interfootnotelinepenalty=10000
% a paragraph number of the edition, in the right margin
\newcommand{{\editionparanumber}}[1]{{\ledrightnote{{\normalfont\footnotesize\sffamily\color{{black}}\P\,#1}}}}
\newcommand{{\editionheadline}}[1]{{\noindent{{\large\bfseries #1}}}}
\newcommand{{\editionparskip}}{{\par\vspace{{0.6ex plus 0.3ex}}}}
% the critical notes after a text: line number, lemma, note
\newenvironment{{editionnotes}}{{\begin{{list}}{{}}{{\small\setlength{{\leftmargin}}{{2.2em}}%
  \setlength{{\labelwidth}}{{2em}}\setlength{{\labelsep}}{{0.2em}}\setlength{{\itemsep}}{{0.5ex}}%
  \setlength{{\parsep}}{{0.3ex}}\renewcommand{{\makelabel}}[1]{{\hfil\bfseries##1}}}}}}{{\end{{list}}}}
\newcommand{{\editionnote}}[2]{{\item[\edlineref{{#1}}] \textit{{#2}}\,]\enskip\ignorespaces}}
% running heads: the edition's short title on left pages, the chapter on right pages, on one line
\setlength{{\headheight}}{{14pt}}
\fancypagestyle{{normal}}{{\fancyhf{{}}\renewcommand{{\headrulewidth}}{{0pt}}\renewcommand{{\footrulewidth}}{{0pt}}%
  \fancyhead[LE,RO]{{\small\thepage}}\fancyhead[RE]{{\small\itshape {short}}}%
  \fancyhead[LO]{{\small\itshape\nouppercase{{\leftmark}}}}}}
\fancypagestyle{{plain}}{{\fancyhf{{}}\renewcommand{{\headrulewidth}}{{0pt}}\renewcommand{{\footrulewidth}}{{0pt}}%
  \fancyfoot[C]{{\small\thepage}}}}
\renewcommand{{\chaptermark}}[1]{{\markboth{{#1}}{{#1}}}}
% a page of figures (the map, the timeline) starts at its top, as the text pages do, not in its middle
\setlength{{\@fptop}}{{0pt}}\setlength{{\@fpbot}}{{0pt plus 1fil}}
% print as a press prints: links work but are not coloured; names upright, titles of works italic
\hypersetup{{hidelinks}}
\AtBeginDocument{{\renewcommand*{{\sphinxcrossref}}[1]{{#1}}}}
% the contents are "Contents" (Sphinx would name them after the root page's first toctree caption), under a
% heading of the chapters' look without their deep sink, the parts a little closer: a page holds them whole
\AtBeginDocument{{\let\edition@toc\sphinxtableofcontents
  \renewcommand{{\sphinxtableofcontents}}{{\renewcommand{{\contentsname}}{{Contents}}%
    \def\@makeschapterhead##1{{{{\parindent\z@\normalfont\DOTIS{{##1}}\vskip-25\p@}}}}%
    \let\edition@lchapter\l@chapter
    \def\l@chapter{{\vskip-0.4em\relax\edition@lchapter}}%
    \edition@toc}}}}
% right-to-left runs (Arabic script) in their own order, in the font the edition gives them (its preamble
% may \def\editionrtlfont to a font family loaded with Script=Arabic, so that the letters join)
\ifdefined\TeXXeTstate\TeXXeTstate=1\fi
\providecommand{{\editionrtlfont}}{{}}
% the list of sources on the bibliography's page, without a chapter of its own, ragged right: its addresses
% break only between their parts, and a justified line would open gaps between the words before them
\newcommand{{\editionbibliographyinplace}}{{\renewenvironment{{sphinxthebibliography}}[1]{{\def\chapter*####1{{}}%
  \let\@mkboth\@gobbletwo\begin{{thebibliography}}{{##1}}\raggedright}}{{\end{{thebibliography}}}}}}
% no page break inside one entry of an index, and an en dash in page ranges (the engine runs makeindex with
% Sphinx's style, which opens an index with sphinxtheindex and writes "--" between pages)
\AtBeginEnvironment{{theindex}}{{\interlinepenalty=10000\relax\addfontfeatures{{Ligatures=TeX}}}}
% each index a section on a page of its own (two on one page make multicols overfill it; a chapter each
% would open each with a third of a page of space), the first just below the heading "Indices"
% each under the running heads of the book, its own title on right-hand pages; the first, under the chapter's
% heading, on a chapter's opening page
\newcommand{{\editionprintindexhere}}[1]{{\begingroup\let\imki@clearpage\relax\def\imki@firstpagestyle{{plain}}%
  \printindex[#1]\endgroup}}
\renewenvironment{{sphinxtheindex}}{{\begin{{theindex}}}}{{\end{{theindex}}}}
\indexsetup{{level=\section*,toclevel=section,firstpagestyle=normal,headers={{{{\indexname}}{{\indexname}}}}}}
% the index of names in every script (edition-names.ltx): a letter, then each form, its entry and page
\newcommand{{\editionnameletter}}[1]{{\par\needspace{{3\baselineskip}}\medskip{{\bfseries #1}}\par\nopagebreak}}
\newcommand{{\editionname}}[2]{{\par\hangindent=1.5em\noindent #1, #2}}
% a title in an index entry: a macro that \index writes alike whether it reads the entry as typed or, in a heading,
% as tokens (the robust \textit was written with two spaces there, and makeindex made two entries of one title)
\protected\def\editionindextitle#1{{\textit{{#1}}}}
{indices}
"""


def write_package(app: Sphinx) -> None:
    """Write the LaTeX package beside the .tex file (LaTeX builds only)."""
    if app.builder.format != "latex":
        return
    out = Path(app.builder.outdir)
    out.mkdir(parents=True, exist_ok=True)
    path, text = out / f"{PACKAGE}.sty", package_source(app.config)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def print_indices(kinds: Collection[str]) -> str:
    """LaTeX that prints the indices of the profile's indexed kinds among ``kinds`` (those with entries) at the
    end of the book, under one heading; nothing without one (an empty index would print a page of headings)."""
    indexed = [kind for kind in active().indices if kind in kinds]
    if not indexed:
        return ""
    first, *others = indexed
    return "\n".join(
        [r"\chapter{Indices}", rf"\editionprintindexhere{{{first}}}", *(rf"\printindex[{k}]" for k in others),
         rf"\clearpage\InputIfFileExists{{{NAMES_FILE}}}{{}}{{}}"]
    )  # fmt: skip


_PDF_STRING_SIGNS = str.maketrans({
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#", "^": r"\^{}",
    "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
})  # fmt: skip


def pdf_string(text: str) -> str:
    """Text for the PDF's metadata (hyperref's ``pdftitle`` and the like): TeX's special signs escaped, every other
    character as it is (Sphinx's escaping writes dashes and quotes as commands, which a PDF string cannot hold)."""
    return text.translate(_PDF_STRING_SIGNS)


def title_pages(config: Config) -> str:
    """The title page and its verso: title, editors, year; release, date, rights, licence, address."""
    texescape.init()  # made when the configuration is read, before the LaTeX builder would prepare the escaping
    page = identity.title_page(config)
    engine = config.latex_engine
    title, subtitle, names = escape(page.title), escape(page.subtitle), escape(page.names)
    verso = [rf"{escape(config.project)}. Release {escape(config.release)} of \mbox{{\@date}}."]  # a date unbroken
    if page.credits:
        verso.append(
            "Edited by " + "".join(address_link(p.link, engine) if p.link else escape(p.text) for p in page.credits)
        )
    verso += [escape(page.rights), address_link(page.licence_url, engine)]
    if page.address:
        verso.append(f"The edition online: {address_link(page.address, engine)}")
    keywords = pdf_string(", ".join(config.edition_keywords))
    verso_text = "\\par\\medskip\n".join(verso)
    return rf"""\makeatletter
\hypersetup{{pdftitle={{{pdf_string(config.project)}}},pdfauthor={{{pdf_string(page.names)}}},
  pdfsubject={{{pdf_string(page.subtitle or page.title)}}},pdfkeywords={{{keywords}}},
  pdflang={{{edition_language(config)}}}}}
\begin{{titlepage}}
\centering\sffamily
\vspace*{{0.16\textheight}}
{{\Huge\bfseries {title}\par}}
\vspace{{1.5em}}
{{\Large {subtitle}\par}}
\vspace{{4em}}
{{\large {names}\par}}
\vfill
{{\large {page.year}\par}}
\end{{titlepage}}
\thispagestyle{{empty}}\null\vfill
\noindent\begin{{minipage}}[b]{{\textwidth}}\small\raggedright
{verso_text}\par
\end{{minipage}}
\clearpage
\makeatother"""


def configure(app: Sphinx, config: Config) -> None:
    """The title pages, unless the edition sets its own; the engine runs makeindex itself."""
    config.latex_elements.setdefault("maketitle", title_pages(config))
    config.latex_elements.setdefault("makeindex", "")


def indices_with_entries(app: Sphinx, env: BuildEnvironment) -> None:
    """Once every page is read: the indices to print, those of the kinds the pages mention (unless the edition
    sets its own ``printindex``). Sphinx's LaTeX writer takes the element from the builder's context."""
    if getattr(app.builder, "format", "") != "latex" or "printindex" in app.config.latex_elements:
        return
    register = edition_register(env)
    kinds = {e.kind for m in edition_data(env).all_mentions() if (e := register.get(m.entity_id)) is not None}
    app.builder.context["printindex"] = print_indices(kinds)  # type: ignore[attr-defined]


# --- the texts as numbered lines ----------------------------------------------------------------


def _words_before(node: nodes.Node, paragraph: nodes.Element) -> str:
    """The last words of the paragraph's text before ``node``: a note's lemma."""
    before = ""
    for item in paragraph.findall(lambda n: n is node or isinstance(n, nodes.Text)):
        if item is node:
            break
        before += item.astext()
    words = " ".join(before.split()).split(" ")
    return " ".join(words[-LEMMA_WORDS:]).strip("“”\"'‘’,.;:–—()[] ")


LIST_END = 3
"""The last items of a long list stay on one page: a page never holds a list's last line alone."""


def keep_end_together(listing: nodes.bullet_list) -> None:
    r"""Start the last ``LIST_END`` items of a list of more than twice as many on a new page unless about
    six lines are left on this one (``needspace``; a penalty between items cannot do it, as ``\item`` adds
    its own)."""
    items = [item for item in listing.children if isinstance(item, nodes.list_item)]
    if len(items) <= 2 * LIST_END:
        return
    before = items[-LIST_END - 1]
    if before.children and isinstance(before.children[-1], nodes.paragraph):
        before.children[-1] += nodes.raw("", r"\par\needspace{6\baselineskip}", format="latex")


def keep_list_ends_together(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In print, the ends of long lists, once every list is made (the timeline's is made when the doctree is
    resolved: this runs after the other handlers)."""
    if app.builder.format == "latex":
        for listing in doctree.findall(nodes.bullet_list):
            keep_end_together(listing)


class PrintLayout(SphinxPostTransform):
    """Set each edited text as numbered lines, its notes after it, its omissions in the apparatus;
    leave out what belongs to the screen (the apparatus list, gloss notes, empty sections)."""

    default_priority = 700  # after LaTeXFootnoteTransform (600) has put each note where it is marked
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for text in list(self.document.findall(markup.edited_text)):
            notes = self._number(text)
            section = markup.enclosing(text, nodes.section)
            if notes.children:
                title = "Notes on the text"
                block = nodes.section("", nodes.title(title, title), notes)
                if section is not None and section.parent is not None:
                    section.parent.insert(section.parent.index(section) + 1, block)
                else:
                    text.parent.insert(text.parent.index(text) + 1, notes)
        self._shorten_source_notes()
        mark_bibliography(self.document)
        separate_adjacent_marks(self.document)
        for listing in list(self.document.findall(nodes.bullet_list)):
            if APPARATUS_CLASS in listing["classes"]:
                listing.parent.remove(listing)
        for section in list(self.document.findall(nodes.section)):
            if not "".join(c.astext() for c in section.children if not isinstance(c, nodes.title)).strip():
                section.parent.remove(section)  # e.g. the notes of the screen, now at the foot or after the text

    def _shorten_source_notes(self) -> None:
        """A note that only gives a source (``{footcite}``) cites it short, as the text's notes do; the
        book's bibliography gives it in full (a page of full references would outweigh the text)."""
        if self.config.bibtex_footcite_id:  # the notes' names are the edition's own: they cannot be told
            return
        entries = bib_entries(self.env)
        keys = {make_id(f"footcite-{key}"): key for key in entries}
        for footnote in self.document.findall(nodes.footnote):
            key = next((keys[name] for name in footnote["names"] if name in keys), None)
            if key is None:
                continue
            footnote[:] = [c for c in footnote.children if isinstance(c, nodes.label)]
            footnote += nodes.paragraph("", "", *short_citation(entries[key]))

    @staticmethod
    def _omissions(
        passages: list[tuple[str, str]], before: numbered_paragraph | None, after: numbered_paragraph | None
    ) -> None:
        """One apparatus entry for a run of omitted passages, at the end of the paragraph before them
        (its last words the lemma) or, at the text's start, at the beginning of the one after."""
        if before is not None:
            words = before.astext().split()
            before += omission_note(entries=passages, lemma=" ".join(words[-2:]), where="after")
        elif after is not None:
            words = after.astext().split()
            after.insert(0, omission_note(entries=passages, lemma=" ".join(words[:2]), where="before"))

    def _number(self, text: markup.edited_text) -> text_notes:
        """Turn the text's paragraphs into numbered ones; collect its notes; move omissions to the apparatus."""
        notes = text_notes()
        for footnote in list(text.findall(nodes.footnote)):
            paragraph = markup.enclosing(footnote, nodes.paragraph)
            if "entity-note" in footnote["classes"] or paragraph is None:
                footnote.parent.remove(footnote)  # glosses: the register and the index carry them
                continue
            label = f"note-{footnote['ids'][0]}" if footnote["ids"] else f"note-{len(notes)}"
            lemma = _words_before(footnote, paragraph)
            footnote.replace_self(line_label(label=label))
            note = text_note(label=label, lemma=lemma)
            note.extend(child for child in footnote.children if not isinstance(child, nodes.label))
            notes += note
        for mark in list(text.findall(nodes.footnote_reference)):
            mark.parent.remove(mark)
        pending: list[tuple[str, str]] = []
        previous: numbered_paragraph | None = None
        for child in list(text.children):
            if isinstance(child, omitted):
                pending.append((child["reason"], child["text"]))
                text.remove(child)
                continue
            if isinstance(child, (nodes.paragraph, nodes.rubric)):
                numbered = numbered_paragraph(heading=isinstance(child, nodes.rubric))
                numbered.extend(child.children)
                text.replace(child, numbered)
                if pending:
                    self._omissions(pending, previous, numbered)
                    pending = []
                previous = numbered
        if pending:
            self._omissions(pending, previous, None)
        return notes


# --- visitors -----------------------------------------------------------------------------------


def _escape_index(self: Any, text: str) -> str:
    escaped: str = self.encode(text)
    for ch in '@!|"':
        escaped = escaped.replace(ch, '"' + ch)
    return escaped


def visit_entity_ref(self: Any, node: markup.entity_ref) -> None:
    entity = edition_register(self.builder.env).get(node["entity_id"])
    if entity is not None and active().is_title(entity.kind):
        self.body.append(r"\textit{")


def depart_entity_ref(self: Any, node: markup.entity_ref) -> None:
    entity = edition_register(self.builder.env).get(node["entity_id"])
    if entity is None:
        return
    titled = active().is_title(entity.kind)
    if titled:
        self.body.append("}")
    if entity.kind not in active().indices:
        return
    label = _escape_index(self, curled(filing_name(entity), self.config))  # the sort key below stays as typed
    label = rf"\editionindextitle {{{label}}}" if titled else label  # a work's title in italics, as in the text
    scripts = [n.text for n in entity.names if n.type == "native" and n.text != entity.name]
    if scripts:
        label += _escape_index(self, f" ({curled(scripts[0], self.config)})")
    key = sort_key(filing_name(entity))
    self.body.append(rf"\index[{entity.kind}]{{{_escape_index(self, key)}@{label}}}")


def visit_omission_note(self: Any, node: omission_note) -> None:
    parts = []
    for reason, passage in node["entries"]:
        reading = apparatus_reading(passage)
        why = curled(
            "; ".join(filter(None, [active().omission_reasons.get(reason, reason), reading.note])), self.config
        )
        parts.append(rf"“{self.encode(reading.shown)}” (\textit{{{self.encode(why)}}})")  # the reading set off
    where = r"\textit{the source adds}" if node["where"] == "after" else r"\textit{the source has before it}"
    self.body.append(
        r"\edtext{}{\lemma{" + self.encode(node["lemma"]) + r"}\Afootnote{" + where + " " + "; ".join(parts) + "}}"
    )
    raise nodes.SkipNode


def visit_para_number(self: Any, node: markup.para_number) -> None:
    # in numbered text its anchor stands before the paragraph: a raised anchor inside would overfill the line
    if markup.is_in(node, numbered_paragraph):
        self.body.append(r"\editionparanumber{" + self.encode(node["number"]) + "}")
    else:
        self.body.append(self.hypertarget(node["refid"], anchor=True))
        self.body.append(r"\marginpar{\footnotesize\sffamily " + self.encode(node["number"]) + "}")
    raise nodes.SkipNode


def visit_numbered_paragraph(self: Any, node: numbered_paragraph) -> None:
    anchors = "".join(self.hypertarget(n["refid"], anchor=True) for n in node.findall(markup.para_number))
    self.body.append(f"\n\\editionparskip{anchors}\\pstart\n" + (r"\editionheadline{" if node["heading"] else ""))


def depart_numbered_paragraph(self: Any, node: numbered_paragraph) -> None:
    self.body.append(("}" if node["heading"] else "") + "\n\\pend\n")


def visit_edited_text(self: Any, node: markup.edited_text) -> None:
    self.body.append("\n\\medskip\n\\beginnumbering\n")


def depart_edited_text(self: Any, node: markup.edited_text) -> None:
    self.body.append("\n\\endnumbering\n")


def visit_line_label(self: Any, node: line_label) -> None:
    self.body.append(r"\edlabel{" + node["label"] + "}")
    raise nodes.SkipNode


def visit_text_notes(self: Any, node: text_notes) -> None:
    self.body.append("\n\\begin{editionnotes}\n")


def depart_text_notes(self: Any, node: text_notes) -> None:
    self.body.append("\n\\end{editionnotes}\n")


def visit_text_note(self: Any, node: text_note) -> None:
    self.body.append(r"\editionnote{" + node["label"] + "}{" + self.encode(node["lemma"]) + "}")


def noop(self: Any, node: nodes.Element) -> None:
    pass


VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    markup.entity_ref: (visit_entity_ref, depart_entity_ref),
    markup.edited_text: (visit_edited_text, depart_edited_text),
    markup.para_number: (visit_para_number, None),
}

LATEX_VISITORS: dict[type[nodes.Element], tuple[Any, Any]] = {
    numbered_paragraph: (visit_numbered_paragraph, depart_numbered_paragraph),
    line_label: (visit_line_label, None),
    text_notes: (visit_text_notes, depart_text_notes),
    text_note: (visit_text_note, noop),
    omission_note: (visit_omission_note, None),
}


def setup(app: Sphinx) -> None:
    """Register the print layout: its nodes, its transform, its package and its indices."""
    for node, visitors in LATEX_VISITORS.items():
        writers.add_node(app, node, latex=visitors)  # made by the print layout, for LaTeX only
    app.add_post_transform(PrintLayout)
    app.add_post_transform(BookOrder)
    app.add_post_transform(NotesNumberedByChapter)
    app.add_post_transform(NamesUnbroken)
    app.add_post_transform(BibliographyInPlace)
    app.add_latex_package(PACKAGE, after_hyperref=True)
    app.connect("config-inited", configure)
    app.connect("env-updated", indices_with_entries)
    app.connect("builder-inited", write_package)
    app.connect("doctree-resolved", keep_list_ends_together, priority=900)
