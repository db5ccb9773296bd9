"""Issue 18: a minus sign written on a percentage or an amount is kept (bench/figures/LABELLING.md, "Signs"), and an
amount in words joined to its hundredths by "and" is one amount; sentences quoted from real paragraphs
(heldout12, seen after its first score)."""

import pytest

from archive.figures import extract


def _figures(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


SIGNED = [
    ("Hors FSV celui-ci pourrait atteindre les -20 milliards d’euros notamment à cause de la sous-budgétisation des "
     "soins de ville.", [("-20 milliards d’euros", -20e9, "EUR")]),
    ("Il atteindrait ainsi (en comptabilité générale) près de -11,7 milliards d’euros en 2026 :",
     [("-11,7 milliards d’euros", -11.7e9, "EUR")]),
    ("Die Inflation lag im Mai bei -0,5 Prozent, teilte das Statistische Bundesamt mit.",
     [("-0,5 Prozent", -0.5, "%")]),
    ("Добыча газа составила 45 млрд куб. м (−13,2% к январю).", [("45 млрд", 45e9, None), ("−13,2%", -13.2, "%")]),
]

NOT_SIGNED = [
    # a range's dash after a percent or a number
    ("Die Zinsen liegen zwischen 2,83% -3,83%, bei längerer Laufzeit höher.",
     [("2,83%", 2.83, "%"), ("3,83%", 3.83, "%")]),
    # a bare number's dash is punctuation; a hyphen inside a name or between years is no sign
    ("Consilieri locali -1.322, urmat de PNL.", [("1.322", 1322, None)]),
    ("COVID-19 a coûté 5 milliards d’euros entre 2013-2016 à la France.", [("5 milliards d’euros", 5e9, "EUR")]),
    # an en dash is punctuation more often than a sign
    ("Le déficit – 7 milliards d’euros – reste élevé.", [("7 milliards d’euros", 7e9, "EUR")]),
]


@pytest.mark.parametrize("text, expected", SIGNED + NOT_SIGNED)
def test_minus_signs(text, expected):
    assert _figures(text) == expected


def test_an_amount_in_words_and_its_hundredths_joined_by_and_are_one():
    text = ("karę pieniężną w wysokości 386.175,69 zł (trzysta osiemdziesiąt sześć tysięcy sto siedemdziesiąt pięć zł "
            "i sześćdziesiąt dziewięć groszy)")
    assert _figures(text) == [
        ("386.175,69 zł", 386175.69, "PLN"),
        ("trzysta osiemdziesiąt sześć tysięcy sto siedemdziesiąt pięć zł i sześćdziesiąt dziewięć groszy",
         386175.69, "PLN")]


def test_two_amounts_joined_by_and_stay_two():
    assert _figures("Пассажир заплатил 15 рублей за билет и 90 рублей за багаж.") == [
        ("15 рублей", 15, "RUB"), ("90 рублей", 90, "RUB")]
    assert _figures("Пассажир заплатил 15 рублей и 90 рублей за багаж.") == [
        ("15 рублей", 15, "RUB"), ("90 рублей", 90, "RUB")]
