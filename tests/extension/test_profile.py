"""The edition profile: a kind added by one profile entry reaches every output; a bad profile is a located problem.

The root ``test-profile-object`` adds the kind ``object`` in its ``edition-profile.yaml`` and has one register
file of that kind and one text mentioning it: nothing else. Built as HTML, LaTeX, TEI and EPUB, the object is
where a kind's entity belongs in each, with the elements and types its profile entry names.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from helpers import assert_valid, sphinx_build, sphinx_build_forked
from lxml import etree

from critical_edition import profile
from critical_edition.profile.load import read_yaml
from critical_edition.sphinx.reference import reference_tables

OBJECT_ROOT = Path(__file__).parent.parent / "roots" / "test-profile-object"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}
ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The root built as HTML, LaTeX, TEI and EPUB, each with -W."""
    out = tmp_path_factory.mktemp("object")
    for builder in ("html", "latex", "tei", "epub"):
        result = sphinx_build("-W", "-q", "-b", builder, "-d", out / "doctrees", OBJECT_ROOT, out / builder)
        assert result.returncode == 0, result.stderr
    return out


def test_the_root_adds_a_kind_with_its_profile_its_annotation_and_a_text() -> None:
    added = sorted(p.relative_to(OBJECT_ROOT).as_posix() for p in OBJECT_ROOT.rglob("*") if p.is_file())
    assert added == ["annotations/object/konvas-camera.md", "articles/report.md", "conf.py", "edition-profile.yaml",
                     "index.md", "references.bib", "witnesses/SHA256SUMS", "witnesses/report.txt"]  # fmt: skip
    declared, problems = profile.load_profile(OBJECT_ROOT / "edition-profile.yaml")
    assert not problems and list(declared.kinds) == [*profile.default_profile().kinds, "object"]


def test_html_links_the_mention_to_the_objects_page(built: Path) -> None:
    text = (built / "html" / "articles" / "report.html").read_text(encoding="utf-8")
    assert 'href="../annotations/object/konvas-camera.html"' in text
    page = (built / "html" / "annotations" / "object" / "konvas-camera.html").read_text(encoding="utf-8")
    assert "<h1>Konvas camera" in page and "object (film camera)" in page and "created 1952" in page
    assert '<span lang="ru">Конвас</span>' in page


def test_latex_indexes_the_object_and_prints_only_indices_with_entries(built: Path) -> None:
    tex = (built / "latex" / "objects.tex").read_text(encoding="utf-8")
    assert r"\index[object]{konvas camera@Konvas camera (Конвас)}" in tex
    assert r"\editionprintindexhere{object}" in tex
    for kind in profile.default_profile().indices:  # nothing of these kinds is mentioned: no empty index page
        assert f"{{{kind}}}" not in tex[tex.index(r"\chapter{Indices}") :], kind
    package = (built / "latex" / "critical-edition.sty").read_text(encoding="utf-8")
    assert r"\makeindex[name=object,title={Index of objects},columns=2]" in package


def test_tei_lists_the_object_as_tei_allows(built: Path, schema: etree.RelaxNG) -> None:
    doc = etree.parse(str(built / "tei" / "report.xml"))
    assert_valid(schema, doc)
    (entry,) = doc.findall(".//t:standOff/t:listObject/t:object", TEI)
    assert entry.get("{http://www.w3.org/XML/1998/namespace}id") == "konvas-camera"
    names = entry.findall("t:objectIdentifier/t:objectName", TEI)
    assert [(n.get("type"), n.text) for n in names] == [("preferred", "Konvas camera"), ("native", "Конвас")]
    assert entry.find("t:p/t:date", TEI).attrib == {"type": "created", "when": "1952"}
    (mention,) = doc.findall(".//t:body//t:objectName", TEI)
    assert (mention.get("ref"), mention.text) == ("#konvas-camera", "Konvas camera")
    assert not doc.findall(".//t:listPlace", TEI)  # never a place, as an unknown kind once was


def test_the_tei_writer_has_a_layout_for_every_entry_the_profile_allows() -> None:
    from critical_edition.profile.consistency import TEI_ENTRIES
    from critical_edition.sphinx.tei.standoff import ENTRY_LAYOUTS

    assert set(ENTRY_LAYOUTS) == {entry for entry, _ in TEI_ENTRIES.values()}


def test_epub_has_the_objects_page(built: Path) -> None:
    (book,) = (built / "epub").glob("*.epub")
    with zipfile.ZipFile(book) as archive:
        page = archive.read("annotations/object/konvas-camera.xhtml").decode("utf-8")
        text = archive.read("articles/report.xhtml").decode("utf-8")
    assert "Konvas camera" in page and "created 1952" in page
    assert "annotations/object/konvas-camera.xhtml" in text


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("xelatex"), reason="xelatex is not installed")
def test_the_pdf_prints_the_object_and_its_index(tmp_path: Path) -> None:
    result = sphinx_build("-M", "latexpdf", OBJECT_ROOT, tmp_path, "-q")
    assert result.returncode == 0, result.stderr
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "latex" / "objects.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    assert "Konvas camera" in flat and "Index of objects" in flat and "Index of persons" not in flat


def test_data_exports_carry_the_object(built: Path) -> None:
    data = built / "html" / "_downloads" / "data"
    graph = {n.get("identifier"): n for n in json.loads((data / "register.jsonld").read_text("utf-8"))["@graph"]}
    camera = graph["konvas-camera"]
    assert (camera["@type"], camera["dateCreated"]) == ("Thing", "1952")
    (row,) = csv.DictReader(io.StringIO((data / "register.csv").read_text("utf-8")))
    assert (row["kind"], row["dates.created"]) == ("object", "1952")
    record = json.loads((data / "register.json").read_text("utf-8"))["entities"][0]
    assert record["kind"] == "object"
    schema_of = json.loads((data / "register.schema.json").read_text("utf-8"))
    assert "object" in schema_of["$defs"]["entity"]["properties"]["kind"]["enum"]


# --- bad profiles: each a located problem ------------------------------------------------------------------


def problems_of(text: str) -> list[tuple[int, str, str]]:
    """(line, message, hint) of every problem of a profile."""
    _found, invalid = profile.profile_from_text(text)
    return [(p.line, p.message, p.hint) for p in invalid]


def test_the_shipped_defaults_pass_the_strict_reading_every_edition_profile_gets() -> None:
    """The defaults are read by the fast loader: the strict one (no key twice, no anchors) finds them the same."""
    data, _lines, invalid = read_yaml(profile.load.DEFAULTS.read_text(encoding="utf-8"))
    assert invalid is None and data == profile.load.default_data()


def test_an_unknown_key_gets_a_did_you_mean() -> None:
    assert problems_of("kinds:\n  person:\n    lable: Human\n") == [
        (3, "unknown key 'lable' in kinds.person", "did you mean 'label'?")]  # fmt: skip
    assert problems_of("licence:\n  name: CC0\ncolation: {}\n")[0][:2] == (3, "unknown key 'colation' in the profile")


def test_a_value_of_the_wrong_type_is_located() -> None:
    ((line, message, _hint),) = problems_of("kinds:\n  person:\n    named_by_title: perhaps\n")
    assert line == 3 and message.startswith("kinds.person.named_by_title: Input should be a valid boolean")


def test_a_relation_naming_an_unknown_kind() -> None:
    text = "relations:\n  owned:\n    subjects: [persn]\n    objects: [thing]\n"
    assert problems_of(text) == [(3, "relations.owned.subjects.0: unknown kind 'persn'", "did you mean 'person'?"),
                                 (4, "relations.owned.objects.0: unknown kind 'thing'",
                                  "known: person, place, work, organisation, event")]  # fmt: skip


def test_a_role_taken_by_another_kind_or_by_the_edition() -> None:
    text = "kinds:\n  object: {role: person, label: Object, plural: Objects}\n  tool: {role: sic, label: T, plural: Ts}\n"
    found = problems_of(text)
    assert [(line, message) for line, message, _ in found] == [
        (2, "kinds.object.role: the role 'person' is the role of 'person' too"),
        (3, "kinds.tool.role: the role 'sic' is taken")]  # fmt: skip


def test_a_bad_orcid_and_a_tei_element_where_tei_has_none() -> None:
    assert problems_of("editors:\n  - {name: A. Person, orcid: 0000-0002-1825-0098}\n")[0][:2] == (
        2, "editors.0.orcid: '0000-0002-1825-0098' is not an ORCID iD (0000-0002-1825-0097: four groups of four, "
        "check digit last)")  # fmt: skip
    text = "kinds:\n  object:\n    role: object\n    label: O\n    plural: Os\n    tei_list: listPlace\n"
    assert [(line, message) for line, message, _ in problems_of(text)] == [
        (2, "kinds.object.tei_entry: a listPlace holds place, not object"),  # the default, at its kind's line
        (2, "kinds.object.tei_name: the edition names a TEI place with placeName or name, not objectName")]  # fmt: skip


def test_yaml_that_cannot_be_read_is_located_never_a_traceback() -> None:
    assert problems_of("kinds: [\n")[0][1].startswith("the file is not YAML")
    assert problems_of("a: &x 1\nb: *x\n")[0][:2] == (1, "the file is not YAML: anchors and aliases (& and *) are not allowed")
    assert problems_of("kinds: {}\nkinds: {}\n")[0][:2] == (2, "the file is not YAML: 'kinds' is given twice")
    assert problems_of("!!python/object:os.system {}\n")[0][1].startswith("the file is not YAML")


def test_null_removes_a_default_and_what_names_it_is_then_reported() -> None:
    declared, invalid = profile.profile_from_text("relations: {wrote: null}\n")
    assert not invalid and "wrote" not in declared.relations and "directed" in declared.relations
    # removing a kind that default relations name: each such relation is at odds with the profile
    found = problems_of("kinds:\n  event: null\n")
    assert found and all(line == 2 for line, _, _ in found) and "unknown kind 'event'" in found[0][1]


def bad_copy(folder: Path, profile_text: str, settings: str = "") -> Path:
    source = folder / "src"
    shutil.copytree(OBJECT_ROOT, source)
    (source / "edition-profile.yaml").write_text(profile_text, encoding="utf-8")
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(settings)
    return source


OBJECT = "kinds:\n  object:\n    role: object\n    label: Object\n    plural: Objects\n"
"""The root's kind, declared again (five lines), before each bad line."""


@pytest.mark.parametrize(
    ("bad", "line", "message"),
    [
        ("    lable: Object\n", 6, "unknown key 'lable' in kinds.object (did you mean 'label'?)"),
        ("    named_by_title: perhaps\n", 6, "kinds.object.named_by_title: Input should be a valid boolean"),
        ("relations:\n  owned-by: {subjects: [objct], objects: [person]}\n", 7,
         "relations.owned-by.subjects.0: unknown kind 'objct' (did you mean 'object'?)"),
        ("  tool: {role: object, label: Tool, plural: Tools}\n", 6,
         "kinds.tool.role: the role 'object' is the role of 'object' too"),
        ("editors:\n  - {name: A. Person, orcid: '1234'}\n", 7, "editors.0.orcid: '1234' is not an ORCID iD"),
    ],
    ids=["unknown-key", "wrong-type", "unknown-kind", "role-clash", "bad-orcid"],
)
def test_a_bad_profile_fails_the_build_at_its_line(tmp_path: Path, bad: str, line: int, message: str) -> None:
    source = bad_copy(tmp_path, OBJECT + bad)
    result, _ = sphinx_build_forked("-W", "--keep-going", "-b", "dummy", "-q", source, tmp_path / "out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"{source}/edition-profile.yaml:{line}: WARNING: {message}" in result.stderr, result.stderr
    assert "[edition.profile]" in result.stderr


def test_the_command_line_check_reports_the_profile_too(tmp_path: Path) -> None:
    from critical_edition.cli import run_check

    source = bad_copy(tmp_path, OBJECT + "    lable: Object\n")
    findings = run_check(source.resolve())
    assert any(f.code == "edition.profile" and f.file == "edition-profile.yaml" and f.line == 6 for f in findings)


def test_a_profile_outside_the_project_is_refused_at_its_line_of_conf_py(tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text("kinds: {}\n", encoding="utf-8")
    source = bad_copy(tmp_path, "", '\nedition_profile = "../elsewhere.yaml"\n')
    line = len((source / "conf.py").read_text(encoding="utf-8").splitlines())
    result, _ = sphinx_build_forked("-b", "dummy", "-q", source, tmp_path / "out")
    assert f"conf.py:{line}: WARNING: edition_profile leads outside the project: ../elsewhere.yaml" in result.stderr
    assert "[edition.outside-file]" in result.stderr


def test_a_named_profile_that_is_missing_is_reported(tmp_path: Path) -> None:
    source = bad_copy(tmp_path, "", '\nedition_profile = "profiles/mine.yaml"\n')
    line = len((source / "conf.py").read_text(encoding="utf-8").splitlines())
    result, _ = sphinx_build_forked("-b", "dummy", "-q", source, tmp_path / "out")
    assert f"conf.py:{line}: WARNING: edition_profile names profiles/mine.yaml, which is not a file" in result.stderr


# --- the reference ----------------------------------------------------------------------------------------


def test_the_reference_lists_every_field_of_the_profile() -> None:
    listed = dict(reference_tables()["profile"])
    fields = list(profile.profile_fields())
    assert {f.path for f in fields} == set(listed)
    for model in (profile.Profile, *(t for t in _models(profile.Profile))):
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
            assert any(path.rsplit(".", 1)[-1].removesuffix("[]") == name for path in listed), name
    assert "kinds.<name>.tei_list" in listed and "default: 'listObject'" in listed["kinds.<name>.tei_list"]
    page = ROOT / "manual" / "reference" / "profile.md"
    assert page.read_text(encoding="utf-8").count("{edition-rules} profile") == 1


def _models(model: type) -> list[type]:
    """Every model a model holds, depth first."""
    from critical_edition.profile.schema import _nested

    found = []
    for info in model.model_fields.values():
        for inner, _ in _nested(info.annotation):
            found += [inner, *_models(inner)]
    return found
