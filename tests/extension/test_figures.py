"""The map of places and the timeline picture: pure geometry in core, and the pages of a small root."""

from __future__ import annotations

import math
import re
import shutil
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from helpers import html_text, sphinx_build, timeline_entries
from lxml import etree
from sphinx.testing.util import SphinxTestApp

from critical_edition.core import export
from critical_edition.core.figures import MapPlace, TimelineMark, map_svg, timeline_layout, timeline_svg
from critical_edition.core.geography import (
    Projection,
    clip_ring,
    decode_topology,
    frame,
    place_labels,
    ring_path,
    world_outline,
)
from critical_edition.core.model import Entity, Relation
from critical_edition.core.register import Register

TEST_ROOT = Path(__file__).parent.parent / "roots" / "test-map"
SVG = "{http://www.w3.org/2000/svg}"

PLACES = [  # the edition's places with coordinates (lat, lon)
    MapPlace("Almaty", 43.2775, 76.89583, "almaty.html"),
    MapPlace("Kostanay", 53.21917, 63.63417, "kostanay.html"),
    MapPlace("Macau", 22.16667, 113.55, "macau.html"),
    MapPlace("Moscow", 55.75, 37.61667, "moscow.html"),
    MapPlace("Saint Petersburg", 59.9375, 30.30861, "saint-petersburg.html"),
    MapPlace("Sarajevo", 43.86667, 18.41667, "sarajevo.html"),
    MapPlace("Yan'an", 36.65, 109.49389, ""),
]


# --- the projection and paths ----------------------------------------------------------------------


def test_projection_puts_the_box_corners_at_the_picture_corners() -> None:
    p = Projection(west=10, south=40, east=30, north=60, width=1000)
    assert p.project(10, 60) == (0, 0)
    x, y = p.project(30, 40)
    assert math.isclose(x, 1000) and math.isclose(y, p.height)
    assert math.isclose(p.height, 1000 * 20 / (20 * math.cos(math.radians(50))))  # longitudes shrink at 50° N
    mx, my = p.project(20, 50)
    assert math.isclose(mx, 500) and math.isclose(my, p.height / 2)


def test_frame_holds_every_place_with_a_margin_and_a_sensible_shape() -> None:
    p = frame((pl.lat, pl.lon) for pl in PLACES)
    for place in PLACES:
        x, y = p.project(place.lon, place.lat)
        assert 20 < x < p.width - 20 and 20 < y < p.height - 20, place.name
    assert 1.2 <= p.width / p.height <= 2.0 + 1e-9
    alone = frame([(43.2775, 76.89583)])
    assert alone.west < 76.89583 - 3.9 and alone.east > 76.89583 + 3.9 and alone.north <= 85
    assert frame([(84.0, 0.0)]).north == 85.0  # never past ±85°
    with pytest.raises(ValueError):
        frame([])


def test_clipping_keeps_the_part_of_a_ring_inside_the_box() -> None:
    square = [(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0), (-10.0, -10.0)]
    clipped = clip_ring(square, (0, 0, 100, 100))
    assert sorted(clipped) == [(0, 0), (0, 10), (10, 0), (10, 10)]
    assert clip_ring(square, (50, 50, 100, 100)) == []


def test_ring_path_is_relative_rounded_and_drops_tiny_steps() -> None:
    path = ring_path([(0.04, 0.0), (10.0, 0.0), (10.2, 0.1), (10.0, 10.0), (0.0, 10.0)])
    assert path == "M0 0l10 0l0 10l-10 0z"  # (10.2, 0.1) is closer than 1.5 units to (10, 0)
    assert ring_path([(0.0, 0.0), (0.5, 0.5)]) == ""


def test_topojson_arcs_are_decoded_with_deltas_and_reversed_arcs() -> None:
    topology = {
        "transform": {"scale": [0.5, 0.5], "translate": [-10, -10]},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[4, 4], [-4, 0], [0, -4]]],
        "objects": {"countries": {"geometries": [
            {"type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": {"name": "Squareland"}},
            {"type": "MultiPolygon", "arcs": [[[~1]]], "id": "002", "properties": {"name": "Halfland"}},
            {"type": None, "properties": {"name": "Nowhere"}},
        ]}},
    }
    square, half, nowhere = decode_topology(topology)
    assert square.polygons == (([(-10, -10), (-8, -10), (-8, -8), (-10, -8), (-10, -10)],),)
    assert half.polygons == (([(-10, -10), (-10, -8), (-8, -8)],),)
    assert square.bounds() == (-10, -10, -8, -8) and nowhere.polygons == ()


def test_packaged_outline_is_the_world_and_small() -> None:
    countries = {c.name: c for c in world_outline()}
    assert len(countries) > 150
    west, south, east, north = countries["Kazakhstan"].bounds()
    assert west < 76.9 < east and south < 43.3 < north  # Almaty lies in Kazakhstan's box
    assert countries["Kazakhstan"].code == "398"
    data = Path(__file__).parents[2] / "src" / "critical_edition" / "data" / "world"
    assert (data / "countries-110m.topo.json").stat().st_size < 80_000
    assert "ISC" in (data / "README.md").read_text(encoding="utf-8")
    assert "Michael Bostock" in (data / "LICENSE-world-atlas").read_text(encoding="utf-8")


def test_labels_stay_inside_and_do_not_overlap() -> None:
    labels = place_labels([("Westown", (100.0, 100.0)), ("Edge", (990.0, 100.0)), ("Near", (100.0, 112.0))],
                          1000, 500, size=20)
    assert labels[0].anchor == "start"
    assert labels[1].anchor == "end"  # no room right of it
    assert labels[2].anchor == "end"  # right of it is Westown's label


# --- the map as SVG --------------------------------------------------------------------------------


def test_map_svg_is_well_formed_accessible_and_deterministic() -> None:
    p = frame((pl.lat, pl.lon) for pl in PLACES)
    svg = map_svg(PLACES, p, world_outline())
    assert svg == map_svg(PLACES, p, world_outline())
    root = etree.fromstring(svg.encode("utf-8"))
    assert root.tag == f"{SVG}svg" and root.get("role") == "group"
    assert root.get("aria-labelledby") == "edition-map-title edition-map-desc"
    assert root.find(f"{SVG}title").text == "Map of the places of the edition"
    assert "Almaty, Kostanay, Macau" in root.find(f"{SVG}desc").text
    links = {a.get("href"): "".join(a.itertext()) for a in root.iter(f"{SVG}a")}
    assert links == {pl.href: pl.name for pl in PLACES if pl.href}
    assert len(svg) < 40_000
    assert len(root.findall(f".//{SVG}circle")) == len(PLACES)


# --- the timeline ----------------------------------------------------------------------------------


def _register() -> Register:
    film = Entity(id="a-film", kind="work", name="A Film", gloss="g", sources=("s",),
                  dates={"premiere": "2019-04-13", "released": "2019-05-17"},
                  relations=(Relation("premiered-at", "festival"),))
    premiere = Entity(id="a-premiere", kind="event", name="World premiere of A Film", gloss="g", sources=("s",),
                      dates={"date": "2019-04-13"}, relations=(Relation("about", "a-film"),))
    festival = Entity(id="festival", kind="event", name="A Festival", gloss="g", sources=("s",),
                      dates={"date": "2019-04-13"})  # the film premiered there, but it is a happening of its own
    return Register(entities={e.id: e for e in (film, premiere, festival)})


def test_an_event_about_a_work_on_its_date_is_listed_once() -> None:
    assert export.same_happenings(_register()) == {"a-premiere": ("a-film", "premiere")}
    facts = export.timeline(_register())
    assert [(f.entity_id, f.field, f.also) for f in facts] == [
        ("a-film", "premiere", ("a-premiere",)), ("festival", "date", ()), ("a-film", "released", ())]


def test_texts_publications_join_the_timeline_in_order() -> None:
    texts = [export.TextPublication("articles/one", "A Headline", "Example Site", "2019-05"),
             export.TextPublication("articles/two", "Undated", "Example Site", ""),  # no date: left out
             export.TextPublication("articles/three", "Bad", "Example Site", "May 2019")]  # not EDTF: left out
    facts = export.timeline(_register(), texts)
    assert [(f.kind, f.entity_id or f.text.docname) for f in facts] == [
        ("work", "a-film"), ("event", "festival"), ("text", "articles/one"), ("work", "a-film")]


def test_timeline_svg_rows_fit_and_link() -> None:
    marks = [TimelineMark("1873", "Someone born", 1873, 1873, "a.html"),
             TimelineMark("1941–1944", "A long span of time with a long label", 1941, 1944.99, "b.html"),
             TimelineMark("2019", "A very long label of a late fact that must go to the left", 2019, 2019, "",
                          uncertain=True)]
    layout = timeline_layout(marks)
    assert (layout.first, layout.last) == (1870, 2020)
    assert [r.anchor for r in layout.rows] == ["start", "start", "end"]
    assert [r.y for r in layout.rows] == sorted(r.y for r in layout.rows)
    svg = timeline_svg(marks, title="T")
    root = etree.fromstring(svg.encode("utf-8"))
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ["a.html", "b.html"]
    assert len(root.findall(f".//{SVG}rect")) == 1  # the span
    assert root.findall(f".//{SVG}circle")[2].get("fill") == "none"  # uncertain: hollow
    assert svg == timeline_svg(marks, title="T")


# --- the pages of a small edition -----------------------------------------------------------------


def _svgs(html: str) -> list[etree._Element]:
    return [etree.fromstring(s.encode("utf-8")) for s in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def _resolves(page: Path, href: str) -> bool:
    target = urldefrag(urljoin(page.as_uri(), href)).url.removeprefix("file://")
    return Path(target).is_file()


@pytest.mark.sphinx("html", testroot="map", freshenv=True)
def test_map_page_draws_places_with_links_and_lists_the_rest(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    page = app.outdir / "map.html"
    html = page.read_text(encoding="utf-8")
    (svg,) = _svgs(html)
    links = {"".join(a.itertext()): a.get("href") for a in svg.iter(f"{SVG}a")}
    assert links == {"Easton": "annotations/place/easton.html", "Northtown": "annotations/place/northtown.html"}
    assert all(_resolves(page, href) for href in links.values())
    assert '<figure class="edition-map">' in html and "<figcaption>" in html and "world-atlas 2.0.2" in html
    # a box that scrolls sideways on a phone is a named region a keyboard user can focus (WCAG 2.1.1)
    assert re.search(r'<div class="edition-figure-scroll" role="region" tabindex="0" aria-label="[^"]+">', html)
    text = html_text(html, fold=True, tag=" ")
    assert "Northtown : 59.94° N, 30.31° E" in text or "Northtown: 59.94° N, 30.31° E" in text
    assert "Not on the map" in text and "Landia" in text.split("Not on the map", 1)[1]
    assert "Landia" not in "".join(svg.itertext())


@pytest.mark.sphinx("html", testroot="map", freshenv=True)
def test_timeline_page_has_each_happening_once_the_texts_date_and_a_picture(app: SphinxTestApp, warning) -> None:
    app.build()
    assert "WARNING" not in warning.getvalue(), warning.getvalue()
    page = app.outdir / "timeline.html"
    html = page.read_text(encoding="utf-8")
    entries = [html_text(e, fold=True) for e in timeline_entries(html)]
    assert entries == [
        "13 April 2019 — A Film: premiere; see World premiere of A Film; mentioned in An article, ¶ 1",
        "17 May 2019 — A Film: release; mentioned in An article, ¶ 1",
        "5 March 2020 — Example Site publishes “A Source”, edited here as An article",
    ]
    (svg,) = _svgs(html)
    hrefs = [a.get("href") for a in svg.iter(f"{SVG}a")]
    assert hrefs == ["annotations/work/a-film.html", "annotations/work/a-film.html", "index.html"]
    assert all(_resolves(page, h) for h in hrefs)
    assert svg.find(f"{SVG}title").text == "Timeline of the dated facts"


def test_figures_are_byte_identical_in_two_builds(tmp_path: Path) -> None:
    one = sphinx_build("-b", "html", "-W", "-d", tmp_path / "d1", TEST_ROOT, tmp_path / "one")
    two = sphinx_build("-b", "html", "-W", "-j", "2", "-d", tmp_path / "d2", TEST_ROOT, tmp_path / "two")
    assert one.returncode == 0 and two.returncode == 0, one.stderr + two.stderr
    for name in ("map.html", "timeline.html"):
        first, second = ((tmp_path / out / name).read_text(encoding="utf-8") for out in ("one", "two"))
        assert re.findall(r"<svg\b.*?</svg>", first, re.S) == re.findall(r"<svg\b.*?</svg>", second, re.S), name


def test_incremental_build_redraws_the_map_when_a_place_gets_coordinates(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(TEST_ROOT, src)
    out = tmp_path / "out"
    assert sphinx_build("-b", "html", "-W", src, out).returncode == 0
    entry = src / "annotations" / "place" / "landia.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace(
        "category: country", "category: country\ncoordinates: {lat: 48.0, lon: 68.0, source: atlas2020}"),
        encoding="utf-8")
    result = sphinx_build("-b", "html", "-W", src, out)
    assert result.returncode == 0, result.stderr
    (svg,) = _svgs((out / "map.html").read_text(encoding="utf-8"))
    assert sorted("".join(a.itertext()) for a in svg.iter(f"{SVG}a")) == ["Easton", "Landia", "Northtown"]
