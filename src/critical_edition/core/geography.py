"""The geometry of the map of places: the packaged world outline, the projection, paths and labels.

Pure: nothing here knows Sphinx or docutils, and the same places give the same numbers. The outline
is a TopoJSON topology derived from Natural Earth (``data/world/README.md`` says from where and how);
it is drawn in an equirectangular projection cropped to the places, which is all a map of a
handful of cities needs. Places on both sides of the 180th meridian are not supported.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

Point = tuple[float, float]
"""(longitude, latitude) in degrees, or (x, y) in the picture's units."""
Ring = list[Point]

OUTLINE = Path(__file__).parent.parent / "data" / "world" / "countries-110m.topo.json"
"""The packaged world outline (Natural Earth 1:110m countries via the npm package world-atlas 2.0.2)."""
OUTLINE_CREDIT = "Outline: Natural Earth 1:110m (public domain), from the npm package world-atlas 2.0.2 (ISC)."


@dataclass(frozen=True)
class Country:
    """One country of the outline: its name, ISO 3166-1 numeric code and polygons (rings; the first is the outer)."""

    name: str
    code: str
    polygons: tuple[tuple[Ring, ...], ...]

    def bounds(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) of every point of the country."""
        points = [p for polygon in self.polygons for ring in polygon for p in ring]
        return (
            min(x for x, _ in points),
            min(y for _, y in points),
            max(x for x, _ in points),
            max(y for _, y in points),
        )


def decode_topology(topology: dict) -> list[Country]:
    """The countries of a quantized TopoJSON topology (object ``countries``), in degrees."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, 6), round(y * sy + ty, 6)))
        arcs.append(points)

    def ring(indexes: Sequence[int]) -> Ring:
        out: Ring = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]  # a negative index is the arc reversed
            out.extend(points[1:] if out else points)  # consecutive arcs share their end point
        return out

    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind, parts = geometry.get("type"), geometry.get("arcs", [])
        polygons = [parts] if kind == "Polygon" else parts if kind == "MultiPolygon" else []
        countries.append(
            Country(
                str(geometry.get("properties", {}).get("name", "")),
                str(geometry.get("id", "")),
                tuple(tuple(ring(r) for r in polygon) for polygon in polygons),
            )
        )
    return countries


@functools.lru_cache(maxsize=1)
def world_outline(path: Path = OUTLINE) -> tuple[Country, ...]:
    """The packaged world outline, read once per process."""
    return tuple(decode_topology(json.loads(path.read_text(encoding="utf-8"))))


# --- the projection --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """An equirectangular projection of a longitude/latitude box onto a picture ``width`` units wide.

    Longitudes are scaled by the cosine of the box's middle latitude (the standard parallel), so that
    shapes near it keep their proportions; y grows downwards, as in SVG.
    """

    west: float
    south: float
    east: float
    north: float
    width: float = 1000.0

    @property
    def parallel(self) -> float:
        """The standard parallel: the middle latitude of the box."""
        return (self.south + self.north) / 2

    @property
    def scale(self) -> float:
        """Picture units per degree of latitude."""
        return self.width / ((self.east - self.west) * math.cos(math.radians(self.parallel)))

    @property
    def height(self) -> float:
        """The picture's height in its units."""
        return (self.north - self.south) * self.scale

    def project(self, lon: float, lat: float) -> Point:
        """The picture point of a longitude and latitude."""
        k = self.scale
        return ((lon - self.west) * math.cos(math.radians(self.parallel)) * k, (self.north - lat) * k)


def frame(
    coordinates: Iterable[tuple[float, float]],
    margin: float = 0.12,
    min_margin: float = 4.0,
    aspect: tuple[float, float] = (1.2, 2.0),
    width: float = 1000.0,
) -> Projection:
    """A projection of the box around (latitude, longitude) pairs, with a margin and a width/height ratio in range.

    The margin is a share of the box's span, but at least ``min_margin`` degrees on each side; one place
    alone gets a box of twice that around it. The box is widened or heightened (never cut) until its
    picture's width/height ratio lies within ``aspect``, and latitudes stay within ±85 degrees.
    """
    points = list(coordinates)
    if not points:
        raise ValueError("a map needs at least one place")
    lats, lons = [lat for lat, _ in points], [lon for _, lon in points]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    dlat = max((north - south) * margin, min_margin)
    dlon = max((east - west) * margin, min_margin)
    south, north, west, east = max(south - dlat, -85.0), min(north + dlat, 85.0), west - dlon, east + dlon
    low, high = aspect
    for _ in range(8):  # each step widens one side; converges in one or two
        ratio = (east - west) * math.cos(math.radians((south + north) / 2)) / (north - south)
        if ratio > high:
            grow = ((east - west) * math.cos(math.radians((south + north) / 2)) / high - (north - south)) / 2
            south, north = max(south - grow, -85.0), min(north + grow, 85.0)
        elif ratio < low:
            grow = ((north - south) * low / math.cos(math.radians((south + north) / 2)) - (east - west)) / 2
            west, east = west - grow, east + grow
        else:
            break
    return Projection(round(west, 4), round(south, 4), round(east, 4), round(north, 4), width)


# --- paths -----------------------------------------------------------------------------------------


def clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """A closed ring of picture points clipped to the box (x0, y0, x1, y1) (Sutherland–Hodgman)."""
    x0, y0, x1, y1 = box
    edges = (
        (lambda p: p[0] >= x0, lambda a, b: _cross_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cross_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cross_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cross_y(a, b, y1)),
    )
    points = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        if not points:
            break
        out: Ring = []
        previous = points[-1]
        for point in points:
            if inside(point):
                if not inside(previous):
                    out.append(cross(previous, point))
                out.append(point)
            elif inside(previous):
                out.append(cross(previous, point))
            previous = point
        points = out
    return points


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def _number(value: float) -> str:
    """A coordinate with one decimal and no trailing zero: 12.0 -> '12', -0.04 -> '0'."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def ring_path(points: Ring, min_step: float = 1.5) -> str:
    """An SVG path of a closed ring: absolute start, then relative steps of at least ``min_step`` units."""
    rounded = [(round(x, 1), round(y, 1)) for x, y in points]
    kept = rounded[:1]
    for point in rounded[1:]:
        if math.dist(point, kept[-1]) >= min_step:
            kept.append(point)
    if len(kept) < 3:
        return ""
    parts = [f"M{_number(kept[0][0])} {_number(kept[0][1])}"]
    for (ax, ay), (bx, by) in itertools.pairwise(kept):
        dx, dy = _number(bx - ax), _number(by - ay)
        parts.append(f"l{dx}{'' if dy.startswith('-') else ' '}{dy}")
    return "".join(parts) + "z"


def country_paths(projection: Projection, countries: Iterable[Country], pad: float = 4.0) -> list[tuple[str, str]]:
    """(name, SVG path) of each country that shows in the projection's box, clipped a little outside it."""
    box = (-pad, -pad, projection.width + pad, projection.height + pad)
    out = []
    for country in countries:
        if not country.polygons:
            continue
        west, south, east, north = country.bounds()
        if east < projection.west or west > projection.east or north < projection.south or south > projection.north:
            continue
        rings = []
        for polygon in country.polygons:
            for ring in polygon:
                clipped = clip_ring([projection.project(lon, lat) for lon, lat in ring], box)
                if path := ring_path(clipped):
                    rings.append(path)
        if rings:
            out.append((country.name, "".join(rings)))
    return out


def graticule(projection: Projection, step: int = 10) -> list[tuple[str, float, float, float, float]]:
    """The meridians and parallels every ``step`` degrees inside the box: (label, x1, y1, x2, y2)."""
    lines = []
    for lon in range(math.ceil(projection.west / step) * step, math.floor(projection.east) + 1, step):
        x, _ = projection.project(lon, projection.north)
        lines.append((degrees(lon, "E", "W"), x, 0.0, x, projection.height))
    for lat in range(math.ceil(projection.south / step) * step, math.floor(projection.north) + 1, step):
        _, y = projection.project(projection.west, lat)
        lines.append((degrees(lat, "N", "S"), 0.0, y, projection.width, y))
    return lines


def degrees(value: float, positive: str, negative: str, digits: int = 0) -> str:
    """A latitude or longitude as a reader writes it: 43.2775 -> '43.28° N' (digits=2)."""
    hemisphere = positive if value >= 0 else negative
    return f"{abs(value):.{digits}f}° {hemisphere}" if value else f"{0:.{digits}f}°"


# --- labels ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Label:
    """Where a place's name is set: its anchor point, text-anchor and dominant-baseline.

    The baseline keeps the name beside, above or below its dot at any font size ('central' beside,
    'auto' above, 'hanging' below), so that a style sheet may change the size.
    """

    x: float
    y: float
    anchor: str
    baseline: str = "central"


def text_width(text: str, size: float) -> float:
    """A generous estimate of a label's width in a proportional sans-serif font."""
    return 0.6 * size * len(text)


def place_labels(
    points: Sequence[tuple[str, Point]], width: float, height: float, size: float = 16.0, gap: float = 8.0
) -> list[Label]:
    """A label position for each named point: right of it, else left, above or below, avoiding the others.

    Greedy and deterministic: points are handled in the order given; the first position that stays
    inside the picture and overlaps neither a placed label nor a point wins; if none does, the one
    that stays inside wins (or the first).
    """
    dots = [(x - 4, y - 4, x + 4, y + 4) for _, (x, y) in points]
    taken: list[tuple[float, float, float, float]] = []
    labels = []
    for name, (x, y) in points:
        w = text_width(name, size)
        candidates = [
            (Label(x + gap, y, "start"), (x + gap, y - size * 0.6, x + gap + w, y + size * 0.6)),
            (Label(x - gap, y, "end"), (x - gap - w, y - size * 0.6, x - gap, y + size * 0.6)),
            (Label(x, y - gap, "middle", "auto"), (x - w / 2, y - gap - size, x + w / 2, y - gap)),
            (Label(x, y + gap, "middle", "hanging"), (x - w / 2, y + gap, x + w / 2, y + gap + size)),
        ]
        inside = [c for c in candidates if c[1][0] >= 0 and c[1][1] >= 0 and c[1][2] <= width and c[1][3] <= height]
        free = [c for c in inside if not any(_overlap(c[1], b) for b in taken + dots)]
        label, box = (free or inside or candidates)[0]
        taken.append(box)
        labels.append(label)
    return labels


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
