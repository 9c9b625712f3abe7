"""Load and validate the register: one Markdown file per entity under ``annotations/<kind>/``.

A register file is YAML front matter (the structured data) followed by the annotation in MyST.
The front matter is validated by a pydantic schema; every error names the file, the line and the
field. Loading never raises on bad input: it returns problems.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ..profile import active
from .collation import register_order
from .model import Entity, Name, Problem, Relation
from .paths import display_path, is_inside, outside_hint
from .syntax import control_characters, shorten, with_article, without_control_characters
from .vocabulary import ENTITY_ID, canonical_language_tag

MAX_FILE_BYTES = 1_000_000
"""A register file larger than this is refused rather than read."""

MAX_NESTING = 20
"""How deeply lists and mappings may nest in a register file (an entry needs three levels).

PyYAML composes nested collections recursively: a few hundred levels exhaust Python's stack,
and its scanner slows down with the square of the depth, so deeper files are refused early.
"""

LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""Characters that end a line (those of ``str.splitlines``): a name is one line of text."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class _UniqueKeys:
    """A YAML loader that refuses a field given twice (YAML would silently keep the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"field '{key}' is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep)  # type: ignore[misc,no-any-return]


class _UniqueKeyLoader(_UniqueKeys, yaml.SafeLoader):
    """PyYAML's safe loader in Python, whose error messages the documentation quotes."""


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""PyYAML's safe loader in C (libyaml) where PyYAML was built with it: the same YAML, read faster; a file it
cannot read is read again by the Python loader, for its messages."""


class _FastUniqueKeyLoader(_UniqueKeys, _FAST_LOADER):  # type: ignore[valid-type,misc]
    """The safe loader in C, refusing a field given twice."""


def _read_yaml(front: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    """The front matter composed once (its node gives the fields' lines) and its data constructed from it."""
    loader = loader_class(front)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _one_line(value: str) -> str:
    """Refuse a name that spans lines: it would break index entries, headings and exports."""
    if any(c in LINE_BREAKS for c in value):
        raise PydanticCustomError(
            "line_break",
            "a name cannot contain a line break",
            {"hint": "write the name on one line, in quotes if it is long, without '|' or '\\n'"},
        )
    return value


OneLine = Annotated[Text, AfterValidator(_one_line)]


def _one_of(value: str, allowed: Iterable[str]) -> str:
    """The value if the profile allows it, else the error pydantic gives a value outside a Literal."""
    allowed = list(allowed)
    if value not in allowed:
        quoted = [repr(a) for a in allowed]
        expected = " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
        raise PydanticCustomError("literal_error", "Input should be {expected}", {"expected": expected})
    return value


KindName = Annotated[str, AfterValidator(lambda v: _one_of(v, active().kinds))]
NameType = Annotated[str, AfterValidator(lambda v: _one_of(v, active().name_types))]
RelationType = Annotated[str, AfterValidator(lambda v: _one_of(v, active().relations))]
AuthorityName = Annotated[str, AfterValidator(lambda v: _one_of(v, active().authorities))]
"""Names the edition profile declares: a value outside it is reported as a choice among them."""


class NameSchema(_Strict):
    """A name variant: ``{text: 冼星海, lang: zh-Hans, type: native}``."""

    text: OneLine
    lang: str
    type: NameType
    note: str = ""

    @field_validator("lang")
    @classmethod
    def _bcp47(cls, value: str) -> str:
        canonical = canonical_language_tag(value)
        if canonical is None:
            raise ValueError(f"'{value}' is not a BCP 47 language tag (e.g. kk-Cyrl, zh-Hans, zh-Latn-pinyin)")
        return canonical


class RelationSchema(_Strict):
    """A typed relation: ``{type: directed, target: harmony-lessons}``."""

    type: RelationType
    target: str


class CoordinatesSchema(_Strict):
    """A point in WGS84 with the source that gives it: ``{lat: 43.2567, lon: 76.9286, source: key}``."""

    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    source: str


class EntitySchema(_Strict):
    """The front matter of a register file."""

    id: str
    kind: KindName
    name: OneLine
    category: str = ""
    names: list[NameSchema] = Field(default_factory=list)
    dates: dict[str, str] = Field(default_factory=dict)
    gloss: Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=600)]
    relations: list[RelationSchema] = Field(default_factory=list)
    authority: dict[AuthorityName, str] = Field(default_factory=dict)
    authority_evidence: dict[AuthorityName, str] = Field(default_factory=dict)
    authority_note: str = ""
    coordinates: CoordinatesSchema | None = None
    gloss_note: bool = False  # a gloss note at the first mention in each text (edition_gloss_notes = "marked")
    sort_as: str = ""  # how indices and the register file it: "Baigazin, Emir"
    sources: list[str] = Field(min_length=1)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ENTITY_ID.fullmatch(value):
            raise ValueError(f"'{value}' is not a valid id: use lower-case letters, digits and hyphens")
        return value

    @field_validator("dates", "authority", "authority_evidence", mode="before")
    @classmethod
    def _scalar_strings(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: str(v) if isinstance(v, int) else v for k, v in value.items()}
        return value


@dataclass
class Register:
    """Every entity of the edition, by id, with the problems found while loading."""

    entities: dict[str, Entity] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)  # id -> path of a file that failed to load
    # derived once from the entities (they are only added while loading): every page reads them
    _order: list[Entity] = field(default_factory=list, repr=False, compare=False)
    _incoming: dict[str, list[tuple[Entity, Relation]]] = field(default_factory=dict, repr=False, compare=False)
    _incoming_of: int = field(default=-1, repr=False, compare=False)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self.entities

    def __iter__(self) -> Iterator[Entity]:
        return iter(self.in_order())

    def in_order(self) -> list[Entity]:
        """Every entity in the register's order (``register_order``): sorted once, again only when entities change."""
        if len(self._order) != len(self.entities):
            self._order = sorted(self.entities.values(), key=register_order)
        return self._order

    def incoming(self, entity_id: str) -> list[tuple[Entity, Relation]]:
        """The relations that point to an entity, with the entity each starts from."""
        if self._incoming_of != len(self.entities):
            self._incoming = {}
            for e in self:
                for r in e.relations:
                    self._incoming.setdefault(r.target, []).append((e, r))
            self._incoming_of = len(self.entities)
        return self._incoming.get(entity_id, [])

    def get(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        return self.entities.get(entity_id)

    def of_kind(self, kind: str) -> list[Entity]:
        """The entities of one kind, in alphabetical order of their preferred names."""
        return [e for e in self if e.kind == kind]

    def suggest(self, entity_id: str, n: int = 3) -> list[str]:
        """Ids that look like a mistyped one."""
        return difflib.get_close_matches(entity_id, list(self.entities), n=n, cutoff=0.5)


def named_after(event: Entity, other: Entity) -> bool:
    """Whether an event's name holds the other entity's whole name ("Xi Jinping's speech at …", "World premiere
    of Composer"): a sentence relating the two ("Xi Jinping took part in Xi Jinping's speech …") would only
    repeat what the name says."""
    if event.kind != "event" or event.id == other.id:
        return False
    return re.search(rf"(?<!\w){re.escape(other.name.casefold())}(?!\w)", event.name.casefold()) is not None


def load_register(directory: Path, root: Path | None = None) -> Register:
    """Load every ``<kind>/<id>.md`` file below ``directory`` into a Register."""
    register = Register()
    root = root or directory.parent
    for path in sorted(directory.glob("*/*.md")):
        entity, problems = load_entity_file(path, root)
        register.problems.extend(problems)
        if entity is None:
            register.broken[path.stem] = display_path(path, root)
            continue
        if entity.id in register.entities:
            first = register.entities[entity.id]
            register.problems.append(
                Problem(
                    "duplicate-id",
                    f"entity id '{entity.id}' is declared twice",
                    entity.path,
                    entity.line_of("id"),
                    f"it is already declared in {first.path}:{first.line_of('id')}; give one of them another id",
                )
            )
            continue
        register.entities[entity.id] = entity
    return register


_HUGE_NUMBER = re.compile(r"\d{1000}")
"""A number too long to be a value of the register (Python refuses integers of more than 4300 digits)."""


def load_entity_file(path: Path, root: Path) -> tuple[Entity | None, list[Problem]]:
    """Parse one register file; return the entity (or None) and the problems found."""
    shown = display_path(path, root)
    if not is_inside(path, root):
        return None, [
            Problem(
                "register-syntax",
                "the file leads outside the project",
                shown,
                1,
                outside_hint(path),
            )
        ]
    if not path.is_file():
        return None, [
            Problem(
                "register-syntax",
                "the file cannot be read: it is not a file, or a link to a file that does not exist",
                shown,
                1,
                "replace it by the register file itself",
            )
        ]
    if path.stat().st_size > MAX_FILE_BYTES:
        return None, [
            Problem(
                "register-syntax",
                f"file is larger than {MAX_FILE_BYTES:,} bytes",
                shown,
                1,
                "a register entry is a page of text; split or shorten it",
            )
        ]
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        return None, [Problem("register-syntax", "file is not valid UTF-8", shown, line, "save the file as UTF-8")]
    front, body, body_line, problem = split_front_matter(text)
    if problem:
        return None, [
            Problem(
                "register-syntax",
                problem,
                shown,
                1,
                "a register file starts with a line '---', the YAML fields, and a line '---'",
            )
        ]
    unsafe = _unsafe_structure(front)
    if unsafe:
        line, message, hint = unsafe
        return None, [Problem("register-syntax", message, shown, line, hint)]
    try:
        try:
            node, data = _read_yaml(front, _FastUniqueKeyLoader)
        except yaml.YAMLError:
            node, data = _read_yaml(front, _UniqueKeyLoader)  # the same error, in PyYAML's words
    except ValueError as err:  # a value Python refuses to construct: an integer of thousands of digits
        line = next((n for n, text in enumerate(front.splitlines(), 2) if _HUGE_NUMBER.search(text)), 2)
        return None, [Problem("register-syntax", f"a value cannot be read: {shorten(str(err), 80)}", shown, line,
                              "write dates and numbers as short quoted strings, e.g. born: \"1950\"")]  # fmt: skip
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        problem_text = str(getattr(err, "problem", ""))
        if ("end of stream" in problem_text or "<stream end>" in problem_text) and getattr(err, "context_mark", None):
            mark = err.context_mark  # type: ignore[attr-defined]  # an unclosed quote: where it opens
        line = mark.line + 2 if mark else 1
        reason = getattr(err, "problem", None) or str(err)
        return None, [
            Problem(
                "register-syntax",
                f"YAML error: {reason}",
                shown,
                line,
                "check indentation, colons and quotes on this line",
            )
        ]
    if not isinstance(data, dict):
        return None, [
            Problem(
                "register-syntax",
                "front matter is not a mapping of fields",
                shown,
                2,
                "write one 'field: value' per line",
            )
        ]
    lines = _field_lines(node)
    try:
        record = EntitySchema.model_validate(data)
    except ValidationError as err:
        return None, [_field_problem(e, lines, shown) for e in err.errors()]
    expected_kind = path.parent.name
    problems: list[Problem] = []
    if expected_kind != record.kind:
        problems.append(
            Problem(
                "register-field",
                f"kind '{record.kind}' does not match the folder '{expected_kind}/'",
                shown,
                lines.get(("kind",), 2),
                f"move the file to annotations/{record.kind}/",
            )
        )
    if path.stem != record.id:
        problems.append(
            Problem(
                "register-field",
                f"id '{record.id}' does not match the file name '{path.name}'",
                shown,
                lines.get(("id",), 2),
                f"rename the file to {record.id}.md",
            )
        )
    profile = active()
    for name in profile.kinds[record.kind].required:
        if not getattr(record, name):
            problems.append(
                Problem(
                    "register-field",
                    f"required field '{name}' is missing: {with_article(record.kind)} must have it",
                    shown,
                    lines.get((name,), 2),
                    f"the edition's profile requires it of every {record.kind} (kinds.{record.kind}.required)",
                )
            )
    allowed_dates = profile.date_fields_of(record.kind)
    for key in record.dates:
        if key not in allowed_dates:
            problems.append(
                Problem(
                    "register-field",
                    f"{with_article(record.kind)} has no date '{key}'",
                    shown,
                    lines.get(("dates", key), 2),
                    f"use one of: {', '.join(allowed_dates)}",
                )
            )

    def clean(value: str, *where: str | int) -> str:
        """The value without control characters; a problem at its line if it had any."""
        found = control_characters(value)
        if found:
            name = ".".join(str(p) for p in where)
            problems.append(
                Problem(
                    "register-field",
                    f"{name} contains invisible control characters ({', '.join(found)}), which are left out",
                    shown,
                    lines.get(where, lines.get(where[:1], 2)),
                    "delete them: a bidirectional override or a control character can make a name read "
                    "differently from what it is",
                )
            )
        return without_control_characters(value)

    entity = Entity(
        id=record.id,
        kind=record.kind,
        name=clean(record.name, "name"),
        gloss=" ".join(clean(record.gloss, "gloss").split()),
        sources=tuple(record.sources),
        names=tuple(
            Name(clean(n.text, "names", i, "text"), n.lang, n.type, clean(n.note, "names", i, "note"))
            for i, n in enumerate(record.names)
        ),
        dates=dict(record.dates),
        relations=tuple(
            Relation(r.type, r.target, lines.get(("relations", i), None)) for i, r in enumerate(record.relations)
        ),
        authority=dict(record.authority),
        authority_evidence=dict(record.authority_evidence),
        authority_note=" ".join(record.authority_note.split()),
        coordinates=(record.coordinates.lat, record.coordinates.lon) if record.coordinates else None,
        coordinates_source=record.coordinates.source if record.coordinates else "",
        gloss_note=record.gloss_note,
        sort_as=" ".join(clean(record.sort_as, "sort_as").split()),
        category=clean(record.category, "category"),
        body=body,
        path=shown,
        line=1,
        field_lines={".".join(str(p) for p in k): v for k, v in lines.items()} | {"body": body_line},
    )
    return entity, problems


_OPENING = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _unsafe_structure(front: str) -> tuple[int, str, str] | None:
    """(file line, problem, hint) of YAML that must not be composed, found by scanning its tokens.

    An anchor or alias (``&``, ``*``) could make a document explode in size; lists or mappings
    nested more than MAX_NESTING deep would exhaust the stack of PyYAML's composer. The scan stops
    at the first such token, so even a file of 100,000 opening brackets is refused at once.
    """
    depth = 0
    try:
        for token in yaml.scan(front, Loader=_FAST_LOADER):
            line = int(token.start_mark.line) + 2  # 1-based, after the opening '---'
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                message = "YAML anchors and aliases (& and *) are not allowed in a register file"
                return line, message, "write each value out in full"
            if isinstance(token, _OPENING):
                depth += 1
                if depth > MAX_NESTING:
                    message = f"lists or mappings are nested more than {MAX_NESTING} levels deep"
                    return line, message, "an entry needs three levels at most: check the brackets and indentation"
            elif isinstance(token, _CLOSING):
                depth -= 1
    except yaml.YAMLError:
        return None  # the parser reports the syntax error itself
    return None


def split_front_matter(text: str) -> tuple[str, str, int, str]:
    """Split a file into (front matter, body, first body line, problem)."""
    lines = text.removeprefix("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return "", text, 1, "the file has no front matter"
    for i, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2, ""
    return "", text, 1, "the front matter is not closed by a line '---'"


def _field_lines(node: yaml.Node | None) -> dict[tuple[Any, ...], int]:
    """Map each field path, e.g. ('names', 0, 'lang'), to its line in the file."""
    lines: dict[tuple[Any, ...], int] = {}

    def walk(n: yaml.Node, path: tuple[Any, ...]) -> None:
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                lines[(*path, key.value)] = key.start_mark.line + 2  # 1-based, after the opening '---'
                walk(value, (*path, key.value))
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                lines[(*path, i)] = item.start_mark.line + 2
                walk(item, (*path, i))

    if node is not None:
        walk(node, ())
    return lines


def _field_problem(error: Any, lines: dict[tuple[Any, ...], int], shown: str) -> Problem:
    loc = tuple(error["loc"])
    name = ".".join(str(p) for p in loc) or "front matter"
    line = next((lines[loc[:i]] for i in range(len(loc), 0, -1) if loc[:i] in lines), 2)
    kind = error["type"]
    hint = str(error.get("ctx", {}).get("hint", ""))
    if kind == "extra_forbidden":
        known = _known_fields(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        message = f"unknown field '{loc[-1]}'"
        hint = f"did you mean '{close[0]}'?" if close else f"known fields: {', '.join(known)}"
    elif kind == "missing":
        message = f"required field '{loc[-1]}' is missing"
        hint = "see CONTRIBUTING.md, 'Adding an entity'"
    elif kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [x.strip(" '") for x in expected.replace(" or ", ",").split(",")]
        close = difflib.get_close_matches(str(error.get("input")), choices, n=1)
        message = f"'{error.get('input')}' is not allowed for {name}"
        hint = f"did you mean '{close[0]}'?" if close else f"allowed: {expected}"
    else:
        message = f"{name}: {error['msg'].removeprefix('Value error, ')}"
    return Problem("register-field", message, shown, line, hint)


def _known_fields(parent: tuple[Any, ...]) -> list[str]:
    if not parent:
        return list(EntitySchema.model_fields)
    if parent[0] == "names":
        return list(NameSchema.model_fields)
    if parent[0] == "relations":
        return list(RelationSchema.model_fields)
    return []
