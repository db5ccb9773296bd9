"""A table's caption or heading line that names the currency of its cells, in any language: "Структура на цената
на водата во Куманово (m3/денари)", "Cijene (u KM)", "Tarife (в гривнях)", "Budget (млн. руб.)", "Prices in EUR".
Its currency (and scale, if it names one) goes to the bare decimal cells of the table lines below it, and to
nothing else: years, counts with their nouns and percentages keep what they are."""

from __future__ import annotations

import re
from bisect import bisect_left
from decimal import Decimal

from archive.figures.drafts import GROUPED, Draft
from archive.figures.surroundings import LETTER, WS
from archive.figures.units import Suffix, counts_something, read_suffix
from archive.figures.vocabulary import SYMBOLS_AFTER
from archive.patterns import LazyPattern

# The end of a heading line: a parenthesis closing it ("(m3/денари)", "(u KM)", "(млн. руб.)"), or "in" and a
# currency closing it ("Preise in EUR", "Cijene u eurima:"). Short: a caption, not a sentence of prose.
_CAPTION_IN_PARENTHESES = LazyPattern(r"\((?P<inner>[^()\n]{1,40})\)[ \t:]*$", re.MULTILINE)
_CAPTION_AFTER_IN = LazyPattern(
    rf"(?<!{LETTER})(?=[iuувwedn])(?:in|u|у|в|во|w|en|în|im|em|dans|na)(?P<inner>{WS}[^\n\d()]{{1,24}}?)[ \t:]*$", re.MULTILINE)
# A currency per a unit in a header line of no numbers: "Тарифы, руб./куб. м", "Cijena vode KM/m3 | Cijena
# kanalizacije KM/m3", "Тариф, руб./м3".
_PER_UNIT = LazyPattern(rf"/{WS}?(?:м|m|куб|kWh|кВт|л|l|лит|kg|кг|Гкал|t|т)(?:{LETTER}|[23³².])*(?![\w/])")
_CURRENCY_BEFORE_SLASH = LazyPattern(rf"(?<![\w.])(?P<inner>{LETTER}{{1,8}}\.?)\Z")
# A currency sign and a scale closing a caption: "(€m)", "(in € million)", "($bn)".
_SIGN_AND_SCALE = LazyPattern(r"(?<![\w$£€])(?P<sign>[£$€])\s?(?P<scale>(?i:million|billion|mn|bn|m|k))\Z")
_SIGN_SCALES = {"million": 6, "mn": 6, "m": 6, "billion": 9, "bn": 9, "k": 3}
# Sentences on a line: a full stop and a capital, which a table's row does not hold.
_PROSE = LazyPattern(r"[.!?…]\s+[A-ZА-ЯЁІЇЄЂЋЉЊЏЅЌЃ]")
_SHORT_LINE = LazyPattern(r"^[^\n]{1,160}$", re.MULTILINE)  # a heading's line: a longer one is prose
# Where a currency may begin inside the caption: after its opening, a slash, a space or a comma.
_WORD_STARTS = LazyPattern(r"(?<=[(/,\s])(?=\S)")
_HEADER_LINES = 3  # lines without numbers (the columns' names, blank lines) between the caption and the first row


def take_currency_of_a_caption(text: str, drafts: list[Draft]) -> None:
    """Give the bare decimal cells of the table lines right after a caption naming a currency that currency:
    "(m3/денари)" above "Вода 29,49 34,69 /" makes 29.49 and 34.69 MKD, marked as inferred."""
    if "(" in text:
        _take_currency_of_a_labelled_field(text, drafts)  # "Цена контракта лота (млн.руб.) — 0.25"
    if "\n" not in text:
        return  # cheap test first: a caption is a line of its own above its table
    if (unit_column := _UNIT_COLUMN.search(text)) is not None:
        _take_currency_of_a_unit_column(text, unit_column.end(), drafts)
    for line in _SHORT_LINE.finditer(text):
        caption = _CAPTION_IN_PARENTHESES.search(text, line.start(), line.end()) \
            or _CAPTION_AFTER_IN.search(text, line.start(), line.end())
        if caption is not None and caption.end() < len(text) \
                and not any(draft.step < 1 for draft in _drafts_within(drafts, line.start(), line.end())):
            money = _currency_closing(text, caption.start("inner"), caption.end("inner"))
            if money is None and "/" in caption.group("inner"):  # "(руб./м3)": the currency before its unit
                slash = text.index("/", caption.start("inner"))
                money = _currency_closing(text, caption.start("inner"), slash)
            if money is not None:
                _give_to_cells(text, caption.end(), drafts, money)
    if "/" in text:
        for unit in _PER_UNIT.finditer(text):
            header = _CURRENCY_BEFORE_SLASH.search(text, max(0, unit.start() - 10), unit.start())
            line_start, line_end = text.rfind("\n", 0, unit.start()) + 1, text.find("\n", unit.end())
            if header is None or line_end < 0 or _drafts_within(drafts, line_start, line_end):
                continue  # "42,21 din/m3": a price on its line, no header
            money = _currency_closing(text, header.start("inner") - 1, header.end("inner"))
            if money is not None:
                _give_to_cells(text, line_end, drafts, money)


# A field's label naming its currency in parentheses, then a colon or a dash and the value on the same line:
# "Цена контракта лота (млн.руб.) — 0.25", "Cijena (KM): 1,25", "Price (EUR): 12.50".
_LABELLED_FIELD = LazyPattern(r"\((?P<inner>[^()\n\d]{1,30})\)[ \t]*[:—–-][ \t]*(?=\d)")


def _take_currency_of_a_labelled_field(text: str, drafts: list[Draft]) -> None:
    """Give the bare value after a label that names its currency (and scale) in parentheses that currency:
    "Цена контракта лота (млн.руб.) — 0.25" is 250,000 RUB, marked as inferred."""
    for field in _LABELLED_FIELD.finditer(text):
        value = next((draft for draft in _drafts_within(drafts, field.end(), field.end() + 1)), None)
        if value is None or value.unit is not None or value.has_scale or counts_something(text, value.end):
            continue
        money = _currency_closing(text, field.start("inner"), field.end("inner"))
        if money is not None:
            value.unit, value.unit_inferred = money.unit, True
            if money.has_scale:
                value.scale, value.has_scale = Decimal(10) ** money.power, True


# A table's header cell naming the column of units, in our languages: "BİRİM |", "Einheit", "Unit".
_UNIT_COLUMN = LazyPattern(
    r"(?:^|\|)[ \t]*(?:BİRİM|Birim|UNIT|Unit|EINHEIT|Einheit|YKSIKKÖ|Yksikkö|Jednostka|JEDNOSTKA|Jedinica|JEDINICA|"
    r"Единица|ЕДИНИЦА|Јединица|ЈЕДИНИЦА|Одиниця|Бірлік|БІРЛІК|Unitate|UNITATE|Unité|UNITÉ|Unidad|UNIDAD|単位|单位|單位|단위)"
    r"[ \t]*(?:\||$)",
    re.MULTILINE)
# The unit cell after a value cell: a cell break (a bar, a line break) and a short word, per a unit maybe ("TL/Dk").
_UNIT_CELL_AFTER = LazyPattern(r"[ \t]*(?:\n[ \t]*)?\|?[ \t]*\n?[ \t]*(?P<unit>[^\s|/\d]{1,8})(?:/[^\s|\d]{1,8})?[ \t]*(?:\||\n|\Z)")


def _take_currency_of_a_unit_column(text: str, header_end: int, drafts: list[Draft]) -> None:
    """Give the bare decimal cells of a table with a column of units the currency its unit cell names: "Sabit Ücret
    | 18,78 | TL |" is 18.78 TRY; a row whose unit cell is left out (merged with the one above) takes the last
    one ("Şebeke İçi | 1,85 | TL/Dk" then "Sabit Hatlar | 1,85"); a unit of no currency ("MB", "Dk") stops it."""
    unit = None
    for draft in _drafts_within(drafts, header_end, len(text)):
        if not _a_cell(text, draft):
            continue
        cell = _UNIT_CELL_AFTER.match(text, draft.end)
        money = _currency_closing(text, cell.start("unit"), cell.end("unit")) if cell is not None else None
        if money is not None:
            unit = money.unit if money.unit != "%" and not money.has_scale else None
        elif cell is not None and (len(cell.group("unit")) <= 4 or "/" in cell.group()):
            unit = None  # "| 3 | GB |": a unit of no currency (a row's name, "Diğer Operatör", goes on)
        if unit is not None:
            draft.unit, draft.unit_inferred = unit, True


def _drafts_within(drafts: list[Draft], start: int, end: int) -> list[Draft]:
    """Return the drafts that start between ``start`` and ``end``, in order."""
    ordered = sorted(drafts, key=lambda draft: draft.start)
    starts = [draft.start for draft in ordered]
    return ordered[bisect_left(starts, start) : bisect_left(starts, end)]


def _currency_closing(text: str, start: int, end: int):
    """Return what ``read_suffix`` reads of the currency (and scale) that closes text[start:end], or None; a sign
    and a scale letter or word are read as the "£ million" heading is ("(€m)", "(in € million)")."""
    if (signed := _SIGN_AND_SCALE.search(text, start, end)) is not None:
        return Suffix(end=end, unit=SYMBOLS_AFTER[signed.group("sign")], has_scale=True,
                      power=_SIGN_SCALES[signed.group("scale").lower()])
    for word in _WORD_STARTS.finditer(text, start, end):
        for at in (word.start() - 1, word.start()):  # a scale word is read after the space that parts it
            suffix = read_suffix(text, at, has_currency=False)
            if suffix.unit not in (None, "x", "pp") and suffix.end == end and not suffix.minor \
                    and not (suffix.unit == "%" and suffix.has_scale):  # "(u %)", "(в %)": the cells are rates
                return suffix
    return None


def _give_to_cells(text: str, heading_end: int, drafts: list[Draft], money) -> None:
    """Give the currency to the cells of the table lines after ``heading_end``: the lines right after it that hold
    bare decimals, after at most a few lines of column names; the first line without one ends the table."""
    pos, header_lines, rows = heading_end, 0, 0
    while pos < len(text):
        line_end = text.find("\n", pos + 1)
        line_end = len(text) if line_end < 0 else line_end
        cells = [draft for draft in _drafts_within(drafts, pos, line_end) if _a_cell(text, draft)
                 and (money.unit != "%" or draft.step < 1)]  # a rate is no grouped thousands
        if cells and _PROSE.search(text, pos, line_end):
            return  # a sentence after the table: its decimals are no cells
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
    """Tell whether a number is a bare cell of money: no unit, no scale, counting nothing, and written to a fraction
    or grouped in thousands ("25 696", "1.250"; a year, a count or a row's number is written neither way)."""
    return draft.unit is None and not draft.has_scale and not counts_something(text, draft.end) \
        and (draft.step < 1 or GROUPED.search(text, draft.start, draft.end) is not None)
