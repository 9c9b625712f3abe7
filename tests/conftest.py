"""Fixtures of both suites: sphinx.testing, the test roots, the TEI schema, a build made once per test run, and
which tests are slow (the real edition's builds are in tests/edition/conftest.py)."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from helpers import TEI_SCHEMA, sphinx_build
from lxml import etree

pytest_plugins = ("sphinx.testing.fixtures",)

Build = tuple[Path, subprocess.CompletedProcess[str]]


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where the test roots are (sphinx.testing convention: roots/test-NAME)."""
    return Path(__file__).parent / "roots"


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, *args: str | Path) -> Build:
    """A build of the real edition made once per test run, even when pytest-xdist runs several workers (each
    has its own session): the first to ask builds under a lock, the others read its folder and its result."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    out = base / name
    record = out / "result.json"
    with open(base / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            out.mkdir(exist_ok=True)
            done = sphinx_build(*(str(a).format(out=out) for a in args))
            record.write_text(json.dumps([done.returncode, done.stdout, done.stderr]), encoding="utf-8")
    code, stdout, stderr = json.loads(record.read_text(encoding="utf-8"))
    return out, subprocess.CompletedProcess(["sphinx-build", *map(str, args)], code, stdout, stderr)


def pytest_configure(config: pytest.Config) -> None:
    """Tell pytest-xdist's workers (which do not see the option) whether each module runs whole on one worker."""
    if not hasattr(config, "workerinput"):
        os.environ["TESTS_MODULE_ON_ONE_WORKER"] = str(int(config.getoption("dist", "no") in ("no", "loadfile")))


@pytest.fixture(scope="session")
def schema() -> etree.RelaxNG:
    """TEI P5 4.3.0 tei_all (tests/schema/tei_all.rng), compiled once per session (it takes several seconds)."""
    return etree.RelaxNG(etree.parse(str(TEI_SCHEMA)))


SLOW_FIXTURES: set[Callable[..., object]] = set()
"""The fixtures that build the whole edition (or dozens of small projects), as ``slow_fixture`` declares them."""
SLOW_MODULES = {"test_bad_input", "test_browser", "test_edition", "test_epub", "test_third_text"}
"""Modules whose every test is slow, in either suite."""

F = TypeVar("F", bound=Callable[..., object])


def slow_fixture(function: F) -> F:
    """Declare a fixture slow (under ``@pytest.fixture``): a test that needs it, itself or through another fixture,
    is slow."""
    SLOW_FIXTURES.add(function)
    return function


def _needs_a_slow_fixture(item: pytest.Item) -> bool:
    """Whether a test needs a fixture declared slow: the fixture in force for each name it needs, so that an argument
    of @pytest.mark.parametrize that shares a slow fixture's name is not one (pytest's record of an item's fixtures,
    _fixtureinfo, has no public equivalent)."""
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info else ()
    return any(defs and defs[-1].func in SLOW_FIXTURES for defs in definitions)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark slow tests, so that ``-m "not slow"`` is the everyday fast loop."""
    for item in items:
        module = item.module.__name__.rpartition(".")[2]  # edition.test_epub is test_epub
        if module in SLOW_MODULES or _needs_a_slow_fixture(item):
            item.add_marker(pytest.mark.slow)
