"""The edition's two pictures as SVG text: the map of places and the timeline. No script, no network.

Pure: the Sphinx layer passes plain data and the address of each page ('' in a book, whose picture
is a file without links), and gets back a string of SVG markup to set in the HTML page or to write as
a file. Colours come from CSS (classes and ``currentColor``), so the pictures follow the theme's light
and dark modes; the attributes set here are what a picture outside the page (a book's) shows. Every
figure has a title and a description that says what it shows and whether it links; a place or fact
with a page is a link whose text is its name; the same output follows from the same input (numbers
are rounded, order is the given order).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .geography import Country, Projection, country_paths, degrees, graticule, place_labels, text_width

SVG_NS = "http://www.w3.org/2000/svg"


DOT = "#b5302a"
"""The colour of a place's dot, and of a text's publication on the timeline (style sheets may override it)."""
ACCENT = "#2a6f97"
"""The colour of the timeline's facts."""


def _n(value: float) -> str:
    """A number with at most one decimal."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _role(items: Sequence[MapPlace] | Sequence[TimelineMark]) -> str:
    """A picture with links is a group a reader moves through; one without (a book's) is a single image."""
    return "group" if any(item.href for item in items) else "img"


def _baseline(baseline: str) -> dict[str, str]:
    """A label's baseline as attributes: 'central' as a shift of a third of an em, which every renderer draws
    alike (rsvg-convert, for print, ignores ``dominant-baseline``)."""
    return {"dy": "0.35em"} if baseline == "central" else {"dominant_baseline": baseline}


def _attrs(**attributes: str | float) -> str:
    out = []
    for key, value in attributes.items():
        name = key.rstrip("_").replace("_", "-")
        out.append(f"{name}={quoteattr(_n(value) if isinstance(value, float | int) else value)}")
    return " ".join(out)


# --- the map ---------------------------------------------------------------------------------------

LABEL_SIZE = 20.0
"""The size of a place's name on a map 1000 units wide."""
LAYOUT_SIZE = 30.0
"""The size labels are laid out for: a style sheet may enlarge them up to it on narrow screens."""


@dataclass(frozen=True)
class MapPlace:
    """A place to draw: its name, latitude and longitude, and the address of its page ('' for none)."""

    name: str
    lat: float
    lon: float
    href: str = ""


def map_description(places: Sequence[MapPlace], projection: Projection) -> str:
    """What the map shows, in words (its SVG description, and the text of the picture where it is an image)."""
    west, east = degrees(projection.west, "E", "W"), degrees(projection.east, "E", "W")
    south, north = degrees(projection.south, "N", "S"), degrees(projection.north, "N", "S")
    names = ", ".join(p.name for p in places)
    links = "Each name links to the place's page; the" if any(p.href for p in places) else "The"
    return (
        f"{len(places)} place{'' if len(places) == 1 else 's'} of the register drawn as dots on an outline of the "
        f"countries (equirectangular projection, {west} to {east}, {south} to {north}): {names}. "
        f"{links} list after the map gives the same places with their coordinates."
    )


def map_svg(
    places: Sequence[MapPlace],
    projection: Projection,
    countries: Sequence[Country],
    ident: str = "edition-map",
    title: str = "Map of the places of the edition",
    font: str = "sans-serif",
) -> str:
    """An SVG map: the countries, a 10-degree graticule, and each place as a dot with its name (linked if it can be)."""
    width, height = projection.width, projection.height
    points = [(p.name, projection.project(p.lon, p.lat)) for p in places]
    labels = place_labels(points, width, height, size=LAYOUT_SIZE)  # room for the larger labels of small screens
    desc = map_description(places, projection)
    out = [
        f"<svg {_attrs(xmlns=SVG_NS, viewBox=f'0 0 {_n(width)} {_n(height)}', class_='edition-map-svg')} "
        f'role="{_role(places)}" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<rect class="map-sea" width="{_n(width)}" height="{_n(height)}" fill="#dde8f0"/>',
        '<g class="map-land" aria-hidden="true" fill="#f4f1ea" stroke="#9a9a9a" stroke-width="0.8" '
        'stroke-linejoin="round">',
    ]
    out += [f"<path d={quoteattr(d)}/>" for _, d in country_paths(projection, countries)]
    out.append("</g>")
    out.append('<g class="map-graticule" aria-hidden="true" stroke="#9a9a9a" stroke-width="0.5" fill="none">')
    for _, x1, y1, x2, y2 in graticule(projection):
        out.append(f"<line {_attrs(x1=x1, y1=y1, x2=x2, y2=y2)}/>")
    out.append("</g>")
    out.append(f'<g class="map-places" font-size="{_n(LABEL_SIZE)}" font-family={quoteattr(font)}>')
    for place, (_, (x, y)), label in zip(places, points, labels, strict=True):
        dot = f'<circle {_attrs(cx=x, cy=y, r=5.5)} fill="{DOT}" stroke="#ffffff" stroke-width="1.5"/>'
        text = (
            f"<text {_attrs(x=label.x, y=label.y, text_anchor=label.anchor, **_baseline(label.baseline))}>"
            f"{escape(place.name)}</text>"
        )
        if place.href:
            out.append(f'<a href={quoteattr(place.href)} class="map-place">{dot}{text}</a>')
        else:
            out.append(f'<g class="map-place">{dot}{text}</g>')
    out.append("</g></svg>")
    return "\n".join(out)


# --- the timeline ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineMark:
    """A fact to draw: its date label and text, where it begins and ends (in years), its page, its certainty."""

    date: str
    text: str
    start: float
    end: float
    href: str = ""
    uncertain: bool = False
    kind: str = ""  # the entity's kind, or 'text' for an edited text's publication (a CSS class)


ROW = 22.0
"""The height of one row of the timeline (one fact) in picture units."""
TIMELINE_SIZE = 13.0
"""The font size of the timeline's labels."""


@dataclass(frozen=True)
class TimelineRow:
    """Where one fact is drawn: its dot (or bar) from ``x0`` to ``x1`` on row ``y``, and its label's anchor;
    ``lines``, a label wrapped onto more than one line (its first line beginning with the date)."""

    x0: float
    x1: float
    y: float
    label_x: float
    anchor: str
    lines: tuple[str, ...] = ()


LINE = 1.2
"""The distance between the lines of a wrapped label, in ems."""


def wrapped(date: str, text: str, room: float, size: float) -> tuple[str, ...]:
    """A label ("date text") cut between words into lines no wider than ``room``; the date is never cut."""
    lines = [date]
    for word in text.split():
        if text_width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(lines)


@dataclass(frozen=True)
class TimelineLayout:
    """The geometry of a timeline: picture size, the years of the axis and their x, one row per fact."""

    width: float
    height: float
    first: int
    last: int
    top: float
    rows: tuple[TimelineRow, ...]

    def x_of(self, year: float) -> float:
        """The x of a (fractional) year on the axis."""
        return MARGIN + (year - self.first) / (self.last - self.first) * (self.width - 2 * MARGIN)


MARGIN = 16.0


def timeline_layout(
    marks: Sequence[TimelineMark], min_width: float = 880.0, size: float = TIMELINE_SIZE, fixed: bool = False
) -> TimelineLayout:
    """Lay out a timeline: years across (decades from the first fact's to after the last's), one row per fact.

    A fact is a dot at its start (a bar to its end, for a span); its label goes right of it if it fits,
    else left of it. The picture is widened in steps of 40 units until every label fits on one side; a
    picture of ``fixed`` width (a book's page) wraps a label that fits on neither, on its roomier side.
    """
    first = math.floor(min(m.start for m in marks) / 10) * 10
    last = max(math.ceil((max(m.end for m in marks) + 1e-9) / 10) * 10, first + 10)
    top = 34.0 * size / TIMELINE_SIZE
    if fixed:
        return _wrapped_layout(marks, min_width, size, first, last, top)
    widths = [text_width(f"{m.date}  {m.text}", size) for m in marks]
    width = min_width
    while True:
        probe = TimelineLayout(width, 0, first, last, top, ())
        rows, fits = [], True
        for i, (mark, w) in enumerate(zip(marks, widths, strict=True)):
            x0, x1 = probe.x_of(mark.start), probe.x_of(max(mark.end, mark.start))
            y = top + ROW * (i + 0.5)
            if x1 + 8 + w <= width - MARGIN / 2:
                rows.append(TimelineRow(x0, x1, y, x1 + 8, "start"))
            else:
                fits = fits and x0 - 8 - w >= MARGIN / 2
                rows.append(TimelineRow(x0, x1, y, x0 - 8, "end"))
        if fits or width >= 4 * min_width:
            return TimelineLayout(width, top + ROW * len(marks) + 8, first, last, top, tuple(rows))
        width += 40


def _wrapped_layout(
    marks: Sequence[TimelineMark], width: float, size: float, first: int, last: int, top: float
) -> TimelineLayout:
    """A timeline ``width`` wide whose labels, where one line fits on neither side of the dot, are wrapped."""
    probe = TimelineLayout(width, 0, first, last, top, ())
    rows, y = [], top
    for mark in marks:
        x0, x1 = probe.x_of(mark.start), probe.x_of(max(mark.end, mark.start))
        gap = 8 * size / TIMELINE_SIZE
        right, left = width - MARGIN / 2 - (x1 + gap), x0 - gap - MARGIN / 2
        one = text_width(f"{mark.date}  {mark.text}", size)
        side = "start" if one <= right or (one > left and right >= left) else "end"
        room = right if side == "start" else left
        lines = () if one <= room else wrapped(mark.date, mark.text, room, size)
        pitch = ROW / TIMELINE_SIZE * size + LINE * size * max(len(lines) - 1, 0)
        centre = y + ROW / TIMELINE_SIZE * size / 2
        rows.append(TimelineRow(x0, x1, centre, x1 + gap if side == "start" else x0 - gap, side, lines))
        y += pitch
    return TimelineLayout(width, y + 8, first, last, top, tuple(rows))


def timeline_description(marks: Sequence[TimelineMark]) -> str:
    """What the timeline shows, in words (its SVG description, and the text of the picture where it is an image)."""
    layout = timeline_layout(marks)
    links = "; each links to its page" if any(m.href for m in marks) else ""
    return (
        f"{len(marks)} dated facts on a scale of years from {layout.first} to {layout.last}, one per row, earliest "
        f"at the top{links}. A bar is a span of time, a hollow dot an uncertain date, a dot of the second colour "
        "the publication of an edited text. The list after the picture gives the same facts with the texts that "
        "mention them."
    )


@dataclass(frozen=True)
class PrintSize:
    """A picture drawn for a page: ``width`` in points (the picture's units), its labels ``size`` points."""

    width: float
    size: float


def timeline_svg(
    marks: Sequence[TimelineMark],
    ident: str = "edition-timeline",
    title: str = "Timeline",
    font: str = "sans-serif",
    page: PrintSize | None = None,
) -> str:
    """A timeline chart: a years axis across the top, one row per fact, in the given (time) order.

    Each fact is a dot at its date, or a bar over its span, with its date and text beside it (a link if
    it has one). An uncertain fact has a hollow dot and an italic label; the publication of an edited
    text has a dot of a second colour. Faint lines mark the decades. For a ``page``, the picture is as wide
    as it says, in points, its labels of the size it says, wrapped where they need to be.
    """
    if not marks:
        return ""
    size = page.size if page else TIMELINE_SIZE
    k = size / TIMELINE_SIZE  # dots, bars and gaps in proportion to the labels
    layout = timeline_layout(marks, page.width, size, fixed=True) if page else timeline_layout(marks)
    width, height, top = layout.width, layout.height, layout.top
    desc = timeline_description(marks)
    points = f'width="{_n(width)}pt" height="{_n(height)}pt" ' if page else ""
    out = [
        f"<svg {_attrs(xmlns=SVG_NS, viewBox=f'0 0 {_n(width)} {_n(height)}', class_='edition-timeline-svg')} "
        f'{points}role="{_role(marks)}" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<g class="timeline-axis" aria-hidden="true" stroke="currentColor" fill="currentColor" '
        f'font-size="{_n(size * 0.9)}" font-family={quoteattr(font)}>',
        f'<line {_attrs(x1=MARGIN, y1=top - 8, x2=width - MARGIN, y2=top - 8)} stroke-width="1"/>',
    ]
    for year in range(layout.first, layout.last + 1, 10):
        x = layout.x_of(year)
        out.append(
            f'<line {_attrs(x1=x, y1=top - 12, x2=x, y2=height - 4)} class="timeline-decade" stroke-width="0.5" '
            'stroke-opacity="0.3"/>'
        )
        anchor = "start" if year == layout.first else "end" if year == layout.last else "middle"
        out.append(
            f'<text {_attrs(x=x, y=top - 16 * size / TIMELINE_SIZE, text_anchor=anchor)} stroke="none">{year}</text>'
        )
    out.append("</g>")
    out.append(f'<g class="timeline-facts" font-size="{_n(size)}" font-family={quoteattr(font)}>')
    for mark, row in zip(marks, layout.rows, strict=True):
        kinds = [*([mark.kind] if mark.kind else []), *(["uncertain"] if mark.uncertain else [])]
        parts = []
        if row.x1 - row.x0 >= 2:  # a span of time: a bar
            parts.append(
                f"<rect {_attrs(x=row.x0, y=row.y - 3 * k, width=row.x1 - row.x0, height=6 * k, rx=3 * k)} "
                f'class="timeline-span" fill="{ACCENT}" fill-opacity="0.6"/>'
            )
        colour = DOT if mark.kind == "text" else ACCENT  # a text's publication: the second colour
        fill = "none" if mark.uncertain else colour
        parts.append(
            f'<circle {_attrs(cx=row.x0, cy=row.y, r=4 * k)} class="timeline-tick" fill="{fill}" stroke="{colour}" '
            f'stroke-width="{_n(1.5 * k)}"/>'
        )
        italic = ' font-style="italic"' if mark.uncertain else ""
        date, *more = row.lines or (f"{mark.date} {mark.text}",)
        rest = "".join(  # the lines of a wrapped label below its first
            f"<tspan {_attrs(x=row.label_x, dy=f'{_n(LINE)}em')}>{escape(line)}</tspan>" for line in more
        )
        label = (
            f"<text {_attrs(x=row.label_x, y=row.y, text_anchor=row.anchor, **_baseline('central'))}{italic}>"
            f'<tspan class="timeline-date">{escape(mark.date)}</tspan>{escape(date[len(mark.date) :])}{rest}</text>'
        )
        parts.append(f"<a href={quoteattr(mark.href)}>{label}</a>" if mark.href else label)
        out.append(f'<g class="{" ".join(["timeline-fact", *kinds])}">{"".join(parts)}</g>')
    out.append("</g></svg>")
    return "\n".join(out)
