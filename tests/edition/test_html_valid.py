"""HTML validity: the Nu HTML Checker (npm vnu-jar, run with Java) finds no error on any page of the edition."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from helpers import edited_texts, pages, require

ROOT = Path(__file__).parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu(files: list[Path]) -> list[dict[str, Any]]:
    """The checker's errors (and fatal non-document errors) for these files."""
    java = shutil.which("java")
    require(java is not None, "java not found (Java 11 or later runs the Nu HTML Checker)")
    require(VNU_JAR.exists(), f"{VNU_JAR.relative_to(ROOT)} missing: run `npm ci --ignore-scripts`")
    assert java is not None
    # a big stack (the schema is deeply recursive) and the quick JIT only: 4 s instead of 20 s for the edition
    command = [java, "-Xss8m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU_JAR), "--errors-only", "--skip-non-html",
               "--format", "json", *map(str, files)]
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    report = json.loads(result.stderr)  # vnu writes its JSON report to stderr
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    assert (result.returncode == 0) == (not errors), (result.returncode, result.stderr[:2000])
    return errors


def describe(errors: list[dict[str, Any]], base: Path) -> str:
    """One line per error: page, line, message, and the offending markup."""
    lines = []
    for e in errors:
        page = e.get("url", "").removeprefix("file:").removeprefix(str(base) + "/")
        lines.append(f"{page}:{e.get('lastLine', '?')}: {e['message']}  [{e.get('extract', '').strip()[:120]}]")
    return "\n".join(lines)


def test_every_page_of_the_edition_is_valid_html(edition_html: Path) -> None:
    files = pages(edition_html)
    names = {str(p.relative_to(edition_html)) for p in files}
    assert {"index.html", "bibliography.html", *(f"{text.docname}.html" for text in edited_texts())} <= names
    assert len(files) > 50, names
    errors = vnu(files)
    assert not errors, f"{len(errors)} HTML errors:\n" + describe(errors, edition_html)


def test_checker_reports_invalid_html(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html>\n<html lang="en"><head><title>bad</title></head><body>\n'
                   '<p id="p-1">one</p><p id="p-1">two</p>\n<ul><p>not a list item</p></ul>\n'
                   '<a href="x" href="y">twice</a>\n</body></html>\n', encoding="utf-8")
    good = tmp_path / "good.html"
    good.write_text('<!DOCTYPE html>\n<html lang="en"><head><title>good</title></head>'
                    '<body><p>fine</p></body></html>\n', encoding="utf-8")
    errors = vnu([bad, good])
    text = describe(errors, tmp_path)
    assert all(e["url"].endswith("/bad.html") for e in errors), text
    assert "Duplicate ID" in text and "not allowed as child of element" in text and "Duplicate attribute" in text, text
