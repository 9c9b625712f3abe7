"""A new edition in two commands: ``critical-edition new DIR``, then ``nox -s docs`` and ``nox -s tests`` in it.

The fast tests call the command in this interpreter and check what it writes; the slow one does what a new
editor does, with nothing of this checkout on any path: it builds this project's wheel, installs it and nox in a
clean virtual environment, writes a new edition with the installed command, and runs both sessions there, which
install critical-edition from the wheel (pip's --find-links, through PIP_FIND_LINKS).
"""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from helpers import ROOT, build_package, run_forked

import critical_edition
from critical_edition import cli

STARTER = ROOT / "src" / "critical_edition" / "starter"


def normalised(pin: str) -> str:
    """A ``name==version`` line with the name as pip compares names (lower case, ``-`` for ``_`` and ``.``)."""
    name, _, version = pin.strip().partition("==")
    return f"{re.sub(r'[-_.]+', '-', name).lower()}=={version}"


def pins(path: Path) -> dict[str, str]:
    """The ``name==version`` lines of a constraints file, normalised, by name."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = [normalised(line) for line in lines if line.strip() and not line.startswith("#")]
    return {pin.partition("==")[0]: pin for pin in found}


def nox_pin(run_script: Path) -> str:
    """The version of nox a CI script installs."""
    found = re.search(r'"nox==([^"]+)"', run_script.read_text(encoding="utf-8"))
    assert found, run_script
    return found[1]


def starter_files() -> list[str]:
    """Every file of the starter, dot-files included, relative to it."""
    return sorted(p.relative_to(STARTER).as_posix() for p in STARTER.rglob("*") if p.is_file()
                  and "__pycache__" not in p.parts)  # fmt: skip


def test_new_writes_the_starter_with_its_title_its_own_book_identifier_and_the_package_pin(tmp_path: Path,
                                                                                           capsys) -> None:
    title = 'Letters of "Someone\'s" Circle'
    assert cli.main(["new", str(tmp_path / "a"), "--title", title]) == 0
    assert "nox -s docs && nox -s tests" in capsys.readouterr().out
    assert cli.main(["new", str(tmp_path / "b")]) == 0
    written = sorted(p.relative_to(tmp_path / "a").as_posix() for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert written == starter_files()
    a, b = (runpy.run_path(str(tmp_path / name / "conf.py")) for name in "ab")
    assert (a["project"], b["project"]) == (title, cli.STARTER_TITLE)
    assert (tmp_path / "a" / "index.md").read_text(encoding="utf-8").startswith(f"# {title}\n")
    assert (tmp_path / "a" / "README.md").read_text(encoding="utf-8").startswith(f"# {title}\n")
    for conf in (a, b):  # a UUID that is also an XML id, and the same in both places (EPUBCheck's NCX-001)
        assert re.fullmatch(r"[a-f][0-9a-f]{7}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", conf["epub_uid"])
        assert conf["epub_identifier"] == conf["epub_uid"]
    assert a["epub_uid"] != b["epub_uid"]  # each edition is a book of its own
    constraints = (tmp_path / "a" / "constraints.txt").read_text(encoding="utf-8")
    assert constraints.splitlines()[-1] == f"critical-edition=={critical_edition.__version__}"
    assert os.access(tmp_path / "a" / ".ci" / "run", os.X_OK)


@pytest.mark.parametrize("title", ["", "  ", "Two\nlines"])
def test_new_refuses_a_title_that_is_not_one_line(tmp_path: Path, capsys, title: str) -> None:
    assert cli.main(["new", str(tmp_path / "ed"), "--title", title]) == 2
    assert "the title must be one line of text" in capsys.readouterr().err
    assert not (tmp_path / "ed").exists()


def test_new_refuses_a_folder_that_is_not_empty_and_writes_nothing(tmp_path: Path, capsys) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert cli.main(["new", str(tmp_path)]) == 2
    assert f"{tmp_path} is not empty" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert cli.main(["new", str(tmp_path / "notes.txt")]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_a_new_edition_passes_every_check(tmp_path: Path) -> None:
    cli.new_edition(tmp_path / "ed")
    result, _ = run_forked("critical_edition", "check", tmp_path / "ed", env={"NO_COLOR": "1"})
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_starter_pins_what_this_project_pins() -> None:
    ours = pins(ROOT / "constraints.txt")
    starters = pins(STARTER / "constraints.txt")
    assert "sphinx" in starters and "critical-edition" not in starters  # new writes the package's own pin
    assert {name: line for name, line in starters.items() if ours.get(name) != line} == {}
    assert nox_pin(STARTER / ".ci" / "run") == nox_pin(ROOT / ".ci" / "run")


def clean_environment(venv: Path, wheels: Path) -> dict[str, str]:
    """This process's environment without anything of this checkout: no PYTHONPATH, no virtual environment of
    its own, the clean one first on PATH, and pip told where the wheel is."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and not p.startswith(str(ROOT))]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *path])
    env["PIP_FIND_LINKS"] = " ".join([str(wheels), *env.get("PIP_FIND_LINKS", "").split()])
    return env


def run(command: list[str | Path], cwd: Path, env: dict[str, str]) -> None:
    """Run a command as a user would, failing the test with its output if it fails."""
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{command}:\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}"


@pytest.mark.slow
def test_a_new_edition_builds_and_passes_its_tests_from_a_clean_venv_with_the_wheel(tmp_path: Path) -> None:
    wheel, = build_package(tmp_path / "package", "--wheel")
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name.removeprefix("critical_edition/starter/") for name in archive.namelist()
                   if name.startswith("critical_edition/starter/")}  # fmt: skip
    assert shipped == set(starter_files())
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    env = clean_environment(venv, wheel.parent)
    run([venv / "bin" / "python", "-m", "pip", "install", "-q", f"nox=={nox_pin(ROOT / '.ci' / 'run')}",
         "-c", STARTER / "constraints.txt", wheel], tmp_path, env)  # fmt: skip
    edition = tmp_path / "my-edition"
    run([venv / "bin" / "critical-edition", "new", edition, "--title", "My Edition"], tmp_path, env)
    run([venv / "bin" / "nox", "-s", "docs"], edition, env)
    run([venv / "bin" / "nox", "-s", "tests"], edition, env)
    for output in ("_build/html/index.html", "_build/html/texts/sample-notice.html", "_build/latex/edition.pdf",
                   "_build/epub/edition.epub", "_build/tei/sample-notice.xml"):  # fmt: skip
        assert (edition / output).is_file(), output
    # the sessions used the wheel, and every package they installed is pinned
    docs = edition / ".nox" / "docs" / "bin" / "python"
    where = subprocess.run([docs, "-c", "import critical_edition; print(critical_edition.__file__)"],
                           capture_output=True, text=True, check=True, env=env).stdout  # fmt: skip
    assert where.startswith(str(edition / ".nox" / "docs")), where
    frozen = subprocess.run([docs, "-m", "pip", "freeze"], capture_output=True, text=True, check=True, env=env)
    pinned = set(pins(edition / "constraints.txt").values())
    unpinned = [line for line in frozen.stdout.splitlines() if normalised(line) not in pinned]
    assert unpinned == [], "installed but not pinned in the starter's constraints.txt"
