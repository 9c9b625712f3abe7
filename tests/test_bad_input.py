"""Bad input: every malformed file an editor can write gives one clear error with file:line, never a traceback.

Each case copies a small but complete edition (tests/roots/test-interventions: a witness, an edited
text, a register entry and a bibliography), breaks one thing, and runs what an editor runs: a real
``sphinx-build -W --keep-going`` and, for register and reference problems, ``python -m critical_edition
check``. Injected markup must come out as text, never as markup.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

BASE = Path(__file__).parent / "roots" / "test-interventions"
FIXTURES = Path(__file__).parent / "bad_input"
PERSON = "annotations/person/ann-smith.md"
FILM = "annotations/work/a-film.md"
FESTIVAL = "annotations/event/a-festival.md"
INDEX = "index.md"
WITNESS = "witnesses/w.txt"

# What a crash looks like in Sphinx's or Python's output, whatever the verbosity.
CRASH = re.compile(r"Traceback|Exception occurred|Extension error|threw an exception|full traceback has been saved")


# --- the edition and ways to break it --------------------------------------------------------------


def edition(tmp_path: Path) -> Path:
    """A fresh copy of the small complete edition."""
    src = tmp_path / "src"
    shutil.copytree(BASE, src, ignore=shutil.ignore_patterns("_build"))
    return src


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """A mutation that replaces one exact passage of a file (which must occur once)."""

    def mutate(src: Path) -> None:
        path = src / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur exactly once in {rel}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return mutate


def write(rel: str, content: str | bytes) -> Callable[[Path], None]:
    """A mutation that writes (or overwrites) a file."""

    def mutate(src: Path) -> None:
        path = src / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return mutate


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    """Several mutations, in order."""

    def mutate(src: Path) -> None:
        for m in mutations:
            m(src)

    return mutate


def delete(rel: str) -> Callable[[Path], None]:
    """A mutation that deletes a file."""
    return lambda src: (src / rel).unlink()


# ann-smith.md, for reference (line numbers matter below):
#  1 ---               5 names:                 9 gloss: …            13 Ann Smith is invented.{footcite}`src2020`
#  2 id: ann-smith     6   - {text: Анна Смит…  10 sources: [src2020]
#  3 kind: person      7 dates:                 11 ---
#  4 name: Ann Smith   8   born: "1950"         12
#
# index.md: line 3 opens the edited text, line 9 is the paragraph with every role, lines 11-13 the
# omitted block, line 16 closes the edited text.

FILM_TEXT = """\
---
id: a-film
kind: work
name: A Film
dates:
  released: "1990"
gloss: An invented film that stands in for a real one in this test.
sources: [src2020]
---

A film.{footcite}`src2020`
"""
# a second and a third entity, each mentioned from Ann Smith's annotation (line 15) so none is an orphan
with_film = both(write(FILM, FILM_TEXT),
                 replace(PERSON, "{footcite}`src2020`\n", "{footcite}`src2020`\n\nShe made {work}`A Film <a-film>`.\n"))


def festival(date: str) -> Callable[[Path], None]:
    """An event with Ann Smith as participant (relation on line 9), mentioned from her annotation."""
    text = f"""\
---
id: a-festival
kind: event
name: A Festival
dates:
  date: "{date}"
gloss: An invented festival that stands in for a real one in this test.
relations:
  - {{type: participant, target: ann-smith}}
sources: [src2020]
---

A festival.{{footcite}}`src2020`
"""
    return both(write(FESTIVAL, text),
                replace(PERSON, "{footcite}`src2020`\n", "{footcite}`src2020`\n\nShe went to {event}`A Festival <a-festival>`.\n"))


def person_field(old: str, new: str) -> Callable[[Path], None]:
    """A mutation of Ann Smith's front matter."""
    return replace(PERSON, old, new)


def text(old: str, new: str) -> Callable[[Path], None]:
    """A mutation of the edited text."""
    return replace(INDEX, old, new)


def large_register_file(src: Path) -> None:
    """A register file of 1.2 MB: a valid entry followed by a very long annotation."""
    path = src / PERSON
    path.write_text(path.read_text(encoding="utf-8") + ("A very long annotation. " * 50 + "\n\n") * 1000,
                    encoding="utf-8")


def large_article(src: Path) -> None:
    """5 MB of paragraphs at the end of the edited text, which the witness does not have."""
    paragraphs = "".join(f"Paragraph {i} that the source never printed, repeated to fill the file. " * 10 + "\n\n"
                         for i in range(7000))
    replace(INDEX, "The end.\n::::", "The end.\n\n" + paragraphs + "::::")(src)


def empty_article(src: Path) -> None:
    """An edited text with nothing inside."""
    path = src / INDEX
    content = path.read_text(encoding="utf-8")
    start = content.index(":witness: witnesses/w.txt\n") + len(":witness: witnesses/w.txt\n")
    end = content.index("\n::::\n", start)
    path.write_text(content[:start] + content[end:], encoding="utf-8")


def witness_checksum_then_alter(src: Path) -> None:
    """Record the witness's SHA-256, then change one letter of it."""
    path = src / WITNESS
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (src / "witnesses" / "SHA256SUMS").write_text(f"{digest}  w.txt\n", encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("father", "mother"), encoding="utf-8")


@dataclass(frozen=True)
class Case:
    """One malformed input and the error it must give."""

    id: str
    mutate: Callable[[Path], None]
    subtype: str  # the warning type, e.g. "edition.register-syntax" or "bibtex.key_not_found"
    file: str  # the file the error must name, relative to the edition
    line: int | None  # the line it must name; None: any line
    cli: bool = False  # a register or reference problem: `python -m critical_edition check` must find it too
    extra: str = ""  # a further text the output must contain (a did-you-mean hint, a reason)
    xfail: str = ""  # a known bug of the tooling: the build fails this case
    xfail_cli: str = ""  # a known bug of the CLI


CASES: list[Case] = [
    # --- register files: syntax -------------------------------------------------------------------
    Case("yaml-unclosed-bracket", person_field("sources: [src2020]", "sources: [src2020"),
         "edition.register-syntax", PERSON, 10, cli=True, extra="YAML error"),
    Case("yaml-tab-indent", person_field('  born: "1950"', '\tborn: "1950"'),
         "edition.register-syntax", PERSON, 8, cli=True, extra="YAML error"),
    Case("front-matter-not-closed", person_field("sources: [src2020]\n---\n", "sources: [src2020]\n\n"),
         "edition.register-syntax", PERSON, 1, cli=True, extra="not closed"),
    Case("no-front-matter", write(PERSON, "Ann Smith is invented.\n"),
         "edition.register-syntax", PERSON, 1, cli=True, extra="no front matter"),
    Case("front-matter-not-a-mapping", write(PERSON, "---\n- ann-smith\n- person\n---\n\nText.\n"),
         "edition.register-syntax", PERSON, 2, cli=True, extra="not a mapping"),
    Case("register-file-not-utf8",
         write(PERSON, b"\xff\xfe---\nid: ann-smith\n"),
         "edition.register-syntax", PERSON, 1, cli=True, extra="not valid UTF-8"),
    Case("register-file-too-large", large_register_file,
         "edition.register-syntax", PERSON, 1, cli=True, extra="larger than"),
    # --- register files: fields -------------------------------------------------------------------
    Case("unknown-field", person_field("kind: person\n", "kind: person\ncategroy: director\n"),
         "edition.register-field", PERSON, 4, cli=True, extra="did you mean 'category'?"),
    Case("duplicate-field", person_field("kind: person\n", "kind: person\nname: Ann Smithers\n"),
         "edition.register-field", PERSON, 5, cli=True,
         xfail="a field given twice in the front matter is silently accepted (the last one wins)"),
    Case("gloss-is-a-list", person_field("gloss: An invented", "gloss: [An invented]\nx: An invented"),
         "edition.register-field", PERSON, 9, cli=True),
    Case("missing-sources", person_field("sources: [src2020]\n", ""),
         "edition.register-field", PERSON, None, cli=True, extra="'sources' is missing"),
    Case("empty-sources", person_field("sources: [src2020]", "sources: []"),
         "edition.register-field", PERSON, 10, cli=True),
    Case("bad-id-characters", both(person_field("id: ann-smith", "id: Ann_Smith")),
         "edition.register-field", PERSON, 2, cli=True, extra="not a valid id"),
    Case("id-not-file-name", person_field("id: ann-smith", "id: ann-smyth"),
         "edition.register-field", PERSON, 2, cli=True, extra="does not match the file name"),
    Case("kind-not-folder", person_field("kind: person", "kind: organisation"),
         "edition.register-field", PERSON, 3, cli=True, extra="does not match the folder"),
    Case("unknown-kind", person_field("kind: person", "kind: persn"),
         "edition.register-field", PERSON, 3, cli=True, extra="did you mean 'person'?"),
    Case("unknown-name-type", person_field("type: transliteration", "type: transliteraton"),
         "edition.register-field", PERSON, 6, cli=True, extra="did you mean 'transliteration'?"),
    Case("bad-language-tag", person_field("lang: ru,", "lang: Russian,"),
         "edition.register-field", PERSON, 6, cli=True, extra="BCP 47"),
    Case("date-field-of-another-kind", person_field('  born: "1950"', '  released: "1950"'),
         "edition.register-field", PERSON, 8, cli=True, extra="has no date 'released'"),
    Case("gloss-too-short", person_field("gloss: An invented person who stands in for a real one in this test.",
                                         "gloss: Invented."),
         "edition.register-field", PERSON, 9, cli=True),
    # --- relations -----------------------------------------------------------------------------------
    Case("unknown-relation-type",
         both(with_film, person_field("sources:", "relations:\n  - {type: direct, target: a-film}\nsources:")),
         "edition.register-field", PERSON, 11, cli=True, extra="'direct' is not allowed"),
    Case("relation-to-unknown-id",
         both(with_film, person_field("sources:", "relations:\n  - {type: directed, target: a-flim}\nsources:")),
         "edition.unknown-relation-target", PERSON, 11, cli=True, extra="did you mean 'a-film'?"),
    Case("relation-of-wrong-kinds",
         both(with_film, person_field("sources:", "relations:\n  - {type: born-in, target: a-film}\nsources:")),
         "edition.bad-relation", PERSON, 11, cli=True, extra="a person cannot be 'born-in' a work"),
    # --- authority ids -------------------------------------------------------------------------------
    Case("malformed-wikidata-id", person_field("sources:", "authority:\n  wikidata: '42'\nsources:"),
         "edition.bad-authority", PERSON, 11, cli=True, extra="not a well-formed wikidata id"),
    Case("authority-id-is-a-url",
         person_field("sources:", "authority:\n  wikidata: https://www.wikidata.org/wiki/Q42\nsources:"),
         "edition.bad-authority", PERSON, 11, cli=True, extra="not a URL"),
    Case("javascript-authority-id", person_field("sources:", "authority:\n  viaf: 'javascript:alert(1)'\nsources:"),
         "edition.bad-authority", PERSON, 11, cli=True, extra="not a well-formed viaf id"),
    Case("unknown-authority", person_field("sources:", "authority:\n  orcid: 0000-0002-1825-0097\nsources:"),
         "edition.register-field", PERSON, 11, cli=True, extra="'orcid' is not allowed"),
    Case("same-authority-id-twice",
         both(with_film, person_field("sources:", "authority:\n  wikidata: Q42\nsources:"),
              replace(FILM, "sources:", "authority:\n  wikidata: Q42\nsources:")),
         "edition.duplicate-authority", FILM, 9, cli=True, extra="also given to 'ann-smith'"),
    # --- dates ---------------------------------------------------------------------------------------
    Case("invalid-edtf-date", person_field('born: "1950"', 'born: "1950-13-45"'),
         "edition.bad-date", PERSON, 8, cli=True, extra="not valid EDTF"),
    Case("unquoted-date", person_field('born: "1950"', "born: 1950-01-01"),
         "edition.register-field", PERSON, 8, cli=True),
    Case("death-before-birth", person_field('born: "1950"', 'born: "1950"\n  died: "1940"'),
         "edition.chronology", PERSON, 7, cli=True, extra="ends (1940-12-31) before it begins (1950-01-01)"),
    Case("participant-outside-lifetime", festival("1900"),
         "edition.chronology", FESTIVAL, 9, cli=True, extra="participant 'ann-smith' was not alive"),
    Case("work-before-its-creator",
         both(with_film, replace(FILM, 'released: "1990"', 'released: "1900"'),
              person_field("sources:", "relations:\n  - {type: directed, target: a-film}\nsources:")),
         "edition.chronology", PERSON, 11, cli=True, extra="appeared (1900) before its creator"),
    # --- sources -------------------------------------------------------------------------------------
    Case("unknown-bib-key-in-sources", person_field("sources: [src2020]", "sources: [src2021]"),
         "edition.unknown-source", PERSON, 10, cli=True, extra="did you mean 'src2020'?"),
    Case("unknown-footcite-key", person_field("{footcite}`src2020`", "{footcite}`src2002`"),
         "edition.unknown-source", PERSON, 13, cli=True, extra="did you mean 'src2020'?"),
    Case("unknown-evidence-key", text("evidence=src2020", "evidence=src2021"),
         "bibtex.key_not_found", INDEX, None),
    Case("bib-file-broken", write("references.bib", "@misc{src2020,\n  title = {A Source,\n  year = 2020\n"),
         "edition.bib-syntax", "references.bib", None, cli=True,
         xfail="(see report) sphinxcontrib-bibtex reports a broken .bib file without our file:line"),
    # --- the edited text: references -----------------------------------------------------------------
    Case("unknown-entity-id", text("Ann Smith <ann-smith>` said", "Ann Smith <ann-smiht>` said"),
         "edition.unknown-entity", INDEX, 9, cli=True, extra="did you mean 'ann-smith'?"),
    Case("wrong-role-kind", text("{person}`Ann Smyth", "{place}`Ann Smyth"),
         "edition.wrong-kind", INDEX, 9, cli=True, extra="write {person}`"),
    Case("name-mismatch", text("Ann Smyth -> Ann Smith <ann-smith>", "Ann Smyth -> Bob Jones <ann-smith>"),
         "edition.name-mismatch", INDEX, 9, cli=True, extra="'Bob Jones' matches no name"),
    Case("duplicate-id",
         write("annotations/work/ann-smith.md",
               FILM_TEXT.replace("id: a-film", "id: ann-smith").replace("name: A Film", "name: Ann Smith")),
         "edition.duplicate-id", "annotations/work/ann-smith.md", 2, cli=True,
         extra=f"already declared in {PERSON}:2"),
    # --- the edited text: editorial markup -----------------------------------------------------------
    Case("unclosed-role-backquote", text("{sic}`know ; note=verb form`", "{sic}`know ; note=verb form"),
         "edition.bad-markup", INDEX, 9,
         xfail="an unclosed role is read as plain text; only fidelity complains (see report)"),
    Case("corr-without-arrow", text("brining -> bringing ;", "bringing ;"),
         "edition.bad-markup", INDEX, 9, extra="has no source reading"),
    Case("corr-empty-side", text("brining -> bringing ;", "brining ->  ;"),
         "edition.bad-markup", INDEX, 9),
    Case("unknown-role-option", text("note=verb form", "nte=verb form"),
         "edition.bad-markup", INDEX, 9, extra="unknown option 'nte'"),
    Case("unknown-omission-reason", text("{omitted} furniture", "{omitted} furnture"),
         "edition.bad-markup", INDEX, 11, extra="did you mean 'furniture'?"),
    Case("omitted-block-empty", text("Share this\n```", "```"),
         "edition.bad-markup", INDEX, 11, extra="must contain the omitted text"),
    Case("supplied-bad-cert", text("cert=medium", "cert=sure"),
         "edition.bad-markup", INDEX, 9, extra="certainty 'sure'"),
    Case("lang-role-bad-tag", text("The end.", "The {lang}`Russian:end`."),
         "edition.bad-markup", INDEX, 15,
         xfail="the {lang} role does not validate its language tag"),
    Case("unclosed-omitted-fence", text("Share this\n```\n", "Share this\n"),
         "edition.fidelity", INDEX, None, extra="ends early"),
    Case("unclosed-edited-text-fence", text("The end.\n::::\n", "The end.\n"),
         "edition.fidelity", INDEX, None, extra="more than the witness"),
    # --- witnesses -----------------------------------------------------------------------------------
    Case("no-witness-option", text(":witness: witnesses/w.txt\n", ""),
         "edition.witness-missing", INDEX, 3, extra="declares no witness"),
    Case("missing-witness-file", delete(WITNESS),
         "edition.witness-missing", INDEX, 3, extra="does not exist"),
    Case("witness-is-a-directory", both(delete(WITNESS), lambda src: (src / WITNESS).mkdir()),
         "edition.witness-missing", INDEX, 3,
         xfail="collector._check_witness: IsADirectoryError from witness.read_witness is not caught"),
    Case("witness-not-utf8", write(WITNESS, "A Headline\n\nOne brining day Ann Smyth said: my père know it.\n"
                                            .encode("latin-1")),
         "edition.witness-missing", INDEX, 3, extra="is not UTF-8"),
    Case("altered-witness", replace(WITNESS, "father", "mother"),
         "edition.fidelity", INDEX, 9, extra="differs at ¶ 1"),
    Case("altered-witness-checksum", witness_checksum_then_alter,
         "edition.witness-altered", INDEX, 3, extra="does not match its recorded SHA-256"),
    Case("empty-article", empty_article, "edition.fidelity", INDEX, 3, extra="ends early"),
    Case("large-article", large_article, "edition.fidelity", INDEX, None, extra="more than the witness"),
]


def cases(*, cli: bool) -> list[object]:
    """The cases as pytest parameters, the known bugs marked as strict expected failures."""
    params = []
    for case in CASES:
        if cli and not case.cli:
            continue
        reason = case.xfail_cli if cli else case.xfail
        if cli and not reason and case.xfail and "CLI too" in case.xfail:
            reason = case.xfail
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


# --- running what an editor runs ---------------------------------------------------------------


def run(*args: str | Path, timeout: float = 120) -> tuple[int, str]:
    """Run a Python module as a user would; return the exit status and everything it printed."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    result = subprocess.run([sys.executable, *map(str, args)], capture_output=True, text=True, env=env,
                            timeout=timeout, check=False)
    return result.returncode, result.stdout + result.stderr


def build(src: Path, out: Path, *options: str) -> tuple[int, str]:
    """A real HTML build of the edition."""
    return run("-m", "sphinx", *options, "-b", "html", "-q", "-d", out / "doctrees", src, out / "html")


def located(output: str, subtype: str, file: str, line: int | None) -> list[str]:
    """The lines of the output that report ``subtype`` at ``file:line`` (file as a suffix of the printed path)."""
    where = re.compile(rf"(^|/){re.escape(file)}:{line if line else r'[0-9]+'}: ")
    return [ln for ln in output.splitlines() if f"[{subtype}]" in ln and where.search(ln)]


def assert_clear_error(status: int, output: str, case: Case) -> None:
    """The run failed, without a traceback, with the expected error at the expected place."""
    assert status != 0, f"the run succeeded:\n{output}"
    assert not CRASH.search(output), f"the run crashed:\n{output}"
    found = located(output, case.subtype, case.file, case.line)
    assert found, f"no [{case.subtype}] at {case.file}:{case.line or '<line>'} in:\n{output}"
    assert len(found) == 1, "the error is reported more than once:\n" + "\n".join(found)
    if case.extra:
        assert case.extra in found[0], f"{case.extra!r} not in: {found[0]}"


@pytest.mark.parametrize("case", cases(cli=False))
def test_build_fails_with_one_located_error(case: Case, tmp_path: Path) -> None:
    src = edition(tmp_path)
    case.mutate(src)
    started = time.monotonic()
    status, output = build(src, tmp_path / "out", "-W", "--keep-going")
    assert time.monotonic() - started < 60, "the build took too long"
    assert_clear_error(status, output, case)


@pytest.mark.parametrize("case", cases(cli=True))
def test_check_command_fails_with_one_located_error(case: Case, tmp_path: Path) -> None:
    src = edition(tmp_path)
    case.mutate(src)
    status, output = run("-m", "critical_edition", "check", src)
    assert_clear_error(status, output, case)


def test_the_unbroken_edition_passes(tmp_path: Path) -> None:
    # every case above breaks one thing: the edition they start from must be clean
    src = edition(tmp_path)
    with_film(src)
    assert build(src, tmp_path / "out", "-W", "--keep-going") == (0, "")
    status, output = run("-m", "critical_edition", "check", src)
    assert status == 0, output
