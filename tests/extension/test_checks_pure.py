"""The pure checks of checks.py on hand-built registers and mentions: no Sphinx, no files."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from critical_edition.core.bibliography import (
    author_year_label,
    entry_urls,
    filing_order,
    is_supplied_title,
    remove_unsafe_urls,
    short_title,
)
from critical_edition.core.checks import (
    check_all,
    cited_keys,
    config_problems,
    fold,
    kind_mismatches,
    name_mismatches,
    orphan_entities,
    register_markup_problems,
    source_problems,
    unresolved_mentions,
)
from critical_edition.core.chronology import date_problems
from critical_edition.core.dates import date_bounds, date_in_words, date_span
from critical_edition.core.model import Entity, Mention, Name, Relation
from critical_edition.core.register import Register
from critical_edition.core.relation_checks import authority_problems, relation_problems
from critical_edition.core.syntax import shorten, unclosed_roles
from critical_edition.core.vocabulary import is_right_to_left, language_name, relation_sentence
from critical_edition.profile import default_profile


def entity(id: str, kind: str = "person", name: str = "", *, names: tuple[str, ...] = (), dates=None,
           relations: tuple[tuple[str, str, int | None], ...] = (), authority=None, sources=("doe2020",),
           body: str = "", field_lines=None) -> Entity:
    return Entity(
        id=id, kind=kind, name=name or id.replace("-", " ").title(), gloss="A test entity, invented.",
        sources=tuple(sources), names=tuple(Name(n, "en", "variant") for n in names), dates=dict(dates or {}),
        relations=tuple(Relation(t, target, line) for t, target, line in relations),
        authority=dict(authority or {}), body=body, path=f"annotations/{kind}/{id}.md",
        field_lines=dict(field_lines or {}),
    )


def register(*entities: Entity) -> Register:
    return Register(entities={e.id: e for e in entities})


def mention(entity_id: str, text: str, role_kind: str | None = "person", line: int = 3) -> Mention:
    return Mention(entity_id, role_kind, text, "index", "index.md", line)


EMIR = entity("emir-baigazin", name="Emir Baigazin", names=("Эмир Байгазин",), dates={"born": "1984"})
RIVER = entity("the-river", "work", "The River", dates={"released": "2018"})
ALMATY = entity("almaty", "place", "Almaty", names=("Alma-Ata",))


# --- names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "folded"), [
    ("Baigazin's", "baigazin"),
    ("Baigazin’s", "baigazin"),  # typographic apostrophe
    ("EMIR Baigazin", "emir baigazin"),
    ("Baïgazin", "baigazin"),  # diacritics folded
    ("Alma-Ata", "alma ata"),
    ("  Emir   Baigazin. ", "emir baigazin"),
])
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize("shown", [
    "Emir Baigazin",
    "emir baigazin",  # case
    "EMIR BAIGAZIN",
    "Baigazin",  # a run of words of the name
    "Emir",
    "Baigazin's",  # possessive
    "Baigazin’s",
    "Baïgazin",  # diacritics
    "Эмир Байгазин",  # a variant in names
    "Байгазин",
])
def test_name_matches(shown: str) -> None:
    reg = register(EMIR)
    assert name_mismatches(reg, [mention("emir-baigazin", shown)]) == []


@pytest.mark.parametrize("shown", [
    "Bagazin",  # misspelt
    "Baigazin Emir",  # the words of a name, in another order: not a run
    "Emir Baigazin Jr",  # longer than any name
    "Emir Baigazin's film",
    "Baigazins",
])
def test_name_mismatches(shown: str) -> None:
    problems = name_mismatches(register(EMIR), [mention("emir-baigazin", shown, line=7)])
    assert len(problems) == 1
    p = problems[0]
    assert (p.code, p.path, p.line) == ("name-mismatch", "index.md", 7)
    assert p.message == f"'{shown}' matches no name of 'emir-baigazin' (Emir Baigazin; Эмир Байгазин)"
    assert "{person}`Sourcename -> Rightname <emir-baigazin>`" in p.hint


def test_a_name_mismatchs_hint_gives_the_role_of_the_entitys_kind() -> None:
    [problem] = name_mismatches(register(ALMATY), [mention("almaty", "Almati", role_kind="place")])
    assert "{place}`Sourcename -> Rightname <almaty>`" in problem.hint


@pytest.mark.parametrize(("shown", "ok"), [
    ("The River", True), ("the river", True), ("River", True), ("The Rivers", False), ("The", False),
])
def test_name_matching_ignores_articles(shown: str, ok: bool) -> None:
    problems = name_mismatches(register(RIVER), [mention("the-river", shown, "work")])
    assert (problems == []) is ok


def test_name_check_skips_unknown_ids_and_empty_text() -> None:
    assert name_mismatches(register(EMIR), [mention("nobody", "Nobody"), mention("emir-baigazin", "  ")]) == []


# --- unknown ids, kinds, orphans --------------------------------------------------------------


def test_unresolved_mention_suggests_close_ids() -> None:
    [p] = unresolved_mentions(register(EMIR, ALMATY), [mention("emir-baigazn", "Baigazin", line=12),
                                                       mention("almaty", "Almaty", "place")])
    assert (p.code, p.path, p.line) == ("unknown-entity", "index.md", 12)
    assert p.message == "unknown entity id 'emir-baigazn'"
    assert p.hint == "did you mean 'emir-baigazin'?"


def test_unresolved_mention_without_a_close_id() -> None:
    [p] = unresolved_mentions(register(EMIR), [mention("zzz", "Zzz")])
    assert p.hint == "add annotations/<kind>/zzz.md, or check the id"


@pytest.mark.parametrize(("target", "role_kind", "expected_role", "message"), [
    (EMIR, "place", "person", "is a person, but it is referenced with a place role"),
    (ALMATY, "person", "place", "is a place, but it is referenced with a person role"),
    (entity("kazakhfilm", "organisation", "Kazakhfilm"), "work", "org",
     "is an organisation, but it is referenced with a work role"),
    (EMIR, "event", "person", "is a person, but it is referenced with an event role"),
])
def test_kind_mismatch_names_the_right_role(target: Entity, role_kind: str, expected_role: str, message: str) -> None:
    [p] = kind_mismatches(register(target), [mention(target.id, target.name, role_kind, line=4)])
    assert p.code == "wrong-kind" and p.line == 4
    assert p.message == f"'{target.id}' {message}"
    assert p.hint == f"write {{{expected_role}}}`{target.name} <{target.id}>`"


def test_kind_check_accepts_matching_and_generic_roles() -> None:
    reg = register(EMIR, ALMATY)
    assert kind_mismatches(reg, [mention("emir-baigazin", "Baigazin", "person"), mention("almaty", "Almaty", None),
                                 mention("unknown", "X", "place")]) == []


def test_orphans_and_their_severity() -> None:
    reg = register(EMIR, entity("almaty", "place", "Almaty", field_lines={"id": 2}))
    mentions = [mention("emir-baigazin", "Baigazin")]
    [p] = orphan_entities(reg, mentions)
    assert (p.code, p.path, p.line, p.severity) == ("orphan-entity", "annotations/place/almaty.md", 2, "warning")
    assert p.message == "entity 'almaty' is declared but never mentioned"
    assert [q.severity for q in orphan_entities(reg, mentions, "info")] == ["info"]
    assert orphan_entities(reg, mentions, "ignore") == []


# --- sources ----------------------------------------------------------------------------------


def test_cited_keys_and_their_lines() -> None:
    body = "\nA.{footcite}`a2020`\nB.{footcite}`b2021, c2022` and {cite:p}`d2023`\n{footcite:t}`e2024`{cite}`f`\n"
    assert cited_keys(body, 10) == [("a2020", 11), ("b2021", 12), ("c2022", 12), ("d2023", 12), ("e2024", 13),
                                    ("f", 13)]


def test_source_problems_in_front_matter_and_body() -> None:
    e = entity("emir-baigazin", sources=("doe2020", "doe2002"), body="\nText.{footcite}`smith1999`\n",
               field_lines={"sources": 9, "sources.1": 11, "body": 14})
    problems = source_problems(register(e), {"doe2020", "roe2021"})
    assert [(p.code, p.line, p.message, p.hint) for p in problems] == [
        ("unknown-source", 11, "bib key 'doe2002' is not in references.bib", "did you mean 'doe2020' or 'roe2021'?"),
        ("unknown-source", 15, "bib key 'smith1999' is not in references.bib", "add the entry to references.bib"),
    ]


# --- relations and authorities ----------------------------------------------------------------


def test_relation_to_unknown_target_and_of_the_wrong_kind() -> None:
    e = entity("emir-baigazin", relations=(("directed", "the-rivr", 12), ("directed", "almaty", 13),
                                           ("born-in", "almaty", 14), ("directed", "the-river", 15)),
               field_lines={"relations": 11, "relations.0": 12, "relations.1": 13, "relations.2": 14})
    problems = relation_problems(register(e, RIVER, ALMATY))
    assert [(p.code, p.line, p.message, p.hint) for p in problems] == [
        ("unknown-relation-target", 12, "relation 'directed' points to unknown entity 'the-rivr'",
         "did you mean 'the-river'?"),
        ("bad-relation", 13, "a person cannot be 'directed' a place ('almaty')", "from a person to a place use: born-in, died-in"),
    ]


PARIS = entity("paris", "place", "Paris")
FRANCE = entity("france", "place", "France")


def test_relation_to_itself() -> None:
    e = entity("almaty", "place", relations=(("located-in", "almaty", 9),), field_lines={"relations.0": 9})
    [p] = relation_problems(register(e))
    assert (p.code, p.line, p.message) == ("bad-relation", 9, "'almaty' is 'located-in' itself")
    assert p.hint == "a relation links two different entities: give the other entity's id, or remove it"


def test_relation_given_twice_is_reported_at_the_second() -> None:
    e = entity("emir", relations=(("directed", "the-river", 11), ("born-in", "almaty", 12),
                                  ("directed", "the-river", 13)),
               field_lines={"relations.0": 11, "relations.1": 12, "relations.2": 13})
    [p] = relation_problems(register(e, RIVER, ALMATY))
    assert (p.code, p.line, p.message, p.hint) == (
        "bad-relation", 13, "relation 'directed' to 'the-river' is given twice", "it is already given at line 11: remove one")


def test_the_same_target_with_another_type_is_no_duplicate() -> None:
    e = entity("emir", relations=(("directed", "the-river", 11), ("wrote", "the-river", 12)))
    assert relation_problems(register(e, RIVER)) == []


def test_a_containment_cycle_is_reported_once() -> None:
    a = entity("paris", "place", relations=(("located-in", "france", 9),), field_lines={"relations.0": 9})
    b = entity("france", "place", relations=(("located-in", "paris", 10),), field_lines={"relations.0": 10})
    [p] = relation_problems(register(a, b))
    assert (p.code, p.path, p.line) == ("bad-relation", "annotations/place/paris.md", 9)
    assert p.message == "'located-in' relations form a cycle: france → paris → france"
    assert p.hint == "nothing can be 'located-in' itself, even through others: remove or correct one of these"


@pytest.mark.parametrize("kind", ["part-of", "subsidiary-of"])
def test_a_longer_cycle_is_reported_once(kind: str) -> None:
    ids = ["a", "b", "c", "d"]
    orgs = [entity(i, "organisation", relations=((kind, ids[(n + 1) % 4], 9),)) for n, i in enumerate(ids)]
    leaf = entity("e", "organisation", relations=((kind, "a", 9),))  # leads into the cycle, is not in it
    [p] = relation_problems(register(leaf, *orgs))
    assert (p.code, p.path) == ("bad-relation", "annotations/organisation/d.md")
    assert p.message == f"'{kind}' relations form a cycle: a → b → c → d → a"


def test_a_chain_and_a_shared_container_are_no_cycle() -> None:
    a = entity("almaty", "place", relations=(("located-in", "france", 9), ("part-of", "paris", 10)))
    b = entity("paris", "place", relations=(("located-in", "france", 9),))
    assert relation_problems(register(a, b, FRANCE)) == []


def test_a_cycle_of_relations_that_allow_one_is_accepted() -> None:
    a = entity("anna", relations=(("relative-of", "bob", 9),))
    b = entity("bob", relations=(("relative-of", "anna", 9),))
    assert relation_problems(register(a, b)) == []


def test_a_long_chain_needs_no_recursion() -> None:
    places = [entity(f"p{n}", "place", relations=(("located-in", f"p{n + 1}", 9),)) for n in range(5000)]
    places.append(entity("p5000", "place", relations=(("located-in", "p0", 9),)))
    [p] = relation_problems(register(*places))
    assert p.message.startswith("'located-in' relations form a cycle: p0 → p1 → ")


@pytest.mark.parametrize(("authority", "ident"), [
    ("wikidata", "Q42"), ("viaf", "102333412"), ("geonames", "1526384"), ("imdb", "tt4729794"),
    ("imdb", "nm5291925"), ("gnd", "118540238"), ("loc", "n79021164"),
])
def test_well_formed_authority_ids(authority: str, ident: str) -> None:
    assert authority_problems(register(entity("x", authority={authority: ident}))) == []


@pytest.mark.parametrize(("authority", "ident"), [
    ("wikidata", "https://www.wikidata.org/wiki/Q42"), ("wikidata", "Q0"), ("wikidata", "q42"),
    ("viaf", "viaf/102333412"), ("imdb", "4729794"), ("loc", "79021164"),
])
def test_malformed_authority_ids(authority: str, ident: str) -> None:
    e = entity("x", authority={authority: ident}, field_lines={"authority": 8, f"authority.{authority}": 9})
    [p] = authority_problems(register(e))
    assert (p.code, p.line) == ("bad-authority", 9)
    assert p.message == f"'{ident}' is not a well-formed {authority} id"
    assert p.hint.startswith("write the bare id, e.g. ") and p.hint.endswith("; not a URL")


def test_duplicate_authority_names_the_other_entity() -> None:
    a = entity("alma-ata", "place", "Alma-Ata", authority={"wikidata": "Q35493"})
    b = entity("almaty", "place", "Almaty", authority={"wikidata": "Q35493", "geonames": "1526384"})
    [p] = authority_problems(register(b, a))
    assert (p.code, p.path) == ("duplicate-authority", "annotations/place/almaty.md")
    assert p.message == "wikidata id Q35493 is also given to 'alma-ata'"
    assert p.hint == "see annotations/place/alma-ata.md; one of the two is wrong"


def test_unknown_authority_is_reported_once() -> None:
    [p] = authority_problems(register(entity("x", authority={"orcid": "0000-0002-1825-0097"})))
    assert p.message == "unknown authority 'orcid'"


# --- dates ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "bounds"), [
    ("1984", (date(1984, 1, 1), date(1984, 12, 31))),
    ("1942-11", (date(1942, 11, 1), date(1942, 11, 30))),
    ("1905-06-13", (date(1905, 6, 13), date(1905, 6, 13))),
    ("1943?", (date(1943, 1, 1), date(1943, 12, 31))),
    ("1942~", (date(1942, 1, 1), date(1942, 12, 31))),
    ("[1942,1943]", (date(1942, 1, 1), date(1943, 12, 31))),
    ("1941/1945", (date(1941, 1, 1), date(1945, 12, 31))),
    ("2024-02-29", (date(2024, 2, 29), date(2024, 2, 29))),
])
def test_date_bounds(value: str, bounds: tuple[date, date]) -> None:
    assert date_bounds(value) == bounds


@pytest.mark.parametrize("value", ["1984-13-45", "1942-11-31", "2023-02-29", "13 June 1905", "", "1984/1990/2000"])
def test_date_bounds_of_invalid_edtf(value: str) -> None:
    assert date_bounds(value) is None


def test_date_bounds_of_an_open_interval() -> None:
    bounds = date_bounds("1990/..")
    assert bounds is not None and bounds[0] == date(1990, 1, 1)


@pytest.mark.parametrize(("value", "span"), [
    ("-0050", ((-50, 1, 1), (-50, 12, 31))),
    ("-0004-02-29", ((-4, 2, 29), (-4, 2, 29))),  # a leap year before the common era
    ("0000", ((0, 1, 1), (0, 12, 31))),
    ("[-0050,-0040]", ((-50, 1, 1), (-40, 12, 31))),
    ("1990/1980", ((1990, 1, 1), (1980, 12, 31))),  # reversed: date_problems reports it
    ("../-0050", ((float("-inf"), 1, 1), (-50, 12, 31))),
])
def test_date_span_holds_years_before_the_common_era(value: str, span: tuple) -> None:
    assert date_span(value) == span


@pytest.mark.parametrize("value", ["-0050-02-29", "-0050-02-30", "2023-02-29", "1984-13-45"])
def test_date_span_of_days_that_never_were(value: str) -> None:
    assert date_span(value) is None


def test_date_bounds_keeps_the_first_day_for_years_before_the_common_era_and_refuses_a_reversed_interval() -> None:
    assert date_bounds("-0050") == (date.min, date.min)
    assert date_bounds("-0050/1990") == (date.min, date(1990, 12, 31))
    assert date_bounds("1990/1980") is None


def test_chronology_before_the_common_era() -> None:
    e = entity("caesar", dates={"born": "-0050", "died": "-0080"}, field_lines={"dates": 5})
    [p] = date_problems(register(e))
    assert (p.code, p.line) == ("chronology", 5)
    assert p.message == "'caesar' ends (-0080-12-31) before it begins (-0050-01-01)"
    assert date_problems(register(entity("caesar", dates={"born": "-0100", "died": "-0044"}))) == []


def test_reversed_interval_is_a_bad_date() -> None:
    e = entity("festival", "event", dates={"date": "1990/1980"}, field_lines={"dates": 5, "dates.date": 6})
    [p] = date_problems(register(e))
    assert (p.code, p.line, p.message, p.hint) == (
        "bad-date", 6, "date 'date: 1990/1980' ends before it begins", "write the earlier date first: 1980/1990")


def test_bad_date_problem() -> None:
    e = entity("emir-baigazin", dates={"born": "1984-13-45"}, field_lines={"dates": 7, "dates.born": 8})
    [p] = date_problems(register(e))
    assert (p.code, p.line, p.message) == ("bad-date", 8, "date 'born: 1984-13-45' is not valid EDTF")
    assert "1942-11" in p.hint and "[1942,1943]" in p.hint


def test_chronology_ends_before_it_begins() -> None:
    e = entity("anna", dates={"born": "1990", "died": "1980"}, field_lines={"dates": 5})
    [p] = date_problems(register(e))
    assert (p.code, p.line) == ("chronology", 5)
    assert p.message == "'anna' ends (1980-12-31) before it begins (1990-01-01)"


@pytest.mark.parametrize(("born", "died"), [("1984", "1984"), ("[1983,1985]", "1984"), ("1984?", "1984-05")])
def test_chronology_gives_uncertain_dates_the_benefit_of_the_doubt(born: str, died: str) -> None:
    assert date_problems(register(entity("anna", dates={"born": born, "died": died}))) == []


@pytest.mark.parametrize(("when", "wrong"), [("1973", True), ("1983-12", True), ("1984", False), ("2013", False),
                                             ("2031", True), ("1980/1990", False)])
def test_chronology_of_event_participants(when: str, wrong: bool) -> None:
    person = entity("anna", dates={"born": "1984", "died": "2030"})
    event = entity("festival", "event", dates={"date": when}, relations=(("participant", "anna", 9),))
    problems = date_problems(register(person, event))
    assert [(p.code, p.path, p.line) for p in problems] == ([("chronology", "annotations/event/festival.md", 9)]
                                                            if wrong else [])
    if wrong:
        assert problems[0].message == f"participant 'anna' was not alive at the date of 'festival' ({when})"


@pytest.mark.parametrize(("released", "wrong"), [("1913", True), ("1983", True), ("1984", False), ("2013", False)])
def test_chronology_of_creators(released: str, wrong: bool) -> None:
    person = entity("emir", dates={"born": "1984"}, relations=(("directed", "film", 11), ("born-in", "almaty", 12)))
    film = entity("film", "work", dates={"released": released})
    problems = date_problems(register(person, film, ALMATY))
    assert [(p.code, p.line, p.message) for p in problems] == (
        [("chronology", 11, f"'film' appeared ({released}) before its creator 'emir' was born")] if wrong else [])


def test_chronology_reports_death_before_birth_at_the_died_line() -> None:
    e = entity("anna", dates={"born": "1990", "died": "1980"}, field_lines={"dates": 5, "dates.born": 6, "dates.died": 7})
    [p] = date_problems(register(e))
    assert (p.code, p.line) == ("chronology", 7)


@pytest.mark.parametrize(("kind", "dates", "wrong_field", "message"), [
    ("work", {"shooting": "2015", "released": "2014"}, "released",
     "'it': released 2014 is before shooting began 2015"),
    ("work", {"created": "2015/2017", "released": "2014-12"}, "released",
     "'it': released 2014-12 is before created 2015/2017"),
    ("work", {"created": "2015", "premiere": "2014"}, "premiere", "'it': premiere 2014 is before created 2015"),
    ("work", {"created": "1939", "published": "1938"}, "published", "'it': published 1938 is before created 1939"),
    ("person", {"born": "1950", "active": "1940/1990"}, "active", "'it': active 1940/1990 is before born 1950"),
    ("person", {"died": "1995", "active": "1980/2000"}, "active", "'it': active 1980/2000 ends after died 1995"),
    ("place", {"founded": "1854", "renamed": "1850"}, "renamed", "'it': renamed 1850 is before founded 1854"),
    ("organisation", {"founded": "1990", "dissolved": "1980"}, "dissolved",
     "'it' ends (1980-12-31) before it begins (1990-01-01)"),
])
def test_chronology_of_every_date_field_at_the_wrong_field(kind: str, dates: dict, wrong_field: str,
                                                          message: str) -> None:
    lines = {"dates": 5} | {f"dates.{k}": 6 + i for i, k in enumerate(dates)}
    [p] = date_problems(register(entity("it", kind, dates=dates, field_lines=lines)))
    assert (p.code, p.line, p.message) == ("chronology", lines[f"dates.{wrong_field}"], message)
    assert "check both dates" in p.hint


@pytest.mark.parametrize("dates", [
    {"shooting": "2015", "released": "2015"},  # the same year: shooting may have begun first
    {"shooting": "2015?", "released": "2014"},  # uncertain: shooting may have begun in 2014
    {"shooting": "2015~", "released": "2014-12"},  # approximate, likewise
    {"created": "2015/2017", "released": "2015-06"},  # released during a creation that began in 2015
    {"created": "../2017", "premiere": "1900"},  # creation of unknown beginning
    {"premiere": "[2016,2018]", "released": "2017"},  # no rule between the two
    {"premiere": "2016-05", "released": "2016-04"},  # released at home before a festival's premiere: no error
    {"born": "1950", "active": "1950/.."},
    {"born": "1950", "died": "1995", "active": "1970/1995"},
])
def test_chronology_reports_only_what_is_certainly_wrong(dates: dict) -> None:
    kind = "person" if "born" in dates else "work"
    assert date_problems(register(entity("it", kind, dates=dates))) == []


@pytest.mark.parametrize(("created", "wrong"), [("1946", True), ("1945/1947", False), ("1946?", False),
                                                ("1939", False)])
def test_chronology_of_a_work_begun_after_its_creator_died(created: str, wrong: bool) -> None:
    person = entity("xian", dates={"born": "1905", "died": "1945-10-30"}, relations=(("composed", "cantata", 11),))
    work = entity("cantata", "work", dates={"created": created})
    problems = date_problems(register(person, work))
    assert [(p.code, p.line) for p in problems] == ([("chronology", 11)] if wrong else [])
    if wrong:
        assert problems[0].message == ("'cantata' was created (1946-01-01 or later) after its creator 'xian' died "
                                       "(1945-10-30 at the latest)")


@pytest.mark.parametrize(("when", "wrong"), [("1980/1983", True), ("1983/1985", False), ("2031/2040", True),
                                             ("2029/2040", False), ("1983?", False)])
def test_chronology_of_event_periods_and_participants(when: str, wrong: bool) -> None:
    person = entity("anna", dates={"born": "1984", "died": "2030"})
    event = entity("festival", "event", dates={"date": when}, relations=(("participant", "anna", 9),))
    assert bool(date_problems(register(person, event))) == wrong


# --- all checks together ----------------------------------------------------------------------


def test_check_all_is_sorted_and_skips_sources_without_bibtex() -> None:
    e = entity("emir-baigazin", dates={"born": "x"}, sources=("nope",), field_lines={"dates.born": 8, "id": 2})
    mentions = [mention("emir-baigazn", "Baigazin", line=9), mention("emir-baigazin", "Bagazin", line=4)]
    problems = check_all(register(e, ALMATY), mentions, None)
    assert [(p.path, p.line, p.code) for p in problems] == [
        ("annotations/person/emir-baigazin.md", 8, "bad-date"),
        ("annotations/place/almaty.md", 1, "orphan-entity"),
        ("index.md", 4, "name-mismatch"),
        ("index.md", 9, "unknown-entity"),
    ]
    with_keys = check_all(register(e, ALMATY), mentions, {"doe2020"}, orphan_severity="ignore")
    assert [p.code for p in with_keys] == ["unknown-source", "bad-date", "name-mismatch", "unknown-entity"]


# --- settings ---------------------------------------------------------------------------------


CONF = 'extensions = ["critical_edition"]\nedition_orphans = "info"\nhtml_title = "x"\nedition_orphans = "maybe"\n'


@pytest.mark.parametrize("value", ["warning", "info", "ignore"])
def test_known_orphan_settings(value: str) -> None:
    assert config_problems({"edition_orphans": value}, "conf.py", CONF) == []


def test_unknown_orphan_setting_is_reported_at_its_last_assignment() -> None:
    [p] = config_problems({"edition_orphans": "maybe"}, "conf.py", CONF)
    assert (p.code, p.path, p.line) == ("config", "conf.py", 4)
    assert p.message == "edition_orphans = 'maybe' is not a known setting"
    assert p.hint == "allowed values: 'warning', 'info', 'ignore'"


def test_unknown_orphan_setting_from_the_command_line_has_no_line() -> None:
    [p] = config_problems({"edition_orphans": False}, "conf.py", 'extensions = ["critical_edition"]\n')
    assert (p.code, p.line, p.message) == ("config", None, "edition_orphans = False is not a known setting")
@pytest.mark.parametrize(("field", "value"), [
    ("gloss", "An invented <script>alert(1)</script> person."),
    ("gloss", "An invented [person](javascript:alert(1))."),
    ("name", "Ann <b>Smith</b>"),
    ("category", "<img src=x onerror=alert(1)>"),
])
def test_markup_in_the_register_is_reported_at_its_field(field: str, value: str) -> None:
    e = replace(entity("ann-smith", field_lines={field: 7}), **{field: value})
    problems = register_markup_problems(register(e))
    assert [(p.code, p.line) for p in problems] == [("raw-markup", 7)]


def test_plain_text_with_angle_brackets_or_data_is_not_markup() -> None:
    e = replace(entity("ann-smith"), gloss="Born when 1 < 2 and 3 > 2; data: the 1939 census.")
    assert register_markup_problems(register(e)) == []


def test_every_address_of_a_bib_entry_is_found_and_the_unsafe_ones_removed() -> None:
    from pybtex.database import parse_string

    entry = parse_string(r"""@string{evil = "javascript:alert(1)"}
@misc{k, url = evil, doi = {javascript:x},
  howpublished = {Site \url{javascript:alert(2)} \url{https://example.org/ok}},
  note = {see \href{vbscript:x}{the {real} page}}, author = {Ann \url{data:text/html,x} Smith}}""", "bibtex").entries["k"]
    assert sorted(url for _, url in entry_urls(entry)) == [
        "data:text/html,x", "https://example.org/ok", "javascript:alert(1)", "javascript:alert(2)", "javascript:x",
        "vbscript:x"]
    remove_unsafe_urls(entry)
    assert [url for _, url in entry_urls(entry)] == ["https://example.org/ok"]
    assert entry.fields["note"] == "see {the {real} page}"
    assert str(entry.persons["author"][0]) == "Smith, Ann"


@pytest.mark.parametrize(("tag", "rtl"), [
    ("kk-Arab", True), ("ar", True), ("fa-IR", True), ("he", True), ("ug-Arab-CN", True),
    ("kk-Cyrl", False), ("kk", False), ("zh-Hans", False), ("en", False), ("arn", False),
])  # fmt: skip
def test_right_to_left_by_script_or_language(tag: str, rtl: bool) -> None:
    assert is_right_to_left(tag) is rtl


def test_shorten_puts_a_passage_on_one_line_within_its_limit() -> None:
    assert shorten("Share\n  this", 60) == "Share this"
    assert shorten("x" * 81, 80) == "x" * 79 + "…" and len(shorten("x" * 81, 80)) == 80
    assert shorten("x" * 80, 80) == "x" * 80


def test_every_relation_reads_as_a_sentence() -> None:
    assert all(relation.sentence for relation in default_profile().relations.values())
    assert relation_sentence("directed", "person") == ["{subject}", " directed ", "{object}", "."]
    assert relation_sentence("participant", "event") == ["{object}", " took part in ", "{subject}", "."]
    assert relation_sentence("located-in", "event") == ["{subject}", " took place in ", "{object}", "."]
    assert relation_sentence("located-in", "place") == ["{subject}", " is in ", "{object}", "."]


def test_short_title_keeps_four_words_cut_between_words() -> None:
    assert short_title("Режиссёр Эмир Байгазин начал подготовку к съемкам") == "Режиссёр Эмир Байгазин начал…"
    assert short_title("SIFF: The Wounded Angel") == "SIFF: The Wounded Angel"  # four words: whole
    assert short_title("Die Preisträger der 63. Berlinale") == "Die Preisträger der 63…"
    # never ends on a function word or a lone dash ("REPORT: CineLink Work in…"), never cut at a colon alone
    assert short_title("REPORT: CineLink Work in Progress 2020") == "REPORT: CineLink Work…"
    assert short_title("Feature: \"The Composer\" -- a legend of exiled war-time") == 'Feature: "The Composer"…'


def test_a_short_title_of_an_editors_description_loses_its_brackets() -> None:
    """Cited in brackets, "[[New trilogy planned from…], 2016]" doubled them."""
    assert short_title("[New trilogy planned from Harmony Lessons director Emir Baigazin]") == "New trilogy planned…"
    assert short_title("[Biography of Xian Xinghai]") == "Biography of Xian Xinghai"
    assert is_supplied_title("[Biography of Xian Xinghai]") and not is_supplied_title("[Sic] and [more]")


def test_a_short_title_never_leaves_a_quotation_open() -> None:
    """"Berlinale Panorama zeigt „The…" opened a quotation it did not close."""
    assert short_title("Berlinale Panorama zeigt „The Wounded Angel“") == "Berlinale Panorama zeigt „The Wounded Angel“"
    assert short_title("Film Review: ‘The Wounded Angel’ at Berlin") == "Film Review: ‘The Wounded Angel’…"
    assert short_title("Some words „a quotation that runs on and on“ end") == "Some words…"  # too far: before it
    assert short_title("'The Wounded Angel' ('Ranenyy Angel'): Berlin Review") == "'The Wounded Angel' ('Ranenyy Angel')…"
    assert short_title("Kazakhstan's Harmony Lessons of Emir Baigazin won") == "Kazakhstan's Harmony Lessons…"  # apostrophe
    for title in ("Berlinale Panorama zeigt „The Wounded Angel“", "A (very long) title of five words and more",
                  "«Композитор» фильмі туралы бір-екі сөз", "Why \"Over the City\" was never shot at all"):
        short = short_title(title)
        assert short.count("(") == short.count(")") and short.count("«") == short.count("»"), short
        assert short.count('"') % 2 == 0 and short.count("„") == short.count("“"), short


def test_author_year_label_names_up_to_two_families_else_the_short_title() -> None:
    assert author_year_label(["Kamalova"], "", "2015") == "Kamalova, 2015"
    assert author_year_label(["Krivonogov", "Samigulin"], "", "2008") == "Krivonogov and Samigulin, 2008"
    assert author_year_label(["Qu Song", "Zhang Xiaodong", "Li"], "", "2024") == "Qu Song et al., 2024"
    assert author_year_label([], "New trilogy planned…", "") == "New trilogy planned…, n.d."


PLAIN_DATES = ("2015", "2015-09", "2015-09-29", "2016-02", "2015-02", "2000-02-29", "1900-02", "0000", "0001-01",
               "9999-12-31")
NOT_PLAIN = ("2023-02-29", "2015-04-31", "2015-13", "2015-00", "2015-09-00", "2015-9", "15", "2015-09-29T10:00",
             "-0050", "2015?", "2015-09-29/2016")


@pytest.mark.parametrize("value", PLAIN_DATES + NOT_PLAIN)
def test_a_plain_calendar_date_spans_what_the_edtf_parser_says(value: str) -> None:
    # plain years, months and days skip the parser (milliseconds a date): they must give what it gives
    import edtf

    from critical_edition.core import dates

    fast = dates._calendar_date_span(value)
    assert (fast is not None) == (value in PLAIN_DATES)
    if fast is not None:
        parsed = edtf.parse_edtf(value)
        assert fast == tuple(tuple(int(x) for x in b[:3]) for b in (parsed.lower_strict(), parsed.upper_strict()))


def test_a_bad_setting_from_the_command_line_is_not_placed_in_conf_py() -> None:
    [p] = config_problems({"edition_orphans": "maybe"}, "conf.py", 'edition_orphans = "warning"\n', {"edition_orphans"})
    assert (p.path, p.line) == ("", None)
    assert "given on the command line (-D edition_orphans=maybe)" in p.message


def test_the_bibliography_files_latin_then_cyrillic_then_numerals() -> None:
    """"8-летняя казахстанская актриса…" was filed first, before A."""
    labels = ["ЦОКС", "8-летняя актриса", "Sarajevo", "The River", "[Awards of the Berlinale]", "Рисковый Эмир", "Émile"]
    assert sorted(labels, key=filing_order) == [
        "[Awards of the Berlinale]", "Émile", "The River", "Sarajevo", "Рисковый Эмир", "ЦОКС", "8-летняя актриса",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("1917-03-11", "11 March 1917"),
        ("2015?", "probably 2015"),  # uncertain
        ("2015~", "about 2015"),  # approximate
        ("1943%", "probably about 1943"),
        ("1944/1945", "1944–1945"),  # an interval
        ("[1945,1946]", "1945 or 1946"),  # one of a set
        ("{1945,1946}", "1945 and 1946"),
        ("2016-02-11/2016-02-21", "11–21 February 2016"),
        ("../2026-11-21", "until 21 November 2026"),
        ("1941/..", "from 1941"),
        ("201X", "the 2010s"),
        ("not a date", "not a date"),  # reported by the checks, shown as written
    ],
)
def test_a_date_is_read_in_words(value: str, words: str) -> None:
    """Register entries printed "1944/1945", "2015?" and "[1945,1946]": the reading form of every EDTF date."""
    assert date_in_words(value) == words


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("kk-Cyrl", "Kazakh in Cyrillic script"),
        ("zh-Hans", "Chinese in simplified characters"),
        ("zh-Latn-pinyin", "Chinese in pinyin"),
        ("ru", "Russian"),
        ("kk-Arab", "Kazakh in Arabic script"),
        ("qqq", "qqq"),  # no language the CLDR knows: the tag as written
    ],
)
def test_a_language_is_read_by_its_name(tag: str, name: str) -> None:
    """Name lists printed "kk-Cyrl" and "zh-Hans": the reading form of a BCP 47 tag."""
    assert language_name(tag) == name


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Mark it with {sic}`know ; note=verb form.", [("sic", 1)]),
        ("Text.\n\nThen {person}`Ann Smith\nand more.", [("person", 3)]),
        ("The role `{supplied}` marks an addition.", []),  # inline code naming a role
        ("Use ``{corr}`a -> b` `` and {person}`Ann <ann>`.", []),
        ("Both {person}`Ann <ann>` and `{sic}` then {place}`Almaty", [("place", 1)]),
    ],
)
def test_unclosed_roles_are_found_and_inline_code_is_not_a_role(source: str, expected: list[tuple[str, int]]) -> None:
    assert unclosed_roles(source) == expected
