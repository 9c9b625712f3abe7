"""The package's architecture: a pure core, no import cycle, one registry of problem codes, independent test modules."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Set as AbstractSet
from pathlib import Path

import pytest

from critical_edition.core.problems import PROBLEM_CODES
from critical_edition.sphinx.reference import reference_tables

PACKAGE = Path(__file__).parents[2] / "src" / "critical_edition"
CORE = sorted((PACKAGE / "core").glob("*.py"))
PROFILE = sorted((PACKAGE / "profile").glob("*.py"))
TESTS = Path(__file__).parent.parent  # both suites: tests/extension and tests/edition


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, relative imports written with their dots."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return found


@pytest.mark.parametrize("path", CORE, ids=lambda p: p.name)
def test_the_core_imports_neither_sphinx_nor_docutils(path: Path) -> None:
    # of the rest of the package, the core may import only the profile, which is pure too
    bad = {m for m in imported_modules(path) if m.split(".")[0] in ("sphinx", "docutils") or m.startswith("..")}
    assert not bad - {"..profile"}, f"{path.name} imports {sorted(bad)}"


@pytest.mark.parametrize("path", PROFILE, ids=lambda p: p.name)
def test_the_profile_imports_nothing_of_sphinx_docutils_or_the_core(path: Path) -> None:
    bad = {m for m in imported_modules(path) if m.split(".")[0] in ("sphinx", "docutils") or m.startswith("..")}
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_the_core_loads_without_sphinx() -> None:
    modules = ", ".join(f"critical_edition.core.{p.stem}" for p in CORE if p.stem != "__init__")
    code = f"import sys, {modules}; print(sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def package_modules() -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name, not ``__init__``)."""
    modules = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def imported_package_modules(source: str, module: str, is_package: bool, modules: AbstractSet[str]) -> set[str]:
    """The modules of the package that a module's source imports: every import statement anywhere in it, in a
    function too (``from a import b`` imports the module a.b when there is one, else a name of a)."""
    package = module if is_package else module.rpartition(".")[0]
    imported: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
            imported |= {f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names}
    return {m for m in imported if m in modules and m != module}


def import_graph() -> dict[str, set[str]]:
    """The modules of the package each of its modules imports."""
    modules = package_modules()
    return {
        name: imported_package_modules(
            path.read_text(encoding="utf-8"), name, path.name == "__init__.py", modules.keys()
        )
        for name, path in modules.items()
    }


def import_cycles(graph: dict[str, set[str]]) -> list[tuple[set[str], list[str]]]:
    """Each group of modules that import one another (Tarjan's strongly connected components), with one cycle
    through the group's first module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = set(stack[stack.index(module) :])
            del stack[stack.index(module) :]
            if len(group) > 1:
                groups.append(group)

    for module in sorted(graph):
        if module not in index:
            visit(module)
    cycles = []
    for group in groups:  # the shortest way back to the group's first module, for the message
        start = min(group)
        paths = {start: [start]}
        queue = [start]
        while queue:
            module = queue.pop(0)
            for other in sorted(graph[module] & group):
                if other == start:
                    cycles.append((group, [*paths[module], start]))
                    queue = []
                    break
                if other not in paths:
                    paths[other] = [*paths[module], other]
                    queue.append(other)
    return cycles


def test_no_module_of_the_package_imports_itself_through_others() -> None:
    # counts imports inside functions too: a deferred import hides a cycle, it does not remove it
    cycles = import_cycles(import_graph())
    assert not cycles, "\n".join(
        f"{len(group)} modules import one another: {', '.join(sorted(group))}\n  for example: {' -> '.join(cycle)}"
        for group, cycle in cycles
    )


def test_the_import_graph_sees_imports_inside_functions() -> None:
    source = "from . import b\nimport p.c\ndef f():\n    from .d import name\n    from .. import e\n"
    modules = {"p", "p.a", "p.b", "p.c", "p.d", "p.e", "p.e.x"}
    assert imported_package_modules(source, "p.a", False, modules) == {"p.b", "p.c", "p.d"}
    assert imported_package_modules(source, "p.e.x", False, modules) == {"p.e", "p.c"}  # .b and .d are not modules
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [({"a", "b", "c"}, ["a", "b", "c", "a"])]


def problem_codes_in_source() -> set[tuple[str, str]]:
    """(file, code) for every Problem(...) built with a literal code anywhere in the package."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Problem" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add((path.name, first.value))
    return found


def test_every_problem_code_is_registered() -> None:
    used = problem_codes_in_source()
    assert len(used) > 25
    assert not [f"{f}: {c}" for f, c in used if c not in PROBLEM_CODES]
    assert {c for _, c in used} >= set(PROBLEM_CODES) - {"bad-link"}  # bad-link is built from a variable


def test_the_reference_lists_every_code() -> None:
    listed = {term.removeprefix("edition.") for term, _ in reference_tables()["problems"]}
    assert listed == set(PROBLEM_CODES)


def test_an_unregistered_code_is_refused() -> None:
    from critical_edition.core.model import Problem

    with pytest.raises(ValueError, match=r"not in core/problems\.py"):
        Problem("no-such-code", "message")


def test_no_test_module_imports_another() -> None:
    modules = sorted(TESTS.glob("*/test_*.py"))
    assert {path.parent.name for path in modules} == {"extension", "edition"}
    for path in modules:
        assert not {m for m in imported_modules(path) if m.rpartition(".")[2].startswith("test_")}, path.name


def test_the_reference_reads_as_prose() -> None:
    tables = reference_tables()
    texts = [text for rows in tables.values() for _, text in rows]
    assert not [t for t in texts if "``" in t]  # no reStructuredText quotes from the docstrings
    assert "a mention of an organisation" in dict(tables["roles"]).values()


def test_every_date_field_of_a_kind_is_declared_once_with_its_words() -> None:
    # a kind's date fields are named in the profile's kinds and described once in its date fields: the
    # entry's page, the timeline, the data dictionary and the JSON schema all read their words from there
    from critical_edition.profile import default_profile

    profile = default_profile()
    for kind in profile.kinds.values():
        for name in kind.date_fields:
            field = profile.date_fields[name]
            assert field.label and field.meaning.endswith(").") and "{}" in field.happening, name
    assert set(profile.all_date_fields) == set(profile.date_fields)  # none declared and unused


LONGEST_MODULE = 600
"""No module of the package over this many lines (the issue "The extension as a product")."""


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_longer_than_six_hundred_lines(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= LONGEST_MODULE, f"{path.name} has {lines} lines: split it by what its parts do"
