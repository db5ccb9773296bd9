from pathlib import Path

import pytest

from archive.errors import CaptureError
from ingest.text import TITLE_LIMIT, TextIngestor, split_front_matter
from tests.documents import as_loaded, described


def test_front_matter_fills_metadata_and_is_not_searchable_text():
    source = ("---\ntitle: Drone exports\ndate: 2024-03-05\nauthor: Ana Reporter\n"
              "url: https://daily.example/drones\n---\nKazakhstan exported drones worth $1.23 million.\n")
    captured = TextIngestor().capture(as_loaded(source, "note.md"))
    assert captured.text == "Kazakhstan exported drones worth $1.23 million."
    assert described(captured, "title", "published", "author", "url", "kind", "media_type") == {
        "title": "Drone exports", "published": "2024-03-05", "author": "Ana Reporter",
        "url": "https://daily.example/drones", "kind": "markdown", "media_type": "text/markdown"}


def test_markdown_heading_is_the_title_without_front_matter():
    captured = TextIngestor().capture(as_loaded("# Field notes\n\nThe figure was 18 million.", "notes.md"))
    assert captured.title == "Field notes"


def test_plain_text_keeps_its_characters():
    text = "Line one  with  two spaces.\nЛинија два."
    captured = TextIngestor().capture(as_loaded(text, "a.txt"))
    assert captured.text == text
    assert captured.kind == "text"


def test_broken_front_matter_stays_in_the_text_with_a_note():
    captured = TextIngestor().capture(as_loaded("---\ntitle: [unclosed\n---\nBody.", "a.md"))
    assert "title: [unclosed" in captured.text
    assert "not valid YAML" in captured.notes[0]


def test_front_matter_alone_is_an_error():
    with pytest.raises(CaptureError, match="no text"):
        TextIngestor().capture(as_loaded("---\ntitle: Empty\n---\n", "a.md"))


def test_text_without_an_extension_is_chosen_unless_a_header_names_another_type():
    from ingest.pipeline import choose

    def chosen(name: str, declared_type: str | None = None) -> str:
        loaded = as_loaded("Field notes: the figure was $1.23 million.", name)
        loaded.declared_type = declared_type
        return choose(loaded).kind

    assert chosen("README") == "text"
    assert chosen("/notes/2024", "application/octet-stream") == "text"
    assert chosen("upload:notes") == "text"
    # Refused text says what made it refused, the header or the name.
    with pytest.raises(CaptureError, match=r"unsupported type \(text/plain served as application/json\)$"):
        chosen("/api/figures", "application/json")
    with pytest.raises(CaptureError, match=r"data\.csv: unsupported type \(text/plain named \.csv\)$"):
        chosen("data.csv")


SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.mark.parametrize("name", ["drones-correction-en.md", "drones-fi.txt", "drones-zh.md"])
def test_a_retelling_without_front_matter_takes_its_first_line_as_title(name):
    _, body, _ = split_front_matter((SAMPLES / name).read_text(encoding="utf-8"))
    first_line = body.strip().splitlines()[0]
    captured = TextIngestor().capture(as_loaded(body, f"/home/reporter/retellings/{name}"))
    assert captured.title
    assert "/" not in captured.title
    assert len(captured.title) <= TITLE_LIMIT + 1
    assert first_line.startswith(captured.title.rstrip("…"))


def test_markdown_takes_its_first_heading_of_any_level_or_style():
    assert TextIngestor().capture(as_loaded("Intro line.\n\n## Customs data\n\nBody.", "a.md")).title \
        == "Customs data"
    assert TextIngestor().capture(as_loaded("Drone exports\n=============\n\nBody.", "a.md")).title \
        == "Drone exports"
    assert TextIngestor().capture(as_loaded("# The [customs](https://x.example) **figure** #\n\nBody.",
                                          "a.md")).title == "The customs figure"
    # Plain text has no headings: its first line with words is the title, as written.
    assert TextIngestor().capture(as_loaded("-----\n# Not a heading here\nBody.", "a.txt")).title \
        == "# Not a heading here"


def test_a_long_first_line_is_cut_at_a_word_with_an_ellipsis():
    line = "Kazakhstan exported drones and drone parts worth $1.23 million to Russia in 2022, " * 3
    title = TextIngestor().capture(as_loaded(line.strip(), "long.txt")).title
    assert title.endswith("…") and len(title) <= TITLE_LIMIT + 1
    assert line.startswith(title[:-1]) and line[len(title) - 1] == " "
    chinese = "海关数据显示哈萨克斯坦二零二二年向俄罗斯出口了价值一百二十三万美元的无人机及其零部件" * 4
    title = TextIngestor().capture(as_loaded(chinese, "zh.txt")).title
    assert title == chinese[:TITLE_LIMIT] + "…"


def test_front_matter_title_wins_and_is_kept_whole():
    long_title = "A title the author chose, however long it is: " + "words " * 30
    source = f"---\ntitle: \"{long_title}\"\n---\n# Heading\n\nBody."
    assert TextIngestor().capture(as_loaded(source, "a.md")).title == long_title.strip()


@pytest.mark.parametrize("body", ["   \n\t\r\n  ", "\u3000\xa0\n"])
def test_a_file_of_white_space_says_so(body):
    with pytest.raises(CaptureError, match="a.txt: the file holds only whitespace"):
        TextIngestor().capture(as_loaded(body, "a.txt"))
