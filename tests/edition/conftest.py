"""Fixtures of the edition's suite: the real edition in each format, built once per test run for every module."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Build, built_once, slow_fixture
from helpers import ROOT


@pytest.fixture(scope="session")
@slow_fixture
def edition_html_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real edition's HTML, built once for every module, as CI builds it (-W -n); the build may have failed."""
    out, result = built_once(tmp_path_factory, "edition-html", "-W", "--keep-going", "-n", "-b", "html",
                             "-d", "{out}/doctrees", ROOT, "{out}/html")  # fmt: skip
    return out / "html", result


@pytest.fixture(scope="session")
def edition_html(edition_html_build: Build) -> Path:
    """The real edition's HTML folder (the build must have succeeded)."""
    html, result = edition_html_build
    assert result.returncode == 0, result.stderr
    return html


@pytest.fixture(scope="session")
@slow_fixture
def edition_pdf_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real edition's PDF, built once for every module; the LaTeX folder and the build's result."""
    out, result = built_once(tmp_path_factory, "edition-pdf", "-M", "latexpdf", ROOT, "{out}", "-W", "--keep-going",
                             "-n", "-q")  # fmt: skip
    return out / "latex", result


@pytest.fixture(scope="session")
@slow_fixture
def edition_epub_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real edition's EPUB, built once for every module, as nox -s docs builds it (-W -n); its folder and the
    build's result."""
    out, result = built_once(tmp_path_factory, "edition-epub", "-W", "--keep-going", "-n", "-b", "epub",
                             "-d", "{out}/doctrees", ROOT, "{out}/epub")  # fmt: skip
    return out / "epub", result


@pytest.fixture(scope="session")
def edition_epub(edition_epub_build: Build) -> Path:
    """The real edition's EPUB archive (the build must have succeeded)."""
    folder, result = edition_epub_build
    assert result.returncode == 0, result.stderr
    (book,) = folder.glob("*.epub")
    return book
