"""Issue 18, fourteenth round: money across lists and the currency forms of the twelfth and thirteenth blind sets
(heldout12, heldout13, now seen), each decided once from the structure, and tested with sentences quoted from
their real paragraphs."""

import pytest

from archive.figures import extract


def _figures(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


CURRENCY_FORMS = [
    # Croatian case forms of the euro: instrumental "eurom", like "eura"
    ("na prvom je mjestu Luksemburg s 3151 eurom, a posljednja Rumunjska s 321 eurom.",
     [("3151 eurom", 3151, "EUR"), ("321 eurom", 321, "EUR")]),
    # the Kazakh abbreviation of tenge, before a per-unit slash
    ("Республикалық деңгейден баға тек Алматы қаласында жоғары – 5 611 тг/м2.", [("5 611 тг", 5611, "KZT")]),
    # the lev in Macedonian text, beside euros
    ("просечната плата за месец септември изнесувала 1711 лева (околу 850 евра)",
     [("1711 лева", 1711, "BGN"), ("850 евра", 850, "EUR")]),
    # an apostrophe lost to a question mark: "d?euros" is "d'euros"
    ("redressements fiscaux de 15,3 milliards d?euros de droits", [("15,3 milliards d?euros", 15.3e9, "EUR")]),
]


@pytest.mark.parametrize("text, expected", CURRENCY_FORMS)
def test_currency_forms(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "лева" is no currency without a number before it; "2000 people" stays a count
    ("Тој се сврте на лева страна, а 2000 луѓе чекаа.", [("2000", 2000, None)]),
    ("Алматыда 500 дрон тіркелген.", [("500", 500, None)]),
])
def test_currency_forms_not_taken_by_counts(text, expected):
    assert _figures(text) == expected


PAIRS = [
    # a range "between ... and" with Romanian's cedilla "şi" as with its comma "și"
    ("fiecare cu prejudicii estimate între 18 şi 96 de milioane de lei.",
     [("18", 18e6, "RON"), ("96 de milioane de lei", 96e6, "RON")]),
    # a pair joined by Kazakh "және" (and): the currency written once after the second
    ("шаршы метріне – тиісінше 4 485 және 3 253 теңгеден.",
     [("4 485", 4485, "KZT"), ("3 253 теңгеден", 3253, "KZT")]),
]


@pytest.mark.parametrize("text, expected", PAIRS)
def test_pairs_share_a_currency(text, expected):
    assert _figures(text) == expected


COMPOSITES = [
    # the units under 万 grouped by a comma are part of the amount
    ("訪日外国人1人当たり旅行支出は16万5,412円で、前年同期(15万5,123円)に比べ6.6%増加しました。",
     [("1", 1, None), ("16万5,412円", 165412, "JPY"), ("15万5,123円", 155123, "JPY"), ("6.6%", 6.6, "%")]),
    ("旅行消費額は1兆2,305億円(速報)で", [("1兆2,305億円", 1.2305e12, "JPY")]),
    # and ungrouped, as before
    ("支出は16万5412円で", [("16万5412円", 165412, "JPY")]),
]


@pytest.mark.parametrize("text, expected", COMPOSITES)
def test_composite_amounts_with_grouped_units(text, expected):
    assert _figures(text) == expected
