"""Issue 18, thirteenth round: the shapes of the tenth and eleventh blind sets (heldout10 and heldout11, now
seen), each decided once from the structure where the engine decides it, and tested with sentences quoted from
their real paragraphs."""

import pytest

from archive.figures import extract


def _figures(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


def _units(text):
    return [(f.value, f.unit) for f in extract(text)]


# A currency carried through a sentence never reaches a number followed by a unit sign or a counted thing.
CARRIED_TO_COUNTED_THINGS = [
    ("피해 산림 1ha당 조림복원 1500만원, 긴급벌채 3170만원. 영남권 산불 피해 산림 약 4만8240㏊ 중 경북 5개 시·군 "
     "산불영향구역은 약 4만5160㏊다.",
     [(1, None), (15_000_000, "KRW"), (31_700_000, "KRW"), (48_240, None), (5, None), (45_160, None)]),
    ("во овој период мобилните царински тимови запленија околу 100 илјади евра девизи, 455 штеки цигари, a "
     "откриени се и 27 случаи на повреда на право од интелектуална сопственост, при што запленети се над 26 илјади "
     "парчиња стока со потпис на заштитени трговски марки.",
     [(100_000, "EUR"), (455, None), (27, None), (26_000, None)]),
]


@pytest.mark.parametrize("text, expected", CARRIED_TO_COUNTED_THINGS)
def test_no_currency_carried_to_counted_things(text, expected):
    assert _units(text) == [(pytest.approx(value), unit) for value, unit in expected]


@pytest.mark.parametrize("text, expected", [
    # carrying still reaches an amount of the money's scale that a verb or a clause follows
    ("Общий объём расходов бюджета на следующий год составит 27,8 триллиона тенге, из которых 10,7 триллиона "
     "направят на социальную сферу.", [(27.8e12, "KZT"), (10.7e12, "KZT")]),
    ("Les marchés publics représentent près de 81,1 milliards d'euros (48,5 milliards concernent les marchés de "
     "l'État, 32,6 milliards ceux du secteur public local).", [(81.1e9, "EUR"), (48.5e9, "EUR"), (32.6e9, "EUR")]),
    ("2 574 kiloa ja 2000 people", [(2574, None), (2000, None)]),
])
def test_carrying_still_reaches_money(text, expected):
    assert _units(text) == [(pytest.approx(value), unit) for value, unit in expected]


CURRENCIES = [
    # every ISO 4217 code stands before or after an amount
    ("the Maldives spent MVR 2.27 billion on subsidies, and MVR 1 billion on",
     [("MVR 2.27 billion", 2.27e9, "MVR"), ("MVR 1 billion", 1e9, "MVR")]),
    # the cedi: "¢" before an amount (a cent sign follows its amount)
    ("Whilst, State Owned Enterprises and Joint Venture Companies recorded losses of ¢586.9 million and ¢2.3 "
     "billion respectively, Other State Owned Enterprises registered a profit of ¢3.59 billion.",
     [("¢586.9 million", 586.9e6, "GHS"), ("¢2.3 billion", 2.3e9, "GHS"), ("¢3.59 billion", 3.59e9, "GHS")]),
    ("A stamp costs 50¢ in Ohio.", [("50", 50, None)]),
    # upper-case words that are codes only in ISO's list stay words
    ("ALL 500 drones were lost", [("500", 500, None)]),
    ("TOP 10 people", [("10", 10, None)]),
]


@pytest.mark.parametrize("text, expected", CURRENCIES)
def test_currencies_written_in_new_ways(text, expected):
    assert _figures(text) == expected


MIL_FOR_MILLION = [
    # "mil" is million in Serbian, Croatian and Romanian text
    ("Devizne rezerve Narodne banke Srbije su na kraju marta iznosile 9.500,9 mil EUR čime se obezbeđuje "
     "pokrivenost novčane mase od 238% i šest meseci uvoza robe i usluga.",
     [("9.500,9 mil EUR", 9_500.9e6, "EUR"), ("238%", 238, "%"), ("šest", 6, None)]),
    ("Totodata, in aceeasi perioada, cantitatea totala extrasa de ape minerale naturale (carbogazoase si plate) "
     "a fost de cca. 7.106 mil. litri.", [("7.106 mil.", 7_106e6, None)]),
    # and a thousand in Spanish, a mile in Turkish
    ("El contrato costó tres mil euros", [("tres mil euros", 3000, "EUR")]),
    ("Proje 10 mil uzunluğunda ve 5 milyon TL", [("10 mil", 10_000, None), ("5 milyon TL", 5e6, "TRY")]),
]


@pytest.mark.parametrize("text, expected", MIL_FOR_MILLION)
def test_mil_by_language(text, expected):
    assert _figures(text) == expected


SENTENCE_BREAKS = [
    # a full stop before an opening quote or a dash of speech ends the sentence the currency was written in
    ("obveze porasle za gotovo 100 milijuna eura. „Ako uzmemo u obzir taj rast, mi smo efektivno dobili oko 50 "
     "milijuna. A i u prosincu",
     [("100 milijuna eura", 100e6, "EUR"), ("50 milijuna", 50e6, None)]),
    ("W sumie cała pula wsparcia, którą dysponuje ARiMR to niemal 15 miliardów złotych. - My wypłaciliśmy już 9,6 "
     "mld. Większość jest już na kontach rolników",
     [("15 miliardów złotych", 15e9, "PLN"), ("9,6 mld.", 9.6e9, None)]),
    # a Serbian sentence with few function words is still Serbian, and its number words are read
    ("U ovoj godini, samo na Gradini, zaplenjeno gotovo dva miliona evra", [("dva miliona evra", 2e6, "EUR")]),
]


@pytest.mark.parametrize("text, expected", SENTENCE_BREAKS)
def test_sentence_breaks(text, expected):
    assert _figures(text) == expected


TRADITIONAL_CHINESE = [
    # 元 in traditional characters is Taiwan's dollar; numerals digit by digit and with a decimal point
    ("審計部一一三年審查修正就業安定基金決算。一○九至一一三年支出遭減列七二二四萬餘元，並增列相同數額收入數。"
     "勞動部長洪申翰曾於八月底爭取編列二點四億元公務預算，此舉形同納稅人替違法官員埋單。",
     [("七二二四萬餘元", 72_240_000, "TWD"), ("二點四億元", 240_000_000, "TWD")]),
    ("以往我在軍事單位任職的時候,經因為一張一百三十七元的文具費,被審計部認定為用途不符",
     [("一百三十七元", 137, "TWD")]),
    # simplified text, and renminbi named, stay CNY
    ("作为宏观经济运行状况的重要指标之一,数据显示,财政收入和支出均突破5万亿元。", [("5万亿元", 5e12, "CNY")]),
    # "一元的" in Japanese is "unified", no yuan
    ("調達管理業務委託契約を締結した病院は、受託業者から一元的に調達することになる。", []),
]


@pytest.mark.parametrize("text, expected", TRADITIONAL_CHINESE)
def test_traditional_chinese(text, expected):
    assert _figures(text) == expected


TURKISH_LIRA = [
    # the distributive suffix on an amount, before its scale and currency
    ("her iki yapım işi, 6 Mart 2015 tarihinde 25'er milyon TL geçici teminat tutarı bedelle",
     [("iki", 2, None), ("25'er milyon TL", 25e6, "TRY")]),
    ("ikişer 10'ar kişi", [("10", 10, None)]),
    # the old lira when every year written is before 2005
    ("ilaçlarının bedeli iddia edildiği gibi 1,5 Trilyon olmayıp\n2001 yılı Hastane Döner Sermaye Bütçesinden\n"
     "255.907.000.000 TL ödeme yapılmıştın",
     [("1,5 Trilyon", 1.5e12, None), ("255.907.000.000 TL", 255_907_000_000, "TRL")]),
    ("2024 yılında 5 milyon TL", [("5 milyon TL", 5e6, "TRY")]),
    ("Bütçeden 5 milyon TL ayrıldı", [("5 milyon TL", 5e6, "TRY")]),
]


@pytest.mark.parametrize("text, expected", TURKISH_LIRA)
def test_turkish_lira(text, expected):
    assert _figures(text) == expected


CURRENCY_WRITTEN_APART = [
    # "do" is "to" in a Croatian, Serbian and Polish range; the lower end, in digits or in words, takes the
    # upper end's scale and currency
    ("Dodao je da dug bolnica prema veledrogerijama raste 30 do 35 milijuna eura mjesečno",
     [("30", 30e6, "EUR"), ("35 milijuna eura", 35e6, "EUR")]),
    ("njezina vrijednost na ilegalnom tržištu procjenjuje se na sedam do 10 milijuna eura, priopćio je",
     [("sedam", 7e6, "EUR"), ("10 milijuna eura", 10e6, "EUR")]),
    ("od 2019 do 2021 godine 5 do 7 osób", [("5", 5, None), ("7", 7, None)]),
    # "kn" in a Croatian paragraph whose words near the amount tell no language
    ("U privitku se nalazi akt kojim se uređuju pravila, odgovornosti i postupci nabave roba i usluga procijenjene "
     "vrijednosti do 200.000,00 kn  i  radova do procijenjene vrijednosti  do  500.000,00 kn.",
     [("200.000,00 kn", 200_000, "HRK"), ("500.000,00 kn", 500_000, "HRK")]),
    # a lone thousand before its currency
    ("се очекува во март да порастат пензиите за илјада денари, а за", [("илјада денари", 1000, "MKD")]),
    ("Илјада денари добија сега пензионерите", [("Илјада денари", 1000, "MKD")]),
    # prose wrapped between the scale and its currency
    ("avec un déficit estimé à 1,5 milliard\nd'euros pour les hôpitaux publics.",
     [("1,5 milliard\nd'euros", 1.5e9, "EUR")]),
]


@pytest.mark.parametrize("text, expected", CURRENCY_WRITTEN_APART)
def test_currency_written_apart(text, expected):
    assert _figures(text) == expected


REFERENCES = [
    # law journals cited by year and page, a court's docket, a footnote number before a spaced comma
    ("(vgl. BVerfG NStZ-RR 2015, 335; OLG Hamm StraFo 2001, 19; KG Berlin BeckRS 2016, 2914; OLG Zweibrücken "
     "ZfSch 2017, 649). Daran fehlt es hier.", []),
    ("den OLG Düsseldorf, Beschl. v. 27.04.2021 – 2 RVs 11/21 – vor. Verurteilt worden isz der Angeklagte wegen "
     "vorsätzlicher Körperverletzung zu einer Geldstrafe von 80 Tagessätzen zu je 25 EUR.",
     [("80", 80, None), ("25 EUR", 25, "EUR")]),
    ("adressée en avril 2014 à la commission des affaires sociales de l’Assemblée nationale 182 , la Cour avait",
     []),
    # a year and a count in prose stay a count
    ("In 2015, 335 people died; 2000 people, 500 drones",
     [("335", 335, None), ("2000", 2000, None), ("500", 500, None)]),
]


@pytest.mark.parametrize("text, expected", REFERENCES)
def test_references_are_no_figures(text, expected):
    assert _figures(text) == expected


SIGNS_GROUPS_AND_HALVES = [
    # "▲" is a minus in Japanese statistics, in its span; in Korean lists "△" is a bullet
    ("輸出数量は同▲0.9% (季節調整値は大和総研による)と 2 ヶ月連続の減少となった。",
     [("▲0.9%", -0.9, "%"), ("2", 2, None)]),
    ("△1만~3만원 28%(710만 세대)",
     [("1만", 10_000, "KRW"), ("3만원", 30_000, "KRW"), ("28%", 28, "%"), ("710만", 7_100_000, None)]),
    # a dot before three digits groups thousands where the text's other numbers show a decimal comma
    ("- USL: 32,68%, respectiv 13.148 mandate", [("32,68%", 32.68, "%"), ("13.148", 13_148, None)]),
    ("Sales: 32.5%, then 1.234 units", [("32.5%", 32.5, "%"), ("1.234", 1.234, None)]),
    # a half after a count
    ("談合が認定された3年半の間に発注されたのは、およそ850億円", [("3年半", 3.5, None), ("850億円", 85e9, "JPY")]),
    ("запленија више од три и по тоне сировог и резаног дувана, као и скоро 4.000 боксова",
     [("три и по", 3.5, None), ("4.000", 4000, None)]),
    ("a fost condamnat la 4 ani şi jumătate de închisoare", [("4 ani şi jumătate", 4.5, None)]),
    ("u 3 i 4 godine", [("3", 3, None), ("4", 4, None)]),
]


@pytest.mark.parametrize("text, expected", SIGNS_GROUPS_AND_HALVES)
def test_signs_groups_and_halves(text, expected):
    assert _figures(text) == expected


CALENDAR_PERIODS = [
    # calendar periods of a year are dates, in every language
    ("Трикратно е зголемен бројот на заплени во првите седум месеци од годинава. Вкупно 199 дела.",
     [("Трикратно", 3, "x"), ("199", 199, None)]),
    ("в течение 11 месяцев 2019 года было проведено 5 проверок", [("5", 5, None)]),
    ("數據顯示,今年前三個月,我國經濟運作延續穩中向好態勢", []),
    ("Алғашқы алты айда Шымкент қаласында 66 727 пациент", [("66 727", 66_727, None)]),
    ("the first seven months of 2019", []),
    # a trailing window and a duration stay counts
    ("in the last 12 months 7 people; 3 months later", [("12", 12, None), ("7", 7, None), ("3", 3, None)]),
    ("за 6 месяцев лечения", [("6", 6, None)]),
]


@pytest.mark.parametrize("text, expected", CALENDAR_PERIODS)
def test_calendar_periods_are_dates(text, expected):
    assert _figures(text) == expected


MULTIPLES = [
    # adverbs of a multiple in -kratno and -struko, and the French noun after a determiner
    ("Трикратно е зголемен бројот на заплени од мобилните царински тимови", [("Трикратно", 3, "x")]),
    ("cijene su porasle peterostruko u odnosu na prošlu godinu", [("peterostruko", 5, "x")]),
    ("la Cour avait mis en évidence son triplement en dix ans, la portant à 30 Md€ en 2012.",
     [("triplement", 3, "x"), ("30 Md€", 30e9, "EUR")]),
    # not the adverb "triply"
    ("il est triplement fautif", []),
]


@pytest.mark.parametrize("text, expected", MULTIPLES)
def test_multiples_as_adverbs_and_nouns(text, expected):
    assert _figures(text) == expected


PERCENT_WORDS = [
    ("Народна банка: Каматната стапка на благајничките записи се намалува за 0,25 процентни поени",
     [("0,25 процентни поени", 0.25, "pp")]),
    ("зросли на 17 відс. порівняно з минулим роком", [("17 відс.", 17, "%")]),
    ("Takavarikoitu kokaiini oli myös hyvin puhdasta, 80–90 prosenttista, joten",
     [("80", 80, "%"), ("90 prosenttista", 90, "%")]),
]


@pytest.mark.parametrize("text, expected", PERCENT_WORDS)
def test_percent_and_points_words(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # German capitalises the noun an amount counts, never a verb
    ("Das Gesundheitsministerium zahlte im Jahr 2007 pro Stück 55 Cent - insgesamt 4,24 Millionen Euro für 7,69 "
     "Millionen Masken. Der Preis",
     [("55 Cent", 0.55, "EUR"), ("4,24 Millionen Euro", 4.24e6, "EUR"), ("7,69 Millionen", 7.69e6, None)]),
    ("Von den eingeplanten 14,6 Milliarden Euro waren Ende Juni bereits 10,2 Milliarden ausgegeben. (ap)",
     [("14,6 Milliarden Euro", 14.6e9, "EUR"), ("10,2 Milliarden", 10.2e9, "EUR")]),
    # "one of four" before a scale word: a quarter of it
    ("Шымкент қаласында пациенттерді дәрі-дәрмекпен қамтамасыз етуге төрттен бір миллиард теңгеден бөлінді.",
     [("төрттен бір миллиард теңгеден", 250e6, "KZT")]),
])
def test_counted_nouns_and_fractions(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a list dated by years takes the scale and currency of its first item
    ("Il est passé de 5,6 milliards d’euros en 1990, à 9,3 en 1995, 10,4 en 2005, 9,7 en 2011, 9,3 en 2013, et "
     "enfin 9,1 milliards pour la période 2014–2020.",
     [("5,6 milliards d’euros", 5.6e9, "EUR"), ("9,3", 9.3e9, "EUR"), ("10,4", 10.4e9, "EUR"),
      ("9,7", 9.7e9, "EUR"), ("9,3", 9.3e9, "EUR"), ("9,1 milliards", 9.1e9, "EUR")]),
    # not a share in a list of rates, nor a count of another kind
    ("GDP grew 2,5 % en 2019, 3,1 en 2020", [("2,5 %", 2.5, "%"), ("3,1", 3.1, None)]),
    ("Il a touché 5,6 milliards d’euros en 1990 et 12 personnes en 1995", [("5,6 milliards d’euros", 5.6e9, "EUR"),
                                                                        ("12", 12, None)]),
])
def test_dated_lists_share_scale_and_currency(text, expected):
    assert _figures(text) == expected
