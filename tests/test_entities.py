"""Entities and their names: recording, aliases found by search, suggestions, ledger events, and bad input
(a name taken, an alias loop, a 1,000-name entity, names with no word)."""

import json
from pathlib import Path

import pytest

from app import cli
from archive.actors import acting_as
from archive.entities import NAMES_LIMIT, mentions
from archive.errors import EntityNameTakenError, InvalidInputError, NotFoundError
from ingest.limits import Limits

SAMPLES = Path(__file__).parents[1] / "samples"
NAMES = ["Nebesnaya Mekhanika", "Небесная механика", "Sky Mechanics", "Скај механикс"]


@pytest.fixture
def story(archive):
    ids = {Path(result.source).name: result.capture.id for result in archive.capture([str(SAMPLES)], Limits())}
    return archive, ids


def test_an_entity_gathers_names_and_each_change_is_a_ledger_event(archive):
    with acting_as("user:ana"):
        made = archive.entities.add(NAMES[0], "company", NAMES[1:3])
        archive.entities.add_names(made.id, [NAMES[3], "  sky   MECHANICS "])  # the second: a name it has
        archive.entities.remove_name(made.id, "sky mechanics", reason="a trading name of another firm")
    entity = archive.entities.get(made.id)
    assert entity.names == [NAMES[0], NAMES[1], NAMES[3]] and entity.kind == "company"
    events = [(e.event, e.actor, e.data.get("name")) for e in archive.ledger(event="entity")[0]]
    assert sorted(events) == sorted([("entity.created", "user:ana", NAMES[0]),
                                     ("entity.name_added", "user:ana", NAMES[3]),
                                     ("entity.name_removed", "user:ana", "Sky Mechanics")])
    assert archive.verify().ok


def test_aliases_are_read_across_scripts(archive):
    archive.entities.add(NAMES[0], "company", NAMES[1:])
    assert archive.entities.aliases("НЕБЕСНАЯ   механика") == NAMES
    assert archive.entities.aliases("Nebesnaya Mekhanika") == NAMES
    assert archive.entities.aliases("Небесная механика") == NAMES
    assert archive.entities.aliases("Celestial Mechanics") == []


def test_searching_any_alias_finds_every_spelling_marked_with_the_name_it_holds(story):
    archive, ids = story
    before = {hit.capture_id for hit in archive.search("Sky Mechanics").hits}
    assert before == {ids["sender-wire-en.md"]}
    made = archive.entities.add(NAMES[0], "company", NAMES[1:])
    found = archive.search("Sky Mechanics")
    holds = {hit.capture_id: hit for hit in found.hits}
    assert set(holds) == {ids["sender-wire-en.md"], ids["sender-ru.html"], ids["sender-mk.txt"],
                          ids["trade-registry-en.md"]}
    assert holds[ids["sender-mk.txt"]].found_through == ["alias"] and holds[ids["sender-mk.txt"]].aliases == [
        "Скај механикс"]
    assert "found through the alias 'Скај механикс'" in holds[ids["sender-mk.txt"]].how_found()
    assert holds[ids["sender-wire-en.md"]].found_through == []  # it holds "Sky Mechanics" as typed
    assert found.entities == [{"id": made.id, "name": NAMES[0], "names": NAMES}]
    # the suggested close spelling, once added, brings the fourth source
    suggested = archive.suggest_aliases(made.id)
    assert [(s.name, s.capture_id) for s in suggested] == [("Nebesnaya Mekhanica", ids["sender-en.md"])]
    archive.entities.add_names(made.id, ["Nebesnaya Mekhanica"])
    assert archive.suggest_aliases(made.id) == []
    assert archive.captures_naming("Sky Mechanics") == {ids[name] for name in (
        "sender-wire-en.md", "sender-ru.html", "sender-mk.txt", "sender-en.md", "trade-registry-en.md")}
    # a name inside a longer quoted phrase stays as written; a name as the whole phrase is the entity
    assert archive.search('"trades as Sky Mechanics"').total == 1
    assert archive.search('"Sky Mechanics"').total == 5


def test_the_entity_page_data_lists_captures_and_claims_naming_it(story):
    archive, ids = story
    made = archive.entities.add("Aspan Arba", "company", ["Аспан Арба"])
    claim = archive.add_claim("Aspan Arba sent 500 drones to Russia in 2022")
    archive.add_claim("Kazakhstan exported $1.23 million of drones to Russia in 2022")
    entity, captures, claims = archive.entity_mentions(made.id)
    assert entity.id == made.id and captures.total == 6 and [c.id for c in claims] == [claim.id]
    assert mentions("«Аспан Арба» отправила дроны", entity.names) == ["Aspan Arba", "Аспан Арба"]  # read alike
    assert mentions("Aspan Arbat sent", entity.names) == []  # word for word


def test_a_name_already_another_entitys_is_refused_and_merging_makes_one(archive):
    first = archive.entities.add(NAMES[0], "company", [NAMES[1]])
    second = archive.entities.add(NAMES[2], "company")
    with pytest.raises(EntityNameTakenError, match=r"already a name of entity 1 \(Nebesnaya Mekhanika\).*merge"):
        archive.entities.add_names(second.id, ["небесная МЕХАНИКА"])
    with pytest.raises(EntityNameTakenError):
        archive.entities.add("Небесная Механика")
    merged = archive.entities.merge(second.id, first.id)
    assert merged.id == first.id and merged.names == [NAMES[0], NAMES[1], NAMES[2]]
    assert archive.entities.get(second.id).id == first.id  # the old id answers as the entity it joined
    assert [e.id for e in archive.entities.list()] == [first.id]
    assert archive.verify().ok


def test_an_alias_loop_is_refused(archive):
    a = archive.entities.add("Aspan Arba")
    b = archive.entities.add("Аспан Арба")
    archive.entities.merge(a.id, b.id)
    with pytest.raises(InvalidInputError, match="already one entity"):
        archive.entities.merge(b.id, a.id)  # a was merged into b: b into a would close a loop
    with pytest.raises(InvalidInputError, match="already one entity"):
        archive.entities.merge(b.id, b.id)
    # a loop edited into the catalog behind the archive's back is followed no further than it goes
    archive.catalog._exec("UPDATE entities SET merged_into = ? WHERE id = ?", [a.id, b.id])
    assert archive.entities.get(a.id).id in (a.id, b.id)


def test_an_entity_of_a_thousand_names_is_searched_by_any_of_them(story):
    archive, ids = story
    many = [f"Mekhanika Branch {n}" for n in range(996)] + NAMES[1:]
    made = archive.entities.add(NAMES[0], "company", many)
    assert len(archive.entities.get(made.id).names) == 1000
    found = archive.search("Mekhanika Branch 500")
    assert {hit.capture_id for hit in found.hits} == {ids["sender-wire-en.md"], ids["sender-ru.html"],
                                                      ids["sender-mk.txt"], ids["trade-registry-en.md"]}
    with pytest.raises(InvalidInputError, match="limit is"):
        archive.entities.add_names(made.id, [f"More {n}" for n in range(NAMES_LIMIT)])
    assert archive.suggest_aliases(made.id) is not None


@pytest.mark.parametrize("name, says", [("", "has no word"), ("  ", "has no word"), ("***", "has no word"),
                                        ("x" * 300, "too long"), (" ".join(["w"] * 13), "at most 12"),
                                        (42, "must be text"), ("\ud800", "not valid Unicode")])
def test_a_name_that_is_no_name_is_refused_in_one_sentence(archive, name, says):
    with pytest.raises(InvalidInputError, match=says):
        archive.entities.add(name)
    assert archive.entities.list() == []


def test_unknown_entities_kinds_and_names(archive):
    with pytest.raises(InvalidInputError, match="Unknown kind"):
        archive.entities.add("Aspan Arba", "spaceship")
    with pytest.raises(NotFoundError):
        archive.entities.get(99)
    made = archive.entities.add("Aspan Arba")
    with pytest.raises(NotFoundError, match="has no name"):
        archive.entities.remove_name(made.id, "Аспан")
    with pytest.raises(InvalidInputError, match="only name"):
        archive.entities.remove_name(made.id, "Aspan Arba")
    with pytest.raises(InvalidInputError, match="list of names"):
        archive.entities.add("Sky Mechanics", aliases="Скај механикс")


def test_entity_commands(evidence, home):
    def expect_exit(code, *args):
        result = evidence(*args)
        assert result.exit_code == code, result.output
        return result

    made = evidence("entity", "add", NAMES[0], "--kind", "company", "--alias", NAMES[1], "--json")
    entity = json.loads(made.output)
    assert entity["names"] == NAMES[:2]
    assert evidence("entity", "alias", "1", NAMES[2], NAMES[3]).output.strip().endswith("Скај механикс.")
    assert evidence("entity", "list").output.startswith("#1    company      Nebesnaya Mekhanika = ")
    refused = expect_exit(1, "entity", "add", "sky mechanics")
    assert "already a name of entity 1" in refused.output
    shown = json.loads(evidence("entity", "show", "1", "--json").output)
    assert shown["names"] == NAMES and shown["captures"] == [] and shown["claims"] == []
    assert json.loads(evidence("entity", "suggest", "1", "--json").output) == []
    removed = evidence("entity", "alias", "1", "Sky Mechanics", "--remove", "--reason", "other firm").output
    assert "Sky Mechanics" not in removed
    assert "already one entity" in expect_exit(2, "entity", "merge", "1", "1").output


def test_verify_holds_every_entity_and_its_names_to_the_ledger(archive):
    first = archive.entities.add(NAMES[0], "company", [NAMES[1]])
    second = archive.entities.add(NAMES[2], "company", [NAMES[3]])
    archive.entities.remove_name(first.id, NAMES[0], reason="the Russian name is the company's own")
    archive.entities.merge(second.id, first.id)
    assert archive.entities.get(first.id).names == [NAMES[1], NAMES[2], NAMES[3]]
    report = archive.verify()
    assert report.ok and report.checked["entities"] == 2
    # a name slipped into the catalog behind the archive's back
    archive.catalog._exec("INSERT INTO entity_names (entity_id, name, folded, reading, added_at) "
                          "VALUES (?, 'Celestial Mechanics', 'celestial mechanics', 'celestial mechanics', 'x')",
                          [first.id])
    problems = [(p.kind, p.id) for p in archive.verify().problems]
    assert problems == [("catalog_mismatch", f"entity {first.id}")]
