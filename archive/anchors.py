"""What a claim can be found by besides its figures: the names it gives, the years it names, its key terms.

"Aspan Arba held an export licence for drones in 2022" states no figure, yet sources about it name Aspan
Arba, say 2022, and speak of export and licences. ``claim_anchors`` reads those anchors from a claim's text;
``find_sources`` looks for sentences that hold them, and the claim page lines sources up by them.

Names are taken as written: capitalised words in a row in any Latin or Cyrillic script ("Aspan Arba",
"Небесная механика"), or words in quotation marks, less the single capitalised word that merely opens the
sentence. ``claim_anchors`` is the one place a name becomes what is looked for: each name is given with the
spellings to look for (today the name itself), so that an entity's aliases can be added here, and every
caller looks for them.

Pure: no IO.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from archive.figures import key_terms, sentence_around
from archive.figures.context import names_in
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


def holds(sentence: str, anchors: Anchors) -> tuple[list[str], list[str], set[str]]:
    """Return the claim's names (as the claim writes them), years and key terms a sentence holds."""
    folded = sentence.casefold()
    names = [name.written for name in anchors.names
             if any(spelling.casefold() in folded for spelling in name.spellings)]
    years = [year for year in anchors.years if year in sentence]
    return names, years, set(anchors.terms & key_terms(sentence))


_QUERY_SYNTAX = LazyPattern(r"[\"():*?~^\[\]{}<>!+\-\\/=]")
MAX_SENTENCES = 200  # sentences of one capture looked at for a claim's anchors (a long text names a name often)


def anchor_query(anchors: Anchors) -> str:
    """Return a search query finding texts that hold any anchor: each spelling of a name as a phrase, OR the
    years, OR the key terms."""
    parts = []
    for name in anchors.names:
        for spelling in name.spellings:
            words = _QUERY_SYNTAX.sub(" ", spelling).split()
            if words:
                parts.append('"' + " ".join(words) + '"' if len(words) > 1 else words[0])
    parts += list(anchors.years) + sorted(anchors.terms)
    return " OR ".join(dict.fromkeys(parts))


def anchor_sentences(text: str, anchors: Anchors) -> list[tuple[int, int]]:
    """Return the [start, end) of the sentences of a text where a name or year of the claim stands, or, for a
    claim with neither, one of its terms, in order and at most MAX_SENTENCES."""
    looked_for = [spelling.casefold() for name in anchors.names for spelling in name.spellings]
    looked_for += list(anchors.years) or ([] if looked_for else sorted(anchors.terms))
    folded = text.casefold() if len(text.casefold()) == len(text) else text.lower()
    spans: set[tuple[int, int]] = set()
    for needle in looked_for:
        at = folded.find(needle)
        while at >= 0 and len(spans) < MAX_SENTENCES:
            spans.add(sentence_around(text, at, at + len(needle)))
            at = folded.find(needle, at + len(needle))
    return sorted(spans)
