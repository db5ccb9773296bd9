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
    ("20일 관세청에 따르면 1월중의 밀수입/밀수출단속실적은 127건에 51억6,500만원어치로 지난해 1월의 3억5,500만원 "
     "(117건)에 비해 금액기준으로 14.45배나 됐다. 밀수입 적발액은 1월중 전년대비 13.36배가 증가한 47억4,400만원(125건)이었으며",
     [(127, None), (5.165e9, "KRW"), (3.55e8, "KRW"), (117, None), (14.45, "x"), (13.36, "x"), (4.744e9, "KRW"),
      (125, None)]),
    # Japanese: "・" as the decimal point of a multiple, "割" as tenths, "パーセント" glued to the particle after it.
    ("財務省が23日発表した平成29年の税関による関税法違反事件の取り締まり状況によると、金塊の密輸の摘発件数が前年比66%増の"
     "1347件、押収量が約2・2倍の6236キロだった。", [(66, "%"), (1347, None), (2.2, "x"), (6236, None)]),
    ("脱税総額も約6億1千万円(同2・6倍)に上り、いずれも過去最高を更新した。", [(6.1e8, "JPY"), (2.6, "x")]),
    ("国・地域別では韓国、台湾、香港からが全体の9割を占めている。", [(90, "%")]),
    ("金塊の重量が1キロを超える場合や20万円以上の品物の日本への持ち込みは消費税が10パーセントかかるため、",
     [(1, None), (2e5, "JPY"), (10, "%")]),
    # A percent given once for a list of decimals of the same shape is every item's.
    ("The “champion” in this classification is Poland with 4.12 percent of GDP, ahead of Estonia with 3.43, the United "
     "States with 3.38 and Latvia with 3.15 percent.", [(4.12, "%"), (3.43, "%"), (3.38, "%"), (3.15, "%")]),
    ("Kako se navodi, Nacrt zakona o budžetu Srbije za 2024. godinu predviđa da Ministarstvo odbrane i VS na "
     "raspolaganju imaju gotovo 1,36 milijardi evra, od čega će 46,5 odsto otići na personalne troškove, 37,9 za "
     "nabavke naoružanja i vojne opreme, 13,9 odsto za stalne troškove a 1,7 odsto za izgradnju.",
     [(1.36e9, "EUR"), (46.5, "%"), (37.9, "%"), (13.9, "%"), (1.7, "%")]),
    # A footnote mark glued to a word's full stop, and the number of a figure referred to, are no figures.
    ("Auch wenn die Marke keine oder zumindest eine umstrittene rechtliche Verbindlichkeit hat, ist sie doch politisch "
     "von hoher Bedeutung.1 Die Größe wird weltweit durchschnittlich übertroffen (vgl. Abbildung 1): Insgesamt werden "
     "2,2 % des Weltinlandsprodukts für militärische Zwecke ausgegeben.2 Der größte Anteil unter den großen Ländern "
     "wird mit 5,4 % des BIP von Russland aufgebracht.", [(2.2, "%"), (5.4, "%")]),
    # A half before a Romanian scale word; a year before a currency name gives the prices, no amount; 千克 is kilograms.
    ("Acestea valorează aproximativ o jumătate de milion de lei şi erau ascunse cu ingeniozitate în interiorul unui "
     "microbuz.", [(5e5, "RON")]),
    ("The cumulative development costs for the 10 programs GAO reviewed increased by over $3.3 billion (37 percent in "
     "2009 dollars) from initial estimates", [(10, None), (3.3e9, "USD"), (37, "%")]),
    ("抓獲犯罪嫌疑人9名,累計查獲涉嫌走私進境的象牙及其制品約413千克,犀牛角及其制品約28千克。",
     [(9, None), (413, None), (28, None)]),
    # "余" (over) between a Japanese amount in number words and its currency.
    ("航空機、艦船等に搭載する物品につきまして、重要物品であると認められるのに、六百十六億余円の物品が物品増減及び現在額",
     [(6.16e10, "JPY")]),
    # Number words: a word of another language inside a run ("sata", Finnish for a hundred) leaves the rest a run of
    # its own; Finnish marker words tell the language of a short sentence.
    ("“Povijesnim preletom od Bordeauxa do Zagreba, u trajanju od jednog sata i četrdeset minuta, piloti pobjedničke "
     "Hrvatske vojske", [(40, None)]),
    ("Hallitus aikoo nostaa puolustusmäärärahojen tason vähintään kolmeen prosenttiin bruttokansantuotteesta vuoteen "
     "2029 mennessä.", [(3, "%")]),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_figures_seventh_round_classes(text, expected):
    assert [(pytest.approx(f.value), f.unit) for f in extract(text)] == expected


def test_a_number_glued_to_a_korean_word_without_won_stays_a_name():
    assert [f.text for f in extract("코로나19 확산으로 매출이 3억원 줄었다.")] == ["3억원"]


def test_a_decimal_of_another_shape_before_a_percent_keeps_no_unit():
    # the index's level is read with two decimals after "at", the rate with one after "by"
    figures = extract("The index closed at 3.45, up by 1.2 percent.")
    assert [(f.value, f.unit) for f in figures] == [(3.45, None), (1.2, "%")]
