"""Every builder writes every node of the edition or says it cannot, and builds go on over earlier builds.

A node that a builder has no writer for is an error at its place (``edition.unwritable``), never dropped in
silence; an EPUB build over an earlier one whose settings differ does not fail on Sphinx's ``.buildinfo.bak``;
and the output is byte-identical wherever the checkout lies; an HTML fragment escapes every value it is not told
is HTML.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes
from docutils.utils import new_document
from helpers import app_on_a_copy, record_witness_digests, sphinx_build, sphinx_build_forked
from jinja2 import UndefinedError
from markupsafe import Markup
from sphinx import addnodes

import critical_edition
import critical_edition.sphinx
from critical_edition.core.register import Register
from critical_edition.sphinx import fragments, markup, writers
from critical_edition.sphinx.tei.standoff import Cited
from critical_edition.sphinx.tei.translator import TEITranslator
from critical_edition.sphinx.writers import FORMATS

ROOT = Path(__file__).parent.parent / "roots" / "test-interventions"


def edition_nodes() -> list[type[nodes.Element]]:
    """Every node class the extension defines, in any module of its Sphinx layer and of each of its packages."""
    found = []
    package = critical_edition.sphinx
    for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, nodes.Element) and cls.__module__ == module.__name__:
                found.append(cls)
    return found


def test_every_node_has_a_visitor_in_every_writer(tmp_path: Path) -> None:
    defined = edition_nodes()
    assert len(defined) > 20  # the markup, the placeholders, the views, the print layout
    with app_on_a_copy(ROOT, tmp_path / "src") as app:
        handlers = app.registry.translation_handlers
        missing = [(writer, cls.__name__) for writer in FORMATS for cls in defined
                   if cls.__name__ not in handlers.get(writer, {})]  # fmt: skip
    assert not missing, f"nodes without a visitor (Sphinx would stop with a traceback): {missing}"


LEFT_UNFILLED = '''
from critical_edition.sphinx.facts import edition_fact


def leave_a_placeholder(app, doctree, docname):
    """A placeholder that reaches the writer, as a bug of a later extension would leave it."""
    if docname == "index":
        words = next(t for t in doctree.findall(lambda n: n.tagname == "#text") if "The end." in t)
        node = edition_fact("number-of-texts", "", name="number-of-texts")
        node.source, node.line = "index.md", 15
        words.parent.insert(words.parent.index(words) + 1, node)


def setup(app):
    app.connect("doctree-resolved", leave_a_placeholder, priority=999)
'''


def test_a_node_no_writer_knows_is_a_located_error(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    (src / "conf.py").write_text((src / "conf.py").read_text(encoding="utf-8") + LEFT_UNFILLED, encoding="utf-8")
    for builder in ("html", "text", "latex"):
        result, _ = sphinx_build_forked("-W", "--keep-going", "-q", "-b", builder, "-d", tmp_path / "doctrees",
                                        src, tmp_path / builder)  # fmt: skip
        output = result.stdout + result.stderr
        assert result.returncode != 0, f"{builder}: a dropped node went unreported"
        assert "Traceback" not in output, output
        assert "index.md:" in output and "[edition.unwritable]" in output and "edition_fact" in output, output


def test_an_epub_is_built_over_an_earlier_build_whose_settings_differ(tmp_path: Path) -> None:
    out = tmp_path / "epub"
    book = ("-D", "version=1", "-D", "copyright=2026")  # what EPUB 3 requires, which the test root leaves out
    first, _ = sphinx_build_forked("-W", "-q", "-b", "epub", ROOT, out, "-d", tmp_path / "d", *book)
    assert first.returncode == 0, first.stderr
    second, _ = sphinx_build_forked("-W", "-q", "-b", "epub", ROOT, out, "-d", tmp_path / "d", *book, "-D",
                                    "project=A title that changed")  # fmt: skip
    assert (out / ".buildinfo.bak").exists()  # Sphinx kept the earlier record: the case this test is about
    assert second.returncode == 0, second.stdout + second.stderr


def test_the_output_is_the_same_wherever_the_checkout_lies(tmp_path: Path) -> None:
    # each checkout brings its own copy of the extension, as this edition's conf.py does (its src/ on sys.path):
    # the package's folders then lie in the checkout, and must not reach the output
    package = Path(critical_edition.__file__).parent
    outputs = []
    for where in ("a", "somewhere/much/deeper"):
        src = tmp_path / where / "edition"
        shutil.copytree(ROOT, src)
        shutil.copytree(package, src / "src" / "critical_edition", ignore=shutil.ignore_patterns("__pycache__"))
        conf = src / "conf.py"
        conf.write_text(OWN_PACKAGE + conf.read_text(encoding="utf-8"), encoding="utf-8")
        result = sphinx_build("-q", "-b", "html", "-d", src / "_build" / "doctrees", src, src / "_build" / "html",
                              env={"SOURCE_DATE_EPOCH": "1795219200"})  # fmt: skip
        assert result.returncode == 0, result.stderr
        html = src / "_build" / "html"
        outputs.append({p.relative_to(html).as_posix(): p.read_bytes() for p in sorted(html.rglob("*")) if p.is_file()})
    assert ".buildinfo" in outputs[0]
    differing = sorted(name for name in outputs[0].keys() | outputs[1].keys()
                       if outputs[0].get(name) != outputs[1].get(name))  # fmt: skip
    assert not differing, f"files that differ between two checkouts: {differing}"


OWN_PACKAGE = """import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "src"))
"""


def test_the_tei_writer_reports_what_it_cannot_write_and_keeps_every_word(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    index = src / "index.md"
    text = index.read_text(encoding="utf-8")
    block = "```{eval-rst}\n.. line-block::\n\n   Said once more.\n```\n\n```{image} picture.png\n```\n"
    index.write_text(text.replace("The end.\n::::", "The end.\n\n" + block + "::::"), encoding="utf-8")
    (src / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result, _ = sphinx_build_forked("-q", "-b", "tei", "-d", tmp_path / "d", src, tmp_path / "tei")
    output = result.stdout + result.stderr
    assert "index.md:" in output and "no writer for the node 'image'" in output, output
    tei = (tmp_path / "tei" / "index.xml").read_text(encoding="utf-8")
    assert "Said once more." in tei  # a block the writer does not know by name keeps its words


class mystery_word(nodes.Inline, nodes.TextElement):
    """A node no writer knows, in a paragraph."""


class mystery_line(nodes.General, nodes.TextElement):
    """A node no writer knows, with words, between paragraphs."""


class mystery_box(nodes.General, nodes.Element):
    """A node no writer knows, holding paragraphs."""


class mystery_mark(nodes.General, nodes.Element):
    """A node no writer knows, with no words."""


def test_the_tei_translator_writes_a_node_it_does_not_know_by_its_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    reported: list[tuple[str, str]] = []
    monkeypatch.setattr(writers, "report_unwritten", lambda builder, node: reported.append((builder, node.tagname)))
    document = new_document("index.md")
    text = markup.edited_text()
    text += nodes.paragraph("", "", nodes.Text("A "), mystery_word("", "hidden"), nodes.Text(" word, "),
                            addnodes.literal_strong("", "bold"), nodes.Text("."))  # fmt: skip
    text += [mystery_line("", "A line."), mystery_box("", nodes.paragraph("", "Boxed.")), mystery_mark()]
    document += text
    translator = TEITranslator(document, SimpleNamespace(name="tei"), "index", Register(), Cited())  # type: ignore[arg-type]
    div = ET.tostring(translator.division(text), encoding="unicode")
    # in a paragraph its words; between paragraphs its words as an anonymous ab, or the blocks it holds; a Sphinx
    # node as its docutils base (literal_strong as strong)
    assert div == (
        '<div type="article"><p>A hidden word, <hi rend="bold">bold</hi>.</p><ab>A line.</ab><p>Boxed.</p></div>'
    )
    assert reported == [("tei", "mystery_mark")]  # no words: reported where it stands, and left out


def test_a_word_in_another_language_survives_in_every_view_and_builder(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    index, witness = src / "index.md", src / "witnesses" / "w.txt"
    index.write_text(index.read_text(encoding="utf-8").replace("The end.\n::::", "The end, {lang}`ru:конец`.\n::::"),
                     encoding="utf-8")  # fmt: skip
    witness.write_text(witness.read_text(encoding="utf-8").replace("The end.", "The end, конец."), encoding="utf-8")
    record_witness_digests(witness.parent)
    outputs = {}
    for builder in ("html", "latex", "text", "tei", "epub"):
        result, _ = sphinx_build_forked("-W", "--keep-going", "-q", "-b", builder, "-d", tmp_path / "d", src,
                                        tmp_path / builder, "-D", "version=1", "-D", "copyright=2026")  # fmt: skip
        assert result.returncode == 0, f"{builder}: {result.stdout}{result.stderr}"
        outputs[builder] = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (tmp_path / builder).rglob("*")
                                   if p.suffix in (".html", ".xhtml", ".tex", ".txt", ".xml") and "_sources" not in p.parts)  # fmt: skip
    for builder, text in outputs.items():
        assert "конец" in text, f"the word is missing from the {builder} output"
    html = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    view = html[html.index('<div class="edition-witness"') :]
    assert view.count('class="witness-block"') == 4  # headline, two paragraphs, the omitted passage: not collapsed
    assert 'The end, <span lang="ru">конец</span>.</div>' in view  # the witness view keeps the language
    assert '<foreign xml:lang="ru">конец</foreign>' in outputs["tei"]


def test_a_fragment_escapes_every_value_not_marked_as_html() -> None:
    signs = ['<b>"x" & y</b>', Markup("<b>°</b> corrected")]  # a value, then HTML the code marks as such
    assert fragments.render("legend.html", signs=signs, apparatus="app'1") == (
        '<p class="edition-legend">Signs: &lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt; · <b>°</b> corrected. '
        'Each leads to its entry in the <a href="#app&#x27;1">apparatus</a>.</p>'
    )
    with pytest.raises(UndefinedError):  # a value the template needs and is not given is an error, not ''
        fragments.render("legend.html", signs=signs)
