"""The settings of the extension, set in an edition's conf.py: each declared once, with its default and meaning."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..profile import PROFILE_FILE


@dataclass(frozen=True)
class Setting:
    """A configuration value of the extension, set in conf.py."""

    name: str
    default: Any
    rebuild: Literal["env", "html"]  # what Sphinx rebuilds when it changes: every page read again, or written
    meaning: str


SETTINGS: tuple[Setting, ...] = (
    Setting("edition_register_dir", "annotations", "env", "the folder of the register, relative to the project"),
    Setting("edition_orphans", "warning", "env",
            "how an entity mentioned nowhere is reported: 'warning', 'info' or 'ignore'"),
    Setting("edition_gloss_notes", "marked", "env",
            "gloss notes at first mentions: 'marked' (entities with gloss_note: true), 'every' or 'none'"),
    Setting("edition_verification_records", False, "env",
            "whether every bib entry must carry a verification record (an annote in the documented vocabulary)"),
    Setting("edition_profile", PROFILE_FILE, "env",
            "the edition's profile (its kinds, vocabularies, collation, licence and editors), relative to conf.py; "
            "without the file, the shipped defaults"),
    Setting("edition_print_front", [], "env",
            "the books' (PDF and EPUB) front matter after the introduction, before the texts: a list of document "
            "names"),
    Setting("edition_print_back", [], "env",
            "the books' (PDF and EPUB) back matter after the texts (register, bibliography…); documents in neither "
            "list are left out of both books, unless both lists are empty"),
    Setting("edition_keywords", [], "html", "keywords of the edition, in the PDF's metadata"),
    Setting("edition_date", "", "env",
            "the edition's date, an ISO 8601 day; empty, the day of the last commit of the sources. Every "
            "citation, page and format carries it, whatever the clock or SOURCE_DATE_EPOCH of the build"),
)  # fmt: skip
"""Every setting of the extension, declared in this one list."""
