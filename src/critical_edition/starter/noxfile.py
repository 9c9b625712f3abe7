"""Sessions of the edition: docs (HTML, TEI, PDF and EPUB), html (the HTML alone) and tests.

TeX Live, the fonts and EPUBCheck are detected; on Debian or Ubuntu as root they are installed, elsewhere
the session stops with the list of packages to install. Python packages are pinned in constraints.txt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["docs"]
nox.options.reuse_existing_virtualenvs = True

ROOT = Path(__file__).parent
DOCS_DEPS = ("critical-edition", "sphinx-book-theme")
TEST_DEPS = ("pytest",)
SYSTEM_PACKAGES = (
    "latexmk",
    "texlive-xetex",
    "texlive-latex-extra",
    "texlive-latex-recommended",
    "texlive-fonts-recommended",
    "texlive-humanities",  # reledmac: numbered lines and the apparatus at the foot of the page
    "fonts-freefont-otf",
    "epubcheck",
)
PDF = "_build/latex/edition.pdf"
EPUB = "_build/epub/edition.epub"
"""The PDF and the EPUB, as conf.py names them."""


def missing_system_tools() -> list[str]:
    """What the PDF and the EPUB need and this machine lacks."""
    missing = [tool for tool in ("xelatex", "latexmk", "epubcheck") if not shutil.which(tool)]
    if shutil.which("kpsewhich"):
        for sty in ("reledmac.sty", "fncychap.sty", "xurl.sty"):
            if not subprocess.run(["kpsewhich", sty], capture_output=True, text=True).stdout.strip():
                missing.append(sty)
    if (
        shutil.which("fc-list")
        and "FreeSerif" not in subprocess.run(["fc-list"], capture_output=True, text=True).stdout
    ):
        missing.append("FreeSerif")
    return missing


def ensure_system_packages(session: nox.Session) -> None:
    """Install TeX Live, the fonts and EPUBCheck with apt-get on Debian as root, or ask for them."""
    missing = missing_system_tools()
    if not missing:
        return
    if Path("/etc/debian_version").exists() and shutil.which("apt-get") and os.geteuid() == 0:
        session.log(f"Missing {', '.join(missing)}: installing {' '.join(SYSTEM_PACKAGES)} with apt-get")
        env = {"DEBIAN_FRONTEND": "noninteractive"}
        session.run("apt-get", "update", "-q", external=True, env=env)
        session.run(
            "apt-get", "install", "-y", "-q", "--no-install-recommends", *SYSTEM_PACKAGES, external=True, env=env
        )
        return
    session.error(
        f"Missing system packages ({', '.join(missing)}). Install them first, e.g. on Debian or Ubuntu:\n"
        f"    sudo apt-get install --no-install-recommends {' '.join(SYSTEM_PACKAGES)}"
    )


def epubcheck_command() -> list[str]:
    """How to run EPUBCheck: Debian's /usr/bin/epubcheck is a jar, which runs only where binfmt hands jars to
    Java (not in most containers), so a jar is run with java -jar."""
    found = shutil.which("epubcheck") or "epubcheck"
    real = os.path.realpath(found)
    return ["java", "-jar", real] if real.endswith(".jar") else [found]


def source_date_epoch() -> str:
    """The time of the last commit (or SOURCE_DATE_EPOCH): pages and PDF carry it, so builds are reproducible."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True, check=True)
        return out.stdout.strip() or "1767225600"
    except (OSError, subprocess.CalledProcessError):
        return "1767225600"  # 2026-01-01


def install(session: nox.Session, *extra: str) -> None:
    """The pinned packages: critical-edition (from the package index, or pip's --find-links) and the theme."""
    session.install("-c", "constraints.txt", *DOCS_DEPS, *extra)


def sphinx(session: nox.Session, builder: str, outdir: str) -> None:
    """One Sphinx build with warnings as errors and nitpicky references, sharing the doctrees."""
    session.run("sphinx-build", "-W", "--keep-going", "-n", "-b", builder, "-d", "_build/doctrees", ".", outdir,
                env={"SOURCE_DATE_EPOCH": source_date_epoch()})  # fmt: skip


@nox.session
def html(session: nox.Session) -> None:
    """Build the HTML edition only: it needs neither TeX nor EPUBCheck."""
    install(session)
    sphinx(session, "html", "_build/html")
    session.log(f"HTML: {ROOT / '_build/html/index.html'}")


@nox.session
def docs(session: nox.Session) -> None:
    """Build the whole edition: HTML, TEI XML, the PDF through xelatex, the EPUB checked by EPUBCheck."""
    ensure_system_packages(session)
    install(session)
    sphinx(session, "html", "_build/html")
    sphinx(session, "tei", "_build/tei")
    session.run("sphinx-build", "-M", "latexpdf", ".", "_build", "-W", "--keep-going", "-n", "-q",
                env={"SOURCE_DATE_EPOCH": source_date_epoch()})  # fmt: skip
    session.run("critical-edition", "check-pdf", "_build/latex")
    sphinx(session, "epub", "_build/epub")
    session.run(*epubcheck_command(), "--failonwarnings", EPUB, external=True)  # any warning fails
    session.log(f"HTML: {ROOT / '_build/html/index.html'}")
    session.log(f"PDF:  {ROOT / PDF}")
    session.log(f"EPUB: {ROOT / EPUB}")
    session.log(f"TEI:  {ROOT / '_build/tei'}")


@nox.session
def tests(session: nox.Session) -> None:
    """The edition's tests: it builds with -W, every check passes, the witnesses match their digests."""
    install(session, *TEST_DEPS)
    session.run("pytest", *(session.posargs or ["-q"]), env={"SOURCE_DATE_EPOCH": source_date_epoch()})
