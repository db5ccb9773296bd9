"""A table's caption or heading line that names the currency of its cells, in any language: "Структура на цената
на водата во Куманово (m3/денари)", "Cijene (u KM)", "Tarife (в гривнях)", "Budget (млн. руб.)", "Prices in EUR".
Its currency (and scale, if it names one) goes to the bare decimal cells of the table lines below it, and to
nothing else: years, counts with their nouns and percentages keep what they are."""

from __future__ import annotations

import re
from decimal import Decimal

from archive.figures.drafts import NOT_MONEY, Draft
from archive.figures.surroundings import LETTER, WS
from archive.figures.units import counts_something, read_suffix
from archive.patterns import LazyPattern

# The end of a heading line: a parenthesis closing it ("(m3/денари)", "(u KM)", "(млн. руб.)"), or "in" and a
# currency closing it ("Preise in EUR", "Cijene u eurima:"). Short: a caption, not a sentence of prose.
_CAPTION_IN_PARENTHESES = LazyPattern(r"\((?P<inner>[^()\n]{1,40})\)[ \t:]*$", re.MULTILINE)
_CAPTION_AFTER_IN = LazyPattern(
    rf"(?<!{LETTER})(?:in|u|у|в|во|w|en|în|im|em|dans|na)(?P<inner>{WS}[^\n\d()]{{1,24}}?)[ \t:]*$", re.MULTILINE)
# A currency per a unit in a header line of no numbers: "Тарифы, руб./куб. м", "Cijena vode KM/m3 | Cijena
# kanalizacije KM/m3", "Тариф, руб./м3".
_CURRENCY_PER_UNIT = LazyPattern(
    rf"(?<![\w.])(?P<inner>{LETTER}{{1,8}}\.?)/{WS}?(?:м|m|куб|kWh|кВт|л|l|лит|kg|кг|Гкал|t|т)(?:{LETTER}|[23³².])*"
    rf"(?![\w/])")
# Where a currency may begin inside the caption: after its opening, a slash, a space or a comma.
_WORD_STARTS = LazyPattern(r"(?<=[(/,\s])(?=\S)")
_LONGEST_HEADING = 160  # characters of the heading line: a longer one is prose
_HEADER_LINES = 3  # lines without numbers (the columns' names, blank lines) between the caption and the first row


def take_currency_of_a_caption(text: str, drafts: list[Draft]) -> None:
    """Give the bare decimal cells of the table lines right after a caption naming a currency that currency:
    "(m3/денари)" above "Вода 29,49 34,69 /" makes 29.49 and 34.69 MKD, marked as inferred."""
    if "\n" not in text:
        return  # cheap test first: a caption is a line of its own above its table
    for pattern in (_CAPTION_IN_PARENTHESES, _CAPTION_AFTER_IN):
        for caption in pattern.finditer(text):
            line_start = text.rfind("\n", 0, caption.start()) + 1
            if caption.end() - line_start > _LONGEST_HEADING or caption.end() >= len(text):
                continue
            money = _currency_closing(text, caption.start("inner"), caption.end("inner"))
            if money is None and "/" in caption.group("inner"):  # "(руб./м3)": the currency before its unit
                slash = text.index("/", caption.start("inner"))
                money = _currency_closing(text, caption.start("inner"), slash)
            if money is not None:
                _give_to_cells(text, caption.end(), drafts, money)
    if "/" in text:
        for header in _CURRENCY_PER_UNIT.finditer(text):
            line_end = text.find("\n", header.end())
            if line_end < 0 or any(_on_the_line(text, draft.start, header.start()) for draft in drafts):
                continue  # "42,21 din/m3": a price on its line, no header
            money = _currency_closing(text, header.start("inner") - 1, header.end("inner"))
            if money is not None:
                _give_to_cells(text, line_end, drafts, money)


def _on_the_line(text: str, pos: int, other: int) -> bool:
    """Tell whether two places of the text are on one line."""
    low, high = min(pos, other), max(pos, other)
    return "\n" not in text[low:high]


def _currency_closing(text: str, start: int, end: int):
    """Return what ``read_suffix`` reads of the currency (and scale) that closes text[start:end], or None."""
    for word in _WORD_STARTS.finditer(text, start, end):
        for at in (word.start() - 1, word.start()):  # a scale word is read after the space that parts it
            suffix = read_suffix(text, at, has_currency=False)
            if suffix.unit not in (None, *NOT_MONEY) and suffix.end == end and not suffix.minor:
                return suffix
    return None


def _give_to_cells(text: str, heading_end: int, drafts: list[Draft], money) -> None:
    """Give the currency to the cells of the table lines after ``heading_end``: the lines right after it that hold
    bare decimals, after at most a few lines of column names; the first line without one ends the table."""
    by_line: dict[int, list[Draft]] = {}
    for draft in drafts:
        if draft.start > heading_end:
            by_line.setdefault(text.rfind("\n", 0, draft.start), []).append(draft)
    pos, header_lines, rows = heading_end, 0, 0
    while pos < len(text):
        line_end = text.find("\n", pos + 1)
        line_end = len(text) if line_end < 0 else line_end
        cells = [draft for draft in by_line.get(pos, []) if _a_cell(text, draft)]
        if cells:
            rows += 1
            for cell in cells:
                cell.unit, cell.unit_inferred = money.unit, True
                if money.has_scale:  # "(млн. руб.)": the cells are millions
                    cell.scale, cell.has_scale = Decimal(10) ** money.power, True
        elif rows or header_lines >= _HEADER_LINES:
            return
        else:
            header_lines += 1
        pos = line_end


def _a_cell(text: str, draft: Draft) -> bool:
    """Tell whether a number is a bare decimal cell: no unit, no scale, written to a fraction, counting nothing."""
    return draft.unit is None and not draft.has_scale and draft.step < 1 and not counts_something(text, draft.end)
