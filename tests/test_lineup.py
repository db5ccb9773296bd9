"""Where sources disagree (archive/lineup.py) with recorded entities, and the line-up kept per change of the
archive (archive/lineup_cache.py): on the samples story, through the archive and the claim page."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from archive.archive import Archive
from archive.lineup_cache import LineUpCache
from ingest.limits import Limits
from ingest.pipeline import capture_upload

SAMPLES = Path(__file__).parents[1] / "samples"
NEBESNAYA = ["Nebesnaya Mekhanika", "Небесная механика", "Sky Mechanics", "Скај механикс", "Nebesnaya Mekhanica"]
SENT = "Sky Mechanics sent 500 drones to Russia in 2022"


@pytest.fixture(scope="module")
def story_home(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    """The samples ingested once; each test works on its own copy."""
    home = tmp_path_factory.mktemp("story") / "home"
    with Archive(home) as archive:
        results = list(archive.capture([str(SAMPLES)], Limits()))
    assert len(results) == len(list(SAMPLES.iterdir())) and all(r.status == "captured" for r in results)
    return home, {Path(result.source).name: result.capture.id for result in results}


@pytest.fixture
def story(story_home, tmp_path):
    home, ids = story_home
    shutil.copytree(home, tmp_path / "home")
    with Archive(tmp_path / "home") as archive:
        yield archive, ids


def record_the_story_entities(archive: Archive) -> None:
    archive.entities.add(NEBESNAYA[0], "company", NEBESNAYA[1:])
    archive.entities.add("Aspan Arba", "company", ["Аспан Арба"])


def rows_by_capture(lined) -> dict[int, object]:
    (line,) = lined.figures
    return {row.candidate.capture.id: row for row in line.rows}


def test_with_the_aliases_recorded_the_two_accounts_of_who_sent_500_drones_sit_side_by_side(story):
    archive, ids = story
    before = rows_by_capture(archive.where_sources_disagree(archive.add_claim(SENT).id))
    # unrecorded, "Sky Mechanics" and "Nebesnaya Mekhanika" are two actors: the registry contradicts the claim
    assert before[ids["trade-registry-en.md"]].verdict == "contradicting"
    record_the_story_entities(archive)
    lined = archive.where_sources_disagree(archive.add_claim(SENT).id)
    (name, russia) = lined.anchors.names
    assert name.written == "Sky Mechanics" and set(name.spellings) == set(NEBESNAYA)
    rows = rows_by_capture(lined)
    assert {capture: rows[ids[capture]].verdict for capture in ("trade-registry-en.md", "sender-wire-en.md",
                                                                "trade-monitor-en.md", "sender-en.md")} == {
        "trade-registry-en.md": "agreeing", "sender-wire-en.md": "agreeing",
        "trade-monitor-en.md": "contradicting", "sender-en.md": "contradicting"}
    assert rows[ids["sender-en.md"]].reason == "another actor: Aspan Arba, the claim's Sky Mechanics"
    # each row says by which of its names the source calls the claim's Sky Mechanics
    assert rows[ids["trade-registry-en.md"]].named_as == {"Sky Mechanics": "Nebesnaya Mekhanika"}
    assert rows[ids["sender-mk.txt"]].named_as == {"Sky Mechanics": "Скај механикс"}
    assert rows[ids["sender-mk.txt"]].actor == "Скај механикс"  # the doer in „...“ quotes, whole
    assert rows[ids["sender-ru.html"]].named_as == {"Sky Mechanics": "Небесная механика"}
    assert rows[ids["sender-wire-en.md"]].named_as == {}  # it also writes "Sky Mechanics" itself
    (who,) = lined.accounts
    assert who.figure.value == 500
    assert {actor: {row.candidate.capture.id for row in found} for actor, found in who.by_actor.items()} == {
        "Nebesnaya Mekhanika": {ids["trade-registry-en.md"], ids["sender-wire-en.md"]},
        "Aspan Arba": {ids["trade-monitor-en.md"], ids["sender-en.md"]}}
    (buyer,) = [row for row in lined.mentions if row.candidate.sentence.startswith("The buyer was")]
    assert buyer.named_as == {"Sky Mechanics": "Nebesnaya Mekhanica"}


def test_recorded_entities_tell_two_actors_apart_across_scripts(story):
    archive, ids = story
    claim = archive.add_claim("Aspan Arba received 500 drones")
    unrecorded = rows_by_capture(archive.where_sources_disagree(claim.id))
    # a name in another script may be the same one transliterated: taken for the claim's actor
    assert unrecorded[ids["sender-ru.html"]].verdict == "agreeing"
    record_the_story_entities(archive)
    rows = rows_by_capture(archive.where_sources_disagree(claim.id))
    assert (rows[ids["sender-ru.html"]].verdict, rows[ids["sender-ru.html"]].reason) == \
        ("contradicting", "another actor: Небесная механика, the claim's Aspan Arba")
    assert rows[ids["sender-mk.txt"]].verdict == "contradicting"
    assert rows[ids["sender-mk.txt"]].named_as == {"Aspan Arba": "Аспан Арба"}


def test_find_sources_for_a_claim_without_figures_looks_for_every_alias(story):
    archive, ids = story
    claim = archive.add_claim("Sky Mechanics holds licenses to import")
    assert ids["sender-ru.html"] not in {c.capture.id for c in archive.find_sources(claim.id)}
    record_the_story_entities(archive)
    found = archive.find_sources(claim.id)
    assert {ids["sender-ru.html"], ids["sender-mk.txt"], ids["trade-registry-en.md"]} <= \
        {c.capture.id for c in found}
    lined = archive.where_sources_disagree(claim.id)
    assert {row.named_as.get("Sky Mechanics") for row in lined.mentions} >= \
        {"Небесная механика", "Скај механикс", "Nebesnaya Mekhanika"}


def test_an_entity_of_a_thousand_names_is_lined_up_by_any_of_them(story):
    archive, ids = story
    branches = [f"Mekhanika {letters(n)}" for n in range(995)]  # "Mekhanika Aab": a name of words
    archive.entities.add(NEBESNAYA[0], "company", NEBESNAYA[1:] + branches)
    assert len(archive.entities.find("Sky Mechanics").names) == 1000
    added = archive.add(capture_upload("branch.txt", b"Mekhanika Bmg sent 500 drones to Russia in 2022, "
                                                     b"a branch registry shows.", Limits()))
    lined = archive.where_sources_disagree(archive.add_claim(SENT).id)
    assert len(lined.anchors.names[0].spellings) == 1000
    rows = rows_by_capture(lined)
    assert rows[added.capture.id].verdict == "agreeing"
    assert rows[added.capture.id].named_as == {"Sky Mechanics": "Mekhanika Bmg"}
    assert rows[ids["sender-ru.html"]].named_as == {"Sky Mechanics": "Небесная механика"}


def letters(number: int) -> str:
    """Return a word of three letters for a number: 0 "Aaa", 1 "Aab", ..."""
    word = ""
    for _ in range(3):
        number, letter = divmod(number, 26)
        word = chr(ord("a") + letter) + word
    return word.capitalize()


def test_an_alias_loop_edited_into_the_catalog_still_lines_up(story):
    archive, ids = story
    a = archive.entities.add("Aspan Arba")
    b = archive.entities.add("Аспан Арба")
    archive.entities.merge(a.id, b.id)
    archive.catalog._exec("UPDATE entities SET merged_into = ? WHERE id = ?", [a.id, b.id])  # a loop
    lined = archive.where_sources_disagree(archive.add_claim("Aspan Arba sent 500 drones to Russia in 2022").id)
    assert set(lined.anchors.names[0].spellings) == {"Aspan Arba", "Аспан Арба"}
    rows = rows_by_capture(lined)
    assert rows[ids["trade-monitor-en.md"]].verdict == "agreeing"
    assert rows[ids["sender-mk.txt"]].named_as == {"Aspan Arba": "Аспан Арба"}


def test_a_claim_with_40_figures_is_lined_up_once_per_change(story):
    archive, _ids = story
    record_the_story_entities(archive)
    text = "Sky Mechanics: " + ", ".join(f"${n}.5 million of drones" for n in range(1, 41)) + " in 2022."
    claim = archive.add_claim(text)
    lined = archive.where_sources_disagree(claim.id)
    assert len(lined.figures) == 12 and lined.figures_left_out == 28
    assert archive.where_sources_disagree(claim.id) is lined


def test_spellings_are_found_word_by_word_with_the_text_s_own_words_and_offsets():
    from archive.anchors import Name, SpellingIndex

    name = Name("Aspan Arba", ("Aspan Arba", "Аспан Арба", "Ａｓｐａｎ Co"))
    text = "Straße… «АСПАН АРБА» said; aspan  arba's drones; Ａｓｐａｎ Co; Aspanarba; Aspan Arbat Ltd."
    found = SpellingIndex((name,)).find(text)
    assert [(f.as_written, f.spelling) for f in found] == [
        ("АСПАН АРБА", "Аспан Арба"), ("aspan  arba", "Aspan Arba"), ("Ａｓｐａｎ Co", "Ａｓｐａｎ Co"),
        ("Aspan Arbat", "Aspan Arba")]  # a last word runs on ("Russia" in "Russian"); a first word does not
    assert all(text[f.start:f.end] == f.as_written for f in found)  # offsets of the text, "…" and "ß" before
    assert [f.through_alias for f in found] == [True, False, True, False]


# -- kept between views, never stale -------------------------------------------------------------------------

def test_the_line_up_is_kept_until_the_archive_changes(story):
    archive, ids = story
    claim = archive.add_claim("Kazakhstan exported $1.23 million of drones to Russia in 2022")
    first = archive.where_sources_disagree(claim.id)
    assert archive.where_sources_disagree(claim.id) is first  # no search: the same line-up
    assert first.as_of == archive.catalog.ledger_head()[0] - 1  # the claim's creation changes no line-up
    archive.add_claim("Another claim, made meanwhile")
    archive.set_claim_status(claim.id, "disputed")
    assert archive.where_sources_disagree(claim.id) is first  # another claim, a verdict: nothing it reads
    quote = "Kazakhstan itself imported five million dollars of drones and drone parts in 2022"
    archive.cite(claim.id, ids["trade-monitor-en.md"], quote, stance="context")
    cited = archive.where_sources_disagree(claim.id)
    assert cited is not first and cited.as_of > first.as_of
    assert [row.candidate.citation.stance for row in cited.figures[0].rows if row.candidate.citation] == ["context"]
    added = archive.add(capture_upload("late.txt", b"Kazakhstan exported $1.23 million of drones to Russia in "
                                                   b"2022, a late report says.", Limits()))
    later = archive.where_sources_disagree(claim.id)
    assert added.capture.id in {row.candidate.capture.id for row in later.figures[0].rows}
    archive.entities.add("Aspan Arba", "company", ["Аспан Арба"])
    assert archive.where_sources_disagree(claim.id) is not later  # an entity change is a change too


def test_a_change_made_by_another_process_is_seen_at_the_next_view(story):
    archive, ids = story
    claim = archive.add_claim(SENT)
    first = archive.where_sources_disagree(claim.id)
    with Archive(archive.home) as other:  # another process on the same home: the command line, another server
        record_the_story_entities(other)
    rows = rows_by_capture(archive.where_sources_disagree(claim.id))
    assert rows_by_capture(first)[ids["trade-registry-en.md"]].verdict == "contradicting"
    assert rows[ids["trade-registry-en.md"]].verdict == "agreeing"


def test_captures_waiting_for_the_index_are_part_of_the_stamp(story):
    archive, ids = story
    before = archive.change_stamp()
    archive.catalog.mark_indexed([ids["sender-ru.html"]], indexed=False)  # what the search finds will change
    assert archive.change_stamp() != before
    archive.catalog.mark_indexed([ids["sender-ru.html"]])
    assert archive.change_stamp() == before


def test_readers_asking_at_once_wait_for_one_making():
    cache: LineUpCache[str] = LineUpCache(size=2)
    made: list[tuple[int, int]] = []
    started = threading.Barrier(8)

    def make(key: int, stamp: int) -> str:
        made.append((key, stamp))
        return f"{key}@{stamp}"

    def read(key: int, stamp: int, into: list) -> None:
        started.wait()
        into.append(cache.get(key, stamp, lambda: make(key, stamp)))

    got: list[str] = []
    readers = [threading.Thread(target=read, args=(1, 7, got)) for _ in range(8)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert got == ["1@7"] * 8 and made == [(1, 7)]
    assert cache.get(1, 8, lambda: make(1, 8)) == "1@8"  # a new stamp: made again
    cache.get(2, 8, lambda: make(2, 8))
    cache.get(3, 8, lambda: make(3, 8))  # past the size: the least recently viewed goes
    assert cache.get(1, 8, lambda: make(1, 8)) == "1@8" and made.count((1, 8)) == 2


def test_a_making_that_fails_keeps_nothing():
    cache: LineUpCache[str] = LineUpCache()

    def fail() -> str:
        raise LookupError("no such claim")

    with pytest.raises(LookupError):
        cache.get(1, 1, fail)
    assert cache.get(1, 1, lambda: "made") == "made"


def test_the_claim_page_names_the_aliases_and_shows_a_citation_at_once(story):
    from app import create_app

    archive, ids = story
    record_the_story_entities(archive)
    claim = archive.add_claim(SENT)
    app = create_app({"EVIDENCE_HOME": str(archive.home), "TESTING": True, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    page = client.get(f"/claims/{claim.id}").text
    assert "Sky Mechanics named as Скај механикс" in page and "its 4 recorded aliases" in page
    assert "told of 2 actors" in page and "as of ledger entry" in page
    assert "cited (" not in page
    response = client.post("/api/citations", json={
        "claim_id": claim.id, "capture_id": ids["trade-registry-en.md"], "stance": "supports",
        "quote": "Nebesnaya Mekhanika sent 500 Aspan Arba drones to Russia in 2022"})
    assert response.status_code == 201
    assert "cited (supports)" in client.get(f"/claims/{claim.id}").text
    body = client.get(f"/api/claims/{claim.id}").json["where_sources_disagree"]
    assert body["as_of"] == archive.catalog.ledger_head()[0]
    rows = {row["capture_id"]: row for row in body["figures"][0]["rows"]}
    assert rows[ids["sender-mk.txt"]]["named_as"] == {"Sky Mechanics": "Скај механикс"}
    assert rows[ids["trade-registry-en.md"]]["cited"]["stance"] == "supports"
