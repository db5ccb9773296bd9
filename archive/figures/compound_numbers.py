"""Number words inside compounds, which count what they name: Polish "pięcioletni zakaz" (a five-year ban: 5),
"trzyletnią kadencję", "dwumiesięczny"; Serbian and Croatian nouns of a group, "četvorka" (a foursome: 4),
"petorica". The number words of ``number_words`` are whole words and miss them."""

from __future__ import annotations

from archive.figures.surroundings import LETTER, alternation
from archive.figures.vocabulary import COMPOUND_NUMBER_HEADS, SLAVIC_COMPOUND_HEADS
from archive.patterns import LazyPattern

# Polish stems of a number joined to "-letni" (of years), "-miesięczny" (of months), "-dniowy" (of days).
_POLISH_STEMS = {
    "dwu": 2, "trzy": 3, "cztero": 4, "pięcio": 5, "sześcio": 6, "siedmio": 7, "ośmio": 8, "dziewięcio": 9,
    "dziesięcio": 10, "jedenasto": 11, "dwunasto": 12, "piętnasto": 15, "dwudziesto": 20, "trzydziesto": 30,
    "pięćdziesięcio": 50, "stu": 100,
}
_POLISH_HEADS = r"(?:letn|miesięczn|dniow|tygodniow|godzinn|pokojow)"
# Serbian and Croatian nouns of a group of people: "četvorka" (the four), "petorica" (five men); not "trojka",
# which is as often the troika of creditors.
_GROUPS = {
    "četvorka": 4, "četvorke": 4, "četvorku": 4, "petorka": 5, "petorke": 5,
    "petorku": 5, "šestorka": 6, "šestorke": 6, "sedmorka": 7, "osmorka": 8, "четворка": 4, "четворке": 4,
    "петорка": 5, "петорке": 5, "шесторка": 6, "petorica": 5, "petoricu": 5, "šestorica": 6, "šestoricu": 6,
    "sedmorica": 7, "osmorica": 8, "петорица": 5, "шесторица": 6,
}
# Russian, Ukrainian, Serbian, Croatian and Macedonian stems of a number joined to an adjective of storeys, rooms
# or members (vocabulary.SLAVIC_COMPOUND_HEADS): "двухэтажного" (two-storey: 2), "deseteročlani" (of ten members:
# 10), "трикімнатна".
_SLAVIC_STEMS = {
    "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5, "шести": 6, "семи": 7,
    "восьми": 8, "девяти": 9, "десяти": 10, "двох": 2, "три": 3, "трьох": 3, "чотирьох": 4, "п'яти": 5, "пʼяти": 5,
    "dvo": 2, "tro": 3, "četvero": 4, "četvoro": 4, "peto": 5, "petero": 5, "šesto": 6, "šestero": 6, "sedmo": 7,
    "sedmero": 7, "osmo": 8, "osmero": 8, "deveto": 9, "devetero": 9, "deseto": 10, "desetero": 10, "dvanaesto": 12,
    "дво": 2, "тро": 3, "четворо": 4, "пето": 5, "шесто": 6, "десето": 10,
}
_SLAVIC_HEADS = rf"(?:{alternation(SLAVIC_COMPOUND_HEADS)})"
_COMPOUND = LazyPattern(
    rf"(?<!{LETTER})(?:(?P<slavic>(?i:{alternation(_SLAVIC_STEMS)})){_SLAVIC_HEADS}{LETTER}*"
    rf"|(?P<stem>(?i:{alternation(_POLISH_STEMS)})){_POLISH_HEADS}{LETTER}*"
    rf"|(?P<group>(?i:{alternation(_GROUPS)})))(?!{LETTER})"
)


def find_compound_numbers(text: str) -> list[tuple[int, int, int]]:
    """Return (start, end, number) of the number words inside compounds: "pięcioletni" (5), "četvorka" (4)."""
    found = {}
    for piece in COMPOUND_NUMBER_HEADS:  # str.find: an alternation would be tried at every position
        at = text.find(piece)  # the heads stand inside their words, in lower case ("Pięcioletni", "Četvorka")
        while at >= 0:
            start = at
            while start and text[start - 1].isalpha():
                start -= 1
            compound = _COMPOUND.match(text, start)
            if compound is not None and start not in found:
                stem, group, slavic = compound.group("stem"), compound.group("group"), compound.group("slavic")
                value = _SLAVIC_STEMS[slavic.lower()] if slavic else \
                    _POLISH_STEMS[stem.lower()] if stem else _GROUPS[group.lower()]
                found[start] = (start, compound.end(), value)
            at = text.find(piece, at + len(piece))
    return sorted(found.values())
