"""Derive the edition's packaged world outline from the npm package world-atlas (Natural Earth 1:110m).

Usage: ``npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz`` and then
``python tools/vendor_world_outline.py package/countries-110m.json OUT``, where OUT is
``src/critical_edition/data/world/countries-110m.topo.json``.

The output is TopoJSON again (readable by any TopoJSON client): the same countries and shared arcs,
each arc simplified by Douglas–Peucker with a tolerance of TOLERANCE degrees and quantized to
STEP degrees, with only each country's name and ISO 3166-1 numeric code kept. The script is
deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TOLERANCE = 0.2  # degrees: a point closer than this to the simplified line is dropped
STEP = 0.1  # degrees: the quantization grid of the output


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The arcs of a quantized TopoJSON topology in degrees (longitude, latitude)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (px, py), (ax, ay), (bx, by) = p, a, b
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
    return ((px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2) ** 0.5


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas–Peucker; the end points stay (arcs shared by two countries stay shared)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if index >= 0 and worst > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    kept = [p for p, k in zip(points, keep, strict=True) if k]
    if kept[0] == kept[-1] and len(kept) < 4:  # a closed ring needs three distinct points
        return [*points[:1], points[len(points) // 3], points[2 * len(points) // 3], *points[-1:]]
    return kept


def main(source: Path, target: Path) -> None:
    """Read world-atlas's countries-110m.json, write the simplified, re-quantized topology."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = []
    for arc in decode_arcs(topology):
        quantized = [(round((x + 180) / STEP), round((y + 90) / STEP)) for x, y in simplify(arc, TOLERANCE)]
        deltas, previous = [], (0, 0)
        for point in quantized:
            if deltas and point == previous:
                continue
            deltas.append([point[0] - previous[0], point[1] - previous[1]])
            previous = point
        arcs.append(deltas)
    countries = topology["objects"]["countries"]
    geometries = [
        {"type": g["type"], "arcs": g["arcs"], "id": g.get("id", ""), "properties": {"name": g["properties"]["name"]}}
        for g in countries["geometries"]
        if g.get("type")  # a null geometry has nothing to draw
    ]
    out = {
        "type": "Topology",
        "transform": {"scale": [STEP, STEP], "translate": [-180, -90]},
        "objects": {"countries": {"type": "GeometryCollection", "geometries": geometries}},
        "arcs": arcs,
    }
    target.write_text(json.dumps(out, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
