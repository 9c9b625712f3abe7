"""How the edition's words are set, on a small edition (tests/roots/test-typography): web addresses as typed and
broken in print only between their parts.

The real edition's PDF and EPUB are read for the same properties in test_print.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import reader_text
from sphinx.testing.util import SphinxTestApp

from critical_edition.core.citation import address_parts
from critical_edition.sphinx.register.name_index import NAMES_FILE


@pytest.mark.parametrize(
    "address",
    [
        "https://kaznai.kz/en/история-казнаи/",
        "https://iie.kz/?p=26207&lang=en",
        "http://www.xinhuanet.com/english/2019-05/17/c_138066310.htm",
        "https://example.org/%D0%B8%D1%81",
    ],
)
def test_an_address_is_cut_only_after_a_break_character(address: str) -> None:
    parts = address_parts(address)
    assert "".join(parts) == address
    assert parts[0].startswith(address.split("://")[0] + "://") and len(parts[0]) > len("https://")  # scheme whole
    assert all(part[-1] in "/.-_?&=#~,;" for part in parts[:-1]), parts
    assert not any(part.endswith("%") for part in parts)  # an escape is not parted from its digits


def _body(app: SphinxTestApp) -> str:
    return (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="typography", freshenv=True)
def test_an_address_is_shown_as_typed(app: SphinxTestApp) -> None:
    """Smart quotes turned the "--" of a bibliography's address into an en dash ("aldyi–59631")."""
    app.build()
    html = _body(app)
    assert ">https://example.org/news/festival-zeigt--the-wounded-angel-2/</a>" in html  # a bibliography's
    assert ">https://example.org/a--b/c</a>" in html  # an autolink in a page
    assert ">https://example.org/история-казнаи/</a>" in html  # read as an IRI, linked as the URL


@pytest.mark.sphinx("latex", testroot="typography", freshenv=True)
def test_print_breaks_an_address_only_between_its_parts(app: SphinxTestApp) -> None:
    """The PDF broke an address inside its scheme ("ht- tps://"): TeX set the readable form as words, and xurl
    lets \\url break after any letter. Each part of an address is a box; a break may fall only between."""
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\sphinxurl{" not in tex and r"\url{http" not in tex
    shown = re.findall(r"\\sphinxhref\{(https?:[^}]*)\}\{(\\mbox.*?)\}(?= |\.|\)|$)", tex, re.M)
    assert len(shown) >= 5, shown
    for _, text in shown:
        boxes = text.split(r"\allowbreak{}")
        assert all(re.fullmatch(r"\\mbox\{.*\}", box) for box in boxes), text
        assert re.match(r"\\mbox\{https?://[^}]", boxes[0]), text


@pytest.mark.sphinx("html", testroot="typography", freshenv=True)
def test_words_made_after_reading_have_curly_quotes(app: SphinxTestApp) -> None:
    """84 straight apostrophes stood in the notes beside curly ones: the bibliography's entries and labels, the
    citations and the hover cards are made after Sphinx's smart quotes have run."""
    app.build()
    text = reader_text(_body(app))
    assert "A Source’s Own Title" in text  # an entry of the bibliography
    assert "Report on the director’s…, 2016" in text  # its label, and the citation in the note
    assert "stands in for a real one’s in this test" in text  # the hover card's gloss
    assert "'" not in text, re.findall(r".{20}'.{20}", text)


@pytest.mark.sphinx("html", testroot="typography", freshenv=True)
def test_dates_and_languages_are_read_in_words(app: SphinxTestApp) -> None:
    """The register printed EDTF ("[1945,1946]", "2015?") and BCP 47 tags ("kk-Cyrl") as they are stored: the
    entry's page, its note and its hover card read them in words, the data keep the codes."""
    app.build()
    entry = reader_text((Path(app.outdir) / "annotations" / "person" / "ann-smith.html").read_bytes())
    assert "Анна Смит (Kazakh in Cyrillic script, transliteration)" in entry
    assert "安娜 (Chinese in simplified characters, transliteration)" in entry
    assert "born 1945 or 1946; died probably 2015" in entry
    card = _body(app)[_body(app).index('id="card-ann-smith"') :]
    assert "(1945 or 1946 – probably 2015)" in card  # years, as a list of lives gives them
    for code in ("kk-Cyrl", "zh-Hans", "[1945,1946]", "2015?", "(uncertain)", "one of these"):
        assert code not in entry and code not in reader_text(_body(app)), code


@pytest.mark.sphinx("html", testroot="typography", freshenv=True)
def test_register_names_in_the_index_and_the_html_index_have_curly_quotes(app: SphinxTestApp) -> None:
    """A register's name typed with a straight apostrophe ("Xi'an") reached the general index as typed: Sphinx's
    smart quotes never see an index entry."""
    app.build()
    index = reader_text((Path(app.outdir) / "genindex.html").read_bytes())
    assert "Xi’an" in index and "'" not in index, re.findall(r".{20}'.{20}", index)


@pytest.mark.sphinx("latex", testroot="typography", freshenv=True)
def test_register_names_in_the_printed_indices_have_curly_quotes(app: SphinxTestApp) -> None:
    """The book's index of places and its index of names in every script print the name as the prose does."""
    app.build()
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert re.search(r"\\index\[place\]\{[^@]*@Xi’an\}", tex), re.findall(r"\\index\[place\][^\n]*", tex)
    names = (Path(app.outdir) / NAMES_FILE).read_text(encoding="utf-8")
    assert "Xi’an" in names and r"\textquotesingle" not in names
