"""Each consistency check of the edition, through a real Sphinx build of a tiny test root.

Every root under ``tests/roots/test-check-<name>/`` triggers exactly one kind of problem (the
``clean`` root none). The tests assert the warning's subtype ``[edition.<code>]``, its file and
line (and that this line of the file really holds the offending text), its message and its hint.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from typing import NamedTuple

import pytest
from sphinx.errors import SphinxWarning
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

WARNING_LINE = re.compile(
    r"^(?P<path>\S.*?):(?P<line>\d+): WARNING: (?P<message>.*) \[edition\.(?P<code>[a-z-]+)\]$")


class Found(NamedTuple):
    """One edition warning: file relative to the source directory, line, message (with hint), code."""

    path: str
    line: int
    message: str
    code: str


def warnings_text(warning: StringIO) -> str:
    return strip_escape_sequences(warning.getvalue())


def edition_warnings(app: SphinxTestApp, warning: StringIO) -> list[Found]:
    """The edition's warnings, parsed; fails if one of them has no ``path:line`` location."""
    text = warnings_text(warning)
    found = []
    for line in text.splitlines():
        match = WARNING_LINE.match(line)
        if match:
            path = Path(match["path"]).relative_to(app.srcdir).as_posix()
            found.append(Found(path, int(match["line"]), match["message"], match["code"]))
    assert len(found) == text.count("[edition."), f"an edition warning without path:line:\n{text}"
    return found


def source_line(app: SphinxTestApp, path: str, line: int) -> str:
    """Line ``line`` (1-based) of a source file of the test root."""
    return Path(app.srcdir, path).read_text(encoding="utf-8").splitlines()[line - 1]


def other_warnings(warning: StringIO) -> list[str]:
    return [w for w in warnings_text(warning).splitlines() if w.strip() and "[edition." not in w]


# --- one root per check ----------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="check-clean", freshenv=True)
def test_clean_root_builds_without_any_warning(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert warnings_text(warning) == ""
    assert app.statuscode == 0
    # the build really read the register and the mentions: it is clean, not empty
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "entity-person" in html and "entity-place" in html and "entity-work" in html
    assert "entity-unknown" not in html


@pytest.mark.sphinx("html", testroot="check-unknown-entity", freshenv=True)
def test_unknown_entity(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("annotations/place/almaty.md", 15, "unknown entity id 'almati' (did you mean 'almaty'?)",
              "unknown-entity"),
        Found("index.md", 5, "unknown entity id 'emir-baigazn' (did you mean 'emir-baigazin'?)", "unknown-entity"),
    ]
    # the lines are those of the roles, not of the paragraphs that hold them (index.md:3, almaty.md:14)
    assert "{person}`Baigazin <emir-baigazn>`" in source_line(app, "index.md", 5)
    assert "{place}`Almati <almati>`" in source_line(app, "annotations/place/almaty.md", 15)
    assert other_warnings(warning) == []
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert "entity-unknown" in html


@pytest.mark.sphinx("html", testroot="check-wrong-kind", freshenv=True)
def test_wrong_kind(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("index.md", 4, "'emir-baigazin' is a person, but it is referenced with a place role "
              "(write {person}`Baigazin <emir-baigazin>`)", "wrong-kind"),
    ]
    assert "{place}`Baigazin <emir-baigazin>`" in source_line(app, "index.md", 4)
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-duplicate-id", freshenv=True)
def test_duplicate_id(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    # files load in path order: organisation/ before person/, so the person file is the duplicate
    assert edition_warnings(app, warning) == [
        Found("annotations/person/baikadamov.md", 2,
              "entity id 'baikadamov' is declared twice (it is already declared in "
              "annotations/organisation/baikadamov.md:2; give one of them another id)", "duplicate-id"),
    ]
    assert source_line(app, "annotations/person/baikadamov.md", 2) == "id: baikadamov"
    assert source_line(app, "annotations/organisation/baikadamov.md", 2) == "id: baikadamov"
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-orphan-entity", freshenv=True)
def test_orphan_entity(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("annotations/place/kostanay.md", 2, "entity 'kostanay' is declared but never mentioned "
              "(mention it in an article or annotation, or delete the file)", "orphan-entity"),
    ]
    assert source_line(app, "annotations/place/kostanay.md", 2) == "id: kostanay"
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-unknown-source", freshenv=True)
def test_unknown_source(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("annotations/work/harmony-lessons.md", 10,
              "bib key 'smith1999' is not in references.bib (add the entry to references.bib)", "unknown-source"),
        Found("annotations/work/harmony-lessons.md", 14,
              "bib key 'doe2002' is not in references.bib (did you mean 'doe2020' or 'roe2021'?)", "unknown-source"),
    ]
    assert source_line(app, "annotations/work/harmony-lessons.md", 10) == "  - smith1999"
    assert "{footcite}`doe2002`" in source_line(app, "annotations/work/harmony-lessons.md", 14)
    # sphinxcontrib-bibtex reports the footcite of the body in its own words; the gloss's citation leaves
    # the unknown key out, so it gives no second, unlocated warning; nothing else goes wrong
    others = other_warnings(warning)
    assert others and all("[bibtex.key_not_found]" in w for w in others), others
    assert {re.search(r'"(\w+)"', w)[1] for w in others} == {"doe2002"}


@pytest.mark.sphinx("html", testroot="check-bad-relation", freshenv=True)
def test_bad_relation(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("annotations/person/emir-baigazin.md", 12,
              "a person cannot be 'directed' a place ('almaty') (from a person to a place use: born-in, died-in)",
              "bad-relation"),
    ]
    assert source_line(app, "annotations/person/emir-baigazin.md", 12) == "  - {type: directed, target: almaty}"
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-unknown-relation-target", freshenv=True)
def test_unknown_relation_target(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("annotations/person/emir-baigazin.md", 12,
              "relation 'wrote' points to unknown entity 'harmony-lesson' (did you mean 'harmony-lessons'?)",
              "unknown-relation-target"),
    ]
    assert source_line(app, "annotations/person/emir-baigazin.md", 12) == "  - {type: wrote, target: harmony-lesson}"
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-bad-authority", freshenv=True)
def test_bad_authority(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("annotations/place/almaty.md", 9, "'https://www.wikidata.org/wiki/Q1' is not a well-formed wikidata id "
              "(write the bare id, e.g. Q42; not a URL)", "bad-authority"),
    ]
    assert source_line(app, "annotations/place/almaty.md", 9) == '  wikidata: "https://www.wikidata.org/wiki/Q1"'
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-duplicate-authority", freshenv=True)
def test_duplicate_authority(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    # entities are checked in alphabetical order of their names: Alma-Ata before Almaty
    assert edition_warnings(app, warning) == [
        Found("annotations/place/almaty.md", 9, "wikidata id Q35493 is also given to 'alma-ata' "
              "(see annotations/place/alma-ata.md; one of the two is wrong)", "duplicate-authority"),
    ]
    assert source_line(app, "annotations/place/almaty.md", 9) == "  wikidata: Q35493"
    assert source_line(app, "annotations/place/alma-ata.md", 7) == "  wikidata: Q35493"
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-bad-date", freshenv=True)
def test_bad_date(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("annotations/person/emir-baigazin.md", 8, "date 'born: 1984-13-45' is not valid EDTF "
              "(write e.g. 1905-06-13, 1942-11, 1943?, 1942~, [1942,1943] or 1941/1945)", "bad-date"),
    ]
    assert source_line(app, "annotations/person/emir-baigazin.md", 8) == '  born: "1984-13-45"'
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-chronology", freshenv=True)
def test_chronology(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("annotations/event/berlinale-2013.md", 9, "participant 'emir-baigazin' was not alive at the date of "
              "'berlinale-2013' (1973-02) (check the event's date and the person's dates)", "chronology"),
        Found("annotations/person/anna-vilgelmi.md", 7, "'anna-vilgelmi' ends (1980-12-31) before it begins "
              "(1990-01-01) ('died' cannot be before 'born': check both dates)", "chronology"),
        Found("annotations/person/emir-baigazin.md", 11, "'harmony-lessons' appeared (1913) before its creator "
              "'emir-baigazin' was born (check the work's and the person's dates)", "chronology"),
    ]
    assert source_line(app, "annotations/event/berlinale-2013.md", 9) == "  - {type: participant, target: emir-baigazin}"
    assert source_line(app, "annotations/person/anna-vilgelmi.md", 7) == '  died: "1980"'
    assert source_line(app, "annotations/person/emir-baigazin.md", 11) == "  - {type: directed, target: harmony-lessons}"
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-name-mismatch", freshenv=True)
def test_name_mismatch(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    # "Baigazin's", "emir baigazin" and a marked misspelling (Emir Bagazin -> Emir Baigazin) are accepted
    assert edition_warnings(app, warning) == [
        Found("index.md", 5, "'Bagazin' matches no name of 'emir-baigazin' (Emir Baigazin) "
              "(mark a misspelling as a source error ({person}`Sourcename -> Rightname <emir-baigazin>`), "
              "add the form to the entity's names, or check the id)", "name-mismatch"),
    ]
    assert "{person}`Bagazin <emir-baigazin>`" in source_line(app, "index.md", 5)
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-register-syntax", freshenv=True)
def test_register_syntax(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("annotations/place/almaty.md", 4, "YAML error: mapping values are not allowed here "
              "(check indentation, colons and quotes on this line)", "register-syntax"),
    ]
    assert source_line(app, "annotations/place/almaty.md", 4) == "name: Almaty: Alma-Ata"
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-register-field", freshenv=True)
def test_register_field(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert edition_warnings(app, warning) == [
        Found("annotations/person/emir-baigazin.md", 2,
              "required field 'gloss' is missing (see CONTRIBUTING.md, 'Adding an entity')", "register-field"),
        Found("annotations/person/emir-baigazin.md", 9, "unknown field 'glos' (did you mean 'gloss'?)",
              "register-field"),
        Found("annotations/work/harmony-lessons.md", 8, "sources: Input should be a valid list", "register-field"),
    ]
    assert source_line(app, "annotations/person/emir-baigazin.md", 9).startswith("glos: ")
    assert source_line(app, "annotations/work/harmony-lessons.md", 8) == "sources: roe2021"
    assert other_warnings(warning) == []



def _only_root(builder: str) -> object:
    return pytest.param(builder, marks=pytest.mark.sphinx(builder, testroot="check-only", freshenv=True,
                                                           warningiserror=True))


@pytest.mark.parametrize("builder", [_only_root(b) for b in ("html", "latex", "tei", "epub")])
def test_only_inside_an_edited_text(app: SphinxTestApp, warning: StringIO, builder: str) -> None:
    """Read before Sphinx drops it for other outputs, an {only} html counted as text everywhere: the fidelity
    check passed with it, and the TEI printed it, while the PDF left it out. Every build reports it; an {only}
    outside the edited text is the editors' own."""
    app.build()
    assert app.statuscode == 1
    assert edition_warnings(app, warning) == [
        Found("index.md", 9, "an {only} block (html) inside the edited text: the text would differ from one output "
              "to another (an edited text is the same in every output; put output-specific words outside the "
              "edited text, e.g. in an editors' note)", "bad-markup"),
    ]
    assert source_line(app, "index.md", 9) == "```{only} html"
    assert other_warnings(warning) == []


@pytest.mark.parametrize(
    "builder",
    [
        pytest.param(b, marks=pytest.mark.sphinx(b, testroot="check-only-around", freshenv=True, warningiserror=True))
        for b in ("html", "latex", "tei", "epub")
    ],
)
def test_only_around_an_edited_text(app: SphinxTestApp, warning: StringIO, builder: str) -> None:
    """An {only} html around the edited text kept it from the PDF, the TEI and the EPUB without a word, and the
    web build's checks passed: every build reports it, where the {only} stands."""
    app.build()
    assert app.statuscode == 1
    assert edition_warnings(app, warning) == [
        Found("index.md", 3, "the edited text is inside an {only} block (html): it would be in some outputs and "
              "missing from others (an edited text is in every output; take the {edited-text} block out of the "
              "{only} block)", "bad-markup"),
    ]
    assert source_line(app, "index.md", 3) == ":::::{only} html"
    assert other_warnings(warning) == []

@pytest.mark.parametrize(
    "builder",
    [pytest.param(b, marks=pytest.mark.sphinx(b, testroot="check-line-block", freshenv=True)) for b in ("html", "tei")],
)
def test_a_line_block_is_compared_with_the_witness(app: SphinxTestApp, warning: StringIO, builder: str) -> None:
    """A line block's words were left out of the text compared with the witness: a faithful one was a fidelity
    error, and a word added in one went unnoticed. Its lines now count as the witness's lines."""
    app.build()
    assert edition_warnings(app, warning) == [
        Found("altered.md", 9, "altered: the edited text differs at a line block: witness «… first line of it, the "
              "second line of it. The report ends.…» but edited text «… first line of it, the second added line of "
              "it. The report ends.…» (mark the change as {corr} or {sic}, keep omitted text in an {omitted} block, "
              "or restore the witness if it was altered)", "fidelity"),
    ]
    assert source_line(app, "altered.md", 9) == "```{line-block}"
    assert other_warnings(warning) == []
    if builder == "html":  # the witness's lines stand beside the line block that reproduces them
        page = (app.outdir / "index.html").read_text(encoding="utf-8")
        assert '<div class="line-block" id="block-2">' in page
        assert 'data-for="block-2" data-label="a line block">The first line of it,\nthe second line of it.<' in page


# --- line numbers inside directives, lists and repeated roles ------------------------------


@pytest.mark.sphinx("html", testroot="check-lines", freshenv=True)
def test_lines_of_roles_in_directives_and_lists(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    found = edition_warnings(app, warning)
    assert {f.code for f in found} == {"unknown-entity"}
    lines = {(f.line, f.message.split("'")[1]) for f in found}
    # in the edited text (witness checked, no warning), in a {note}, in a list item
    assert {(8, "emir-baigazn"), (14, "emir-baigzin"), (18, "harmony-lesson")} <= lines
    for line, target in [(8, "emir-baigazn"), (14, "emir-baigzin"), (18, "harmony-lesson")]:
        assert f"<{target}>" in source_line(app, "index.md", line)
    assert other_warnings(warning) == []


@pytest.mark.sphinx("html", testroot="check-lines", freshenv=True)
def test_lines_of_a_repeated_role_in_one_paragraph(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    lines = sorted(f.line for f in edition_warnings(app, warning) if "'emir-bgazin'" in f.message)
    assert "<emir-bgazin>" in source_line(app, "index.md", 20)
    assert "<emir-bgazin>" in source_line(app, "index.md", 21)
    assert lines == [20, 21]


# --- -W, suppress_warnings and edition_orphans ----------------------------------------------


@pytest.mark.sphinx("html", testroot="check-unknown-entity", freshenv=True, warningiserror=True)
def test_warning_is_error_fails_the_build(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()  # Sphinx >= 8: with -W the build goes on and ends with status 1
    assert app.statuscode == 1
    assert "[edition.unknown-entity]" in warnings_text(warning)
    assert "with warnings treated as errors" in strip_escape_sequences(app.status.getvalue())


@pytest.mark.sphinx("html", testroot="check-clean", freshenv=True, warningiserror=True)
def test_warning_is_error_passes_a_clean_root(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert app.statuscode == 0
    assert warnings_text(warning) == ""


@pytest.mark.sphinx("html", testroot="check-unknown-entity", freshenv=True, exception_on_warning=True)
def test_exception_on_warning_raises_at_the_first_problem(app: SphinxTestApp) -> None:
    with pytest.raises(SphinxWarning, match=r"almaty\.md:15:unknown entity id 'almati' \(did you mean 'almaty'\?\)"):
        app.build()


@pytest.mark.sphinx("html", testroot="check-orphan-entity", freshenv=True,
                    confoverrides={"suppress_warnings": ["edition.orphan-entity"]})
def test_suppress_warnings_silences_orphans(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert warnings_text(warning) == ""


@pytest.mark.sphinx("html", testroot="check-orphan-entity", freshenv=True,
                    confoverrides={"suppress_warnings": ["edition.unknown-entity"]})
def test_suppress_warnings_is_per_subtype(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert [f.code for f in edition_warnings(app, warning)] == ["orphan-entity"]


@pytest.mark.sphinx("html", testroot="check-orphan-entity", freshenv=True,
                    confoverrides={"edition_orphans": "ignore"})
def test_edition_orphans_ignore(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert warnings_text(warning) == ""
    assert "never mentioned" not in strip_escape_sequences(app.status.getvalue())


@pytest.mark.sphinx("html", testroot="check-orphan-entity", freshenv=True,
                    confoverrides={"edition_orphans": "info"})
def test_edition_orphans_info(app: SphinxTestApp, warning: StringIO) -> None:
    app.build()
    assert warnings_text(warning) == ""
    assert app.statuscode == 0
    status = strip_escape_sequences(app.status.getvalue())
    assert "entity 'kostanay' is declared but never mentioned" in status
