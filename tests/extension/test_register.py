"""Loading register files: every error names the file, the line and the field, and never raises."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from helpers import between, html_text, page_field
from sphinx.testing.util import SphinxTestApp

from critical_edition.core.bibliography import read_bibliography
from critical_edition.core.register import (
    MAX_FILE_BYTES,
    MAX_NESTING,
    load_entity_file,
    load_register,
)

VALID = """\
---
id: ann-smith
kind: person
name: Ann Smith
names:
  - {text: Анна Смит, lang: ru, type: transliteration}
dates:
  born: 1950
relations:
  - {type: born-in, target: almaty}
authority:
  viaf: 102333412
gloss: >-
  An invented person who stands in
  for a real one in this test.
sources: [doe2020, roe2021]
---

Ann Smith is invented.{footcite}`doe2020`
"""


def write(tmp_path: Path, text: str | bytes, kind: str = "person", name: str = "ann-smith.md") -> Path:
    path = tmp_path / "annotations" / kind / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def load(tmp_path: Path, text: str | bytes, **kwargs: str):
    return load_entity_file(write(tmp_path, text, **kwargs), tmp_path)


def problems_of(tmp_path: Path, text: str | bytes, **kwargs: str) -> list[tuple[str, int | None, str, str]]:
    entity, problems = load(tmp_path, text, **kwargs)
    assert entity is None
    assert all(p.path == "annotations/person/ann-smith.md" for p in problems)
    return [(p.code, p.line, p.message, p.hint) for p in problems]


def test_valid_file(tmp_path: Path) -> None:
    entity, problems = load(tmp_path, VALID)
    assert problems == []
    assert entity is not None
    assert (entity.id, entity.kind, entity.name, entity.path) == (
        "ann-smith", "person", "Ann Smith", "annotations/person/ann-smith.md")
    assert entity.gloss == "An invented person who stands in for a real one in this test."
    assert entity.dates == {"born": "1950"}  # an unquoted year is read as a string
    assert entity.authority == {"viaf": "102333412"}
    assert entity.sources == ("doe2020", "roe2021")
    assert entity.names[0].text == "Анна Смит" and entity.names[0].lang == "ru"
    assert entity.relations[0].target == "almaty" and entity.relations[0].line == 10
    assert entity.line_of("id") == 2 and entity.line_of("dates.born") == 8 and entity.line_of("gloss") == 13
    assert entity.line_of("authority.viaf") == 12 and entity.line_of("sources") == 16
    assert entity.line_of("body") == 18
    assert entity.body.splitlines()[1] == "Ann Smith is invented.{footcite}`doe2020`"


def test_crlf_file_has_the_same_lines(tmp_path: Path) -> None:
    entity, problems = load(tmp_path, VALID.replace("\n", "\r\n"))
    assert problems == [] and entity is not None
    assert entity.line_of("dates.born") == 8 and entity.line_of("body") == 18


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("name: Ann Smith", "name: Ann: Smith", 4, "YAML error: mapping values are not allowed here"),
    ("  born: 1950", "  born: 1950\n born-again: x", 9, "YAML error: expected <block end>, but found '<block mapping start>'"),
    ("  viaf: 102333412", "\tviaf: 102333412", 12, "YAML error: found character '\\t' that cannot start any token"),
])
def test_yaml_error_names_the_line(tmp_path: Path, old: str, new: str, line: int, message: str) -> None:
    [(code, at, text, hint)] = problems_of(tmp_path, VALID.replace(old, new))
    assert (code, at) == ("register-syntax", line)
    assert text == message
    assert hint == "check indentation, colons and quotes on this line"


def test_yaml_error_of_an_unclosed_quote_names_its_line(tmp_path: Path) -> None:
    [(code, line, _, _)] = problems_of(tmp_path, VALID.replace("name: Ann Smith", 'name: "Ann Smith'))
    assert (code, line) == ("register-syntax", 4)


def test_unknown_field_suggests_the_known_one(tmp_path: Path) -> None:
    text = VALID.replace("sources:", "glos: A typo.\nsources:")
    assert problems_of(tmp_path, text) == [
        ("register-field", 16, "unknown field 'glos'", "did you mean 'gloss'?")]


def test_unknown_field_without_a_close_one_lists_the_fields(tmp_path: Path) -> None:
    [(code, line, message, hint)] = problems_of(tmp_path, VALID.replace("sources:", "xyzzy: 1\nsources:"))
    assert (code, line, message) == ("register-field", 16, "unknown field 'xyzzy'")
    assert hint.startswith("known fields: id, kind, name, ") and "gloss" in hint


def test_unknown_field_in_a_name_suggests_from_the_name_fields(tmp_path: Path) -> None:
    text = VALID.replace("type: transliteration}", "typ: transliteration}")
    assert problems_of(tmp_path, text) == [
        ("register-field", 6, "required field 'type' is missing", "see CONTRIBUTING.md, 'Adding an entity'"),
        ("register-field", 6, "unknown field 'typ'", "did you mean 'type'?"),
    ]


def test_missing_gloss(tmp_path: Path) -> None:
    text = VALID.replace("gloss: >-\n  An invented person who stands in\n  for a real one in this test.\n", "")
    assert problems_of(tmp_path, text) == [
        ("register-field", 2, "required field 'gloss' is missing", "see CONTRIBUTING.md, 'Adding an entity'")]


def test_misspelt_gloss_gives_both_problems(tmp_path: Path) -> None:
    assert problems_of(tmp_path, VALID.replace("gloss:", "glos:")) == [
        ("register-field", 2, "required field 'gloss' is missing", "see CONTRIBUTING.md, 'Adding an entity'"),
        ("register-field", 13, "unknown field 'glos'", "did you mean 'gloss'?"),
    ]


@pytest.mark.parametrize("tag", ["english", "ru_RU", "kk-Cyr", "zh-Hant-", ""])
def test_bad_language_tag(tmp_path: Path, tag: str) -> None:
    [(code, line, message, _hint)] = problems_of(tmp_path, VALID.replace("lang: ru,", f"lang: '{tag}',"))
    assert (code, line) == ("register-field", 6)
    assert message == (f"names.0.lang: '{tag}' is not a BCP 47 language tag "
                       "(e.g. kk-Cyrl, zh-Hans, zh-Latn-pinyin)")


@pytest.mark.parametrize("tag", ["kk-Cyrl", "zh-Hans", "zh-Latn-pinyin", "en-GB", "es-419", "de-DE-1996"])
def test_good_language_tags(tmp_path: Path, tag: str) -> None:
    entity, problems = load(tmp_path, VALID.replace("lang: ru,", f"lang: {tag},"))
    assert problems == [] and entity is not None and entity.names[0].lang == tag


@pytest.mark.parametrize(("tag", "canonical"), [("RU", "ru"), ("ZH-hant", "zh-Hant"), ("kk-cyrl", "kk-Cyrl"),
                                                ("EN-gb", "en-GB"), ("zh-latn-PINYIN", "zh-Latn-pinyin")])
def test_language_tags_are_case_insensitive_and_kept_in_their_canonical_case(tmp_path: Path, tag: str,
                                                                              canonical: str) -> None:
    entity, problems = load(tmp_path, VALID.replace("lang: ru,", f"lang: {tag},"))
    assert problems == [] and entity is not None and entity.names[0].lang == canonical


@pytest.mark.parametrize(("old", "new", "field", "line", "kept"), [
    ("name: Ann Smith", "name: \"Ann \u202eSmith\"", "name", 4, "Ann Smith"),
    ("name: Ann Smith", "name: \"Ann\\0 Smith\"", "name", 4, "Ann Smith"),
    ("{text: Анна Смит,", "{text: \"Анна \u2066Смит\u2069\",", "names.0.text", 6, "Анна Смит"),
    ("  An invented person who stands in", "  An invented person who \u202bstands in", "gloss", 13,
     "An invented person who stands in for a real one in this test."),
])
def test_control_characters_are_refused_at_their_line_and_left_out(tmp_path: Path, old: str, new: str, field: str,
                                                                    line: int, kept: str) -> None:
    entity, problems = load(tmp_path, VALID.replace(old, new))
    assert [(p.code, p.line) for p in problems] == [("register-field", line)]
    assert problems[0].message.startswith(f"{field} contains invisible control characters (U+")
    assert entity is not None
    assert {"name": entity.name, "names.0.text": entity.names[0].text, "gloss": entity.gloss}[field] == kept


@pytest.mark.parametrize(("old", "new", "line", "message", "hint"), [
    ("kind: person", "kind: persn", 3, "'persn' is not allowed for kind", "did you mean 'person'?"),
    ("type: transliteration", "type: transliterated", 6, "'transliterated' is not allowed for names.0.type",
     "did you mean 'transliteration'?"),
    ("type: born-in", "type: born_in", 10, "'born_in' is not allowed for relations.0.type", "did you mean 'born-in'?"),
])
def test_wrong_choice_suggests_the_right_one(tmp_path: Path, old: str, new: str, line: int, message: str,
                                             hint: str) -> None:
    assert problems_of(tmp_path, VALID.replace(old, new)) == [("register-field", line, message, hint)]


@pytest.mark.parametrize(("old", "new", "line", "message"), [
    ("sources: [doe2020, roe2021]", "sources: doe2020", 16, "sources: Input should be a valid list"),
    ("sources: [doe2020, roe2021]", "sources: []", 16,
     "sources: List should have at least 1 item after validation, not 0"),
    ("  born: 1950", "  born: 1950-06-13", 8, "dates.born: Input should be a valid string"),
    ("id: ann-smith", "id: Ann_Smith", 2,
     "id: 'Ann_Smith' is not a valid id: use lower-case letters, digits and hyphens"),
])
def test_wrong_type_or_value(tmp_path: Path, old: str, new: str, line: int, message: str) -> None:
    assert problems_of(tmp_path, VALID.replace(old, new)) == [("register-field", line, message, "")]


def test_kind_folder_id_file_name_and_date_field_mismatches_keep_the_entity(tmp_path: Path) -> None:
    text = VALID.replace("  born: 1950", "  founded: 1950")
    entity, problems = load(tmp_path, text, kind="place", name="smith.md")
    assert entity is not None and entity.id == "ann-smith"
    assert [(p.code, p.line, p.message, p.hint) for p in problems] == [
        ("register-field", 3, "kind 'person' does not match the folder 'place/'", "move the file to annotations/person/"),
        ("register-field", 2, "id 'ann-smith' does not match the file name 'smith.md'", "rename the file to ann-smith.md"),
        ("register-field", 8, "a person has no date 'founded'", "use one of: born, died, active"),
    ]


def test_not_utf8_names_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    data = VALID.encode("utf-8").replace(b"Ann Smith is", b"Ann Sm\xe9th is")
    assert problems_of(tmp_path, data) == [
        ("register-syntax", 19, "file is not valid UTF-8", "save the file as UTF-8")]
    data = VALID.encode("utf-8").replace(b"name: Ann Smith", b"name: Ann Sm\xe9th")
    assert problems_of(tmp_path, data)[0][:2] == ("register-syntax", 4)


def test_file_too_large(tmp_path: Path) -> None:
    text = VALID + "x" * (MAX_FILE_BYTES - len(VALID.encode()) + 1)
    assert problems_of(tmp_path, text) == [
        ("register-syntax", 1, f"file is larger than {MAX_FILE_BYTES:,} bytes",
         "a register entry is a page of text; split or shorten it")]
    entity, problems = load(tmp_path, VALID + "x" * (MAX_FILE_BYTES - len(VALID.encode())))  # exactly the limit
    assert problems == [] and entity is not None


@pytest.mark.parametrize(("text", "line", "message"), [
    ("Just text.\n", 1, "the file has no front matter"),
    ("", 1, "the file has no front matter"),
    (VALID.replace("---\n\nAnn", "\nAnn"), 1, "the front matter is not closed by a line '---'"),
    ("---\n- a\n- b\n---\n", 2, "front matter is not a mapping of fields"),
    ("---\n---\nText.\n", 2, "front matter is not a mapping of fields"),
])
def test_front_matter_shape(tmp_path: Path, text: str, line: int, message: str) -> None:
    [(code, at, problem, _)] = problems_of(tmp_path, text)
    assert (code, at, problem) == ("register-syntax", line, message)


def test_utf8_file_with_byte_order_mark(tmp_path: Path) -> None:
    entity, problems = load(tmp_path, "\ufeff" + VALID)
    assert problems == [] and entity is not None


def test_load_register_reports_duplicate_ids_and_keeps_the_first(tmp_path: Path) -> None:
    write(tmp_path, VALID)
    org = VALID.replace("kind: person", "kind: organisation").replace("  born: 1950", "  founded: 1950") \
        .replace("  - {type: born-in, target: almaty}\n", "").replace("relations:\n", "")
    write(tmp_path, org, kind="organisation")
    write(tmp_path, "no front matter\n", kind="place", name="broken.md")
    reg = load_register(tmp_path / "annotations", tmp_path)
    assert list(reg.entities) == ["ann-smith"] and reg.get("ann-smith").kind == "organisation"
    assert [(p.code, p.path, p.line) for p in reg.problems] == [
        ("duplicate-id", "annotations/person/ann-smith.md", 2),
        ("register-syntax", "annotations/place/broken.md", 1),
    ]
    assert reg.problems[0].hint == (
        "it is already declared in annotations/organisation/ann-smith.md:2; give one of them another id")


def test_a_field_given_twice_is_refused_with_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "annotations" / "person"
    folder.mkdir(parents=True)
    path = folder / "ann.md"
    path.write_text("---\nid: ann\nkind: person\nname: Ann\ngloss: An invented person for the test.\n"
                    "sources: [src]\nname: Anne\n---\n", encoding="utf-8")
    entity, problems = load_entity_file(path, tmp_path)
    assert entity is None
    [problem] = problems
    assert (problem.code, problem.line) == ("register-syntax", 7)
    assert "field 'name' is given twice" in problem.message


# --- deep nesting, names on one line, links out of the project, repeated bib keys ----------------


@pytest.mark.parametrize("depth", [21, 600, 100_000])
def test_deep_nesting_is_refused_at_once(tmp_path: Path, depth: int) -> None:
    text = VALID.replace("sources: [doe2020, roe2021]\n", "sources: [doe2020, roe2021]\nextra:\n  " + "[" * depth
                         + "]" * depth + "\n")
    started = time.monotonic()
    assert problems_of(tmp_path, text) == [
        ("register-syntax", 18, f"lists or mappings are nested more than {MAX_NESTING} levels deep",
         "an entry needs three levels at most: check the brackets and indentation")]
    assert time.monotonic() - started < 2


def test_deep_block_nesting_names_the_line_where_the_limit_is_passed(tmp_path: Path) -> None:
    nested = "".join(f"{'  ' * (n + 1)}k{n}:\n" for n in range(MAX_NESTING + 5))
    [(code, line, message, _)] = problems_of(tmp_path, VALID.replace("sources:", "extra:\n" + nested + "sources:"))
    assert (code, line) == ("register-syntax", 16 + MAX_NESTING)  # k<n> is on line 17 + n and opens level n + 2
    assert message.startswith("lists or mappings are nested more than")


def test_nesting_up_to_the_limit_is_read(tmp_path: Path) -> None:
    depth = MAX_NESTING - 1  # the front matter itself is the first level
    [(code, line, message, _)] = problems_of(tmp_path, VALID.replace("sources:", f"extra: {'[' * depth}{']' * depth}\nsources:"))
    assert (code, line, message) == ("register-field", 16, "unknown field 'extra'")


@pytest.mark.parametrize(("old", "new", "line", "field"), [
    ("name: Ann Smith", 'name: "Ann\\nSmith"', 4, "name"),
    ("name: Ann Smith", "name: |\n  Ann\n  Smith", 4, "name"),
    ("name: Ann Smith", 'name: "Ann\\u2028Smith"', 4, "name"),
    ("{text: Анна Смит,", '{text: "Анна\\rСмит",', 6, "names.0.text"),
])
def test_a_name_with_a_line_break_is_refused(tmp_path: Path, old: str, new: str, line: int, field: str) -> None:
    assert problems_of(tmp_path, VALID.replace(old, new)) == [
        ("register-field", line, f"{field}: a name cannot contain a line break",
         "write the name on one line, in quotes if it is long, without '|' or '\\n'")]


def test_a_folded_name_is_one_line(tmp_path: Path) -> None:
    entity, problems = load(tmp_path, VALID.replace("name: Ann Smith", "name: >-\n  Ann\n  Smith"))
    assert problems == [] and entity is not None and entity.name == "Ann Smith"


def test_a_register_file_linked_from_outside_the_project_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere" / "ann.md"
    outside.parent.mkdir()
    outside.write_text(VALID, encoding="utf-8")
    project = tmp_path / "project"
    link = project / "annotations" / "person" / "ann-smith.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    entity, problems = load_entity_file(link, project)
    assert entity is None
    assert [(p.code, p.path, p.line, p.message) for p in problems] == [
        ("register-syntax", "annotations/person/ann-smith.md", 1, "the file leads outside the project")]
    assert problems[0].hint == f"it is a link to {outside.resolve().as_posix()}; copy the file into the project instead"


def test_a_register_file_linked_from_inside_the_project_is_read_under_its_own_name(tmp_path: Path) -> None:
    shared = tmp_path / "shared" / "ann.md"
    shared.parent.mkdir()
    shared.write_text(VALID, encoding="utf-8")
    link = tmp_path / "annotations" / "person" / "ann-smith.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(Path("..", "..", "shared", "ann.md"))
    reg = load_register(tmp_path / "annotations", tmp_path)
    assert reg.problems == [] and reg.get("ann-smith").path == "annotations/person/ann-smith.md"


def test_a_broken_link_is_reported(tmp_path: Path) -> None:
    link = tmp_path / "annotations" / "person" / "ann-smith.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(tmp_path / "missing.md")
    entity, [problem] = load_entity_file(link, tmp_path)
    assert entity is None
    assert (problem.code, problem.line) == ("register-syntax", 1) and "does not exist" in problem.message


BIB = """\
@misc{doe2020,
  title = {One},
}

@misc{roe2021,
  title = {Two},
}
@book{Doe2020,
  title = {Three},
}
"""


def test_a_repeated_bib_key_is_reported_at_the_second_entry(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_text(BIB, encoding="utf-8")
    bib = read_bibliography(path, "references.bib")
    assert [(p.code, p.path, p.line, p.message, p.hint) for p in bib.problems] == [
        ("bib-syntax", "references.bib", 8, "references.bib cannot be read: the key 'Doe2020' is given to two entries",
         "two entries have the key 'Doe2020' (lines 1 and 8): rename or remove one")]


def test_a_broken_bib_entry_keeps_its_hint(tmp_path: Path) -> None:
    path = tmp_path / "references.bib"
    path.write_text("@misc{doe2020,\n  title = {One,\n}\n", encoding="utf-8")
    [p] = read_bibliography(path, "references.bib").problems
    assert p.code == "bib-syntax" and p.hint == "check the entry's braces, commas and quotes"


@pytest.mark.sphinx("html", testroot="map", freshenv=True)
def test_titles_of_works_are_italic_in_text_heading_and_register(app: SphinxTestApp) -> None:
    app.build()
    index = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert 'class="entity entity-work edition-title"' in index  # the mention in the text (edition.css: italic)
    assert 'class="entity entity-place"' in index  # a place is not a title
    assert "<p><strong><i>A Film</i></strong>" in index  # the hover card
    page = (app.outdir / "annotations" / "work" / "a-film.html").read_text(encoding="utf-8")
    assert re.search(r"<h1><em>A Film</em>", page)  # the work's own page
    assert ".edition-title { font-style: italic; }" in (app.outdir / "_static" / "edition.css").read_text(encoding="utf-8")


@pytest.mark.sphinx("latex", testroot="map", freshenv=True)
def test_titles_of_works_are_italic_in_print(app: SphinxTestApp) -> None:
    app.build()
    tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
    assert r"\textit{{\hyperref[\detokenize{annotations/work/a-film::doc}]" in tex
    assert r"\textit{{\hyperref[\detokenize{annotations/place/" not in tex
    assert r"\index[work]{film, a@\editionindextitle {Film, A}}" in tex  # the index too, filed without its article


@pytest.mark.sphinx("html", testroot="map", freshenv=True)
def test_relations_read_as_sentences_on_both_pages(app: SphinxTestApp) -> None:
    app.build()
    pages = app.outdir / "annotations"
    event = page_field(pages / "event" / "a-film-premiere.html", "Relations")
    assert "World premiere of A Film took place in Northtown." in event
    # an event named after the film: "World premiere of A Film is about A Film" would repeat the name
    assert "is about" not in event and "See also A Film." in event
    assert "See also World premiere of A Film." in page_field(pages / "work" / "a-film.html", "Relations")  # from the film
    assert "See also <em><a" in (pages / "event" / "a-film-premiere.html").read_text(encoding="utf-8")  # italic title


@pytest.mark.sphinx("html", testroot="map", freshenv=True)
def test_mentions_in_the_texts_apart_from_other_pages_with_counts(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "annotations" / "work" / "a-film.html").read_text(encoding="utf-8")
    text = html_text(html, fold=True)
    assert "Mentioned in the texts: An article (1 mention), ¶ 1" in text
    assert "Also named on: World premiere of A Film A Film is invented." in text  # the event's page names it;
    # the film's own page names it too, but is not listed
    event = (app.outdir / "annotations" / "event" / "a-film-premiere.html").read_text(encoding="utf-8")
    assert "Also named on" not in event  # named nowhere else (the event's own page is not counted): no field


@pytest.mark.sphinx("html", testroot="map", freshenv=True)
def test_the_texts_as_cards_with_title_and_summary(app: SphinxTestApp) -> None:
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    cards = between(html, '<ul class="edition-text-cards">', "</ul>")
    assert '<p class="edition-card-title"><a class="reference internal" href="#">An article</a></p>' in cards
    assert '<p class="edition-card-summary">An invented report on <em>A Film</em>.</p>' in cards
