"""Issue 18, seventh round: the classes the fifth held-out set missed, each rule tested with sentences quoted from
real pages (the held-out paragraphs of bench/figures/heldout5, now seen)."""

import pytest

from archive.figures import extract

CASES = [
    # Korean amounts of won glued to the word before, as old wire copy writes them: an amount, not a name or code.
    ("한편 올들어 지난 7일까지 관세청에 적발된 밀수규모는 무역위장3백23억원 해상밀수 94억원 항공밀수 24억원 "
     "시중단속분 22억원 등총 4백63억원으로 집계됐다.",
     [(323e8, "KRW"), (94e8, "KRW"), (24e8, "KRW"), (22e8, "KRW"), (463e8, "KRW")]),
    ("밀수출적발액은 지난해 1월중에는 한건도 없었으나 지난달에는 2건에4억2,100만원에 달했다.",
     [(2, None), (4.21e8, "KRW")]),
    # A thousand written alone before the digits is one thousand of the scale that follows.
    ("품목별로는 가방류가 천7백억 원 이상으로 가장 많았고, 신발과 의류가 뒤를 이었습니다.", [(1.7e11, "KRW")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_figures_seventh_round_classes(text, expected):
    assert [(pytest.approx(f.value), f.unit) for f in extract(text)] == expected


def test_a_number_glued_to_a_korean_word_without_won_stays_a_name():
    assert [f.text for f in extract("코로나19 확산으로 매출이 3억원 줄었다.")] == ["3억원"]
