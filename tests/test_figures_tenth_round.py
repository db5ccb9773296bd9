"""Issue 18, tenth round: the classes the seventh held-out set missed, each rule tested with sentences quoted from
real pages (the paragraphs of bench/figures/heldout7, now seen, and of the earlier sets)."""

import pytest

from archive.figures import extract


def _figures(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


MONEY = [
    # "$US" is the US dollar as the Australian press writes it; beside it, a bare "$" is the writer's own dollar,
    # which the text does not name: no figure rather than a wrong currency.
    ("They put the street value of the drugs at $US1.1 billion ($1.58 billion).",
     [("$US1.1 billion", 1.1e9, "USD")]),
    ("The haul was worth $US300 million, police said.", [("$US300 million", 3e8, "USD")]),
    ("The deal is worth $A500 million.", [("$A500 million", 5e8, "AUD")]),
    # a bare dollar in a text without "$US" stays the US dollar, and "US$" changes nothing around it
    ("The haul was worth $5 million.", [("$5 million", 5e6, "USD")]),
    ("It cost US$3 million and $4 million.", [("US$3 million", 3e6, "USD"), ("$4 million", 4e6, "USD")]),
    # Korean sections of one amount parted by spaces
    ("공정거래위원회는 산림조합중앙회 등 4개 사업자에게 시정명령과 함께 과징금 총 2억 7천 5백만 원 부과를 결정했다.",
     [("4", 4, None), ("2억 7천 5백만 원", 2.75e8, "KRW")]),
    ("총 7천 5백만 원", [("7천 5백만 원", 7.5e7, "KRW")]),
    ("과징금 총 2억 7천5백만 원 부과", [("2억 7천5백만 원", 2.75e8, "KRW")]),
    # a space after a decimal comma inside an amount with a scale and a currency
    ("Антимонопольний комітет України (АМКУ) оштрафував п’ять компаній за змови під час публічних закупівель. "
     "Загальна сума штрафів склала 12, 9 млн грн.",
     [("п’ять", 5, None), ("12, 9 млн грн.", 1.29e7, "UAH")]),
]


@pytest.mark.parametrize("text, expected", MONEY)
def test_money_written_the_way_of_its_country(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a list stays a list: no amount of a scale and currency after it, or a third item before it
    ("у 2, 3 і 5 класах", [("2", 2, None), ("3", 3, None), ("5", 5, None)]),
    ("Штрафи отримали 12, 9 млн людей", [("12", 12, None), ("9 млн", 9e6, None)]),
    # Korean counts with spaced sections are one count, and a lone count stays apart
    ("직원 3천 5백명", [("3천 5백", 3500, None)]),
])
def test_spaced_parts_that_stay_apart_or_count(text, expected):
    assert _figures(text) == expected
