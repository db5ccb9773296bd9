"""Our index writer's shortcuts (a document's analysed text in one call, a term's postings in one step) write
the same segment files, byte for byte, as Whoosh's own writer given the same documents."""

import hashlib
import random
from datetime import datetime, timedelta

import pytest
from whoosh import index

from archive.analysis import analyse
from archive.search.schema import schema
from archive.search.whoosh_internals import AnalysedText, TermPool, codec, open_writer

WORDS = ("the of and in drone drones export million denar ministry report дронови милиони 无人机出口 "
         "tariff court border").split()


def _documents(count: int) -> list[dict]:
    """Seeded documents: common words in every one (posting lists of several blocks), rare ones in few."""
    rng = random.Random(11)
    documents = []
    for n in range(count):
        words = ["the"] + [rng.choice(WORDS) for _ in range(rng.randint(5, 60))] + [f"marker{n}"]
        document = {
            "capture_id": str(n + 1),
            "title": f"Report {n % 7}" if n % 3 else "",
            "text": AnalysedText(analyse(" ".join(words)).terms.items()),
            "author": "Ana Petrova" if n % 5 == 0 else "",
            "site": "example.org" if n % 2 else "news.example.mk",
            "sha256": hashlib.sha256(str(n).encode()).hexdigest(),
            "kind": "html" if n % 4 else "pdf",
            "lang": "en" if n % 3 else "mk",
            "captured": datetime(2026, 12, 1) + timedelta(seconds=37 * n),
        }
        if n % 6 == 0:
            document["published"] = datetime(2026, 11, 1 + n % 20)
        documents.append(document)
    return documents


def _segment_files(folder) -> list[list[tuple[str, str]]]:
    """Each segment's files (named without the random segment id) with the SHA-256 of their bytes."""
    ix = index.open_dir(folder)
    listing = []
    for segment in ix._segments():
        files = segment.open_compound_file(ix.storage)
        listing.append(sorted((name[name.index("."):], hashlib.sha256(files.open_file(name).read()).hexdigest())
                              for name in files.list()))
    return listing


def _build(folder, make_writer, batches: list[list[dict]], optimize: bool) -> list:
    folder.mkdir()
    ix = index.create_in(folder, schema())
    for batch in batches:
        writer = make_writer(ix)
        for document in batch:
            writer.add_document(**document)
        writer.commit(merge=False)
    if optimize:  # every segment read back and merged into one: postings come from readers
        make_writer(ix).commit(optimize=True)
    ix.close()
    return _segment_files(folder)


def _ours(ix):
    return open_writer(ix)


def _whooshs(ix):
    return ix.writer(codec=codec())  # Whoosh's segment writer and pool; our codec's formats and readers


@pytest.mark.parametrize("optimize", [False, True], ids=["segments", "merged"])
def test_our_writer_writes_the_segments_whoosh_writes(tmp_path, optimize):
    documents = _documents(400)
    batches = [documents[:300], documents[300:390], documents[390:]]
    ours = _build(tmp_path / "ours", _ours, batches, optimize)
    assert len(ours) == (1 if optimize else 3)
    assert ours == _build(tmp_path / "whoosh", _whooshs, batches, optimize)


def test_postings_past_the_pool_limit_write_the_same_segments(tmp_path, monkeypatch):
    documents = _documents(200)
    whooshs = _build(tmp_path / "whoosh", _whooshs, [documents], optimize=False)
    monkeypatch.setattr(TermPool, "POOLED", 500)  # spilled to Whoosh's pool part way through the batch
    assert _build(tmp_path / "spilled", _ours, [documents], optimize=False) == whooshs


def test_the_schema_uses_nothing_our_writer_leaves_out():
    for name, field in schema().items():
        assert not field.vector, name
        assert not field.separate_spelling(), name
        assert field.column_type is None, name
