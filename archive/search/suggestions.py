""""Did you mean": a query that found nothing, with each word the index lacks replaced by the nearest it holds.

The words offered come from the archive's own vocabulary (the index's terms), and are shown as a text writes
them: the index keeps stems ("licens"), so the nearest term's first occurrence is looked up in a capture's
text through its position, as passages are. Close terms are found as archive.search.variants finds them,
within the same bounds.
"""

from __future__ import annotations

from archive.analysis import MultilingualTokenizer, latin_key, token_spans, tokens
from archive.search.variants import READINGS, close_terms
from archive.search.vocabulary import Vocabulary
from archive.seams import IndexTexts

MIN_LETTERS = 3  # shorter words are too often something else one edit away
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}


def did_you_mean(query: str, vocabulary: Vocabulary, texts: IndexTexts) -> str | None:
    """Return the query with every word that no capture holds replaced by the nearest that some capture holds,
    or None when no word is missing or none has a near neighbour."""
    replacements: list[tuple[int, int, str]] = []
    for token in MultilingualTokenizer()(query, chars=True):
        word = token.text
        if (word in _OPERATORS or len(word) < MIN_LETTERS or not word[0].isalpha()
                or query[token.endchar:token.endchar + 1] in (":", "*", "~")
                or query[token.startchar - 1:token.startchar] == ":"):
            continue  # operators, field names and values, wildcards and fuzzy words are the user's choice
        analysed = tokens(word)
        if len(analysed) != 1 or _held(vocabulary, analysed[0]):
            continue
        nearest = _nearest(vocabulary, analysed[0])
        if nearest is None:
            continue
        shown = _as_written(vocabulary, nearest, texts)
        if shown is None:
            continue
        if word[:1].isupper() and not shown[:1].isupper():
            shown = shown[:1].upper() + shown[1:]
        elif word.islower():
            shown = shown.lower()
        replacements.append((token.startchar, token.endchar, shown))
    if not replacements:
        return None
    for start, end, shown in reversed(replacements):
        query = query[:start] + shown + query[end:]
    return query


def _held(vocabulary: Vocabulary, term: str) -> bool:
    key = latin_key(term)
    return any(vocabulary.holds(fieldname, word) for word in filter(None, (term, key))
               for fieldname in ("text", READINGS))


def _nearest(vocabulary: Vocabulary, term: str) -> str | None:
    """Return the term nearest to `term` in the text's vocabulary, the most common of the nearest ones (a term
    no document holds any more is none)."""
    edits = 1 if len(term) <= 4 else 2
    found = close_terms(vocabulary, "text", term, edits, 1)
    frequencies = vocabulary.frequencies("text", found) if found else {}
    found = [near for near in found if frequencies.get(near)]
    if not found:
        return None
    from rapidfuzz.distance import Levenshtein

    return min(found, key=lambda near: (Levenshtein.distance(term, near), -frequencies[near], near))


def _as_written(vocabulary: Vocabulary, term: str, texts: IndexTexts) -> str | None:
    """Return a term's first occurrence as a capture's text writes it."""
    place = vocabulary.first_place("text", term)
    if place is None:
        return None
    capture_id, position = place
    body, marks = texts([capture_id]).get(capture_id) or ("", None)
    spans = token_spans(body, {position}, marks)
    return body[spans[0][0]:spans[0][1]] if spans else None
