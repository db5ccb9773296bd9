"""Snippets are slices of a capture's own text with <mark> inserted, so a snippet pasted as a quote anchors."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from archive import quotes
from archive.archive import Archive, figure_snippet
from archive.figures import extract
from archive.snippets import passage
from ingest.pipeline import Limits, capture
from ingest.sources import SourceItem
from tests.documents import pdf_bytes, write

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
# Figure queries (every format and language), words, phrases, CJK and Cyrillic, PDF tables.
QUERIES = ["$1.23 million", "USD 1,230,000", "figure:1230000 USD", "drones", "drone parts", '"customs records"',
           "无人机", "дронови", "unmanned aircraft", "Kazakhstan 2022", "correction", "USD", "1.23 drones",
           "Optical instruments", "transposed editing", "miljoonan dollarin"]


def plain(snippet: str) -> str:
    """Return what a reader copies from a snippet: the text without the marks, unescaped."""
    return html.unescape(snippet.replace("<mark>", "").replace("</mark>", ""))


@pytest.fixture(scope="module")
def samples_archive(tmp_path_factory):
    """The bundled samples and a table-like PDF, captured as `evidence ingest` would."""
    folder = tmp_path_factory.mktemp("snippet-sources")
    table = write(folder / "table.pdf", pdf_bytes([
        "Imports by origin", "Item (HS 8806): USD 1,230,000. Total: USD 1,640,500.\nNote: figures in US dollars."]))
    spaced = write(folder / "spaced.txt", "Exports reached $1.23 million.  The ministry   said (\u201cso\u201d)\n\n"
                                          "that drones\u00a0\u2014 1,23 million \u2014 went east.")
    opened = Archive(tmp_path_factory.mktemp("snippet-archive"))
    sources = sorted(SAMPLES.iterdir()) + [table, spaced]
    for path in sources:
        opened.add(capture(SourceItem(str(path), False), Limits()))
    yield opened
    opened.close()


@pytest.mark.parametrize("query", QUERIES)
def test_every_snippet_is_a_slice_of_the_capture_text_and_anchors_as_a_quote(samples_archive, query):
    result = samples_archive.search(query, limit=20)
    assert result.hits, query
    for hit in result.hits:
        text = samples_archive.get(hit.capture_id, with_text=True).text
        quote = plain(hit.snippet)
        assert quote and quote in text, (query, hit.capture_id, hit.snippet)
        at = text.find(quote, max(0, (hit.offset or 0) - len(quote)))
        found = quotes.anchor(text, quote, position=at)
        assert found.exact == quote


def test_figure_hits_mark_the_whole_figure_as_the_figure_engine_found_it(samples_archive):
    result = samples_archive.search("$1.23 million", limit=20)
    marked = {hit.capture_id: _MARK.findall(hit.snippet) for hit in result.hits}
    for hit in result.hits:
        assert marked[hit.capture_id] == [html.escape(hit.match["figure"]["text"], quote=False)], hit.snippet
    assert ["USD 1,230,000"] in marked.values()  # the PDF: not "USD" alone
    assert ["1,23 милиони долари"] in marked.values()  # not "1,23" alone


@pytest.mark.parametrize("text, marked", [
    # a figure before punctuation keeps the text as written
    ("Customs records show the figure was $1.23 million. The digits were transposed.",
     "<mark>$1.23 million</mark>. The digits"),
    # a CJK figure's snippet adds no spaces
    ("海关数据显示，哈萨克斯坦2022年向俄罗斯出口了价值123万美元的无人机及其零部件。", "价值<mark>123万美元</mark>的无人机"),
])
def test_a_figure_snippet_is_the_text_as_written_with_the_figure_marked(text, marked):
    (figure,) = [f for f in extract(text) if f.unit == "USD"]
    snippet = figure_snippet(text, figure)
    assert marked in snippet
    assert plain(snippet) in text


def test_passage_keeps_line_breaks_and_spaces_as_stored():
    text = "First line.\n\nThe  figure was\u00a0$1.23 million.\tEnd."
    start = text.index("$1.23")
    snippet = passage(text, [(start, start + len("$1.23 million"))], width=240)
    assert plain(snippet) == text
    assert "<mark>$1.23 million</mark>" in snippet


def test_passage_escapes_markup_of_the_text():
    text = "Before <script>alert(1)</script> the word drones & more."
    start = text.index("drones")
    snippet = passage(text, [(start, start + 6)], width=240)
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet
    assert plain(snippet) == text


def test_passage_cuts_long_text_at_spaces_around_the_marks():
    text = "word " * 200 + "drones " + "word " * 200
    start = text.index("drones")
    snippet = passage(text, [(start, start + 6)], width=60)
    quote = plain(snippet)
    assert quote in text and len(quote) < 120
    assert not quote.startswith(" ") and not quote.endswith(" ")
    assert quote.startswith("word") and quote.endswith("word")
