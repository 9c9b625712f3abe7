"""The edition's command line, for editors, CI and pre-commit hooks.

python -m critical_edition check [DIR]      every check the build makes, and nothing else
    --format text|json|github|sarif|junit   the report's format (text: the build's own lines; see
                                            critical_edition.core.report_formats for the others)
    --output FILE                           write the report there instead of to standard output
python -m critical_edition codes            every problem code: what it means, what to do, its severity
python -m critical_edition check-pdf DIR    the LaTeX log: missing glyphs, overfull boxes, hopeless lines
python -m critical_edition new DIR          a new edition in DIR (--title TITLE): a sample text with its
                                            witness, two register entries, a bibliography, nox sessions, CI

``check`` reads the edition exactly as the build does (its conf.py, the same parser, the witness and
fidelity checks), with Sphinx's ``dummy`` builder, which writes no pages: an editor's quick check
reports what the build would report, in the same words. It exits with 1 when it finds anything
(``-W`` fails the build on the same warnings), 2 when the edition cannot be read. Installed, the
package also gives the command ``critical-edition`` (``critical-edition check .``).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import sys
import tempfile
import uuid
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util.console import nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils

from . import __version__
from .core.report_formats import FORMATS, Finding, codes_json, codes_text, read_warning


class _Warnings(io.StringIO):
    """Sphinx's warning stream, keeping each warning apart: the logging handler writes a record in one call."""

    def __init__(self) -> None:
        super().__init__()
        self.written: list[str] = []

    def write(self, text: str) -> int:
        """Keep one warning (a record's whole text, its line breaks included)."""
        if text.strip():
            self.written.append(text)
        return super().write(text)


def _base(root: Path) -> Path:
    """What the findings' paths are relative to: the current folder (a repository's root, in CI) when the
    edition lies in it, so that GitHub and SARIF find the files; else the edition's folder."""
    here = Path.cwd().resolve()
    return here if root == here or here in root.parents else root


def run_check(root: Path, orphans: str | None = None) -> list[Finding]:
    """The warnings a build of the edition in ``root`` (an absolute path) gives, as findings."""
    nocolor()
    warnings = _Warnings()
    overrides: dict[str, object] = {"show_warning_types": True}  # every warning names its code, whatever conf.py says
    if orphans:
        overrides["edition_orphans"] = orphans
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
    base = _base(root).as_posix()
    return [read_warning(text, base) for text in warnings.written]


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


STARTER = Path(__file__).parent / "starter"
"""The files ``new`` copies: a minimal edition whose every page is a sample for the editor to replace."""
STARTER_TITLE = "A New Edition"
"""The starter's title, written once in each of the files of ``TITLED_FILES``; ``--title`` replaces it."""
TITLED_FILES = {
    "conf.py": f'project = "{STARTER_TITLE}"',
    "index.md": f"# {STARTER_TITLE}",
    "README.md": f"# {STARTER_TITLE}",
}
"""Where the starter writes its title, and how."""
EPUB_IDENTIFIER = "EPUB-IDENTIFIER"
"""The placeholder of the book's identifier in the starter's conf.py: ``new`` writes a UUID of its own."""


def book_identifier() -> str:
    """A new random UUID that begins with a letter, so that it is also a valid XML id (conf.py's epub_uid)."""
    while not (found := str(uuid.uuid4()))[0].isalpha():
        pass
    return found


def new_edition(directory: Path, title: str = STARTER_TITLE) -> None:
    """Write the starter edition into ``directory`` (absent or empty), titled ``title``, with a book identifier
    of its own and ``critical-edition`` pinned at this version in its constraints; ValueError if it cannot."""
    if "\n" in title or "\r" in title or not title.strip():
        raise ValueError("the title must be one line of text")
    if directory.exists() and not directory.is_dir():
        raise ValueError(f"{directory} is a file, not a folder")
    if directory.is_dir() and any(directory.iterdir()):
        raise ValueError(f"{directory} is not empty: give a new or an empty folder, so that nothing is overwritten")
    ignore = shutil.ignore_patterns("__pycache__", "_build", ".nox", ".pytest_cache")
    shutil.copytree(STARTER, directory, ignore=ignore, dirs_exist_ok=True)
    for name, line in TITLED_FILES.items():
        titled = line.replace(f'"{STARTER_TITLE}"', repr(title)).replace(STARTER_TITLE, title.strip())
        _replace_once(directory / name, line, titled)
    _replace_once(directory / "conf.py", EPUB_IDENTIFIER, book_identifier())
    with (directory / "constraints.txt").open("a", encoding="utf-8") as constraints:
        constraints.write(f"critical-edition=={__version__}\n")
    (directory / ".ci" / "run").chmod(0o755)


def _replace_once(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in the file ``path`` by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the starter's {path.name} must hold {old!r} once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m critical_edition", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="run every check of the build, without writing pages")
    check.add_argument("directory", nargs="?", default=".", type=Path)
    check.add_argument("--orphans", choices=("warning", "info", "ignore"), help="override edition_orphans of conf.py")
    check.add_argument("--format", choices=tuple(FORMATS), default="text", help="the report's format (default: text)")
    check.add_argument("--output", type=Path, help="write the report to this file (default: standard output)")
    codes = sub.add_parser("codes", help="list every problem code, what it means and what to do")
    codes.add_argument("--format", choices=("text", "json"), default="text")
    pdf = sub.add_parser("check-pdf", help="check the LaTeX log for missing glyphs and overfull lines")
    pdf.add_argument("directory", type=Path)
    new = sub.add_parser("new", help="write a new edition: a sample text, its witness, two entities, nox sessions")
    new.add_argument("directory", type=Path, help="a new or empty folder")
    new.add_argument("--title", default=STARTER_TITLE, help=f"the edition's title (default: {STARTER_TITLE})")
    args = parser.parse_args(argv)

    if args.command == "new":
        try:
            new_edition(args.directory, args.title)
        except (ValueError, OSError) as err:
            print(f"critical-edition new: {err}", file=sys.stderr)
            return 2
        print(f"A new edition in {args.directory}: every page is a sample to replace (see its README.md).")
        print(f"Build it and test it:  cd {args.directory} && nox -s docs && nox -s tests")
        return 0

    if args.command == "codes":
        print(codes_json() if args.format == "json" else codes_text(), end="")
        return 0

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
        findings = run_check(root.resolve(), args.orphans)
    except Exception as err:  # a broken conf.py or extension: say what, without a traceback
        print(f"{root}: the edition cannot be read: {type(err).__name__}: {err}", file=sys.stderr)
        return 2
    report = FORMATS[args.format](findings)
    if args.output:
        args.output.write_text(report, encoding="utf-8")
        print(f"{len(findings)} problem(s) written to {os.fspath(args.output)}" if findings else "no problems")
    else:
        sys.stdout.write(report)
    return 1 if findings else 0
