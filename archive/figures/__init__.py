"""Find, normalise and compare numeric figures (money, percentages, multiples, counts) in many languages.

A claim says "$1.23 million"; one source writes "1,23 милиони долари", another "1.2 million dollars", a
third "123万美元", a fourth "$1.32 million". ``extract`` finds each figure with its span, its value in base
units and its unit; ``compare`` tells that the first three state the claim's figure (one of them rounded)
and that the fourth differs by +7.3 %.

One module a concept, each with the rules it applies in its docstring:
- ``extraction``: what a figure is, ``extract`` and ``parse_figure``, ranges;
- ``units``: currencies, scale words, percentages, multiples and qualifiers around a number;
- ``numbers``: digits, group and decimal marks, English number words, Chinese numerals, precision;
- ``number_words``: numbers written in words in every language, and which library or table reads each;
- ``exclusions``: the numbers that are no figures (dates, years, phone numbers, references, names...);
- ``vocabulary``: the word tables of every language; ``surroundings``: how the text around is read;
- ``comparison``: ``compare`` and the claim checks built on it (figure search, agreement, sentences).

Pure: no IO. Besides the standard library it reads CLDR through Babel (currencies), and number words with
text2num and number-parser, each imported on first use. Regular expressions are compiled on first use
(archive/patterns.py): most commands need few of them. Every repeated group begins with a required separator
or is possessive, so no pattern can backtrack catastrophically.
"""

from archive.figures.comparison import (RANK, Agreement, FigureQuery, Match, agreement, classify, compare,
                                        describe_agreement, figure_query, key_terms, search_window,
                                        sentence_around, sentences)
from archive.figures.extraction import Figure, extract, parse_figure

__all__ = [
    "RANK", "Agreement", "Figure", "FigureQuery", "Match", "agreement", "classify", "compare", "describe_agreement",
    "extract", "figure_query", "key_terms", "parse_figure", "search_window", "sentence_around", "sentences",
]
