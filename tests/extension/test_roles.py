"""Editorial roles as one module each: ``{unclear}`` in every output, and a role another edition adds on its own.

``test-role-unclear`` uses the ``{unclear}`` role the extension ships; ``test-role-custom`` adds its own role,
``{deleted}``, from a module of its own (``_ext/deleted_role.py``, listed in its ``conf.py``) with the public API of
``critical_edition.sphinx.editorial`` alone. In both, the witness is reconstructed from the text and proved equal to it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from helpers import between, html_text, sphinx_build_forked
from lxml import etree
from sphinx.testing.util import SphinxTestApp

from critical_edition.core.editorial import Option, option_values
from critical_edition.core.syntax import unclosed_roles
from critical_edition.profile import Vocabulary
from critical_edition.sphinx.reference import reference_tables

ROOTS = Path(__file__).parent.parent / "roots"
UNCLEAR, CUSTOM = ROOTS / "test-role-unclear", ROOTS / "test-role-custom"
SCHEMA = Path(__file__).parent.parent / "schema" / "tei_all.rng"
EPUB = {"version": "1", "copyright": "2026"}  # what EPUB 3 requires of a book


# --- {unclear} ------------------------------------------------------------------------------------------


@pytest.mark.sphinx("html", testroot="role-unclear", freshenv=True)
def test_unclear_is_dotted_and_signed_in_html_and_plain_in_the_witness(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()  # the fidelity check passes: no edition.fidelity
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    text = between(html, '<div class="edited-text">', '<div class="edition-witness"')
    # the words, dotted beneath; the reason in a title and in the sign's label; the sign leads to the apparatus
    assert (
        '<span class="edition-unclear" id="iv-2" data-reason="garbled" title="unclear in the source: characters garbled'
        ' in the capture, by a wrong encoding or missing glyphs"><span class="edition-unclear-reading">Almaty</span>'
        '<a class="edition-marker edition-app-link" href="#app-2" aria-label="unclear in the source: characters'
        ' garbled in the capture, by a wrong encoding or missing glyphs">(?)</a></span> in 1943.'
    ) in text
    # with an entity id, the words are a mention of the entity, and its certainty is said
    assert re.search(r'<span class="edition-unclear-reading"><span class="entity entity-person" data-entity='
                     r'"ann-smith"><a [^>]*>Ann Smith</a></span></span><a [^>]*href="#app-1" aria-label="unclear in'
                     r' the source: faded print or image; certainty medium">\(\?\)</a>', text)  # fmt: skip
    assert "<b>(?)</b> unclear in the source" in between(text, '<p class="edition-legend">', "</p>")
    apparatus = html_text(between(html, 'class="apparatus', "</ul>"))
    assert "¶ 1 Ann Smith ] Ann Smith — unclear in the source: faded print or image; certainty medium." in apparatus
    assert "¶ 2 Almaty ] Almaty — unclear in the source: characters garbled in the capture" in apparatus
    # the witness's view: the words as the source shows them, no sign (its runs only marked for side by side)
    witness = between(html, '<div class="edition-witness"', '<p class="edition-column-head">Edited text')
    assert "(?)" not in witness and "title=" not in witness
    assert '<div class="witness-block" id="witness-3" data-for="p-2" data-label="¶ 2">It reached <span ' \
           'class="witness-iv">Almaty</span> in 1943.</div>' in witness  # fmt: skip
    assert html_text(witness).count("The letter was signed by Ann Smith in faded ink.") == 1
    tables = dict(reference_tables()["roles"])  # the reference page's line, from the role's docstring
    assert tables["{unclear}"] == (
        "{unclear}`Baikadamova ; reason=faded ; cert=medium`: a reading made out with difficulty in the source. Its "
        "reason: faded, damage, illegible, garbled. Its certainty: high, medium, low, unknown."
    )


@pytest.mark.sphinx("latex", testroot="role-unclear", freshenv=True)
def test_unclear_in_print_is_an_apparatus_entry_and_a_sign(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert (
        r"It reached \edtext{Almaty}{\lemma{Almaty}\Afootnote{\textit{unclear in the source: characters garbled in the"
        r" capture, by a wrong encoding or missing glyphs}}}\,(?) in 1943." in tex
    )
    assert r"\Afootnote{\textit{unclear in the source: faded print or image; certainty medium}}}\,(?) in faded" in tex


@pytest.mark.sphinx("text", testroot="role-unclear", freshenv=True)
def test_unclear_in_plain_text_is_the_words(app: SphinxTestApp) -> None:
    app.build()
    text = (app.outdir / "index.txt").read_text(encoding="utf-8")
    assert "The letter was signed by Ann Smith in faded ink." in text and "It reached Almaty in 1943." in text


@pytest.mark.sphinx("epub", testroot="role-unclear", freshenv=True, confoverrides=EPUB)
def test_unclear_in_the_epub(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    page = (app.outdir / "index.xhtml").read_text(encoding="utf-8")
    assert '<span class="edition-unclear-reading">Almaty</span><a class="edition-marker edition-app-link"' in page


@pytest.mark.sphinx("tei", testroot="role-unclear", freshenv=True)
def test_unclear_in_tei_and_its_declaration(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    tei = (app.outdir / "index.xml").read_text(encoding="utf-8")
    assert '<p n="2" xml:id="p-2">It reached <unclear reason="garbled" resp="#editors">Almaty</unclear> in 1943.</p>' in tei
    assert (
        '<unclear reason="faded" cert="medium" resp="#editors"><persName ref="#ann-smith">Ann Smith</persName></unclear>'
        in tei
    )
    assert "A reading the editors made out with difficulty is unclear, with the reason in @reason (faded:" in tei


def test_an_unclear_reading_is_compared_with_the_witness(tmp_path: Path) -> None:
    # the words of {unclear} are the source's: a change to them is a difference from the witness, at its paragraph
    src = tmp_path / "src"
    shutil.copytree(UNCLEAR, src)
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("{unclear}`Almaty", "{unclear}`Alma-Ata"), "utf-8")
    result, _ = sphinx_build_forked("-q", "-b", "html", "-d", tmp_path / "d", src, tmp_path / "html")
    output = result.stdout + result.stderr
    assert "index.md:11: WARNING:" in output and "the edited text differs at ¶ 2" in output, output
    assert "[edition.fidelity]" in output


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("reason=garbeld", "reason 'garbeld' is not one of faded, damage, illegible, garbled (did you mean 'garbled'?)"),
        ("reason=garbled ; cert=sure", "certainty 'sure' is not one of high, medium, low, unknown"),
        ("cert=low", "the {unclear} role needs its reason (add ' ; reason=…': faded, damage, illegible, garbled)"),
        ("reason=garbled ; why=ink", "unknown option 'why'"),
    ],
)
def test_a_bad_reason_or_certainty_is_a_located_warning(tmp_path: Path, written: str, message: str) -> None:
    src = tmp_path / "src"
    shutil.copytree(UNCLEAR, src)
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("reason=garbled", written), "utf-8")
    result, _ = sphinx_build_forked("-q", "-b", "html", "-d", tmp_path / "d", src, tmp_path / "html")
    output = result.stdout + result.stderr
    assert f"index.md:11: WARNING: {message}" in output and "[edition.bad-markup]" in output, output
    assert "Traceback" not in output


def test_an_unclosed_role_is_found_whatever_its_name() -> None:
    # MyST reads any {name}`…` as a role: the shipped ones, and one another edition adds
    assert unclosed_roles("It reached {unclear}`Almaty in 1943.\n\nThe end.") == [("unclear", 1)]
    assert unclosed_roles("The minister {deleted}`will resign on Monday.") == [("deleted", 1)]


def test_an_option_is_read_against_its_vocabulary() -> None:
    options = (Option("cert", "certainty", default="high", choices=Vocabulary("certainty")), Option("note", "note"))
    assert option_values("x", {}, options) == ({"cert": "high", "note": ""}, [])
    values, problems = option_values("x", {"cert": "meduim", "note": "any words"}, options)
    assert values == {"cert": "meduim", "note": "any words"}
    assert [(p.code, p.hint) for p in problems] == [("bad-markup", "did you mean 'medium'?")]
    _, problems = option_values("x", {}, (Option("reason", "reason", required=True),))
    assert [p.message for p in problems] == ["the {x} role needs its reason"]


# --- a role of the edition's own -----------------------------------------------------------------------


def test_the_custom_role_takes_three_files() -> None:
    # its module, the conf.py that lists it, and the text that uses it; the rest is what any text needs
    made = sorted(p.relative_to(CUSTOM).as_posix() for p in CUSTOM.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert made == ["_ext/deleted_role.py", "conf.py", "index.md", "references.bib", "witnesses/SHA256SUMS",
                    "witnesses/w.txt"]  # fmt: skip
    module = (CUSTOM / "_ext" / "deleted_role.py").read_text(encoding="utf-8")
    imported = set(re.findall(r"^from (critical_edition\S*) import", module, re.M))
    assert imported == {"critical_edition.sphinx.editorial"}  # the public API alone


@pytest.mark.sphinx("html", testroot="role-custom", freshenv=True)
def test_a_custom_role_in_html_its_apparatus_and_the_witness(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()  # its words are proved against the witness
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'The minister <del class="edition-deleted" id="iv-1">will resign</del><a [^>]*href="#app-1"'
                     r' aria-label="struck through in the source">†</a> on Monday', html)  # fmt: skip
    assert "<b><del>abc</del></b> struck through in the source" in html  # its sign in the legend
    assert "¶ 1 will resign ] will resign — struck through in the source." in html_text(between(html, 'class="apparatus', "</ul>"))
    witness = between(html, '<div class="edition-witness"', '<p class="edition-column-head">Edited text')
    assert "The minister <span class=\"witness-iv\">will resign</span> on Monday, the paper said." in witness
    assert "{deleted}" in dict(reference_tables()["roles"])  # the reference page lists it


@pytest.mark.sphinx("latex", testroot="role-custom", freshenv=True)
def test_a_custom_role_in_print(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\edtext{will resign}{\lemma{will resign}\Afootnote{\textit{struck through in the source}}} on" in tex


@pytest.mark.sphinx("tei", testroot="role-custom", freshenv=True)
def test_a_custom_role_in_tei_and_its_declaration(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    tei = (app.outdir / "index.xml").read_text(encoding="utf-8")
    assert 'The minister <del rend="strikethrough">will resign</del> on Monday' in tei
    assert "Words the source prints struck through are del, with the rendering in @rend.</p>" in tei


def test_a_custom_role_is_compared_with_the_witness(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(CUSTOM, src)
    index = src / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("`will resign`", "`would resign`"), "utf-8")
    result, _ = sphinx_build_forked("-q", "-b", "html", "-d", tmp_path / "d", src, tmp_path / "html")
    output = result.stdout + result.stderr
    assert "the edited text differs at ¶ 1" in output and "[edition.fidelity]" in output, output


@pytest.mark.slow
def test_both_roots_write_valid_tei(tmp_path: Path) -> None:
    schema = etree.RelaxNG(etree.parse(str(SCHEMA)))  # tei_all: several seconds to compile
    for root in (UNCLEAR, CUSTOM):
        src = tmp_path / root.name / "src"
        shutil.copytree(root, src)
        result, _ = sphinx_build_forked("-W", "-q", "-b", "tei", "-d", tmp_path / root.name / "d", src,
                                        tmp_path / root.name / "tei")  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        doc = etree.parse(str(tmp_path / root.name / "tei" / "index.xml"))
        assert schema.validate(doc), "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)
