"""Text analysis for search in any script: word tokens, CJK bigrams, folded (archive.folding), English stems.

Whoosh's own analyzers split on ASCII assumptions: Python's \\w drops the vowel signs of Indic scripts, and
Chinese, Japanese and Thai are written without spaces. Here every alphabetic script is kept as written,
scripts without spaces are indexed as overlapping character bigrams (as Lucene's CJKAnalyzer does), and only
plain Latin words are stemmed with English rules, so `drone` finds "drones" while `дронови` stays as written.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.lang.porter import stem as porter_stem

from archive.folding import fold

# Scripts written without spaces between words: CJK ideographs, kana, Thai, Lao, Khmer, Myanmar.
_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f"
)


def _mark_ranges() -> str:
    """Build a regex class body of the combining marks in the BMP (vowel signs, viramas, accents)."""
    ranges, start, prev = [], None, None
    for cp in range(0x300, 0x10000):
        if unicodedata.category(chr(cp)) in ("Mn", "Mc", "Me") and not (0xE00 <= cp <= 0xEFF or 0x1000 <= cp <= 0x109F or 0x1780 <= cp <= 0x17FF):
            if start is None:
                start = cp
            elif cp != prev + 1:
                ranges.append((start, prev))
                start = cp
            prev = cp
    if start is not None:
        ranges.append((start, prev))
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


# Unspaced script runs may carry their own combining marks (Thai vowels), so they are matched first and whole.
# Numbers keep their separators ("1,23", "14.372,4", "10:30"): a phrase search finds the figure as written;
# matching across number formats is the job of figure search, not of text search.
_TOKEN_RE = re.compile(
    r"(?P<number>\d+(?:[.,:/]\d+)+)"
    f"|(?P<unspaced>[{_UNSPACED}][{_UNSPACED}]*)"
    f"|(?P<word>(?:[^\\W{_UNSPACED}]|[{_mark_ranges()}])+)"
)


class MultilingualTokenizer(Tokenizer):
    """Split text into words, and runs of unspaced scripts into overlapping bigrams."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        pos = start_pos
        for match in _TOKEN_RE.finditer(value):
            run, begin = match.group(), match.start()
            if match.lastgroup != "unspaced" or len(run) == 1:
                pieces = [(run, begin)]
            else:
                pieces = [(run[i:i + 2], begin + i) for i in range(len(run) - 1)]
            for text, offset in pieces:
                token.text = text
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = text
                if positions:
                    token.pos = pos
                    pos += 1
                if chars:
                    token.startchar = start_char + offset
                    token.endchar = start_char + offset + len(text)
                yield token


MARK_EVERY = 128


class Analysed(NamedTuple):
    """A text as the index takes it: each term's positions, and where every 128th token's run starts."""

    terms: dict[str, list[int]]
    marks: list[int]  # [position, offset, ...]: token_spans starts there instead of at the beginning


def analyse(text: str, every: int = MARK_EVERY) -> Analysed:
    """Return the terms text_analyzer() gives a text with their positions, and the token marks, in one walk.

    Ingest workers run this next to extraction, and the index takes the terms as they are: the writer,
    alone in the main process, then does no analysis.
    """
    terms: dict[str, list[int]] = {}
    marks: list[int] = []
    known = _TERMS
    pos, due = 0, every
    for match in _TOKEN_RE.finditer(text):
        if pos >= due:
            marks += [pos, match.start()]
            due = pos + every
        run = match.group()
        if match.lastgroup == "unspaced" and len(run) > 1:
            pieces = [run[i:i + 2] for i in range(len(run) - 1)]
        else:
            pieces = (run,)
        for piece in pieces:
            term = known.get(piece) or _learn_term(piece)
            positions = terms.get(term)
            if positions is None:
                terms[term] = [pos]
            else:
                positions.append(pos)
            pos += 1
    return Analysed(terms, marks)


# Token -> index term, as text_analyzer() makes it (folded, then stemmed). A plain dict: the lookup is on
# every token of every capture, and an lru_cache call costs more than the dictionary read it wraps.
_TERMS: dict[str, str] = {}
_TERMS_LIMIT = 200_000


def _learn_term(piece: str) -> str:
    if len(_TERMS) >= _TERMS_LIMIT:
        _TERMS.clear()  # a long-running process meeting endless new words: start afresh, no unbounded growth
    term = _TERMS[piece] = stem_english(fold(piece))
    return term


def token_spans(text: str, positions: set[int], marks: list[int] | None = None) -> list[tuple[int, int]]:
    """Return the character spans of the tokens at these positions, counted as MultilingualTokenizer counts.

    The same walk as the tokenizer, without making token objects, starting from the nearest mark before the
    first wanted position (token_marks) and stopping at the last one.
    """
    spans: list[tuple[int, int]] = []
    last = max(positions, default=-1)
    first = min(positions, default=last + 1)
    pos, start = 0, 0
    for index in range(0, len(marks or []) - 1, 2):
        if marks[index] > first:
            break
        pos, start = marks[index], marks[index + 1]
    for match in _TOKEN_RE.finditer(text, start):
        begin, run = match.start(), match.group()
        count = len(run) - 1 if match.lastgroup == "unspaced" and len(run) > 1 else 1
        if pos + count > first:
            for offset in range(count):
                if pos + offset in positions:
                    width = len(run) if count == 1 else 2
                    spans.append((begin + offset, begin + offset + width))
        pos += count
        if pos > last:
            break
    return spans


@lru_cache(maxsize=200_000)
def stem_english(word: str) -> str:
    """Stem a plain Latin word with the Porter rules; leave anything else as it is."""
    if word.isascii() and word.isalpha() and len(word) > 2:
        return porter_stem(word)
    return word


class _TermFilter(Filter):
    """Replace every token's text by what `change` makes of it."""

    change = staticmethod(str)

    def __call__(self, tokens):
        for token in tokens:
            token.text = self.change(token.text)
            yield token


# The index pickles its analyzers by class name: these two names must stay.
class FoldFilter(_TermFilter):
    """Apply fold() to every token."""

    change = staticmethod(fold)


class EnglishStemFilter(_TermFilter):
    """Apply stem_english() to every token."""

    change = staticmethod(stem_english)


def text_analyzer():
    """Return the analyzer for searchable text: tokens, folding, English stems."""
    return MultilingualTokenizer() | FoldFilter() | EnglishStemFilter()


def keyword_analyzer():
    """Return the analyzer for names (site, author): tokens and folding, no stems."""
    return MultilingualTokenizer() | FoldFilter()


def tokens(text: str, analyzer=None) -> list[str]:
    """Return the indexed terms of a text, for tests and debugging."""
    return [t.text for t in (analyzer or text_analyzer())(text)]

