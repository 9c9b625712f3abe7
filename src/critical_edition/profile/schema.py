"""The schema of an edition profile: everything that differs between editions, validated by pydantic.

Each field carries its description: the reference page lists them (``profile_fields``), so the manual and
the schema cannot drift. Checks that relate one part of a profile to another (a relation naming a kind, a
kind naming a date field) are ``consistency.py``'s.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

Word = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Sentence = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]

ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
"""An ORCID iD as its owner writes it (the digits, not the URL)."""


def orcid_is_valid(orcid: str) -> bool:
    """Whether an ORCID iD has its form and its check character (ISO 7064 MOD 11-2)."""
    if not ORCID.fullmatch(orcid):
        return False
    total = 0
    for digit in orcid.replace("-", "")[:-1]:
        total = (total + int(digit)) * 2
    check = (12 - total % 11) % 11
    return orcid[-1] == ("X" if check == 10 else str(check))


def _orcid(value: str) -> str:
    if value and not orcid_is_valid(value):
        raise ValueError(f"'{value}' is not an ORCID iD (0000-0002-1825-0097: four groups of four, check digit last)")
    return value


def _pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as err:
        raise ValueError(f"'{value}' is not a regular expression: {err}") from None
    return value


def _web_address(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s/]+\S*", value):
        raise ValueError(f"'{value}' is not an http(s) address")
    return value


Orcid = Annotated[str, AfterValidator(_orcid)]
Pattern = Annotated[str, AfterValidator(_pattern)]
WebAddress = Annotated[str, AfterValidator(_web_address)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the parts of a profile ---------------------------------------------------------------------------


class Kind(_Strict):
    """A kind of entity: its folder of the register (the key), its role in the texts, its names in every output."""

    role: Word = Field(description="the MyST role that marks a mention in a text: {person}`…`")
    label: Word = Field(description="the kind's name in the singular, as a heading or a field shows it: 'Person'")
    plural: Sentence = Field("", description="the kind's name in the plural: 'Persons'; '' = the label and 's'")
    schema_org: Word = Field("Thing", description="the schema.org type of the JSON-LD export")
    schema_org_dates: dict[Word, list[Word]] = Field(
        default_factory=dict,
        description="schema.org date properties of the JSON-LD, each with the date fields that give it, the first "
        "present counting: {birthDate: [born]}",
    )
    tei_list: Word = Field("listObject", description="the TEI standOff list of entries of this kind")
    tei_entry: Word = Field("object", description="the TEI entry element, as its list requires")
    tei_name: Word = Field("objectName", description="the TEI name element of an entry, as its entry allows")
    tei_mention: Word = Field("objectName", description="the TEI element of a mention in the text")
    index_title: Sentence = Field("", description="the printed index of this kind ('' = not indexed)")
    named_by_title: bool = Field(
        False, description="its names are titles (a work's): set in italics, filed without a leading article"
    )
    date_fields: list[Word] = Field(
        default_factory=list, description="the date fields an entity of this kind may carry"
    )
    occurs: Word | Literal[""] = Field(
        "", description="the date field that says when an entity of this kind happened (an event's 'date')"
    )
    required: list[Word] = Field(
        default_factory=list, description="register fields an entity of this kind must have besides the usual ones"
    )
    wikidata_class: Sentence = Field(
        "", description="the Wikidata class to reconcile this kind against, as 'id label': 'Q5 human'"
    )


class Relation(_Strict):
    """A type of relation between two entities, read 'subject <relation> object'."""

    subjects: list[Word] = Field(description="the kinds it may start from ('*': every kind)")
    objects: list[Word] = Field(description="the kinds it may point to ('*': every kind)")
    sentence: Sentence = Field(
        "", description="the relation as a sentence: '{subject} directed {object}'; '' = the name in words"
    )
    sentences: dict[Word, Sentence] = Field(
        default_factory=dict, description="the sentence for a subject of one kind, by kind: {event: '…'}"
    )
    acyclic: bool = Field(False, description="containment: a chain of it never leads back to where it starts")
    creator: bool = Field(False, description="its subject made its object: born before the object appeared")
    contemporary: bool = Field(
        False, description="its object lived (existed) when its subject happened (the subject kind's 'occurs')"
    )
    schema_org: Word | dict[Word, Word] | Literal[""] = Field(
        "", description="the schema.org property on the subject (by the subject's kind where it differs)"
    )
    schema_org_inverse: Word | Literal[""] = Field(
        "", description="the schema.org property on the object, pointing back to the subject"
    )


class DateField(_Strict):
    """A date an entity may carry, as an EDTF string."""

    label: Word = Field(description="its words before the date on an entry's page: 'born'")
    happening: Word = Field(description="what the timeline says happened, {} standing for the name: '{} born'")
    meaning: Sentence = Field(description="its meaning, in the data dictionary and the JSON schema")
    marks: Literal["begin", "end", ""] = Field(
        "", description="whether it marks the beginning (birth, foundation, creation) or the end of an existence"
    )


class DateOrder(_Strict):
    """A rule of chronology between two date fields of one entity."""

    earlier: Word = Field(description="the field that comes first")
    later: Word = Field(description="the field that cannot begin before 'earlier' begins")
    ends: bool = Field(False, description="instead: 'later' cannot end after 'earlier' has ended")


class Authority(_Strict):
    """An authority file the register may cite."""

    label: Word = Field(description="its name: 'Wikidata'")
    pattern: Pattern = Field(description="the form of its ids, a regular expression the whole id must match")
    url: Word = Field(description="its record's address, {id} standing for the id (and {section} for 'sections')")
    example: Word = Field(description="a well-formed id, for hints")
    sections: dict[Word, Word] = Field(
        default_factory=dict,
        description="the {section} of the address by the id's first letters: {tt: title}; the first if none fits",
    )
    wikidata_property: Word | Literal[""] = Field("", description="the Wikidata property that holds its ids: 'P214'")


class Collation(_Strict):
    """How names are filed in the register, the indices and the bibliography."""

    alphabets: dict[Word, Word] = Field(
        default_factory=dict,
        description="per script (ISO 15924 code), its letters in filing order; each files before the script's "
        "letters not listed: {Cyrl: 'аәб…'}",
    )
    fold_diacritics: bool = Field(True, description="other letters filed with their base letter: Ǵ with G")
    articles: list[Word] = Field(
        default_factory=list, description="leading words a title is not filed under: [the, a, an]"
    )


class Licence(_Strict):
    """The licence of the editorial content and of the data."""

    name: Word = Field(description="its short name: 'CC BY 4.0'")
    url: WebAddress = Field(description="its address, in citations, metadata, the TEI header and the title page")
    rights: Sentence = Field(description="the rights statement of citations, metadata and the title page")
    data_url: WebAddress | Literal[""] = Field("", description="the licence of the register's data files ('' = url)")


class Editor(_Strict):
    """A person or a group who made the edition."""

    name: Word = Field(description="the name as printed: 'Josiah Carberry'")
    role: Word = Field("editor", description="what they did: 'editor', 'general editor', 'encoder'")
    orcid: Orcid = Field("", description="a person's ORCID iD: '0000-0002-1825-0097'")
    family: str = Field("", description="the family name, when it ends the name: citations invert it")
    collective: bool = Field(False, description="a group named as one, not a person")


class Profile(_Strict):
    """What an edition declares: its vocabularies, its rules of chronology and filing, its licence and editors."""

    kinds: dict[Word, Kind] = Field(description="the kinds of entity, in the order registers and indices list them")
    relations: dict[Word, Relation] = Field(default_factory=dict, description="the types of relation")
    date_fields: dict[Word, DateField] = Field(default_factory=dict, description="the date fields of the register")
    chronology: list[DateOrder] = Field(
        default_factory=list, description="the order of the date fields of one entity, which the checks enforce"
    )
    brief_dates: list[Sentence] = Field(
        default_factory=list,
        description="how an entry's dates are summed up beside its name, the first form whose fields it has: "
        "'{born} – {died}', 'b. {born}'",
    )
    name_types: dict[Word, Sentence] = Field(default_factory=dict, description="the types of a name form")
    authorities: dict[Word, Authority] = Field(default_factory=dict, description="the authority files")
    omission_reasons: dict[Word, Sentence] = Field(
        default_factory=dict, description="why text may be left out of the reading text (TEI gap/@reason)"
    )
    certainty: dict[Word, Sentence] = Field(
        default_factory=dict, description="degrees of editorial certainty (TEI @cert)"
    )
    unclear_reasons: dict[Word, Sentence] = Field(
        default_factory=dict, description="why a reading of the source is unclear (TEI unclear/@reason)"
    )
    collation: Collation = Field(
        default_factory=lambda: Collation.model_validate({}), description="how names are filed"
    )
    licence: Licence = Field(description="the licence of the editorial content")
    editors: list[Editor] = Field(
        default_factory=list, description="who made the edition; none: the project's author, as a group"
    )

    # --- views every layer reads

    @functools.cached_property
    def role_kinds(self) -> dict[str, str]:
        """The entity roles of the text and the kind each marks."""
        return {k.role: name for name, k in self.kinds.items()}

    def plural_of(self, kind: str) -> str:
        """A kind's name in the plural: its ``plural``, else its label and 's'."""
        found = self.kinds[kind]
        return found.plural or f"{found.label}s"

    def kind(self, name: str) -> Kind:
        """A kind by name; KeyError if the profile has none of that name."""
        return self.kinds[name]

    def role_of(self, kind: str) -> str:
        """The role that marks a mention of a kind."""
        return self.kinds[kind].role

    def is_title(self, kind: str) -> bool:
        """Whether names of this kind are titles (set in italics); False for a kind the profile lacks."""
        found = self.kinds.get(kind)
        return bool(found and found.named_by_title)

    @functools.cached_property
    def indices(self) -> dict[str, str]:
        """The printed indices: kind -> title, in the kinds' order."""
        return {name: k.index_title for name, k in self.kinds.items() if k.index_title}

    @functools.cached_property
    def all_date_fields(self) -> tuple[str, ...]:
        """Every date field some kind carries, in the order of the kinds and their fields."""
        return tuple(dict.fromkeys(f for k in self.kinds.values() for f in k.date_fields))

    def date_fields_of(self, kind: str) -> tuple[str, ...]:
        """The date fields a kind may carry (none for a kind the profile lacks)."""
        found = self.kinds.get(kind)
        return tuple(found.date_fields) if found else ()

    def fields_marking(self, mark: str) -> tuple[str, ...]:
        """The date fields that mark the beginning ('begin') or the end ('end') of an existence."""
        return tuple(name for name, f in self.date_fields.items() if f.marks == mark)

    def ends_of(self, relation: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The kinds a relation may start from and point to, '*' spelt out."""
        found = self.relations[relation]
        every = tuple(self.kinds)
        return (
            every if "*" in found.subjects else tuple(found.subjects),
            every if "*" in found.objects else tuple(found.objects),
        )

    def relation_template(self, relation: str, subject_kind: str) -> str:
        """The sentence of a relation for a subject of a kind, with {subject} and {object}."""
        found = self.relations.get(relation)
        if found is not None and (found.sentences.get(subject_kind) or found.sentence):
            return found.sentences.get(subject_kind) or found.sentence
        return "{subject} " + relation.replace("-", " ") + " {object}"

    def authority_url(self, authority: str, ident: str) -> str:
        """The address of an authority record."""
        found = self.authorities[authority]
        sections = found.sections
        section = next((v for k, v in sections.items() if ident.startswith(k)), next(iter(sections.values()), ""))
        return found.url.replace("{section}", section).replace("{id}", ident)

    def authority_id_is_valid(self, authority: str, ident: str) -> bool:
        """Whether an id has the form its authority gives its ids."""
        found = self.authorities.get(authority)
        return bool(found and re.fullmatch(found.pattern, ident))

    @property
    def data_licence_url(self) -> str:
        """The licence of the data files."""
        return self.licence.data_url or self.licence.url


# --- for the manual --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileField:
    """One field of the profile, for the manual: its path, type, default and description."""

    path: str
    type: str
    default: str
    description: str


def _type_name(annotation: Any) -> str:
    """A type as the manual writes it: ``str``, ``list[str]``, ``dict[str, Kind]``, ``str | dict[str, str]``."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin is typing.Literal:
        return " | ".join(repr(a) for a in args if a != "") or "''"
    if origin in (typing.Union, types.UnionType):
        return " | ".join(dict.fromkeys(n for a in args if (n := _type_name(a)) != "''"))
    if origin is not None:
        return f"{origin.__name__}[{', '.join(_type_name(a) for a in args)}]"
    return str(getattr(annotation, "__name__", annotation))


def profile_fields(model: type[BaseModel] = Profile, prefix: str = "") -> Iterator[ProfileField]:
    """Every field of the profile, depth first (``kinds.<name>.role``), each with its type, default and description."""
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        annotation = info.annotation
        default = "required" if info.is_required() else repr(info.get_default(call_default_factory=True))
        yield ProfileField(path, _type_name(annotation), default, info.description or "")
        for inner, marker in _nested(annotation):
            yield from profile_fields(inner, f"{path}{marker}.")


def _nested(annotation: Any) -> list[tuple[type[BaseModel], str]]:
    """The models a field holds: itself, as the values of a mapping (``<name>``) or the items of a list (``[]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [(annotation, "")]
    args = getattr(annotation, "__args__", ())
    origin = getattr(annotation, "__origin__", None)
    if origin is dict and args and isinstance(args[-1], type) and issubclass(args[-1], BaseModel):
        return [(args[-1], ".<name>")]
    if origin is list and args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
        return [(args[0], "[]")]
    return []
