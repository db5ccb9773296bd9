import pytest

from archive.errors import CaptureError
from ingest.base import Loaded
from ingest.text import TextIngestor


def _loaded(text: str, name: str) -> Loaded:
    return Loaded(source=name, method="file", body=text.encode("utf-8"),
                  captured_at="2026-01-01T00:00:00.000000Z", name=name)


def test_front_matter_fills_metadata_and_is_not_searchable_text():
    source = ("---\ntitle: Drone exports\ndate: 2024-03-05\nauthor: Ana Reporter\n"
              "url: https://daily.example/drones\n---\nKazakhstan exported drones worth $1.23 million.\n")
    captured = TextIngestor().capture(_loaded(source, "note.md"))
    assert captured.text == "Kazakhstan exported drones worth $1.23 million."
    assert captured.title == "Drone exports"
    assert captured.published == "2024-03-05"
    assert captured.author == "Ana Reporter"
    assert captured.url == "https://daily.example/drones"
    assert captured.kind == "markdown" and captured.media_type == "text/markdown"


def test_markdown_heading_is_the_title_without_front_matter():
    captured = TextIngestor().capture(_loaded("# Field notes\n\nThe figure was 18 million.", "notes.md"))
    assert captured.title == "Field notes"


def test_plain_text_keeps_its_characters():
    text = "Line one  with  two spaces.\nЛинија два."
    captured = TextIngestor().capture(_loaded(text, "a.txt"))
    assert captured.text == text
    assert captured.kind == "text"


def test_broken_front_matter_stays_in_the_text_with_a_note():
    captured = TextIngestor().capture(_loaded("---\ntitle: [unclosed\n---\nBody.", "a.md"))
    assert "title: [unclosed" in captured.text
    assert "not valid YAML" in captured.notes[0]


def test_front_matter_alone_is_an_error():
    with pytest.raises(CaptureError, match="no text"):
        TextIngestor().capture(_loaded("---\ntitle: Empty\n---\n", "a.md"))


def test_text_without_an_extension_is_chosen_unless_a_header_names_another_type():
    from ingest.pipeline import choose

    def chosen(name: str, declared_type: str | None = None) -> str:
        loaded = _loaded("Field notes: the figure was $1.23 million.", name)
        loaded.declared_type = declared_type
        return choose(loaded).kind

    assert chosen("README") == "text"
    assert chosen("/notes/2024", "application/octet-stream") == "text"
    assert chosen("upload:notes") == "text"
    with pytest.raises(CaptureError, match=r"unsupported type \(text/plain\)"):
        chosen("/api/figures", "application/json")
    with pytest.raises(CaptureError, match="unsupported type"):
        chosen("data.csv")
