"""Find, normalise and compare numeric figures (money, percentages, multiples, counts) in many languages.

A claim says "$1.23 million"; one source writes "1,23 милиони долари", another "1.2 million dollars", a
third "123万美元", a fourth "$1.32 million". ``extract`` finds each figure with its span, its value in base
units and its unit; ``compare`` tells that the first three state the claim's figure (one of them rounded)
and that the fourth differs by +7.3 %.

One module a concept, each with the rules it applies in its docstring:
- ``extraction``: what a figure is, ``extract`` and ``parse_figure``, ranges;
- ``carrying``: a currency carried along a sentence to the amounts that leave it out;
- ``units``: currencies, scale words, percentages, multiples and qualifiers around a number;
- ``multiplying``: the verbs and phrases of a multiple ("doubled", "el doble") and times that count occasions;
- ``numbers``: digits, group and decimal marks, English number words, Chinese numerals, precision;
- ``number_words``: numbers written in words in every language, and which library or table reads each;
- ``exclusions``: the numbers that are no figures (dates, years, phone numbers, references, names...);
- ``vocabulary``: the word tables of every language; ``surroundings``: how the text around is read;
  ``sentence_topics``: whether a number's sentence prices something or speaks of a rate;
- ``look_alikes``: letters of another script mixed into a word ("миллионοв еврο"), read in the word's own;
- ``sentence_spans``: where a sentence ends; ``context``: a figure's period, direction and subject;
- ``comparison``: ``compare`` and the claim checks built on it (figure search, agreement, sentences);
- ``results``: what they give (``Figure``, ``Agreement`` and its words) and its stored form, without the engine.

Pure: no IO. Besides the standard library it reads CLDR through Babel (currencies), and number words with
text2num and number-parser, each imported on first use. The package's own names load their modules on first
use too (the catalog imports the Figure type for every command), and regular expressions are compiled on
first use (archive/patterns.py): most commands need few of them. ``spotting`` tells, without loading any of
it, whether a text may state a figure at all. Every repeated group begins with a required separator or is
possessive, so no pattern can backtrack catastrophically.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# Where each public name lives. The package loads a module on first use of one of its names, so that importing
# the Figure type (the catalog does, for every command) costs nothing until a figure is read or compared.
_HOMES = {
    **dict.fromkeys(["RANK", "FigureQuery", "Match", "agreement", "classify", "compare", "figure_query",
                     "key_terms", "search_window", "sentence_around", "sentences"], "comparison"),
    **dict.fromkeys(["extract", "parse_figure"], "extraction"),
    # the values they give, which a claim shown from the catalog reads without the engine
    **dict.fromkeys(["Agreement", "Figure", "describe_agreement"], "results"),
}

__all__ = sorted(_HOMES)

if TYPE_CHECKING:
    from archive.figures.comparison import (RANK, FigureQuery, Match, agreement, classify, compare, figure_query,
                                            key_terms, search_window, sentence_around, sentences)
    from archive.figures.extraction import extract, parse_figure
    from archive.figures.results import Agreement, Figure, describe_agreement


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'archive.figures' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"archive.figures.{home}"), name)
    globals()[name] = value  # found directly from now on
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES})
