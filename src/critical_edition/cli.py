"""The edition's command line, for editors and pre-commit hooks; no Sphinx build needed.

python -m critical_edition check [DIR]      every cross-reference check of the register and texts
python -m critical_edition check-pdf DIR    the LaTeX log: missing glyphs and overfull lines
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .checks import ROLE_KINDS, check_all, evidence_problems, url_problems
from .model import Intervention, Mention, Problem
from .register import load_register, read_bibliography, split_front_matter
from .syntax import RoleText, SyntaxProblem, entity_id, scan_mentions, unclosed_roles

SKIP_DIRS = {"_build", ".nox", ".git", "node_modules", "tests", "benchmarks", ".venv", "venv", "src"}


def source_files(root: Path) -> list[Path]:
    """The MyST sources of an edition, in a stable order."""
    return sorted(
        p
        for p in root.rglob("*.md")
        if not SKIP_DIRS & set(p.relative_to(root).parts)
        and p.name not in ("README.md", "CONTRIBUTING.md", "BENCHMARKS.md")
    )


def scan(root: Path) -> tuple[list[Mention], list[Problem], list[Intervention]]:
    """Every entity mention of the sources, the roles that cannot be read, and the supplied text."""
    mentions: list[Mention] = []
    problems: list[Problem] = []
    supplied: list[Intervention] = []
    for path in source_files(root):
        shown = path.relative_to(root).as_posix()
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError as err:
            if path.relative_to(root).parts[0] != "annotations":  # the register reports its own files
                line = path.read_bytes()[: err.start].count(b"\n") + 1
                problems.append(
                    Problem("bad-encoding", f"{path.name} is not valid UTF-8", shown, line, "save the file as UTF-8")
                )
            continue
        offset = 0
        if text.startswith("---"):
            _, body, body_line, problem = split_front_matter(text)
            if not problem:
                text, offset = body, body_line - 1
        docname = shown.removesuffix(".md")
        for role, line in unclosed_roles(text):
            problems.append(
                Problem(
                    "bad-markup",
                    f"the {{{role}}} role has no closing backquote",
                    shown,
                    line + offset,
                    "end the role's text with ` on the same paragraph",
                )
            )
        for role, parsed, line in scan_mentions(text, with_supplied=True):
            if role == "supplied" and isinstance(parsed, RoleText):
                evidence = parsed.options.get("evidence", "")
                if evidence:
                    supplied.append(
                        Intervention("supplied", docname, "", parsed.reading, "", evidence=evidence, line=line + offset)
                    )
                if not parsed.target:
                    continue
            if isinstance(parsed, SyntaxProblem):
                problems.append(Problem("bad-markup", str(parsed), shown, line + offset, parsed.hint))
                continue
            assert isinstance(parsed, RoleText)
            kind = ROLE_KINDS.get(role)
            shown_text = parsed.reading
            mentions.append(Mention(entity_id(parsed), kind, shown_text, docname, shown, line + offset))
    return mentions, problems, supplied


def run_check(root: Path, orphans: str = "warning") -> list[Problem]:
    """All problems of the edition in ``root``."""
    register = load_register(root / "annotations", root)
    mentions, problems, supplied = scan(root)
    keys: set[str] | None = None
    if (root / "references.bib").exists():
        bib = read_bibliography(root / "references.bib", "references.bib")
        problems += bib.problems + url_problems(bib.urls, "references.bib")
        if not bib.problems:
            keys = bib.keys
            problems += evidence_problems(supplied, keys, lambda doc: f"{doc}.md")
    return problems + check_all(register, mentions, keys, orphans)


def format_problem(problem: Problem) -> str:
    """A problem in the form Sphinx prints warnings."""
    level = "INFO" if problem.severity == "info" else "WARNING"  # as Sphinx prints it; -W makes it fatal
    where = f"{problem.location()}: " if problem.path else ""
    return f"{where}{level}: {problem} [edition.{problem.code}]"


def check_pdf(directory: Path) -> list[str]:
    """Lines of the LaTeX logs that mean a missing glyph or an overfull line."""
    bad = []
    for log in sorted(directory.glob("*.log")):
        text = log.read_text(encoding="utf-8", errors="replace")
        for line in text.splitlines():
            if line.startswith("Missing character") or line.startswith("Overfull \\hbox"):
                bad.append(f"{log.name}: {line}")
    return bad


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m critical_edition", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="check the register and the cross-references")
    check.add_argument("directory", nargs="?", default=".", type=Path)
    check.add_argument("--orphans", choices=("warning", "info", "ignore"), default="warning")
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
    if not (root / "annotations").is_dir():
        print(f"{root}: no annotations/ folder here; give the edition's directory", file=sys.stderr)
        return 2
    problems = run_check(root, args.orphans)
    for problem in problems:
        print(format_problem(problem))
    failing = [p for p in problems if p.severity != "info"]
    print(f"{len(failing)} problem(s)" if failing else "no problems")
    return 1 if failing else 0
