"""The checks of the register's relations and authority ids: kinds at either end, targets, cycles of containment,
well-formed ids with their evidence. Pure functions returning Problems."""

from __future__ import annotations

from collections import defaultdict

from ..profile import active
from .bibliography import is_web_address
from .model import Entity, Problem
from .register import Register
from .syntax import with_article
from .vocabulary import (
    authority_id_is_valid,
)


def relation_problems(register: Register) -> list[Problem]:
    """Relations to unknown entities or to the entity itself, given twice, of a type that makes no sense
    between the two kinds, or closing a cycle where none can be (a place located in itself)."""
    problems = []
    profile = active()
    edges: dict[str, dict[str, dict[str, int | None]]] = defaultdict(lambda: defaultdict(dict))
    for e in register:
        given: dict[tuple[str, str], int | None] = {}
        for i, rel in enumerate(e.relations):
            line = e.field_lines.get(f"relations.{i}", e.line_of("relations"))
            if rel.target == e.id:
                problems.append(
                    Problem(
                        "bad-relation",
                        f"'{e.id}' is '{rel.type}' itself",
                        e.path,
                        line,
                        "a relation links two different entities: give the other entity's id, or remove it",
                    )
                )
                continue
            if (rel.type, rel.target) in given:
                first = given[rel.type, rel.target]
                problems.append(
                    Problem(
                        "bad-relation",
                        f"relation '{rel.type}' to '{rel.target}' is given twice",
                        e.path,
                        line,
                        f"it is already given{f' at line {first}' if first else ''}: remove one",
                    )
                )
                continue
            given[rel.type, rel.target] = line
            target = register.get(rel.target)
            if target is None:
                close = register.suggest(rel.target)
                hint = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else "declare the entity first"
                problems.append(
                    Problem(
                        "unknown-relation-target",
                        f"relation '{rel.type}' points to unknown entity '{rel.target}'",
                        e.path,
                        line,
                        hint,
                    )
                )
                continue
            sources, targets = profile.ends_of(rel.type)
            if e.kind not in sources or target.kind not in targets:
                ends = {t: profile.ends_of(t) for t in profile.relations}
                fitting = sorted(t for t, (s, d) in ends.items() if e.kind in s and target.kind in d)
                hint = (
                    f"from {with_article(e.kind)} to {with_article(target.kind)} use: {', '.join(fitting)}"
                    if fitting
                    else (f"no relation type links {with_article(e.kind)} to {with_article(target.kind)}")
                )
                problems.append(
                    Problem(
                        "bad-relation",
                        f"{with_article(e.kind)} cannot be '{rel.type}' {with_article(target.kind)} ('{rel.target}')",
                        e.path,
                        line,
                        hint,
                    )
                )
                continue
            if profile.relations[rel.type].acyclic:
                edges[rel.type][e.id][rel.target] = line
    for kind in sorted(edges):
        problems.extend(_cycles(register, kind, edges[kind]))
    return problems


def _cycles(register: Register, kind: str, edges: dict[str, dict[str, int | None]]) -> list[Problem]:
    """One problem per cycle of relations of one type, at the relation that closes it.

    A depth-first search without recursion (a register may hold long chains); each relation that
    leads back to an entity on the current path closes a cycle.
    """
    problems = []
    done: set[str] = set()
    for root in sorted(edges):
        if root in done:
            continue
        path = [root]
        on_path = {root: 0}
        pending = [iter(sorted(edges[root]))]
        while pending:
            node = path[-1]
            following = next(pending[-1], None)
            if following is None:
                pending.pop()
                done.add(path.pop())
                del on_path[node]
                continue
            if following in on_path:
                entity = register.entities[node]
                cycle = [*path[on_path[following] :], following]
                problems.append(
                    Problem(
                        "bad-relation",
                        f"'{kind}' relations form a cycle: {' → '.join(cycle)}",
                        entity.path,
                        edges[node][following],
                        f"nothing can be '{kind}' itself, even through others: remove or correct one of these",
                    )
                )
            elif following not in done:
                on_path[following] = len(path)
                path.append(following)
                pending.append(iter(sorted(edges.get(following, {}))))
    return problems


def authority_problems(register: Register) -> list[Problem]:
    """Authority ids malformed for their authority, or the same id on two entities."""
    problems = []
    authorities = active().authorities
    seen: dict[tuple[str, str], Entity] = {}
    for e in register:
        for authority, ident in e.authority.items():
            line = e.field_lines.get(f"authority.{authority}", e.line_of("authority"))
            if authority not in authorities:
                continue  # reported once, below
            if not authority_id_is_valid(authority, ident):
                example = authorities[authority].example
                problems.append(
                    Problem(
                        "bad-authority",
                        f"'{ident}' is not a well-formed {authority} id",
                        e.path,
                        line,
                        f"write the bare id, e.g. {example}; not a URL",
                    )
                )
                continue
            other = seen.get((authority, ident))
            if other is not None:
                problems.append(
                    Problem(
                        "duplicate-authority",
                        f"{authority} id {ident} is also given to '{other.id}'",
                        e.path,
                        line,
                        f"see {other.path}; one of the two is wrong",
                    )
                )
            else:
                seen[(authority, ident)] = e
        for authority, url in e.authority_evidence.items():
            line = e.field_lines.get(f"authority_evidence.{authority}", e.line_of("authority_evidence"))
            if authority not in e.authority:
                problems.append(
                    Problem(
                        "bad-authority",
                        f"evidence for a {authority} id that is not given",
                        e.path,
                        line,
                        f"add authority: {{{authority}: <id>}} or remove the evidence",
                    )
                )
            elif not (url.startswith("https://") and is_web_address(url)):
                problems.append(
                    Problem(
                        "bad-authority",
                        f"the evidence for the {authority} id is not an https:// address with a host and no "
                        f"spaces: {url!r}",
                        e.path,
                        line,
                        "give the https:// address of the stored page that shows the id",
                    )
                )
    problems.extend(
        Problem(
            "bad-authority",
            f"unknown authority '{a}'",
            e.path,
            e.line_of("authority"),
            f"known authorities: {', '.join(authorities)}",
        )
        for e in register
        for a in e.authority
        if a not in authorities
    )
    return problems
