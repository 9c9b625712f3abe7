"""The fixed vocabularies of the extension (settings' values, verification records, language tags, scripts), and
the register's vocabularies as the active edition profile declares them (relations, authority files)."""

from __future__ import annotations

import functools
import re

from ..profile import active
from .syntax import split_runs


def relation_sentence(relation: str, subject_kind: str) -> list[str]:
    """The parts of a relation's sentence (the profile's): text, and "{subject}" and "{object}" in their order."""
    template = active().relation_template(relation, subject_kind)
    return [part for part in re.split(r"(\{subject\}|\{object\})", template + ".") if part]


ORPHAN_SEVERITIES: tuple[str, ...] = ("warning", "info", "ignore")
"""The values of ``edition_orphans``: how an entity mentioned nowhere is reported."""

VERIFICATION_STATUSES: dict[str, str] = {
    "Witness": "the entry describes a witness of the edition (its text is kept in witnesses/)",
    "Read at the cited URL": "a stored copy at exactly the entry's url was read",
    "Read at <URL>": "the copy read is at another address (a mirror, another path); the address follows",
    "Not found in the stored copies": "then how it was searched, and on what strength the entry is still cited",
}
"""How a source was verified: the first words of every bib entry's ``annote``, which then says ``Supports: …``."""

_VERIFICATION = re.compile(
    r"(Witness|Read at the cited URL|Read at https?://\S+|Not found in the stored copies)[.,;( ]"
)


def verification_problem(annote: str) -> str:
    """What is wrong with a bib entry's ``annote`` (its verification record), or ''."""
    if not annote.strip():
        return "no annote: say how the source was verified"
    if not _VERIFICATION.match(annote):
        return f"the annote must begin with one of: {'; '.join(VERIFICATION_STATUSES)}"
    if "Supports:" not in annote:
        return "the annote must say what the source supports ('Supports: ...')"
    return ""


GLOSS_NOTES: dict[str, str] = {
    "marked": "a gloss note at the first mention in each text only for entities whose entry says gloss_note: true",
    "every": "a gloss note at the first mention of every entity in each text",
    "none": "no gloss notes: the gloss is in the entity's card and on its register page",
}
"""The values of ``edition_gloss_notes``: where a reader finds an entity's gloss besides its card and page."""

CHOICE_SETTINGS: dict[str, tuple[str, ...]] = {
    "edition_orphans": ORPHAN_SEVERITIES,
    "edition_gloss_notes": tuple(GLOSS_NOTES),
}
"""The settings whose value is one of a few words, with those words."""

BCP47 = re.compile(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2}|-[0-9]{3})?(-[a-z0-9]{5,8}|-[0-9][a-z0-9]{3})*")
"""A pragmatic BCP 47 check: language, optional script, region and variants."""

ENTITY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


def canonical_language_tag(tag: str) -> str | None:
    """A BCP 47 tag in the case RFC 5646 recommends (tags are case-insensitive: ``ZH-hant`` is ``zh-Hant``, ``RU``
    is ``ru``): language and variants in lower case, script in title case, region in upper case; None if it is
    not a tag."""
    subtags = tag.strip().split("-")
    cased = [subtags[0].lower()]
    for subtag in subtags[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            cased.append(subtag.title())
        elif len(subtag) == 2 and subtag.isalpha():
            cased.append(subtag.upper())
        else:
            cased.append(subtag.lower())
    canonical = "-".join(cased)
    return canonical if BCP47.fullmatch(canonical) else None


def authority_url(authority: str, ident: str) -> str:
    """The URL of an authority record (the profile's authority files)."""
    return active().authority_url(authority, ident)


def authority_links(authority: dict[str, str]) -> list[tuple[str, str, str]]:
    """(authority, id, URL) for every well-formed id, sorted: a malformed id never becomes a link."""
    return [(a, i, authority_url(a, i)) for a, i in sorted(authority.items()) if authority_id_is_valid(a, i)]


RIGHT_TO_LEFT_SCRIPTS: tuple[str, ...] = ("Arab", "Hebr", "Syrc", "Thaa")
RIGHT_TO_LEFT_LANGUAGES: tuple[str, ...] = ("ar", "fa", "he", "ur", "ug")


def is_right_to_left(tag: str) -> bool:
    """Whether text with this BCP 47 tag is written right to left: by its script subtag, else by its language."""
    return any(f"-{script}" in tag for script in RIGHT_TO_LEFT_SCRIPTS) or tag.split("-")[0] in RIGHT_TO_LEFT_LANGUAGES


LANGUAGE_NAMES: dict[str, str] = {
    "chinese": "zh",
    "english": "en",
    "french": "fr",
    "german": "de",
    "italian": "it",
    "kazakh": "kk",
    "portuguese": "pt",
    "romanian": "ro",
    "russian": "ru",
    "spanish": "es",
    "ukrainian": "uk",
}
"""The language names of BibTeX's ``language`` field (biblatex's, as babel spells them) and their BCP 47 tags."""


def language_tag(value: str) -> str | None:
    """The BCP 47 tag of a bib entry's ``language`` field (a name such as ``russian``, or a tag such as
    ``zh-Hans``); '' if none is given; None if the value is neither."""
    value = value.strip()
    if not value:
        return ""
    if value.lower() in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[value.lower()]
    return canonical_language_tag(value)


_SCRIPTS_IN_WORDS = {"Hans": "simplified characters", "Hant": "traditional characters"}
_VARIANTS_IN_WORDS = {"pinyin": "pinyin", "wadegile": "Wade–Giles"}


@functools.lru_cache(maxsize=256)
def language_name(tag: str) -> str:
    """A BCP 47 tag as a reader reads it, the edition's one reading form of a language: 'ru' -> 'Russian',
    'kk-Cyrl' -> 'Kazakh in Cyrillic script', 'zh-Hans' -> 'Chinese in simplified characters', 'zh-Latn-pinyin'
    -> 'Chinese in pinyin', 'en-GB' -> 'British English' (names from the CLDR, as Babel gives them in English);
    the tag as it is if it names no language the CLDR knows."""
    from babel import Locale

    english = Locale("en")
    language, *rest = tag.split("-")
    script = next((s for s in rest if len(s) == 4 and s.isalpha()), "")
    region = next((s for s in rest if (len(s) == 2 and s.isalpha()) or (len(s) == 3 and s.isdigit())), "")
    variants = [s.lower() for s in rest if s not in (script, region)]
    name = english.languages.get(f"{language.lower()}_{region.upper()}") or english.languages.get(language.lower())
    if not name:
        return tag
    if region and f"{language.lower()}_{region.upper()}" not in english.languages:
        name += f" of {english.territories.get(region.upper(), region)}"
    writing = [_VARIANTS_IN_WORDS.get(v) or english.variants.get(v.upper(), v) for v in variants]
    if not writing and script:
        writing = [_SCRIPTS_IN_WORDS.get(script) or f"{english.scripts.get(script, script)} script"]
    return f"{name} in {' and '.join(writing)}" if writing else name


_LATIN = "a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
"""The letters of the Latin script (basic, Latin-1, Extended-A and -B, Extended Additional)."""
_LATIN_LETTER = re.compile(f"[{_LATIN}]")
_OTHER_LETTER = re.compile(rf"[^\W\d_{_LATIN}]")
_OTHER_SCRIPT_RUN = re.compile(rf"{_OTHER_LETTER.pattern}(?:[^{_LATIN}]*{_OTHER_LETTER.pattern})?")
"""A run in a script other than Latin: from a letter (not Latin) to the last such letter before a Latin one."""


def has_other_script(text: str) -> bool:
    """Whether a text has letters in a script other than Latin."""
    return bool(_OTHER_LETTER.search(text))


def mixes_scripts(text: str) -> bool:
    """Whether a text has letters in the Latin script and letters in another ("the film «Композитор»")."""
    return bool(_LATIN_LETTER.search(text)) and has_other_script(text)


def language_runs(text: str, tag: str, mixed: bool | None = None) -> list[tuple[str, str]]:
    """``text`` in runs, each with its language ('' for the surrounding text's): the whole text is in ``tag``,
    unless it mixes the Latin script with another (an English title quoting a Russian one, a web page's
    Russian buttons among English ones), when only the runs in the other script are. A run goes from a letter
    of the other script to the last one before the next Latin letter. ``mixed`` decides for a piece of a
    longer text (say whether the whole mixes scripts)."""
    if not text or not tag:
        return [(text, "")]
    if not (mixes_scripts(text) if mixed is None else mixed):
        return [(text, tag)]
    return [(run, tag if other else "") for run, other in split_runs(_OTHER_SCRIPT_RUN, text)]


def authority_id_is_valid(authority: str, ident: str) -> bool:
    """Whether an id has the form its authority (in the profile) gives its ids."""
    return active().authority_id_is_valid(authority, ident)


__all__ = [
    "BCP47",
    "ENTITY_ID",
    "LANGUAGE_NAMES",
    "ORPHAN_SEVERITIES",
]
