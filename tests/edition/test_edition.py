"""The real edition: witnesses, a warning-free HTML build, the PDF, fidelity, and build guarantees."""

from __future__ import annotations

import filecmp
import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import edited_texts, run_forked, sphinx_build, sphinx_build_forked

from critical_edition.core.corpus import describe

ROOT = Path(__file__).parents[2]
TEXTS = edited_texts()  # every text of the edition, from its files
# the checksums published with the first two witnesses (shared/README.md): the copies must be byte-identical
WITNESS_SHA256 = {
    "tengrinews-262323.txt": "156419a31656cd79353608011aadffe57280ee7934fe6e8b9aeef038796a7a6b",
    "qazaqtv-195503.txt": "175940954e9bf72494bcd03b8ac93d40a592f258f2842f809c35914efe02cb87",
}
IGNORE = shutil.ignore_patterns("_build", ".nox", ".git", "__pycache__", "*.egg-info", ".pytest_cache", "tests", "node_modules")


def copy_edition(tmp_path: Path) -> Path:
    """A copy of the edition's sources, to break on purpose."""
    target = tmp_path / "edition"
    shutil.copytree(ROOT, target, ignore=IGNORE)
    return target


def test_witnesses_are_byte_identical_copies() -> None:
    for name, digest in WITNESS_SHA256.items():
        assert hashlib.sha256((ROOT / "witnesses" / name).read_bytes()).hexdigest() == digest
    recorded = (ROOT / "witnesses" / "SHA256SUMS").read_text()
    for name, digest in WITNESS_SHA256.items():
        assert f"{digest}  {name}" in recorded
    for text in TEXTS:  # every text's witness is recorded, as CONTRIBUTING's command records it
        digest = hashlib.sha256((ROOT / text.witness).read_bytes()).hexdigest()
        assert f"{digest}  {Path(text.witness).name}" in recorded, text.witness


def test_edition_html_build_has_no_warning(edition_html_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, result = edition_html_build
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr


def test_every_text_in_html(edition_html_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    html_dir, _ = edition_html_build
    assert TEXTS
    for text in TEXTS:
        page = (html_dir / f"{text.docname}.html").read_text(encoding="utf-8")
        assert text.headline in page, text.docname
        assert 'class="edited-text"' in page and 'class="apparatus' in page, text.docname
    index = (html_dir / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in index
    corpus = describe(ROOT, ["references.bib"])  # how many texts, of which years (test_project checks it)
    texts = f"{corpus.count_words} English-language reports on Kazakh film, {corpus.year_range}"
    assert f"A critical edition of {texts}<" in index  # the subtitle
    cards = index[index.index('<ul class="edition-text-cards">') :]
    cards = cards[: cards.index("</ul>")]
    listed = re.findall(r'href="(articles/[^"#]+)\.html"', cards)
    assert sorted(listed) == sorted(t.docname for t in TEXTS)  # a card for each text, once
    years = {text.docname: text.year for text in TEXTS}
    dated = [year for name in listed if (year := years[name])]
    assert dated == sorted(dated)  # in the order of publication


def test_no_button_leads_nowhere(edition_html_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    html_dir, _ = edition_html_build
    page = (html_dir / "articles" / "qazaqtv-2018-composer.html").read_text(encoding="utf-8")
    for button in ("btn-source-repository-button", "btn-launch", "btn-source-edit-button", "btn-source-issues-button"):
        assert button not in page
    assert "dropdown-launch-buttons" not in page and "dropdown-download-buttons" not in page


def test_register_names_in_all_scripts_are_searchable(edition_html_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    html_dir, _ = edition_html_build
    page = (html_dir / "annotations" / "person" / "xian-xinghai.html").read_text(encoding="utf-8")
    assert '<span lang="zh-Hans">冼星海</span>' in page
    assert '<span lang="ru">Сянь Синхай</span>' in page
    assert "Hsien Hsing-hai" in page
    raw = (html_dir / "searchindex.js").read_text(encoding="utf-8")
    entries = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])["indexentries"]
    page_number = json.loads(raw[raw.index("(") + 1 : raw.rindex(")")])["docnames"].index("annotations/person/xian-xinghai")
    for variant in ("冼星海", "сянь синхай", "hsien hsing-hai", "huang xun"):
        assert [page_number, "entity-names", False] in entries[variant], variant


def test_pdf_has_every_text_all_scripts_and_embedded_fonts(edition_pdf_build: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    latex_dir, result = edition_pdf_build
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    pdf = latex_dir / "kazakh-cinema-edition.pdf"
    assert pdf.exists()
    log = (latex_dir / "kazakh-cinema-edition.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    assert "Overfull \\hbox" not in log
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = " ".join(text.split())
    for text in TEXTS:
        assert text.headline in flat, text.docname
    assert "冼星海" in flat and "Байғазин" in flat and "Бақытжан" in flat
    assert "Index of persons" in flat
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts, "no fonts listed"
    for line in fonts:
        assert re.search(r"\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line), f"font not embedded: {line}"


@pytest.mark.parametrize(("slug", "old", "new"), [
    ("tengrinews-2015-over-the-city", "is a romantic story", "is a romance story"),
    ("qazaqtv-2018-composer", "of two great musicians", "of two fine musicians"),
])
def test_fidelity_fails_when_a_word_is_changed_without_markup(tmp_path: Path, slug: str, old: str, new: str) -> None:
    edition = copy_edition(tmp_path)
    article = edition / "articles" / f"{slug}.md"
    text = article.read_text(encoding="utf-8")
    assert text.count(old) == 1
    article.write_text(text.replace(old, new), encoding="utf-8")
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if old in ln)
    result, _ = sphinx_build_forked("-b", "dummy", "-q", edition, tmp_path / "out")  # the reading is what is checked
    assert "[edition.fidelity]" in result.stderr
    assert f"articles/{slug}.md:{line}: WARNING:" in result.stderr and "the edited text differs at ¶" in result.stderr


def test_fidelity_fails_when_an_omitted_block_is_deleted(tmp_path: Path) -> None:
    edition = copy_edition(tmp_path)
    article = edition / "articles" / "tengrinews-2015-over-the-city.md"
    text = article.read_text(encoding="utf-8")
    block = re.search(r"```\{omitted\} read-also\n.*?\n```\n", text, re.S)
    assert block
    article.write_text(text.replace(block.group(0), ""), encoding="utf-8")
    result, _ = sphinx_build_forked("-b", "dummy", "-q", edition, tmp_path / "out")  # the reading is what is checked
    assert "[edition.fidelity]" in result.stderr and "Читайте также" in result.stderr


def test_fidelity_fails_when_the_witness_is_altered(tmp_path: Path) -> None:
    edition = copy_edition(tmp_path)
    witness = edition / "witnesses" / "qazaqtv-195503.txt"
    witness.write_bytes(witness.read_bytes().replace(b"two great musicians", b"two musicians"))
    result, _ = sphinx_build_forked("-b", "dummy", "-q", edition, tmp_path / "out")  # the reading is what is checked
    assert "[edition.witness-altered]" in result.stderr
    assert "[edition.fidelity]" in result.stderr and "great" in result.stderr


def test_broken_reference_fails_build_and_cli_with_file_line_and_suggestion(tmp_path: Path) -> None:
    edition = copy_edition(tmp_path)
    article = edition / "articles" / "qazaqtv-2018-composer.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("<xian-xinghai>", "<xian-xinhai>", 1), encoding="utf-8")
    line = next(i for i, ln in enumerate(article.read_text(encoding="utf-8").splitlines(), 1) if "xian-xinhai" in ln)
    result, _ = sphinx_build_forked("-W", "--keep-going", "-b", "html", "-q", edition, tmp_path / "out")
    assert result.returncode != 0
    message = f"articles/qazaqtv-2018-composer.md:{line}: WARNING: unknown entity id 'xian-xinhai'"
    assert message in result.stderr and "did you mean 'xian-xinghai'" in result.stderr
    cli, _ = run_forked("critical_edition", "check", edition)
    assert cli.returncode == 1
    assert f"articles/qazaqtv-2018-composer.md:{line}: WARNING: unknown entity id 'xian-xinhai'" in cli.stdout
    assert "did you mean 'xian-xinghai'" in cli.stdout


def test_cli_finds_no_problem_in_the_edition() -> None:
    cli, _ = run_forked("critical_edition", "check", ROOT)
    assert cli.returncode == 0, cli.stdout
    assert cli.stdout.strip().endswith("no problems")


def _same_tree(a: Path, b: Path) -> list[str]:
    """Files that differ between two HTML outputs (build info excluded)."""
    differ = []
    for path in sorted(a.rglob("*")):
        if path.is_file() and path.name != ".buildinfo":
            other = b / path.relative_to(a)
            if not other.exists() or not filecmp.cmp(path, other, shallow=False):
                differ.append(str(path.relative_to(a)))
    return differ


def test_two_clean_builds_are_byte_identical_and_parallel_equals_serial(edition_html: Path, tmp_path: Path) -> None:
    two = sphinx_build("-b", "html", "-q", "-j", "2", "-d", tmp_path / "d2", ROOT, tmp_path / "two")
    assert two.returncode == 0, two.stderr
    assert _same_tree(edition_html, tmp_path / "two") == []


def test_incremental_build_after_editing_an_entity_equals_a_clean_build(tmp_path: Path) -> None:
    edition = copy_edition(tmp_path)
    first = sphinx_build("-b", "html", "-q", "-d", tmp_path / "d", edition, tmp_path / "inc")
    assert first.returncode == 0
    entry = edition / "annotations" / "place" / "yanan.md"
    text = entry.read_text(encoding="utf-8")
    gloss = re.search(r"gloss: >-\n((?:  .*\n)+)", text)
    assert gloss
    entry.write_text(text.replace(gloss.group(1), "  A city in Shaanxi; THIS GLOSS WAS EDITED.\n"), encoding="utf-8")
    second = sphinx_build("-b", "html", "-d", tmp_path / "d", edition, tmp_path / "inc")
    assert "reading sources... [" in second.stdout
    reread = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", second.stdout)
    assert "articles/qazaqtv-2018-composer" in reread and "articles/tengrinews-2015-over-the-city" not in reread
    clean = sphinx_build("-b", "html", "-q", "-d", tmp_path / "dc", edition, tmp_path / "clean")
    assert clean.returncode == 0
    assert "THIS GLOSS WAS EDITED" in (tmp_path / "inc" / "articles" / "qazaqtv-2018-composer.html").read_text()
    # Sphinx itself does not restore the index entries of unchanged pages in an incremental search
    # index (and keeps emptied terms); every page and data file must be identical
    assert _same_tree(tmp_path / "clean", tmp_path / "inc") in ([], ["searchindex.js"])


def test_pdf_is_reproducible_with_source_date_epoch(
    edition_pdf_build: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    latex_dir, _ = edition_pdf_build
    again = sphinx_build("-M", "latexpdf", ROOT, tmp_path, "-q")
    assert again.returncode == 0, again.stderr[-2000:]
    first = (latex_dir / "kazakh-cinema-edition.pdf").read_bytes()
    assert (tmp_path / "latex" / "kazakh-cinema-edition.pdf").read_bytes() == first


def test_saving_a_text_again_reads_and_writes_only_that_text(tmp_path: Path) -> None:
    edition = copy_edition(tmp_path)
    args = ("-b", "html", "-d", tmp_path / "d", edition, tmp_path / "out")
    assert sphinx_build("-q", *args).returncode == 0
    (edition / "articles" / "qazaqtv-2018-composer.md").touch()
    again = sphinx_build(*args, env={"NO_COLOR": "1"})
    read = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", again.stdout)
    written = re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", again.stdout)
    # the overviews are read again: the timeline lists each text's own date, the front page its card
    assert read == ["articles/qazaqtv-2018-composer", "index", "timeline"]
    assert set(written) <= {"articles/qazaqtv-2018-composer", "index", "timeline"}, written  # no register page: no mention moved


def test_titles_in_glosses_are_italic_and_plain_in_the_data(edition_html: Path) -> None:
    from critical_edition.core.syntax import emphasis_runs, without_emphasis

    assert emphasis_runs("made *Flower*, about 5 * 3 songs") == [("made ", False), ("Flower", True),
                                                                   (", about 5 * 3 songs", False)]
    assert without_emphasis("*The River* (2018)") == "The River (2018)"
    person = (edition_html / "annotations/person/emir-baigazin.html").read_text(encoding="utf-8")
    assert "first feature <em>Harmony Lessons</em> competed" in person  # the entry's gloss
    article = (edition_html / "articles/tengrinews-2015-over-the-city.html").read_text(encoding="utf-8")
    assert "first feature <i>Harmony Lessons</i> competed" in article  # its hover card
    persons = (edition_html / "annotations/persons.html").read_text(encoding="utf-8")
    assert "<em>The Wounded Angel</em> (2016)" in persons and "*" not in re.sub(r"<[^>]+>", "", persons.split("<main")[1])
    data = json.loads((edition_html / "_downloads/data/register.json").read_text(encoding="utf-8"))
    glosses = [e["gloss"] for e in (data if isinstance(data, list) else data["entities"])]
    assert any("Harmony Lessons" in g for g in glosses) and not any("*" in g for g in glosses)
