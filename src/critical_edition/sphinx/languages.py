"""The language of what an HTML writer writes: the page's language, a run's ``lang`` (and ``dir``) attributes, and a
text cut into runs by language. Shared by the HTML writer, the editorial roles and the witness views."""

from __future__ import annotations

from html import escape
from typing import Any

from ..core.vocabulary import is_right_to_left, language_runs
from .domain import edition_language


def lang_attributes(tag: str) -> str:
    """``lang`` and, for right-to-left scripts, ``dir`` of an HTML element."""
    return f'lang="{escape(tag)}"' + (' dir="rtl"' if is_right_to_left(tag) else "")


def page_language(translator: Any) -> str:
    """The language of the pages being written."""
    return edition_language(translator.builder.config)


def runs_in_language(text: str, tag: str, page: str, mixed: bool | None = None) -> list[tuple[str, str]]:
    """A text's runs, each with its language tag as ``markup.language_nodes`` cuts it (for the ``in_language``
    macro of the fragments); nothing is tagged when ``tag`` is the page's own language."""
    return list(language_runs(text, "" if tag == page else tag, mixed))
