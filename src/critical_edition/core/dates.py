"""Every rule of reading dates in one place: EDTF parsing, bounds, labels and TEI attributes (the date fields of
the register and the order they must keep are the edition profile's: ``profile.active().date_fields``).

Dates in the register are EDTF strings (``1942-11``, ``1943?``, ``[1942,1943]``, ``1941/1944``).
"""

from __future__ import annotations

import calendar
import functools
import math
import re
import string
from datetime import date

from ..profile import active
from .model import Entity

Day = tuple[float, int, int]
"""A day as (year, month, day), in the proleptic Gregorian calendar with EDTF's years: 0 is the year
before 1, -50 the year before -49. Tuples compare in time order, before the common era too, which
``datetime.date`` (years 1 to 9999) cannot do. An open end of an interval has the year -inf or inf."""

OPEN_START: Day = (-math.inf, 1, 1)
OPEN_END: Day = (math.inf, 12, 31)

_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last_day(year: int, month: int) -> int:
    """The number of days of a month (of any year, before the common era too)."""
    return _MONTH_DAYS[month - 1] + (month == 2 and calendar.isleap(year))


@functools.lru_cache(maxsize=4096)
def date_span(value: str) -> tuple[Day, Day] | None:
    """The earliest and latest day an EDTF value can mean, or None if it is not valid EDTF.

    A reversed interval (``1990/1980``) gives an earliest day after its latest: the caller reports it.
    """
    simple = _calendar_date_span(value)
    if simple is not None:
        return simple
    return _edtf_span(value, fuzzy=False)


def _edtf_span(value: str, fuzzy: bool) -> tuple[Day, Day] | None:
    """The span the edtf package gives a value: strict, or widened for uncertainty and approximation."""
    import edtf  # here, not above: its grammar takes a tenth of a second to import, and plain dates never need it

    try:
        parsed = edtf.parse_edtf(value)
        if fuzzy:
            bounds = (parsed.lower_fuzzy(), parsed.upper_fuzzy())
        else:
            bounds = (parsed.lower_strict(), parsed.upper_strict())
    except (edtf.EDTFParseException, ValueError, TypeError, OverflowError):  # not EDTF: the caller reports it
        return None
    days: list[Day] = []
    for bound, open_end in zip(bounds, (OPEN_START, OPEN_END), strict=True):
        if isinstance(bound, float) and math.isinf(bound):
            days.append(open_end)
            continue
        try:
            year, month, day = (int(x) for x in bound[:3])
        except (TypeError, ValueError):
            return None
        if not (1 <= month <= 12 and 1 <= day <= _last_day(year, month)):
            return None  # 2023-02-29 or -0050-02-29: the edtf package accepts days that never were
        days.append((year, month, day))
    return days[0], days[1]


def possible_span(value: str) -> tuple[Day, Day] | None:
    """The earliest and latest day an EDTF value can possibly mean: as ``date_span``, but an uncertain or
    approximate date widened as the edtf package widens it (``1943?`` may be 1942 to 1944); None if not EDTF."""
    if not any(mark in value for mark in "?~%"):
        return date_span(value)
    return _edtf_span(value, fuzzy=True)


def date_ends(value: str) -> tuple[tuple[Day, Day], tuple[Day, Day]] | None:
    """When what a date dates can have begun and when it can have ended, each as (earliest, latest) day: an
    interval (``1990/2000``) begins in its first part and ends in its second, an open or unknown end (``..``,
    '') is bounded only by the other; any other date begins and ends within its span. None if not EDTF."""
    first, slash, second = value.partition("/")
    whole = possible_span(value)
    if whole is None or whole[0] > whole[1]:
        return None
    if not slash or value.startswith(("[", "{")):
        return whole, whole
    unknown = ("", "..")
    begin = None if first in unknown else possible_span(first)
    end = None if second in unknown else possible_span(second)
    if (begin is None and first not in unknown) or (end is None and second not in unknown):
        return None
    begin = begin or (OPEN_START, end[1] if end else OPEN_END)
    return begin, end or (begin[0], OPEN_END)


_CALENDAR_DATE = re.compile(r"([0-9]{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12][0-9]|3[01]))?)?")


def _calendar_date_span(value: str) -> tuple[Day, Day] | None:
    """The span of a plain year, month or day of the common era (most dates of a register), as the EDTF parser
    gives it but without it (a parse costs milliseconds); None for anything else, which the parser decides."""
    found = _CALENDAR_DATE.fullmatch(value)
    if found is None:
        return None
    year, month, day = int(found[1]), int(found[2] or 0), int(found[3] or 0)
    if day:
        return ((year, month, day), (year, month, day)) if day <= _last_day(year, month) else None
    if month:
        return (year, month, 1), (year, month, _last_day(year, month))
    return (year, 1, 1), (year, 12, 31)


def day_label(day: Day) -> str:
    """A day in ISO 8601 form as EDTF writes it (``-0080-12-31``), or '..' for an open end."""
    year, month, d = day
    if math.isinf(year):
        return ".."
    sign = "-" if year < 0 else ""
    return f"{sign}{abs(int(year)):04d}-{month:02d}-{d:02d}"


@functools.lru_cache(maxsize=4096)
def date_bounds(value: str) -> tuple[date, date] | None:
    """The earliest and latest day an EDTF value can mean as dates, or None if it is not valid EDTF.

    Open ends (``1990/..``) become the first or last representable day; years before the
    common era, which ``datetime.date`` cannot hold, become the first representable day
    (checks compare ``date_span`` instead). A reversed interval gives None.
    """
    span = date_span(value)
    if span is None or span[0] > span[1]:
        return None
    days: list[date] = []
    for (year, month, day), open_end in zip(span, (date.min, date.max), strict=True):
        if math.isinf(year):
            days.append(open_end)
        elif year < date.min.year:
            days.append(date.min)
        elif year > date.max.year:
            return None
        else:
            days.append(date(int(year), month, day))
    return days[0], days[1]


_PLAIN = re.compile(r"(-?[0-9X]{4})(?:-([0-9X]{2})(?:-([0-9X]{2}))?)?")


def _plain_in_words(value: str) -> str | None:
    """A year, month or day in words ("21 November 2026", "November 2026", "2026", "the 2010s" for 201X), or
    None if it is not one."""
    found = _PLAIN.fullmatch(value)
    if found is None:
        return None
    year, month, day = found.groups()
    if "X" in year:
        stem = year.rstrip("X")
        if "X" in stem or not stem or stem.startswith("-"):
            return None
        return f"the {stem}{'0' * (4 - len(stem))}s"
    year = f"{int(year[1:]) + 1} BCE" if year.startswith("-") else str(int(year))  # EDTF's year 0 is 1 BCE
    if not month or "X" in month:
        return year
    if not 1 <= int(month) <= 12:
        return None
    words = f"{calendar.month_name[int(month)]} {year}"
    return f"{int(day)} {words}" if day and "X" not in day and 1 <= int(day) <= 31 else words


_QUALIFIERS = {"%": "probably about", "?": "probably", "~": "about"}
"""EDTF's qualifiers of a date, as a reader reads them: uncertain ``?``, approximate ``~``, both ``%``."""


def _single_in_words(value: str) -> str | None:
    """One EDTF date (no interval, no set) in words, its qualifier before it; None if it is not one."""
    marks = [m for m in "%?~" if m in value]  # a qualified part ("2004-06~-11"): the whole date is so qualified
    qualifier = _QUALIFIERS["%"] if "%" in marks or {"?", "~"} <= set(marks) else _QUALIFIERS[marks[0]] if marks else ""
    words = _plain_in_words(value.translate(str.maketrans("", "", "%?~")))
    return None if words is None else f"{qualifier} {words}".strip()


def _range_in_words(first: str, last: str) -> str:
    """Two dates in words joined by an en dash, sharing what they share ("11–21 February 2016", "1941–1944")."""
    a, b = first.split(" "), last.split(" ")
    if len(a) == len(b) == 3 and a[1:] == b[1:] and a[0].isdigit():
        return f"{a[0]}–{b[0]} {' '.join(a[1:])}"
    if len(a) == len(b) == 3 and a[2] == b[2] and a[0].isdigit():
        return f"{' '.join(a[:2])} – {last}"
    return f"{first}–{last}" if len(a) == len(b) == 1 else f"{first} – {last}"


def _open_end(first: str, last: str, member: bool = False) -> str:
    """An interval open at one end ("from 1941", "until 1944"), or a set's member so ("on or after 1941")."""
    before, after = ("on or before", "on or after") if member else ("until", "from")
    return f"{before} {date_in_words(last)}" if last else f"{after} {date_in_words(first)}"


def date_in_words(value: str) -> str:
    """An EDTF date as a reader reads it, the edition's one reading form of a date: '2026-11-21' -> '21 November
    2026', '2015?' -> 'probably 2015', '2015~' -> 'about 2015', '1941/1944' -> '1941–1944', '1941/..' -> 'from
    1941', '../1944' -> 'until 1944', '[1945,1946]' -> '1945 or 1946', '{1945,1946}' -> '1945 and 1946', '201X'
    -> 'the 2010s'. A value that is not EDTF is returned as it is (the checks report it)."""
    value = value.strip()
    if value[:1] in "[{" and value[-1:] in "]}" and len(value) > 2:
        words = []
        for member in (m.strip() for m in value[1:-1].split(",") if m.strip()):
            first, dots, last = member.partition("..")
            if not dots:
                words.append(date_in_words(member))
            elif first and last:
                words.append(_range_in_words(date_in_words(first), date_in_words(last)))
            else:
                words.append(_open_end(first, last, member=True))
        joiner = " or " if value.startswith("[") else " and "
        return ", ".join(words[:-1]) + joiner + words[-1] if len(words) > 1 else "".join(words) or value
    first, slash, last = value.partition("/")
    if slash:
        first, last = ("" if first == ".." else first), ("" if last == ".." else last)
        if not (first or last):
            return value
        return _range_in_words(date_in_words(first), date_in_words(last)) if first and last else _open_end(first, last)
    return _single_in_words(value) or value


def year_in_words(value: str) -> str:
    """A date to the year, as a list of lives gives it ("1917" for 1917-03-11), else in words as it stands."""
    plain = _PLAIN.fullmatch(value)
    return date_in_words(plain.group(1) if plain else value)


@functools.lru_cache(maxsize=256)
def _fields_of(form: str) -> tuple[str, ...]:
    """The date fields a form of ``brief_dates`` names ('{birth} – {death}': birth, death)."""
    return tuple(name for _, name, _, _ in string.Formatter().parse(form) if name)


def life_dates(entity: Entity) -> str:
    """'1905 – 1945', 'b. 1984', 'founded 1951': the first of the profile's ``brief_dates`` whose fields the
    entity has, each date to its year in words (``year_in_words``; the entity's page gives the days); '' if none
    fits."""
    d = entity.dates
    for form in active().brief_dates:
        fields = _fields_of(form)
        if fields and all(f in d for f in fields):
            return form.format_map({f: year_in_words(d[f]) for f in fields})
    return ""


_ISO = re.compile(r"-?[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?")


def date_attributes(value: str) -> dict[str, str]:
    """``@when``, or ``@notBefore`` and ``@notAfter``, for an EDTF value (nothing if it is not EDTF)."""
    iso = _ISO.fullmatch(value)
    bounds = date_bounds(value)
    if iso and (not iso.group(3) or bounds is not None):  # a day must exist: 2016-02-30 is no date
        return {"when": value}
    if bounds is None:
        return {}
    lower, upper = bounds
    if lower == upper:
        return {"when": lower.isoformat()}
    attrs = {}
    if lower != date.min:  # an open interval (../1950) has no lower bound
        attrs["notBefore"] = lower.isoformat()
    if upper != date.max:
        attrs["notAfter"] = upper.isoformat()
    return attrs
