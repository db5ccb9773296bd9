"""Read what a figure is about, where its sentence says so: its period, its role and its subject.

"Kazakhstan exported $1.23 million of drones to Russia in 2022": the figure's period is 2022, its role
(direction) "export", its subject "drones". Each is read from the figure's sentence, in the ten figure
languages (vocabulary.DIRECTION_WORDS, SUBJECT_WORDS, RELATIVE_YEARS, QUARTER_ORDINALS, FISCAL_WORDS):

- period: a year ("2022", "2022年", "в 2022 году") as "2022"; a fiscal year ("FY2022", "fiscal 2022",
  "Geschäftsjahr 2022", "2022年度" in Japanese) as "FY2022"; a quarter ("Q3 2022", "third quarter of 2022",
  "в третьем квартале 2022", "2022年第三季度") as "2022-Q3", or "Q3" when no year stands in the sentence;
  "last year", "this year", "next year" (in each language) resolved against the text's publication date, and
  left unknown without one. Numbers that are figures are never years.
- direction: the role of the amount, one of export, import, send, receive, sell, buy, spend, license.
- subject: what it counts or prices, one or more of drones, parts, microchips, weapons, vehicles, oil, gas,
  grain, joined by "," ("drones,parts" for "drones and drone parts").

Where a sentence holds several figures, each word of context goes to the figure nearest it (a word between
two at equal distance goes to the one before it: "$47 billion in 2021 to $8 billion last year"); a figure
left with none takes the nearest period and role of the sentence, and all its subjects ("exports of drones:
$5 million in 2021, $8 million in 2022"). Ties in distance favour the word after the figure. A sentence that says nothing leaves the field
None: unknown, never a conflict (comparison.py).

``actor`` reads who did what a figure's role says: the name written last before the role's word
("Nebesnaya Mekhanika sent 500 Aspan Arba drones": Nebesnaya Mekhanika).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from archive.figures.sentence_spans import sentence_around
from archive.figures.surroundings import trie_alternation
from archive.figures.vocabulary import (DIRECTION_FAMILIES, DIRECTION_WORDS, FISCAL_WORDS, QUARTER_ORDINALS,
                                        QUARTER_WORDS, RELATIVE_YEARS, SUBJECT_WORDS)
from archive.patterns import LazyPattern

_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_YEAR = r"(?:19[5-9]\d|20\d\d)"


def _words(alternatives: str) -> tuple[str, str]:
    """Return two regexes for "a|b*|无人机": the words of letters (a "*" takes any ending), and the CJK words."""
    plain, stems, cjk = [], [], []
    for word in alternatives.split("|"):
        (cjk if _CJK.search(word) else stems if word.endswith("*") else plain).append(word.rstrip("*"))
    spaced = {" ": r"\s+", "'": "['’]", "’": "['’]"}
    letters = []
    if plain:
        letters.append(f"(?:{trie_alternation(plain, spaced)})(?![^\\W\\d_])")
    if stems:
        letters.append(f"(?:{trie_alternation(stems, spaced)})[^\\W\\d_]*")
    return "|".join(letters), trie_alternation(cjk) if cjk else ""


def _group(name: str, alternatives: str, cjk_only: bool = False) -> str | None:
    """Return a named group for a table's words (the CJK ones, or the others), or None when it has none."""
    letters, cjk = _words(alternatives)
    body = cjk if cjk_only else letters
    return f"(?P<{name}>{body})" if body else None


def _ordinals() -> str:
    return "|".join(_group(f"q{quarter}", words) for quarter, words in QUARTER_ORDINALS.items())


def _tables(cjk_only: bool) -> list[str]:
    """Return the groups of the relative years, roles and subjects, for CJK text or for the others."""
    relative = [_group(f"r{i}", words, cjk_only) for i, words in enumerate(RELATIVE_YEARS.values())]
    groups = [f"(?P<rel>{'|'.join(group for group in relative if group)})"]
    groups += [_group(f"d_{name}", words, cjk_only) for name, words in DIRECTION_WORDS.items()]
    groups += [_group(f"s_{name}", words, cjk_only) for name, words in SUBJECT_WORDS.items()]
    return [group for group in groups if group]


def _letter_cues() -> str:
    """Return the pattern of every word of context written in letters or digits, tried where a word starts."""
    quarter_word = _words(QUARTER_WORDS)[0]
    fiscal = _words(FISCAL_WORDS)[0]
    branches = [
        # quarters: "Q3", "3Q", "third quarter", "третьем квартале"
        rf"(?:q(?P<qn>[1-4])|(?P<nq>[1-4])q)(?![^\W\d_])",
        rf"(?:{_ordinals()})(?:\s+|\s*-\s*)(?:{quarter_word})",
        # fiscal years: "FY2022", "FY22", "fiscal 2022", "2022 financial year", "2022财年", "2022年度"
        rf"(?:{fiscal})\s?['’]?(?P<fy>{_YEAR}|\d\d)(?!\d)",
        rf"(?P<yf>{_YEAR})\s*(?:(?:{fiscal})(?![^\W\d_])|财年|財年|年度)",
        rf"(?<![\d.,])(?P<year>{_YEAR})(?![\d%]|[.,]\d)",
        *_tables(cjk_only=False),
    ]
    return "|".join(branches)


def _cjk_cues() -> str:
    """Return the pattern of the words of context written in Chinese or Japanese, found anywhere in a run."""
    return "|".join([r"第(?P<qc>[一二三四1-4１-４])(?:季度|四半期)", *_tables(cjk_only=True)])


# Written in lower case and matched on the lower-cased text, which is faster than ignoring case; a text
# whose lower case changes its length ("İ") is matched ignoring case.
_LETTER_CUES = LazyPattern(_letter_cues())
_LETTER_CUES_ANY_CASE = LazyPattern(_letter_cues(), re.IGNORECASE)
_CJK_CUES = LazyPattern(_cjk_cues())
# Runs of digits and runs of letters: a cue in letters or digits can only start where one does.
_TOKENS = LazyPattern(r"\d+|[^\W\d_]+")
_WINDOW = 200  # characters around a sentence's figures read for their context (a menu is one long "sentence")
_RELATIVE_OFFSETS = list(RELATIVE_YEARS)
_CJK_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4, "１": 1, "２": 2, "３": 3, "４": 4}
# A name: capitalised words in a row, Latin or Cyrillic ("Nebesnaya Mekhanika", "Аспан Арба"), or quoted.
_CAPITAL = "[A-ZА-ЯЁІЇЄЃЌЅЈЉЊЏ]"
_NAME = LazyPattern(rf"«([^»]{{1,60}})»|[„“\"]([^„“”\"]{{1,60}})[“”\"]|({_CAPITAL}[\w’'-]*(?:\s+{_CAPITAL}[\w’'-]*)*)")


@dataclass(frozen=True)
class Context:
    """What a figure is about, as far as its sentence says: None where it says nothing."""

    period: str | None = None
    direction: str | None = None
    subject: str | None = None


@dataclass(frozen=True)
class _Cue:
    """One word of context in a text: what field it fills, with what, and where it stands."""

    field: str  # "period", "direction", "subject", or "year" (a bare year, which a quarter may take)
    value: str
    start: int
    end: int


NO_CONTEXT = Context()


def contexts(text: str, spans: list[tuple[int, int]], published: str | None = None) -> list[Context]:
    """Return the context of each figure of ``text`` (given by its [start, end) span, in order of start)."""
    found: list[Context] = []
    sentence: tuple[int, int] | None = None
    members: list[int] = []
    publication_year = _year_of(published)
    for index, (start, end) in enumerate(spans):
        if sentence is None or start >= sentence[1]:
            if members:
                found.extend(_sentence_contexts(text, sentence, [spans[i] for i in members], publication_year))
            sentence, members = sentence_around(text, start, end), []
        members.append(index)
    if members:
        found.extend(_sentence_contexts(text, sentence, [spans[i] for i in members], publication_year))
    return found


def _year_of(published: str | None) -> int | None:
    """Return the year a publication date (ISO 8601, as captures store it) begins with, else None."""
    if published and len(published) >= 4 and published[:4].isdigit():
        return int(published[:4])
    return None


def _sentence_contexts(text: str, sentence: tuple[int, int], spans: list[tuple[int, int]],
                       publication_year: int | None) -> list[Context]:
    """Return the contexts of the figures of one sentence."""
    start, end = max(sentence[0], spans[0][0] - _WINDOW), min(sentence[1], spans[-1][1] + _WINDOW)
    cues = [cue for cue in _cues(text, start, end, publication_year)
            if not any(start < cue.end and cue.start < end for start, end in spans)]
    if not cues:
        return [NO_CONTEXT] * len(spans)
    owner = [_nearest(spans, cue) for cue in cues]
    result = []
    for index, span in enumerate(spans):
        mine = [cue for cue, owned in zip(cues, owner) if owned == index]
        result.append(Context(period=_period(mine, cues, span), direction=_direction(mine, cues, span),
                              subject=_subject(mine, cues, span)))
    return result


def _cues(text: str, start: int, end: int, publication_year: int | None) -> list[_Cue]:
    """Return the words of context in text[start:end]."""
    cues: list[_Cue] = []
    window = text[start:end].lower()
    letter_match = _LETTER_CUES.match
    if len(window) != end - start:
        window, letter_match = text[start:end], _LETTER_CUES_ANY_CASE.match
    taken = 0
    first_letters = _first_letters()
    for token in _TOKENS.finditer(window):
        begin = token.start()
        if window[begin] >= "\u3040":  # a run of CJK (or other East Asian) letters: its words stand anywhere in it
            # from where the last cue ended: "2023年度" (a fiscal year) ends inside the run "年度に半導体を"
            for match in _CJK_CUES.finditer(window, max(begin, taken), token.end()):
                _add_cue(cues, match, publication_year, start)
            continue
        if begin < taken or window[begin] not in first_letters:
            continue
        match = letter_match(window, begin)
        if match is not None:
            _add_cue(cues, match, publication_year, start)
            taken = match.end()
    return cues


@functools.cache
def _first_letters() -> frozenset[str]:
    """Return the characters a cue written in letters or digits can begin with (lower case), or any CJK letter."""
    words = "|".join([*DIRECTION_WORDS.values(), *SUBJECT_WORDS.values(), *RELATIVE_YEARS.values(),
                      *QUARTER_ORDINALS.values(), FISCAL_WORDS]).split("|")
    firsts = {word[0] for word in words if word and word[0] < "\u3040"} | set("0123456789q")
    return _AnyCjk(firsts)


class _AnyCjk(frozenset):
    """A set of characters that also holds every character from U+3040 on (kana, CJK)."""

    def __contains__(self, char: object) -> bool:
        return char >= "\u3040" or frozenset.__contains__(self, char)


def _add_cue(cues: list[_Cue], match: re.Match, publication_year: int | None, offset: int) -> None:
    """Add the cue a match found, unless it is a relative year with no publication date to read it against."""
    kind = match.lastgroup
    value: str | None
    field = "period"
    if kind.startswith("q") or kind == "nq":
        value = "Q" + str(_quarter(match))
    elif kind in ("fy", "yf"):
        year = match.group(kind)
        value = "FY" + (year if len(year) == 4 else "20" + year)
    elif kind == "rel":
        offset = _RELATIVE_OFFSETS[next(i for i in range(len(_RELATIVE_OFFSETS)) if match.group(f"r{i}"))]
        value = str(publication_year + offset) if publication_year is not None else None
    elif kind == "year":
        field, value = "year", match.group("year")
    elif kind.startswith("d_"):
        field, value = "direction", kind[2:]
    else:
        field, value = "subject", kind[2:]
    if value is not None:
        cues.append(_Cue(field, value, offset + match.start(), offset + match.end()))


def _quarter(match: re.Match) -> int:
    """Return the quarter (1-4) a quarter cue names."""
    if match.lastgroup in ("qn", "nq"):
        return int(match.group(match.lastgroup))
    if match.lastgroup == "qc":
        return _CJK_QUARTERS[match.group("qc")]
    return next(quarter for quarter in QUARTER_ORDINALS if match.group(f"q{quarter}"))


def _distance(span: tuple[int, int], cue: _Cue) -> tuple[int, int]:
    """Return how far a cue stands from a figure, a cue after the figure first at equal distance."""
    if cue.start >= span[1]:
        return cue.start - span[1], 0
    return max(0, span[0] - cue.end), 1


def _nearest(spans: list[tuple[int, int]], cue: _Cue) -> int:
    """Return the index of the figure a cue belongs to: the nearest; between two, the one before it."""
    best = min(range(len(spans)), key=lambda i: (_distance(spans[i], cue)[0], spans[i][0] > cue.start))
    return best


def _pick(mine: list[_Cue], every: list[_Cue], span: tuple[int, int], fields: tuple[str, ...]) -> _Cue | None:
    """Return the nearest cue of these fields owned by the figure, else the nearest in its sentence."""
    for pool in (mine, every):
        candidates = [cue for cue in pool if cue.field in fields]
        if candidates:
            return min(candidates, key=lambda cue: _distance(span, cue))
    return None


def _period(mine: list[_Cue], every: list[_Cue], span: tuple[int, int]) -> str | None:
    """Return the figure's period: a quarter and a year written together make one ("third quarter of 2022",
    "Q3 2022": "2022-Q3"); a quarter alone takes the sentence's year nearest it."""
    cue = _pick(mine, every, span, ("period", "year"))
    if cue is None:
        return None
    quarters = [other for other in every if other.field == "period" and other.value.startswith("Q")]
    if cue.field == "year":
        beside = [q for q in quarters if max(q.start - cue.end, cue.start - q.end) <= _BESIDE]
        return f"{cue.value}-{beside[0].value}" if beside else cue.value
    if cue.value.startswith("Q"):
        years = [other for other in every if other.field == "year"]
        if years:
            year = min(years, key=lambda other: abs(other.start - cue.start)).value
            return f"{year}-{cue.value}"
    return cue.value


_BESIDE = 8  # characters at most between a quarter and its year: "Q3 2022", "third quarter of 2022", "2022年第三"


def _direction(mine: list[_Cue], every: list[_Cue], span: tuple[int, int]) -> str | None:
    cue = _pick(mine, every, span, ("direction",))
    return cue.value if cue else None


def _subject(mine: list[_Cue], every: list[_Cue], span: tuple[int, int]) -> str | None:
    """Return the figure's subjects: all those nearest it, else all those of its sentence."""
    for pool in (mine, every):
        found = sorted({cue.value for cue in pool if cue.field == "subject"})
        if found:
            return ",".join(found)
    return None


# -- comparing contexts ---------------------------------------------------------------------------------

def conflict(claim: Context, source: Context) -> str | None:
    """Say why two figures are not about the same thing ("another period: 2023, the claim's 2022"), or None.

    A field that either side leaves unknown is no conflict. Periods differ when their kind (year, fiscal
    year, quarter) differs or their years or quarters do; roles when they belong to different families
    (export, send and sell state goods leaving; import, receive, buy and spend goods coming; licences
    stand apart); subjects when the two share none.
    """
    if claim.period and source.period and not _same_period(claim.period, source.period):
        return f"another period: {describe_period(source.period)}, the claim's {describe_period(claim.period)}"
    if claim.direction and source.direction and \
            DIRECTION_FAMILIES[claim.direction] != DIRECTION_FAMILIES[source.direction]:
        return f"another direction: {source.direction}, the claim's {claim.direction}"
    if claim.subject and source.subject and not set(claim.subject.split(",")) & set(source.subject.split(",")):
        return f"another subject: {source.subject.replace(',', ', ')}, the claim's {claim.subject.replace(',', ', ')}"
    return None


def _period_parts(period: str) -> tuple[str, str | None, str | None]:
    """Return (kind, year, quarter) of a period as stored: "2022", "FY2022", "2022-Q3" or "Q3"."""
    if period.startswith("FY"):
        return "fiscal", period[2:], None
    if "Q" in period:
        year, _, quarter = period.rpartition("Q")
        return "quarter", year.rstrip("-") or None, quarter
    return "year", period, None


def _same_period(one: str, other: str) -> bool:
    kind, year, quarter = _period_parts(one)
    other_kind, other_year, other_quarter = _period_parts(other)
    if kind != other_kind or quarter != other_quarter:
        return False
    return year is None or other_year is None or year == other_year


def describe_period(period: str) -> str:
    """Say a stored period for people: "2022", "fiscal year 2022", "Q3 2022", "Q3"."""
    kind, year, quarter = _period_parts(period)
    if kind == "fiscal":
        return f"fiscal year {year}"
    if kind == "quarter":
        return f"Q{quarter} {year}" if year else f"Q{quarter}"
    return period


def actor(text: str, figure_start: int, figure_end: int) -> str | None:
    """Return who did what a figure's role says: the name written last before the role's word, in its
    sentence ("Aspan Arba sent 500 drones": Aspan Arba), or None when no role or no name is there."""
    start, end = sentence_around(text, figure_start, figure_end)
    roles = [cue for cue in _cues(text, start, end, None) if cue.field == "direction"]
    if not roles:
        return None
    role = min(roles, key=lambda cue: _distance((figure_start, figure_end), cue))
    before = text[start:role.start].rstrip()
    if before.endswith(","):  # "Aspan Arba, a drone maker in Almaty, sent": the doer stands before the aside
        aside = before.rfind(",", 0, len(before) - 1)
        before = before[:aside] if aside >= 0 else before
    names = names_in(text, start, start + len(before))
    return names[-1][0] if names else None


def names_in(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int]]:
    """Return the names written in text[start:end] with where each starts: capitalised words in a row, Latin or
    Cyrillic ("Nebesnaya Mekhanika", "Аспан Арба"), or words in quotation marks; not a capitalised word that
    merely opens a sentence ("Another", "The"), nor such a word before a name ("In Almaty": Almaty)."""
    found = []
    for match in _NAME.finditer(text, start, len(text) if end is None else end):
        group = next(index for index in (1, 2, 3) if match.group(index))
        name, at = match.group(group).strip(), match.start(group)
        if group == 3 and _opens_sentence(text, at):
            first, _, rest = name.partition(" ")
            if first.lower() in _OPENERS or (not rest and len(first) < 3):
                if not rest:
                    continue
                name, at = rest.strip(), at + len(first) + 1
        found.append((name, at))
    return found


def _opens_sentence(text: str, at: int) -> bool:
    before = text[max(0, at - 3):at].rstrip()
    return not before or before[-1] in ".!?…\n"


_OPENERS = {"the", "a", "an", "another", "in", "on", "last", "this", "its", "their", "it", "he", "she", "they",
            "we", "analysts", "customs", "according", "в", "по", "у", "на", "он", "она", "они", "der", "die",
            "das", "le", "la", "les", "el", "los", "las"}


def family(direction: str) -> str:
    """Return the family of a role (out, in, license): roles of one family state the same flow."""
    return DIRECTION_FAMILIES[direction]
