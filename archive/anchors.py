"""What a claim can be found by besides its figures: the names it gives, the years it names, its key terms.

"Aspan Arba held an export licence for drones in 2022" states no figure, yet sources about it name Aspan
Arba, say 2022, and speak of export and licences. ``claim_anchors`` reads those anchors from a claim's text;
``find_sources`` looks for sentences that hold them, and the claim page lines sources up by them.

Names are taken as written: capitalised words in a row in any Latin or Cyrillic script ("Aspan Arba",
"Небесная механика"), or words in quotation marks, less the single capitalised word that merely opens the
sentence. ``claim_anchors`` is the one place a name becomes what is looked for: each name is given with the
spellings to look for, the name itself and, through ``spellings`` (the archive passes the recorded entities'
aliases), every other name of its entity ("Nebesnaya Mekhanika": "Sky Mechanics", "Скај механикс"), and every
caller looks for them: ``anchor_sentences`` and ``holds`` find them in texts, saying which spelling a source
used (``found_names``), and ``anchor_query`` gives the search the names as the claim writes them (the search
expands an entity's name into all its names itself).

Spellings are found word by word (case and accents folded, a character for a character), the last word of a spelling also as the start of a
longer word ("Russia" in "Russian", "Arba" in "Arba's"), through an index of the spellings' words: the cost of
a text is its words, not its number of spellings, so an entity of 1,000 names costs what one of two does.

Pure: no IO.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from archive.figures import key_terms, sentence_around
from archive.figures.context import names_in
from archive.folding import fold
from archive.patterns import LazyPattern

_YEAR = LazyPattern(r"(?<![\d.,])(?:19[5-9]\d|20\d\d)(?![\d%]|[.,]\d)")
MAX_NAMES = 12  # a claim is a sentence or two: more names than this are a list, searched by its first ones


@dataclass(frozen=True)
class Name:
    """A name as the claim writes it, and every spelling it is looked for by."""

    written: str
    spellings: tuple[str, ...]


@dataclass(frozen=True)
class Anchors:
    """What a claim can be found by: names (with their spellings), years, and key terms."""

    names: tuple[Name, ...] = ()
    years: tuple[str, ...] = ()
    terms: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.names or self.years or self.terms)

    @cached_property
    def spelling_index(self) -> SpellingIndex:
        """Return the index the names' spellings are found in texts by (built once per claim's anchors)."""
        return SpellingIndex(self.names)

    def to_json(self) -> dict:
        """Return the anchors as JSON."""
        return {"names": [{"written": n.written, "spellings": list(n.spellings)} for n in self.names],
                "years": list(self.years), "terms": sorted(self.terms)}


# The seam for aliases: a function from a name as written to every spelling of the entity it names. Until
# entities exist it is the name alone.
Spellings = Callable[[str], tuple[str, ...]]


def as_written(name: str) -> tuple[str, ...]:
    """Return the one spelling of a name with no known aliases: itself."""
    return (name,)


def claim_anchors(text: str, spellings: Spellings = as_written) -> Anchors:
    """Return the names, years and key terms of a claim's text; ``spellings`` gives each name's aliases."""
    names: list[Name] = []
    seen: set[str] = set()
    for written, _ in names_in(text):
        if written.casefold() not in seen and len(names) < MAX_NAMES:
            seen.add(written.casefold())
            names.append(Name(written, tuple(dict.fromkeys(spellings(written)))))
    years = tuple(dict.fromkeys(match.group() for match in _YEAR.finditer(text)))
    name_words = {word for name in names for word in key_terms(name.written)}
    terms = {term for term in key_terms(text) - name_words if len(term) > 3}  # not "the", "for", "had"
    return Anchors(tuple(names), years, frozenset(terms))


_WORD = LazyPattern(r"\w+")
_PREFIX = 3  # letters of a spelling's last word its index is keyed by (a text's word may run on past them)


@dataclass(frozen=True)
class FoundName:
    """Where a text names one of the claim's names, by which of its spellings, and in which words (the text's own:
    "Скај механикс"; "Russian" for the spelling "Russia")."""

    name: Name
    spelling: str
    start: int
    end: int
    as_written: str

    @property
    def through_alias(self) -> bool:
        """Tell whether the text names it by another of its spellings than the claim's."""
        return _folded_words(self.spelling) != _folded_words(self.name.written)


class SpellingIndex:
    """Every spelling of a claim's names, keyed by its leading words and the start of its last word, so that a
    text is read once, word by word, whatever the number of spellings."""

    def __init__(self, names: tuple[Name, ...]):
        self._by_key: dict[tuple[tuple[str, ...], str], list[tuple[str, Name, str]]] = {}
        self._leads: set[tuple[str, ...]] = {()}  # every run of leading words some spelling starts with
        self._openings: set[str] = set()  # the start of every spelling's first word: most words open none
        self.longest = 0
        for name in names:
            for spelling in name.spellings:
                words = _folded_words(spelling)
                if not words:
                    continue
                lead, last = tuple(words[:-1]), words[-1]
                self._by_key.setdefault((lead, last[:_PREFIX]), []).append((last, name, spelling))
                self._leads.update(lead[:length] for length in range(len(lead) + 1))
                self._openings.add(words[0][:_PREFIX])
                self.longest = max(self.longest, len(words))

    def find(self, text: str, limit: int | None = None) -> list[FoundName]:
        """Return where the text names any spelling, in order (the longest spelling at a place), at most `limit`."""
        if not self._by_key:
            return []
        folded = text.translate(_ONE_FOR_ONE)  # offsets as in the text
        found: list[FoundName] = []
        resume = 0
        for opening in self._opening_pattern.finditer(folded):  # only where a word opens as a spelling does
            if opening.start() < resume:
                continue
            words = []
            for word in _WORD.finditer(folded, opening.start()):
                words.append((word.start(), word.end(), word.group()))
                if len(words) == self.longest:
                    break
            spelled = self._longest_at(words)
            if spelled is None:
                continue
            start, end = words[0][0], words[spelled[2]][1]
            found.append(FoundName(spelled[0], spelled[1], start, end, text[start:end]))
            resume = end
            if limit is not None and len(found) >= limit:
                break
        return found

    @cached_property
    def _opening_pattern(self) -> re.Pattern:
        """Return a pattern of the start of every spelling's first word, where a word starts."""
        openings = sorted(self._openings, key=lambda opening: (-len(opening), opening))
        return re.compile(r"\b(?:" + "|".join(map(re.escape, openings)) + ")")

    def _longest_at(self, words: list[tuple[int, int, str]]) -> tuple[Name, str, int] | None:
        """Return the longest spelling the (folded) words open with: its name, itself, the index of its last word."""
        best = None
        for length in range(len(words)):
            lead = tuple(word for _start, _end, word in words[:length])
            if lead not in self._leads:
                break
            word = words[length][2]
            keyed = self._by_key.get((lead, word[:_PREFIX]), ())
            spelled = next(((name, spelling) for last, name, spelling in keyed if word.startswith(last)), None)
            if spelled is not None:
                best = (*spelled, length)
        return best


class _OneForOne(dict):
    """A str.translate table folding each character as search terms are folded (case, accents, compatibility
    forms: archive.folding.fold) when that gives one character, else only its case or nothing: a folded text
    keeps the offsets of its original ("ß" stays "ß", where fold makes "ss")."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = fold(char)
        lowered = char.lower()
        self[code] = kept = folded if len(folded) == 1 else lowered if len(lowered) == 1 else char
        return kept


_ONE_FOR_ONE = _OneForOne()


def _folded_words(text: str) -> list[str]:
    return _WORD.findall(text.translate(_ONE_FOR_ONE))


def found_names(sentence: str, anchors: Anchors) -> dict[str, str | None]:
    """Return the claim's names a sentence holds (as the claim writes them), each with the words the sentence
    names it by when that is another of its spellings (an alias: "Скај механикс" for "Nebesnaya Mekhanika"),
    else None (the claim's own spelling, wherever the sentence also writes it)."""
    named: dict[str, str | None] = {}
    for found in anchors.spelling_index.find(sentence):
        if found.name.written not in named or not found.through_alias:
            named[found.name.written] = found.as_written if found.through_alias else None
    return {written: named[written] for written in (name.written for name in anchors.names) if written in named}


def holds(sentence: str, anchors: Anchors) -> tuple[list[str], list[str], set[str]]:
    """Return the claim's names (as the claim writes them), years and key terms a sentence holds."""
    names = list(found_names(sentence, anchors))
    years = [year for year in anchors.years if year in sentence]
    return names, years, set(anchors.terms & key_terms(sentence))


_QUERY_SYNTAX = LazyPattern(r"[\"():*?~^\[\]{}<>!+\-\\/=]")
MAX_SENTENCES = 200  # sentences of one capture looked at for a claim's anchors (a long text names a name often)


def anchor_query(anchors: Anchors) -> str:
    """Return a search query finding texts that hold any anchor: each name as the claim writes it, as a phrase
    (the search finds every name of an entity from one of them), OR the years, OR the key terms."""
    parts = []
    for name in anchors.names:
        words = _QUERY_SYNTAX.sub(" ", name.written).split()
        if words:
            parts.append('"' + " ".join(words) + '"' if len(words) > 1 else words[0])
    parts += list(anchors.years) + sorted(anchors.terms)
    return " OR ".join(dict.fromkeys(parts))


def anchor_sentences(text: str, anchors: Anchors) -> list[tuple[int, int]]:
    """Return the [start, end) of the sentences of a text where a name (any spelling) or year of the claim
    stands, or, for a claim with neither, one of its terms, in order and at most MAX_SENTENCES."""
    spans = {sentence_around(text, found.start, found.end)
             for found in anchors.spelling_index.find(text, MAX_SENTENCES)}
    looked_for = list(anchors.years) or ([] if anchors.names else sorted(anchors.terms))
    folded = text.casefold() if len(text.casefold()) == len(text) else text.lower()
    for needle in looked_for:
        at = folded.find(needle)
        while at >= 0 and len(spans) < MAX_SENTENCES:
            spans.add(sentence_around(text, at, at + len(needle)))
            at = folded.find(needle, at + len(needle))
    return sorted(spans)
