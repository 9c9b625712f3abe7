"""Input cleaned or normalised before any writer sees it: control characters in the register, language tags
written in any case, a setting given on the command line (each a real build of a copy of test-interventions)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from helpers import sphinx_build_forked

BASE = Path(__file__).parent.parent / "roots" / "test-interventions"
PERSON = "annotations/person/ann-smith.md"
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e\u2066-\u2069]")


def copy(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> Path:
    """A copy of the small edition with one passage of each named file replaced."""
    src = tmp_path / "src"
    shutil.copytree(BASE, src, ignore=shutil.ignore_patterns("_build"))
    for rel, (old, new) in edits.items():
        path = src / rel
        content = path.read_text(encoding="utf-8")
        assert content.count(old) == 1, old
        path.write_text(content.replace(old, new), encoding="utf-8")
    return src


def build(src: Path, *options: str) -> tuple[int, str]:
    """An HTML build (with TEI, which the HTML build writes too); its status and output."""
    out = src.parent / "out"
    result, _ = sphinx_build_forked(*options, "-b", "html", "-q", "-d", out / "doctrees", src, out / "html",
                                    env={"NO_COLOR": "1"})
    return result.returncode, result.stdout + result.stderr


def written(src: Path) -> dict[str, str]:
    """Every HTML and XML file of the build, by path."""
    out = src.parent / "out" / "html"
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*"))
            if p.suffix in (".html", ".xml") and "_sources" not in p.parts}


def test_control_characters_of_the_register_reach_no_page(tmp_path: Path) -> None:
    src = copy(tmp_path, {PERSON: ("name: Ann Smith\nnames:\n  - {text: Анна Смит,",
                                   'name: "Ann \\u202eSmith\\0"\nnames:\n  - {text: "Анна \\u2067Смит\\u2069",')})
    status, output = build(src)
    assert status == 0 and "Traceback" not in output
    assert len(re.findall(r"\[edition\.register-field\]", output)) == 2, output
    files = written(src)
    assert "annotations/person/ann-smith.html" in files and any(p.endswith(".xml") for p in files), list(files)
    for path, content in files.items():
        assert not CONTROLS.search(content), f"a control character in {path}"
    assert "Анна Смит" in files["annotations/person/ann-smith.html"]


def test_language_tags_in_any_case_are_accepted_and_written_in_their_canonical_case(tmp_path: Path) -> None:
    src = copy(tmp_path, {PERSON: ("lang: ru,", "lang: RU,"),
                          "index.md": ("The end.\n::::\n", "The end.\n::::\n\nHe wrote {lang}`ZH-hant:冼星海`.\n")})
    src_index = src / "index.md"
    src_index.write_text(src_index.read_text(encoding="utf-8").replace("{omitted} furniture\n",
                                                                        "{omitted} furniture\n:lang: RU\n"),
                         encoding="utf-8")
    status, output = build(src, "-W", "--keep-going")
    assert (status, output) == (0, "")
    files = written(src)
    assert 'lang="zh-Hant"' in files["index.html"] and "ZH-hant" not in files["index.html"]
    assert 'lang="ru"' in files["annotations/person/ann-smith.html"]
    assert not [p for p, content in files.items() if 'lang="RU"' in content or 'xml:lang="RU"' in content]


def test_a_bad_setting_given_on_the_command_line_says_so(tmp_path: Path) -> None:
    status, output = build(copy(tmp_path, {}), "-W", "-D", "edition_orphans=maybe")
    assert status != 0
    assert ("edition_orphans = 'maybe', given on the command line (-D edition_orphans=maybe), is not a known "
            "setting (allowed values: 'warning', 'info', 'ignore') [edition.config]") in output
    assert "conf.py" not in output
