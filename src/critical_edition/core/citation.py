"""The citation record of the edition, a text, a register page or a paragraph: CSL-JSON data, no formatting.

Every article and register page has one citation record, a CSL-JSON item built here from the
edition's configuration, the bibliography entry of the article's source and the register. BibTeX and
RIS are plain serialisations of the same record. Formatting with CSL styles is ``sphinx/citation/csl.py``'s.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..profile import Profile
from .bibliography import latex_to_text, month_number
from .model import Entity

# --- the edition and the sources, as data ------------------------------------------------------


@dataclass(frozen=True)
class Editor:
    """A person or a collective who made the edition, with their role and, for a person, their ORCID iD."""

    name: str
    role: str = "editor"
    orcid: str = ""  # "0000-0002-1825-0097"
    collective: bool = False  # a group named as one ("The editors of ..."), not a person
    family: str = ""  # the family name, when it ends the name: citations then invert it ("Carberry, Josiah")

    @property
    def orcid_url(self) -> str:
        """The ORCID iD as the address ORCID asks to be shown, "" without one."""
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    @property
    def csl_name(self) -> dict[str, str]:
        """The name in CSL-JSON: given and family when the family name is declared, else as written."""
        given = self.name.removesuffix(self.family).strip()
        if self.family and given and not self.collective:
            return {"given": given, "family": self.family}
        return {"literal": self.name}


def editors_of(profile: Profile, collective_name: str) -> tuple[Editor, ...]:
    """The editors the profile declares (validated there); none, the edition's collective author
    (``collective_name``, conf.py's ``author``)."""
    if not profile.editors:
        return (Editor(collective_name, collective=True),)
    return tuple(Editor(e.name, e.role, e.orcid, e.collective, e.family.strip()) for e in profile.editors)


@dataclass(frozen=True)
class CreditPart:
    """A piece of a credit: words, or an address shown as itself and linked (``link``, the same address)."""

    text: str
    link: str = ""  # the address the text links to; "" for plain words


def credits(editors: Sequence[Editor]) -> tuple[CreditPart, ...]:
    """The editors credited in one sentence, as the title page's verso and the colophon word it, each output
    writing the words and the link in its own markup: "Josiah Carberry (editor, ORCID https://orcid.org/0000-…);
    A. Person (encoder); The editors of …." A person has their role and ORCID iD, a collective its name."""
    parts: list[CreditPart] = []
    words = ""
    for index, editor in enumerate(editors):
        words += ("; " if index else "") + editor.name
        if editor.collective:
            continue
        words += f" ({editor.role}"
        if editor.orcid:
            parts += [CreditPart(words + ", ORCID "), CreditPart(editor.orcid_url, editor.orcid_url)]
            words = ""
        words += ")"
    return (*parts, CreditPart(words + "."))


def names_in_a_list(names: Sequence[str]) -> str:
    """Names as a sentence lists them: "A", "A and B", "A, B, and C"."""
    if len(names) < 3:
        return " and ".join(names)
    return ", ".join(names[:-1]) + ", and " + names[-1]


@dataclass(frozen=True)
class Edition:
    """What a citation needs to know about the edition as a whole."""

    title: str
    editors: tuple[Editor, ...]
    release: str
    language: str
    issued: dt.date
    site_name: str = ""
    base_url: str = ""  # the canonical URL of the edition's root, "" while none is configured
    license_url: str = ""
    rights: str = ""

    @property
    def editor_names(self) -> str:
        """The editors' names as a sentence lists them."""
        return names_in_a_list([e.name for e in self.editors])


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
    url: str  # absolute under the edition's base URL; "" when the edition has declared none
    source: Source | None = None
    entity: Entity | None = None
    mentions: list[Entity] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)  # the numbers of the edited text's paragraphs

    @property
    def absolute(self) -> bool:
        """Whether the page's URL is absolute (a base URL is configured)."""
        return bool(re.match(r"[a-z][a-z0-9+.-]*://", self.url))


def edition_date(configured: str, last_commit: str, environ: Mapping[str, str]) -> tuple[dt.date, str]:
    """The edition's date and where it comes from: the configured ISO date, else the day of the last commit of
    the sources, else (sources outside git) SOURCE_DATE_EPOCH, else today. Raises ValueError on a bad date."""
    if configured:
        return dt.date.fromisoformat(configured), "configuration"
    if last_commit:
        return dt.date.fromisoformat(last_commit), "last commit"
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date(), "SOURCE_DATE_EPOCH"
    return dt.datetime.now(tz=dt.UTC).date(), "clock"


def page_url(base_url: str, target_uri: str) -> str:
    """The page's absolute URL under the edition's base URL; "" when the edition has declared none."""
    if not base_url:
        return ""
    return base_url.rstrip("/") + "/" + target_uri.lstrip("/")


_ESCAPED_RUN = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def readable_url(url: str) -> str:
    """A URL as an IRI for reading: percent-encoded letters of other scripts decoded ("/история-казнаи/").

    Only characters outside ASCII that are letters, marks, digits or punctuation are decoded; an encoded
    ASCII character (a space, "/", "%", "?"), a space or control character of any script, and bytes that
    are not UTF-8 stay encoded, so the text names the same resource. The link's href keeps the URL.
    """

    def decode(match: re.Match[str]) -> str:
        run = match.group(0)
        try:
            text = bytes.fromhex(run.replace("%", "")).decode("utf-8")
        except UnicodeDecodeError:
            return run
        out = []
        for char in text:
            if ord(char) < 128 or unicodedata.category(char)[0] in "ZC":
                out.append("".join(f"%{b:02X}" for b in char.encode("utf-8")))
            else:
                out.append(char)
        return "".join(out)

    return _ESCAPED_RUN.sub(decode, url)


_BREAK_AFTER = re.compile(r"(?<=[/.\-_?&=#~,;])")
"""Where a press may break a web address across lines: after one of these (as the ``url`` LaTeX
package does; not after "%", which would part an escape from its digits)."""


def address_parts(address: str) -> list[str]:
    """A web address cut where a line may break in print ("https://kaznai.", "kz/", "en/", …): its scheme and
    "//" stay with the first part, so that no break falls inside them ("ht- tps://")."""
    scheme, separator, rest = address.partition("://")
    if not separator or not scheme.isalpha():
        scheme, separator, rest = "", "", address
    parts = [part for part in _BREAK_AFTER.split(rest) if part] or [""]
    parts[0] = scheme + separator + parts[0]
    return parts


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


def _common(edition: Edition, ident: str, url: str) -> dict[str, Any]:
    issued = edition.issued
    record: dict[str, Any] = {
        "id": ident,
        "container-title": edition.title,
        "editor": [e.csl_name for e in edition.editors],
        "version": edition.release,
        "issued": {"date-parts": [[issued.year, issued.month, issued.day]]},
        "language": edition.language,
    }
    if url:  # never a relative or local address: without a base URL, the record has none
        record["URL"] = url
    return record


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


def edition_record(edition: Edition, ident: str, url: str) -> dict[str, Any]:
    """The CSL-JSON item of the edition as a whole: an edited book, by its editors."""
    record = _common(edition, ident, url)
    record["title"] = record.pop("container-title")
    return {**record, "type": "book"}


def page_record(edition: Edition, ident: str, url: str, title: str) -> dict[str, Any]:
    """The CSL-JSON item of any other page of the edition."""
    return {**_common(edition, ident, url), "type": "webpage", "title": title}


def with_locator(record: dict[str, Any], paragraph: str) -> dict[str, Any]:
    """The record of one paragraph: the same item, its URL (if it has one) pointing at the paragraph's anchor."""
    if "URL" not in record:
        return record
    return {**record, "URL": f"{record['URL'].split('#')[0]}#p-{paragraph}"}


# --- data formats: CSL-JSON, BibTeX, RIS -------------------------------------------------------


def csl_json(record: dict[str, Any]) -> str:
    """The record as a CSL-JSON file (a list of one item)."""
    return json.dumps([record], ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def year_month_day(date: dict[str, Any]) -> list[int]:
    return list(date.get("date-parts", [[]])[0])


def iso_date(date: dict[str, Any]) -> str:
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(year_month_day(date)))


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
    issued = year_month_day(record["issued"])
    fields.append(("year", str(issued[0])))
    fields.append(("date", iso_date(record["issued"])))
    fields.append(("version", _bibtex_value(record["version"])))
    if record.get("original-date"):
        fields.append(("origdate", iso_date(record["original-date"])))
    if record.get("original-publisher"):
        fields.append(("origpublisher", _bibtex_value(record["original-publisher"])))
    if record.get("original-title"):
        fields.append(("origtitle", "{" + _bibtex_value(record["original-title"]) + "}"))
    fields.append(("langid", {"en": "english"}.get(record["language"], record["language"])))
    if record.get("URL"):
        fields.append(("url", record["URL"]))
    note = _original_note(record, source)
    if note:
        fields.append(("note", _bibtex_value(note)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@incollection{{{record['id']},\n{body},\n}}\n"


def _ris_name(name: dict[str, str]) -> str:
    return f"{name['family']}, {name['given']}" if name.get("given") else name.get("family", name.get("literal", ""))


def ris(record: dict[str, Any], source: Source | None = None) -> str:
    """The record as an RIS record (TY CHAP for an edited text, ENCYC for a register entry, ELEC for a page)."""
    kind = {"chapter": "CHAP", "entry-encyclopedia": "ENCYC"}.get(record["type"], "ELEC")
    lines = [("TY", kind)]
    lines += [("AU", _ris_name(n)) for n in record.get("author", [])]
    lines.append(("TI", record["title"]))
    lines.append(("T2", record["container-title"]))
    lines += [("A2", _ris_name(n)) for n in record["editor"]]
    issued = year_month_day(record["issued"])
    lines.append(("PY", str(issued[0])))
    lines.append(("DA", "/".join(f"{p:02d}" if i else str(p) for i, p in enumerate(issued)) + "/"))
    lines.append(("ET", record["version"]))
    lines.append(("LA", record["language"]))
    if record.get("URL"):
        lines.append(("UR", record["URL"]))
    note = _original_note(record, source)
    if note:
        lines.append(("N1", note))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
