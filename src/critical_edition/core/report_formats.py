"""What ``python -m critical_edition check`` found, in the formats CI systems read; and the table of problem codes.

A *finding* is one warning of the build: where (a file relative to the edition, POSIX, and a line), how grave
(the problem code's severity), what (the code and the message). ``read_warning`` makes one from a warning as
Sphinx prints it; each formatter turns a list of findings into one string:

- ``text``: the warnings exactly as the build prints them, then a count (the editor's format).
- ``json``: a list of objects, each with the keys of ``FINDING_KEYS`` (``null`` where unknown).
- ``github``: GitHub Actions workflow commands, one a line, ``::error file={name},line={line},col={col},title={title}::
  {message}`` (``::warning``, ``::notice`` for the other severities), as documented at
  https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands ; data and property values
  are escaped as the Actions toolkit escapes them (``escapeData`` and ``escapeProperty`` in
  actions/toolkit, packages/core/src/command.ts): ``%``, CR and LF everywhere, and ``:`` and ``,`` in properties.
- ``sarif``: a SARIF 2.1.0 log (OASIS), one run, one rule per problem code of core/problems.py.
- ``junit``: JUnit XML as GitLab and Jenkins read it: one test suite, one failed test case per finding (a passing
  one when nothing was found).

Nothing here knows Sphinx: the warning line is read as text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote
from xml.etree import ElementTree

from critical_edition import __version__

from .problems import PROBLEM_CODES, WARNING_TYPE, ProblemCode, Severity

TOOL_NAME = "critical_edition"
INFORMATION_URI = "https://pypi.org/project/critical-edition/"
"""Where the tool is described (SARIF's tool.driver.informationUri): the package's page on PyPI."""
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

PROBLEM_LINE = re.compile(r"\b(WARNING|ERROR|CRITICAL):")
"""A line of the build's output that reports a problem."""
_LEVEL = r"(?P<level>WARNING|ERROR|CRITICAL): "
_UNLOCATED = re.compile(_LEVEL + r"(?P<message>.*)", re.S)
_LOCATED = re.compile(r"(?P<location>[^\n]+?): " + _LEVEL + r"(?P<message>.*)", re.S)
_TYPE = re.compile(r" \[(?P<code>[a-z][\w-]*(?:\.[\w.-]+)?)\]$")
"""Sphinx's ``[type.subtype]`` at the end of a message (show_warning_types)."""


@dataclass(frozen=True)
class Finding:
    """One problem the check found: where, how grave, which code, what; ``printed`` is the build's own text."""

    message: str
    file: str | None = None  # relative to the edition (or the current folder), POSIX; None when unlocated
    line: int | None = None
    column: int | None = None
    severity: Severity = "error"
    code: str | None = None  # "edition.<code>", Sphinx's "type.subtype", or None
    printed: str = ""

    @property
    def remedy(self) -> str | None:
        """What to do, from the registry of problem codes (None for a warning that is not the edition's)."""
        problem = _problem_code(self.code)
        return problem.remedy if problem else None


def _problem_code(code: str | None) -> ProblemCode | None:
    """The registered problem code of an ``edition.<code>`` warning, else None."""
    kind, _, name = (code or "").partition(".")
    return PROBLEM_CODES.get(name) if kind == WARNING_TYPE else None


def _relative(path: str, base: str) -> str:
    """``path`` relative to ``base`` in / form when it lies inside it, else as given."""
    posix = PurePosixPath(path.replace("\\", "/"))
    try:
        return posix.relative_to(PurePosixPath(base.replace("\\", "/"))).as_posix()
    except ValueError:
        return posix.as_posix()


def read_warning(printed: str, base: str = "") -> Finding:
    """A finding from one warning as Sphinx prints it: ``path:line: WARNING: message [type.subtype]``.

    The message may hold colons and line breaks; the location is what comes before the first ``: WARNING: ``
    (or ``ERROR``, ``CRITICAL``), the code the ``[type.subtype]`` that closes the message. A path under
    ``base`` is made relative to it.
    """
    text = printed.rstrip("\n")
    match = _UNLOCATED.match(text) or _LOCATED.match(text)
    if match is None:  # not in Sphinx's form: kept whole, as an unlocated error
        return Finding(text, printed=text)
    level, message = match["level"], match["message"]
    location = match.groupdict().get("location") or ""
    code = None
    if typed := _TYPE.search(message):
        code, message = typed["code"], message[: typed.start()]
    file: str | None = None
    line: int | None = None
    if location:
        path, colon, number = location.rpartition(":")
        if colon and (number.isdigit() or not number):
            line = int(number) if number else None
        else:
            path = location
        file = None if path in ("", "<unknown>") else _relative(path, base) if base else path
    problem = _problem_code(code)
    severity: Severity = "error" if level != "WARNING" or problem is None else problem.severity
    return Finding(message, file, line, None, severity, code, text)


# --- the formats ---------------------------------------------------------------------------------------


def text(findings: Sequence[Finding]) -> str:
    """The build's own lines (each line of a warning that names its level), then how many."""
    lines = [ln for f in findings for ln in f.printed.splitlines() if PROBLEM_LINE.search(ln)]
    summary = f"{len(lines)} problem(s)" if lines else "no problems"
    return "".join(f"{ln}\n" for ln in [*lines, summary])


FINDING_KEYS = ("file", "line", "column", "severity", "code", "message", "remedy")
"""The keys of every object of the JSON report, in this order; a value is null where it is unknown."""


def as_json(findings: Sequence[Finding]) -> str:
    """A JSON list of objects with the keys of FINDING_KEYS."""
    objects = [{key: getattr(f, key) for key in FINDING_KEYS} for f in findings]
    return json.dumps(objects, ensure_ascii=False, indent=2) + "\n"


def escape_data(value: str) -> str:
    """A workflow command's message as GitHub Actions reads it (%, CR, LF percent-encoded)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A workflow command's property value: as data, and ``:`` and ``,`` too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def github(findings: Sequence[Finding]) -> str:
    """One GitHub Actions workflow command (``::error file=…,line=…::message``) a finding."""
    out = []
    for f in findings:
        properties = {"file": f.file, "line": f.line, "col": f.column, "title": f.code or TOOL_NAME}
        given = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
        out.append(f"::{GITHUB_COMMAND[f.severity]} {given}::{escape_data(f.message)}\n")
    return "".join(out)


SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def sarif(findings: Sequence[Finding]) -> str:
    """A SARIF 2.1.0 log of one run: the tool, a rule per problem code, a result per finding."""
    rules = [
        {
            "id": f"{WARNING_TYPE}.{p.code}",
            "name": p.code,
            "shortDescription": {"text": p.meaning},
            "fullDescription": {"text": f"{p.meaning}. What to do: {p.remedy}."},
            "help": {"text": p.remedy},
            "defaultConfiguration": {"level": SARIF_LEVEL[p.severity]},
        }
        for p in PROBLEM_CODES.values()
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for f in findings:
        result: dict[str, object] = {"ruleId": f.code or TOOL_NAME, "level": SARIF_LEVEL[f.severity]}
        if f.code in index:
            result["ruleIndex"] = index[f.code]
        result["message"] = {"text": f.message}
        if f.file:
            region = {"startLine": f.line} if f.line else {}
            if f.line and f.column:
                region["startColumn"] = f.column
            physical: dict[str, object] = {"artifactLocation": {"uri": quote(f.file), "uriBaseId": "%SRCROOT%"}}
            if region:
                physical["region"] = region
            result["locations"] = [{"physicalLocation": physical}]
        results.append(result)
    driver = {"name": TOOL_NAME, "version": __version__, "informationUri": INFORMATION_URI, "rules": rules}
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
SUITE = f"{TOOL_NAME} check"


def _xml_text(value: str) -> str:
    """Text XML 1.0 can carry: a character it cannot is written as U+XXXX."""
    return _NOT_XML.sub(lambda m: f"U+{ord(m[0]):04X}", value)


def junit(findings: Sequence[Finding]) -> str:
    """JUnit XML: one suite, a failed test case per finding (class: the file; name: the code at its line)."""
    count = str(max(len(findings), 1))
    suites = ElementTree.Element("testsuites", name=SUITE, tests=count, failures=str(len(findings)), errors="0")
    suite = ElementTree.SubElement(
        suites, "testsuite", name=SUITE, tests=count, failures=str(len(findings)), errors="0", skipped="0"
    )
    for f in findings:
        where = f" at line {f.line}" if f.line else ""
        case = ElementTree.SubElement(
            suite, "testcase", classname=_xml_text(f.file or TOOL_NAME), name=_xml_text(f"{f.code or TOOL_NAME}{where}")
        )
        failure = ElementTree.SubElement(case, "failure", message=_xml_text(f.message), type=f.code or TOOL_NAME)
        failure.text = _xml_text(f.printed or f.message)
    if not findings:
        ElementTree.SubElement(suite, "testcase", classname=TOOL_NAME, name="no problems")
    ElementTree.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(suites, encoding="unicode") + "\n"


FORMATS: dict[str, Callable[[Sequence[Finding]], str]] = {
    "text": text,
    "json": as_json,
    "github": github,
    "sarif": sarif,
    "junit": junit,
}
"""Every format of ``check --format``, by name."""


# --- the table of problem codes ---------------------------------------------------------------------------


def codes_text() -> str:
    """Every problem code, its default severity, what it means and what to do, for a terminal."""
    blocks = [
        f"{WARNING_TYPE}.{p.code} ({p.severity})\n    {p.meaning}\n    what to do: {p.remedy}\n"
        for p in PROBLEM_CODES.values()
    ]
    return "\n".join(blocks)


def codes_json() -> str:
    """Every problem code as a JSON list of objects: code, severity, meaning, remedy."""
    table = [
        {"code": f"{WARNING_TYPE}.{p.code}", "severity": p.severity, "meaning": p.meaning, "remedy": p.remedy}
        for p in PROBLEM_CODES.values()
    ]
    return json.dumps(table, ensure_ascii=False, indent=2) + "\n"
