"""Reading a profile: the shipped defaults, an edition's file merged over them, every mistake located.

An edition's profile is YAML, read with the safe loader (no tags, no anchors or aliases, no key twice).
It is merged over the defaults by key: a mapping merges into the mapping it replaces, ``null`` removes an
entry, any other value replaces the default. Every invalid value is an ``Invalid`` at its line of the file,
with a hint; the caller reports it (the Sphinx layer as the problem ``profile``). Nothing here raises on bad
input.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .consistency import Location, cross_references
from .schema import Profile

DEFAULTS = Path(__file__).with_name("default.yaml")
"""The profile every edition starts from."""

MAX_BYTES = 1_000_000
"""A profile larger than this is refused rather than read."""


@dataclass(frozen=True)
class Invalid:
    """What is wrong in a profile file: the line, the message, what to do."""

    line: int
    message: str
    hint: str


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing a key given twice (YAML would keep the last) and anchors or aliases."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, "anchors and aliases (& and *) are not allowed", event.start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(None, None, "anchors and aliases (& and *) are not allowed", event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[no-untyped-call]
            if key in seen:
                raise yaml.MarkedYAMLError(None, None, f"'{key}' is given twice", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


FIELDS_HINT = "every field of the profile is in the manual's reference, The edition profile"


def read_yaml(text: str) -> tuple[Any, dict[Location, int], Invalid | None]:
    """The data of a YAML text, the line of every value by its path, or what stops it being read."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None  # type: ignore[no-untyped-call]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        return None, {}, Invalid(mark.line + 1 if mark else 1, f"the file is not YAML: {problem}",
                                 "check the indentation, colons and quotes on this line")  # fmt: skip
    except ValueError as err:  # a value Python refuses to construct
        return None, {}, Invalid(1, f"a value cannot be read: {err}", "write numbers and dates as quoted text")
    finally:
        loader.dispose()  # type: ignore[no-untyped-call]
    lines: dict[Location, int] = {}

    def walk(n: yaml.Node, path: Location) -> None:
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                lines[(*path, key.value)] = key.start_mark.line + 1
                walk(value, (*path, key.value))
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                lines[(*path, i)] = item.start_mark.line + 1
                walk(item, (*path, i))

    if node is not None:
        walk(node, ())
    return data, lines, None


def merged(base: Any, over: Any) -> Any:
    """``over`` merged into ``base`` by key: mappings merge, ``None`` removes an entry, anything else replaces."""
    if not (isinstance(base, dict) and isinstance(over, dict)):
        return over
    result = dict(base)
    for key, value in over.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merged(base.get(key), value)
    return result


@functools.cache
def default_data() -> dict[str, Any]:
    """The shipped defaults, as data, read by libyaml where PyYAML has it: the file is ours, and read by
    ``read_yaml`` in a test (no key twice, no anchor); the Python loader took 40 ms of every build's start."""
    data = yaml.load(DEFAULTS.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert isinstance(data, dict), DEFAULTS
    return data


@functools.cache
def default_profile() -> Profile:
    """The shipped defaults, validated (a test keeps them valid)."""
    profile, problems = validated(default_data(), {})
    assert not problems, problems
    return profile


def validated(
    data: Any, lines: dict[Location, int], taken_roles: Collection[str] = ()
) -> tuple[Profile, list[Invalid]]:
    """The profile ``data`` describes, or the defaults and what is wrong with it (located by ``lines``); a kind
    cannot take a role of ``taken_roles`` (those other extensions have registered)."""
    try:
        profile = Profile.model_validate(data)
    except ValidationError as err:
        return default_profile(), [_invalid(e, lines) for e in err.errors()]
    problems = [
        Invalid(_line(i.where, lines, i.named), f"{_dotted(i.where)}: {i.message}", i.hint)
        for i in cross_references(profile, taken_roles)
    ]
    return (default_profile(), problems) if problems else (profile, [])


def profile_from_text(text: str, taken_roles: Collection[str] = ()) -> tuple[Profile, list[Invalid]]:
    """The profile of an edition whose file holds ``text``, merged over the defaults."""
    data, lines, invalid = read_yaml(text)
    if invalid is not None:
        return default_profile(), [invalid]
    if data is None:
        return default_profile(), []
    if not isinstance(data, dict):
        return default_profile(), [Invalid(1, "the profile is not a mapping of sections", "write 'kinds:', "
                                           "'licence:' … at the start of a line")]  # fmt: skip
    return validated(merged(default_data(), data), lines, taken_roles)


def load_profile(path: Path, taken_roles: Collection[str] = ()) -> tuple[Profile, list[Invalid]]:
    """The profile of an edition from its file (which the caller has found inside the project)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return default_profile(), [Invalid(1, f"the file is larger than {MAX_BYTES:,} bytes", "a profile is a "
                                               "page of settings; shorten it")]  # fmt: skip
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return default_profile(), [Invalid(raw[: err.start].count(b"\n") + 1, "the file is not UTF-8",
                                           "save it as UTF-8")]  # fmt: skip
    except OSError as err:
        return default_profile(), [Invalid(1, f"the file cannot be read: {err.strerror}", "check the path")]
    return profile_from_text(text, taken_roles)


def _dotted(where: Location) -> str:
    return ".".join(str(p) for p in where if p != "[key]") or "the profile"


def _line(where: Location, lines: dict[Location, int], named: Location = ()) -> int:
    """The line of a value; for a default the file leaves as it is, the line where the file removes what the value
    names (``named``: ``kinds: {event: null}``), else the nearest thing around the value that the file has."""
    if where not in lines and named in lines:
        return lines[named]
    return next((lines[where[:i]] for i in range(len(where), 0, -1) if where[:i] in lines), 1)


def _invalid(error: Any, lines: dict[Location, int]) -> Invalid:
    where = tuple(p for p in error["loc"] if not (isinstance(p, str) and p.startswith(("function-", "literal["))))
    where = tuple(p for p in where if p not in ("str", "dict[str,str]", "dict[str,Annotated[str,StringConstraints]]"))
    line = _line(tuple(p for p in where if p != "[key]"), lines)
    kind = error["type"]
    if kind == "extra_forbidden":
        known = _known_keys(where[:-1])
        close = difflib.get_close_matches(str(where[-1]), known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(known)}"
        return Invalid(line, f"unknown key '{where[-1]}' in {_dotted(where[:-1])}", hint)
    if kind == "missing":
        return Invalid(line, f"{_dotted(where)} is missing", FIELDS_HINT)
    message = str(error["msg"]).removeprefix("Value error, ")
    given = error.get("input")
    shown = f" (given: {given!r})" if isinstance(given, str | int | float | bool) and str(given) not in message else ""
    return Invalid(line, f"{_dotted(where)}: {message}{shown}", FIELDS_HINT)


def _known_keys(where: Location) -> list[str]:
    """The keys a mapping of the profile may have, found by walking the schema along ``where``."""
    model: Any = Profile
    skip = False  # the next part is the key of a mapping or the index of a list
    for part in where:
        if skip:
            skip = False
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return []
        model = _inner_model(model.model_fields[str(part)].annotation)
        if isinstance(model, tuple):
            model, skip = model[0], True
    return list(model.model_fields) if not skip and isinstance(model, type) and issubclass(model, BaseModel) else []


def _inner_model(annotation: Any) -> Any:
    """The model a field holds (itself), or (model,) for a mapping of models or a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    args = getattr(annotation, "__args__", ())
    if args and isinstance(args[-1], type) and issubclass(args[-1], BaseModel):
        return (args[-1],)
    return None
