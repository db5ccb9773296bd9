"""HTML pages: original bytes kept, main text and metadata from trafilatura, visible text as fallback."""

from __future__ import annotations

import html
import re

import lxml.html
import trafilatura

from archive.errors import CaptureError
from archive.models import NewCapture
from archive.tools import tool_versions
from ingest.base import Ingestor, Loaded
from ingest.charset import decode_source, header_charset, meta_charsets
from ingest.language import declared_html_language, detect

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head")
_BLOCKS = re.compile(r"[ \t\r\f\v]*\n\s*")
# fast=True skips trafilatura's fallback extractors (readability, jusText): measured on the shared corpus, the
# same recall (48/50 expected snippets, 227/237 reference paragraphs, 50/52 dates) in 17 % less time.
# htmldate's extensive search runs dateparser, whose first use costs seconds in every process (measured: 6.7 s
# to date the 2 of the corpus's 52 pages that the quick search leaves undated), too slow for one-page captures.
QUICK_DATE_SEARCH = {"extensive_search": False, "original_date": True}
EXTRACTION_OPTIONS = {"with_metadata": True, "include_comments": False, "fast": True,
                      "date_extraction_params": QUICK_DATE_SEARCH}
NO_MAIN_TEXT_NOTE = "trafilatura found no main text; the page's visible text was captured instead"
# libxml2 reads 256 levels of nesting, 2048 with XML_PARSE_HUGE (lxml's huge_tree); deeper, it stops reading.
MAX_DEPTH = 2048
TOO_DEEP = f"the HTML is nested too deeply to read (over {MAX_DEPTH} levels)"


class HtmlIngestor(Ingestor):
    """Web pages and saved HTML files."""

    kind = "html"
    media_types = ("text/html", "application/xhtml+xml")
    extensions = (".html", ".htm", ".xhtml", ".shtml")

    def capture(self, loaded: Loaded) -> NewCapture:
        declared = [c for c in [header_charset(loaded.content_type)] if c] + meta_charsets(loaded.body)
        decoded = decode_source(loaded, declared)
        markup = decoded.text
        if not markup.strip():
            raise CaptureError(loaded.source, "the page holds only whitespace")
        markup = _XML_DECLARATION.sub("", markup, count=1)
        document = trafilatura.bare_extraction(markup, url=loaded.final_url or loaded.url, **EXTRACTION_OPTIONS)
        text = _clean(document.text) if document is not None and document.text else ""
        notes = [decoded.note] if decoded.note else []
        if not text:
            text, cut_short = _visible_text(markup)
            if cut_short and not text:
                raise CaptureError(loaded.source, TOO_DEEP)
            notes.append(NO_MAIN_TEXT_NOTE)
            if cut_short:
                notes.append(f"{TOO_DEEP}: the text after that point was not captured")
        if not text:
            raise CaptureError(loaded.source, "the page has no visible text to capture")
        meta = document if document is not None else None
        language = declared_html_language(markup) or (getattr(meta, "language", None) or None) or detect(text)
        return loaded.captured(
            media_type="text/html",
            kind=self.kind,
            text=text,
            url=getattr(meta, "url", None) if loaded.method == "file" else None,
            title=_first(getattr(meta, "title", None), _html_title(markup)),
            author=_first(getattr(meta, "author", None)),
            published=_first(getattr(meta, "date", None)),
            site=_first(getattr(meta, "sitename", None), getattr(meta, "hostname", None)),
            language=language,
            charset=decoded.charset,
            notes=notes,
            tools=tool_versions("trafilatura", "lxml"),
        )


def visible_text(markup: str) -> str:
    """Return the text a reader sees, one block per line, without scripts or styles."""
    return _visible_text(markup)[0]


def _visible_text(markup: str) -> tuple[str, bool]:
    """Return the visible text and whether the parser stopped short, at elements nested too deeply."""
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(markup, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return "", _too_deep(parser)
    cut_short = _too_deep(parser)
    for element in root.iter(*_INVISIBLE):
        element.drop_tree() if element.getparent() is not None else None
    for element in root.iter("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                             "article", "blockquote", "pre", "td", "th", "dd", "dt"):
        element.tail = "\n" + (element.tail or "")
    return _clean(root.text_content()), cut_short


def _too_deep(parser: lxml.etree.HTMLParser) -> bool:
    return any(e.type == lxml.etree.ErrorTypes.ERR_RESOURCE_LIMIT and "depth" in e.message
               for e in parser.error_log)


def _clean(text: str) -> str:
    lines = (" ".join(line.split()) for line in _BLOCKS.split(text))
    return "\n".join(line for line in lines if line).strip()


def _html_title(markup: str) -> str | None:
    match = re.search(r"<title[^>]*>(.*?)</title>", markup[:50000], re.I | re.S)
    return " ".join(html.unescape(match.group(1)).split()) if match else None


def _first(*values: str | None) -> str | None:
    for value in values:
        if value and str(value).strip() and str(value) != "None":
            return str(value).strip()
    return None

