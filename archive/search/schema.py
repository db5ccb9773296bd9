"""The Whoosh schema of the search index, and the document a capture becomes in it."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

from whoosh import fields

from archive.analysis import keyword_analyzer, latin_terms, text_analyzer
from archive.models import Capture
from archive.search.whoosh_internals import AnalysedPositions, AnalysedText

# 2: text keeps positions only (snippets re-tokenise up to the passage); 3: text analysed beforehand; 4: the
# format and codec classes moved from archive/index.py to archive/search/whoosh_internals.py. Whoosh pickles
# the schema and each segment's codec into the index's TOC by class path, so moving or renaming one of those
# classes (or an analyzer of archive/analysis.py) needs a new version: older indexes are then built anew.
# 5: British spellings indexed the American way, and the `latin` field (other scripts' words read in Latin).
SCHEMA_VERSION = "5"


def schema() -> fields.Schema:
    """Return the index schema: searchable text and title, filterable metadata."""
    text = text_analyzer()
    names = keyword_analyzer()
    body = fields.TEXT(analyzer=text, multitoken_query="phrase")
    body.format = AnalysedPositions(field_boost=body.format.field_boost)
    # The Latin readings of the text's words of other scripts, at those words' positions (archive.analysis).
    readings = fields.TEXT(analyzer=text, multitoken_query="phrase")
    readings.format = AnalysedPositions(field_boost=readings.format.field_boost)
    return fields.Schema(
        capture_id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=text, field_boost=2.0, multitoken_query="phrase"),
        text=body,
        latin=readings,
        author=fields.TEXT(analyzer=names, multitoken_query="phrase"),
        site=fields.TEXT(analyzer=names, multitoken_query="phrase"),
        url=fields.ID,
        sha256=fields.ID,
        lang=fields.KEYWORD(lowercase=True),
        kind=fields.KEYWORD(lowercase=True),
        published=fields.DATETIME,
        captured=fields.DATETIME,
    )


def document(capture: Capture, terms: dict[str, list[int]]) -> dict:
    """Return a capture's fields for the index, its text given as analysis.analyse terms."""
    doc = {
        "capture_id": str(capture.id),
        "title": capture.title or "",
        "text": AnalysedText(terms.items()),
        "latin": AnalysedText(readings.items()) if (readings := latin_terms(terms)) else None,
        "author": capture.author or "",
        "site": " ".join(filter(None, [capture.site, _host(capture.final_url or capture.url)])),
        "sha256": capture.sha256,
        "kind": capture.kind,
        "captured": _parse_date(capture.captured_at),
    }
    if capture.url:
        doc["url"] = capture.url
    if capture.language:
        doc["lang"] = capture.language
    published = _parse_date(capture.published)
    if published:
        doc["published"] = published
    return {k: v for k, v in doc.items() if v is not None}


def _host(url: str | None) -> str | None:
    if not url:
        return None
    return urlsplit(url).hostname


def _parse_date(value: str | None) -> datetime | None:
    """Read an ISO 8601 date or datetime as naive UTC, or None."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo:
        parsed = parsed.astimezone(timezone.utc).replace(tzinfo=None)
    return parsed
