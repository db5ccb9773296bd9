"""OCR from end to end: scans rendered from known text are captured by `evidence ingest`, found by search with
their page named, verified and read again to the same text; a PDF of a thousand blank pages ends within its
time limit as a partial capture saying which pages were read; and the reader's own rules."""

import json
import time

import pytest

from ingest.ocr import OcrRequest, PageReader, page_text, stopped_note
from ingest.tesseract import Word
from tests.scans import blank_pdf, needs_tesseract, scanned_pdf, text_png

NOTICE = "Customs officers counted 1,230 drones\nat the northern border crossing in 2022."
# A Russian customs report scanned as two pages; the figure and the place are on the second.
REPORT = ["Таможенная служба опубликовала отчёт\nо торговле с соседними странами за 2022 год.",
          "Через северный переход вывезено 1230 беспилотников\nи запасных частей к ним на сумму 1,23 млн долларов."]


# -- the reader's rules --------------------------------------------------------------------------------


def _word(text: str, block: int, paragraph: int, line: int) -> Word:
    return Word(text, block, paragraph, line, (0, 0, 10, 10), 90.0)


def test_a_pages_text_puts_spaces_between_words_breaks_between_lines_and_blank_lines_between_paragraphs():
    words = [_word("Customs", 1, 1, 1), _word("office", 1, 1, 1), _word("report", 1, 1, 2),
             _word("Second", 1, 2, 1), _word("block", 2, 1, 1)]
    text, spans = page_text(words)
    assert text == "Customs office\nreport\n\nSecond\n\nblock"
    assert [text[start:end] for start, end in spans] == ["Customs", "office", "report", "Second", "block"]


def test_no_page_is_read_past_the_deadline_and_the_pages_left_are_said():
    reader = PageReader(OcrRequest(deadline=time.monotonic() - 1))
    assert reader.out_of_time(1) and reader.out_of_time(2)
    assert reader.stopped and reader.unread == [1, 2] and reader.summary(paged=True) is None
    assert stopped_note(reader) == ("partial capture: OCR stopped at its time budget (70% of the source's time "
                                    "limit) with pages 1–2 not read; pages read by OCR: none")
    assert not PageReader(OcrRequest()).out_of_time(1)  # no deadline: a re-extraction reads every page


def test_a_capture_is_read_again_as_it_was_recorded():
    assert not OcrRequest.recorded(None).enabled
    request = OcrRequest.recorded({"languages": ["eng", "ukr"], "pages": [1, 3],
                                   "page_languages": {"1": ["eng"], "3": ["ukr"]}})
    assert request.pages == {1, 3} and request.languages_of(3) == ("ukr",) and request.languages_of(1) == ("eng",)
    reader = PageReader(request)
    assert [reader.wants(n, needed=True) for n in (1, 2, 3)] == [True, False, True]
    assert OcrRequest.recorded({"languages": ["eng"], "pages": None}).pages is None


# -- from the command line -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def scanned_home(tmp_path_factory):
    """An archive home holding an English PNG and a two-page Russian scanned PDF, captured by `evidence ingest`."""
    from click.testing import CliRunner

    from app import cli

    folder = tmp_path_factory.mktemp("scans")
    (folder / "notice.png").write_bytes(text_png(NOTICE))
    (folder / "report.pdf").write_bytes(scanned_pdf(REPORT))
    home = folder / "home"
    done = CliRunner().invoke(cli, ["--home", str(home), "ingest", "--json", "--jobs", "2", str(folder)])
    assert done.exit_code == 0, done.output
    return home, [json.loads(line) for line in done.output.splitlines()]


def _evidence(home, *args):
    from click.testing import CliRunner

    from app import cli

    return CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)


@needs_tesseract("eng", "rus")
def test_scans_are_captured_with_their_ocr_provenance(scanned_home):
    home, lines = scanned_home
    captures = {line["source"].rsplit("/", 1)[-1]: line["capture"] for line in lines}
    image, pdf = captures["notice.png"], captures["report.pdf"]
    assert (image["kind"], image["media_type"], image["ocr"]["pages"]) == ("image", "image/png", None)
    assert (pdf["kind"], pdf["ocr"]["pages"], pdf["ocr"]["languages"]) == ("pdf", [1, 2], ["rus"])
    for capture in (image, pdf):
        [part] = capture["parts"]
        assert part["role"] == "ocr-layout" and capture["ocr"]["mean_confidence"] > 80
    shown = _evidence(home, "show", str(pdf["id"])).output
    assert "OCR:" in shown and "text read by OCR (tesseract" in shown and "pages 1–2" in shown


@needs_tesseract("eng", "rus")
@pytest.mark.parametrize("query, source, page", [
    ("drones", "notice.png", None),
    ('"northern border crossing"', "notice.png", None),
    ("беспилотников", "report.pdf", 2),
    ("отчёт", "report.pdf", 1),
    ("$1.23 million", "report.pdf", 2),  # the figure, read by OCR, found in any format
])
def test_ocr_text_is_found_by_search_and_a_hit_names_its_page(scanned_home, query, source, page):
    home, lines = scanned_home
    ids = {line["source"].rsplit("/", 1)[-1]: line["capture"]["id"] for line in lines}
    [hit] = json.loads(_evidence(home, "search", query, "--json").output)["hits"]
    assert (hit["capture_id"], hit["page"]) == (ids[source], page)
    assert hit["ocr"]["engine"] == "tesseract"


@needs_tesseract("eng", "rus")
def test_ocr_captures_verify_and_read_again_to_the_same_text(scanned_home):
    home, _ = scanned_home
    report = json.loads(_evidence(home, "verify", "--reextract", "--json").output)
    assert report["ok"], report["problems"]
    assert report["checked"]["parts"] == 2 and report["checked"]["reextracted"] == 2


@needs_tesseract("eng", "rus")
def test_an_exported_ocr_capture_comes_back_as_it_was(scanned_home, tmp_path):
    home, lines = scanned_home
    exported = tmp_path / "all.warc.gz"
    assert _evidence(home, "export", "--warc", str(exported), "--all").exit_code == 0
    done = _evidence(tmp_path / "other", "ingest", "--json", str(exported))
    back = {line["capture"]["sha256"]: line["capture"] for line in map(json.loads, done.output.splitlines())
            if line["capture"]}
    for line in lines:
        original, restored = line["capture"], back[line["capture"]["sha256"]]
        for key in ("text_sha256", "ocr", "parts", "pages", "kind"):
            assert restored[key] == original[key], key


@needs_tesseract("eng")
def test_a_thousand_blank_pages_end_as_a_partial_capture_within_the_time_limit(tmp_path):
    source = tmp_path / "blank.pdf"
    source.write_bytes(blank_pdf(1000))
    started = time.monotonic()
    done = _evidence(tmp_path / "home", "ingest", "--json", "--time-limit", "12", "--ocr-lang", "eng", str(source))
    elapsed = time.monotonic() - started
    [line] = [json.loads(text) for text in done.output.splitlines()]
    assert done.exit_code == 0 and line["status"] == "captured", line
    ocr = line["capture"]["ocr"]
    read, unread = ocr["pages"], ocr["unread_pages"]
    assert read == list(range(1, len(read) + 1)) and unread == list(range(len(read) + 1, 1001))
    [note] = line["capture"]["notes"][:1]
    assert note.startswith("partial capture: OCR stopped at its time budget (70% of the source's time limit) "
                           f"with pages {len(read) + 1}–1000 not read")
    assert elapsed < 12


def test_bad_sources_fail_alone_and_leave_nothing_written(tmp_path):
    from PIL import Image

    from tests.scans import encoded

    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "not-an-image.png").write_bytes(b"<!-- not a picture -->\x00\x01\x02" * 40)
    (folder / "huge.png").write_bytes(encoded(Image.new("1", (9000, 9000), 1)))
    whole = encoded(Image.new("L", (600, 400), 128))
    (folder / "cut.png").write_bytes(whole[: len(whole) // 2])
    done = _evidence(tmp_path / "home", "ingest", "--json", str(folder))
    lines = {json.loads(text)["source"].rsplit("/", 1)[-1]: json.loads(text) for text in done.output.splitlines()}
    assert done.exit_code == 1 and {line["status"] for line in lines.values()} == {"failed"}
    assert "is not an image" in lines["not-an-image.png"]["error"]
    assert lines["huge.png"]["error_kind"] == "too_large" and "9,000 × 9,000 pixels" in lines["huge.png"]["error"]
    assert "the image is damaged and cannot be read" in lines["cut.png"]["error"]
    assert not [path for path in (tmp_path / "home" / "blobs").rglob("*") if path.is_file()]
    assert json.loads(_evidence(tmp_path / "home", "verify", "--json").output)["checked"].get("captures", 0) == 0
