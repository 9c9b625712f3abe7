"""The edition's command line, for editors and pre-commit hooks.

python -m critical_edition check [DIR]      every check the build makes, and nothing else
python -m critical_edition check-pdf DIR    the LaTeX log: missing glyphs, overfull boxes, hopeless lines

``check`` reads the edition exactly as the build does (its conf.py, the same parser, the witness and
fidelity checks), with Sphinx's ``dummy`` builder, which writes no pages: an editor's quick check
reports what the build would report, in the same words.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import tempfile
from pathlib import Path

PROBLEM_LINE = re.compile(r"\b(WARNING|ERROR|CRITICAL):")


def run_check(root: Path, orphans: str | None = None) -> list[str]:
    """The warnings a build of the edition in ``root`` gives, one line each, as Sphinx prints them."""
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    nocolor()
    warnings = io.StringIO()
    overrides = {"edition_orphans": orphans} if orphans else {}
    with tempfile.TemporaryDirectory() as out, patch_docutils(root), docutils_namespace():
        app = Sphinx(
            root,
            root,
            out,
            Path(out, "doctrees"),
            "dummy",
            overrides,
            status=None,
            warning=warnings,
            freshenv=True,
            keep_going=True,
        )
        app.build(force_all=True)
    return [line for line in warnings.getvalue().splitlines() if PROBLEM_LINE.search(line)]


HOPELESS_LINES_ALLOWED = 10
"""How many underfull lines of badness 10000 (narrow table cells, long addresses) the PDF may have."""


def check_pdf(directory: Path) -> list[str]:
    """Lines of the LaTeX logs that mean a missing glyph or an overfull box, and too many hopeless lines."""
    bad = []
    for log in sorted(directory.glob("*.log")):
        text = log.read_text(encoding="utf-8", errors="replace")
        hopeless = 0
        for line in text.splitlines():
            if line.startswith("Missing character") or line.startswith("Overfull \\"):
                bad.append(f"{log.name}: {line}")
            hopeless += line.startswith("Underfull \\hbox (badness 10000)")
        if hopeless > HOPELESS_LINES_ALLOWED:
            bad.append(f"{log.name}: {hopeless} underfull lines of badness 10000 (at most {HOPELESS_LINES_ALLOWED})")
    return bad


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m critical_edition", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="run every check of the build, without writing pages")
    check.add_argument("directory", nargs="?", default=".", type=Path)
    check.add_argument("--orphans", choices=("warning", "info", "ignore"), help="override edition_orphans of conf.py")
    pdf = sub.add_parser("check-pdf", help="check the LaTeX log for missing glyphs and overfull lines")
    pdf.add_argument("directory", type=Path)
    args = parser.parse_args(argv)

    if args.command == "check-pdf":
        if not any(args.directory.glob("*.log")):
            print(f"no LaTeX log in {args.directory}: build the PDF first", file=sys.stderr)
            return 2
        bad = check_pdf(args.directory)
        for line in bad:
            print(line)
        print(f"{len(bad)} missing glyph or overfull line(s)" if bad else "PDF log: no missing glyph, no overfull line")
        return 1 if bad else 0

    root: Path = args.directory
    if not (root / "conf.py").is_file():
        print(f"{root}: no conf.py here; give the edition's directory", file=sys.stderr)
        return 2
    try:
        problems = run_check(root.resolve(), args.orphans)
    except Exception as err:  # a broken conf.py or extension: say what, without a traceback
        print(f"{root}: the edition cannot be read: {type(err).__name__}: {err}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)" if problems else "no problems")
    return 1 if problems else 0
