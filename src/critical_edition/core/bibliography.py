"""The bibliography as data: reading references.bib without raising, its addresses, plain text of its fields.

Every rule about BibTeX lives here: how a file is read and where its errors are, which addresses are
safe to publish, how a field becomes plain text, how months are written.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pybtex.database import parse_string
from pybtex.exceptions import PybtexError
from pybtex.plugin import find_plugin
from pybtex.richtext import Text
from pybtex.style.template import FieldIsMissing

from ..profile import active
from .collation import sort_key
from .model import Problem
from .syntax import with_article

MONTHS: dict[str, int] = {
    m: i
    for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)
}
"""BibTeX's month macros and their numbers."""


def month_number(value: str) -> int | None:
    """The number of a BibTeX month ('sep', 'September', '9'), or None."""
    value = value.strip().lower()
    return int(value) if value.isdigit() and 1 <= int(value) <= 12 else MONTHS.get(value[:3])


SHORT_TITLE_WORDS = 4
"""A short title keeps up to this many words (Chicago's rule for shortened titles)."""

FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"),
        *("am", "auf", "aus", "das", "dem", "den", "der", "des", "die", "ein", "eine", "für", "im", "mit", "und"),
        *("von", "vom", "zu", "zum", "zur", "au", "aux", "d", "de", "du", "en", "et", "l", "la", "le", "les", "un"),
        *("une", "в", "во", "и", "к", "на", "о", "об", "по", "с", "со", "у", "из", "для"),
    }
)  # English, German, French, Russian
"""Words a shortened title does not end on: "New trilogy planned from…" is cut to "New trilogy planned…"."""

_CLOSING = {"“": "”", "‘": "’", "„": "“", "‚": "‘", "«": "»", "‹": "›", "(": ")", "[": "]", '"': '"', "'": "'"}
"""Each opening quotation mark or bracket a title may hold, and the mark that closes it."""
_APOSTROPHES = ("'", "’")
"""Marks that are also apostrophes: they open only at a word's start and close only at its end ("Baigazin's")."""


def _unclosed(words: list[str]) -> int | None:
    """The index of the word that opens the first quotation or bracket the words leave open, or None."""
    stack: list[tuple[str, int]] = []
    for index, word in enumerate(words):
        for at, char in enumerate(word):
            inside = 0 < at < len(word) - 1 and word[at - 1].isalnum() and word[at + 1].isalnum()
            if stack and char == _CLOSING[stack[-1][0]] and not (char in _APOSTROPHES and inside):
                stack.pop()
            elif char in _CLOSING and not (char in ('"', "'") and at and word[at - 1].isalnum()):
                stack.append((char, index))
    return stack[0][1] if stack else None


def is_supplied_title(title: str) -> bool:
    """Whether a title is the editors' own description, in square brackets ("[Interview with Emir Baigazin]")."""
    text = title.strip()
    return text.startswith("[") and text.endswith("]") and _unclosed(text[1:-1].split()) is None


def _ends_badly(word: str) -> bool:
    """Whether a shortened title must not end on this word: a function word, or a dash or other sign alone."""
    return word.casefold().strip(",;:.") in FUNCTION_WORDS or not any(c.isalnum() for c in word)


QUOTATION_REACH = 2
"""How many words a short title may run past its length to close a quotation it has opened."""


def short_title(title: str, words: int = SHORT_TITLE_WORDS) -> str:
    """A title shortened for a citation in the text: its first ``words`` words, cut between words and marked by
    an ellipsis ("New trilogy planned…"). It never ends on a function word, and never leaves a quotation or a
    bracket open: it runs on to the close if that is near, else stops before the opening. An editors'
    description loses its square brackets, which a citation in brackets would double. (Not cut at a colon:
    "REPORT: …" would say nothing.)"""
    text = " ".join(title.split())
    if is_supplied_title(text):
        text = text[1:-1]
    kept = text.split(" ")
    cut = min(words, len(kept))
    while True:
        while cut > 1 and cut < len(kept) and _ends_badly(kept[cut - 1]):
            cut -= 1
        opened = _unclosed(kept[:cut])
        if opened is None:
            break
        closed = next((n for n in range(cut + 1, len(kept) + 1) if _unclosed(kept[:n]) is None), None)
        if closed is not None and (closed - cut <= QUOTATION_REACH or not opened):
            cut = closed
        elif opened:
            cut = opened
        else:  # a quotation that never closes (a title printed so): cut as it is
            break
    if cut >= len(kept):
        return text
    return " ".join(kept[:cut]).rstrip(",;.:–—- ") + "…"


def with_full_stop(text: str) -> str:
    """The text ended as a sentence: a full stop added unless it ends in one already ("Mukanova, n.d.")."""
    return text if text.rstrip().endswith((".", "?", "!")) else text + "."


def filing_words(label_name: str) -> str:
    """What a source files under in the bibliography: its label's names or title, without the editors'
    brackets, leading punctuation and a leading article of the profile's ``collation.articles`` ("[New
    trilogy…]" files under N, "The River" under R, as the register files works)."""
    words = label_name.lstrip("[(\"'“‘„«¿¡ ").replace("[", "").replace("]", "")
    articles = [f"{a.casefold()} " for a in active().collation.articles]
    article = next((a for a in articles if words.casefold().startswith(a)), "")
    return words[len(article) :]


_QUOTATION_MARKS = str.maketrans("", "", "'\"‘’‚“”„«»‹›")
_AFTER_LETTERS = 0x10FFF0
"""Where digits file: after every letter of every script (the last code points of Unicode)."""


def filing_order(label_name: str) -> str:
    """The bibliography's one alphabet: a label's filing words (``filing_words``) compared as the register
    compares names (case and accents ignored, Latin before Cyrillic, Cyrillic in the Kazakh alphabet's order),
    with numerals after every letter ("8-летняя актриса…" after "ЦОКС"); quotation marks and apostrophes, straight
    or curly, ignored."""
    words = filing_words(label_name).translate(_QUOTATION_MARKS)
    return "".join(chr(_AFTER_LETTERS + int(c)) if "0" <= c <= "9" else c for c in sort_key(words))


def author_year_label(names: list[str], title: str, year: str) -> str:
    """A source as the text cites it: its authors' family names and year ("Kamalova, 2015", "Krivonogov
    and Samigulin, 2008", "Qu Song et al., …") or, without author, its short title ("[New trilogy planned
    from…], 2016"); ``title`` is already the short title to use."""
    return f"{cited_as(names, title)}, {year or 'n.d.'}"


def cited_as(names: list[str], title: str) -> str:
    """The part of a source's label before its year: its authors' family names, else its short title."""
    if not names:
        return title
    return " and ".join(names) if len(names) <= 2 else f"{names[0]} et al."


@functools.lru_cache(maxsize=8192)
def latex_to_text(value: str) -> str:
    """A bib field value as plain text: braces and LaTeX escapes resolved (once per value: pybtex's LaTeX
    decoder takes about a third of a millisecond, and a short title is asked for at every citation)."""
    if not value:
        return ""
    try:
        return str(Text.from_latex(value).render_as("text")).strip()
    except (PybtexError, ValueError):  # odd LaTeX (a brace or a backslash alone): shown without braces
        return value.replace("{", "").replace("}", "").strip()


WEB_SCHEMES = ("http", "https")
URL_COMMAND = re.compile(r"\\(url|href)(?![A-Za-z])\s*")
"""The LaTeX commands of a bib field that can become links: ``\\url{address}`` and ``\\href{address}{text}``."""
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_NAME_PARTS = ("first_names", "middle_names", "prelast_names", "last_names", "lineage_names")


def is_web_address(url: str) -> bool:
    """Whether a URL is an absolute http(s) address with a host and no white space: the only kind that may link."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def _brace_group(text: str, start: int) -> tuple[str, int] | None:
    """The content of the brace group that opens at ``text[start]``, and the index after it; None if there is none."""
    if start >= len(text) or text[start] != "{":
        return None
    depth = 0
    i = start
    while i < len(text):
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i], i + 1
        i += 1
    return None


def embedded_urls(value: str) -> list[tuple[str, str, int, int, str]]:
    """Each ``\\url`` and ``\\href`` of a field value: (command, address, start, end, the text to keep without it).

    A command without its braces gives the address "" (never safe), so that no bare ``\\url`` is left
    for sphinxcontrib-bibtex to turn into a link with whatever text follows it.
    """
    found = []
    position = 0
    while match := URL_COMMAND.search(value, position):
        command, end, kept = match.group(1), match.end(), ""
        address = _brace_group(value, end)
        url = address[0].strip() if address else ""
        if address:
            end = address[1]
            if command == "href":
                label = _brace_group(value, end)
                if label:
                    kept, end = "{" + label[0] + "}", label[1]
        found.append((command, url, match.start(), end, kept))
        position = end
    return found


def _doi_as_url(value: str) -> bool:
    """Whether a ``doi`` field holds an address with a scheme rather than a bare DOI (``10.1000/x``)."""
    return bool(_SCHEME.match(value.strip())) and not value.strip().lower().startswith("doi:")


def entry_urls(entry: Any) -> list[tuple[str, str]]:
    """Every web address of a parsed (pybtex) entry, after macro expansion: (what holds it, address).

    ``url``, a ``doi`` written as an address, and every ``\\url{}``/``\\href{}{}`` in any field or name
    (sphinxcontrib-bibtex turns ``\\url{…}`` in, say, ``howpublished`` into a link).
    """
    found: list[tuple[str, str]] = []
    for name, value in entry.fields.items():
        if name.lower() == "url" or (name.lower() == "doi" and _doi_as_url(value)):
            found.append((name.lower(), value.strip()))
        found += [(f"\\{cmd} in {name.lower()}", url) for cmd, url, *_ in embedded_urls(value)]
    for role, persons in entry.persons.items():
        for person in persons:
            for part in (p for attribute in _NAME_PARTS for p in getattr(person, attribute)):
                found += [(f"\\{cmd} in {role.lower()}", url) for cmd, url, *_ in embedded_urls(part)]
    return found


def _without_unsafe_commands(value: str) -> str:
    out, position = [], 0
    for _, url, start, end, kept in embedded_urls(value):
        if not is_web_address(url):
            out += [value[position:start], kept]
            position = end
    return "".join(out) + value[position:] if out else value


def remove_unsafe_urls(entry: Any) -> None:
    """Take out of a parsed entry every address that is not http(s): the field (``url``, ``doi``) or the command.

    The one place that makes a bibliography safe for every writer: sphinxcontrib-bibtex, the page
    metadata, the citation files and TEI all read the entries after this.
    """
    for name in list(entry.fields):
        value = entry.fields[name]
        if (name.lower() == "url" or (name.lower() == "doi" and _doi_as_url(value))) and not is_web_address(
            value.strip()
        ):
            del entry.fields[name]
            continue
        cleaned = _without_unsafe_commands(value)
        if cleaned != value:
            entry.fields[name] = cleaned
    for persons in entry.persons.values():
        for person in persons:
            for attribute in _NAME_PARTS:
                parts = getattr(person, attribute)
                parts[:] = [kept for part in parts if (kept := _without_unsafe_commands(part).strip())]


def inherit_crossrefs(entries: Any) -> list[tuple[str, str]]:
    """BibTeX's ``crossref``: each entry takes every field and name it lacks from the entry it cross-references
    (a chapter its book's editor, publisher and year), as BibTeX does, so that every writer sees it whole.
    Returns (key, parent) for each cross-reference to an entry that is not there."""
    missing = []
    for key, entry in entries.items():
        parent_key = entry.fields.get("crossref", "")
        if not parent_key:
            continue
        parent = entries.get(parent_key)
        if parent is None:
            missing.append((key, parent_key))
            continue
        for name, value in parent.fields.items():
            if name.lower() not in ("crossref", "ids") and name not in entry.fields:
                entry.fields[name] = value
        for role, persons in parent.persons.items():
            if role not in entry.persons:
                entry.persons[role] = list(persons)
    return missing


def missing_field(entry: Any) -> str:
    """The first field an entry lacks that the bibliography's styles need to print it, or '': a title, and what
    pybtex's plain style requires of its type (an ``@article`` its journal, an ``@inbook`` its editor…)."""
    if not entry.fields.get("title", "").strip():
        return "title"
    try:
        find_plugin("pybtex.style.formatting", "plain")().format_entry("", entry)
    except FieldIsMissing as err:
        return str(err.field_name)
    except Exception:  # another failure of pybtex's style (it raises several kinds): printed as @misc
        return "?"
    return ""


def make_printable(key: str, entry: Any) -> None:
    """Give an entry what every style needs to print it (the checks report what was missing): a title (its key in
    brackets), and the type ``misc`` if pybtex's plain style cannot print its own type without a missing field."""
    if not entry.fields.get("title", "").strip():
        entry.fields["title"] = f"[{key}]"
    if missing_field(entry):
        entry.type = "misc"


def entry_problems(entries: Any, spans: dict[str, tuple[int, int]], text: str, shown: str) -> list[Problem]:
    """Entries that cannot be printed as they are: a cross-reference to no entry, a missing title, a field their
    type requires; each at its entry's line (after ``inherit_crossrefs``)."""
    problems = []
    for key, entry in entries.items():
        span = spans.get(key.lower())
        line = text.count("\n", 0, span[0]) + 1 if span else 1
        parent = entry.fields.get("crossref", "")
        if parent and parent not in entries:
            problems.append(Problem("unknown-source", f"'{key}' cross-references '{parent}', which is not in {shown}",
                                    shown, _line_of(text, span, "crossref"),
                                    "give the key of the parent entry, or the fields themselves"))  # fmt: skip
        field_name = missing_field(entry)
        if field_name == "title":
            problems.append(Problem("source-record", f"the entry '{key}' has no title", shown, line,
                                    "add title = {…}: the bibliography and the notes print it"))  # fmt: skip
        elif field_name:
            what = with_article(field_name) if field_name != "?" else "a field"
            message = f"the entry '{key}' lacks {what}, which {with_article('@' + entry.type)} needs"
            problems.append(Problem("source-record", message, shown, line, "add it (a crossref parent's fields "
                                    "count), or make it a @misc entry; until then it is printed as @misc"))  # fmt: skip
    return problems


@dataclass(frozen=True)
class BibUrl:
    """A web address in a BibTeX entry, with what holds it (``url``, ``\\url in howpublished``) and its line."""

    key: str
    field: str
    url: str
    line: int


@dataclass
class Bibliography:
    """What the edition needs from a BibTeX file: its keys, its addresses with their lines, its problems."""

    keys: set[str] = field(default_factory=set)
    urls: list[BibUrl] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # the file cannot be read
    incomplete: list[Problem] = field(default_factory=list)  # entries the styles cannot print as they are


_ENTRY_START = re.compile(r"@\s*[A-Za-z]+\s*[{(]\s*([^\s,{}()=\"#%']+)\s*,")
"""The start of a BibTeX entry, with its key (which may stand on the next line)."""


def _entry_texts(text: str) -> dict[str, tuple[int, int]]:
    """The span of each entry in a BibTeX file, by key in lower case (the key may be on the line after ``@misc{``)."""
    starts = [(m.group(1).lower(), m.start()) for m in _ENTRY_START.finditer(text)]
    spans: dict[str, tuple[int, int]] = {}
    for i, (key, start) in enumerate(starts):
        spans.setdefault(key, (start, starts[i + 1][1] if i + 1 < len(starts) else len(text)))
    return spans


def entry_lines(path: Path, shown: str) -> dict[str, tuple[str, int]]:
    """Where each entry of a BibTeX file starts, by key in lower case: (file as shown, line)."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):  # the file's own problems are reported by read_bibliography
        return {}
    return {key: (shown, text.count("\n", 0, start) + 1) for key, (start, _) in _entry_texts(text).items()}


def _line_of(text: str, span: tuple[int, int] | None, field_name: str) -> int:
    """The line of a field in an entry (the field may come from a macro: its ``name =`` line), else of the entry."""
    if span is None:
        return 1
    start, end = span
    found = re.compile(rf"(?<![\w-]){re.escape(field_name)}\s*=", re.I).search(text, start, end)
    return text.count("\n", 0, found.start() if found else start) + 1


def read_bibliography(path: Path, shown: str) -> Bibliography:
    """Parse a BibTeX file with pybtex (as sphinxcontrib-bibtex does), without raising."""
    result = Bibliography()
    try:
        text = path.read_bytes().decode("utf-8")
        data = parse_string(text, "bibtex")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        result.problems.append(Problem("bib-syntax", f"{shown} is not valid UTF-8", shown, line, "save it as UTF-8"))
        return result
    except OSError as err:
        result.problems.append(Problem("bib-syntax", f"{shown} cannot be read: {err.strerror}", shown, None, ""))
        return result
    except Exception as err:  # pybtex raises several kinds of error for a broken file
        repeated = re.fullmatch(r"repeated bibliography entry: (.+)", str(err))
        if repeated:
            result.problems.append(_repeated_key(repeated.group(1), text, shown))
            return result
        found = re.search(r"line (\d+)", str(err))
        result.problems.append(
            Problem(
                "bib-syntax",
                f"{shown} cannot be read: {err}",
                shown,
                int(found.group(1)) if found else 1,
                "check the entry's braces, commas and quotes",
            )
        )
        return result
    result.keys = set(data.entries)
    spans = _entry_texts(text)
    inherit_crossrefs(data.entries)
    result.incomplete = entry_problems(data.entries, spans, text, shown)
    for key, entry in data.entries.items():
        for holder, url in entry_urls(entry):
            line = _line_of(text, spans.get(key.lower()), holder.rsplit(" ", 1)[-1])
            result.urls.append(BibUrl(key, holder, url, line))
    return result


def _repeated_key(key: str, text: str, shown: str) -> Problem:
    """A key given to two entries, reported at the second (pybtex compares keys ignoring case)."""
    lines = [
        text.count("\n", 0, start.start()) + 1
        for start in _ENTRY_START.finditer(text)
        if start.group(1).casefold() == key.casefold()
    ]
    where = f" (lines {lines[0]} and {lines[1]})" if len(lines) >= 2 else ""
    return Problem(
        "bib-syntax",
        f"{shown} cannot be read: the key '{key}' is given to two entries",
        shown,
        lines[1] if len(lines) >= 2 else 1,
        f"two entries have the key '{key}'{where}: rename or remove one",
    )
