"""The edition's own tests: it builds with warnings as errors, every check passes, each witness matches its digest."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_the_html_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html", ROOT, tmp_path],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert build.returncode == 0, build.stderr
    assert (tmp_path / "index.html").is_file()


def test_every_check_of_the_edition_passes() -> None:
    check = subprocess.run([sys.executable, "-m", "critical_edition", "check", ROOT],
                           capture_output=True, text=True, check=False)  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr


def test_each_witness_matches_its_recorded_digest() -> None:
    lines = (ROOT / "witnesses" / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    recorded = {name: digest for digest, name in (line.split(maxsplit=1) for line in lines if line.strip())}
    assert recorded, "witnesses/SHA256SUMS records no witness"
    for name, digest in recorded.items():
        assert hashlib.sha256((ROOT / "witnesses" / name).read_bytes()).hexdigest() == digest, name
