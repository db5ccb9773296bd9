"""Text analysis for search in any script: word tokens, CJK bigrams, folded (archive.folding), English stems,
and each word of another script's Latin reading (archive.spelling).

Whoosh's own analyzers split on ASCII assumptions: Python's \\w drops the vowel signs of Indic scripts, and
Chinese, Japanese and Thai are written without spaces. Here every alphabetic script is kept as written,
scripts without spaces are indexed as overlapping character bigrams (as Lucene's CJKAnalyzer does), and only
plain Latin words are stemmed with English rules, so `drone` finds "drones" while `дронови` stays as written.
British spellings are written the American way before stemming (`licence` and `license` are one term).

Words of other alphabetic scripts also get their Latin reading (`latin_terms`), indexed in a field of its own at
the words' own positions: phrases, passages and marks work on it as on the text, the text field's lengths (and
so its ranking) stay as they were, and a query ranks the word as written above its reading.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

# Before Whoosh: it is then imported without the modules it pulls in and never calls here.
from archive.search import whoosh_imports  # noqa: F401

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.lang.porter import stem as porter_stem

from archive.folding import fold
from archive.patterns import LazyPattern
from archive.spelling import american, latin

# Scripts written without spaces between words: CJK ideographs, kana, Thai, Lao, Khmer, Myanmar.
_UNSPACED = (
    "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff66-\uff9f\U00020000-\U0002fa1f"
)


# The ranges _mark_ranges() gives for Unicode 14.0 (Python 3.11), written out: computing them walks 65,000
# characters, which every command would pay at start-up. Another Unicode version computes them afresh.
_MARKS_UNICODE_VERSION = "14.0.0"
_MARKS_14 = (
    r"\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7\u0610-\u061a"
    r"\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8\u06ea-\u06ed\u0711\u0730-\u074a"
    r"\u07a6-\u07b0\u07eb-\u07f3\u07fd\u0816-\u0819\u081b-\u0823\u0825-\u0827\u0829-\u082d"
    r"\u0859-\u085b\u0898-\u089f\u08ca-\u08e1\u08e3-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957"
    r"\u0962-\u0963\u0981-\u0983\u09bc\u09be-\u09c4\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3\u09fe"
    r"\u0a01-\u0a03\u0a3c\u0a3e-\u0a42\u0a47-\u0a48\u0a4b-\u0a4d\u0a51\u0a70-\u0a71\u0a75\u0a81-\u0a83"
    r"\u0abc\u0abe-\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd\u0ae2-\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c"
    r"\u0b3e-\u0b44\u0b47-\u0b48\u0b4b-\u0b4d\u0b55-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bc2"
    r"\u0bc6-\u0bc8\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48\u0c4a-\u0c4d"
    r"\u0c55-\u0c56\u0c62-\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8\u0cca-\u0ccd"
    r"\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44\u0d46-\u0d48\u0d4a-\u0d4d"
    r"\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4\u0dd6\u0dd8-\u0ddf\u0df2-\u0df3\u0f18-\u0f19"
    r"\u0f35\u0f37\u0f39\u0f3e-\u0f3f\u0f71-\u0f84\u0f86-\u0f87\u0f8d-\u0f97\u0f99-\u0fbc\u0fc6"
    r"\u135d-\u135f\u1712-\u1715\u1732-\u1734\u1752-\u1753\u1772-\u1773\u180b-\u180d\u180f"
    r"\u1885-\u1886\u18a9\u1920-\u192b\u1930-\u193b\u1a17-\u1a1b\u1a55-\u1a5e\u1a60-\u1a7c\u1a7f"
    r"\u1ab0-\u1ace\u1b00-\u1b04\u1b34-\u1b44\u1b6b-\u1b73\u1b80-\u1b82\u1ba1-\u1bad\u1be6-\u1bf3"
    r"\u1c24-\u1c37\u1cd0-\u1cd2\u1cd4-\u1ce8\u1ced\u1cf4\u1cf7-\u1cf9\u1dc0-\u1dff\u20d0-\u20f0"
    r"\u2cef-\u2cf1\u2d7f\u2de0-\u2dff\u302a-\u302f\u3099-\u309a\ua66f-\ua672\ua674-\ua67d"
    r"\ua69e-\ua69f\ua6f0-\ua6f1\ua802\ua806\ua80b\ua823-\ua827\ua82c\ua880-\ua881\ua8b4-\ua8c5"
    r"\ua8e0-\ua8f1\ua8ff\ua926-\ua92d\ua947-\ua953\ua980-\ua983\ua9b3-\ua9c0\ua9e5\uaa29-\uaa36\uaa43"
    r"\uaa4c-\uaa4d\uaa7b-\uaa7d\uaab0\uaab2-\uaab4\uaab7-\uaab8\uaabe-\uaabf\uaac1\uaaeb-\uaaef"
    r"\uaaf5-\uaaf6\uabe3-\uabea\uabec-\uabed\ufb1e\ufe00-\ufe0f\ufe20-\ufe2f"
)


def mark_ranges() -> str:
    """Return the regex class body of the BMP's combining marks, for the running Python's Unicode version."""
    return _MARKS_14 if unicodedata.unidata_version == _MARKS_UNICODE_VERSION else _mark_ranges()


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
# matching across number formats is the job of figure search, not of text search. Each class of _UNSPACED
# costs about 1.5 ms to compile, so it is written twice only, and compiled for the first text past ASCII.
_TOKEN_RE = LazyPattern(
    r"(?P<number>\d+(?:[.,:/]\d+)+)"
    f"|(?P<unspaced>[{_UNSPACED}]+)"
    f"|(?P<word>(?:[^\\W{_UNSPACED}]|[{mark_ranges()}])+)"
)
# The same tokens in a text of ASCII characters alone, where no unspaced script or mark can occur: most
# queries, which then skip compiling the pattern above (5 ms, a search command's longest single step).
_ASCII_TOKEN_RE = re.compile(r"(?P<number>\d+(?:[.,:/]\d+)+)|(?P<word>\w+)", re.ASCII)


def _token_pattern(text: str):
    """Return the token pattern for a text (str.isascii() reads a flag of the string: no scan)."""
    return _ASCII_TOKEN_RE if text.isascii() else _TOKEN_RE


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
        for match in _token_pattern(value).finditer(value):
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
    for match in _token_pattern(text).finditer(text):
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
    for match in _token_pattern(text).finditer(text, start):
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
    """Stem a plain Latin word with the Porter rules, British spellings made American first; leave anything
    else as it is."""
    if word.isascii() and word.isalpha() and len(word) > 2:
        return porter_stem(american(word))
    return word


def latin_key(term: str) -> str | None:
    """Return the term a word of another script is also indexed as: its Latin reading, stemmed as Latin words
    are (so that it meets the Latin spelling's own term), or None for Latin words, numbers and CJK bigrams."""
    if term.isascii() or _UNSPACED_CHAR.search(term):
        return None
    reading = latin(term)
    # Readings of one or two letters are the short words of other scripts ("и", "в", "а": a sixth of all the
    # readings of a corpus), common everywhere and never a name worth finding across scripts.
    return stem_english(reading) if reading and len(reading) >= READING_MIN else None


def latin_terms(terms: dict[str, list[int]]) -> dict[str, list[int]]:
    """Return the Latin readings of a text's terms with the positions of the words they read (analyse's terms in,
    the same shape out; words that read alike share one term)."""
    found: dict[str, list[int]] = {}
    for term, positions in terms.items():
        if term.isascii() or _UNSPACED_CHAR.match(term):
            continue  # Latin already, or a CJK/Thai bigram: thousands a page, none with a reading, kept out of the cache
        key = _LATIN_KEYS.get(term, _UNKNOWN)
        if key is _UNKNOWN:
            if len(_LATIN_KEYS) >= _TERMS_LIMIT:
                _LATIN_KEYS.clear()
            key = _LATIN_KEYS[term] = latin_key(term)
        if key is None:
            continue
        held = found.get(key)
        if held is None:
            found[key] = positions
        else:
            found[key] = sorted(held + positions)
    return found


READING_MIN = 3  # letters of the shortest Latin reading indexed
_LATIN_KEYS: dict[str, str | None] = {}  # a term -> its latin_key, as _TERMS: a plain dict on the writer's path
_UNKNOWN = object()
_UNSPACED_CHAR = LazyPattern(f"[{_UNSPACED}]")  # compiled where a word of another script is read


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

