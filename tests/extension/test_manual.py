"""The manual for editors of other editions (manual/): a Sphinx project of its own that builds with -W, whose
reference lists, from the code, every role, directive, setting, problem code and command of the extension."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from docutils.parsers.rst import directives, roles
from helpers import ROOT, app_on_a_copy, run_forked, sphinx_build

from critical_edition import cli
from critical_edition.core.problems import PROBLEM_CODES
from critical_edition.sphinx.files import READING_DIRECTIVES
from critical_edition.sphinx.reference import reference_tables
from critical_edition.sphinx.settings import SETTINGS

MANUAL = ROOT / "manual"
TINY = Path(__file__).parent.parent / "roots" / "test-interventions"
VOCABULARIES = ("normalisations", "omissions", "certainty")
"""The tables of ``{edition-rules}`` that are vocabularies, beside those of ``reference_tables()``."""


def registered(tmp_path: Path) -> tuple[set[str], set[str]]:
    """The directives and roles that the extension's setup registers with docutils, by name."""
    with app_on_a_copy(TINY, tmp_path / "src"):
        ours = {name for name, cls in directives._directives.items()
                if getattr(cls, "__module__", "").startswith("critical_edition.") and name not in READING_DIRECTIVES}
        our_roles = {name for name, role in roles._roles.items()
                     if type(role).__module__.startswith("critical_edition.")}  # fmt: skip
    return ours, our_roles


def subcommands() -> list[str]:
    """The subcommands of ``critical-edition``, as its own help names them."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.suppress(SystemExit):
        cli.main(["--help"])
    found = re.search(r"\{([a-z,-]+)\}", printed.getvalue())
    assert found, printed.getvalue()
    return found[1].split(",")


def terms(page: Path) -> set[str]:
    """The terms of a page's definition lists, as the reader sees them."""
    from bs4 import BeautifulSoup

    return {dt.get_text() for dt in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find_all("dt")}


def test_every_table_of_the_reference_is_in_the_manual() -> None:
    shown = {m for page in MANUAL.rglob("*.md")
             for m in re.findall(r"^```\{edition-rules\} (\S+)", page.read_text(encoding="utf-8"), re.M)}  # fmt: skip
    assert set(reference_tables()) | set(VOCABULARIES) <= shown


@pytest.fixture(scope="module")
def manual_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The manual, built as nox -s manual builds it: HTML, warnings as errors, nitpicky."""
    out = tmp_path_factory.mktemp("manual")
    done = sphinx_build("-W", "--keep-going", "-n", "-b", "html", "-d", out / "doctrees", MANUAL, out / "html")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    return out / "html"


@pytest.mark.slow
def test_the_reference_lists_every_role_directive_setting_and_problem_code(manual_html: Path,
                                                                          tmp_path: Path) -> None:
    ours, our_roles = registered(tmp_path)
    assert {"edition-map", "edition-citation", "edited-text", "omitted"} <= ours
    assert {"person", "corr", "lang", "edition-fact"} <= our_roles
    markup = " ".join(terms(manual_html / "reference" / "markup.html"))
    missing = sorted(name for name in ours | our_roles if f"{{{name}}}" not in markup)
    assert not missing, f"not in the manual's reference: {missing}"
    assert {s.name for s in SETTINGS} <= terms(manual_html / "reference" / "settings.html")
    assert {f"edition.{code}" for code in PROBLEM_CODES} <= terms(manual_html / "reference" / "problems.html")


@pytest.mark.slow
def test_the_reference_gives_the_help_of_every_command(manual_html: Path) -> None:
    page = (manual_html / "reference" / "command-line.html").read_text(encoding="utf-8")
    for command in subcommands():
        assert f"usage: python -m critical_edition {command} " in page, command
        assert f'id="critical-edition-{command}"' in page  # a section of its own, which a guide can link


def how_to_blocks(page: str, language: str) -> list[str]:
    """The code blocks of one language in a page of the manual, in their order."""
    text = (MANUAL / page).read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.M | re.S)


def test_the_how_to_of_a_kind_works_on_a_new_edition_as_written(tmp_path: Path) -> None:
    """A new edition, and the guide "Add a kind of entity" followed to the letter: its profile, a register
    page made as the guide says, an entity of the kind and a mention; ``check`` is green. Then the guide's own
    example of a mistake gives the very warning it prints."""
    edition = tmp_path / "ed"
    cli.new_edition(edition)
    profile, = how_to_blocks("how-to/add-a-kind.md", "yaml")
    (edition / "edition-profile.yaml").write_text(profile, encoding="utf-8")
    persons = (edition / "annotations" / "persons.md").read_text(encoding="utf-8")
    (edition / "annotations" / "ships.md").write_text(
        persons.replace("# Persons", "# Ships").replace("person", "ship"), encoding="utf-8")
    index = edition / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("annotations/places\n",
                                                               "annotations/places\nannotations/ships\n"))
    (edition / "annotations" / "ship").mkdir()
    (edition / "annotations" / "ship" / "aurora.md").write_text(
        "---\nid: aurora\nkind: ship\nname: Aurora\ndates: {launched: '1900', wrecked: '1950?'}\n"
        "gloss: A ship of the sample, to show an entry of a kind the edition declares.\n"
        "sources: [sample-witness]\n---\n\nA sample entry.{footcite}`sample-witness`\n", encoding="utf-8")
    text = edition / "texts" / "sample-notice.md"
    text.write_text(text.read_text(encoding="utf-8").replace(
        "two sample\nentries of the register.", "two sample\nentries of the register, and the ship {ship}`Aurora <aurora>`."),
        encoding="utf-8")
    result, _ = run_forked("critical_edition", "check", edition, env={"NO_COLOR": "1"})
    assert result.returncode == 0, result.stdout + result.stderr
    (edition / "edition-profile.yaml").write_text(profile.replace("label: Ship", "lable: Ship"), encoding="utf-8")
    result, _ = run_forked("critical_edition", "check", edition, env={"NO_COLOR": "1"})
    shown, = how_to_blocks("how-to/add-a-kind.md", "text")
    assert result.returncode != 0 and shown.strip() in result.stdout + result.stderr, result.stdout + result.stderr
