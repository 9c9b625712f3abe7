"""The edition's state in the build environment: one domain, as sphinx.ext.todo and sphinxcontrib-bibtex keep theirs.

Per-document data (mentions, interventions, edited texts, overviews, maps) is forgotten and merged here
once, for incremental and parallel builds; the register and the bibliography are read through here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, cast

from docutils.nodes import Element
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.util.nodes import make_refnode

from ..core.model import EditedText, Entity, Intervention, Mention
from ..core.register import Register


@dataclass
class EditionData:
    """What the edition knows about each document, by docname."""

    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    interventions: dict[str, list[Intervention]] = field(default_factory=dict)
    articles: dict[str, EditedText] = field(default_factory=dict)  # docname -> its edited text
    overviews: set[str] = field(default_factory=set)  # documents that list every text: a timeline, the texts
    maps: set[str] = field(default_factory=set)  # documents that hold a map of places
    fact_pages: set[str] = field(default_factory=set)  # documents that state a fact of the edition ({edition-fact})
    facts: dict[str, str] = field(default_factory=dict)  # the facts as the fact pages were last written
    touched: set[str] = field(default_factory=set)  # entity ids whose mentions changed in this build
    previous: dict[str, list[Mention]] = field(default_factory=dict)  # mentions of documents being read again

    def all_mentions(self) -> list[Mention]:
        """Every mention, in docname order."""
        return [m for doc in sorted(self.mentions) for m in self.mentions[doc]]

    def purge(self, docname: str) -> None:
        """Forget a document (it is being re-read or was removed)."""
        if docname in self.mentions:
            self.previous[docname] = self.mentions.pop(docname)
        self.interventions.pop(docname, None)
        self.articles.pop(docname, None)
        self.overviews.discard(docname)
        self.maps.discard(docname)
        self.fact_pages.discard(docname)

    def record_mentions(self, docname: str, mentions: list[Mention]) -> None:
        """A document's new mentions; the entities whose "mentioned in" lists change are touched."""
        before = {_listed(m) for m in self.previous.pop(docname, [])}
        after = {_listed(m) for m in mentions}
        self.touched.update(key[0] for key in before ^ after)
        self.mentions[docname] = mentions

    def forget_removed(self) -> None:
        """Documents purged and not read again were removed: their entities lose a mention."""
        self.touched.update(m.entity_id for ms in self.previous.values() for m in ms)
        self.previous.clear()

    def merge(self, docnames: set[str], other: EditionData) -> None:
        """Take over the data of documents read in a parallel worker."""
        for doc in docnames:
            for table in ("mentions", "interventions", "articles"):
                if doc in getattr(other, table):
                    getattr(self, table)[doc] = getattr(other, table)[doc]
        self.overviews |= other.overviews & docnames
        self.maps |= other.maps & docnames
        self.fact_pages |= other.fact_pages & docnames
        self.touched |= other.touched
        for doc in docnames:  # read again in the worker, which compared the mentions
            self.previous.pop(doc, None)


def _listed(mention: Mention) -> tuple[str, str, str, str]:
    """What an entity page's "mentioned in" list shows of a mention: the page, the paragraph and its anchor."""
    return (mention.entity_id, mention.docname, mention.anchor, mention.paragraph)


class EditionDomain(Domain):
    """The ``edition`` domain: the one home of the edition's state in the environment."""

    name = "edition"
    label = "Critical edition"
    initial_data: ClassVar[dict[str, Any]] = {"documents": EditionData(), "register": Register()}
    data_version = 5  # 3: maps; 4: overviews (were timelines); 5: fact pages

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)  # a fresh environment gets a deep copy of initial_data
        self.mention_index: dict[str, list[Mention]] | None = None  # built once per build, at resolve time
        self.citation: Any = None  # the edition's citation data (sphinx/citation/cite_this.py), once per build

    @property
    def documents(self) -> EditionData:
        """Per-document data."""
        return cast(EditionData, self.data["documents"])

    @property
    def register(self) -> Register:
        """The register loaded for this build."""
        return cast(Register, self.data["register"])

    @register.setter
    def register(self, register: Register) -> None:
        self.data["register"] = register

    def mentions_by_entity(self) -> dict[str, list[Mention]]:
        """Every mention, grouped by entity id (computed once per build)."""
        if self.mention_index is None:
            index: dict[str, list[Mention]] = defaultdict(list)
            for m in self.documents.all_mentions():
                index[m.entity_id].append(m)
            self.mention_index = index
        return self.mention_index

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> Element | None:
        """A mention resolved to its entity's page (a link in every output, the PDF included)."""
        entity = self.register.get(target)
        todocname = entity_docname(env, entity) if entity else ""
        if todocname not in env.all_docs:
            return None  # the checks report an unknown entity; nitpicky builds report a missing page
        return make_refnode(builder, fromdocname, todocname, None, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: Element,
    ) -> list[tuple[str, Element]]:
        """Mentions are resolved only through their own roles."""
        return []

    def clear_doc(self, docname: str) -> None:
        """Forget a document before it is re-read."""
        self.documents.purge(docname)

    def merge_domaindata(self, docnames: AbstractSet[str], otherdata: dict[str, Any]) -> None:
        """Take over what a parallel reader collected."""
        self.documents.merge(set(docnames), otherdata["documents"])


def edition_domain(env: BuildEnvironment) -> EditionDomain:
    """The edition's domain in this environment."""
    return cast(EditionDomain, env.get_domain(EditionDomain.name))


def edition_data(env: BuildEnvironment) -> EditionData:
    """The edition's per-document data."""
    return edition_domain(env).documents


def edition_register(env: BuildEnvironment) -> Register:
    """The register loaded for this build."""
    return edition_domain(env).register


def entity_docname(env: BuildEnvironment, entity: Entity) -> str:
    """The docname of an entity's page."""
    return f"{env.config.edition_register_dir}/{entity.kind}/{entity.id}"


def entity_pages(env: BuildEnvironment, docnames: Iterable[str]) -> set[str]:
    """Those of the documents that are entity pages of the register (``<register dir>/<kind>/<id>``)."""
    prefix = env.config.edition_register_dir + "/"
    return {d for d in docnames if d.startswith(prefix) and d.count("/") == 2}


def note_register_dependencies(env: BuildEnvironment, entities: Iterable[Entity]) -> None:
    """Make the current page depend on these entities' files: it is read again when one of them changes."""
    for entity in entities:
        if entity.path:
            env.note_dependency(str(Path(env.srcdir, entity.path)))


def bib_entries(env: BuildEnvironment) -> Mapping[str, Any]:
    """The entries of the edition's bibliography (parsed by sphinxcontrib-bibtex, which the extension loads)."""
    return cast(Mapping[str, Any], env.get_domain("cite").bibdata.data.entries)  # type: ignore[attr-defined]


def text_source(env: BuildEnvironment, docname: str, entries: Any) -> str | None:
    """The bib key of the original publication of the page's edited text, if it declares one that exists."""
    text = edition_data(env).articles.get(docname)
    return text.source if text and text.source and text.source in entries else None


def edition_language(config: Any) -> str:
    """The language of the edition's pages (Sphinx's ``language``; English when it is not set)."""
    return str(config.language or "en")


def builds_web_pages(builder: Builder) -> bool:
    """Whether this build writes the edition's web pages (html, dirhtml, singlehtml; EPUB is a book, not a site)."""
    return builder.format == "html" and not builder.name.startswith("epub")


def web_page(builder: Builder, docname: str) -> str:
    """A page's address on the edition's web site, relative to its root, whichever builder asks: the site's
    own name for it, not an EPUB's ``.xhtml`` file nor the TEI builder's."""
    if builds_web_pages(builder):
        return builder.get_target_uri(docname)
    return docname + (builder.config.html_file_suffix or ".html")
