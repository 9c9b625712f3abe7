"""Who made the edition and when: its editors and its date, read once from conf.py for every output.

The editors are the edition profile's ``editors`` (a list of {name, role, orcid}, checked when the profile is
read; none, the project's ``author`` as a collective name). The date is
``edition_date`` (ISO 8601), else the day of the last commit of the sources, never the clock or the build's
environment while either is known: Sphinx's ``today``, the pages' "last updated", the citations and the
title page all carry it, and the copyright statement stays as conf.py wrote it (Sphinx rewrites its year
from SOURCE_DATE_EPOCH).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.i18n import format_date

from ..core.checks import assignment_line
from ..core.citation import CreditPart, Editor, credits, edition_date, editors_of, names_in_a_list
from ..core.model import Problem
from ..profile import active
from .inputs import conf_file
from .quotes import curled
from .report import report

logger = logging.getLogger(__name__)

COPYRIGHT_SETTINGS = ("copyright", "epub_copyright")
"""The settings whose year Sphinx rewrites from SOURCE_DATE_EPOCH."""


def last_commit_date(folder: Path) -> str:
    """The day (ISO 8601, UTC) of the last commit that changed ``folder``; "" outside a git checkout."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%cd", "--date=format-local:%Y-%m-%d", "--", "."],
            cwd=folder, capture_output=True, text=True, check=False, env={**os.environ, "TZ": "UTC"},
        )  # fmt: skip
    except OSError:
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def editors(config: Config) -> tuple[Editor, ...]:
    """The editors of the edition, as its profile declares them (checked when the profile is read)."""
    return editors_of(active(), config.author)


def the_date(config: Config) -> dt.date:
    """The edition's date, settled when the configuration is read."""
    return dt.date.fromisoformat(config.edition_date)


def the_moment(config: Config) -> dt.datetime:
    """The edition's date as a moment, midnight UTC, for what must carry a time (the EPUB's package and archive,
    the pictures converted for print): never the clock or the build's environment."""
    return dt.datetime.combine(the_date(config), dt.time(), tzinfo=dt.UTC)


@dataclass(frozen=True)
class TitlePage:
    """What a book's title page and its verso say (the PDF's and the EPUB's alike)."""

    title: str  # the project's title before its first ": "
    subtitle: str  # after it ("" without one)
    names: str  # the editors, as a sentence lists them
    year: int  # the year of the edition's date
    credits: tuple[CreditPart, ...]  # the verso's credit of the editors who are persons; () without one
    rights: str
    licence_url: str
    address: str  # the edition online (html_baseurl), "" when it has declared none


def title_page(config: Config) -> TitlePage:
    """The title page and its verso, from conf.py and the profile: title, editors, year; persons, rights, licence,
    address."""
    title, _, subtitle = config.project.partition(": ")
    found = editors(config)
    people = [e for e in found if not e.collective]

    def prose(text: str) -> str:  # as the colophon prints the same words (Sphinx's smart quotes): "O’Neil"
        return curled(text, config)

    credited = tuple(part if part.link else replace(part, text=prose(part.text)) for part in credits(people))
    return TitlePage(prose(title), prose(subtitle), prose(names_in_a_list([e.name for e in found])),
                     the_date(config).year, credited if people else (), prose(active().licence.rights),
                     active().licence.url, config.html_baseurl or "")  # fmt: skip


def _problem(app: Sphinx, config: Config, name: str, message: str, hint: str) -> None:
    """Report a setting that cannot be read, at its line of conf.py (or as given on the command line)."""
    shown, text = conf_file(app)
    if name in config.overrides:
        report(Problem("config", f"{name}, given on the command line: {message}", "", None, hint), app.srcdir)
    else:
        report(Problem("config", f"{name}: {message}", shown, assignment_line(name, text), hint), app.srcdir)


def day_in_format(date: dt.date, fmt: str | None, language: str) -> str:
    """A day as Sphinx formats dates (``today_fmt``, ``html_last_updated_fmt``; Sphinx's default without one)."""
    moment = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    return format_date(fmt or "%b %d, %Y", date=moment, language=language)


def settle(app: Sphinx, config: Config) -> None:
    """Settle the edition's date; give Sphinx's ``today`` that date.

    A date that cannot be read is reported at its line of conf.py and left out: the date is then that of the
    last commit.
    """
    last_commit = last_commit_date(Path(app.srcdir))
    try:
        date, origin = edition_date(str(config.edition_date or ""), last_commit, os.environ)
    except ValueError:
        hint = "edition_date = '2026-11-21', or leave it out for the day of the last commit"
        _problem(app, config, "edition_date", f"{config.edition_date!r} is not a day in ISO 8601", hint)
        date, origin = edition_date("", last_commit, os.environ)
    if origin in ("SOURCE_DATE_EPOCH", "clock"):
        logger.info(f"the edition's date is taken from the {origin}: set edition_date, or build from a git checkout")
    config.edition_date = date.isoformat()
    if not config.today:
        config.today = day_in_format(date, config.today_fmt, config.language)


def keep_configured_copyright(app: Sphinx) -> None:
    """Keep the copyright statements as conf.py wrote them: Sphinx rewrites their year from SOURCE_DATE_EPOCH."""
    configured: dict[str, Any] = {}

    def remember(app: Sphinx, config: Config) -> None:
        configured.update({name: config[name] for name in COPYRIGHT_SETTINGS if name in config})

    def restore(app: Sphinx, config: Config) -> None:
        for name, value in configured.items():
            config[name] = value

    app.connect("config-inited", remember, priority=1)  # before Sphinx's correct_copyright_year (800)
    app.connect("config-inited", restore, priority=900)


def last_updated(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """A page's "last updated" is the edition's date, in ``html_last_updated_fmt``."""
    fmt = app.config.html_last_updated_fmt
    if fmt is None or "last_updated" not in context:
        return
    context["last_updated"] = day_in_format(the_date(app.config), fmt, app.config.language)


class EditorsDirective(SphinxDirective):
    """``{edition-editors}``: the editors as the edition's profile declares them, each with their role and ORCID iD."""

    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = {}

    def run(self) -> list[nodes.Node]:
        paragraph = nodes.paragraph(classes=["edition-editors"])
        for part in credits(editors(self.config)):
            paragraph += nodes.reference(part.text, part.text, refuri=part.link) if part.link else nodes.Text(part.text)
        self.set_source_info(paragraph)
        return [paragraph]


def setup(app: Sphinx) -> None:
    """Settle the editors and the date when the configuration is read; date the pages with it."""
    keep_configured_copyright(app)
    app.connect("config-inited", settle, priority=400)  # after the profile, before the title page (latex.configure)
    app.connect("html-page-context", last_updated)
    app.add_directive("edition-editors", EditorsDirective)
