import pytest

from archive.errors import CaptureError
from ingest.html import NO_MAIN_TEXT_NOTE, HtmlIngestor, visible_text
from tests.documents import as_loaded, described, html_page

ARTICLE = "".join(
    f"<p>Paragraph {i}: Kazakhstan exported drones worth $1.23 million to Russia in 2022, according to "
    f"customs records reviewed by reporters across several outlets.</p>" for i in range(6))


def test_main_text_and_metadata_come_from_trafilatura():
    head = ('<meta name="author" content="Ana Reporter"><meta property="og:site_name" content="Daily Check">'
            '<meta property="article:published_time" content="2024-03-05T10:00:00Z">'
            '<link rel="canonical" href="https://daily.example/drones">')
    page = html_page("Drone exports", ARTICLE, extra_head=head).encode()
    captured = HtmlIngestor().capture(as_loaded(page, "page.html"))
    assert "Kazakhstan exported drones worth $1.23 million" in captured.text
    assert "Copyright the publisher" not in captured.text
    assert described(captured, "title", "author", "site", "published", "language", "url", "kind", "media_type") == {
        "title": "Drone exports", "author": "Ana Reporter", "site": "Daily Check", "published": "2024-03-05",
        "language": "en", "url": "https://daily.example/drones", "kind": "html", "media_type": "text/html"}
    assert captured.tools["trafilatura"]
    assert captured.notes == []


def test_page_without_main_text_falls_back_to_visible_text_and_says_so():
    # trafilatura drops footers as boilerplate, so a page that is only a footer has no main text.
    page = ("<html><head><title>Tiny</title><script>var hidden = 1;</script><style>p{}</style></head>"
            "<body><footer>Budget: 18 million</footer></body></html>")
    captured = HtmlIngestor().capture(as_loaded(page.encode(), "page.html"))
    assert "Budget: 18 million" in captured.text
    assert "hidden" not in captured.text
    assert NO_MAIN_TEXT_NOTE in captured.notes


def test_windows_1251_declared_in_meta_decodes():
    body = "<p>Казахстан извезе дронови во Русија во вредност од 1,23 милиони долари, според царината.</p>" * 4
    page = html_page("Дронови", body, lang="mk", charset="windows-1251").encode("cp1251")
    captured = HtmlIngestor().capture(as_loaded(page, "page.html"))
    assert "1,23 милиони долари" in captured.text
    assert captured.charset.startswith("cp1251")
    assert captured.language == "mk"


def test_gb2312_without_declaration_is_detected():
    body = "<p>哈萨克斯坦二零二二年向俄罗斯出口了价值一百二十三万美元的无人机，海关记录显示。</p>" * 5
    page = html_page("无人机出口", body, lang="zh", charset="gb2312").encode("gb2312")
    captured = HtmlIngestor().capture(as_loaded(page.replace(b'<meta charset="gb2312">', b""), "page.html"))
    assert "无人机" in captured.text
    assert captured.title == "无人机出口"


def test_http_charset_header_beats_a_lying_meta_tag():
    body = "<p>Стоимость контракта составила 1,23 миллиона долларов, сообщили в таможне страны.</p>" * 4
    page = html_page("Контракт", body, lang="ru", charset="utf-8").encode("cp1251")
    loaded = as_loaded(page, "page.html", content_type="text/html; charset=windows-1251", declared_type="text/html")
    assert "1,23 миллиона долларов" in HtmlIngestor().capture(loaded).text


def test_visible_text_keeps_blocks_on_their_own_lines():
    assert visible_text("<div>One</div><div>Two<br>Three</div>") == "One\nTwo\nThree"


def test_declared_language_must_be_a_language_tag():
    from ingest.language import declared_html_language
    assert declared_html_language('<html lang="mk-MK"><head>') == "mk"
    assert declared_html_language('<html lang=zh_Hans>') == "zh"
    assert declared_html_language('<html><meta http-equiv="Content-Language" content="utf-8">') is None
    assert declared_html_language('<html><meta http-equiv="content-language" content="de">') == "de"


def _nested(depth: int, inner: str, after: str = "") -> bytes:
    return ("<html><head><title>Deep</title></head><body>" + "<div>" * depth + inner + "</div>" * depth
            + after + "</body></html>").encode()


def test_a_page_nested_deeper_than_any_parser_reads_is_refused_saying_so():
    with pytest.raises(CaptureError, match=r"page\.html: the HTML is nested too deeply to read "
                                           r"\(over 2048 levels\)"):
        HtmlIngestor().capture(as_loaded(_nested(50_000, "Drones worth $1.23 million."), "page.html"))


def test_text_nested_past_the_default_parser_depth_is_still_captured():
    captured = HtmlIngestor().capture(as_loaded(_nested(1000, "Drones worth $1.23 million."), "page.html"))
    assert "Drones worth $1.23 million." in captured.text
    assert NO_MAIN_TEXT_NOTE in captured.notes


def test_visible_text_before_nesting_too_deep_is_captured_with_a_note_that_the_rest_was_not_read():
    # A footer alone is no main text for trafilatura, so the visible text is what is captured.
    captured = HtmlIngestor().capture(as_loaded(_nested(3000, "Deep.", after="<p>After.</p>").replace(
        b"<body>", b"<body><footer>Budget: 18 million</footer>"), "page.html"))
    assert "Budget: 18 million" in captured.text and "After." not in captured.text
    assert any("nested too deeply" in note and "2048" in note for note in captured.notes)


@pytest.mark.parametrize("body", [b"   \n\t\r\n  ", "\u3000\xa0\n".encode()])
def test_a_page_of_white_space_says_so(body):
    with pytest.raises(CaptureError, match="page.html: the page holds only whitespace"):
        HtmlIngestor().capture(as_loaded(body, "page.html"))
