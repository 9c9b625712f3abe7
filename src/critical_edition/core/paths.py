"""Where a file named by the edition's sources may lie: inside the project, once every link is followed.

Content is data: a page, a register file or a bibliography may name a file (a witness, an image, an
included file, a download), and the build reads or publishes what it names. So every such path is
checked here, after symbolic links are resolved, before anything is read.
"""

from __future__ import annotations

import os
from pathlib import Path


def is_inside(path: Path | str, root: Path | str) -> bool:
    """Whether ``path``, once every link is followed, lies inside ``root`` (itself resolved)."""
    try:
        return Path(path).resolve().is_relative_to(Path(root).resolve())
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL byte: not a path inside the project
        return False


def display_path(path: Path, root: Path) -> str:
    """The path of a file relative to the project: the path of a link itself, not of what it leads to."""
    for candidate, base in ((path.absolute(), root.absolute()), (path.resolve(), root.resolve())):
        try:
            return candidate.relative_to(base).as_posix()
        except ValueError:
            continue
    return path.as_posix()


def outside_hint(path: Path) -> str:
    """What to do about a path that leads outside the project."""
    target = Path(path).resolve()
    if target != Path(os.path.normpath(Path(path).absolute())):
        return f"it is a link to {target.as_posix()}; copy the file into the project instead"
    return "name a file inside the project, by a path relative to the page or to the project's root"
