"""A currency carried along a sentence: an amount whose currency was written only with another amount of its
sentence takes it ("884,3 millones de dólares ... 849,1 millones", "2.414 milijardi i ... 2.751 milijardu dinara"),
and so do the bare numbers of parallel phrases and of a list dated by years; each rule says when a number is a
count or a measure that no currency reaches."""

from __future__ import annotations

from decimal import Decimal

from archive.figures.drafts import (CLOSES_AN_AMOUNT, GROUPED, NOT_MONEY, RANGE_GAP, SENTENCE_BREAK, YEAR, Draft,
                                    ends_a_phrase, scale_of)
from archive.figures.lists import alike_in_shape, compared_with_the, take_currency
from archive.figures.surroundings import LETTER, WS, tokens_before
from archive.figures.sentence_topics import names_a_rate_or_a_measure
from archive.figures.table_headings import take_currency_of_a_caption
from archive.figures.units import counts_something, names_a_currency_unresolved, names_a_thing
from archive.figures.vocabulary import COUNTED_NOUNS
from archive.patterns import LazyPattern

# A sentence's end as SENTENCE_BREAK finds it, but not at a semicolon, which parts the items of a list.
HARD_BREAK = LazyPattern(r"[!?。！？]|\.\s+(?:[-–—]\s+)?(?=[A-ZА-ЯЁІЇЄ«\"“„])|\n")


# After a scale, "de" and a noun in the singular: what an amount of money is of ("852,6 millions de redressement",
# "3 millones de déficit"), never what is counted, which French, Spanish and Romanian write in the plural
# ("2 millions de personnes", "de tonnes"); a lower-case word of letters alone, not "de m3".
_MASS_NOUN_AFTER = LazyPattern(rf"{WS}(?:de|d['’]){WS}?(?P<noun>[a-zàâçéèêëîïôûùüÿñæœ]{{4,}}[a-zàâçéèêëîïôûùüÿñæœ-]*?(?<![sx]))(?!{LETTER}|[-‑])")


# Singular nouns that count people all the same: "4 millones de gente" is no money.
_COLLECTIVE_NOUNS = frozenset("gente gens population población populación populație personnel personal público "
                              "public lume".split())


# Plural nouns of sums of money, after "de": "près de 4 milliards de pénalités" (penalties are paid in the money
# before), "2 millones de ingresos".
_OF_MONEY_NOUNS_AFTER = LazyPattern(
    rf"{WS}(?:de|d['’]){WS}?(?i:pénalités|amendes|recettes|dépenses|dettes|économies|subventions|bénéfices|pertes|"
    rf"impôts|taxes|ingresos|gastos|pérdidas|beneficios|deudas|impuestos|multas|subvenciones|ahorros)(?!{LETTER})"
)


# A word saying the amount is more of the money before: "deux milliards d’euros, avec ... 300 millions
# supplémentaires", "900 millones adicionales", "300 million more", "300 миллионов дополнительно".
_MORE_OF_IT_AFTER = LazyPattern(
    rf"{WS}(?i:supplémentaires?|additionnels?|de{WS}plus|adicionales|más|additional|more|extra|zusätzlich|"
    rf"mehr|дополнительно|додатково|dodatno|више|više|więcej|dodatkowo|suplimentari|în{WS}plus)(?!{LETTER})"
)


def _more_of_it_after(text: str, end: int) -> bool:
    """Tell whether a word of "more" follows an amount and nothing it counts follows that ("2 million more people")."""
    more = _MORE_OF_IT_AFTER.match(text, end)
    return more is not None and not counts_something(text, more.end())


def _of_a_mass_noun(text: str, end: int) -> bool:
    """Tell whether "de" and a singular noun that counts nobody follow an amount: "852,6 millions de redressement"."""
    found = _MASS_NOUN_AFTER.match(text, end)
    return found is not None and found.group("noun") not in _COLLECTIVE_NOUNS \
        and found.group("noun") not in COUNTED_NOUNS


def carry_currency_forward(text: str, drafts: list[Draft]) -> None:
    """Give an amount with a scale but no currency the currency of an earlier amount of its sentence
    ("884,3 millones de dólares ... 849,1 millones", "cinco euros ... 1,5 millones"), marked as inferred, unless
    what follows it is counted or measured ("1.23 million hours", "2 млн тонн"; but "4 milliards de pénalités" are
    sums of money), or, when its scale is not that of the money before, unless any word follows it but a
    conjunction or a copula, a year, a period it is counted by ("al año") or sums of money, or a comparison stands
    before it ("à 1,2 milliard d’euros, au lieu des 450 millions prévus") ("100 milyar doları aşan 1400 projeyle
    100 bine yakın kişinin": 100,000 people). Nor does it reach
    an amount of the scale of a count left without it since the money ("40 bin seyirci vardı, 2023'te 30 bin")."""
    money: Draft | None = None
    counted_scales: set[Decimal] = set()  # the scales of the counts since the money: "40 bin seyirci ... 30 bin"
    for draft in drafts:
        listed = False  # an item of a list whose items a semicolon parts: "Ferroser, con 5,7 millones; Sacyr, ..."
        if money is not None and SENTENCE_BREAK.search(text, money.end, draft.start):
            listed = not HARD_BREAK.search(text, money.end, draft.start) \
                and scale_of(draft) == scale_of(money) and ends_a_phrase(text, draft.end)
            money = money if listed else None
        if draft.unit not in (None, *NOT_MONEY):
            # "(1,76 milliard d'euros)" converts the money before, it does not set; with no money before in its
            # sentence it does: "TV Pink (48 miliona dinara) i Superstar TV (4,1 milion)"
            if text[draft.start - 1 : draft.start] != "(" or money is None:
                money, counted_scales = draft, set()
        elif money is not None and draft.unit is None and draft.has_scale \
                and (_OF_MONEY_NOUNS_AFTER.match(text, draft.end) or not _counted(text, draft)) \
                and not _CJK_COUNT_BEFORE.search(text, max(0, draft.start - 14), draft.start) \
                and not _COUNT_NAMED_BEFORE.search(text, max(0, draft.start - 50), draft.start) \
                and not _finnish_count_before(text, draft.start) \
                and not names_a_thing(text, draft.end) and not _MEASURE_AFTER.match(text, draft.end) \
                and scale_of(draft) not in counted_scales \
                and (scale_of(draft) == scale_of(money) or ends_a_phrase(text, draft.end)
                     or _of_a_mass_noun(text, draft.end) or _DATED_BY_YEAR.match(text, draft.end)
                     or _counted_by_a_period(text, draft.end) or compared_with_the(text, draft.start)
                     or _OF_WHICH_BEFORE.search(text, max(0, draft.start - 30), draft.start)
                     or _OF_MONEY_NOUNS_AFTER.match(text, draft.end) or _more_of_it_after(text, draft.end)
                     or _same_short_word_after(text, draft, money)) \
                and not names_a_currency_unresolved(text, draft.end) \
                and not _lower_bound_of_a_measure(text, draft, drafts):
            draft.unit, draft.unit_inferred = money.unit, True
        elif money is not None and _bare_amount_like(text, draft, money):
            draft.unit, draft.unit_inferred = money.unit, True  # "4 600 000 euroa ja ensi vuodelle 3 400 000."
        elif money is not None and _price_for_like(text, draft, money):
            draft.unit, draft.unit_inferred = money.unit, True  # "ЕУРОСУПЕР-98 се продава за 47,50."
        elif money is not None and _price_per_like(text, draft, money):
            draft.unit, draft.unit_inferred = money.unit, True  # "25,044 гривны за кубометр, а ... 40,512 за куб"
        elif money is not None and _difference_like(text, draft, money):
            take_currency(draft, money)  # "zapłacą 12,92 zł za metr sześcienny - o 1,27 więcej"
            draft.unit_inferred = True
        elif listed:
            money = None
        if money is not None and draft.unit is None and draft.has_scale:
            counted_scales.add(scale_of(draft))  # a count the currency did not reach: the next alike is one too


def _lower_bound_of_a_measure(text: str, draft: Draft, drafts: list[Draft]) -> bool:
    """Tell whether an amount is the lower bound of a range whose upper bound is measured or counts something
    ("z 35,3 do 33,8 mld hl" after "3,53 mld zł": hectolitres, no money)."""
    gap = RANGE_GAP.match(text, draft.end)
    if gap is None:
        return False
    upper = next((other for other in drafts if other.start == gap.end()), None)
    return upper is not None and upper.unit is None \
        and bool(_MEASURE_AFTER.match(text, upper.end) or _counted(text, upper))


# Spanish and French scale words that are nouns: what they count follows "de" ("100 millones de personas"), so a
# plural right after one agrees with it ("de los 100 millones establecidos como precio de salida"), it counts nothing.
_ROMANCE_SCALE_NOUN = LazyPattern(rf"(?<!{LETTER})(?i:millones|millón|millardos|billones|millions|milliards)\Z")
_DE_AFTER = LazyPattern(rf"{WS}(?:de|d['’])(?!{LETTER})")


# Chinese, Japanese and Korean name what a number counts before it, in its clause: "观影人次达到1.87亿" (187 million
# admissions, after the box office's yuan), "観客動員1000万人", "누적관객수 1045만", and the words for a number of
# things: "总捐赠账户数量达到26.918万" (accounts, after dollar amounts), "口座数", "件数", "가입자 수".
_CJK_COUNT_BEFORE = LazyPattern(r"(?:人次|人数|人數|人口|观众|觀眾|観客|动员|動員|관객|인구|数量|數量|总数|總數|户数|戶數|"
                                r"件数|件數|次数|次數|家数|家數|个数|個數|口座数|社数|台数|건수|가입자|계좌 ?수|가구 ?수|"
                                # people: "受益群众达200万", "利用者は200万人", "관람객 200만"
                                r"群众|群眾|居民|用户|用戶|会员|會員|游客|遊客|旅客|学生|學生|患者|员工|員工|职工|職工|"
                                r"农户|農戶|利用者|参加者|来場者|世帯|이용자|관람객|방문객|회원|주민|학생|환자)"
                                r"[^,，。;；、\d]{0,8}\Z")


# The word for "the number of" before an amount, at most four words between: what follows counts, it is no money
# ("cirosu 1,5 milyar lira, çalışan sayısı 2 bin", "die Mitarbeiterzahl stieg auf 2 Millionen", "le nombre de
# visiteurs: 2 millions", "количество абонентов 2 млн").
_COUNT_NAMED_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:sayısı|sayısının|adedi|саны|sany|{LETTER}*zahl|anzahl|määrä|lukumäärä|number|nombre|número|"
    rf"число|количество|численность|кількість|чисельність|liczba|broj|број|numărul|бројот)"
    rf"(?:{WS}{LETTER}+){{0,4}}{WS}?:?{WS}\Z"
)


# "Of which" before a part of the amount before: "1,5 трлн теңге, оның ішінде 300 млрд білім беруге", "davon 300
# Millionen für Schulen", "joista 300 miljoonaa", "bunun 300 milyonu".
_OF_WHICH_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:оның{WS}ішінде|onyń{WS}ishinde|davon|darunter|joista|josta|bunun|of{WS}which|including|"
    rf"в{WS}том{WS}числе|з{WS}них|dont|de{WS}los{WS}cuales|w{WS}tym|od{WS}toga|од{WS}тоа|din{WS}care)"
    rf"(?:{WS}{LETTER}+)?{WS}\Z"
)


# Finnish names what it counts before "on" (there are) in the plural partitive: "käyttäjiä on 2 miljoonaa" (users:
# 2 million); "euroja on 2 miljoonaa" is money.
_FINNISH_PLURAL_THEN_ON = LazyPattern(rf"(?<!{LETTER})(?P<noun>{LETTER}{{3,}}[ij][aä]){WS}on{WS}\Z")
_FINNISH_CURRENCY_STEMS = ("euro", "dollar", "punt", "kruunu", "jeni", "rupla", "frang", "senti")


def _finnish_count_before(text: str, start: int) -> bool:
    """Tell whether a Finnish plural partitive and "on" stand right before an amount, naming what it counts."""
    found = _FINNISH_PLURAL_THEN_ON.search(text, max(0, start - 30), start)
    return found is not None and not found.group("noun").lower().startswith(_FINNISH_CURRENCY_STEMS)


def _counted(text: str, draft: Draft) -> bool:
    """Tell whether the word after an amount with a scale is what it counts ("1.23 million hours", "2 млн тонн")."""
    more = _MORE_OF_IT_AFTER.match(text, draft.end)  # "2 million more visitors": what it counts is after "more"
    if not counts_something(text, more.end() if more else draft.end):
        return False
    return not (_ROMANCE_SCALE_NOUN.search(text, draft.start, draft.end) and not _DE_AFTER.match(text, draft.end))


# A measure after an amount, which no carried currency reaches: "3 millions de m3", "2 млн т".
_MEASURE_AFTER = LazyPattern(
    rf"{WS}(?:(?:de|of){WS}|d['’])?(?:m3|m³|m2|m²|km2|km²|km|kg|t|l|hl|ha|kWh|MWh|GWh|TWh|т|кг|км|га|"
    rf"(?i:litres?|liters?|litros|hectares?|hectáreas|barils|barriles|barrels))(?!{LETTER}|\d)"
)


# A word of comparison right after a difference: "o 1,27 więcej", "1,27 more", "1,27 mehr", "1,27 de plus".
MORE_OR_LESS_AFTER = LazyPattern(
    rf"{WS}(?:więcej|mniej|more|less|mehr|weniger|(?:de{WS})?plus|(?:de{WS})?moins|más|menos|više|manje|више|"
    rf"помалку|повеќе|больше|меньше|більше|менше|enemmän|vähemmän|mai{WS}mult|mai{WS}puțin|fazla|eksik)"
    rf"(?!{LETTER})"
)

# "By" before a difference: "o 1,27 więcej", "by 1.27 more", "um 1,27 mehr", "de 1,27 de plus", "за 1,27 више".
_BY_BEFORE = LazyPattern(rf"(?<!{LETTER})(?i:o|by|um|de|en|za|на|за|cu|од){WS}\Z")


def _difference_like(text: str, draft: Draft, money: Draft) -> bool:
    """Tell whether a bare decimal is the difference of the prices before it in its sentence: written with as many
    decimals as the amount of money before it and less than it, neither with a scale, and a word of comparison
    right after it, "by" before it ("Łącznie mieszkańcy zapłacą 12,92 zł za metr sześcienny - o 1,27 więcej": 1.27 PLN)."""
    return draft.unit is None and not draft.has_scale and not money.has_scale and draft.step < 1 \
        and draft.step == money.step and not money.minor and 0 < draft.mantissa < money.mantissa \
        and MORE_OR_LESS_AFTER.match(text, draft.end) is not None \
        and _BY_BEFORE.search(text, max(0, draft.start - 6), draft.start) is not None


# "For" right before a price: "се продава за 47,50", "prodaje se za 47,50", "sold for 47.50", "vendu pour 47,50".
_FOR_BEFORE = LazyPattern(rf"(?<!{LETTER})(?i:за|za|for|pour|por|für){WS}\Z")


def _price_for_like(text: str, draft: Draft, money: Draft) -> bool:
    """Tell whether a bare decimal closing its phrase after "for" is a price in the currency of the price before it
    in its sentence, written with as many decimals: "Новата цена на ЕУРОСУПЕР-95 е 46,50 денари за литар,
    ЕУРОСУПЕР-98 се продава за 47,50." (47.50 MKD). A whole number ("for 5") is left alone."""
    return draft.unit is None and not draft.has_scale and not money.has_scale and not money.minor \
        and draft.step < 1 and draft.step == money.step and alike_in_shape(draft, money) \
        and ends_a_phrase(text, draft.end) and not counts_something(text, draft.end) \
        and _FOR_BEFORE.search(text, max(0, draft.start - 6), draft.start) is not None


# "Per" and a unit after a price: "гривны за кубометр", "40,512 за куб", "din po kubiku", "euros par mois".
_PER_A_UNIT_AFTER = LazyPattern(rf"{WS}(?:за|на|per|za|po|pro|par|por|pe|pour){WS}{LETTER}")


def _price_per_like(text: str, draft: Draft, money: Draft) -> bool:
    """Tell whether a bare decimal is a price per unit as the price before it in its sentence is: written with as
    many decimals, "per" and a unit after both: "платят за водоснабжение 25,044 гривны за кубометр, а за водоотвод
    воды – 40,512 за куб" (40.512 UAH)."""
    return draft.unit is None and not draft.has_scale and not money.has_scale and not money.minor \
        and draft.step < 1 and draft.step == money.step and alike_in_shape(draft, money) \
        and _PER_A_UNIT_AFTER.match(text, draft.end) is not None \
        and _PER_A_UNIT_AFTER.match(text, money.end) is not None


def _bare_amount_like(text: str, draft: Draft, money: Draft) -> bool:
    """Tell whether a bare number closing its phrase is written as the amount of money before it in its sentence,
    grouped in thousands as it is, and so is an amount of the same currency: "kuluvalle vuodelle on budjetoitu
    4 600 000 euroa ja ensi vuodelle 3 400 000." ("3 000 asukasta" counts; "in 2024" is no amount)."""
    return draft.unit is None and not draft.has_scale and not money.has_scale and draft.mantissa >= 10_000 \
        and GROUPED.search(text, draft.start, draft.end) is not None and alike_in_shape(draft, money) \
        and (ends_a_phrase(text, draft.end)  # or set beside it: "580.000 euros pour 290.000 aux finalistes"
             or _FOR_BEFORE.search(text, max(0, draft.start - 6), draft.start) is not None
             or _same_short_word_after(text, draft, money)) \
        and not counts_something(text, draft.end) and not names_a_thing(text, draft.end) \
        and not _MEASURE_AFTER.match(text, draft.end)


# A word before a bare number that makes it a count, a date or a name, not an amount: "за номером 1539", "до 15
# числа", "section two", "art. 102", "Loto 5 din 40", "Eurosuper 95 i 98".
_NO_AMOUNT_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:art|section|număr|numărul|номером|номер|бројот|број|broj|numer|number|no|nr|tel|din|"
    rf"super|eurosuper|euro-?super|octanos?|oktana|аи|ai|e)\.?{WS}\Z"
)


def _bare_amount_closing_a_phrase(text: str, draft: Draft, money: Draft, previous: Draft) -> bool:
    """Tell whether a bare number that closes its phrase (a comma, "and", the sentence's end, a closing parenthesis)
    is another amount of the money written earlier in its sentence: written alike (as many decimals, or both whole,
    and within ten times of it), neither a year nor a count or a measure: "Lignje 140 kuna, pišmolji 60, škampi
    170", "pasó de estar a 2,87 euros ... hasta los 3,69", "Madrid (639)" after "744 millones de euros" (the scale
    is carried too), "RTS (around 1.8)" after "2.7 million euros". A whole number outside parentheses must stand
    where another amount would (``_placed_as_another_amount``); ``previous`` is the amount of the sentence before it."""
    if draft.unit is not None or draft.has_scale or draft.minor or money.minor or draft.range_bound:
        return False
    if _another_estimate_in_parentheses(text, draft, money):
        return True  # "7,6 millones de euros de recaudación (8 según Universal, la distribuidora del filme)"
    if not alike_in_shape(draft, money) or (draft.step >= 1 and YEAR.fullmatch(text, draft.start, draft.end)):
        return False
    in_a_place = _IN_A_PLACE_AFTER.match(text, draft.end) is not None  # "de Asturias": a place, nothing counted
    if not (ends_a_phrase(text, draft.end) or text[draft.end : draft.end + 1] == ")"
            or _same_short_word_after(text, draft, previous) or in_a_place):
        return False
    if names_a_rate_or_a_measure(text, max(previous.end, draft.start - 30), draft.start):
        return False  # "2,50 euros et la note moyenne 3,75", "a inflacija 2,40"
    if {word.strip(":,") for word in tokens_before(text, draft.start, 1)} & COUNTED_NOUNS:
        return False  # "Ulaznica je 50 kuna, posjetitelja 300": what is counted, named before
    if draft.step >= 1 and draft.mantissa < 100 and _A_NAME_THEN_PARENTHESIS.search(text, max(0, draft.start - 40),
                                                                                   draft.start):
        return False  # "al director Juan Pérez (56)": an age after a person's name
    if draft.step >= 1 and text[draft.start - 1 : draft.start] != "(" \
            and not _placed_as_another_amount(text, draft, previous):
        return False  # "Cena je 280 dinara, a prodato je 560" (sold 560): a whole number needs its place
    return (in_a_place or not counts_something(text, draft.end)) and not names_a_thing(text, draft.end) \
        and not _MEASURE_AFTER.match(text, draft.end) \
        and not _COUNT_NAMED_BEFORE.search(text, max(0, draft.start - 50), draft.start) \
        and not _NO_AMOUNT_BEFORE.search(text, max(0, draft.start - 12), draft.start)


# "According to" after a number: the same amount as another source gives it ("(8 según Universal", "(8 selon
# Universal", "(8 according to Universal", "(8 prema procjeni", "(8 по данным").
_ACCORDING_TO_AFTER = LazyPattern(
    rf"{WS}(?i:según|segun|selon|d['’]après|according{WS}to|laut|prema|po{WS}podacima|по{WS}данным|за{WS}даними|"
    rf"према|potrivit|według|conform)(?!{LETTER})"
)
# Between an amount of money and a parenthesis opening: at most three words and no number ("de recaudación (").
_WORDS_THEN_PARENTHESIS = LazyPattern(rf"(?:{WS}{LETTER}+){{0,3}}{WS}?\(")


def _another_estimate_in_parentheses(text: str, draft: Draft, money: Draft) -> bool:
    """Tell whether a bare number opening a parenthesis right after an amount of money gives it as another source
    does, "according to" after it and of the same order ("7,6 millones de euros de recaudación (8 según Universal":
    8 million EUR)."""
    return text[draft.start - 1 : draft.start] == "(" and _ACCORDING_TO_AFTER.match(text, draft.end) is not None \
        and _WORDS_THEN_PARENTHESIS.fullmatch(text, money.end, draft.start) is not None \
        and Decimal("0.5") <= draft.mantissa / money.mantissa <= 2


# A first name and a surname, each capitalised, right before a parenthesis: "Juan Pérez (", "Ivan Horvat (".
_A_NAME_THEN_PARENTHESIS = LazyPattern(r"(?<![^\W\d_])[A-ZÀ-ÞА-ЯЁІЇЄČĆŠŽĐŁŚŻ][^\W\d_]+ [A-ZÀ-ÞА-ЯЁІЇЄČĆŠŽĐŁŚŻ][^\W\d_]+ ?\(\Z")


# Any full stop and a space end a sentence here, whatever follows: Korean and Chinese have no capitals ("입건했다. 해외에").
# A semicolon parts the items of a list, not sentences: "kruh 8 kuna; mlijeko 7; jaja 15".
_ANY_SENTENCE_BREAK = LazyPattern(r"[!?。！？]|\.\s|\n")


def carry_currency_to_bare_amounts(text: str, drafts: list[Draft]) -> None:
    """Give a bare number that closes its phrase the currency (and scale) of the last amount of money before it in
    its sentence, when it is written alike: the last of the rules that carry a currency, for what the lists, pairs
    and ranges left bare ("Lignje 140 kuna, pišmolji 60, škampi 170"; "Madrid (639)" after "744 millones de
    euros"), marked as inferred."""
    moneys: list[Draft] = []  # the amounts of money of the sentence so far, the latest last
    for draft in drafts:
        if moneys and _ANY_SENTENCE_BREAK.search(text, moneys[-1].end, draft.start):
            moneys = []
        if draft.unit not in (None, *NOT_MONEY):
            moneys.append(draft)
        elif moneys and draft.unit is None:
            # the latest written alike: "el besugo caro, a veinte euros, y la bacaladilla ..., a 1,35" after "2,60 euros"
            money = next((money for money in reversed(moneys)
                          if _bare_amount_closing_a_phrase(text, draft, money, moneys[-1])), None)
            if money is not None:
                carry_amount_of(draft, money)
                moneys.append(draft)


# One word between a comma and the number: the next item of a list of prices ("Lignje 140 kuna, pišmolji 60").
_ONE_WORD_ITEM_GAP = LazyPattern(rf"[,;]{WS}(?:(?:a|i|y|et|and|und|и|і|та|și|ja|oraz|e|а|но|ali|but|mais|pero|aber|"
                                 rf"ale|dar|ama){WS})?{LETTER}+(?:{WS}[—–-]|:)?{WS}")  # "а дизель — 55"
# "Now" or "then", and a copula, before the number: "Ranije je srdela bila oko 3 eura, 20 kuna, sada je 30".
_NOW_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:sada|sad|сада|сега|now|today|ahora|hoy|maintenant|aujourd['’]hui|jetzt|heute|сейчас|теперь|"
    rf"зараз|тепер|teraz|dziś|acum|azi|astăzi|danas|данас|денес)(?:{WS}(?:je|је|е|is|es|est|ist|jest|este|su|су))?{WS}\Z"
)
_COPULAS = frozenset("je је е is es est ist jest este su су был была было были".split())
# A verb of price right before the number: "umesto 260 dinara košta 270", "au lieu de 17 euros, coûte 22".
_COSTS_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:košta|kosta|кошта|чини|costs?|coûte|coûtent|cuesta|cuestan|kostet|kosten|kosztuje|kosztują|"
    rf"стоит|стоят|коштує|коштують|costă|costa|kostaa)(?:{WS}(?:je|је|е|sada|сега|now|ahora|teraz|сейчас|тепер|acum|"
    rf"maintenant|jetzt|nun|već|vec))?{WS}\Z"
)
# "Instead of" between a bare number and the amount of money after it: "15 statt bisher zehn Euro", "270 umesto 260
# dinara", "22 au lieu de 17 euros", "15 instead of 10 pounds".
_INSTEAD_OF_GAP = LazyPattern(
    rf"{WS}(?i:наместо|umesto|umjesto|уместо|вместо|замість|instead{WS}of|rather{WS}than|statt|anstatt|"
    rf"au{WS}lieu{WS}d(?:e|es|u|['’])|en{WS}lugar{WS}de|en{WS}vez{WS}de|zamiast|în{WS}loc{WS}de)"
    rf"(?:{WS}(?:los|las|el|la|le|les|the){WS}?)?(?:{WS}(?i:bisher|früher|zuvor|previously|former|dosad|досега|"
    rf"досегашните|раньше|раніше|wcześniej|anterior|antes|précédemment))?{WS}?"
)
# "Instead of" (and at most one word, "the former") before the number: the amount it replaces, of the same money:
# "ќе плаќаат 2.180 денари наместо досегашните 1.530", "kostet 270 umesto 260", "30 Euro statt bisher 25".
_INSTEAD_OF_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:наместо|наспроти|umesto|umjesto|уместо|вместо|замість|instead{WS}of|rather{WS}than|statt|"
    rf"anstatt|au{WS}lieu{WS}d(?:e|es|u|['’])|en{WS}lugar{WS}de|en{WS}vez{WS}de|zamiast|în{WS}loc{WS}de|in{WS}loc{WS}de)"
    rf"(?:{WS}(?:los|las|el|la|le|les|the){WS}?)?(?:{WS}{LETTER}+)?{WS}\Z"
)


def _placed_as_another_amount(text: str, draft: Draft, previous: Draft) -> bool:
    """Tell whether a bare whole number stands where another amount of the money before it would: the next item
    of a list ("pišmolji 60, škampi 170"), after the words that stand before the money ("prodaje za 140 kuna, u
    Rijeci i za 150"), or after "now" ("sada je 30")."""
    if _ONE_WORD_ITEM_GAP.fullmatch(text, previous.end, draft.start) \
            or _NOW_BEFORE.search(text, max(0, draft.start - 24), draft.start) \
            or _INSTEAD_OF_BEFORE.search(text, max(0, draft.start - 40), draft.start) \
            or _COSTS_BEFORE.search(text, max(0, draft.start - 24), draft.start) \
            or compared_with_the(text, draft.start) \
            or (_same_short_word_after(text, draft, previous)  # "€10 for students and 5 for children"
                and draft.mantissa * 5 >= previous.mantissa):  # not "$20 for the book and 3 for his friends"
        return True
    before = [word for word in tokens_before(text, draft.start, 2) if word not in _COPULAS][-1:]
    return bool(before) and before[0].isalpha() and before[0] in tokens_before(text, previous.start, 3)


# "About the" before a bare number closing its phrase: "se movió en torno a los 4" (after "6,4 millones").
_ABOUT_THE_BEFORE = LazyPattern(
    rf"(?<!{LETTER})(?i:en{WS}torno{WS}a{WS}los|alrededor{WS}de{WS}los|cerca{WS}de{WS}los|autour{WS}des|"
    rf"aux{WS}alentours{WS}des|près{WS}des|around{WS}the|some{WS}of{WS}the|около|порядка|oko|otprilike|około)"
    rf"{WS}\Z"
)


def carry_scale_into_parentheses(text: str, drafts: list[Draft]) -> None:
    """Give a bare number alone in parentheses, or closing its phrase after "about the", the scale of the measure or
    count with a scale before it in its sentence, of its order ("que se movió en torno a los 4" after "(6,4
    millones)"): "la rula de A Coruña (3,8 millones de kilos), la de Camariñas (1,37)" (1,370,000), as
    an amount of money carries its scale there ("Madrid (639)" after "744 millones de euros")."""
    scaled: Draft | None = None
    for draft in drafts:
        if scaled is not None and _ANY_SENTENCE_BREAK.search(text, scaled.end, draft.start):
            scaled = None
        if draft.has_scale and draft.unit is None:
            scaled = draft
        elif scaled is not None and draft.unit is None and not draft.has_scale and not draft.minor \
                and Decimal("0.1") <= draft.mantissa / scaled.mantissa <= 10 \
                and (text[draft.start - 1 : draft.start] == "(" and text[draft.end : draft.end + 1] == ")"
                     and (draft.step < 1) == (scaled.step < 1)  # "1,37" as "3,8": both with decimals
                     or _ABOUT_THE_BEFORE.search(text, max(0, draft.start - 24), draft.start)
                     and ends_a_phrase(text, draft.end) and not counts_something(text, draft.end)):
            draft.scale, draft.has_scale = scale_of(scaled), True


# "In" (or "of") and a place's name after a bare number, closing it as its phrase's end would: "800 euros à Lyon et
# de 650 à Lille", "500 eura u Zagrebu, a 450 u Splitu", "$900 in Boston and 700 in Austin", "los 267 de Asturias".
_IN_A_PLACE_AFTER = LazyPattern(rf"{WS}(?:à|a|en|in|u|w|в|у|во|în|na|de|of)[ \u00a0][A-ZÀ-ÞА-ЯЁІЇЄČĆŠŽĐŁŚŻ]{LETTER}+(?:[.,;]|{WS}?\Z)")
_SHORT_WORD_AFTER = LazyPattern(rf"{WS}(?P<word>{LETTER}{{2,4}}){WS}[\"«„“]?{LETTER}")  # 'za "talerzyk"'


def _same_short_word_after(text: str, draft: Draft, previous: Draft) -> bool:
    """Tell whether the same short word (a preposition) follows a bare number and the amount before it, as in
    parallel phrases: "€10 for students and 5 for children", "20 kuna za odrasle, 10 za djecu"."""
    after_draft, after_previous = _SHORT_WORD_AFTER.match(text, draft.end), _SHORT_WORD_AFTER.match(text, previous.end)
    return after_draft is not None and after_previous is not None \
        and after_draft.group("word").lower() == after_previous.group("word").lower()


def carry_amount_of(draft: Draft, money: Draft) -> None:
    """Give a bare number the currency, and the scale, of the amount of money it is another of, marked inferred."""
    draft.unit, draft.unit_inferred = money.unit, True
    if money.has_scale:
        draft.scale, draft.has_scale = scale_of(money), True


# A parenthesis opening after an amount, to write it again in words ("1,000,000 (one million rubles)"), maybe after
# "in words:" ("1000 zł (słownie: tysiąc złotych)", "(прописью: ...)").
_WORDS_IN_PARENTHESES_GAP = LazyPattern(r"[ \u00a0]?\((?:[^\W\d_]+:[ \u00a0]?)?")


def carry_currency_back(text: str, drafts: list[Draft]) -> None:
    """Give an amount with a scale but no currency the currency of the next amount of its sentence with the same
    scale, when a conjunction, a copula or a comma closes it ("prihodima od 2.414 milijardi i rashodima od 2.751
    milijardu dinara", "6,86 milijardi je ... i 1,95 milijardi dinara"), and a bare amount grouped in thousands the
    currency of the next written alike ("отримає 90 000 , а в жіночому - 60 000 доларів"), or written again in words
    in parentheses after it ("1,000,000 (one million rubles)"), marked as inferred."""
    later: Draft | None = None
    for draft in reversed(drafts):
        if later is not None and SENTENCE_BREAK.search(text, draft.end, later.start):
            later = None
        if draft.unit not in (None, *NOT_MONEY):
            later = draft
        elif later is not None and draft.unit is None and draft.has_scale and draft.scale == later.scale \
                and CLOSES_AN_AMOUNT.match(text, draft.end) \
                and not _COUNT_NAMED_BEFORE.search(text, max(0, draft.start - 60), draft.start):
            draft.unit, draft.unit_inferred = later.unit, True
        elif later is not None and _bare_amount_like(text, draft, later) \
                and not _COUNT_NAMED_BEFORE.search(text, max(0, draft.start - 60), draft.start):
            draft.unit, draft.unit_inferred = later.unit, True  # "переможець отримає 90 000 , а ... 60 000 доларів"
        elif later is not None and draft.unit is None and not later.minor \
                and draft.mantissa * draft.scale == later.mantissa * later.scale \
                and _WORDS_IN_PARENTHESES_GAP.fullmatch(text, draft.end, later.start):
            draft.unit, draft.unit_inferred = later.unit, True  # "1,000,000 (one million rubles)"
        elif later is not None and draft.unit is None and not draft.has_scale and not later.has_scale \
                and not draft.minor and alike_in_shape(draft, later) \
                and _INSTEAD_OF_GAP.fullmatch(text, draft.end, later.start) \
                and not (draft.step >= 1 and YEAR.fullmatch(text, draft.start, draft.end)):
            take_currency(draft, later)  # "muss 15 statt bisher zehn Euro hinlegen"
            draft.unit_inferred = True


# At most so many words between the two phrases: "bazı ürünlerde 20, bazı ürünlerde de 50 bin dolar" has 3; "a
# total of 21, mostly smallish, new contracts Monday, worth a combined value of $350.8 million" (21 contracts) 10.
_PARALLEL_GAP_WORDS = 5


def share_across_parallel_phrases(text: str, drafts: list[Draft]) -> None:
    """Give a bare number the scale and currency of the next amount when the phrase before it is repeated before
    that amount: "bazı ürünlerde 20, bazı ürünlerde de 50 bin dolar" (in some products 20, in some 50 thousand
    dollars: 20,000 USD), marked as inferred. Nothing but a comma may follow the bare number, and the phrases are
    near."""
    for bare, amount in zip(drafts, drafts[1:]):
        if bare.unit is not None or bare.has_scale or bare.mantissa >= 1000 or amount.unit in (None, *NOT_MONEY) \
                or amount.unit_inferred or not amount.has_scale or text[bare.end : bare.end + 2] != ", ":
            continue
        before = tokens_before(text, bare.start, 1)
        if before and before[0].isalpha() and before[0] in tokens_before(text, amount.start, 3) \
                and not SENTENCE_BREAK.search(text, bare.end, amount.start) \
                and len(text[bare.end : amount.start].split()) <= _PARALLEL_GAP_WORDS:
            bare.scale, bare.has_scale = amount.scale, True
            bare.unit, bare.unit_inferred = amount.unit, True


# An item of a list dated by its year: "5,6 milliards d’euros en 1990", "9,3 en 1995", "4.2 billion in 2019".
# A period an amount is counted by: "unos 900 millones al año adicionales" (a yearly cost, of the money before).
_PER_PERIOD = LazyPattern(
    rf"{WS}(?i:al{WS}(?:año|mes)|por{WS}(?:año|mes)|a{WS}(?:year|month)|per{WS}(?:year|month|annum)|"
    rf"par{WS}(?:an|mois)|pro{WS}(?:Jahr|Monat)|im{WS}Jahr|в{WS}(?:год|месяц)|на{WS}(?:рік|місяць)|"
    rf"godišnje|mjesečno|mesečno|годишње|месечно|rocznie|miesięcznie|pe{WS}an|vuodessa|yıllık)(?!{LETTER})"
)

_OF_AFTER = LazyPattern(rf"{WS}(?:de|of|d['’]|des|du|von|der)(?!{LETTER})")


def _counted_by_a_period(text: str, end: int) -> bool:
    """Tell whether a period follows an amount and no "of" after it, which would name what it counts: "900 millones
    al año adicionales"; not "2 millones al año de visitantes"."""
    period = _PER_PERIOD.match(text, end)
    return period is not None and not _OF_AFTER.match(text, period.end())


_DATED_BY_YEAR = LazyPattern(rf"{WS}(?:en|in|im|w|u|în|в|во|у){WS}(?:19|20)\d\d(?!\d)")
# Between two dated items: a comma, "à"/"to", "and" ("en 1990, à 9,3 en 1995, 10,4 en 2005, ... et enfin").
_DATED_ITEMS_GAP = LazyPattern(rf"{WS}?,?{WS}?(?:(?:à|a|to|bis|do|до|la|et|and|und|y|i|și|şi|и|enfin|then|puis){WS})*")


def share_across_dated_items(text: str, drafts: list[Draft]) -> None:
    """Give the bare numbers of a list dated by years the scale and currency of its first item, written once:
    "Il est passé de 5,6 milliards d’euros en 1990, à 9,3 en 1995, 10,4 en 2005" (9.3 and 10.4 billion EUR),
    marked as inferred. Each item is dated as the first is, and only commas and words of a list part them."""
    money: Draft | None = None
    for draft in drafts:
        if draft.unit not in (None, *NOT_MONEY) and draft.has_scale \
                and (dated := _DATED_BY_YEAR.match(text, draft.end)):
            money, last_end = draft, dated.end()
            continue
        if money is None:
            continue
        dated = _DATED_BY_YEAR.match(text, draft.end)
        if draft.unit is None and not draft.has_scale and draft.step < 1 and dated is not None \
                and _DATED_ITEMS_GAP.fullmatch(text, last_end, draft.start):
            draft.scale, draft.has_scale = money.scale, True
            draft.unit, draft.unit_inferred = money.unit, True
            last_end = dated.end()
        else:
            money = None


# A year and at most three words ("dann", "schon", "the fee was") right before an item of a list led by
# years: "1990 dann 66 Euro, im Jahr 2000 schon 71".
_LED_BY_A_YEAR = LazyPattern(rf"(?<!\d)(?:19|20)\d\d(?:['’]{LETTER}+)?,?(?:{WS}{LETTER}+){{0,3}},?{WS}\Z")


def share_across_items_led_by_years(text: str, drafts: list[Draft]) -> None:
    """Give a bare number of a list whose items a year leads the currency of the item before it, in its sentence:
    "1990 dann 66 Euro, im Jahr 2000 schon 71 und 2015 schließlich 133,55 Euro" (71 EUR), marked as inferred. Both
    are led by a year, the number closes its phrase, counts nothing, and is within a tenth and ten times the money."""
    money: Draft | None = None
    for draft in drafts:
        if money is not None and SENTENCE_BREAK.search(text, money.end, draft.start):
            money = None
        if draft.unit not in (None, *NOT_MONEY):
            money = draft if _LED_BY_A_YEAR.search(text, max(0, draft.start - 40), draft.start) else None
        elif money is not None and draft.unit is None and not draft.has_scale and not money.has_scale \
                and not draft.minor and money.mantissa / 10 <= draft.mantissa <= money.mantissa * 10 \
                and _LED_BY_A_YEAR.search(text, max(0, draft.start - 40), draft.start) \
                and ends_a_phrase(text, draft.end) and not counts_something(text, draft.end) \
                and not names_a_thing(text, draft.end):
            draft.unit, draft.unit_inferred = money.unit, True


# A table's heading naming the currency and scale of its cells: "Full year revenue (including VAT) £ million Tobacco
# ... 220 Petrol ... 250"; a currency sign with a scale word after it and no number.
_TABLE_HEADING = LazyPattern(rf"(?P<sign>[£$€])\s?(?P<scale>million|m|bn|billion)(?!{LETTER}|{WS}?\d)")
_HEADING_SCALES = {"million": Decimal(10) ** 6, "m": Decimal(10) ** 6, "bn": Decimal(10) ** 9, "billion": Decimal(10) ** 9}
_HEADING_CURRENCIES = {"£": "GBP", "$": "USD", "€": "EUR"}


def take_currency_of_a_table_heading(text: str, drafts: list[Draft]) -> None:
    """Give the bare whole numbers after a heading "£ million" its currency and scale, up to the end of its
    sentence: the cells of its table ("£ million Tobacco 5p for 20 cigarettes* 220": 220 million GBP); a number
    that counts something ("20 cigarettes") is no cell of it."""
    take_currency_of_a_caption(text, drafts)  # "(m3/денари)", "(u KM)", "in EUR" above the table's lines
    if "£" not in text and "$" not in text and "€" not in text:
        return  # cheap test first: most texts have no sign
    for heading in _TABLE_HEADING.finditer(text):
        if heading.start() and (text[heading.start() - 1].isalnum() or text[heading.start() - 1] in ".,_"):
            continue  # "5£ million", "US$m": no heading
        end = SENTENCE_BREAK.search(text, heading.end())
        until = end.start() if end else len(text)
        for draft in drafts:
            if heading.end() < draft.start < until and draft.unit is None and not draft.has_scale \
                    and draft.step >= 1 and not counts_something(text, draft.end):
                draft.unit, draft.unit_inferred = _HEADING_CURRENCIES[heading.group("sign")], True
                draft.scale, draft.has_scale = _HEADING_SCALES[heading.group("scale")], True


# A price now or before, in parentheses right after a change in money: "aumenta su precio en 5 pesetas (130 ahora)".
_OPEN_PARENTHESIS = LazyPattern(rf"{WS}?\(")
_NOW_OR_BEFORE_CLOSING = LazyPattern(
    rf"{WS}(?i:ahora|antes|now|before|previously|maintenant|avant|auparavant|jetzt|vorher|сега|претходно|порано|"
    rf"sada|prije|pre|сада|раније|сейчас|ранее|тепер|раніше|teraz|wcześniej|acum|înainte|inainte)\)"
)


def take_currency_of_a_price_now_or_before(text: str, drafts: list[Draft]) -> None:
    """Give a bare number in parentheses with "now" or "before", right after an amount of money, its currency:
    "aumenta su precio en 5 pesetas (130 ahora)" (130 ESP)."""
    if "(" not in text:
        return
    for money, bare in zip(drafts, drafts[1:]):
        if money.unit in (None, *NOT_MONEY) or bare.unit is not None or bare.has_scale or money.has_scale:
            continue
        if _OPEN_PARENTHESIS.fullmatch(text, money.end, bare.start) and _NOW_OR_BEFORE_CLOSING.match(text, bare.end):
            take_currency(bare, money)
            bare.unit_inferred = True
