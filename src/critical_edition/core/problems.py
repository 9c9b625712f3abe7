"""The registry of problem codes: every problem the edition reports has a code listed here.

A code is reported as the Sphinx warning ``edition.<code>`` (so ``-W`` fails on it and
``suppress_warnings = ["edition.<code>"]`` silences it). Adding a check means adding its code here;
the reference page and ``python -m critical_edition codes`` print this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "info"]
WARNING_TYPE = "edition"
"""The Sphinx warning type of every problem of the edition: a problem is reported as ``edition.<code>``."""


@dataclass(frozen=True)
class ProblemCode:
    """One kind of problem: its code, what is wrong, what to do, and how it is reported by default."""

    code: str
    meaning: str
    remedy: str
    severity: Severity = "error"


PROBLEM_CODES: dict[str, ProblemCode] = {
    p.code: p
    for p in (
        # --- the text's references to the register
        ProblemCode("unknown-entity", "a role names an id that the register does not have",
                    "use the id suggested (\"did you mean …\"), or add the entity"),
        ProblemCode("wrong-kind", "a role of one kind points to an entity of another (a {place} role to a person)",
                    "use the role the hint gives, or {ent}"),
        ProblemCode("name-mismatch", "the displayed text matches none of the entity's names",
                    "add the form to names, mark a misspelling as 'source -> correction', or check the id"),
        ProblemCode("orphan-entity", "an entity is mentioned nowhere",
                    "mention it, or delete the file (edition_orphans sets how this is reported)", "warning"),
        # --- the register
        ProblemCode("duplicate-id", "two register files declare the same id", "rename one"),
        ProblemCode("register-syntax", "a register file cannot be read: YAML error, anchors or aliases, a field "
                    "given twice, nesting too deep, not UTF-8, too large, or a link leading outside the project",
                    "fix the line named"),
        ProblemCode("register-field", "a field of a register file is unknown, of the wrong type or missing, holds "
                    "invisible control characters (a bidirectional override, NUL; they are left out), or the kind or "
                    "id does not match the folder or file name", "see the hint (\"did you mean 'gloss'?\")"),
        ProblemCode("bad-relation", "a relation makes no sense between the two kinds, points to its own entity, is "
                    "given twice, or closes a cycle", "use one of the types the hint lists; remove the loop"),
        ProblemCode("unknown-relation-target", "a relation points to an unknown id", "fix the id"),
        ProblemCode("bad-authority", "an authority id is malformed (or a URL), unknown, or its evidence is not an "
                    "https:// address (with a host, without spaces)",
                    "write the bare id, e.g. Q42; give the https:// address of the page that shows it"),
        ProblemCode("duplicate-authority", "the same authority id is given to two entities",
                    "check which entity it belongs to"),
        ProblemCode("bad-date", "a date is not valid EDTF, or an interval ends before it begins",
                    "write e.g. \"1942-11\", \"1943?\", \"1980/1990\""),
        ProblemCode("chronology", "dates certainly out of order: death before birth, activity outside a life, a "
                    "release or premiere before shooting or creation; a participant not alive at the event; a work "
                    "before its creator's birth or begun after the creator's death", "check both dates"),
        ProblemCode("raw-markup", "raw HTML in an article or annotation, or HTML or a script address in a gloss, "
                    "name or note of the register; it is printed as text, never run",
                    "write it as MyST, or as plain text in the register"),
        ProblemCode("bad-link", "a link in an article or annotation points to something other than an http(s) "
                    "address, a mailto: address or a page of the edition; it is shown as text",
                    "link to a full https:// address"),
        # --- sources
        ProblemCode("unknown-source", "a sources key, a citation, the evidence of {supplied}, the :source: of a "
                    "text, the source of coordinates or an entry's crossref is not in the bibliography",
                    "fix the key (see the suggestion) or add the entry"),
        ProblemCode("bib-syntax", "a bibliography file cannot be parsed (the build goes on without it), or two "
                    "entries share a key", "fix the entry at the line named"),
        ProblemCode("bad-url", "an address in the bibliography is not an absolute http(s) address (e.g. "
                    "javascript:); it is left out of every output", "write the full address, starting with https://"),
        ProblemCode("source-record", "a bib entry lacks what the edition needs: a title, a field its type needs "
                    "(an @article its journal; it is printed as @misc), a text's source without title, publisher, "
                    "year or url, or (with edition_verification_records) an entry whose annote is not a "
                    "verification record", "complete the entry as CONTRIBUTING, 'Adding a source', shows"),
        # --- the edited text and its witness
        ProblemCode("bad-markup", "a role or directive cannot be read ({corr} without ->, an unclosed role or "
                    "{omitted} block, an unknown omission reason, a bad {lang} tag, a second {edited-text} on a page, "
                    "an {only} block inside an edited text)", "follow the hint"),
        ProblemCode("fidelity", "the edited text no longer reproduces its witness; the message shows the first "
                    "difference and the paragraph", "mark the change as {corr} or {sic}, keep omitted text in "
                    "{omitted}, or undo the change"),
        ProblemCode("witness-missing", "the witness is not declared, missing, unreadable, not a regular file, not "
                    "UTF-8, or outside the project", "the witness path is relative to the project's root"),
        ProblemCode("witness-altered", "the witness differs from its recorded SHA-256",
                    "restore it from version control"),
        ProblemCode("witness-unrecorded", "the witness has no SHA-256 in the SHA256SUMS beside it, so its integrity "
                    "cannot be checked", "add the line the hint gives"),
        ProblemCode("witness-digests", "a line of SHA256SUMS is not a sha256sum line, names a folder, is repeated, "
                    "or names a file that is not there; or the file is not UTF-8",
                    "in the witnesses folder: sha256sum <file> >> SHA256SUMS; delete stale lines"),
        ProblemCode("source-missing", "an {edited-text} block declares no :source:",
                    "add ':source: <key>' naming the bib entry of the original publication"),
        # --- files and settings
        ProblemCode("bad-encoding", "a page is not UTF-8 (the message names the line of the first bad byte)",
                    "save the file as UTF-8"),
        ProblemCode("config", "a setting of the edition in conf.py has no meaning or is retired",
                    "use a value the hint lists, or what replaces the setting"),
        ProblemCode("profile", "the edition's profile (edition-profile.yaml) cannot be read or holds a value that is "
                    "unknown, of the wrong type, or at odds with the rest of the profile (a relation naming an unknown "
                    "kind, a role taken twice, a TEI element TEI does not allow there, a bad ORCID iD); the build goes "
                    "on with the shipped defaults", "see the hint (\"did you mean …\") and the reference page's table "
                    "of the profile's fields"),
        ProblemCode("unwritable", "a node reached a builder that has no writer for it (markup of the edition in an "
                    "output it does not support, or a placeholder left unfilled); it is left out of that output, so a "
                    "word could be missing", "use markup the edition documents for this output"),
        ProblemCode("unmade-picture", "a picture of the edition (a map, a timeline) cannot be made for the PDF: "
                    "rsvg-convert is missing or fails; the PDF says where to find it instead (the EPUB's cover is "
                    "then its SVG, said in an info message)",
                    "install Debian's librsvg2-bin (nox -s docs does), or see the converter's message"),
        ProblemCode("outside-file", "a path named by a page, a directive, a role, a witness or a setting leads "
                    "outside the project once links are followed, or is a network address where a file is meant; "
                    "nothing is read from it and nothing is published", "copy the file into the project and name it "
                    "by a relative path"),
        ProblemCode("template", "content would be evaluated as a template or as code: MyST's substitution extension "
                    "(in conf.py or a page's front matter), or a name in double braces typed where a substitution "
                    "was meant, which is printed as typed", "write {edition-fact}`number-of-texts` (or another "
                    "fact) for a figure the edition computes; put literal braces in `code`"),
    )
}  # fmt: skip
"""Every problem code, in the order the reference lists them."""
