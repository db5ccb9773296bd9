"""Plain text and Markdown, with optional YAML front matter for the metadata."""

from __future__ import annotations

import datetime as dt
import re

import yaml

from archive.errors import CaptureError
from archive.models import Captured
from ingest.base import Ingestor, Loaded
from ingest.charset import decode, header_charset
from ingest.language import detect
from ingest.versions import tool_versions

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# Media types that say nothing about the content: a server's default, or no header at all.
UNTELLING_TYPES = (None, "application/octet-stream")
_MARKDOWN_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


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

    def capture(self, loaded: Loaded) -> Captured:
        declared = [c for c in [header_charset(loaded.content_type)] if c]
        content, charset = decode(loaded.body, declared)
        meta, body, note = split_front_matter(content)
        markdown = loaded.extension in (".md", ".markdown") or loaded.declared_type in ("text/markdown",
                                                                                        "text/x-markdown")
        # Keep the text as written, only normalising line ends, so quotes anchor on the author's characters.
        text = body.replace("\r\n", "\n").strip()
        if not text:
            raise CaptureError(loaded.source, "the file has no text after its front matter")
        title = _text(meta.get("title"))
        if not title and markdown:
            match = _MARKDOWN_TITLE.search(text)
            title = match.group(1) if match else None
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
            charset=charset,
            notes=[note] if note else [],
            tools=tool_versions("PyYAML"),
        )


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
