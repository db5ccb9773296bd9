"""The search page, home of the site."""

from __future__ import annotations

import re

from flask import Blueprint, current_app, render_template, request

from archive.errors import QueryError
from web import arguments
from web.db import get_archive
from web.indexer import index_in_background

bp = Blueprint("search", __name__)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
FILTERS = ("kind", "lang", "site", "published_from", "published_to", "captured_from", "captured_to")


def build_query(words: str, filters: dict[str, str]) -> str:
    """Combine the query box and the filter fields into one query of the archive's language."""
    parts = [words.strip()] if words.strip() else []
    for field in ("kind", "lang"):
        value = filters.get(field, "").strip()
        if value:
            parts.append(f"{field}:{value.split()[0]}")
    site = filters.get("site", "").strip().replace('"', "")
    if site:
        parts.append(f'site:"{site}"')
    for field in ("published", "captured"):
        start = filters.get(f"{field}_from", "").strip()
        end = filters.get(f"{field}_to", "").strip()
        start = start if _DATE.match(start) else ""
        end = end if _DATE.match(end) else ""
        if start and end:
            parts.append(f"{field}:[{start} to {end}]")
        elif start:
            parts.append(f"{field}:>={start}")
        elif end:
            parts.append(f"{field}:<={end}")
    return " ".join(parts)


@bp.get("/")
def index():
    """Search captures, with filters, highlighted passages and pagination."""
    words = request.args.get("q", "")
    filters = {name: request.args.get(name, "") for name in FILTERS}
    query = build_query(words, filters)
    page = arguments.page()
    per_page = current_app.config["RESULTS_PER_PAGE"]
    near = min(max(request.args.get("near", 0, type=int) or 0, 0), 100)
    result, error = None, None
    archive = get_archive()
    # Counted before the search: the background indexer may commit meanwhile, and then the search finds what it
    # committed; counted after, a search of the index before the commit would show no results and no notice.
    waiting = archive.count_unindexed()
    if query:
        try:
            result = archive.search(query, limit=per_page, offset=(page - 1) * per_page, near=near / 100)
        except QueryError as exc:
            error = str(exc)
    pages = -(-result.total // per_page) if result else 0
    if waiting:  # a deleted index, or captures another process left: index them, and say so meanwhile
        index_in_background()
    return render_template("search.html", words=words, filters=filters, query=query, result=result,
                           error=error, page=page, pages=pages, near=near, waiting=waiting,
                           total_captures=archive.count_captures())
