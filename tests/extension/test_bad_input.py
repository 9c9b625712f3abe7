"""Bad input: every malformed file an editor can write gives one clear error with file:line, never a traceback.

Each case copies a small but complete edition (tests/roots/test-interventions: a witness, an edited
text, a register entry and a bibliography), breaks one thing, and runs what an editor runs: a real
``sphinx-build -W --keep-going`` and, for register and reference problems, ``python -m critical_edition
check``, each in a process of its own (forked from one that has imported Sphinx: helpers.run_forked).
Injected markup must come out as text, never as markup.

The builds are independent (one temporary directory each) and are started together, two or more at a
time, when the module's first test asks for one; each test then waits for its own.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import slow_fixture
from helpers import record_witness_digests, run_forked, sphinx_build, sphinx_build_forked

BASE = Path(__file__).parent.parent / "roots" / "test-interventions"
PERSON = "annotations/person/ann-smith.md"
FILM = "annotations/work/a-film.md"
FESTIVAL = "annotations/event/a-festival.md"
INDEX = "index.md"
WITNESS = "witnesses/w.txt"

# What a crash looks like in Sphinx's or Python's output, whatever the verbosity.
CRASH = re.compile(r"Traceback|Exception occurred|Extension error|Encoding error|threw an exception"
                   r"|full traceback has been saved")
# A warning as Sphinx and the CLI print it: "path:line: WARNING: message [type.subtype]".
WARNING = re.compile(r"\b(WARNING|ERROR|CRITICAL):")
LOCATED = re.compile(r"^\S.*?:[0-9]+: (WARNING|ERROR|CRITICAL): ")


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
        content = path.read_text(encoding="utf-8")
        assert content.count(old) == 1, f"{old!r} must occur exactly once in {rel}"
        path.write_text(content.replace(old, new), encoding="utf-8")
        if rel.startswith("witnesses/"):  # a witness replaced on purpose has its digest recorded again
            record_witness_digests(path.parent)

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


def append(rel: str, content: str) -> Callable[[Path], None]:
    """A mutation that adds text at the end of a file."""
    return lambda src: (src / rel).write_text((src / rel).read_text(encoding="utf-8") + content, encoding="utf-8")


def delete(rel: str) -> Callable[[Path], None]:
    """A mutation that deletes a file."""
    return lambda src: (src / rel).unlink()


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    """Several mutations, in order."""

    def mutate(src: Path) -> None:
        for m in mutations:
            m(src)

    return mutate


# ann-smith.md, for reference (line numbers matter below):
#  1 ---               5 names:                 9 gloss: …            13 Ann Smith is invented.{footcite}`src2020`
#  2 id: ann-smith     6   - {text: Анна Смит…  10 sources: [src2020]
#  3 kind: person      7 dates:                 11 ---
#  4 name: Ann Smith   8   born: "1950"         12
#
# index.md: line 3 opens the edited text, line 4 names the witness, line 9 is the paragraph with every
# role, lines 11-13 the omitted block, line 15 the last paragraph, line 16 closes the edited text.


def person_field(old: str, new: str) -> Callable[[Path], None]:
    """A mutation of Ann Smith's register file."""
    return replace(PERSON, old, new)


def text(old: str, new: str) -> Callable[[Path], None]:
    """A mutation of the edited text."""
    return replace(INDEX, old, new)


def mentioned_in_annotation(sentence: str) -> Callable[[Path], None]:
    """A second paragraph in Ann Smith's annotation (line 15), e.g. to mention another entity."""
    return person_field("{footcite}`src2020`\n", "{footcite}`src2020`\n\n" + sentence + "\n")


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
with_film = both(write(FILM, FILM_TEXT), mentioned_in_annotation("She made {work}`A Film <a-film>`."))


def relation(kind: str, target: str) -> Callable[[Path], None]:
    """A relation of Ann Smith (its line is 11)."""
    return person_field("sources:", f"relations:\n  - {{type: {kind}, target: {target}}}\nsources:")


def authority(field: str) -> Callable[[Path], None]:
    """An authority id of Ann Smith (its line is 11)."""
    return person_field("sources:", f"authority:\n  {field}\nsources:")


def festival(date: str) -> Callable[[Path], None]:
    """An event with Ann Smith as participant (relation on line 9), mentioned from her annotation."""
    content = f"""\
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
    return both(write(FESTIVAL, content), mentioned_in_annotation("She went to {event}`A Festival <a-festival>`."))


def bib(old: str, new: str) -> Callable[[Path], None]:
    """A mutation of references.bib (one entry, src2020, on lines 1-8; its url on line 6)."""
    return replace("references.bib", old, new)


def after_the_edited_text(block: str) -> Callable[[Path], None]:
    """A block of MyST on line 18 of the article, after its edited text (so that the witness still matches)."""
    return text("The end.\n::::\n", "The end.\n::::\n\n" + block + "\n")


def large_register_file(src: Path) -> None:
    """A register file of 1.2 MB: a valid entry followed by a very long annotation."""
    path = src / PERSON
    path.write_text(path.read_text(encoding="utf-8") + ("A very long annotation. " * 50 + "\n\n") * 1000,
                    encoding="utf-8")


def large_article(src: Path) -> None:
    """5 MB of paragraphs at the end of the edited text, which the witness does not have."""
    filler = "".join(f"Paragraph {i} that the source never printed, repeated to fill the file. " * 10 + "\n\n"
                     for i in range(7000))
    text("The end.\n::::", "The end.\n\n" + filler + "::::")(src)


def alias_bomb(src: Path) -> None:
    """Eight short lines of YAML anchors and aliases that expand to 9**8 (43 million) scalars."""
    lines = ["x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 8)]
    person_field("sources: [src2020]\n", "sources: [src2020]\n" + "\n".join(lines) + "\n")(src)


def deeply_nested(depth: int) -> Callable[[Path], None]:
    """A field of Ann Smith (line 11) whose value is lists nested ``depth`` deep."""
    return person_field("sources: [src2020]\n", "sources: [src2020]\nx: " + "[" * depth + "]" * depth + "\n")


def linked_from_outside(src: Path) -> None:
    """Ann Smith's register file is a link to a file outside the project."""
    outside = src.parent / "ann-smith.md"
    shutil.move(src / PERSON, outside)
    (src / PERSON).symlink_to(outside)


def place(ident: str, inside: str) -> Callable[[Path], None]:
    """A place located in another (its relation is on line 7), mentioned from Ann Smith's annotation."""
    name = ident.replace("-", " ").capitalize()
    content = f"""\
---
id: {ident}
kind: place
name: {name}
gloss: An invented place that stands in for a real one in this test.
relations:
  - {{type: located-in, target: {inside}}}
sources: [src2020]
---

A place.{{footcite}}`src2020`
"""
    return both(write(f"annotations/place/{ident}.md", content),
                mentioned_in_annotation(f"She lived in {{place}}`{name} <{ident}>`."))


def empty_article(src: Path) -> None:
    """An edited text with nothing inside."""
    path = src / INDEX
    content = path.read_text(encoding="utf-8")
    start = content.index(":witness: witnesses/w.txt\n") + len(":witness: witnesses/w.txt\n")
    end = content.index("\n::::\n", start)
    path.write_text(content[:start] + content[end:], encoding="utf-8")


def witness_checksum_then_alter(src: Path) -> None:
    """Record the witness's SHA-256, then change one word of it."""
    path = src / WITNESS
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    (src / "witnesses" / "SHA256SUMS").write_text(f"{digest}  w.txt\n", encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("father", "mother"), encoding="utf-8")


def digests(content: str | bytes) -> Callable[[Path], None]:
    """Replace witnesses/SHA256SUMS; ``{w}`` stands for the witness's true digest."""

    def mutate(src: Path) -> None:
        digest = hashlib.sha256((src / WITNESS).read_bytes()).hexdigest()
        data = content.replace("{w}", digest).encode("utf-8") if isinstance(content, str) else content
        (src / "witnesses" / "SHA256SUMS").write_bytes(data)

    return mutate


def bsd_digest_then_alter(src: Path) -> None:
    """Record the witness's digest as ``sha256sum --tag`` does, then change one word of it."""
    digests("SHA256 (w.txt) = {w}\n")(src)
    path = src / WITNESS
    path.write_text(path.read_text(encoding="utf-8").replace("father", "mother"), encoding="utf-8")


def witness_is_a_pipe(src: Path) -> None:
    """The witness path names a named pipe (reading it would wait for a writer forever)."""
    (src / WITNESS).unlink()
    os.mkfifo(src / WITNESS)


def second_edited_text(src: Path) -> None:
    """A second {edited-text} block on the same page, after the first (its line is 18)."""
    path = src / INDEX
    content = path.read_text(encoding="utf-8")
    block = content[content.index("::::{edited-text}") : content.index("::::\n", content.index("The end.")) + 5]
    path.write_text(content.replace(block, block + "\n" + block, 1), encoding="utf-8")


def mention_only_in_a_code_block(src: Path) -> None:
    """A second entity whose only "mention" is inside a code block, which is not a mention."""
    write(FILM, FILM_TEXT)(src)
    mentioned_in_annotation("Compare:\n\n```\n{work}`A Film <a-film>`\n```")(src)


def witness_outside_the_project(src: Path) -> None:
    """The witness path leads out of the project, to a faithful copy of the witness."""
    shutil.copy(src / WITNESS, src.parent / "outside.txt")
    text(":witness: witnesses/w.txt", ":witness: ../outside.txt")(src)


def witness_is_a_directory(src: Path) -> None:
    """The witness path names a directory."""
    (src / WITNESS).unlink()
    (src / WITNESS).mkdir()


def latin1(rel: str, old: str, new: str) -> Callable[[Path], None]:
    """A mutation that replaces a passage and saves the file in Latin-1 (not UTF-8)."""

    def mutate(src: Path) -> None:
        path = src / rel
        path.write_bytes(path.read_text(encoding="utf-8").replace(old, new).encode("latin-1"))

    return mutate


# --- content is data, and stays inside the project (issue 23) ------------------------------------------

SECRET = "TOP-SECRET-OUTSIDE-THE-EDITION"
"""What the files beside the edition (outside it) hold: it must appear in no output."""


def secrets_beside(src: Path) -> None:
    """Files outside the edition (beside its folder) that a hostile page may name."""
    for name in ("secret.txt", "secret.md", "secret.csv", "secret.png", "secret.bib"):
        (src.parent / name).write_text(f"{SECRET}\n" if name != "secret.csv" else f"a,{SECRET}\n", encoding="utf-8")


def outside(block: str) -> Callable[[Path], None]:
    """Secrets beside the edition, and a block naming one of them after the edited text (line 18)."""
    return both(secrets_beside, after_the_edited_text(block))


def linked(rel: str, target: str) -> Callable[[Path], None]:
    """Secrets beside the edition, and ``rel`` in it made a symbolic link to one of them (``target``)."""

    def mutate(src: Path) -> None:
        secrets_beside(src)
        path = src / rel
        if path.exists():
            path.unlink()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(src.parent / target)

    return mutate


def digests_linked_outside(src: Path) -> None:
    """SHA256SUMS is a link to a (correct) digests file outside the edition."""
    sums = src / "witnesses" / "SHA256SUMS"
    shutil.copy(sums, src.parent / "SHA256SUMS")
    sums.unlink()
    sums.symlink_to(src.parent / "SHA256SUMS")


def bibliography_linked_outside(src: Path) -> None:
    """references.bib is a link to a copy of itself outside the edition."""
    bib_file = src / "references.bib"
    shutil.copy(bib_file, src.parent / "secret.bib")
    bib_file.unlink()
    bib_file.symlink_to(src.parent / "secret.bib")


@dataclass(frozen=True)
class Case:
    """One malformed input and the error it must give."""

    id: str
    mutate: Callable[[Path], None]
    subtype: str  # the warning type, e.g. "edition.register-syntax" or "bibtex.key_not_found"
    file: str  # the file the error must name, relative to the edition
    line: int | None  # the line it must name; None: any line
    cli: bool = False  # a register or reference problem: `python -m critical_edition check` must find it too
    extra: str = ""  # a further text the error's line must contain (a did-you-mean hint, a reason)
    xfail: str = ""  # a known bug of the Sphinx build in this case
    xfail_cli: str = ""  # a known bug of the CLI in this case
    unlocated: str = ""  # a known, separately tested warning without file:line that this case also gives
    timeout: float = 120  # seconds before the run is killed (and the test fails)
    max_seconds: float | None = None  # how long the build may take, for the very large inputs


CASES: list[Case] = [
    # --- register files: syntax -------------------------------------------------------------------
    Case("yaml-unclosed-bracket", person_field("sources: [src2020]", "sources: [src2020"),
         "edition.register-syntax", PERSON, 10, cli=True, extra="YAML error"),
    Case("yaml-tab-indent", person_field('  born: "1950"', '\tborn: "1950"'),
         "edition.register-syntax", PERSON, 8, extra="YAML error"),
    # timeout: the run is killed after 20 s (a correct run takes 1 s): drop it with the expected failure
    Case("yaml-alias-bomb", alias_bomb, "edition.register-syntax", PERSON, None, timeout=20),
    # PyYAML composes recursively: 600 levels were a RecursionError, 100,000 a build that hung (its scanner is
    # quadratic in the depth); both are refused after the 21st level, in a build of about a second
    Case("yaml-nested-600-deep", deeply_nested(600), "edition.register-syntax", PERSON, 11,
         extra="nested more than 20 levels deep", timeout=30),
    Case("yaml-nested-100000-deep", deeply_nested(100_000), "edition.register-syntax", PERSON, 11,
         extra="nested more than 20 levels deep", timeout=30),
    Case("register-file-linked-from-outside", linked_from_outside, "edition.register-syntax", PERSON, 1,
         extra="leads outside the project"),
    Case("front-matter-not-closed", person_field("sources: [src2020]\n---\n", "sources: [src2020]\n\n"),
         "edition.register-syntax", PERSON, 1, extra="not closed"),
    Case("no-front-matter", write(PERSON, "Ann Smith is invented.\n"),
         "edition.register-syntax", PERSON, 1, extra="no front matter"),
    Case("front-matter-not-a-mapping", write(PERSON, "---\n- ann-smith\n- person\n---\n\nText.\n"),
         "edition.register-syntax", PERSON, 2, extra="not a mapping"),
    Case("register-file-not-utf8", write(PERSON, b"\xff\xfe---\nid: ann-smith\n"),
         "edition.register-syntax", PERSON, 1, extra="not valid UTF-8"),
    Case("register-file-too-large", large_register_file,
         "edition.register-syntax", PERSON, 1, extra="larger than"),
    # --- register files: fields -------------------------------------------------------------------
    Case("unknown-field", person_field("kind: person\n", "kind: person\ncategroy: director\n"),
         "edition.register-field", PERSON, 4, cli=True, extra="did you mean 'category'?"),
    Case("duplicate-field", person_field("kind: person\n", "kind: person\nname: Ann Smithers\n"),
         "edition.register-syntax", PERSON, 5, extra="field 'name' is given twice"),
    Case("gloss-is-a-list", person_field("gloss: An invented person who stands in for a real one in this test.",
                                         "gloss: [An invented person, who stands in for a real one]"),
         "edition.register-field", PERSON, 9, extra="gloss"),
    Case("missing-sources", person_field("sources: [src2020]\n", ""),
         "edition.register-field", PERSON, None, extra="'sources' is missing"),
    Case("empty-sources", person_field("sources: [src2020]", "sources: []"),
         "edition.register-field", PERSON, 10, extra="sources"),
    Case("bad-id-characters", person_field("id: ann-smith", "id: Ann_Smith"),
         "edition.register-field", PERSON, 2, extra="not a valid id"),
    Case("id-not-file-name", person_field("id: ann-smith", "id: ann-smyth"),
         "edition.register-field", PERSON, 2, extra="does not match the file name"),
    Case("kind-not-folder", person_field("kind: person", "kind: organisation"),
         "edition.register-field", PERSON, 3, extra="does not match the folder"),
    Case("unknown-kind", person_field("kind: person", "kind: persn"),
         "edition.register-field", PERSON, 3, extra="did you mean 'person'?"),
    Case("unknown-name-type", person_field("type: transliteration", "type: transliteraton"),
         "edition.register-field", PERSON, 6, extra="did you mean 'transliteration'?"),
    Case("bad-language-tag", person_field("lang: ru,", "lang: Russian,"),
         "edition.register-field", PERSON, 6, extra="BCP 47"),
    Case("date-field-of-another-kind", person_field('  born: "1950"', '  released: "1950"'),
         "edition.register-field", PERSON, 8, extra="has no date 'released'"),
    Case("gloss-too-short", person_field("gloss: An invented person who stands in for a real one in this test.",
                                         "gloss: Invented."),
         "edition.register-field", PERSON, 9, extra="gloss"),
    Case("name-with-a-line-break", person_field("name: Ann Smith", 'name: "Ann\\nSmith"'),
         "edition.register-field", PERSON, 4, extra="a name cannot contain a line break"),
    Case("name-variant-with-a-line-break", person_field("{text: Анна Смит,", '{text: "Анна\\rСмит",'),
         "edition.register-field", PERSON, 6, extra="names.0.text: a name cannot contain a line break"),
    # --- relations -----------------------------------------------------------------------------------
    Case("unknown-relation-type", both(with_film, relation("direct", "a-film")),
         "edition.register-field", PERSON, 11, extra="did you mean 'directed'?"),
    Case("relation-to-unknown-id", both(with_film, relation("directed", "a-flim")),
         "edition.unknown-relation-target", PERSON, 11, cli=True, extra="did you mean 'a-film'?"),
    Case("relation-of-wrong-kinds", both(with_film, relation("born-in", "a-film")),
         "edition.bad-relation", PERSON, 11, extra="a person cannot be 'born-in' a work"),
    Case("relation-to-itself", relation("relative-of", "ann-smith"),
         "edition.bad-relation", PERSON, 11, extra="'ann-smith' is 'relative-of' itself"),
    Case("relation-given-twice",
         both(with_film, person_field("sources:", "relations:\n  - {type: directed, target: a-film}\n"
                                                  "  - {type: directed, target: a-film}\nsources:")),
         "edition.bad-relation", PERSON, 12, extra="given twice (it is already given at line 11: remove one)"),
    Case("relation-cycle", both(place("a-city", "a-country"), place("a-country", "a-city")),
         "edition.bad-relation", "annotations/place/a-country.md", 7,
         extra="'located-in' relations form a cycle: a-city → a-country → a-city"),
    # --- authority ids -------------------------------------------------------------------------------
    Case("malformed-wikidata-id", authority("wikidata: '42'"),
         "edition.bad-authority", PERSON, 11, cli=True, extra="not a well-formed wikidata id"),
    Case("authority-id-is-a-url", authority("wikidata: https://www.wikidata.org/wiki/Q42"),
         "edition.bad-authority", PERSON, 11, extra="not a URL"),
    Case("javascript-authority-id", authority("viaf: 'javascript:alert(1)'"),
         "edition.bad-authority", PERSON, 11, extra="not a well-formed viaf id"),
    Case("unknown-authority", authority("orcid: 0000-0002-1825-0097"),
         "edition.register-field", PERSON, 11, extra="'orcid' is not allowed"),
    Case("coordinates-out-of-range", authority("wikidata: Q42\ncoordinates: {lat: 95.0, lon: 10.0, source: src2020}"),
         "edition.register-field", PERSON, 12, extra="less than or equal to 90"),
    Case("authority-evidence-not-a-url", authority("wikidata: Q42\nauthority_evidence:\n  wikidata: wikidata.org/Q42"),
         "edition.bad-authority", PERSON, 13, extra="not an https:// address"),
    Case("same-authority-id-twice",
         both(with_film, authority("wikidata: Q42"),
              replace(FILM, "sources:", "authority:\n  wikidata: Q42\nsources:")),
         "edition.duplicate-authority", FILM, 9, extra="also given to 'ann-smith'"),
    # --- dates ---------------------------------------------------------------------------------------
    Case("invalid-edtf-date", person_field('born: "1950"', 'born: "1950-13-45"'),
         "edition.bad-date", PERSON, 8, cli=True, extra="not valid EDTF"),
    Case("unquoted-date", person_field('born: "1950"', "born: 1950-01-01"),
         "edition.register-field", PERSON, 8, extra="dates.born"),
    Case("death-before-birth", person_field('born: "1950"', 'born: "1950"\n  died: "1940"'),
         "edition.chronology", PERSON, 9, extra="ends (1940-12-31) before it begins (1950-01-01)"),
    Case("death-before-birth-before-the-common-era", person_field('born: "1950"', 'born: "-0050"\n  died: "-0080"'),
         "edition.chronology", PERSON, 9, extra="ends (-0080-12-31) before it begins (-0050-01-01)"),
    Case("reversed-interval", person_field('born: "1950"', 'born: "1950"\n  active: "1990/1980"'),
         "edition.bad-date", PERSON, 9, extra="ends before it begins (write the earlier date first: 1980/1990)"),
    Case("participant-outside-lifetime", festival("1900"),
         "edition.chronology", FESTIVAL, 9, extra="participant 'ann-smith' was not alive"),
    Case("work-before-its-creator",
         both(with_film, replace(FILM, 'released: "1990"', 'released: "1900"'), relation("directed", "a-film")),
         "edition.chronology", PERSON, 11, extra="appeared (1900) before its creator"),
    # --- sources -------------------------------------------------------------------------------------
    Case("unknown-bib-key-in-sources", person_field("sources: [src2020]", "sources: [src2021]"),
         "edition.unknown-source", PERSON, 10, extra="did you mean 'src2020'?",
         unlocated="test_a_citation_in_a_gloss_note_warns_at_a_place"),
    Case("unknown-footcite-key", person_field("{footcite}`src2020`", "{footcite}`src2002`"),
         "edition.unknown-source", PERSON, 13, cli=True, extra="did you mean 'src2020'?"),
    Case("unknown-evidence-key", text("evidence=src2020", "evidence=src2021"),
         "edition.unknown-source", INDEX, 9, extra="did you mean 'src2020'?"),
    Case("bib-file-broken", write("references.bib", "@misc{src2020,\n  title = {A Source,\n  year = 2020\n"),
         "edition.bib-syntax", "references.bib", 2),
    Case("text-source-without-a-year", replace("references.bib", "  year = {2020},\n", ""),
         "edition.source-record", "references.bib", 1, cli=True, extra="the source 'src2020' of index.md has no year"),
    Case("source-without-a-verification-record",
         append("conf.py", "\nedition_verification_records = True\n"),
         "edition.source-record", "references.bib", 1, extra="no annote"),
    Case("retired-setting", append("conf.py", '\nedition_article_sources = {"index": "src2020"}\n'),
         "edition.config", "conf.py", 8, cli=True, extra=":source:"),
    Case("bib-language-unknown", bib("  urldate = {2026-11-21},", "  urldate = {2026-11-21},\n  language = {klingon},"),
         "edition.source-record", "references.bib", 1, extra="'klingon' is neither a known language name"),
    Case("bib-title-in-another-script-without-a-language", bib("{{A Source}}", "{{Рисковый Эмир}}"),
         "edition.source-record", "references.bib", 1, extra="the entry gives no language"),
    Case("bib-key-given-twice",
         append("references.bib", "\n@misc{src2020,\n  title = {Another Source},\n  year = {2021},\n}\n"),
         "edition.bib-syntax", "references.bib", 10,
         extra="two entries have the key 'src2020' (lines 1 and 10): rename or remove one"),
    # --- addresses and markup that must never run ----------------------------------------------------
    Case("javascript-url-sharing-a-line",
         bib("  year = {2020},\n  url = {https://example.org/source},", "  year = {2020}, url = {javascript:alert(1)},"),
         "edition.bad-url", "references.bib", 5, extra="javascript:alert(1)"),
    Case("javascript-url-from-a-macro",
         both(bib("@misc{src2020,", '@string{evil = "javascript:alert(1)"}\n@misc{src2020,'),
              bib("url = {https://example.org/source}", "url = evil")),
         "edition.bad-url", "references.bib", 7, extra="javascript:alert(1)"),
    Case("javascript-url-over-two-lines", bib("url = {https://example.org/source}", "url = {javascript:\nalert(1)}"),
         "edition.bad-url", "references.bib", 6, extra="javascript: alert(1)"),
    Case("javascript-url-key-on-its-own-line",
         both(bib("@misc{src2020,", "@misc{\n  src2020,"), bib("https://example.org/source", "javascript:alert(1)")),
         "edition.bad-url", "references.bib", 7, extra="javascript:alert(1)"),
    Case("javascript-url-command-in-howpublished",
         bib("{Example Site}", "{Example Site \\url{javascript:alert(1)}}"),
         "edition.bad-url", "references.bib", 4, extra="howpublished"),
    Case("script-in-an-article", after_the_edited_text("<script>alert(1)</script>"),
         "edition.raw-markup", INDEX, 18, extra="raw HTML is not allowed"),
    Case("iframe-in-an-article", after_the_edited_text('<iframe src="javascript:alert(1)"></iframe>'),
         "edition.raw-markup", INDEX, 18, extra="<iframe"),
    Case("raw-directive-in-an-article", after_the_edited_text("```{raw} html\n<script>alert(1)</script>\n```"),
         "edition.raw-markup", INDEX, 18),
    Case("img-onerror-in-an-annotation", mentioned_in_annotation('<img src=x onerror="alert(1)">'),
         "edition.raw-markup", PERSON, 15, extra="onerror"),
    Case("inline-handler-in-an-annotation", mentioned_in_annotation('She was <b onclick="alert(1)">bold</b>.'),
         "edition.raw-markup", PERSON, 15, extra="onclick"),
    Case("javascript-link-in-an-annotation", mentioned_in_annotation("See [her page](javascript:alert(1))."),
         "edition.bad-link", PERSON, 15, extra="'javascript:alert(1)'"),
    Case("ftp-link-in-an-article", after_the_edited_text("See [the file](ftp://example.org/file)."),
         "edition.bad-link", INDEX, 18, extra="'ftp://example.org/file'"),
    Case("script-in-a-gloss",
         person_field("gloss: An invented person", "gloss: An invented <script>alert(1)</script> person"),
         "edition.raw-markup", PERSON, 9, extra="'<script>'"),
    Case("javascript-link-in-a-gloss",
         person_field("gloss: An invented person", "gloss: An invented [person](javascript:alert(1))"),
         "edition.raw-markup", PERSON, 9, extra="'javascript:'"),
    # --- the edited text: references -----------------------------------------------------------------
    Case("unknown-entity-id", text("Ann Smith <ann-smith>` said", "Ann Smith <ann-smiht>` said"),
         "edition.unknown-entity", INDEX, 9, cli=True, extra="did you mean 'ann-smith'?"),
    Case("wrong-role-kind", text("{person}`Ann Smyth", "{place}`Ann Smyth"),
         "edition.wrong-kind", INDEX, 9, extra="write {person}`"),
    Case("name-mismatch", text("Ann Smyth -> Ann Smith <ann-smith>", "Ann Smyth -> Bob Jones <ann-smith>"),
         "edition.name-mismatch", INDEX, 9, extra="'Bob Jones' matches no name"),
    Case("duplicate-id",
         write("annotations/work/ann-smith.md",
               FILM_TEXT.replace("id: a-film", "id: ann-smith").replace("name: A Film", "name: Ann Smith")),
         "edition.duplicate-id", "annotations/work/ann-smith.md", 2, cli=True,
         extra=f"already declared in {PERSON}:2"),
    Case("article-not-utf8", latin1(INDEX, "One {corr}", "Øne {corr}"),
         "edition.bad-encoding", INDEX, 9, extra="UTF-8"),
    # --- the edited text: editorial markup -----------------------------------------------------------
    Case("unclosed-role-in-edited-text", text("{sic}`know ; note=verb form`", "{sic}`know ; note=verb form"),
         "edition.fidelity", INDEX, 9, extra="{sic}`know"),
    Case("unclosed-role-in-annotation", mentioned_in_annotation("She knew {person}`Ann Smith."),
         "edition.bad-markup", PERSON, 15),
    Case("sic-with-target", text("{sic}`know ; note=verb form`", "{sic}`know <ann-smith> ; note=verb form`"),
         "edition.bad-markup", INDEX, 9),
    Case("corr-without-arrow", text("brining -> bringing ;", "bringing ;"),
         "edition.bad-markup", INDEX, 9, extra="has no source reading"),
    Case("corr-empty-reading", text("brining -> bringing ;", "brining ->  ;"),
         "edition.bad-markup", INDEX, 9, extra="text on both sides of '->'"),
    Case("unknown-role-option", text("note=verb form", "nte=verb form"),
         "edition.bad-markup", INDEX, 9, extra="unknown option 'nte'"),
    Case("unknown-omission-reason", text("{omitted} furniture", "{omitted} furnture"),
         "edition.bad-markup", INDEX, 11, extra="did you mean 'furniture'?"),
    Case("omitted-language-not-a-tag", text("{omitted} furniture", "{omitted} furniture\n:lang: Russian"),
         "edition.bad-markup", INDEX, 11, extra="':lang: Russian' of an {omitted} block is not a BCP 47 tag"),
    Case("omitted-block-empty", text("Share this\n```", "```"),
         "edition.bad-markup", INDEX, 11, extra="must contain the omitted text"),
    Case("unclosed-omitted-block", text("Share this\n```\n", "Share this\n"),
         "edition.bad-markup", INDEX, 11),
    Case("unclosed-edited-text", text("The end.\n::::\n", "The end.\n"),
         "edition.fidelity", INDEX, 15, extra="more than the witness"),
    Case("supplied-bad-cert", text("cert=medium", "cert=sure"),
         "edition.bad-markup", INDEX, 9, extra="certainty 'sure'"),
    Case("lang-role-bad-tag", text("The end.", "The {lang}`Russian:end`."),
         "edition.bad-markup", INDEX, 15),
    # --- witnesses -----------------------------------------------------------------------------------
    Case("no-witness-option", text(":witness: witnesses/w.txt\n", ""),
         "edition.witness-missing", INDEX, 3, extra="declares no witness"),
    Case("missing-witness-file", delete(WITNESS),
         "edition.witness-missing", INDEX, 3, extra="does not exist"),
    Case("witness-is-a-directory", witness_is_a_directory,
         "edition.witness-missing", INDEX, 3),
    Case("witness-outside-the-project", witness_outside_the_project,
         "edition.witness-missing", INDEX, 3, extra="outside"),
    Case("witness-not-utf8", latin1(WITNESS, "father", "père"),
         "edition.witness-missing", INDEX, 3, extra="is not UTF-8"),
    Case("altered-witness", replace(WITNESS, "father", "mother"),
         "edition.fidelity", INDEX, 9, extra="differs at ¶ 1"),
    Case("altered-witness-checksum", witness_checksum_then_alter,
         "edition.witness-altered", INDEX, 3, extra="does not match its recorded SHA-256"),
    Case("witness-unrecorded", delete("witnesses/SHA256SUMS"),
         "edition.witness-unrecorded", INDEX, 3, cli=True, extra="add this line to witnesses/SHA256SUMS: "),
    Case("digests-name-another-file", digests("{w}  other.txt\n"),
         "edition.witness-unrecorded", INDEX, 3, extra="has no SHA-256"),
    Case("digest-line-for-a-missing-file", digests("{w}  w.txt\n{w}  gone.txt\n"),
         "edition.witness-digests", "witnesses/SHA256SUMS", 2, extra="records gone.txt"),
    Case("digest-line-malformed", digests("{w}  w.txt\nthis is not a digest\n"),
         "edition.witness-digests", "witnesses/SHA256SUMS", 2, extra="not a sha256sum line"),
    Case("digest-line-with-a-folder", digests("{w}  witnesses/w.txt\n"),
         "edition.witness-digests", "witnesses/SHA256SUMS", 1, extra="replace the line with: "),
    Case("digests-not-utf8", digests(b"\xff\xfe not text\n"),
         "edition.witness-digests", "witnesses/SHA256SUMS", 1, extra="not UTF-8"),
    Case("bsd-digest-then-altered", bsd_digest_then_alter,
         "edition.witness-altered", INDEX, 3, cli=True, extra="does not match its recorded SHA-256"),
    Case("witness-is-a-pipe", witness_is_a_pipe, "edition.witness-missing", INDEX, 3,
         extra="not a regular file", timeout=30),
    Case("no-source-declared", text(":source: src2020\n", "\n"),
         "edition.source-missing", INDEX, 3, cli=True, extra="declares no source"),
    Case("unknown-source-declared", text(":source: src2020", ":source: src2002"),
         "edition.unknown-source", INDEX, 3, extra="did you mean 'src2020'?"),
    Case("capture-date-not-edtf", text(":source: src2020\n", ":source: src2020\n:captured: 21/11/2026\n"),
         "edition.bad-date", INDEX, 6, extra=":captured: 21/11/2026, is not a valid EDTF date"),
    Case("capture-date-reversed", text(":source: src2020\n", ":source: src2020\n:captured: 2026/2024-12\n"),
         "edition.bad-date", INDEX, 6, extra="ends before it begins"),
    Case("sentence-deleted", text(" my father {sic}`know ; note=verb form` it.", ""),
         "edition.fidelity", INDEX, 9, cli=True, extra="differs at the end of ¶ 1"),
    Case("two-edited-texts", second_edited_text, "edition.bad-markup", INDEX, 18,
         extra="second {edited-text} block"),
    Case("mention-only-in-a-code-block", mention_only_in_a_code_block,
         "edition.orphan-entity", FILM, None, cli=True, extra="a-film"),
    Case("bibliography-deleted", delete("references.bib"), "edition.bib-syntax", "references.bib", 1, cli=True),
    Case("empty-article", empty_article, "edition.fidelity", INDEX, 3, extra="ends early"),
    Case("large-article", large_article, "edition.fidelity", INDEX, 15, extra="more than the witness",
         timeout=120, max_seconds=60),
    # --- settings -----------------------------------------------------------------------------------
    Case("unknown-orphans-setting", append("conf.py", 'edition_orphans = "maybe"\n'),
         "edition.config", "conf.py", 7, extra="allowed values: 'warning', 'info', 'ignore'"),
    Case("unknown-gloss-notes-setting", append("conf.py", 'edition_gloss_notes = "sometimes"\n'),
         "edition.config", "conf.py", 7, extra="allowed values: 'marked', 'every', 'none'"),
    Case("print-list-names-no-page", append("conf.py", 'edition_print_back = ["annotations/nowhere"]\n'),
         "edition.config", "conf.py", 7, extra="names 'annotations/nowhere', which is not a page of the edition"),
    # --- the citations of "How to cite" -------------------------------------------------------------
    Case("citation-of-no-page", append(INDEX, "\n```{edition-citation} nowhere\n```\n"),
         "edition.bad-markup", INDEX, 36, extra="{edition-citation} names no page: 'nowhere'"),
    Case("citation-in-no-such-style", append(INDEX, "\n```{edition-citation} index\n:styles: chicago-nite\n```\n"),
         "edition.bad-markup", INDEX, 36, extra="no style 'chicago-nite'"),
    # --- issue 23: content is data, and every path stays inside the project -----------------------------
    Case("template-in-a-page", after_the_edited_text("There are {{ texts_count }} texts."),
         "edition.template", INDEX, 18, cli=True, extra="printed as typed"),
    Case("template-statement-in-an-annotation", mentioned_in_annotation("{% for x in y %}loop{% endfor %}"),
         "edition.template", PERSON, 15, extra="never evaluates"),
    Case("substitution-enabled-in-conf", append("conf.py", 'myst_enable_extensions = ["colon_fence", "substitution"]\n'),
         "edition.template", "conf.py", 7, cli=True, extra="switched off"),
    Case("substitution-enabled-in-front-matter",
         text("# Interventions\n", "---\nmyst:\n  enable_extensions: [substitution]\n---\n# Interventions\n"),
         "edition.template", INDEX, 3, cli=True, extra="front matter is ignored"),
    Case("include-outside", outside("```{include} ../secret.md\n```"),
         "edition.outside-file", INDEX, 18, cli=True, extra="the included file '../secret.md' leads outside"),
    Case("include-of-docutils-own-file", outside("```{include} <isonum.txt>\n```"),
         "edition.outside-file", INDEX, 18, extra="names a file of docutils' own"),
    Case("include-outside-in-rst", outside("```{eval-rst}\n.. include:: ../secret.txt\n```"),
         "edition.outside-file", INDEX, None, extra="leads outside the project"),
    Case("literalinclude-outside", outside("```{literalinclude} ../secret.txt\n```"),
         "edition.outside-file", INDEX, 18, cli=True, extra="'../secret.txt' leads outside"),
    Case("literalinclude-diff-outside", outside("```{literalinclude} witnesses/w.txt\n:diff: ../secret.txt\n```"),
         "edition.outside-file", INDEX, 18, extra="'../secret.txt' leads outside"),
    Case("csv-table-file-outside", outside("```{csv-table} A table\n:file: ../secret.csv\n```"),
         "edition.outside-file", INDEX, 18, cli=True, extra="the table's file"),
    Case("csv-table-url", outside("```{csv-table} A table\n:url: file:///etc/hostname\n```"),
         "edition.outside-file", INDEX, 18, extra="is an address on the network"),
    Case("raw-file-outside", outside("```{raw} html\n:file: ../secret.txt\n```"),
         "edition.outside-file", INDEX, 18, extra="the raw file"),
    Case("image-outside", outside("```{image} ../secret.png\n```"),
         "edition.outside-file", INDEX, 18, cli=True, extra="the image '../secret.png' leads outside"),
    Case("image-outside-from-the-root", outside("```{image} /../secret.png\n```"),
         "edition.outside-file", INDEX, 18, extra="leads outside"),
    Case("figure-outside", outside("```{figure} ../secret.png\n\nA caption.\n```"),
         "edition.outside-file", INDEX, 18, extra="the image"),
    Case("markdown-image-outside", outside("![a picture](../secret.png)"),
         "edition.outside-file", INDEX, 18, extra="the image"),
    Case("image-linked-outside", both(linked("picture.png", "secret.png"), after_the_edited_text("![a](picture.png)")),
         "edition.outside-file", INDEX, 18, extra="it is a link to"),
    Case("download-outside", outside("{download}`a file <../secret.txt>`"),
         "edition.outside-file", INDEX, 18, cli=True, extra="the download"),
    Case("page-linked-outside", linked("other.md", "secret.md"),
         "edition.outside-file", "other.md", 1, cli=True, extra="the page leads outside"),
    Case("digests-linked-outside", digests_linked_outside,
         "edition.witness-digests", "witnesses/SHA256SUMS", 1, cli=True, extra="leads outside the project"),
    Case("yaml-integer-of-5000-digits", person_field('born: "1950"', "born: 1" + "0" * 5000),
         "edition.register-syntax", PERSON, 8, cli=True, extra="a value cannot be read"),
    Case("bibliography-linked-outside", bibliography_linked_outside,
         "edition.outside-file", "references.bib", 1, cli=True, extra="the bibliography references.bib leads outside"),
    # --- issue 23: places, checks and vocabulary ------------------------------------------------------
    Case("bib-entry-without-a-title", bib("  title = {{A Source}},\n", ""),
         "edition.source-record", "references.bib", 1, cli=True, extra="the entry 'src2020' has no title"),
    Case("cited-entry-without-title-or-author",
         both(append("references.bib", "\n@misc{anon2021,\n  year = {2021},\n}\n"),
              person_field("{footcite}`src2020`", "{footcite}`src2020,anon2021`")),
         "edition.source-record", "references.bib", 10, cli=True, extra="the entry 'anon2021' has no title"),
    Case("entry-without-a-field-its-type-needs",
         both(append("references.bib", "\n@article{art2021,\n  title = {An Article},\n  year = {2021},\n}\n"),
              person_field("{footcite}`src2020`", "{footcite}`src2020,art2021`")),
         "edition.source-record", "references.bib", 10, extra="lacks an author, which an @article needs"),
    Case("text-source-is-a-crossref-child",
         write("references.bib", "@inbook{src2020,\n  crossref = {book2020},\n  title = {{A Source}},\n"
               "  chapter = {3},\n  url = {https://example.org/source},\n}\n\n@book{book2020,\n"
               "  editor = {Jane Doe},\n  title = {{A Book}},\n  publisher = {Example Site},\n  year = {2020},\n}\n"),
         "edition.source-record", "references.bib", 1, cli=True,
         extra="the source 'src2020' of index.md has no howpublished"),
    Case("crossref-to-no-entry", bib("@misc{src2020,\n", "@misc{src2020,\n  crossref = {parent2020},\n"),
         "edition.unknown-source", "references.bib", 2, cli=True, extra="cross-references 'parent2020'"),
    Case("death-before-birth-at-the-died-line", person_field('born: "1950"', 'born: "1950"\n  died: "1949-12"'),
         "edition.chronology", PERSON, 9, cli=True, extra="ends (1949-12-31) before it begins (1950-01-01)"),
    Case("released-before-shooting",
         both(with_film, replace(FILM, 'released: "1990"', 'shooting: "1991-03"\n  released: "1990"')),
         "edition.chronology", FILM, 7, cli=True, extra="released 1990 is before shooting began 1991-03"),
    Case("premiere-before-creation",
         both(with_film, replace(FILM, 'released: "1990"', 'created: "1989/1991"\n  premiere: "1987~"')),
         "edition.chronology", FILM, 7, extra="premiere 1987~ is before created 1989/1991"),
    Case("activity-before-birth", person_field('born: "1950"', 'born: "1950"\n  active: "1940/1990"'),
         "edition.chronology", PERSON, 9, extra="active 1940/1990 is before born 1950"),
    Case("activity-after-death", person_field('born: "1950"', 'born: "1950"\n  died: "1995"\n  active: "1980/2000"'),
         "edition.chronology", PERSON, 10, extra="active 1980/2000 ends after died 1995"),
    Case("work-created-after-its-creator-died",
         both(with_film, replace(FILM, 'released: "1990"', 'created: "2001"'),
              person_field('born: "1950"', 'born: "1950"\n  died: "2000"'), relation("directed", "a-film")),
         "edition.chronology", PERSON, 12, extra="'a-film' was created (2001-01-01 or later) after its creator"),
    Case("event-after-a-participant-died", both(festival("2001"), person_field('born: "1950"', 'born: "1950"\n  died: "2000"')),
         "edition.chronology", FESTIVAL, 9, extra="participant 'ann-smith' was not alive at the date of 'a-festival'"),
    Case("authority-evidence-over-http",
         authority("wikidata: Q42\nauthority_evidence:\n  wikidata: http://www.wikidata.org/wiki/Q42"),
         "edition.bad-authority", PERSON, 13, cli=True, extra="not an https:// address"),
    Case("authority-evidence-with-a-space",
         authority("wikidata: Q42\nauthority_evidence:\n  wikidata: https://www.wikidata.org/wiki/Q42 (page)"),
         "edition.bad-authority", PERSON, 13, extra="'https://www.wikidata.org/wiki/Q42 (page)'"),
    Case("right-to-left-override-in-a-name", person_field("name: Ann Smith", 'name: "Ann \\u202eSmith"'),
         "edition.register-field", PERSON, 4, cli=True, extra="name contains invisible control characters (U+202E)"),
    Case("isolates-in-a-name-variant", person_field("{text: Анна Смит,", "{text: Анна \u2067Смит\u2069,"),
         "edition.register-field", PERSON, 6, extra="names.0.text contains invisible control characters (U+2067"),
    Case("nul-in-a-name", person_field("name: Ann Smith", 'name: "Ann\\0 Smith"'),
         "edition.register-field", PERSON, 4, extra="(U+0000)"),
    Case("unknown-cite-key-in-a-note", after_the_edited_text("A remark.[^n]\n\n[^n]: A note {cite:p}`src2002`."),
         "edition.unknown-source", INDEX, 20, cli=True, extra="bib key 'src2002' is not in references.bib (did you mean "
         "'src2020'?)"),
    Case("a-kind-with-a-vowel", text("{person}`Ann Smyth", "{org}`Ann Smyth"),
         "edition.wrong-kind", INDEX, 9, extra="'ann-smith' is a person, but it is referenced with an organisation role"),
]
assert len({c.id for c in CASES}) == len(CASES)


def params(*, cli: bool) -> list[object]:
    """The cases as pytest parameters, each known bug marked as a strict expected failure."""
    out = []
    for case in CASES:
        if cli and not case.cli:
            continue
        reason = case.xfail_cli if cli else case.xfail
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        out.append(pytest.param(case, id=case.id, marks=marks))
    return out


# --- running what an editor runs ---------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """What one command printed, how it ended and how long it took."""

    status: int
    output: str
    seconds: float
    src: Path


def run(module: str, *args: str | Path, timeout: float = 120) -> tuple[int, str, float]:
    """Run a Python module as a user would (``python -m module``); its exit status, everything it printed, and
    its seconds. The process is forked from one that has imported Sphinx already (helpers.run_forked)."""
    result, seconds = run_forked(module, *args, env={"NO_COLOR": "1"}, timeout=timeout)
    return result.returncode, result.stdout + result.stderr, seconds


def build(src: Path, out: Path, *options: str, timeout: float = 120) -> tuple[int, str]:
    """A real HTML build of the edition."""
    status, output, _ = timed_build(src, out, *options, timeout=timeout)
    return status, output


def timed_build(src: Path, out: Path, *options: str, timeout: float = 120) -> tuple[int, str, float]:
    """A real HTML build of the edition, and its seconds."""
    result, seconds = sphinx_build_forked(*options, "-b", "html", "-q", "-d", out / "doctrees", src, out / "html",
                                          env={"NO_COLOR": "1"}, timeout=timeout)
    return result.returncode, result.stdout + result.stderr, seconds


def break_and_run(tmp: Path, case: Case, command: str) -> Run:
    """Copy the edition, break it as the case says, and build it (or check it)."""
    src = edition(tmp)
    case.mutate(src)
    if command == "build":
        status, output, seconds = timed_build(src, tmp / "out", "-W", "--keep-going", timeout=case.timeout)
    else:
        status, output, seconds = run("critical_edition", "check", src, timeout=case.timeout)
    return Run(status, output, seconds, src)


class Runs:
    """The runs of the cases, started in parallel in their own temporary directories."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self.factory = factory
        self.pool = ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2))
        self.futures: dict[tuple[str, str], Future[Run]] = {}

    def start(self, case: Case, command: str) -> None:
        """Start a case's run unless it is started already."""
        if (case.id, command) not in self.futures:
            tmp = self.factory.mktemp(f"{command}-{case.id}")
            self.futures[case.id, command] = self.pool.submit(break_and_run, tmp, case, command)

    def get(self, case: Case, command: str) -> Run:
        """The result of a case's run, waiting for it."""
        self.start(case, command)
        return self.futures[case.id, command].result()


COMMANDS = {"test_build_fails_with_one_located_error": "build",
            "test_check_command_fails_with_one_located_error": "check"}


@pytest.fixture(scope="module")
@slow_fixture
def runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    """The module's runs; every selected case is started at once, unless pytest-xdist shares the module's tests
    out among its workers (``--dist load``; ``loadfile``, as nox runs the tests, keeps a module on one worker)."""
    runs = Runs(tmp_path_factory)
    if os.environ.get("TESTS_MODULE_ON_ONE_WORKER") == "1":  # set by conftest.pytest_configure
        for item in request.session.items:
            command = COMMANDS.get(getattr(item, "originalname", ""))
            if command and item.module is request.module:
                runs.start(item.callspec.params["case"], command)  # type: ignore[attr-defined]
    yield runs
    runs.pool.shutdown(wait=True, cancel_futures=True)


def located(output: str, subtype: str, file: str, line: int | None) -> list[str]:
    """The lines of the output that report ``subtype`` at ``file:line`` (file as a suffix of the printed path)."""
    where = re.compile(rf"(^|/){re.escape(file)}:{line if line else '[0-9]+'}: ")
    return [ln for ln in output.splitlines() if f"[{subtype}]" in ln and where.search(ln)]


def assert_clear_error(result: Run, case: Case) -> None:
    """The run failed, without a traceback, with the expected error once at the expected place."""
    output = result.output.replace(str(result.src), "<edition>")
    assert result.status != 0, f"the run succeeded:\n{output}"
    assert not CRASH.search(output), f"the run crashed:\n{output}"
    found = located(result.output, case.subtype, case.file, case.line)
    assert found, f"no [{case.subtype}] at {case.file}:{case.line or '<line>'} in:\n{output}"
    assert len(found) == 1, "the error is reported more than once:\n" + "\n".join(found)
    if case.extra:
        assert case.extra in found[0], f"{case.extra!r} not in: {found[0]}"
    if not case.unlocated:
        unlocated = [ln for ln in result.output.splitlines() if WARNING.search(ln) and not LOCATED.match(ln)]
        assert not unlocated, "warnings without file:line:\n" + "\n".join(unlocated)


@pytest.mark.parametrize("case", params(cli=False))
def test_build_fails_with_one_located_error(case: Case, runs: Runs) -> None:
    result = runs.get(case, "build")
    assert_clear_error(result, case)
    if case.max_seconds:
        assert result.seconds < case.max_seconds, f"the build took {result.seconds:.0f} s"


@pytest.mark.parametrize("case", params(cli=True))
def test_check_command_fails_with_one_located_error(case: Case, runs: Runs) -> None:
    assert_clear_error(runs.get(case, "check"), case)


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30
    # the CLI runs the build's own reading (a dummy build): one case per kind of problem shows it agrees
    assert sum(c.cli for c in CASES) >= 12


def test_the_unbroken_edition_passes(tmp_path: Path) -> None:
    # every case breaks one thing: the editions they start from, with and without the second entity, are clean
    for name, prepare in (("plain", lambda src: None), ("with-film", with_film), ("with-festival", festival("1990"))):
        src = edition(tmp_path / name)
        prepare(src)
        assert build(src, tmp_path / name / "out", "-W", "--keep-going") == (0, ""), name
        status, output = run("critical_edition", "check", src)[:2]
        assert status == 0, output


# --- injected markup ---------------------------------------------------------------------------------

INJECTED = {
    "gloss": "<script>alert(1)</script>",
    "name": "<script>alert(2)</script>",
    "bib title": "<script>alert(5)</script>",
    "variant": "<b>Анна</b>",
    "note": "<img src=x onerror=alert(3)>",
    "category": "<iframe src=javascript:alert(4)>",
}


def inject_markup(src: Path) -> None:
    """HTML and script, quotation marks and ampersands in every free-text field of a register entry, and in the
    title of the source (which the citations of the cite box and its BibTeX entry give)."""
    person_field("name: Ann Smith", f"name: Ann {INJECTED['name']} \"Q\" & Smith")(src)
    person_field("gloss: An invented person", f"category: '{INJECTED['category']}'\ngloss: An invented \"A & B\" "
                 f"{INJECTED['gloss']} person")(src)
    bib("{{A Source}}", f"{{{{A {INJECTED['bib title']} \"Q\" \\& Source}}}}")(src)
    person_field("{text: Анна Смит, lang: ru, type: transliteration}",
                 f"{{text: '{INJECTED['variant']} Смит', lang: ru, type: transliteration, "
                 f"note: '{INJECTED['note']}'}}")(src)


def pages(out: Path) -> dict[str, str]:
    """Every HTML and XML page of a build, by path (the copied sources in _sources/ are text files)."""
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*"))
            if p.suffix in (".html", ".xml") and "_sources" not in p.parts}


def test_markup_in_the_register_is_printed_as_text(tmp_path: Path) -> None:
    src = edition(tmp_path)
    inject_markup(src)
    _, output = build(src, tmp_path / "out")  # warnings (the name matches no mention), but pages
    assert not CRASH.search(output), output
    html = pages(tmp_path / "out" / "html")
    assert "index.html" in html and "annotations/person/ann-smith.html" in html
    for path, content in html.items():
        for field, markup in INJECTED.items():
            assert markup not in content, f"the {field} is rendered as markup in {path}"
    for page in ("index.html", "annotations/person/ann-smith.html"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html[page]  # the gloss: note, hover card, entity page
        assert "Ann &lt;script&gt;alert(2)&lt;/script&gt; “Q” &amp; Smith" in html[page]  # the name, its quotes curled as prose
    assert "&lt;b&gt;Анна&lt;/b&gt;" in html["annotations/person/ann-smith.html"]
    card = html["index.html"].split('<div class="edition-card" id="card-ann-smith" role="tooltip">')[1]
    assert card.startswith("<p><strong>Ann &lt;script&gt;alert(2)&lt;/script&gt; “Q” &amp; Smith</strong>")
    assert '<p class="card-gloss">An invented “A &amp; B” &lt;script&gt;alert(1)&lt;/script&gt; person' in card
    box = html["index.html"].split('<details class="edition-cite"')[1].split("</details>")[0]
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in box.split('id="cite-chicago-bibliography">')[1].split("</p>")[0]
    assert "&lt;script&gt;alert(5)&lt;/script&gt; \"Q\" \\&amp; Source" in box.split('id="cite-bibtex">')[1]


def test_markup_in_a_mention_is_printed_as_text(tmp_path: Path) -> None:
    src = edition(tmp_path)
    # the witness prints markup, so the edited text must too: as text, in a correction and in a sic
    replace(WITNESS, "Ann Smyth said: my father", "<i>Ann Smyth</i> said: <b>my</b> father")(src)
    text("Ann Smyth -> Ann Smith", "<i>Ann Smyth</i> -> Ann Smith")(src)
    text("my father", "{sic}`<b>my</b> father ; note=markup in the source`")(src)
    status, output = build(src, tmp_path / "out", "-W", "--keep-going")
    assert (status, output) == (0, "")
    html = pages(tmp_path / "out" / "html")["index.html"]
    for markup in ("<i>Ann Smyth</i>", "<b>my</b>"):
        assert markup not in html
    assert 'aria-label="corrected; the source reads &lt;i&gt;Ann Smyth&lt;/i&gt;"' in html
    assert "&lt;b&gt;my&lt;/b&gt; father" in html


def test_a_javascript_authority_id_is_never_a_link(tmp_path: Path) -> None:
    src = edition(tmp_path)
    authority("viaf: 'javascript:alert(1)'")(src)
    _, output = build(src, tmp_path / "out")
    assert not CRASH.search(output), output
    for path, content in pages(tmp_path / "out" / "html").items():
        links = re.findall(r'href="([^"]*)"', content)
        assert not [u for u in links if "javascript:" in u], f"a javascript: link in {path}"


def test_a_javascript_url_in_the_bibliography_is_refused(tmp_path: Path) -> None:
    src = edition(tmp_path)
    replace("references.bib", "https://example.org/source", "javascript:alert(1)")(src)
    status, output = build(src, tmp_path / "out", "-W", "--keep-going")
    assert not CRASH.search(output), output
    assert status != 0, "the build accepts a javascript: URL as a source's address"
    assert re.search(r"(^|/)references\.bib:6: ", output, re.M), output
    for path, content in pages(tmp_path / "out" / "html").items():
        assert 'href="javascript:' not in content, f"a javascript: link in {path}"


# --- consequences of one error: each reported once, where it is ----------------------------------------


def test_a_broken_register_file_is_not_also_reported_as_missing(tmp_path: Path) -> None:
    src = edition(tmp_path)
    person_field("kind: person\n", "kind: person\ncategroy: director\n")(src)
    for status, output in (build(src, tmp_path / "out", "-W", "--keep-going"),
                           run("critical_edition", "check", src)[:2]):
        assert status != 0
        assert "[edition.register-field]" in output
        assert "add annotations/<kind>/ann-smith.md" not in output, output


def test_a_register_file_without_front_matter_gives_no_sphinx_warnings(tmp_path: Path) -> None:
    src = edition(tmp_path)
    person_field("sources: [src2020]\n---\n", "sources: [src2020]\n\n")(src)
    _, output = build(src, tmp_path / "out", "-W", "--keep-going")
    assert "[edition.register-syntax]" in output
    others = [ln for ln in output.splitlines() if WARNING.search(ln) and "[edition." not in ln]
    assert not others, "\n".join(others)


def test_the_check_command_reports_a_register_file_not_in_utf8_once(tmp_path: Path) -> None:
    src = edition(tmp_path)
    write(PERSON, b"\xff\xfe---\nid: ann-smith\n")(src)
    status, output = run("critical_edition", "check", src)[:2]
    assert status != 0
    assert len(re.findall(rf"(^|/){re.escape(PERSON)}:1: ", output, re.M)) == 1, output


def test_a_citation_in_a_gloss_note_warns_at_a_place(tmp_path: Path) -> None:
    src = edition(tmp_path)
    person_field("sources: [src2020]", "sources: [src2021]")(src)
    _, output = build(src, tmp_path / "out", "-W", "--keep-going")
    assert "[edition.unknown-source]" in output
    unlocated = [ln for ln in output.splitlines() if WARNING.search(ln) and not LOCATED.match(ln)]
    assert not unlocated, "\n".join(unlocated)


# --- nothing a contributor types runs in a page of the edition ----------------------------------------

EVERY_UNSAFE_BIB = r"""@string{evil = "javascript:alert(11)"}
@misc{src2020,
  author = {Jane Doe},
  title = {{A Source}},
  howpublished = {Example Site \url{javascript:alert(12)}},
  note = {The witness is witnesses/w.txt; see \href{javascript:alert(13)}{the page}},
  year = {2020}, url = {javascript:alert(14)},
  urldate = {2026-11-21},
}
@misc{
  macro2020,
  title = {From a Macro},
  url = evil,
}
@misc{split2020,
  title = {Split},
  url = {javascript:
alert(15)},
}
"""


def every_unsafe_input(src: Path) -> None:
    """Each spelling of a script address in references.bib, raw HTML and script links in the article and the
    annotation, and markup in the gloss, all at once (the bib's note names the witness: the article's source)."""
    write("references.bib", EVERY_UNSAFE_BIB)(src)
    after_the_edited_text(
        "<script>alert(21)</script>\n\n"
        '<iframe src="javascript:alert(22)"></iframe>\n\n'
        "```{raw} html\n<script>alert(23)</script>\n```\n\n"
        "See [a script](javascript:alert(24)), [a file](ftp://example.org/f) and <javascript:alert(25)>."
    )(src)
    mentioned_in_annotation(
        '<img src=x onerror="alert(31)">\n\n'
        'She was <b onclick="alert(32)">bold</b>; see [her page](javascript:alert(33)).'
    )(src)
    person_field("gloss: An invented person",
                 "gloss: An invented </script><script>alert(41)</script> [person](javascript:alert(42))")(src)


class Scripts(HTMLParser):
    """What in an HTML page could run: script elements, inline event handlers, script addresses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []  # each script element's start tag
        self.handlers: list[str] = []  # e.g. "img onerror"
        self.addresses: list[str] = []  # href, src, action, ... values that are not http(s) or relative
        self.script_texts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self.scripts.append(f"<script {' '.join(f'{k}={v}' for k, v in sorted(attrs))}>")
            self._in_script = True
            self.script_texts.append("")
        for name, value in attrs:
            if re.fullmatch(r"on[a-z]+", name):
                self.handlers.append(f"{tag} {name}")
            script = value is not None and re.match(r"\s*(javascript|vbscript|data)\s*:", value, re.I)
            if (name in ("href", "src", "action", "formaction", "data") and script) or name == "srcdoc":
                self.addresses.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_texts[-1] += data


def scan(html: str) -> Scripts:
    """The parsed page."""
    scripts = Scripts()
    scripts.feed(html)
    scripts.close()
    return scripts


def script_addresses(value: object) -> list[str]:
    """Every string of a JSON document that is a script address."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in script_addresses(v)]
    if isinstance(value, list):
        return [s for v in value for s in script_addresses(v)]
    return [value] if isinstance(value, str) and re.match(r"\s*(javascript|vbscript|data)\s*:", value, re.I) else []


def test_nothing_a_contributor_types_runs_in_a_page(tmp_path: Path) -> None:
    clean = edition(tmp_path / "clean")
    assert build(clean, tmp_path / "clean" / "out")[0] == 0
    broken = edition(tmp_path / "broken")
    every_unsafe_input(broken)
    _, output = build(broken, tmp_path / "broken" / "out", "--keep-going")
    assert not CRASH.search(output), output
    for code in ("bad-url", "raw-markup", "bad-link"):
        assert f"[edition.{code}]" in output, f"no {code} reported:\n{output}"
    expected = {p: scan(c) for p, c in pages(tmp_path / "clean" / "out" / "html").items() if p.endswith(".html")}
    out = tmp_path / "broken" / "out" / "html"
    built = {p: c for p, c in pages(out).items() if p.endswith(".html")}
    assert set(built) == set(expected)
    assert "alert(41)" in built["annotations/person/ann-smith.html"]  # the gloss is there, as text
    for path, content in built.items():
        page = scan(content)
        assert page.scripts == expected[path].scripts, f"script elements that are not ours in {path}"
        assert page.handlers == expected[path].handlers, f"inline event handlers in {path}: {page.handlers}"
        assert not page.addresses, f"script addresses in {path}: {page.addresses}"
        assert not [t for t in page.script_texts if re.search("[<>&]", t)], f"unescaped JSON in a script in {path}"
        assert 'href="javascript:' not in content, f"a javascript: link in {path}"
        assert not re.search(r"alert\(1[1-5]\)", content), f"an address of references.bib is printed in {path}"
    downloads = [p for p in sorted((out / "_downloads").rglob("*")) if p.is_file()]
    assert {p.suffix for p in downloads} >= {".ris", ".bib", ".json", ".jsonld", ".xml"}
    for path in downloads:
        if path.name == "references.bib":  # the editors' file as they wrote it, offered as data, never a page
            continue
        content = path.read_text(encoding="utf-8")
        assert not re.search(r"alert\(1[1-5]\)", content), f"an address of references.bib in {path}"
        if path.suffix in (".json", ".jsonld"):
            assert not script_addresses(json.loads(content)), f"a script address in {path}"
        if path.suffix == ".xml":
            values = [v for element in ElementTree.fromstring(content).iter() for v in element.attrib.values()]
            assert not script_addresses(values), f"a script address in {path}"


# --- nothing from outside is published, and no page runs code -------------------------------------------

SECRET_CASES = [c for c in CASES if c.subtype == "edition.outside-file" and c.id != "bibliography-linked-outside"]


@pytest.mark.parametrize("case", [pytest.param(c, id=c.id) for c in SECRET_CASES])
def test_no_file_from_outside_is_published(case: Case, runs: Runs) -> None:
    result = runs.get(case, "build")
    html = result.src.parent / "out" / "html"
    assert (html / "index.html").is_file(), "the build wrote no pages (--keep-going)"
    leaked = [p.relative_to(html).as_posix() for p in html.rglob("*")
              if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert not leaked, f"a file from outside the edition was published in {leaked}"


def payload(marker: Path) -> str:
    """A Jinja2 expression that creates ``marker`` when it is evaluated (from a global of every Jinja2 template)."""
    return f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}"


def test_the_payload_runs_where_pages_are_templates(tmp_path: Path) -> None:
    # the control: a plain MyST project with the substitution extension runs it, so the next test means something
    marker = tmp_path / "ran"
    src = tmp_path / "plain"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser"]\nmyst_enable_extensions = ["substitution"]\n')
    (src / "index.md").write_text(f"# Plain\n\nA page: {payload(marker)}\n", encoding="utf-8")
    build(src, tmp_path / "out")
    assert marker.exists(), "the payload did not run in plain MyST: the test below would prove nothing"


def test_no_page_or_annotation_runs_code(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    src = edition(tmp_path)
    both(
        append("conf.py", 'myst_enable_extensions = ["colon_fence", "substitution"]\nmyst_substitutions = {"a": 1}\n'),
        after_the_edited_text(f"An article says {payload(marker)}."),
        mentioned_in_annotation(f"An annotation says {payload(marker)}."),
    )(src)
    status, output = build(src, tmp_path / "out", "-W", "--keep-going")
    assert not marker.exists(), "a page ran code during the build"
    assert status != 0 and not CRASH.search(output), output
    assert located(output, "edition.template", "conf.py", 7) and located(output, "edition.template", INDEX, 18)
    assert located(output, "edition.template", PERSON, 15)
    html = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "An article says {{ cycler." in html and "os.system(" in html  # printed as typed (Markdown emphasis aside)
    status, output = run("critical_edition", "check", src)[:2]
    assert not marker.exists(), "a page ran code during the check"
    assert status != 0 and located(output, "edition.template", INDEX, 18), output


def test_substitution_enabled_by_an_override_is_refused_without_blaming_conf_py(tmp_path: Path) -> None:
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    marker = tmp_path / "ran"
    src = edition(tmp_path)
    after_the_edited_text(f"An article says {payload(marker)}.")(src)
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=src, freshenv=True, status=StringIO(), warning=warnings,
                        confoverrides={"myst_enable_extensions": ["colon_fence", "substitution"]})
    try:
        app.build()
    finally:
        app.cleanup()
    assert not marker.exists(), "a page ran code"
    output = warnings.getvalue()
    assert "the command line (-D myst_enable_extensions=…) enables MyST's 'substitution'" in output, output
    assert "conf.py:" not in output


def test_a_project_without_a_bibliography_builds_with_the_empty_one(tmp_path: Path) -> None:
    """``bibtex_bibfiles`` unset (a manual, a first draft): the extension gives sphinxcontrib-bibtex its empty
    bibliography instead of failing with a traceback."""
    (tmp_path / "conf.py").write_text('extensions = ["critical_edition"]\n', encoding="utf-8")
    (tmp_path / "index.rst").write_text("A page\n======\n\nSome text.\n", encoding="utf-8")
    result = sphinx_build("-W", "-b", "html", tmp_path, tmp_path / "_build")
    assert result.returncode == 0, result.stderr
    assert "Some text." in (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
