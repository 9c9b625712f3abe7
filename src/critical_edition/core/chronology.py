"""The checks of the register's dates: every value EDTF, and the order the profile's chronology gives the date
fields of one entity and of the entities a relation joins (a creator born before the work). Pure functions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from ..profile import active
from .dates import Day, date_ends, date_span, day_label
from .model import Entity, Problem
from .register import Register


def date_problems(register: Register) -> list[Problem]:
    """Invalid EDTF dates, reversed intervals and impossible chronologies."""
    problems: list[Problem] = []
    ends: dict[str, dict[str, Ends]] = defaultdict(dict)
    for e in register:
        for key, value in e.dates.items():
            line = e.field_lines.get(f"dates.{key}", e.line_of("dates"))
            b = date_span(value)
            if b is None:
                problems.append(
                    Problem(
                        "bad-date",
                        f"date '{key}: {value}' is not valid EDTF",
                        e.path,
                        line,
                        "write e.g. 1905-06-13, 1942-11, 1943?, 1942~, [1942,1943] or 1941/1945",
                    )
                )
            elif b[0] > b[1]:
                first, _, second = value.partition("/")
                problems.append(
                    Problem(
                        "bad-date",
                        f"date '{key}: {value}' ends before it begins",
                        e.path,
                        line,
                        f"write the earlier date first: {second}/{first}" if second else "check the order of the dates",
                    )
                )
            elif (found := date_ends(value)) is not None:
                ends[e.id][key] = found
    for e in register:
        problems += _order_problems(e, ends[e.id])
        problems += _participant_problems(e, ends)
        problems += _creator_problems(e, ends)
    return problems


Ends = tuple[tuple[Day, Day], tuple[Day, Day]]
"""When a dated thing can have begun and ended, each as (earliest, latest) day (``dates.date_ends``)."""


def _lifetime(dates: Mapping[str, Ends]) -> tuple[Day | None, Day | None]:
    """The earliest day an entity can have begun (born, founded, created) and the latest it can have ended."""
    profile = active()
    start = next((dates[k][0][0] for k in profile.fields_marking("begin") if k in dates), None)
    end = next((dates[k][1][1] for k in profile.fields_marking("end") if k in dates), None)
    return start, end


def _order_problems(e: Entity, dates: Mapping[str, Ends]) -> list[Problem]:
    """Dates of one entry out of their order (the profile's ``chronology``: died before born, released before
    shooting began), each at the line of the later field; only what is certainly wrong, whatever the uncertainty
    of either date."""
    problems = []
    profile = active()
    labels = {name: field.label for name, field in profile.date_fields.items()}
    for rule in profile.chronology:
        if rule.earlier not in dates or rule.later not in dates:
            continue
        earlier, later = dates[rule.earlier], dates[rule.later]
        line = e.field_lines.get(f"dates.{rule.later}", e.line_of("dates"))
        if rule.ends and later[1][0] > earlier[1][1]:
            message = f"'{e.id}': {_dated(e, rule.later)} ends after {_dated(e, rule.earlier)}"
        elif not rule.ends and later[0][1] < earlier[0][0]:
            if rule.later in profile.fields_marking("end"):
                message = f"'{e.id}' ends ({day_label(later[0][1])}) before it begins ({day_label(earlier[0][0])})"
            else:
                message = f"'{e.id}': {_dated(e, rule.later)} is before {_dated(e, rule.earlier)}"
        else:
            continue
        when = "end after" if rule.ends else "be before"
        hint = f"'{labels[rule.later]}' cannot {when} '{labels[rule.earlier]}': check both dates"
        problems.append(Problem("chronology", message, e.path, line, hint))
    return problems


def _dated(e: Entity, key: str) -> str:
    """A date field as a message quotes it: 'released 1900'."""
    field = active().date_fields.get(key)
    return f"{field.label if field else key} {e.dates[key]}"


def _participant_problems(e: Entity, ends: Mapping[str, Mapping[str, Ends]]) -> list[Problem]:
    """Participants of an event who were not yet born or no longer alive (or founded, or dissolved) at its date:
    the objects of a ``contemporary`` relation, at the date its subject's kind ``occurs``."""
    profile = active()
    occurs = profile.kinds[e.kind].occurs if e.kind in profile.kinds else ""
    if not occurs or occurs not in ends[e.id]:
        return []
    begin, end = ends[e.id][occurs]
    problems = []
    for rel in e.relations:
        relation = profile.relations.get(rel.type)
        if relation is None or not relation.contemporary:
            continue
        born, died = _lifetime(ends.get(rel.target, {}))
        if (born and end[1] < born) or (died and begin[0] > died):
            problems.append(
                Problem(
                    "chronology",
                    f"participant '{rel.target}' was not alive at the date of '{e.id}' ({e.dates[occurs]})",
                    e.path,
                    rel.line or e.line_of("dates"),
                    "check the event's date and the person's dates",
                )
            )
    return problems


def _creator_problems(e: Entity, ends: Mapping[str, Mapping[str, Ends]]) -> list[Problem]:
    """Works of a creator that appeared before the creator was born, or were begun after the creator died."""
    problems = []
    profile = active()
    begins = profile.fields_marking("begin")
    born, died = _lifetime(ends.get(e.id, {}))
    for rel in e.relations:
        relation = profile.relations.get(rel.type)
        if relation is None or not relation.creator:
            continue
        work = ends.get(rel.target, {})
        appeared = min((dates[0][1] for dates in work.values()), default=None)
        begun = next((k for k in begins if k in work), "")
        line = rel.line or e.line_of("dates")
        if appeared and born and appeared < born:
            problems.append(
                Problem(
                    "chronology",
                    f"'{rel.target}' appeared ({int(appeared[0])}) before its creator '{e.id}' was born",
                    e.path,
                    line,
                    "check the work's and the person's dates",
                )
            )
        elif begun and died and work[begun][0][0] > died:
            problems.append(
                Problem(
                    "chronology",
                    f"'{rel.target}' was {profile.date_fields[begun].label} ({day_label(work[begun][0][0])} or later) "
                    f"after its creator "
                    f"'{e.id}' died ({day_label(died)} at the latest)",
                    e.path,
                    line,
                    f"check the work's '{begun}' date and the person's dates",
                )
            )
    return problems
