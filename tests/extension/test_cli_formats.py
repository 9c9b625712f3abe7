"""The checker in CI: ``check --format text|json|github|sarif|junit``, ``codes``, the pre-commit hook, the wheel.

A copy of the small complete edition (tests/roots/test-interventions) is broken twice: a mention names an
unknown id (an edition problem, ``edition.unknown-entity`` at index.md:9) and a paragraph refers to a label
that does not exist (Sphinx's own ``ref.ref``, whose message holds a colon). ``python -m critical_edition
check`` runs once per format, in a process of its own (helpers.run_forked), and each report must name
both problems at their file and line. The SARIF is validated against the official SARIF 2.1.0 schema
(tests/schema/sarif-schema-2.1.0.json, see LICENCE-SARIF.md there).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
import yaml
from helpers import ROOT, build_package, run_forked

import critical_edition
from critical_edition import cli
from critical_edition.core.problems import PROBLEM_CODES
from critical_edition.core.report_formats import FINDING_KEYS, Finding, github, junit, read_warning, sarif

BASE = Path(__file__).parent.parent / "roots" / "test-interventions"
SCHEMA = json.loads((Path(__file__).parent.parent / "schema" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
UNKNOWN = ("index.md", 9, "edition.unknown-entity")
MISSING_LABEL = "See {ref}`no-such-label` for more."


def missing_label_line(src: Path) -> int:
    """The line of index.md that refers to the missing label."""
    lines = (src / "index.md").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "no-such-label" in line)


def edition(folder: Path, *, unknown_id: bool = False) -> Path:
    """A copy of the small edition in ``folder``, with an unknown entity id at index.md:9 if asked."""
    src = folder / "src"
    shutil.copytree(BASE, src, ignore=shutil.ignore_patterns("_build"))
    if unknown_id:
        index = src / "index.md"
        content = index.read_text(encoding="utf-8")
        assert content.count("Ann Smith <ann-smith>` said") == 1
        index.write_text(content.replace("Ann Smith <ann-smith>` said", "Ann Smith <ann-smit>` said"), encoding="utf-8")
    return src


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small edition with an unknown entity id (line 9) and a reference to a missing label (at the end)."""
    src = edition(tmp_path_factory.mktemp("formats"), unknown_id=True)
    with (src / "index.md").open("a", encoding="utf-8") as index:
        index.write(f"\n{MISSING_LABEL}\n")
    return src


@pytest.fixture(scope="module")
def expected(broken: Path) -> set[tuple[str, int, str]]:
    """(file, line, code) of the two problems of the broken edition."""
    return {UNKNOWN, ("index.md", missing_label_line(broken), "ref.ref")}


def check(src: Path, *options: str | Path) -> subprocess.CompletedProcess[str]:
    """``python -m critical_edition check src options``, as a user runs it."""
    result, _ = run_forked("critical_edition", "check", src, *options, env={"NO_COLOR": "1"})
    assert "Traceback" not in result.stderr, result.stderr
    return result


# --- each format, on a real run ------------------------------------------------------------------------


def test_text_is_the_builds_own_lines(broken: Path) -> None:
    result = check(broken)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 problem(s)"
    assert f"{broken}/index.md:9: WARNING: unknown entity id 'ann-smit' (did you mean 'ann-smith'?) " \
           "[edition.unknown-entity]" in lines
    line = missing_label_line(broken)
    assert f"{broken}/index.md:{line}: WARNING: undefined label: 'no-such-label' [ref.ref]" in lines
    assert check(broken, "--format", "text").stdout == result.stdout


def test_json_names_each_finding_with_stable_keys(broken: Path, expected: set[tuple[str, int, str]]) -> None:
    result = check(broken, "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert all(list(f) == list(FINDING_KEYS) for f in findings)
    assert {(f["file"], f["line"], f["code"]) for f in findings} == expected
    edition = next(f for f in findings if f["code"] == "edition.unknown-entity")
    assert edition["severity"] == "error" and edition["column"] is None
    assert edition["message"] == "unknown entity id 'ann-smit' (did you mean 'ann-smith'?)"
    assert edition["remedy"] == PROBLEM_CODES["unknown-entity"].remedy
    sphinx = next(f for f in findings if f["code"] == "ref.ref")
    assert sphinx["message"] == "undefined label: 'no-such-label'"
    assert sphinx["severity"] == "error" and sphinx["remedy"] is None  # -W fails on it: an error


def test_github_annotations_name_file_line_and_code(broken: Path) -> None:
    result = check(broken, "--format", "github")
    assert result.returncode == 1
    line = missing_label_line(broken)
    assert result.stdout.splitlines() == [
        "::error file=index.md,line=9,title=edition.unknown-entity::unknown entity id 'ann-smit' "
        "(did you mean 'ann-smith'?)",
        f"::error file=index.md,line={line},title=ref.ref::undefined label: 'no-such-label'",
    ]


def test_sarif_is_valid_and_locates_each_result(broken: Path, expected: set[tuple[str, int, str]]) -> None:
    result = check(broken, "--format", "sarif")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "critical_edition" and driver["version"] == critical_edition.__version__
    assert [r["id"] for r in driver["rules"]] == [f"edition.{code}" for code in PROBLEM_CODES]
    for rule, problem in zip(driver["rules"], PROBLEM_CODES.values(), strict=True):
        assert rule["shortDescription"]["text"] == problem.meaning and rule["help"]["text"] == problem.remedy
    located = set()
    for res in log["runs"][0]["results"]:
        place = res["locations"][0]["physicalLocation"]
        assert place["artifactLocation"]["uriBaseId"] == "%SRCROOT%" and res["level"] == "error"
        located.add((place["artifactLocation"]["uri"], place["region"]["startLine"], res["ruleId"]))
    assert located == expected
    edition = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "edition.unknown-entity")
    assert driver["rules"][edition["ruleIndex"]]["id"] == "edition.unknown-entity"


def test_junit_has_a_failed_case_per_finding(broken: Path) -> None:
    result = check(broken, "--format", "junit")
    assert result.returncode == 1
    root = ElementTree.fromstring(result.stdout)
    suites = root.findall("testsuite")
    assert len(suites) == 1 and suites[0].get("name") == "critical_edition check"
    assert (suites[0].get("tests"), suites[0].get("failures")) == ("2", "2")
    cases = suites[0].findall("testcase")
    line = missing_label_line(broken)
    assert sorted((c.get("classname"), c.get("name")) for c in cases) == [
        ("index.md", "edition.unknown-entity at line 9"), ("index.md", f"ref.ref at line {line}")]
    failures = {c.find("failure").get("type"): c.find("failure").get("message") for c in cases}  # type: ignore[union-attr]
    assert failures["ref.ref"] == "undefined label: 'no-such-label'"


def test_the_report_goes_to_the_output_file(broken: Path, tmp_path: Path) -> None:
    out = tmp_path / "edition.sarif"
    result = check(broken, "--format", "sarif", "--output", out)
    assert result.returncode == 1
    assert result.stdout.strip() == f"2 problem(s) written to {out}"
    jsonschema.Draft4Validator(SCHEMA).validate(json.loads(out.read_text(encoding="utf-8")))


def test_a_clean_edition_gives_empty_reports_and_status_0(tmp_path: Path) -> None:
    src = edition(tmp_path)
    log = check(src, "--format", "sarif")
    assert log.returncode == 0, log.stdout
    assert json.loads(log.stdout)["runs"][0]["results"] == []
    result = check(src, "--format", "junit")
    assert result.returncode == 0
    suite = ElementTree.fromstring(result.stdout).find("testsuite")
    assert suite is not None and (suite.get("tests"), suite.get("failures")) == ("1", "0")
    assert [c.find("failure") for c in suite.findall("testcase")] == [None]
    assert check(src, "--format", "github").stdout == ""
    assert json.loads(check(src, "--format", "json").stdout) == []


def test_every_finding_has_its_code_even_where_conf_py_hides_warning_types(tmp_path: Path) -> None:
    src = edition(tmp_path, unknown_id=True)
    with (src / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("show_warning_types = False\n")
    findings = json.loads(check(src, "--format", "json").stdout)
    assert [(f["file"], f["line"], f["code"]) for f in findings] == [UNKNOWN]


def test_paths_are_relative_to_the_current_folder_when_the_edition_is_in_it(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli._base(tmp_path / "docs") == tmp_path  # run from a repository's root: paths as GitHub reads them
    assert cli._base(tmp_path) == tmp_path
    elsewhere = tmp_path.parent / "elsewhere"
    assert cli._base(elsewhere) == elsewhere
    assert read_warning(f"{tmp_path}/docs/index.md:3: WARNING: x [ref.ref]", tmp_path.as_posix()).file == "docs/index.md"


# --- the formatters alone --------------------------------------------------------------------------------


def test_github_escapes_data_and_properties_as_documented() -> None:
    finding = Finding("50% done: a, b\nnext\r", "odd:name,1.md", 3, 2, "error", "edition.fidelity")
    assert github([finding]) == ("::error file=odd%3Aname%2C1.md,line=3,col=2,title=edition.fidelity"
                                 "::50%25 done: a, b%0Anext%0D\n")
    warning = Finding("mentioned nowhere", "a.md", 1, None, "warning", "edition.orphan-entity")
    note = Finding("for your information", None, None, None, "info", None)
    assert github([warning, note]).splitlines() == [
        "::warning file=a.md,line=1,title=edition.orphan-entity::mentioned nowhere",
        "::notice title=critical_edition::for your information",
    ]


def test_sarif_of_every_kind_of_finding_is_valid_and_the_schema_refuses_a_broken_log() -> None:
    findings = [
        Finding("with a column", "dir/a file.md", 4, 7, "warning", "edition.orphan-entity"),
        Finding("no line", "references.bib", None, None, "error", "edition.bib-syntax"),
        Finding("nowhere", None, None, None, "info", None),
    ]
    log = json.loads(sarif(findings))
    validator = jsonschema.Draft4Validator(SCHEMA)
    assert not list(validator.iter_errors(log))
    first = log["runs"][0]["results"][0]
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "dir/a%20file.md"
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 4, "startColumn": 7}
    assert first["level"] == "warning" and log["runs"][0]["results"][2]["level"] == "note"
    assert "region" not in log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]
    assert "locations" not in log["runs"][0]["results"][2]
    first["level"] = "fatal"  # not a SARIF level: the schema must say so
    assert list(validator.iter_errors(log))


def test_junit_escapes_what_xml_cannot_hold_as_is() -> None:
    text = 'a <b> & "c" \x00 \x1b end'
    root = ElementTree.fromstring(junit([Finding(text, "x&y.md", 2, None, "error", "edition.fidelity")]))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None and failure.get("message") == 'a <b> & "c" U+0000 U+001B end'
    assert root.find("testsuite/testcase").get("classname") == "x&y.md"  # type: ignore[union-attr]


@pytest.mark.parametrize(("printed", "expected"), [
    ("/e/index.md:9: WARNING: unknown entity id 'x' (did you mean 'y'?) [edition.unknown-entity]\n",
     Finding("unknown entity id 'x' (did you mean 'y'?)", "index.md", 9, None, "error", "edition.unknown-entity")),
    ("/e/a/b.md:12: WARNING: undefined label: 'x': with colons [ref.ref]",
     Finding("undefined label: 'x': with colons", "a/b.md", 12, None, "error", "ref.ref")),
    ("/e/p.md:3: WARNING: first line\nsecond: line [edition.fidelity]\n",
     Finding("first line\nsecond: line", "p.md", 3, None, "error", "edition.fidelity")),
    ("/e/x.md:5: WARNING: 'x' is mentioned nowhere [edition.orphan-entity]",
     Finding("'x' is mentioned nowhere", "x.md", 5, None, "warning", "edition.orphan-entity")),
    ("/e/refs.bib: WARNING: cannot parse [edition.bib-syntax]",
     Finding("cannot parse", "refs.bib", None, None, "error", "edition.bib-syntax")),
    ("/e/q.md:: WARNING: a node without a line [edition.unwritable]",
     Finding("a node without a line", "q.md", None, None, "error", "edition.unwritable")),
    ("<unknown>:4: WARNING: somewhere", Finding("somewhere", None, 4, None, "error", None)),
    ("WARNING: no place at all: none [config.cache]", Finding("no place at all: none", None, None, None, "error",
                                                              "config.cache")),
    ("/elsewhere/z.md:1: ERROR: Unknown directive type: 'x'. [myst.directive_unknown]",
     Finding("Unknown directive type: 'x'.", "/elsewhere/z.md", 1, None, "error", "myst.directive_unknown")),
    ("/e/n.md:2: WARNING: a footnote [1]", Finding("a footnote [1]", "n.md", 2, None, "error", None)),
])  # fmt: skip
def test_a_warning_is_read_whole_wherever_its_colons_are(printed: str, expected: Finding) -> None:
    found = read_warning(printed, "/e")
    assert (found.message, found.file, found.line, found.column, found.severity, found.code) == (
        expected.message, expected.file, expected.line, expected.column, expected.severity, expected.code)
    assert found.printed == printed.rstrip("\n")


# --- codes, the hook, the package ------------------------------------------------------------------------------


def test_codes_lists_every_problem_code_with_its_meaning_remedy_and_severity() -> None:
    result, _ = run_forked("critical_edition", "codes")
    assert result.returncode == 0
    for code, problem in PROBLEM_CODES.items():
        assert f"edition.{code} ({problem.severity})\n    {problem.meaning}\n    what to do: {problem.remedy}\n" \
               in result.stdout
    as_json, _ = run_forked("critical_edition", "codes", "--format", "json")
    table = json.loads(as_json.stdout)
    assert [row["code"] for row in table] == [f"edition.{code}" for code in PROBLEM_CODES]
    assert all(row == {"code": f"edition.{p.code}", "severity": p.severity, "meaning": p.meaning,
                       "remedy": p.remedy} for row, p in zip(table, PROBLEM_CODES.values(), strict=True))


def test_the_problem_registry_promises_only_commands_that_exist() -> None:
    doc = importlib.import_module("critical_edition.core.problems").__doc__ or ""
    for command in re.findall(r"python -m critical_edition (\w[\w-]*)", doc):
        result, _ = run_forked("critical_edition", command, "--help")
        assert result.returncode == 0, f"{command}: {result.stderr}"


def scripts() -> dict[str, str]:
    """The console scripts pyproject.toml declares."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]


def test_the_pre_commit_hook_runs_a_command_the_package_installs() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["critical-edition-check"]
    hook = hooks[0]
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    command, *args = hook["entry"].split()
    assert args == ["check"]
    module, function = scripts()[command].split(":")
    main = getattr(importlib.import_module(module), function)
    assert main is cli.main
    assert re.search(hook["files"], "annotations/person/x.md") and re.search(hook["files"], "references.bib")
    assert re.search(hook["files"], "witnesses/SHA256SUMS") and not re.search(hook["files"], "_static/x.css")


@pytest.mark.slow
def test_the_wheel_and_sdist_pass_twine_check_and_carry_the_version(tmp_path: Path) -> None:
    built = build_package(tmp_path)
    version = critical_edition.__version__
    assert [p.name for p in built] == [f"critical_edition-{version}-py3-none-any.whl",
                                       f"critical_edition-{version}.tar.gz"]
    twine = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *built],
                           capture_output=True, text=True, check=False)
    assert twine.returncode == 0, twine.stdout + twine.stderr
    with zipfile.ZipFile(built[0]) as wheel:
        metadata = wheel.read(f"critical_edition-{version}.dist-info/METADATA").decode("utf-8")
        entry_points = wheel.read(f"critical_edition-{version}.dist-info/entry_points.txt").decode("utf-8")
        names = wheel.namelist()
    assert re.search(rf"^Version: {re.escape(version)}$", metadata, re.M)
    assert "critical-edition = critical_edition.cli:main" in entry_points
    assert "critical_edition/core/report_formats.py" in names


def git(*args: str | Path, cwd: Path) -> None:
    """A git command in a test repository, with an identity of its own."""
    env = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "PATH": os.environ["PATH"], "HOME": str(cwd)}  # fmt: skip
    subprocess.run(["git", *map(str, args)], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.mark.slow
def test_pre_commit_runs_the_hook_in_a_new_edition_and_fails_on_a_broken_reference(tmp_path: Path) -> None:
    """What an editor of another edition does: ``pre-commit try-repo`` with this repository's hook, in the
    repository of a new edition; pre-commit installs the package from this repository in an environment of its
    own (pinned by constraints.txt) and runs the check: green, then red at the line of an unknown id."""
    edition = tmp_path / "edition"
    cli.new_edition(edition)
    git("init", "-q", cwd=edition)
    git("add", "-A", cwd=edition)
    git("commit", "-q", "-m", "A new edition", cwd=edition)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PIP_CONSTRAINT": str(ROOT / "constraints.txt"),
           "NO_COLOR": "1", "HOME": str(tmp_path)}  # fmt: skip
    env.pop("PYTHONPATH", None)

    def pre_commit() -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", ROOT, "critical-edition-check", "--all-files"]
        return subprocess.run(command, cwd=edition, env=env, capture_output=True, text=True, check=False)

    passed = pre_commit()
    assert passed.returncode == 0, passed.stdout[-4000:] + passed.stderr[-4000:]
    assert re.search(r"critical_edition check\.+Passed", passed.stdout), passed.stdout
    text = next((edition / "texts").glob("*.md"))
    lines = text.read_text(encoding="utf-8").splitlines()
    where = next(i for i, line in enumerate(lines) if line.strip() and not line.startswith(("#", "-", "`", ":")))
    lines[where] += " {person}`Nobody <no-such-person>`"
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    failed = pre_commit()
    assert failed.returncode == 1, failed.stdout[-4000:]
    assert re.search(r"critical_edition check\.+Failed", failed.stdout), failed.stdout
    assert f"texts/{text.name}:{where + 1}" in failed.stdout and "unknown-entity" in failed.stdout, failed.stdout
