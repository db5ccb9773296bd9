"""A currency or a percent written once for a list or a pair of figures: "valorados en 500 y 785 euros" (500 EUR),
"Luksemburgu (83.000 eura), a slijede Danska (71.600)", "(HDZ, 4703 eura), ... (HDZ, 4581)", "Espoossa 18,4 ja
Vantaalla 18,1 euroa", "280 динара, а најскупља 560", "3,7, 3,8 odsto". Each rule gives a bare number the unit of the
amount it is written alike with, in one sentence."""

from __future__ import annotations

import re
from decimal import Decimal

from archive.figures.drafts import AND_GAP, CLOSES_AN_AMOUNT, GROUPED, NOT_MONEY, SENTENCE_BREAK, YEAR, Draft, ends_a_phrase
from archive.figures.sentence_topics import prices_right_before
from archive.figures.surroundings import LETTER, WS
from archive.figures.units import counts_something
from archive.patterns import LazyPattern


# Between the items of a list whose last item alone carries the percent sign: "3,7, 3,8 odsto".
_LIST_GAP = LazyPattern(rf",{WS}|{WS}(?:and|or|i|и|і|ili|или|und|et|y|e|ve|және|ja|și|şi|oraz|lub|та|або){WS}")


# "Respectively" or "or rather" between two items, whole or not: "od 35 odnosno 25,7 posto", "za 8, odnosno 75,1
# posto", "73,5, односно 75,5 денари", "500 beziehungsweise 1200 Euro",
# "5 bzw. 8 Euro", "3 lub odpowiednio 4 zł", "10 veya sırasıyla 12 TL"
_RESPECTIVELY_GAP = LazyPattern(rf",?{WS}(?:odnosno|односно|beziehungsweise|bzw\.|respectively|respectivement|"
                                rf"respectivamente|odpowiednio|sırasıyla|тиісінше|соответственно|відповідно){WS}")
# The word or comma just before an item of a list: "with" of "Estonia with 3.43", the comma of "..., 37,9 za".
_ITEM_LEAD = LazyPattern(rf"(?P<lead>{LETTER}+|,){WS}\Z")


# A part of a whole: "3,8 од вкупно 17,3 милиони евра", "2.1 of the 17.3 million euros"
_PART_OF_GAP = LazyPattern(
    rf"{WS}(?:од|of|из|от|od|z|ze|de|din|von|sur|out{WS}of)(?:{WS}(?:вкупно|укупно|ukupno|всего|общо|total|"
    rf"the|a{WS}total{WS}of|totalul|insgesamt|łącznie|ogółem))?{WS}"
)


# After an amount, a comma, a conjunction of contrast and at most two words, then the bare number of the clause
# that leaves the noun out: "280 динара, а најскупља 560"
_ELIDED_NOUN_GAP = LazyPattern(rf",{WS}(?:а|a|dok|док|dočim|while|whereas|mientras|alors{WS}que|während)"
                               rf"(?:{WS}{LETTER}+){{1,2}}{WS}")


_LONG_WORD = LazyPattern(rf"{LETTER}{{4,}}")


def alike_in_shape(bare: Draft, amount: Draft) -> bool:
    """Tell whether a bare number and an amount are written alike: as many decimals, neither ten times the other
    ("500 y 785 euros", "533.000 y 191.000 millones"; not "3 and 785 euros")."""
    written = 100 if amount.minor and not bare.minor else 1  # "85 und 95 Cent": 95 as written
    mantissa, step = amount.mantissa * written, amount.step * written
    same_decimals = bare.step == step or (bare.step >= 1 and step >= 1)  # "500" and "785"
    return same_decimals and bare.mantissa > 0 and mantissa > 0 \
        and Decimal("0.1") <= bare.mantissa / mantissa <= 10


# "Or" between the two of a pair: "3, 4 oder 5 Millionen Euro" (not Spanish "o", which is Polish "by", nor "a").
# and after a comma: "la position du Gouvernement : 129, ou 131 euros ?"
_OR_GAP = LazyPattern(rf",?{WS}(?:or|oder|ou|ili|или|або|lub|albo|veya|sau|tai){WS}")


# An aside without a number in parentheses after the first of two alternatives: "1.090 (за прву зону) или 1.120
# динара (за прву и другу зону)".
_OR_AFTER_AN_ASIDE_GAP = LazyPattern(
    rf"{WS}?\([^()\d]{{1,40}}\){WS}?(?:or|oder|ou|ili|или|або|lub|albo|veya|sau|tai){WS}")


def share_currency_across_pairs(text: str, drafts: list[Draft]) -> None:
    """Give a bare number the currency (and scale) of the amount right after it when the two make a pair or a part
    of a whole: "valorados en 500 y 785 euros" (500 EUR), "4 oder 5 Millionen Euro", "73,5, односно 75,5
    денари", "533.000 y 191.000 millones de
    euros", "3,8 од вкупно 17,3 милиони евра" (3.8 of a total of 17.3 million euros). The two are written alike, and
    a part is less than its whole."""
    paired = []
    for bare, amount in zip(drafts, drafts[1:]):
        if bare.unit is not None or bare.has_scale or amount.unit in (None, *NOT_MONEY) or amount.unit_inferred \
                or not alike_in_shape(bare, amount):
            continue
        pair = AND_GAP.fullmatch(text, bare.end, amount.start) or _OR_GAP.fullmatch(text, bare.end, amount.start) \
            or _RESPECTIVELY_GAP.fullmatch(text, bare.end, amount.start) \
            or _OR_AFTER_AN_ASIDE_GAP.fullmatch(text, bare.end, amount.start)  # "1.090 (за прву зону) или 1.120 динара"
        part = _PART_OF_GAP.fullmatch(text, bare.end, amount.start)
        if not pair and not (part and bare.mantissa < amount.mantissa):
            continue
        take_currency(bare, amount)
        if amount.has_scale:
            bare.scale, bare.has_scale = amount.scale, True
        if pair:
            paired.append(bare)
    _share_back_along_a_list(text, drafts, paired)


# "And", "or" and "to" between two Chinese or Japanese amounts of one scale: "60 万和 50 万美元", "3亿或4亿元".
_CJK_PAIR_GAP = LazyPattern(r" ?[和与與及或、] ?")


def share_currency_across_cjk_pairs(text: str, drafts: list[Draft]) -> None:
    """Give a bare amount the currency of the amount of the same CJK scale right after it, the two joined by "and"
    or "or": "付出了 60 万和 50 万美元的赎金" (600,000 USD and 500,000 USD)."""
    for bare, amount in zip(drafts, drafts[1:]):
        if bare.unit is None and bare.has_scale and amount.unit not in (None, *NOT_MONEY) \
                and not amount.unit_inferred and bare.scale == amount.scale \
                and _CJK_PAIR_GAP.fullmatch(text, bare.end, amount.start):
            take_currency(bare, amount)


def _share_back_along_a_list(text: str, drafts: list[Draft], paired: list[Draft]) -> None:
    """Give the bare items before a pair, parted by commas, the pair's scale and currency: "o ok. 90, 80 i 60 tys.
    zł" (90,000 PLN too), each written alike the next."""
    for first in paired:
        index = drafts.index(first)
        while index > 0:
            bare, amount = drafts[index - 1], drafts[index]
            if bare.unit is not None or bare.has_scale or not _COMMA_GAP.fullmatch(text, bare.end, amount.start) \
                    or not alike_in_shape(bare, amount):
                break
            take_currency(bare, amount)
            bare.scale, bare.has_scale = amount.scale, amount.has_scale
            index -= 1


_COMMA_GAP = LazyPattern(rf",{WS}")


# German items of a list each counted a number of times: "(viermal 20, dreimal 50 Euro)".
_TIMES_ITEM_GAP = LazyPattern(rf",{WS}{LETTER}+mal{WS}")
_TIMES_BEFORE = LazyPattern(rf"(?<!{LETTER}){LETTER}+mal{WS}\Z")


def share_currency_across_times_items(text: str, drafts: list[Draft]) -> None:
    """Give a bare number the currency of the next item of a German list of sums each given so many times:
    "(viermal 20, dreimal 50 Euro)" (20 EUR); the count of times between them ("drei") is passed over."""
    for bare, times, amount in zip(drafts, drafts[1:], drafts[2:]):
        if bare.unit is not None or bare.has_scale or amount.unit in (None, *NOT_MONEY) or amount.unit_inferred \
                or times.unit is not None or not alike_in_shape(bare, amount):
            continue
        if _TIMES_ITEM_GAP.fullmatch(text, bare.end, amount.start) \
                and _TIMES_BEFORE.search(text, max(0, bare.start - 20), bare.start):
            take_currency(bare, amount)


def take_currency(bare: Draft, amount: Draft) -> None:
    """Give ``bare`` the unit of ``amount``, in hundredths too when the amount was written in them ("30 bis 40
    Cent": 0.30 EUR)."""
    bare.unit = amount.unit
    if amount.minor and not bare.minor:
        bare.mantissa, bare.step, bare.minor = bare.mantissa / 100, bare.step / 100, True


def _written_alike(text: str, bare: Draft, amount: Draft) -> bool:
    """Tell whether a bare number is written as an amount is: as many decimals (below one), or grouped in thousands
    as it is, and of the same order ("71.600" as "83.000 eura"; "18,4" as "18,1 euroa"; not "2019" as "83.000")."""
    if not alike_in_shape(bare, amount) or bare.minor or amount.minor:
        return False
    if bare.step < 1:
        return bare.step == amount.step
    grouped = GROUPED.search(text, bare.start, bare.end) is not None
    return grouped and GROUPED.search(text, amount.start, amount.end) is not None


# A label and a comma before the last thing in parentheses: "(HDZ, 4703 eura)", "(nezavisni, 4512)".
_LABEL_IN_PARENTHESES = LazyPattern(rf"\({LETTER}[\w .\-]{{0,40}},{WS}\Z")


def _parenthesized_item(text: str, draft: Draft) -> str | None:
    """Return how a figure ends its parentheses: "alone" ("Danska (71.600)"), "labelled" after a label and a comma
    ("Stričak (HDZ, 4581)"), else None."""
    if text[draft.end : draft.end + 1] != ")":
        return None
    if text[draft.start - 1 : draft.start] == "(":
        return "alone"
    if _LABEL_IN_PARENTHESES.search(text, max(0, draft.start - 44), draft.start):
        return "labelled"
    return None


def _labelled_alike(text: str, bare: Draft, amount: Draft) -> bool:
    """Tell whether a bare number after a label is written as the amount after its own: whole, as many digits,
    and no year ("4581" as "4703 eura"; not "2019")."""
    digits = [re.sub(r"\D", "", text[draft.start : draft.end]) for draft in (bare, amount)]
    return alike_in_shape(bare, amount) and not bare.minor and not amount.minor and bare.step >= 1 \
        and amount.step >= 1 and len(digits[0]) == len(digits[1]) and not YEAR.fullmatch(digits[0])


def share_currency_across_parenthesized_items(text: str, drafts: list[Draft]) -> None:
    """Give a bare number alone in its parentheses the currency of an earlier amount alone in its own in the same
    sentence, written alike: a list of names each with its amount in parentheses, the currency written once
    ("u Luksemburgu (83.000 eura), a slijede Danska (71.600) i Irska (61.100)": 71,600 EUR), marked as inferred;
    so does one after a label and a comma after such an amount ("(HDZ, 4703 eura), ... (HDZ, 4581)").
    Nothing follows the bare number in its parentheses, so it counts nothing; an amount with a scale sets
    nothing (its items would need the scale too)."""
    money: Draft | None = None
    money_kind = None
    for draft in drafts:
        if money is not None and SENTENCE_BREAK.search(text, money.end, draft.start):
            money = None
        kind = _parenthesized_item(text, draft)
        if kind is None:
            continue
        if draft.unit not in (None, *NOT_MONEY) and not draft.has_scale:
            money, money_kind = draft, kind
        elif money is not None and kind == money_kind and draft.unit is None and not draft.has_scale \
                and (_written_alike if kind == "alone" else _labelled_alike)(text, draft, money):
            take_currency(draft, money)
            draft.unit_inferred = True


def share_percent_across_parenthesized_items(text: str, drafts: list[Draft]) -> None:
    """Give a bare decimal alone in its parentheses the percent of an earlier rate alone in its own in the same
    sentence, written with as many decimals: "im Berliner Wahlkreis Steglitz-Zehlendorf registriert (79,8 Prozent),
    die niedrigste im Kreis Harz (58,9)" (58.9 %), "Luksemburg (4,2 %), Danska (3,9)"."""
    rate: Draft | None = None
    for draft in drafts:
        if rate is not None and SENTENCE_BREAK.search(text, rate.end, draft.start):
            rate = None
        if _parenthesized_item(text, draft) != "alone":
            continue
        if draft.unit == "%" and not draft.has_scale and draft.step < 1:
            rate = draft
        elif rate is not None and bare_rate(draft) and draft.step == rate.step:
            draft.unit = "%"


# A bare number, "and" and one word (a place, a year's name, a name) before the amount that carries the currency:
# "Espoossa keskivuokra on 18,4 ja Vantaalla 18,1 euroa" (in Espoo 18.4 and in Vantaa 18.1 euros).
_AND_ONE_WORD_GAP = LazyPattern(rf"{WS}(?:and|i|y|et|und|и|і|та|және|și|şi|ja|ve|a|e|oraz|sekä){WS}{LETTER}+{WS}")


def share_currency_across_parallel_decimals(text: str, drafts: list[Draft]) -> None:
    """Give a bare decimal the currency of the next amount when "and" and one word part them and both are written
    with as many decimals: two parallel clauses whose verb or noun is left out of the second ("Espoossa
    keskivuokra on 18,4 ja Vantaalla 18,1 euroa": 18.4 EUR), marked as inferred. A whole number is left alone
    ("in 2019 and then 5 euros"), and so is an amount with a scale."""
    for bare, amount in zip(drafts, drafts[1:]):
        if bare.unit is not None or bare.has_scale or bare.step >= 1 or amount.unit in (None, *NOT_MONEY) \
                or amount.unit_inferred or amount.has_scale or not _written_alike(text, bare, amount):
            continue
        if _AND_ONE_WORD_GAP.fullmatch(text, bare.end, amount.start):
            take_currency(bare, amount)
            bare.unit_inferred = True


def share_currency_with_an_elided_noun(text: str, drafts: list[Draft]) -> None:
    """Give a bare number the currency of the amount before it when a clause that leaves the noun out contrasts
    the two: "најјефтинија паклица ... ће коштати 280 динара, а најскупља 560." (the dearest 560 dinars), marked
    as inferred. The bare number ends its clause, is written like the amount and follows it after a comma, a
    conjunction and at most two words, one of which opens as a word before the amount does ("нај-", the
    superlatives of the contrast): "280 dinara, a prodato je 560" (sold 560) is no price."""
    for amount, bare in zip(drafts, drafts[1:]):
        if bare.unit is not None or bare.has_scale or amount.unit in (None, *NOT_MONEY) or amount.has_scale \
                or not alike_in_shape(bare, amount) or not ends_a_phrase(text, bare.end):
            continue
        gap = _ELIDED_NOUN_GAP.fullmatch(text, amount.end, bare.start)
        if gap is None:
            continue
        openings = {word[:3].lower() for word in _LONG_WORD.findall(text, max(0, amount.start - 80), amount.start)}
        if any(word[:3].lower() in openings for word in _LONG_WORD.findall(text, gap.start() + 2, gap.end())):
            take_currency(bare, amount)
            bare.unit_inferred = True


# A comparison and a definite article before a bare number whose noun is left out: "respecto a los 155", "frente a
# los 400", "par rapport aux 155", "compared with the 155", "au lieu des 450 millions prévus" (instead of the).
_COMPARED_WITH_THE = LazyPattern(
    rf"(?<!{LETTER})(?i:(?:frente|respecto|comparaci[óo]n|comparad[oa]s?)(?:{WS}(?:a|de|con))|par{WS}rapport|"
    rf"compared{WS}(?:with|to)|au{WS}lieu{WS}des|en{WS}lugar{WS}de{WS}los|instead{WS}of{WS}the|"
    # "un 0,08 por 100 más que los 1,258 de la última referencia", "plus que les 155", "more than the 155"
    rf"(?:más|menos){WS}que|(?:plus|moins){WS}que|(?:more|less){WS}than)"
    rf"(?:{WS}(?:los|las|aux|the)|{WS}?(?:a|de)(?=ux?{WS})ux?)?{WS}\Z"
)


def compared_with_the(text: str, start: int) -> bool:
    """Tell whether a comparison and a definite article stand right before ``start``: "au lieu des 450 millions"."""
    return _COMPARED_WITH_THE.search(text, max(0, start - 40), start) is not None


# What may follow that number: the end of its phrase, or the earlier time it is of ("del año anterior", "en 2017").
_OF_AN_EARLIER_TIME = LazyPattern(
    rf"{WS}(?i:del{WS}año{WS}anterior|del{WS}ejercicio{WS}anterior|de{WS}l['’]année{WS}précédente|"
    rf"a{WS}year{WS}(?:earlier|before)|(?:en|de|del|in|of){WS}(?:19|20)\d\d|"
    rf"de{WS}la{WS}(?:última|anterior){WS}referencia|de{WS}la{WS}semana{WS}(?:anterior|pasada)|"
    rf"del{WS}mes{WS}(?:anterior|pasado)|de{WS}la{WS}semaine{WS}(?:précédente|dernière)|"
    # a month: "Ascendió a 1.884.514 euros frente a 1.926.938 de febrero de 2018", "contre 155 en janvier"
    rf"(?:de|en|in|of)(?:{WS}(?:el|la))?{WS}(?i:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
    rf"octubre|noviembre|diciembre|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
    rf"décembre|january|february|march|april|may|june|july|august|september|october|november|december))"
    rf"(?!{LETTER}|\d)"
)


def share_currency_compared_with_an_elided_noun(text: str, drafts: list[Draft]) -> None:
    """Give a bare number the currency and scale of the amount right before it when a comparison and a definite
    article stand before it and its noun is left out: "sumaron 221 millones de euros, respecto a los 155 del año
    anterior" (155 million euros), marked as inferred. The two are written alike; "frente a los 400 millones de
    usuarios" or "respecto a los 155 trabajadores" name what they count and stay apart."""
    latest_money: Draft | None = None
    for before, bare in zip(drafts, drafts[1:]):
        if before.unit not in (None, *NOT_MONEY):
            latest_money = before
        # the latest money before it: "sube a 1,259 euros, un 0,08 por 100 más que los 1,258" (a rate between)
        amount = latest_money or before
        if bare.unit is not None or bare.has_scale or amount.unit in (None, *NOT_MONEY) or amount.minor \
                or not alike_in_shape(bare, amount) \
                or not _COMPARED_WITH_THE.search(text, max(0, bare.start - 40), bare.start) \
                or SENTENCE_BREAK.search(text, amount.end, bare.start) \
                or not (ends_a_phrase(text, bare.end) or _OF_AN_EARLIER_TIME.match(text, bare.end)):
            continue
        take_currency(bare, amount)
        bare.scale, bare.has_scale, bare.unit_inferred = amount.scale, amount.has_scale, True


def share_percent_across_lists(text: str, drafts: list[Draft]) -> None:
    """Give "3,7, 3,8 odsto" and "4,5, 4,6, 4,7 odsto" the percent sign their last item carries, and so the items
    of a list of the same shape, written with as many decimals each after the same word or comma: "Estonia with
    3.43, the United States with 3.38 and Latvia with 3.15 percent", "46,5 odsto ..., 37,9 za nabavke ..., 13,9
    odsto"; a whole number too before "respectively" ("od 35 odnosno 25,7 posto"); and a decimal before "and" and
    one word ("Tampereella 2,8 ja Turussa 2,3 prosenttia")."""
    for index in range(len(drafts) - 2, -1, -1):
        item, following = drafts[index], drafts[index + 1]
        if item.unit is not None or item.has_scale or following.unit != "%":
            continue
        if (item.step < 1 and (_LIST_GAP.fullmatch(text, item.end, following.start)
                               or _items_alike(text, item, following))) \
                or (_RESPECTIVELY_GAP.fullmatch(text, item.end, following.start) and item.mantissa <= 100) \
                or _parallel_rate(text, item, following):
            item.unit = "%"


def _parallel_rate(text: str, item: Draft, following: Draft) -> bool:
    """Tell whether a bare decimal and the next rate are two parallel clauses with the verb left out of the second:
    "and" and one word between them, as many decimals ("Tampereella 2,8 ja Turussa 2,3 prosenttia")."""
    return item.step < 1 and item.step == following.step and item.mantissa <= 100 \
        and _AND_ONE_WORD_GAP.fullmatch(text, item.end, following.start) is not None


def bare_rate(draft: Draft) -> bool:
    """Tell whether a draft could be a rate with its percent left out: a bare decimal up to 100."""
    return draft.unit is None and not draft.has_scale and draft.step < 1 and draft.mantissa <= 100


def next_in_a_list(text: str, item: Draft, following: Draft) -> bool:
    """Tell whether ``following`` is the next item of a list after ``item`` in one sentence: as many decimals, a
    comma or "and" and a few words between them."""
    gap = text[item.end : following.start]
    return item.step == following.step and len(gap.split()) <= 8 and not SENTENCE_BREAK.search(gap) \
        and bool(_LIST_GAP.search(gap))


def _items_alike(text: str, item: Draft, following: Draft) -> bool:
    """Tell whether two decimals are items of one list: a comma or "and" and a few words between them, as many
    decimals, and the same word (or a comma) just before each."""
    gap = text[item.end : following.start]
    if item.step != following.step or item.mantissa >= 100 or following.has_scale or len(gap.split()) > 8 \
            or SENTENCE_BREAK.search(gap) or not _LIST_GAP.search(gap):
        return False
    before_item = _ITEM_LEAD.search(text, max(0, item.start - 40), item.start)
    before_following = _ITEM_LEAD.search(text, max(0, following.start - 40), following.start)
    return before_item is not None and before_following is not None \
        and before_item.group("lead").lower() == before_following.group("lead").lower()


# Between two items of a list of names each with its number: a comma, the next name (capitalised) and at most one
# more word ("ise", "de": Turkish "as for", "too"): "Caner 2, Serdar 4.75, Kadlec ise 4.5 milyon euroya".
_NEXT_NAMED_ITEM_GAP = LazyPattern(rf",{WS}(?P<name>{LETTER}+)(?:{WS}(?P<word>{LETTER}+))?{WS}")
_NAME_BEFORE = LazyPattern(rf"(?<!{LETTER})(?P<name>{LETTER}+){WS}\Z")


def _named_item_gap(text: str, bare: Draft, following: Draft) -> bool:
    """Tell whether a comma and the next capitalised name (and at most one word in lower case) part two items, and a
    capitalised name stands right before the first: "Caner 2, Serdar 4.75"."""
    gap = _NEXT_NAMED_ITEM_GAP.fullmatch(text, bare.end, following.start)
    name = _NAME_BEFORE.search(text, max(0, bare.start - 40), bare.start)
    return gap is not None and name is not None and gap.group("name")[0].isupper() \
        and name.group("name")[0].isupper() and (gap.group("word") is None or gap.group("word").islower())


def _of_one_order(bare: Draft, amount: Draft) -> bool:
    """Tell whether a bare number below a thousand (no year) is within ten times of an amount's number, decimals
    or not: the items of one list of a scale ("2", "4.75" and "4.5 milyon")."""
    return 0 < bare.mantissa < 1000 and not bare.minor and Decimal("0.1") <= bare.mantissa / amount.mantissa <= 10


def share_currency_across_named_items(text: str, drafts: list[Draft]) -> None:
    """Give the bare numbers of a list of names each with its number the scale and currency of its last item, an
    amount with both: "Caner 2, Serdar 4.75, Kadlec ise 4.5 milyon euroya alınmıştı" (2 and 4.75 million EUR),
    marked as inferred. Each item is a capitalised name and a number of the order of the last, commas part them;
    a list whose last item counts something ("Galatasaray 14, ... Trabzonspor da 17 futbolcuyu") is no money."""
    for index in range(len(drafts) - 1, 0, -1):
        amount = drafts[index]
        if amount.unit in (None, *NOT_MONEY) or amount.unit_inferred or not amount.has_scale:
            continue
        following = amount
        for bare in reversed(drafts[:index]):
            if bare.unit is not None or bare.has_scale or not _of_one_order(bare, amount) \
                    or not _named_item_gap(text, bare, following):
                break
            take_currency(bare, amount)
            bare.scale, bare.has_scale, bare.unit_inferred = amount.scale, True, True
            following = bare


# A bare price closing its clause, a comma, a conjunction of contrast and at most three words before the amount of
# the clause that names the currency: "koštaće 207, dok će benzin biti 180 dinara".
_CONTRASTED_CLAUSE_GAP = LazyPattern(
    rf",{WS}(?i:dok|док|dočim|while|whereas|mientras{WS}que|alors{WS}que|während|а|a|ал|ise)(?:{WS}{LETTER}+){{0,3}}{WS}"
)


# A fuel named right before a bare price: "АИ 92 маркалы бензин 205, ал дизель отыны 295 теңге".
_GRADE_OR_ITEM_BEFORE = LazyPattern(rf"(?<!{LETTER})(?i:бензин{LETTER}*|benzin{LETTER}*|дизел{LETTER}*|dizel{LETTER}*|"
                                    rf"diesel|gasolina|gasóleo|essence|gazole|petrol){WS}\Z")


def share_currency_back_across_contrasted_prices(text: str, drafts: list[Draft]) -> None:
    """Give a bare price the currency of the amount of the clause that contrasts with it: "Litar evrodizela koštaće
    207, dok će benzin biti 180 dinara" (207 RSD), marked as inferred. A word that prices stands right before the
    bare number, nothing but the comma after it, and the two are written alike and within twice each other."""
    for bare, amount in zip(drafts, drafts[1:]):
        if bare.unit is not None or bare.has_scale or amount.unit in (None, *NOT_MONEY) or amount.unit_inferred \
                or amount.has_scale or amount.minor or not alike_in_shape(bare, amount):
            continue
        if _CONTRASTED_CLAUSE_GAP.fullmatch(text, bare.end, amount.start) \
                and (prices_right_before(text, bare.start) or _GRADE_OR_ITEM_BEFORE.search(text, max(0, bare.start - 40), bare.start)) \
                and Decimal("0.5") <= bare.mantissa / amount.mantissa <= 2 \
                or _PARALLEL_CLAUSE_GAP.fullmatch(text, bare.end, amount.start) \
                and _same_word_right_before(text, bare.start, amount.start):
            take_currency(bare, amount)
            bare.unit_inferred = True


# Between two parallel clauses, each a number after the same word: a comma, a conjunction of contrast or "and", and
# at most four words, the same word last ("за 626, а највисоката за 3.675 денари", "en 626, y la más alta en 3.675 euros").
_PARALLEL_CLAUSE_GAP = LazyPattern(
    rf",{WS}(?i:dok|док|dočim|while|whereas|mientras{WS}que|alors{WS}que|während|а|a|y|e|et|and|und|i|и|і|та|"
    rf"oraz|și|şi|ve)(?:{WS}{LETTER}+){{0,4}}{WS}"
)
_WORD_RIGHT_BEFORE = LazyPattern(rf"(?<!{LETTER})(?P<word>{LETTER}+){WS}\Z")


def _same_word_right_before(text: str, first: int, second: int) -> bool:
    """Tell whether the same word stands right before two numbers, the two clauses parallel: "се покачува за 626, а
    највисоката за 3.675 денари" (626 MKD), "la más baja en 626, y la más alta en 3.675 euros"."""
    one = _WORD_RIGHT_BEFORE.search(text, max(0, first - 20), first)
    other = _WORD_RIGHT_BEFORE.search(text, max(0, second - 20), second)
    return one is not None and other is not None and one.group("word").lower() == other.group("word").lower()


# A preposition after that number, where no noun follows it: "еще пять в виде бонусов", "another five in bonuses".
_PREPOSITION_AFTER = LazyPattern(rf"{WS}(?:в|во|in|en|as|als|comme|como|u|w|na|за|как)(?!{LETTER})")
# "Another" right before a bare number: "может заработать еще пять в виде бонусов", "could earn another five".
_ANOTHER_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:еще|ещё|another|weitere|otros|otras|encore|još|ще|kolejne|daha"
    # and "additional", "extra": "ќе добијат дополнителни 2000" (after "32.000 денари до 50.000 денари")
    rf"|additional|extra|further|дополнителни|додатни|уште|dodatnih|dodatni|dodatnu|dodatne|додатних|додатни|"
    rf"дополнительные|дополнительно|додаткові|додатково|dodatkowe|dodatkowo|dodatkowych|suplimentari|încă|"
    rf"adicionales|supplémentaires|zusätzliche|zusätzlich|ylimääräiset|lisäksi){WS}\Z"
)


def share_scale_and_currency_with_another(text: str, drafts: list[Draft]) -> None:
    """Give a bare number after "another" the scale and currency of the amount before it in its sentence: "«Челси»
    получил за игрока 32 млн евро, и может заработать еще пять в виде бонусов" (5 million EUR), marked as
    inferred. It is of the amount's order, and its phrase ends or a preposition follows it: "еще пять игроков"
    count players."""
    for amount, bare in zip(drafts, drafts[1:]):
        if bare.unit is not None or bare.has_scale or amount.unit in (None, *NOT_MONEY) \
                or amount.minor or not (_of_one_order(bare, amount) if amount.has_scale else _near_in_value(bare, amount)) \
                or SENTENCE_BREAK.search(text, amount.end, bare.start) \
                or not _ANOTHER_BEFORE.search(text, max(0, bare.start - 16), bare.start) \
                or counts_something(text, bare.end) \
                or not (ends_a_phrase(text, bare.end) or _PREPOSITION_AFTER.match(text, bare.end)):
            continue
        take_currency(bare, amount)
        bare.unit_inferred = True
        if amount.has_scale:
            bare.scale, bare.has_scale = amount.scale, True


# After a bare number, "per" and what it is paid for: "25 po obavljenom poslu", "2 per year", "50 за каждый".
_PER_ITEM_AFTER = LazyPattern(rf"{WS}(?i:po|per|за|на|pro|par|por|each|każdy|fiecare)(?!{LETTER})")
# Between an amount and that bare number: a comma after at most one word ("75 tisuća eura mita, 25 po").
_SHARE_GAP = LazyPattern(rf"(?:{WS}{LETTER}+)?,{WS}")


def share_scale_and_currency_with_a_share_per_item(text: str, drafts: list[Draft]) -> None:
    """Give a bare number right after an amount with a scale, smaller than it and of its order, with "per" after
    it, the amount's scale and currency: a part of the sum paid per item ("Beroš primio 75 tisuća eura mita, 25
    po obavljenom poslu": 25,000 EUR), marked as inferred."""
    for amount, bare in zip(drafts, drafts[1:]):
        if bare.unit is None and not bare.has_scale and amount.unit not in (None, *NOT_MONEY) and amount.has_scale \
                and not amount.minor and _of_one_order(bare, amount) and bare.mantissa < amount.mantissa \
                and _SHARE_GAP.fullmatch(text, amount.end, bare.start) and _PER_ITEM_AFTER.match(text, bare.end):
            take_currency(bare, amount)
            bare.scale, bare.has_scale, bare.unit_inferred = amount.scale, True, True


def take_percent_of_a_rate_named_again(text: str, drafts: list[Draft]) -> None:
    """Give a bare number closing its phrase the percent of an earlier rate of its text with the same value and the
    same word right before it: the rate named again with its sign left out ("skuplja za osam odsto ... poskupela za
    osam, a prema": 8 %)."""
    rates = [draft for draft in drafts if draft.unit == "%" and not draft.has_scale]
    if not rates:
        return
    for bare in drafts:
        if bare.unit is not None or bare.has_scale or not ends_a_phrase(text, bare.end):
            continue
        if any(rate.end <= bare.start and rate.mantissa == bare.mantissa
               and _same_word_right_before(text, rate.start, bare.start) for rate in rates):
            bare.unit = "%"


def share_currency_back_between_amounts_in_words(text: str, drafts: list[Draft]) -> None:
    """Give an amount in words of a million or more, closed by a comma or "or", the currency of the amount in words
    of the same thousands' power a few words after it: "a billion, maybe two billion dollars", "un milliard, voire
    deux milliards d'euros"; marked as inferred."""
    for bare, amount in zip(drafts, drafts[1:]):
        if bare.unit is None and amount.unit not in (None, *NOT_MONEY) and not amount.unit_inferred \
                and bare.mantissa * bare.scale >= 1_000_000 and _alphabetic_words(text[bare.start : bare.end]) \
                and _thousands_power(bare) == _thousands_power(amount) and CLOSES_AN_AMOUNT.match(text, bare.end) \
                and not SENTENCE_BREAK.search(text, bare.end, amount.start) \
                and len(text[bare.end : amount.start].replace(",", " ").split()) <= 3:
            bare.unit, bare.unit_inferred = amount.unit, True


def _alphabetic_words(written: str) -> bool:
    """Tell whether a figure is written in words of an alphabet ("a billion"), not in CJK numerals ("近千万": a loss
    near ten million, no alternative of the balance after it)."""
    return written.replace(" ", "").isalpha() and all(char < "\u0590" for char in written)


def _thousands_power(draft: Draft) -> int:
    """Return the power of a thousand an amount is of: 3 for "a billion" and "2,5 milliards"."""
    value, power = draft.mantissa * draft.scale, 0
    while value >= 1000:
        value, power = value / 1000, power + 1
    return power


def _near_in_value(bare: Draft, amount: Draft) -> bool:
    """Tell whether a bare number is within a hundredth and ten times of an amount written without a scale: an
    amount added to it ("50.000 денари ... дополнителни 2000"), not a count of another order."""
    return amount.mantissa > 0 and not bare.minor and Decimal("0.01") <= bare.mantissa / amount.mantissa <= 10


def share_percent_forward_across_lists(text: str, drafts: list[Draft]) -> None:
    """Give the bare decimals of a list whose first item alone carries the percent the percent too: "во просек за
    13,384 отсто, кај дизелот за 36,134, кај екстра лесното масло за 32,102" (36.134 % and 32.102 %). Each is
    written with as many decimals as the item before it, after the same word, a comma or "and" and a few words
    apart, in one sentence."""
    item: Draft | None = None
    for draft in drafts:
        if draft.unit == "%" and not draft.has_scale and draft.step < 1:
            item = draft
        elif item is not None and bare_rate(draft) and _items_alike(text, item, draft):
            draft.unit, item = "%", draft
        elif draft.unit is not None or draft.has_scale:
            item = None


# A comma and a capitalised word in a case between two items, each after its place: ", Нұр-Сұлтанда ".
_PLACE_ITEM_GAP = LazyPattern(rf",{WS}(?P<place>[A-ZА-ЯӘҒҚҢӨҰҮҺІ](?:{LETTER}|-)+){WS}\Z")
_PLACE_BEFORE = LazyPattern(rf"(?<!{LETTER})(?P<place>[A-ZА-ЯӘҒҚҢӨҰҮҺІ](?:{LETTER}|-)+){WS}\Z")


def share_currency_across_places(text: str, drafts: list[Draft]) -> None:
    """Give a bare whole number the currency of the next amount when each follows a place in the same case and a
    comma parts them: "Ал Алматыда 151, Нұр-Сұлтанда 152 теңге" (in Almaty 151, in Nur-Sultan 152 tenge: 151
    KZT), marked as inferred. Both are whole, with as many digits and no scale."""
    for bare, amount in zip(drafts, drafts[1:]):
        if bare.unit is not None or bare.has_scale or bare.step < 1 or amount.unit in (None, *NOT_MONEY) \
                or amount.unit_inferred or amount.has_scale or amount.minor or amount.step < 1 \
                or bare.end - bare.start != len(str(int(amount.mantissa))) or not alike_in_shape(bare, amount) \
                or YEAR.fullmatch(text[bare.start : bare.end]):
            continue
        second = _PLACE_ITEM_GAP.fullmatch(text, bare.end, amount.start)
        first = _PLACE_BEFORE.search(text, max(0, bare.start - 40), bare.start)
        if second and first and len(first.group("place")) > 3 \
                and first.group("place")[-2:] == second.group("place")[-2:]:
            take_currency(bare, amount)
            bare.unit_inferred = True


# A comma or "and" and a capitalised place between two items of a list, each after its place: ", Tampereella ",
# " ja Oulussa ", " және Астанада ".
_PLACE_LIST_GAP = LazyPattern(
    rf"(?:,|{WS}(?:and|ja|und|i|и|і|та|ve|және|et|y|și|şi|a|oraz)){WS}"
    rf"(?P<place>[A-ZÄÖÜА-ЯӘҒҚҢӨҰҮҺІ](?:{LETTER}|-)+){WS}\Z"
)


# The local cases of a place, whose vowels follow the word's: Finnish "Helsingissä", "Tampereella", Kazakh
# "Алматыда", "Шымкентте", Turkish "Ankara'da".
_LOCAL_CASE_ENDINGS = ("ssa", "ssä", "lla", "llä", "da", "de", "ta", "te", "да", "де", "та", "те")


def _places_alike(first: str, second: str) -> bool:
    """Tell whether two capitalised words are places in one case: the same last two letters, or a local case each."""
    if len(first) <= 3 or len(second) <= 3:
        return False
    return first[-2:] == second[-2:] or (first.endswith(_LOCAL_CASE_ENDINGS) and second.endswith(_LOCAL_CASE_ENDINGS))


def share_unit_back_across_places(text: str, drafts: list[Draft]) -> None:
    """Give the bare whole numbers of a list of places the currency or percent of its last item: "Opiskelija-alennus
    on Turussa 30, Tampereella 25 ja Oulussa 20 prosenttia" (30 % and 25 %), "Алматыда 151, Нұр-Сұлтанда 152 теңге".
    Each item follows a capitalised place in the case of the others; a comma or "and" parts them; each is written
    as the last is (as many decimals, no scale, within ten times it); marked as inferred."""
    for index in range(len(drafts) - 1, 0, -1):
        last = drafts[index]
        if last.unit is None or last.unit in ("x", "pp") or last.unit_inferred or last.has_scale or last.minor:
            continue
        later = last
        for bare in reversed(drafts[:index]):
            gap = _PLACE_LIST_GAP.fullmatch(text, bare.end, later.start)
            place = _PLACE_BEFORE.search(text, max(0, bare.start - 40), bare.start)
            if bare.unit_inferred and bare.unit == last.unit and gap is not None:
                later = bare  # an item an earlier rule gave the same currency: the list goes on
                continue
            if gap is None or place is None or bare.unit is not None or bare.has_scale \
                    or not alike_in_shape(bare, last) or YEAR.fullmatch(text[bare.start : bare.end]) \
                    or not _places_alike(place.group("place"), gap.group("place")):
                break
            take_currency(bare, last)
            bare.unit_inferred, later = True, bare


# An earlier time's figure in parentheses right after a rate: "auf 6,3 (Februar: 6,2) Prozent", "(Vorjahr: 5,9)".
_COMPARED_ASIDE_OPEN = LazyPattern(rf"{WS}?\({LETTER}+\.?(?:{WS}{LETTER}+\.?|{WS}\d{{4}})?:{WS}?")


def share_percent_into_a_compared_aside(text: str, drafts: list[Draft]) -> None:
    """Give a bare decimal in parentheses after a label and a colon the percent of the rate just before it, written
    with as many decimals: "Die Arbeitslosenquote erhöhte sich auf 6,3 (Februar: 6,2) Prozent" (6.2 %)."""
    for rate, item in zip(drafts, drafts[1:]):
        if rate.unit == "%" and not rate.has_scale and bare_rate(item) and item.step == rate.step \
                and _COMPARED_ASIDE_OPEN.fullmatch(text, rate.end, item.start) and text[item.end : item.end + 1] == ")":
            item.unit = "%"
