"""Doctree nodes made from the edition's data: gloss notes, entity pages, registers."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment

from ...core.dates import date_in_words, life_dates
from ...core.model import Entity, Name
from ...core.name_index import index_entry, indexed_names
from ...core.register import Register, named_after
from ...core.syntax import emphasis_runs
from ...core.vocabulary import authority_links, language_name, relation_sentence
from ...profile import active
from .. import markup
from ..cite import cite
from ..domain import entity_docname
from ..quotes import curled
from .markup import mention_list


def gloss_nodes(gloss: str) -> list[nodes.Node]:
    """A gloss as nodes, the titles it marks (``*Composer*``) in italics."""
    return [nodes.emphasis(run, run) if italic else nodes.Text(run) for run, italic in emphasis_runs(gloss) if run]


def gloss_paragraph(entity: Entity, env: BuildEnvironment, document: nodes.document) -> nodes.paragraph:
    """The note at an entity's first mention: name, dates, gloss and its sources."""
    para = nodes.paragraph()
    para += nodes.strong(entity.name, entity.name)
    dates = life_dates(entity)
    if dates:
        para += nodes.Text(f" ({dates})")
    para += nodes.Text(": ")
    para += gloss_nodes(entity.gloss)
    para += nodes.Text(" ")
    para += cite(entity.sources, env, document)
    para += nodes.Text(".")
    return para


def doc_link(env: BuildEnvironment, docname: str, *children: nodes.Node) -> addnodes.pending_xref:
    """A link to another document of the edition."""
    xref = addnodes.pending_xref(
        "", refdomain="std", reftype="doc", reftarget="/" + docname, refexplicit=True, refwarn=True, refdoc=env.docname
    )
    xref += nodes.inline("", "", *children)
    return xref


def _field(name: str, *body: nodes.Node) -> nodes.field:
    field = nodes.field()
    field += nodes.field_name(name, name)
    content = nodes.field_body()
    para = nodes.paragraph()
    para.extend(body)
    content += para
    field += content
    return field


def joined(items: list[nodes.Node], sep: str = "; ") -> list[nodes.Node]:
    """The nodes with a separator between each two."""
    out: list[nodes.Node] = []
    for i, item in enumerate(items):
        if i:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def entity_card_nodes(
    entity: Entity, register: Register, env: BuildEnvironment, document: nodes.document
) -> list[nodes.Node]:
    """The data block of an entity page: gloss, names, dates, relations, authorities, sources."""
    anchor = nodes.target("", "", ids=["entity-names"])
    document.note_explicit_target(anchor)
    entries = [  # curled as the page's prose (Sphinx's smart quotes never see an index entry): "Yan’an"
        ("single", curled(index_entry(name), env.config), "entity-names", "", None) for name in indexed_names(entity)
    ]
    searchable = addnodes.index(entries=entries)  # every name, in every script, finds this page
    gloss = nodes.paragraph(classes=["entity-gloss"])
    gloss += gloss_nodes(entity.gloss)
    gloss += nodes.Text(" ")
    gloss += cite(entity.sources, env, document)
    fields = nodes.field_list(classes=["entity-data"])
    kind = entity.kind + (f" ({entity.category})" if entity.category else "")
    fields += _field("Kind", nodes.Text(kind))
    names: list[nodes.Node] = []
    for name in entity.names:
        span = markup.lang(lang=name.lang)
        span += nodes.Text(name.text)
        item = nodes.inline()
        item += span
        item += nodes.Text(f" ({language_name(name.lang)}, {name.type}{', ' + name.note if name.note else ''})")
        names.append(item)
    if names:
        fields += _field("Names", *joined(names))
    if entity.dates:
        fields += _field(
            "Dates", *joined([nodes.Text(f"{_date_label(k)} {date_in_words(v)}") for k, v in entity.dates.items()])
        )
    relations = relation_nodes(entity, register, env)
    if relations:
        fields += _field("Relations", *relations)
    links = [
        nodes.reference(f"{active().authorities[a].label} {i}", f"{active().authorities[a].label} {i}", refuri=url)
        for a, i, url in authority_links(entity.authority)
    ]
    if links:
        fields += _field("Authority records", *joined(links))
    else:
        fields += _field("Authority records", nodes.Text("not yet identified"))
    fields += _field("Sources", cite(entity.sources, env, document))
    page = env.docname
    fields += _field("Mentioned in the texts", mention_list(argument=entity.id, scope="texts", docname=page))
    fields += _field(
        "In the editors’ introductions and notes", mention_list(argument=entity.id, scope="notes", docname=page)
    )
    fields += _field("Also named on", mention_list(argument=entity.id, scope="elsewhere", docname=page))
    return [anchor, searchable, gloss, fields]


def relation_nodes(entity: Entity, register: Register, env: BuildEnvironment) -> list[nodes.Node]:
    """The entity's relations, its own and those that point to it, each as a sentence; an entity is never
    related to itself, and an event named after the other end ("World premiere of *Composer*") is linked in a
    "See also", where a sentence would only repeat the name."""
    here = as_title(entity, nodes.Text(entity.name))
    sentences: list[nodes.Node] = []
    see_also: dict[str, Entity] = {}
    ends = [(rel, target, True) for rel in entity.relations if (target := register.get(rel.target)) is not None]
    ends += [(rel, other, False) for other, rel in register.incoming(entity.id)]
    for rel, other, outgoing in ends:
        if other.id == entity.id:
            continue
        if named_after(entity, other) or named_after(other, entity):
            see_also.setdefault(other.id, other)
            continue
        there = as_title(other, doc_link(env, entity_docname(env, other), nodes.Text(other.name)))
        if outgoing:
            sentences.append(_relation(rel.type, entity.kind, here.deepcopy(), there))
        else:
            sentences.append(_relation(rel.type, other.kind, there, here.deepcopy()))
    out = joined(sentences, " ")
    if see_also:
        links = [as_title(o, doc_link(env, entity_docname(env, o), nodes.Text(o.name))) for o in see_also.values()]
        item = nodes.inline(classes=["entity-relation"])
        item += [nodes.Text("See also "), *joined(links, ", "), nodes.Text(".")]
        out += [nodes.Text(" "), item] if out else [item]
    return out


def _date_label(name: str) -> str:
    """A date field's words before its date ("born"): the profile's label, else its name."""
    field = active().date_fields.get(name)
    return field.label if field else name


def _relation(relation: str, subject_kind: str, subject: nodes.Node, obj: nodes.Node) -> nodes.inline:
    """A relation as a sentence, its two ends in place ("Emir Baigazin directed *Harmony Lessons*.")."""
    item = nodes.inline(classes=["entity-relation"])
    for part in relation_sentence(relation, subject_kind):
        item += subject if part == "{subject}" else obj if part == "{object}" else nodes.Text(part)
    return item


def as_title(entity: Entity, node: nodes.Node) -> nodes.Node:
    """The node (the entity's name, or a link made of it), in italics when the name is a title (a work's)."""
    return nodes.emphasis("", "", node) if active().is_title(entity.kind) else node


def other_forms(entity: Entity) -> list[Name]:
    """The names in other languages and scripts that a register list shows after an entity's name: native
    names and transliterations, each form once, none spelt as the name itself (France's French name)."""
    forms: dict[str, Name] = {}
    for name in entity.names:
        if name.type in ("native", "transliteration") and not name.lang.startswith("en") and name.text != entity.name:
            forms.setdefault(name.text, name)
    return list(forms.values())


def register_list_nodes(kind: str, register: Register, env: BuildEnvironment) -> list[nodes.Node]:
    """A definition list of all entities of one kind, each linked to its page."""
    if kind not in active().kinds:
        return [nodes.paragraph(text=f"(unknown kind '{kind}')")]
    items = nodes.bullet_list(classes=["register-list"])
    for entity in register.of_kind(kind):
        item = nodes.list_item()
        para = nodes.paragraph()
        para += as_title(entity, doc_link(env, entity_docname(env, entity), nodes.Text(entity.name)))
        dates = life_dates(entity)
        if dates:
            para += nodes.Text(f" ({dates})")
        for name in other_forms(entity)[:3]:
            para += nodes.Text(" · ")
            span = markup.lang(lang=name.lang)
            span += nodes.Text(name.text)
            para += span
        para += nodes.Text(" — ")
        para += gloss_nodes(entity.gloss)
        item += para
        items += item
    return [items]
