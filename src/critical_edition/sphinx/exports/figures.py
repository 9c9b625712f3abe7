"""The map of places: ``{edition-map}`` draws the register's places with coordinates as an SVG map.

The directive lists the places at read time (links, coordinates and their source, and the places
that are not on the map) for every output; the picture itself is made at resolve time, when the
address of each place's page is known: in the page with a link on each place for web pages, as a
figure without links in a book (``print/pictures``). The geometry is core's (``geography``, ``figures``).
"""

from __future__ import annotations

from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from markupsafe import Markup
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from ...core.figures import MapPlace, map_description, map_svg
from ...core.geography import OUTLINE_CREDIT, degrees, frame, world_outline
from ...core.model import Entity
from .. import fragments, writers
from ..cite import cite
from ..domain import (
    builds_web_pages,
    edition_data,
    edition_register,
    entity_docname,
    entity_pages,
    note_register_dependencies,
)
from ..html import unindexed_html
from ..print.pictures import BOOK_FONT, book_figure, elsewhere
from ..quotes import curled
from ..register.render import doc_link, joined


class edition_map(nodes.General, nodes.Element):
    """Placeholder: the SVG map of the places ``place_ids``, drawn at resolve time."""


def mapped_places(env: BuildEnvironment) -> tuple[list[Entity], list[Entity]]:
    """The register's places with coordinates and those without, each in the register's order."""
    places = edition_register(env).of_kind("place")
    return [p for p in places if p.coordinates], [p for p in places if not p.coordinates]


class MapDirective(SphinxDirective):
    """``{edition-map}``: the places of the register on a map, with a list of them and of those not on it."""

    option_spec: ClassVar[dict[str, object]] = {"title": directives.unchanged}  # type: ignore[misc]

    def run(self) -> list[nodes.Node]:
        """The map's placeholder, the list of the places on it, and the places without coordinates."""
        edition_data(self.env).maps.add(self.env.docname)
        on_map, elsewhere = mapped_places(self.env)
        note_register_dependencies(self.env, on_map + elsewhere)
        if not on_map:
            return [nodes.paragraph(text="No place of the register has coordinates yet, so there is no map.")]
        title = self.options.get("title", "Places of the edition")
        placeholder = edition_map(place_ids=[p.id for p in on_map], title=title)
        self.set_source_info(placeholder)  # where a picture that cannot be made is reported
        out: list[nodes.Node] = [placeholder]
        listing = nodes.bullet_list(classes=["edition-map-places"])
        for place in on_map:
            lat, lon = place.coordinates or (0.0, 0.0)
            para = nodes.paragraph()
            para += doc_link(self.env, entity_docname(self.env, place), nodes.Text(place.name))
            para += nodes.Text(f": {degrees(lat, 'N', 'S', 2)}, {degrees(lon, 'E', 'W', 2)} ")
            if place.coordinates_source:
                para += cite([place.coordinates_source], self.env, self.state.document)
            item = nodes.list_item()
            item += para
            listing += item
        heading = "Places on the map"
        out += [nodes.rubric(heading, heading), listing]
        if elsewhere:
            heading = "Not on the map"
            para = nodes.paragraph(classes=["edition-map-elsewhere"])
            para += nodes.Text("The register gives no coordinates for these places: ")
            links = [doc_link(self.env, entity_docname(self.env, p), nodes.Text(p.name)) for p in elsewhere]
            para.extend(joined(links, ", "))
            para += nodes.Text(".")
            out += [nodes.rubric(heading, heading), para]
        return out


def draw_maps(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace each map placeholder by its picture: in the page with links (web pages), a figure (a book)."""
    placeholders = list(doctree.findall(edition_map))
    if not placeholders:
        return
    register = edition_register(app.env)
    web = builds_web_pages(app.builder)
    for number, node in enumerate(placeholders, start=1):
        entities = [e for i in node["place_ids"] if (e := register.get(i)) and e.coordinates]
        if not entities:
            node.replace_self(elsewhere("map of these places"))
            continue
        places = []
        for entity in entities:
            page = entity_docname(app.env, entity)
            href = app.builder.get_relative_uri(docname, page) if web and page in app.env.all_docs else ""
            lat, lon = entity.coordinates or (0.0, 0.0)
            places.append(MapPlace(curled(entity.name, app.config), lat, lon, href))  # a label is prose: "Yan’an"
        projection = frame((p.lat, p.lon) for p in places)
        ident = "edition-map" if number == 1 else f"edition-map-{number}"
        caption = (
            "Each dot is a place of the register, at the coordinates its entry gives (the list of the places on the "
            f"map gives their sources). Equirectangular projection. {OUTLINE_CREDIT}"
        )
        if not web:
            svg = map_svg(places, projection, world_outline(), ident=ident, title=node["title"], font=BOOK_FONT)
            name = f"{ident}-{docname.replace('/', '-')}"
            description = map_description(places, projection)
            node.replace_self(book_figure(app, node, docname, name, svg, caption, description, "map of these places"))
            continue
        svg = map_svg(places, projection, world_outline(), ident=ident, title=node["title"])
        drawing = Markup(svg)  # SVG the map's code drew, its texts escaped
        html = fragments.render(
            "figure.html", classes="edition-map", drawing=drawing, region=node["title"], caption=caption
        )
        node.replace_self(unindexed_html(html))


def outdated(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> list[str]:
    """Re-read the pages with a map when a register page is added, changed or removed."""
    if entity_pages(env, added | changed | removed):
        return sorted((edition_data(env).maps & env.found_docs) - added - changed)
    return []


def setup(app: Sphinx) -> None:
    """Register the map's directive, node and events."""
    writers.add_node(app, edition_map)  # a placeholder, filled at resolve time
    app.add_directive("edition-map", MapDirective)
    app.connect("env-get-outdated", outdated)
    app.connect("doctree-resolved", draw_maps)
