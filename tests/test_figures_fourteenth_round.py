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


LISTS = [
    # a list of names each with its amount in parentheses, the currency written with the first alone
    ("Među zemljama EU, najviša prosječna godišnja prilagođena plaća za puno radno vrijeme zabilježena je u "
     "Luksemburgu (83.000 eura), a slijede Danska (71.600) i Irska (61.100).",
     [("83.000 eura", 83000, "EUR"), ("71.600", 71600, "EUR"), ("61.100", 61100, "EUR")]),
    ("Nasuprot tome, najniže prosječne plaće zabilježene su u Bugarskoj (15.400 eura), Grčkoj (18.000) i "
     "Mađarskoj (18.500), navodi Eurostat.",
     [("15.400 eura", 15400, "EUR"), ("18.000", 18000, "EUR"), ("18.500", 18500, "EUR")]),
    # parallel clauses, the currency after the last item: as many decimals, "and" and one word between
    ("Espoossa keskivuokra on 18,4 ja Vantaalla 18,1 euroa neliömetriltä.",
     [("18,4", 18.4, "EUR"), ("18,1 euroa", 18.1, "EUR")]),
    ("Raumalla keskivuokra on 11,0 ja Porissa 11,2 euroa neliömetriltä.",
     [("11,0", 11.0, "EUR"), ("11,2 euroa", 11.2, "EUR")]),
]


@pytest.mark.parametrize("text, expected", LISTS)
def test_a_currency_written_once_for_a_list(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a number in parentheses written otherwise (a year, an ungrouped count) takes no currency
    ("u Luksemburgu (83.000 eura), a slijede Danska (61) i Irska (420).",
     [("83.000 eura", 83000, "EUR"), ("61", 61, None), ("420", 420, None)]),
    # a whole number before "and" one word and a price is no price; nor a decimal of other decimals
    ("Drożej zrobiło się w 12 miastach i średnio 5,71 zł za metr.", [("12", 12, None), ("5,71 zł", 5.71, "PLN")]),
    ("wzrost o 2,5 i około 18,10 zł", [("2,5", 2.5, None), ("18,10 zł", 18.1, "PLN")]),
    # a count in parentheses after money in parentheses is a count ("(1.200 osób)")
    ("w Gdańsku (15.400 zł) i w Gdyni (1.200 osób)", [("15.400 zł", 15400, "PLN"), ("1.200", 1200, None)]),
])
def test_a_list_currency_never_reaches_a_count(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a scale other than the money's before it, then "de" and a noun in the singular: what the money is of
    ("Elle a procédé à des redressements fiscaux pour 15,3 milliards d’euros, auxquels il faut ajouter 4 milliards "
     "d’euros de pénalités, ainsi qu'à 852,6 millions de redressement pour fraude sociale",
     [("15,3 milliards d’euros", 15.3e9, "EUR"), ("4 milliards d’euros", 4e9, "EUR"),
      ("852,6 millions", 852.6e6, "EUR")]),
    # a plural after "de" is what is counted, a collective noun too, a unit sign no noun at all
    ("Il a reçu 15,3 milliards d’euros et compte 2 millions de personnes et 3 millions de tonnes, 5 millions de m3",
     [("15,3 milliards d’euros", 15.3e9, "EUR"), ("2 millions", 2e6, None), ("3 millions", 3e6, None),
      ("5 millions", 5e6, None)]),
    ("Le budget atteint 1,2 milliard d’euros pour 3 millions de population.",
     [("1,2 milliard d’euros", 1.2e9, "EUR"), ("3 millions", 3e6, None)]),
])
def test_a_currency_carried_to_another_scale_of_a_mass_noun(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "by" a decimal "more" after a price written with as many decimals: the difference of the prices
    ("Łącznie mieszkańcy zapłacą 12,92 zł za metr sześcienny - o 1,27 więcej niż do tej pory ( wzrost o 10,9 proc. ).",
     [("12,92 zł", 12.92, "PLN"), ("1,27", 1.27, "PLN"), ("10,9 proc.", 10.9, "%")]),
    # not without "by", nor with other decimals
    ("It costs 12.92 zł and weighs 1.27 more", [("12.92 zł", 12.92, "PLN"), ("1.27", 1.27, None)]),
    ("Cena wynosi 12,92 zł, a zużycie o 1,2 więcej", [("12,92 zł", 12.92, "PLN"), ("1,2", 1.2, None)]),
])
def test_a_difference_of_prices_takes_their_currency(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a page that writes each character's pinyin after it: the currency after the scale's reading
    ("全年破獲價(jià)值10萬(wàn)元以上的重特大案件69起,其中涉案價(jià)值50萬(wàn)元以上的案件10起",
     [("10萬(wàn)元", 1e5, "CNY"), ("69", 69, None), ("50萬(wàn)元", 5e5, "CNY"), ("10", 10, None)]),
    # a count after the reading stays a count
    ("共10萬(wàn)人", [("10萬", 1e5, None)]),
])
def test_a_currency_after_a_pinyin_reading(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the Finnish case forms of the euro cent, after a number word too
    ("Pääkaupunkiseudulla neliövuokrissa jäätiin enää kolmen eurosentin päähän 19 eurosta.",
     [("kolmen eurosentin", 0.03, "EUR"), ("19 eurosta", 19, "EUR")]),
    ("keskihinta on seitsemän senttiä", [("seitsemän senttiä", 0.07, "EUR")]),
])
def test_finnish_euro_cents(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # an amount of another scale dated by a year after it: the year says when, not what is counted
    ("Il en résulte un déficit de la sécurité sociale alourdit de 100 millions d’euros et qui devrait atteindre les "
     "7,2 milliards en 2023.",
     [("100 millions d’euros", 1e8, "EUR"), ("7,2 milliards", 7.2e9, "EUR")]),
    ("Le budget de 100 millions d’euros attire 2 millions de visiteurs en 2023.",
     [("100 millions d’euros", 1e8, "EUR"), ("2 millions", 2e6, None)]),
])
def test_a_currency_carried_to_an_amount_dated_by_a_year(text, expected):
    assert _figures(text) == expected
