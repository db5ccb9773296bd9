"""Plain text and Markdown, with optional YAML front matter for the metadata."""

from __future__ import annotations

import datetime as dt
import re

import yaml

from archive.errors import CaptureError
from archive.models import NewCapture
from archive.tools import tool_versions
from ingest.base import Ingestor, Loaded
from ingest.charset import decode_source, header_charset
from ingest.language import detect

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# Media types that say nothing about the content: a server's default, or no header at all.
UNTELLING_TYPES = (None, "application/octet-stream")
# An ATX heading (# to ######, closing hashes dropped) and a setext heading's underline; matched line by line.
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t](.*))?")
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__|`")
_WORD = re.compile(r"\w")
_NON_SPACE = re.compile(r"\S+")
# Long enough for a headline, short enough for a line of search results and a citation.
TITLE_LIMIT = 100
# A title stands at the top: looking no further bounds the work on a huge file of short lines.
TITLE_LINES = 1000


class TextIngestor(Ingestor):
    """Plain text (.txt) and Markdown (.md) files."""

    kind = "text"
    media_types = ("text/plain", "text/markdown", "text/x-markdown")
    extensions = (".txt", ".text", ".md", ".markdown")

    def match(self, loaded: Loaded, sniffed: str | None) -> int:
        # Text is the content type of last resort: a better-named ingestor wins over sniffed text.
        if loaded.extension in self.extensions or loaded.declared_type in self.media_types:
            return 2 if sniffed == "text/plain" else 1
        # A name without an extension (README, notes) and no telling header leave the content to decide.
        if sniffed == "text/plain" and not loaded.extension and loaded.declared_type in UNTELLING_TYPES:
            return 1
        return 0

    def capture(self, loaded: Loaded) -> NewCapture:
        declared = [c for c in [header_charset(loaded.content_type)] if c]
        decoded = decode_source(loaded, declared)
        content = decoded.text
        if not content.strip():
            raise CaptureError(loaded.source, "the file holds only whitespace")
        meta, body, note = split_front_matter(content)
        markdown = loaded.extension in (".md", ".markdown") or loaded.declared_type in ("text/markdown",
                                                                                        "text/x-markdown")
        # Keep the text as written, only normalising line ends, so quotes anchor on the author's characters.
        text = body.replace("\r\n", "\n").strip()
        if not text:
            raise CaptureError(loaded.source, "the file has no text after its front matter")
        title = _text(meta.get("title")) or derive_title(text, markdown)
        return loaded.captured(
            media_type="text/markdown" if markdown else "text/plain",
            kind="markdown" if markdown else "text",
            text=text,
            url=_text(meta.get("url")),
            title=title,
            author=_author(meta.get("author") or meta.get("authors")),
            published=_date(meta.get("date") or meta.get("published")),
            site=_text(meta.get("site") or meta.get("publisher")),
            language=_text(meta.get("lang") or meta.get("language")) or detect(text),
            charset=decoded.charset,
            notes=[n for n in (decoded.note, note) if n],
            tools=tool_versions("PyYAML"),
        )


def derive_title(text: str, markdown: bool) -> str | None:
    """Return a title from a Markdown text's first heading, else the first line with words, in its first lines."""
    lines = text.splitlines()[:TITLE_LINES]
    line = next((h for h in _markdown_headings(lines) if _WORD.search(h)), None) if markdown else None
    line = line or next((line for line in lines if _WORD.search(line)), None)
    if line is None:
        return None
    if markdown:
        # Only the start can reach the title: a bounded prefix keeps a huge one-line file cheap.
        line = _MARKDOWN_EMPHASIS.sub("", _MARKDOWN_LINK.sub(r"\1", line[:20 * TITLE_LIMIT]))
    return _shorten(line) or None


def _markdown_headings(lines: list[str]):
    previous = ""
    for line in lines:
        marker = line[:4].lstrip(" ")[:1]
        if marker == "#" and (atx := _ATX_HEADING.fullmatch(line)):
            yield _without_closing_hashes(atx.group(1) or "")
        elif (marker in ("=", "-") and previous.strip() and _SETEXT_UNDERLINE.fullmatch(line)
              and not _ATX_HEADING.fullmatch(previous)):
            yield previous
        previous = line


def _without_closing_hashes(content: str) -> str:
    content = content.strip()
    opened = content.rstrip("#")
    return opened.rstrip() if not opened or opened[-1] in " \t" else content


def _shorten(line: str) -> str:
    """Collapse white space and cut a long line at a word (or anywhere, in scripts without spaces) with "…"."""
    words, length = [], -1
    for word in _NON_SPACE.finditer(line):
        words.append(word.group())
        length += 1 + len(words[-1])
        if length > TITLE_LIMIT:
            break
    if length <= TITLE_LIMIT:
        return " ".join(words)
    if len(words) > 1 and length - len(words[-1]) - 1 > TITLE_LIMIT // 2:
        return " ".join(words[:-1]) + "…"
    return " ".join(words)[:TITLE_LIMIT] + "…"


def split_front_matter(content: str) -> tuple[dict, str, str | None]:
    """Return (front matter, body, note): invalid front matter stays in the text, with a note saying so."""
    match = _FRONT_MATTER.match(content)
    if not match:
        return {}, content, None
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return {}, content, "the front matter is not valid YAML and was kept as text"
    if not isinstance(meta, dict):
        return {}, content, "the front matter is not a YAML mapping and was kept as text"
    return meta, content[match.end():], None


def _text(value) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _author(value) -> str | None:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v) or None
    return _text(value)


def _date(value) -> str | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return _text(value)
