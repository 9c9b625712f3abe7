"""The edition's two pictures as SVG text: the map of places and the timeline. No script, no network.

Pure: the Sphinx layer passes plain data and the address of each page, and gets back a string of
SVG markup to set in the HTML page. Colours come from CSS (classes and ``currentColor``), so the
pictures follow the theme's light and dark modes; the attributes set here are the fallbacks. Every
figure has a title and a description, every place or fact is a link whose text is its name, and
the same output follows from the same input (numbers are rounded, order is the given order).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from .geography import Country, Projection, country_paths, degrees, graticule, place_labels, text_width

SVG_NS = "http://www.w3.org/2000/svg"


def _n(value: float) -> str:
    """A number with at most one decimal."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(**attributes: str | float) -> str:
    out = []
    for key, value in attributes.items():
        name = key.rstrip("_").replace("_", "-")
        out.append(f"{name}={quoteattr(_n(value) if isinstance(value, float | int) else value)}")
    return " ".join(out)


# --- the map ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MapPlace:
    """A place to draw: its name, latitude and longitude, and the address of its page ('' for none)."""

    name: str
    lat: float
    lon: float
    href: str = ""


def map_svg(
    places: Sequence[MapPlace],
    projection: Projection,
    countries: Sequence[Country],
    ident: str = "edition-map",
    title: str = "Map of the places of the edition",
) -> str:
    """An SVG map: the countries, a 10-degree graticule, and each place as a linked dot with its name."""
    width, height = projection.width, projection.height
    points = [(p.name, projection.project(p.lon, p.lat)) for p in places]
    labels = place_labels(points, width, height)
    west, east = degrees(projection.west, "E", "W"), degrees(projection.east, "E", "W")
    south, north = degrees(projection.south, "N", "S"), degrees(projection.north, "N", "S")
    names = ", ".join(p.name for p in places)
    desc = (
        f"{len(places)} place{'' if len(places) == 1 else 's'} of the register drawn as dots on an outline of the "
        f"countries (equirectangular projection, {west} to {east}, {south} to {north}): {names}. "
        "Each name links to the place's page; the list after the map gives the same places with their coordinates."
    )
    out = [
        f"<svg {_attrs(xmlns=SVG_NS, viewBox=f'0 0 {_n(width)} {_n(height)}', class_='edition-map-svg')} "
        f'role="group" aria-labelledby="{ident}-title {ident}-desc">',
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
    out.append('<g class="map-places" font-size="16" font-family="sans-serif">')
    for place, (_, (x, y)), label in zip(places, points, labels, strict=True):
        dot = f'<circle {_attrs(cx=x, cy=y, r=5.5)} fill="#b5302a" stroke="#ffffff" stroke-width="1.5"/>'
        text = f"<text {_attrs(x=label.x, y=label.y, text_anchor=label.anchor)}>{escape(place.name)}</text>"
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


ROW = 24.0
"""The height of one row of the timeline (one fact) in picture units."""


def timeline_svg(marks: Sequence[TimelineMark], ident: str = "edition-timeline", title: str = "Timeline") -> str:
    """A vertical timeline: a years axis on the left, drawn to scale, and one row per fact on the right.

    Each fact is a tick (or a bar, for a span of time) on the axis, joined by a leader line to its
    row, which holds its date and its text as a link. Uncertain facts have dashed leaders and
    hollow ticks. Rows keep the order given (the timeline's order), so leaders never cross.
    """
    if not marks:
        return ""
    size = 14.0
    first = math.floor(min(m.start for m in marks) / 10) * 10
    last = math.ceil((max(m.end for m in marks) + 1e-9) / 10) * 10
    last = max(last, first + 10)
    top, axis_x, row_x = 20.0, 62.0, 150.0
    height = top * 2 + ROW * len(marks)
    span = height - 2 * top

    def y_of(year: float) -> float:
        return top + (year - first) / (last - first) * span

    date_width = max(text_width(m.date, size * 0.9) for m in marks)
    text_x = row_x + date_width + 12
    width = math.ceil(text_x + max(text_width(m.text, size) for m in marks) + 12)
    years = f"{first}" if first == last else f"{first} to {last}"
    desc = (
        f"{len(marks)} dated facts on a scale of years from {years}, earliest at the top; each links to its page. "
        "The list after the picture gives the same facts with the texts that mention them."
    )
    out = [
        f"<svg {_attrs(xmlns=SVG_NS, viewBox=f'0 0 {width} {_n(height)}', class_='edition-timeline-svg')} "
        f'role="group" aria-labelledby="{ident}-title {ident}-desc">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<g class="timeline-axis" aria-hidden="true" stroke="currentColor" fill="currentColor" '
        f'font-size="{_n(size * 0.85)}" font-family="sans-serif">',
        f'<line {_attrs(x1=axis_x, y1=top, x2=axis_x, y2=top + span)} stroke-width="1.5"/>',
    ]
    for year in range(first, last + 1, 10):
        y = y_of(year)
        out.append(f'<line {_attrs(x1=axis_x - 6, y1=y, x2=axis_x, y2=y)} stroke-width="1"/>')
        out.append(f'<text {_attrs(x=axis_x - 10, y=y + 4, text_anchor="end")} stroke="none">{year}</text>')
    out.append("</g>")
    out.append(f'<g class="timeline-facts" font-size="{_n(size)}" font-family="sans-serif">')
    for i, mark in enumerate(marks):
        row_y = top + ROW * (i + 0.5)
        y0, y1 = y_of(mark.start), y_of(mark.end)
        classes = " ".join(
            ["timeline-fact", *([mark.kind] if mark.kind else []), *(["uncertain"] if mark.uncertain else [])]
        )
        dash = ' stroke-dasharray="3 3"' if mark.uncertain else ""
        parts = [
            f'<path d="M{_n(axis_x)} {_n(y0)}C{_n(axis_x + 45)} {_n(y0)} {_n(row_x - 45)} {_n(row_y)} '
            f'{_n(row_x - 6)} {_n(row_y)}" class="timeline-leader" fill="none" stroke="currentColor" '
            f'stroke-opacity="0.45"{dash}/>'
        ]
        if y1 - y0 >= 2:  # a span of time: a bar along the axis
            parts.append(
                f'<rect {_attrs(x=axis_x - 3, y=y0, width=6, height=y1 - y0, rx=3)} class="timeline-span" '
                f'fill="#2a6f97" fill-opacity="0.6"/>'
            )
        tick_fill = "none" if mark.uncertain else "#2a6f97"
        parts.append(
            f'<circle {_attrs(cx=axis_x, cy=y0, r=4)} class="timeline-tick" fill="{tick_fill}" stroke="#2a6f97" '
            f'stroke-width="1.5"/>'
        )
        italic = ' font-style="italic"' if mark.uncertain else ""
        parts.append(
            f'<text {_attrs(x=row_x, y=row_y + 5)} class="timeline-date" font-size="{_n(size * 0.9)}"{italic}>'
            f"{escape(mark.date)}</text>"
        )
        label = f'<text {_attrs(x=text_x, y=row_y + 5)} class="timeline-text">{escape(mark.text)}</text>'
        parts.append(f"<a href={quoteattr(mark.href)}>{label}</a>" if mark.href else label)
        out.append(f'<g class="{classes}">{"".join(parts)}</g>')
    out.append("</g></svg>")
    return "\n".join(out)
