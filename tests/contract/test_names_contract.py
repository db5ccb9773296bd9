"""Names in any script and spelling, on the sample story, the same on every search backend (an archive with its
catalog and index embedded, and on PostgreSQL): Latin readings, close spellings, British and American
spellings, `~` and `*`, did you mean, mixed scripts, and bounded fuzzy queries over a large vocabulary."""

from pathlib import Path

import pytest

from archive.models import SearchResult
from archive.search import variants
from ingest.limits import Limits
from ingest.pipeline import capture
from ingest.sources import SourceItem
from tests.contract.backends import ARCHIVE_BACKENDS, open_archive
from tests.documents import write

SAMPLES = Path(__file__).parents[2] / "samples"


@pytest.fixture(scope="module", params=ARCHIVE_BACKENDS)
def story(request, tmp_path_factory):
    """The samples archived, and {file name: capture id}."""
    folder = tmp_path_factory.mktemp("names")
    settings = request.param(folder)
    archive = open_archive(folder / "home", settings)
    assert type(archive.index).__name__ == ("PgIndex" if settings else "WhooshIndex")
    ids = {Path(result.source).name: result.capture.id
           for result in archive.capture([str(SAMPLES)], Limits())}
    yield archive, ids
    archive.close()


@pytest.fixture(params=ARCHIVE_BACKENDS)
def archive(request, tmp_path):
    """An empty archive on each backend."""
    opened = open_archive(tmp_path / "home", request.param(tmp_path))
    yield opened
    opened.close()


def _names(result: SearchResult, ids: dict[str, int]) -> list[str]:
    by_id = {capture_id: name for name, capture_id in ids.items()}
    return [by_id[hit.capture_id] for hit in result.hits]


def test_cyrillic_finds_the_latin_spellings_and_their_close_spellings(story):
    archive, ids = story
    found = archive.search("Небесная механика")
    assert _names(found, ids)[0] == "sender-ru.html"  # as written ranks first
    assert set(_names(found, ids)) == {"sender-ru.html", "sender-wire-en.md", "sender-en.md", "trade-registry-en.md"}
    hits = {name: hit for name, hit in zip(_names(found, ids), found.hits)}
    assert hits["sender-wire-en.md"].found_through == ["reading"]  # "Nebesnaya Mekhanika"
    assert "close" in hits["sender-en.md"].found_through  # "Nebesnaya Mekhanica"
    assert "<mark>Mekhanica</mark>" in hits["sender-en.md"].snippet


def test_latin_finds_cyrillic_and_ranks_the_spelling_as_written_first(story):
    archive, ids = story
    found = _names(archive.search("Nebesnaya Mekhanika"), ids)
    assert set(found[:2]) == {"sender-wire-en.md", "trade-registry-en.md"}  # as written first
    assert set(found[2:]) == {"sender-en.md", "sender-ru.html"}  # a close spelling, the Cyrillic spelling
    assert set(_names(archive.search("Аспан Арба"), ids)) == set(_names(archive.search("Aspan Arba"), ids)) == {
        "sender-ru.html", "sender-mk.txt", "sender-en.md", "sender-wire-en.md", "trade-monitor-en.md",
        "trade-registry-en.md"}


def test_lower_case_latin_words_get_readings_but_no_close_spellings(story):
    archive, ids = story
    assert set(_names(archive.search("nebesnaya mekhanika"), ids)) == {"sender-wire-en.md", "sender-ru.html",
                                                                       "trade-registry-en.md"}


def test_a_quoted_phrase_finds_its_reading_in_a_row(story):
    archive, ids = story
    assert set(_names(archive.search('"Небесная механика"'), ids)) == {"sender-ru.html", "sender-wire-en.md",
                                                                       "trade-registry-en.md"}
    assert _names(archive.search('"механика Небесная"'), ids) == []  # not in a row anywhere


def test_british_and_american_spellings_meet(story):
    archive, ids = story
    found = archive.search("export licence")
    assert set(_names(found, ids)) == {"sender-en.md", "trade-monitor-en.md"}
    assert all("<mark>export</mark> <mark>licence</mark>" in hit.snippet for hit in found.hits)
    assert set(_names(archive.search("licence"), ids)) == {"sender-en.md", "sender-wire-en.md", "trade-monitor-en.md",
                                                           "trade-registry-en.md"}
    assert "<mark>licenses</mark>" in archive.search("licence lang:en site:wire").hits[0].snippet


def test_fuzzy_and_wildcard_operators(story):
    archive, ids = story
    assert set(_names(archive.search("Mekhani*"), ids)) == {"sender-ru.html", "sender-mk.txt", "sender-en.md",
                                                            "sender-wire-en.md", "trade-registry-en.md"}
    fuzzy = archive.search("mekhanica~")
    assert set(_names(fuzzy, ids)) >= {"sender-en.md", "sender-wire-en.md"}
    assert _names(fuzzy, ids)[0] == "sender-en.md"  # the exact spelling first
    assert _names(archive.search("mekhanica"), ids) == ["sender-en.md"]  # no ~, lower case: as written only
    assert set(_names(archive.search("mekhani?a"), ids)) == {"sender-ru.html", "sender-en.md", "sender-wire-en.md",
                                                             "trade-registry-en.md"}  # ? is one letter
    assert set(_names(archive.search("*hanica"), ids)) == {"sender-en.md"}


def test_did_you_mean_offers_the_archives_own_words(story):
    archive, _ids = story
    found = archive.search("licennce")
    assert found.total == 0 and found.suggestion == "licence"
    assert archive.search("Nebesnaja").suggestion is None  # a name finds its close spelling: no need to ask
    assert archive.search("zzqxv").suggestion is None  # nothing near
    assert archive.search("drones").suggestion is None  # found: nothing to suggest


@pytest.mark.parametrize("query", ["AND", "OR NOT", "*", "~", "~2", '""', "()", "AND OR NOT ~ *", ":", "^", "a~9/9"])
def test_a_query_of_only_operators_is_answered_or_refused_in_a_sentence(story, query):
    archive, _ids = story
    from archive.errors import QueryError

    try:
        found = archive.search(query)
    except QueryError as exc:
        assert "query" in str(exc)
    else:
        assert found.total >= 0


def test_a_homoglyph_spoof_is_found_and_shown_as_mixed_script(tmp_path, archive):
    spoof = write(tmp_path / "spoof.md", "---\ntitle: Notice\n---\nPayments go to Nebesn\u0430ya Mekhanika now.")
    honest = write(tmp_path / "honest.md", "---\ntitle: Notice\n---\nNebesnaya Mekhanika sent the invoice.")
    spoofed = archive.add(capture(SourceItem(str(spoof), False), Limits())).capture.id
    plain = archive.add(capture(SourceItem(str(honest), False), Limits())).capture.id
    found = {hit.capture_id: hit for hit in archive.search("Nebesnaya").hits}
    assert set(found) == {spoofed, plain}
    assert found[spoofed].mixed_script == ["Nebesn\u0430ya"] and found[plain].mixed_script == []
    assert "mixes scripts in one word" in found[spoofed].how_found()
    # and the spoofed spelling, pasted as a query, finds both
    assert {hit.capture_id for hit in archive.search("Nebesn\u0430ya").hits} == {spoofed, plain}


def test_names_mixing_scripts_within_one_word(tmp_path, archive):
    path = write(tmp_path / "mixed.md", "---\ntitle: Mixed\n---\nThe firm АспанArba and Kazakh-Қазақ traders.")
    mixed = archive.add(capture(SourceItem(str(path), False), Limits())).capture.id
    assert [hit.capture_id for hit in archive.search("АспанArba").hits] == [mixed]
    assert [hit.capture_id for hit in archive.search("aspanarba").hits] == [mixed]  # its whole reading
    assert [hit.capture_id for hit in archive.search("Қазақ").hits] == [mixed]


def test_close_spellings_read_a_bounded_part_of_a_large_vocabulary(tmp_path, archive, monkeypatch):
    # 30,000 distinct words sharing the first letters of the one looked for: more than CLOSE_SCAN
    monkeypatch.setattr(variants, "CLOSE_SCAN", 2_000)
    words = [f"mek{n:05d}x" for n in range(30_000)]
    text = "---\ntitle: Vocabulary\n---\n" + " ".join(words) + " mekhanika"
    archive.add(capture(SourceItem(str(write(tmp_path / "words.md", text)), False), Limits()))
    archive.flush()
    vocabulary = archive.index.vocabulary()
    assert variants.close_terms(vocabulary, "text", "mek00010y", 1, 2) == ["mek00010x"]  # within the window
    assert variants.close_terms(vocabulary, "text", "mekhanikas", 1, 2) == []  # past the 2,000 terms read
    assert variants.close_terms(vocabulary, "text", "mekhanikas", 1, 4) == ["mekhanika"]  # more first letters
    assert archive.search("Mekhanikaz").total == 0  # a name's close spellings: the same window, missed
    assert archive.search("mekhanikaz~1/4").total == 1


def test_a_reading_in_a_row_past_the_positions_a_long_text_keeps(tmp_path, archive):
    # 20,000 words first: on PostgreSQL the positions past 16,383 are not kept, and the phrase is checked on
    # the text's readings instead
    filler = " ".join(f"filler{n % 500}" for n in range(20_000))
    path = write(tmp_path / "long.md", f"---\ntitle: Long\n---\n{filler} Небесная механика sent drones.")
    long = archive.add(capture(SourceItem(str(path), False), Limits())).capture.id
    assert [hit.capture_id for hit in archive.search('"nebesnaya mekhanika"').hits] == [long]
    assert archive.search('"mekhanika nebesnaya"').total == 0
