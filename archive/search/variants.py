"""A parsed query widened to the spellings its words should also find, each ranked below the word as written.

- Latin readings: a word of another script also finds its Latin reading, in Latin-written texts (the text
  field) and in texts of any other script that read the same (the `latin` field); a Latin word also finds
  the words of other scripts that read as it (`nebesnaya` finds "Небесная"). A quoted phrase does the same
  when all its words are of other scripts, or all Latin.
- Close spellings: a word taken as a name (written with a capital, or in another script than Latin) also
  finds the index's terms within one edit (two from nine letters), from its first two letters on; `word~`
  and `word~2` ask for it on any word (prefix of one letter; `word~2/3` sets it to three).
- Aliases: a name of an entity in the query (archive.entities) stands for every name of the entity, found as
  phrases, with their readings.
- Wildcards (`mekhani*`) also run over the Latin readings.

Close spellings are bounded: at most CLOSE_SCAN terms of the index's vocabulary are read per word (from the
word's first letters on, in order), and at most CLOSE_LIMIT nearest are kept, so a fuzzy query costs the
same on any vocabulary. Every term added is recorded with how it was found (`Widening.how`), so that a hit
can say which way it matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from whoosh import query as query_module

from archive.analysis import READING_MIN, latin_key, tokens
from archive.search.phrases import WordsInARow
from archive.search.vocabulary import Vocabulary

READING_BOOST = 0.6  # a word found through its Latin reading ranks below the word as written
CLOSE_BOOST = 0.3  # a close spelling ranks below both
CLOSE_SCAN = 20_000  # vocabulary terms read at most per word looked for (the documented bound)
CLOSE_LIMIT = 16  # nearest terms kept per word
NAME_MIN = 5  # shorter words have too many neighbours one edit away to be widened unasked
SEARCHED = ("title", "text")
READINGS = "latin"


@dataclass
class Widening:
    """What a query was widened with: each added (field, term) and how it was found."""

    how: dict[tuple[str, str], str] = field(default_factory=dict)  # (field, term) -> "reading" | "close"
    aliases: dict[str, list[tuple[str, set[tuple[str, str]]]]] = field(default_factory=dict)
    # placeholder -> [(name, the (field, term) pairs that find it)]


def widen(node, vocabulary: Vocabulary, names: set[str], aliases: dict[str, list[str]] | None = None,
          widening: Widening | None = None):
    """Return the query with its words widened from the index's `vocabulary`; `names` are the analysed words
    taken as names (close spellings found unasked), `aliases` maps a placeholder word of the query to the names
    it stands for."""
    widening = widening if widening is not None else Widening()
    context = _Context(vocabulary, names, aliases or {}, widening)
    return context.visit(node)


class _Context:
    def __init__(self, vocabulary: Vocabulary, names: set[str], aliases: dict[str, list[str]],
                 widening: Widening):
        self.vocabulary, self.names, self.aliases, self.widening = vocabulary, names, aliases, widening

    def visit(self, node):
        alias = self._alias_of(node)
        if alias is not None:
            return self._alias(alias)
        kind = type(node)
        if kind is query_module.FuzzyTerm and node.fieldname in SEARCHED:
            return self._fuzzy(node)
        if kind is query_module.Term and node.fieldname == "text":
            return self._word(node)
        if kind is WordsInARow and node.fieldname == "text":
            return self._phrase(node)
        if kind in (query_module.Prefix, query_module.Wildcard) and node.fieldname == "text":
            return query_module.Or([node, kind(READINGS, node.text, boost=READING_BOOST)])
        if node.is_leaf():
            return node
        return node.apply(self.visit)

    # -- words and phrases ------------------------------------------------------------------

    def _word(self, node: query_module.Term):
        word = node.text
        key = latin_key(word)
        alternatives = [node]
        readings = [(READINGS, key), ("text", key)] if key else [(READINGS, word)]
        # only the readings the index holds: an absent term would still cost each matcher of the query
        readings = [(fieldname, term) for fieldname, term in readings
                    if len(term) >= READING_MIN and self.vocabulary.holds(fieldname, term)]
        alternatives += self._terms(readings, "reading", node.boost * READING_BOOST)
        if word in self.names and len(key or word) >= NAME_MIN:
            near = key or word
            found = []
            for fieldname in ("text", READINGS):
                found += [(fieldname, term) for term in close_terms(self.vocabulary, fieldname, near, _edits(near), 2)
                          if term not in (word, key)]
            alternatives += self._terms(found, "close", node.boost * CLOSE_BOOST)
        return alternatives[0] if len(alternatives) == 1 else query_module.Or(alternatives)

    def _phrase(self, node: WordsInARow):
        words = list(node.words)
        keys = [latin_key(word) for word in words]
        alternatives = [node]
        if all(keys):
            pairs = [(READINGS, keys), ("text", keys)]
        elif not any(keys) and all(word.isascii() for word in words):
            pairs = [(READINGS, words)]
        else:
            pairs = []  # a phrase mixing scripts: found as written only
        for fieldname, row in pairs:
            for term in row:
                self.widening.how.setdefault((fieldname, term), "reading")
            alternatives.append(WordsInARow(fieldname, row, boost=node.boost * READING_BOOST))
        return alternatives[0] if len(alternatives) == 1 else query_module.Or(alternatives)

    def _fuzzy(self, node: query_module.FuzzyTerm):
        word, edits, prefix = node.text, min(max(node.maxdist, 1), 2), max(node.prefixlength, 1)
        fields = [node.fieldname] + ([READINGS] if node.fieldname == "text" else [])
        alternatives = [query_module.Term(node.fieldname, word, boost=node.boost)]
        for fieldname in fields:
            found = [(fieldname, term) for term in close_terms(self.vocabulary, fieldname, word, edits, prefix)
                     if term != word]
            alternatives += self._terms(found, "close", node.boost * CLOSE_BOOST)
        if node.fieldname == "text":
            alternatives += self._terms([(READINGS, word)], "reading", node.boost * READING_BOOST)
        return alternatives[0] if len(alternatives) == 1 else query_module.Or(alternatives)

    def _terms(self, pairs, how: str, boost: float) -> list:
        made = []
        for fieldname, term in pairs:
            self.widening.how.setdefault((fieldname, term), how)
            made.append(query_module.Term(fieldname, term, boost=boost))
        return made

    # -- aliases ------------------------------------------------------------------------------

    def _alias_of(self, node) -> str | None:
        """Return the placeholder a node stands for: its word, or the same word in every field of an Or."""
        if not self.aliases:
            return None
        if type(node) is query_module.Term:
            return node.text if node.text in self.aliases else None
        if type(node) is query_module.Or and node.subqueries:
            found = {self._alias_of(sub) for sub in node.subqueries}
            return found.pop() if len(found) == 1 and None not in found else None
        return None

    def _alias(self, placeholder: str):
        """Return the query of every name an alias placeholder stands for, each as a phrase of title or text."""
        alternatives, recorded = [], []
        for name in self.aliases[placeholder]:
            words = tokens(name)
            if not words:
                continue
            finds: set[tuple[str, str]] = {("text", word) for word in words}
            for fieldname in SEARCHED:
                alternatives.append(query_module.Term(fieldname, words[0]) if len(words) == 1
                                    else WordsInARow(fieldname, words))
            keys = [latin_key(word) for word in words]
            if all(keys):
                alternatives.append(query_module.Term(READINGS, keys[0], boost=READING_BOOST) if len(keys) == 1
                                    else WordsInARow(READINGS, keys, boost=READING_BOOST))
                recorded.append((name, finds | {(READINGS, key) for key in keys}))
            else:
                recorded.append((name, finds))
        self.widening.aliases[placeholder] = recorded
        return query_module.Or(alternatives) if alternatives else query_module.NullQuery


def how_found(matched: list[tuple[int, str]], widening: Widening) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return how a hit's matched terms (passages.matched_positions' labels) were found ("exact", "reading",
    "close") and the alias names it holds."""
    labels = {label for _position, label in matched}
    ways = set()
    for label in labels:
        fieldname, _, term = label.partition(":") if label.startswith(f"{READINGS}:") else ("text", "", label)
        ways.add(widening.how.get((fieldname, term), "exact"))
    names = []
    for found in widening.aliases.values():
        for name, finds in found:
            text_terms = {term for fieldname, term in finds if fieldname == "text"}
            readings = {f"{fieldname}:{term}" for fieldname, term in finds if fieldname != "text"}
            if text_terms <= labels or (readings and readings <= labels):
                names.append(name)
    return tuple(sorted(ways)), tuple(names)


def _edits(word: str) -> int:
    """Return how many edits apart a close spelling may be: one up to eight letters, two from nine."""
    return 1 if len(word) <= 8 else 2


def close_terms(vocabulary: Vocabulary, fieldname: str, word: str, edits: int, prefix: int) -> list[str]:
    """Return the field's terms within `edits` of `word` that share its first `prefix` letters, nearest first.

    Reads at most CLOSE_SCAN terms of the vocabulary and keeps CLOSE_LIMIT: bounded time on any index.
    """
    if fieldname not in vocabulary.fields or len(word) <= prefix:
        return []
    from rapidfuzz import process  # only queries that look for close spellings load it
    from rapidfuzz.distance import Levenshtein

    terms = vocabulary.terms_from(fieldname, word[:prefix], CLOSE_SCAN)
    found = process.extract(word, terms, scorer=Levenshtein.distance, score_cutoff=edits, limit=CLOSE_LIMIT)
    return [term for term, _distance, _index in sorted(found, key=lambda item: (item[1], item[0]))]
