"""Per-document data of the edition, collected while Sphinx reads and kept in the environment.

The transform here numbers the paragraphs of the edited text, records mentions and interventions,
adds the footnote of each entity's first mention, turns mentions into links, and checks the
edited text against its witness. The data is merged for parallel builds and purged per document.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform

from ..core.model import EditedText, Intervention, Mention, Problem
from ..core.paths import is_inside
from ..core.register import Register
from ..core.syntax import unclosed_roles
from ..core.witness import DIGESTS_FILE, Block, checksum_problem, compare, digest_problems, read_witness
from ..profile import active
from . import diplomatic, markup
from .domain import bib_entries, edition_data, edition_domain, edition_register, entity_docname, entity_pages
from .render import apparatus_nodes, entity_card_nodes, gloss_paragraph, register_list_nodes
from .report import project_path, report


class ReadEdition(SphinxTransform):
    """Number paragraphs, record mentions and interventions, add first-mention notes, check fidelity."""

    default_priority = 610  # before MyST sorts footnotes (616) and docutils numbers them (620)

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read."""
        docname = self.env.docname
        data = edition_data(self.env)
        register = edition_register(self.env)
        path = project_path(self.env.srcdir, self.env.doc2path(self.env.docname))
        texts = list(self.document.findall(markup.edited_text))
        labels = {}
        interventions: list[Intervention] = []
        for text in texts:
            labels.update(self._number_paragraphs(text))
            interventions.extend(self._interventions(text, labels, docname))
            self._check_witness(text, labels, docname, path)
        if texts:
            first = texts[0]
            data.articles[docname] = EditedText(
                docname,
                first["witness"],
                first["source"],
                path,
                first.line,
                first.get("captured", ""),
                first.get("capture_note", ""),
                first.get("summary", ""),
            )
            self._add_apparatus(interventions)
        for extra in texts[1:]:
            report(
                Problem(
                    "bad-markup",
                    "a page holds one edited text, and this is its second {edited-text} block",
                    path,
                    extra.line,
                    "put each text on a page of its own (paragraph anchors p-1, p-2... must be unique)",
                ),
                self.env.srcdir,
            )
        mentions = self._mentions(register, labels, docname, path)
        data.record_mentions(docname, mentions)
        data.interventions[docname] = interventions
        for role, line in unclosed_roles("\n".join(markup.source_lines(self.env))):
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
        if texts:
            self._first_mention_notes(register)
        self._link_mentions(register)
        self._fill_placeholders(register)

    def _fill_placeholders(self, register: Register) -> None:
        for card in list(self.document.findall(markup.entity_card)):
            entity = register.get(card["argument"])
            card.replace_self(entity_card_nodes(entity, register, self.env, self.document) if entity else [])
        for listing in list(self.document.findall(markup.register_list)):
            listing.replace_self(register_list_nodes(listing["argument"], register, self.env))

    def _number_paragraphs(self, text: nodes.Element) -> dict[int, str]:
        labels: dict[int, str] = {}
        number = 0
        for para in text.findall(nodes.paragraph):
            if markup.is_in(para, nodes.footnote, markup.omitted):
                continue
            number += 1
            anchor = f"p-{number}"
            para["ids"].insert(0, anchor)
            self.document.ids[anchor] = para
            para["classes"].append("edition-para")
            para.insert(0, markup.para_number(number=str(number), refid=anchor))
            labels[id(para)] = f"¶ {number}"
        return labels

    def _paragraph_of(self, node: nodes.Node, labels: dict[int, str]) -> tuple[str, str]:
        parent = markup.enclosing(node, nodes.paragraph)
        if parent is None or id(parent) not in labels:
            return "", ""
        return labels[id(parent)], parent["ids"][0]

    def _interventions(self, text: nodes.Element, labels: dict[int, str], docname: str) -> list[Intervention]:
        found = []
        last = "before ¶ 1"
        for node in text.findall(
            lambda n: isinstance(n, markup.corr | markup.sic | markup.supplied | markup.omitted | nodes.paragraph)
        ):
            if isinstance(node, nodes.paragraph):
                last = f"after {labels.get(id(node), last)}"
                continue
            label, anchor = self._paragraph_of(node, labels)
            if isinstance(node, markup.omitted):
                found.append(
                    Intervention(
                        "omitted", docname, last, "", node["text"], node["reason"], line=node.line,
                        lang=node.get("lang", ""),
                    )
                )  # fmt: skip
            elif isinstance(node, markup.corr):
                found.append(
                    Intervention(
                        "corr",
                        docname,
                        label,
                        node.astext(),
                        node["sic"],
                        node["reason"],
                        anchor=anchor,
                        line=node.line,
                    )
                )
            elif isinstance(node, markup.sic):
                found.append(
                    Intervention(
                        "sic", docname, label, node.astext(), node.astext(), node["note"], anchor=anchor, line=node.line
                    )
                )
            else:
                found.append(
                    Intervention(
                        "supplied",
                        docname,
                        label,
                        node.astext(),
                        "",
                        "",
                        node["cert"],
                        node["evidence"],
                        anchor=anchor,
                        line=node.line,
                    )
                )
        return found

    def _check_witness(self, text: nodes.Element, labels: dict[int, str], docname: str, path: str) -> None:
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
        for node in text.findall(lambda n: isinstance(n, nodes.paragraph | nodes.rubric | markup.omitted)):
            if markup.is_in(node, nodes.footnote, markup.omitted) or (
                isinstance(node, nodes.paragraph) and id(node) not in labels
            ):
                continue
            label = labels.get(id(node), "the headline" if isinstance(node, nodes.rubric) else "an omitted passage")
            readings = markup.source_readings(node)
            blocks.append(Block(label, tuple(text for text, _, _ in readings), node.line))
            block_nodes.append((label, node, readings))
        problem = compare(content, blocks, docname, path, text.line)
        if problem:
            report(problem, self.env.srcdir)
        diplomatic.add_views(self.env, self.document, text, witness, content, block_nodes)

    def _add_apparatus(self, interventions: list[Intervention]) -> None:
        for node in list(self.document.findall(markup.apparatus)):
            node.replace_self(apparatus_nodes(interventions, self.env, self.document))

    def _mentions(self, register: Register, labels: dict[int, str], docname: str, path: str) -> list[Mention]:
        mentions = []
        for ref in self.document.findall(markup.entity_ref):
            label, anchor = self._paragraph_of(ref, labels)
            mentions.append(
                Mention(
                    ref["entity_id"],
                    ref["role_kind"],
                    ref.astext(),
                    docname,
                    path,
                    ref.line,
                    anchor,
                    label,
                )
            )
        return mentions

    def _first_mention_notes(self, register: Register) -> None:
        seen: set[str] = set()
        wanted = self.config.edition_gloss_notes
        for ref in list(self.document.findall(markup.entity_ref)):
            entity = register.get(ref["entity_id"])
            if entity is None or entity.id in seen or not markup.is_in(ref, markup.edited_text):
                continue
            if wanted == "none" or (wanted == "marked" and not entity.gloss_note):
                continue
            seen.add(entity.id)
            name = f"entity-note-{entity.id}"
            note = nodes.footnote(auto=1, names=[name], classes=["entity-note"])
            note += gloss_paragraph(entity, self.env, self.document)
            self.document += note
            self.document.note_autofootnote(note)
            self.document.note_explicit_target(note, note)
            mark = nodes.footnote_reference(auto=1, refname=name)
            self.document.note_autofootnote_ref(mark)
            self.document.note_footnote_ref(mark)
            anchor = ref.parent if isinstance(ref.parent, markup.supplied) else ref
            anchor.parent.insert(anchor.parent.index(anchor) + 1, mark)
        # number footnotes in reading order: MyST sorts by the order of these references
        self.document.autofootnote_refs = [
            r for r in self.document.findall(nodes.footnote_reference) if r.get("auto") == 1
        ]

    def _link_mentions(self, register: Register) -> None:
        for ref in self.document.findall(markup.entity_ref):
            entity = register.get(ref["entity_id"])
            if entity is None:
                ref["classes"].append("entity-unknown")
            else:
                ref["classes"] += ["entity", f"entity-{entity.kind}"]
                if active().is_title(entity.kind):
                    ref["classes"].append("edition-title")  # set in italics
                xref = addnodes.pending_xref(
                    "", refdomain="edition", reftype="entity", reftarget=entity.id, refexplicit=True, refwarn=True
                )
                # the domain links one node: the mention's text, or a span holding its parts
                xref += ref.children if len(ref.children) == 1 else nodes.inline("", "", *ref.children)
                ref.children = []
                ref += xref


def outdated_documents(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read the documents that mention an entity whose file changed, and the register lists."""
    prefix = env.config.edition_register_dir + "/"
    entity_docs = entity_pages(env, added | changed | removed)
    if not entity_docs:
        return []
    ids = {d.rsplit("/", 1)[1] for d in entity_docs}
    data = edition_data(env)
    readers = {doc for doc, ms in data.mentions.items() if any(m.entity_id in ids for m in ms)}
    listings = {doc for doc in env.found_docs if doc.startswith(prefix) and doc.count("/") == 1}
    # an entity's page lists the relations pointing to it: re-read pages related to a changed entity
    register = edition_register(env)
    related = {f"{prefix}{e.kind}/{e.id}" for e in register for r in e.relations if r.target in ids}
    related |= {
        f"{prefix}{t.kind}/{t.id}"
        for i in ids
        if (e := register.get(i))
        for r in e.relations
        if (t := register.get(r.target))
    }
    return sorted(((readers | listings | related) & env.found_docs) - added - changed)


def updated_documents(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Re-write the pages of entities whose mentions changed ("mentioned in" lists)."""
    data = edition_data(env)
    register = edition_register(env)
    data.forget_removed()
    pages = [entity_docname(env, e) for i in sorted(data.touched) if (e := register.get(i))]
    data.touched = set()
    return [p for p in pages if p in env.found_docs]


def unknown_cited_keys(env: BuildEnvironment, keys: set[str]) -> list[Problem]:
    """``{cite}`` keys of the pages (a note of a text) that are not in the bibliography, with a suggestion (which
    sphinxcontrib-bibtex's ``bibtex.key_not_found`` lacks); the register's own are checked with its files."""
    from ..core.checks import cited_keys, unknown_source_problem

    register_prefix = env.config.edition_register_dir + "/"
    unknown: dict[str, set[str]] = {}
    for ref in getattr(env.get_domain("cite"), "citation_refs", []):
        if not ref.docname.startswith(register_prefix):
            unknown.setdefault(ref.docname, set()).update(t.key for t in ref.targets if t.key not in keys)
    problems = []
    for docname, missing in sorted(unknown.items()):
        path = Path(env.doc2path(docname))
        try:  # the role's line: the cite domain records the document's current line, not the role's
            cited = cited_keys(path.read_text(encoding="utf-8", errors="replace"))
        except OSError:
            cited = []
        lines = {key: line for key, line in reversed(cited)}
        shown = project_path(env.srcdir, path)
        problems += [unknown_source_problem(key, keys, shown, lines.get(key)) for key in sorted(missing)]
    return problems


def report_problems(app: Sphinx, env: BuildEnvironment) -> None:
    """Run every check over the register, the mentions, the texts and their sources; report problems as warnings."""
    from ..core.bibliography import entry_lines
    from ..core.checks import check_all, evidence_problems, source_record_problems, unknown_source_problem

    edition_domain(env).mention_index = None
    register = edition_register(env)
    data = edition_data(env)
    entries = {key: {f.lower(): str(v) for f, v in e.fields.items()} for key, e in bib_entries(env).items()}
    keys = set(entries)
    texts = [text for _, text in sorted(data.articles.items())]
    interventions = [iv for doc in sorted(data.interventions) for iv in data.interventions[doc]]
    entry_places = {
        key: place
        for name in app.config.bibtex_bibfiles
        for key, place in entry_lines(Path(app.srcdir, name), project_path(app.srcdir, Path(app.srcdir, name))).items()
    }
    problems = check_all(register, data.all_mentions(), keys, app.config.edition_orphans)
    problems += evidence_problems(interventions, keys, lambda doc: project_path(app.srcdir, env.doc2path(doc)))
    problems += [unknown_source_problem(t.source, keys, t.path, t.line) for t in texts if t.source not in keys | {""}]
    problems += unknown_cited_keys(env, keys)
    problems += source_record_problems(texts, entries, entry_places, app.config.edition_verification_records)
    for folder in sorted({Path(text.witness).parent for text in texts if text.witness}):
        sums = Path(app.srcdir, folder, DIGESTS_FILE)
        problems += digest_problems(sums, (folder / DIGESTS_FILE).as_posix(), Path(app.srcdir))
    for problem in problems:
        report(problem, app.srcdir)
