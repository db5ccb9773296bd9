"""WhooshIndex's own folder: an index it cannot use (older schema, classes its TOC names gone) is made anew."""

from __future__ import annotations

import pytest

from archive.analysis import analyse
from archive.models import Capture
from archive.search.schema import SCHEMA_VERSION
from archive.search.whoosh_index import WhooshIndex

DRONES = Capture(id=1, sha256="1" * 64, size=1, text_sha256="0" * 64, source="a.txt", method="file",
                 media_type="text/plain", kind="text", captured_at="2026-01-01T00:00:00.000000Z")


def _one_capture(folder) -> None:
    index = WhooshIndex(folder)
    index.begin(wait=0)
    index.add(DRONES, analyse("A drone report.").terms)
    index.commit()
    index.close()


def test_an_index_of_an_older_schema_is_made_anew(tmp_path):
    _one_capture(tmp_path / "index")
    (tmp_path / "index" / "SCHEMA_VERSION").write_text(str(int(SCHEMA_VERSION) - 1))
    again = WhooshIndex(tmp_path / "index")
    assert again.created_now and again.document_ids() == []
    assert (tmp_path / "index" / "SCHEMA_VERSION").read_text() == SCHEMA_VERSION


# Whoosh leaves the TOC's file open when it cannot unpickle it; the file is closed when collected.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_an_index_whose_toc_names_a_class_that_moved_is_made_anew(tmp_path):
    _one_capture(tmp_path / "index")
    assert WhooshIndex(tmp_path / "index").document_ids() == [1]
    (toc,) = (tmp_path / "index").glob("_MAIN_*.toc")
    pickled = toc.read_bytes()
    assert b"archive.search.whoosh_internals" in pickled  # the codec's class, by its path
    toc.write_bytes(pickled.replace(b"archive.search.whoosh_internals", b"archive.search.whoosh_internalz"))
    again = WhooshIndex(tmp_path / "index")
    assert again.created_now and again.document_ids() == []
