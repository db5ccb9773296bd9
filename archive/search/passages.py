"""A hit's passage: the stretch of the text holding most query words, found from their positions in the index.

The index keeps term positions, not character offsets (storing offsets doubled the cost of indexing), so the
passage is chosen in positions and only the text up to it is tokenised again to learn which characters to
mark; archive/snippets.py then cuts and marks the passage.
"""

from __future__ import annotations

from whoosh.reading import TermNotFound

from archive import snippets
from archive.analysis import token_spans

SNIPPET_TOKENS = 24


def snippet(matched: list[tuple[int, str]], body: str, marks: list[int] | None,
            width: int = 240) -> tuple[str, int | None]:
    """Return the best passage of a hit as escaped HTML with matches in <mark>, and its first match's offset."""
    if not matched or not body:
        return snippets.lead(body, width), None
    spans = token_spans(body, best_window(matched), marks)
    if not spans:
        return snippets.lead(body, width), None
    return snippets.passage(body, spans, width), min(spans)[0]


def matched_positions(reader, docnums: list[int], terms: list[tuple[str, str]]) -> dict[int, list[tuple[int, str]]]:
    """Return, per document, (position, term) of every query (field, term) it holds, in order; the fields are
    the text and those indexed at the text's positions (its Latin readings), a term of another field than the
    text named `field:term`.

    In each segment holding hits, one posting reader per term walks its hits in index order, instead of one
    per term and hit (and the segment's own reader, not one reading every segment's list through another).
    """
    found: dict[int, list[tuple[int, str]]] = {docnum: [] for docnum in docnums}
    in_order = sorted(found)
    for leaf, offset in reader.leaf_readers():
        wanted = [docnum for docnum in in_order if offset <= docnum < offset + leaf.doc_count_all()]
        if not wanted:
            continue
        for fieldname, term in terms:
            try:
                postings = leaf.postings(fieldname, term)
            except TermNotFound:
                continue
            label = term if fieldname == "text" else f"{fieldname}:{term}"
            for docnum in wanted:
                local = docnum - offset
                if postings.is_active() and postings.id() < local:
                    postings.skip_to(local)
                if not postings.is_active():
                    break
                if postings.id() == local:
                    found[docnum].extend((position, label) for position in postings.value_as("positions"))
    return {docnum: sorted(pairs) for docnum, pairs in found.items()}


def best_window(matched: list[tuple[int, str]], size: int = SNIPPET_TOKENS) -> set[int]:
    """Return the positions of the stretch of `size` tokens holding the most distinct matched terms."""
    best: tuple[int, int] = (-1, 0)
    chosen: list[int] = []
    left = 0
    for right in range(len(matched)):
        while matched[right][0] - matched[left][0] >= size:
            left += 1
        distinct = len({term for _, term in matched[left:right + 1]})
        if distinct > best[0]:
            best, chosen = (distinct, matched[left][0]), [p for p, _ in matched[left:right + 1]]
    return set(chosen)
