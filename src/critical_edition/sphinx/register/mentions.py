"""Mentions of the register's entities as Sphinx reads them: recorded, noted at their first occurrence, linked."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms import SphinxTransform

from ...core.model import Mention
from ...profile import active
from .. import markup
from ..domain import edition_data, edition_register
from ..edited_text import paragraph_of
from ..editorial import editorial_role
from ..editorial.supplied import supplied
from ..report import project_path
from .render import gloss_paragraph


class RecordMentions(SphinxTransform):
    """Record every mention of the page in the domain, placed by its paragraph of the edited text."""

    default_priority = 605  # once the paragraphs are numbered (601)

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read."""
        docname = self.env.docname
        path = project_path(self.env.srcdir, self.env.doc2path(docname))
        mentions = []
        for ref in self.document.findall(markup.entity_ref):
            label, anchor = paragraph_of(ref)
            editorial = not markup.is_in(ref, markup.edited_text) or markup.is_in(ref, nodes.footnote, supplied)
            mentions.append(
                Mention(
                    ref["entity_id"], ref["role_kind"], ref.astext(), docname, path, ref.line, anchor, label, editorial
                )
            )
        edition_data(self.env).record_mentions(docname, mentions)


class AddFirstMentionNotes(SphinxTransform):
    """In the edited text, a footnote with the entity's gloss at its first mention (``edition_gloss_notes``)."""

    default_priority = 607  # before MyST sorts footnotes (616) and docutils numbers them (620)

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read that holds an edited text."""
        if next(self.document.findall(markup.edited_text), None) is None:
            return
        register = edition_register(self.env)
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
            anchor = ref.parent if editorial_role(ref.parent) is not None else ref  # after a supplied name's bracket
            anchor.parent.insert(anchor.parent.index(anchor) + 1, mark)
        # number footnotes in reading order: MyST sorts by the order of these references
        self.document.autofootnote_refs = [
            r for r in self.document.findall(nodes.footnote_reference) if r.get("auto") == 1
        ]


class LinkMentions(SphinxTransform):
    """Each mention of a known entity a link to its page (the domain resolves it); an unknown one marked so."""

    default_priority = 608  # once the mentions are recorded (605), their text as written

    def apply(self, **kwargs: Any) -> None:
        """Run on every document read."""
        register = edition_register(self.env)
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
