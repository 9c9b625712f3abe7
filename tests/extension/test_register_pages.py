"""The register as a scholar reads it: one filing order everywhere, mentions of the source apart from the editors'
notes, relations that do not repeat a name, and the indices (issue "a citable edition").

The root ``test-register`` files its persons by surname where the file names would put first names first (Anna
Zorina, Boris Abaev, Li Wei), a work under its title without "The", and names Anna Zorina in the headline and the
running text of its report, in a note and in the editors' introduction.
"""

from __future__ import annotations

import itertools
import re

import pytest
from helpers import html_text, page_field
from sphinx.testing.util import SphinxTestApp

from critical_edition.core.collation import register_order
from critical_edition.core.model import Entity, Name
from critical_edition.core.name_index import index_entry, indexed_names, name_index
from critical_edition.core.register import Register, named_after


def _entity(ident: str, kind: str, name: str, sort_as: str = "") -> Entity:
    return Entity(ident, kind, name, "An invented entity for this test.", ("src",), sort_as=sort_as)


def test_one_order_files_persons_by_surname_and_works_without_their_article() -> None:
    register = Register()
    for e in (
        _entity("anna-zorina", "person", "Anna Zorina", "Zorina, Anna"),
        _entity("li-wei", "person", "Li Wei"),  # a Chinese name, surname first: filed as written
        _entity("boris-abaev", "person", "Boris Abaev", "Abaev, Boris"),
        _entity("banana", "work", "Banana"),
        _entity("the-apple", "work", "The Apple"),
        _entity("zeta-fair", "event", "Zeta fair"),
        _entity("alpha-fair", "event", "Alpha fair"),
    ):
        register.entities[e.id] = e
    order = ["boris-abaev", "li-wei", "anna-zorina", "the-apple", "banana", "alpha-fair", "zeta-fair"]
    assert [e.id for e in register] == order
    assert [e.id for e in sorted(register.entities.values(), key=register_order)] == order


def test_an_event_named_after_the_other_end_of_a_relation() -> None:
    speech = _entity("speech", "event", "Anna Zorina's speech")
    assert named_after(speech, _entity("anna-zorina", "person", "Anna Zorina"))
    assert not named_after(speech, _entity("anna", "person", "Anna Zor"))  # whole names only
    assert not named_after(_entity("symphony", "work", "Anna Zorina"), _entity("anna-zorina", "person", "Anna Zorina"))


def test_the_index_of_names_files_each_script_as_one_alphabet() -> None:
    register = Register()
    names = (Name("Борис Абаев", "ru", "native"), Name("Қабаев", "kk-Cyrl", "native"))
    abaev = Entity(
        "boris-abaev", "person", "Boris Abaev", "An invented person.", ("src",), names, sort_as="Abaev, Boris"
    )
    register.entities[abaev.id] = abaev
    li = Entity("li-wei", "person", "Li Wei", "An invented person.", ("src",), (Name("李伟", "zh-Hans", "native"),))
    register.entities[li.id] = li
    assert [index_entry(n) for n in indexed_names(abaev)] == ["Abaev, Boris", "Борис Абаев; Abaev, Boris",
                                                              "Қабаев; Abaev, Boris"]  # fmt: skip
    letters = [letter for letter, _ in name_index(register)]
    assert letters == ["A", "L", "Б", "Қ", "李"]  # Latin, then Cyrillic (Қ in the Kazakh order), then Chinese


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_the_register_pages_follow_the_filing_order(app: SphinxTestApp) -> None:
    app.build()
    pages = ["person/boris-abaev", "person/li-wei", "person/anna-zorina", "place/testville", "work/the-apple",
             "work/banana", "event/zorina-speech", "event/premiere-of-the-apple"]  # fmt: skip
    assert app.env.toctree_includes["register"] == [f"annotations/{p}" for p in pages]  # not the files' order
    relations = app.env.collect_relations()
    for before, after in itertools.pairwise(pages):
        assert relations[f"annotations/{after}"][1] == f"annotations/{before}"  # the HTML's "previous"
    listing = html_text((app.outdir / "register.html").read_text(encoding="utf-8"), fold=True, tag=" ")
    assert listing.index("Boris Abaev") < listing.index("Li Wei") < listing.index("Anna Zorina")
    assert listing.index("The Apple") < listing.index("Banana")


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_the_texts_count_what_the_source_names_and_list_the_notes_apart(app: SphinxTestApp) -> None:
    app.build()
    person = app.outdir / "annotations" / "person"
    # the headline and ¶ 1 name her three times; the note and the introduction, written by the editors, do not count
    assert page_field(person / "anna-zorina.html", "Mentioned in the texts") == "The report (3 mentions), headline, ¶ 1"
    assert page_field(person / "anna-zorina.html", "In the editors’ introductions and notes") == "The report"
    assert page_field(person / "li-wei.html", "Mentioned in the texts") == "not mentioned in the texts"
    assert page_field(person / "li-wei.html", "In the editors’ introductions and notes") == "The report"
    assert "In the editors’ introductions" not in (person / "boris-abaev.html").read_text(encoding="utf-8")


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_relations_never_repeat_a_name(app: SphinxTestApp) -> None:
    app.build()
    pages = app.outdir / "annotations"
    assert page_field(pages / "person" / "anna-zorina.html", "Relations") == "See also Anna Zorina’s speech."
    assert page_field(pages / "event" / "zorina-speech.html", "Relations") == "See also Anna Zorina."
    assert page_field(pages / "work" / "the-apple.html", "Relations") == (
        "Boris Abaev directed The Apple. See also Premiere of The Apple."
    )
    assert page_field(pages / "event" / "premiere-of-the-apple.html", "Relations") == (
        "Premiere of The Apple took place in Testville. See also The Apple."
    )


@pytest.mark.sphinx("html", testroot="register", freshenv=True)
def test_the_general_index_files_persons_by_surname_and_names_each_entry(app: SphinxTestApp) -> None:
    app.build()
    index = html_text((app.outdir / "genindex.html").read_text(encoding="utf-8"), fold=True, tag=" ")
    assert "Abaev, Boris" in index and "Boris Abaev" not in index
    assert "Борис Абаев Abaev, Boris" in index  # the form, then the entry it leads to
    assert "[1]" not in index


def _book(app: SphinxTestApp) -> str:
    app.build()
    return (app.outdir / "atestregister.tex").read_text(encoding="utf-8")


@pytest.mark.sphinx("latex", testroot="register", freshenv=True)
def test_the_book_prints_the_register_in_its_order_and_indexes_every_mention(app: SphinxTestApp) -> None:
    tex = _book(app)
    sections = re.findall(r"\\section\{(?:\\sphinxstyleemphasis\{)?([^}]*)\}", tex)
    names = ["Boris Abaev", "Li Wei", "Anna Zorina", "Testville", "The Apple", "Banana"]
    assert [s for s in sections if s in names] == names
    # each mention of Anna Zorina (the headline, twice the text, the note, the introduction, her page) is indexed
    mentions = [m for ms in app.env.domaindata["edition"]["documents"].mentions.values() for m in ms]
    assert tex.count(r"\index[person]{zorina, anna@") == sum(m.entity_id == "anna-zorina" for m in mentions) == 6


@pytest.mark.sphinx("latex", testroot="register", freshenv=True)
def test_the_book_has_the_index_of_names_in_every_script(app: SphinxTestApp) -> None:
    tex = _book(app)
    assert r"\InputIfFileExists{edition-names.ltx}" in tex
    names = (app.outdir / "edition-names.ltx").read_text(encoding="utf-8")
    assert (
        r"Борис Абаев (Russian) \textrightarrow\ Abaev, Boris}}{\pageref{\detokenize{annotations/person/boris-abaev::doc}}}"
        in names
    )
    assert r"{\textit{Apple, The}}" in names  # a work's title, in italics, filed without its article
    letters = re.findall(r"\\editionnameletter\{([^}]*)\}", names)
    assert letters.index("A") < letters.index("Z") < letters.index("А") < letters.index("Б") < letters.index("李")


@pytest.mark.sphinx("latex", testroot="register", freshenv=True)
def test_the_book_sets_the_entries_data_compact_and_lists_no_entry_as_named_on_its_own_page(
    app: SphinxTestApp,
) -> None:
    tex = _book(app)
    entry = tex[tex.index(r"\section{Anna Zorina}") : tex.index(r"\section{Testville}")]
    assert re.search(r"\\begingroup\\raggedright\\small.*\n+\\begin\{quote\}\\begin\{description\}", entry)
    assert r"\sphinxlineitem{Also named on}" not in entry  # only her own page names her: no such field


@pytest.mark.sphinx("epub", testroot="register", freshenv=True)
def test_the_epub_follows_the_register_order(app: SphinxTestApp) -> None:
    app.build()
    spine = re.findall(r'<itemref idref="([^"]+)"', (app.outdir / "content.opf").read_text(encoding="utf-8"))
    manifest = dict(
        re.findall(r'<item id="([^"]+)"\s+href="([^"]+)"', (app.outdir / "content.opf").read_text(encoding="utf-8"))
    )
    files = [manifest[i] for i in spine]
    persons = [f for f in files if f.startswith("annotations/person/")]
    assert persons == [f"annotations/person/{p}.xhtml" for p in ("boris-abaev", "li-wei", "anna-zorina")]
