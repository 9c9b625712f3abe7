"""Benchmarks of the edition tooling, reported as ratios measured side by side in one run.

    python benchmarks/run.py [--quick] [--out BENCHMARKS.md]

1. overhead: the edition build against the same texts as plain Markdown, without the extension,
   at 2 articles (50 entities) and at 500 articles (2,000 entities); target at most 1.15x;
2. scaling: 500 against 50 articles; target at most 11x (linear);
3. the checker alone on 100,000 mentions;
4. incremental: after touching one entity, which documents are read again; after touching one text,
   how long the rebuild takes; and a rebuild of the real edition in which nothing changed;
5. parallel: -j 2 against -j 1, for the edition and for plain MyST;
6. where the overhead goes: the plain texts with the extension's general speedups alone, with the
   extension loaded, then with the register and its mentions, then the whole edition (edited texts
   against their witnesses).
Each timing is the median of several runs, alternating the variants, so that a noisy machine
affects both sides alike.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

HERE = Path(__file__).parent
WORK = HERE / "_generated"


def sphinx_args(src: Path, jobs: int = 1, fresh: bool = True, quiet: bool = True) -> list[str]:
    """The sphinx-build command line for an HTML build of ``src`` into ``src/_build``."""
    out = src / "_build"
    return [
        sys.executable, "-m", "sphinx", "-b", "html",
        *(["-E"] if fresh else []), *(["-q"] if quiet else []),
        "-j", str(jobs), "-d", str(out / "doctrees"), str(src), str(out / "html"),
    ]  # fmt: skip


def build(src: Path, jobs: int = 1, fresh: bool = True) -> float:
    """Seconds for one HTML build of ``src`` (fresh environment unless told otherwise)."""
    args = sphinx_args(src, jobs, fresh)
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"build of {src} failed:\n{result.stderr[-2000:]}")
    return elapsed


def medians(sources: list[Path], runs: int) -> list[float]:
    """Median build times of several sources, measured alternately (one build of each, then again)."""
    times: list[list[float]] = [[] for _ in sources]
    for _ in range(runs):
        for seconds, src in zip(times, sources, strict=True):
            seconds.append(build(src))
    return [statistics.median(seconds) for seconds in times]


def median_pair(a: Path, b: Path, runs: int) -> tuple[float, float]:
    """Median build times of two sources, measured alternately."""
    first, second = medians([a, b], runs)
    return first, second


def checker_on(mentions: int) -> tuple[float, int]:
    """Seconds for every check over a register of 2,000 entities and ``mentions`` mentions."""
    from critical_edition.core.checks import check_all
    from critical_edition.core.model import Entity, Mention
    from critical_edition.core.register import Register

    register = Register()
    for i in range(2000):
        register.entities[f"e{i}"] = Entity(
            f"e{i}",
            "person",
            f"Name {i}",
            "A gloss of some length.",
            ("src",),
            dates={"born": "1900"},
            path=f"annotations/person/e{i}.md",
        )
    items = [
        Mention(f"e{i % 2100}", "person", f"Name {i % 2100}", "articles/a", "articles/a.md", i) for i in range(mentions)
    ]
    start = time.perf_counter()
    problems = check_all(register, items, {"src"})
    return time.perf_counter() - start, len(problems)


def incremental(src: Path) -> tuple[int, int, list[str]]:
    """Touch one entity that the texts mention: (documents mentioning it, documents read again, their names)."""
    build(src)
    first_article = sorted((src / "articles").glob("*.md"))[0].read_text()
    entity_id = re.search(r"<(e\d+)>", first_article).group(1)  # type: ignore[union-attr]
    entity = next((src / "annotations").glob(f"*/{entity_id}.md"))
    mentioning = sum(f"<{entity_id}>" in p.read_text() for p in (src / "articles").glob("*.md"))
    entity.write_text(entity.read_text().replace("made for measuring", "made for measuring again"))
    args = sphinx_args(src, fresh=False, quiet=False)
    out = subprocess.run(args, capture_output=True, text=True, check=True, env={**os.environ, "NO_COLOR": "1"}).stdout
    read = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", re.sub(r"\x1b\[[0-9;]*m", "", out))
    return mentioning, len(read), read


def touch_one_text(src: Path, build_args: list[str]) -> tuple[float, list[str]]:
    """After a build, touch one text (as an editor saving it): seconds of the rebuild, documents read again."""
    subprocess.run(build_args, capture_output=True, text=True, check=True)
    article = sorted((src / "articles").glob("*.md"))[0]
    os.utime(article)
    args = [a for a in build_args if a not in ("-E", "-q")]
    start = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True, check=True, env={**os.environ, "NO_COLOR": "1"}).stdout
    elapsed = time.perf_counter() - start
    return elapsed, re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", re.sub(r"\x1b\[[0-9;]*m", "", out))


def real_edition(out: Path) -> tuple[float, float, list[str], float]:
    """The real edition: a full HTML build, a rebuild after touching one text (seconds, documents read), and
    a rebuild in which nothing changed (what any build costs)."""
    root = HERE.parent
    args = [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-q", "-d", str(out / "doctrees"), str(root),
            str(out / "html")]  # fmt: skip
    start = time.perf_counter()
    subprocess.run(args, capture_output=True, text=True, check=True)
    full = time.perf_counter() - start
    partial, read = touch_one_text(root, args)
    start = time.perf_counter()
    subprocess.run([a for a in args if a != "-E"], capture_output=True, text=True, check=True)
    return full, partial, read, time.perf_counter() - start


def machine() -> str:
    """A line describing this machine."""
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        kb = int(next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores{mem}, {system}, Python {platform.python_version()}"


def main() -> None:
    """Run every benchmark and write the table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller editions and fewer runs (a smoke test)")
    parser.add_argument("--out", type=Path, default=HERE.parent / "BENCHMARKS.md")
    args = parser.parse_args()
    big, small, runs = (100, 10, 1) if args.quick else (500, 50, 1)  # a 500-article build takes minutes
    big_entities = 400 if args.quick else 2000
    rows: list[tuple[str, str, str, str]] = []

    generate(WORK / "two", 2, 50, 40)
    edition, plain = median_pair(WORK / "two" / "edition", WORK / "two" / "plain", 5)
    rows.append(
        ("overhead, 2 articles, 50 entities", f"{edition:.2f} s vs {plain:.2f} s", f"{edition / plain:.2f}x", "≤ 1.15x")
    )
    print(rows[-1], flush=True)

    generate(WORK / "big", big, big_entities, 40)
    edition_big, plain_big = median_pair(WORK / "big" / "edition", WORK / "big" / "plain", runs)
    rows.append(
        (
            f"overhead, {big} articles, {big_entities} entities",
            f"{edition_big:.1f} s vs {plain_big:.1f} s",
            f"{edition_big / plain_big:.2f}x",
            "≤ 1.15x",
        )
    )
    print(rows[-1], flush=True)

    generate(WORK / "small", small, big_entities // (big // small), 40)  # texts and entities scale together
    small_time = statistics.median(build(WORK / "small" / "edition") for _ in range(runs))
    rows.append(
        (
            f"scaling, {big} articles and {big_entities} entities against {small} and {big_entities // (big // small)}",
            f"{edition_big:.1f} s vs {small_time:.1f} s",
            f"{edition_big / small_time:.2f}x",
            f"≤ {big // small + 1}x (linear)",
        )
    )
    print(rows[-1], flush=True)

    seconds, found = checker_on(100_000)
    seconds_10k, _ = checker_on(10_000)
    rows.append(
        (
            "checker alone, 100,000 mentions (against 10,000)",
            f"{seconds:.2f} s vs {seconds_10k:.2f} s",
            f"{seconds / seconds_10k:.1f}x",
            "≈ 10x (linear)",
        )
    )
    print(rows[-1], found, flush=True)

    mentioning, read, names = incremental(WORK / "small" / "edition")
    rows.append(
        (
            "incremental: touch one entity",
            f"{read} documents read again",
            f"{mentioning} articles mention it",
            "only those, plus the entity and register pages",
        )
    )
    print(rows[-1], names, flush=True)

    seconds_text, read_text = touch_one_text(WORK / "small" / "edition", sphinx_args(WORK / "small" / "edition"))
    rows.append(
        (
            "incremental: touch one text (synthetic edition)",
            f"{len(read_text)} document(s) read again, {seconds_text:.1f} s",
            f"{small_time and seconds_text / small_time:.2f}x of a full build",
            "only that text",
        )
    )
    print(rows[-1], read_text, flush=True)

    full, partial, read_real, unchanged = real_edition(WORK / "real")
    rows.append(
        (
            "incremental: the real edition, touch one text",
            f"{partial:.1f} s vs {full:.1f} s ({len(read_real)} read again)",
            f"{partial / full:.2f}x",
            "≤ 0.15x",
        )
    )
    print(rows[-1], read_real, flush=True)
    rows.append(
        (
            "incremental: the real edition, nothing changed",
            f"{unchanged:.1f} s vs {full:.1f} s",
            f"{unchanged / full:.2f}x",
            "(what any build costs)",
        )
    )
    print(rows[-1], flush=True)

    serial = edition_big  # measured above with -j 1
    parallel = statistics.median(build(WORK / "big" / "edition", jobs=2) for _ in range(runs))
    rows.append(
        (
            f"parallel, {big} articles: -j 2 against -j 1",
            f"{parallel:.1f} s vs {serial:.1f} s",
            f"{parallel / serial:.2f}x",
            "≤ 0.65x",
        )
    )
    print(rows[-1], flush=True)
    parallel_plain = statistics.median(build(WORK / "big" / "plain", jobs=2) for _ in range(runs))
    rows.append(
        (
            f"parallel, {big} articles as plain MyST: -j 2 against -j 1",
            f"{parallel_plain:.1f} s vs {plain_big:.1f} s",
            f"{parallel_plain / plain_big:.2f}x",
            "(what Sphinx gains without the edition)",
        )
    )
    print(rows[-1], flush=True)

    layers = 10 if args.quick else 100
    generate(WORK / "layers", layers, layers * 4, 40, layers=True)
    what = {
        "speedups": "plain MyST with the extension's general speedups alone (navigation, collector)",
        "extension": "the extension loaded, no register (cite box, metadata, exports)",
        "mentions": "the register and its mentions, no edited text",
        "edition": "the whole edition (edited texts against their witnesses)",
    }
    base, *layered = medians([WORK / "layers" / v for v in ("plain", *what)], 3)
    for label, seconds in zip(what.values(), layered, strict=True):
        rows.append((f"layers, {layers} articles: {label}", f"{seconds:.1f} s vs {base:.1f} s plain",
                     f"{seconds / base:.2f}x", "(where the overhead goes)"))  # fmt: skip
        print(rows[-1], flush=True)

    table = ["| measurement | times | ratio | target |", "|---|---|---|---|"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = (
        "# Benchmarks\n\n"
        f"Measured with `nox -s bench` ({'quick' if args.quick else 'full'} run) on: {machine()}.\n"
        "HTML builds with sphinx-book-theme; each timing is the median of alternating runs, so that the "
        "two sides of a ratio share the machine's noise.\n\n" + "\n".join(table) + "\n"
    )
    reading = args.out.read_text().partition("\n## ")[2] if args.out.exists() else ""
    args.out.write_text(text + (f"\n## {reading}" if reading else ""))  # the prose under the table is kept
    print(text)


if __name__ == "__main__":
    main()
