"""Issue 18, seventeenth round, Japanese, Korean, Chinese, Kazakh, German, Finnish and Turkish: the classes of errors
of the sixteenth blind set (heldout16, now seen) and of the earlier sets in these languages, each decided once as a
rule of the language and tested with sentences quoted from their real paragraphs; beside each, what must stay no
figure or no money."""

import pytest

from archive.figures import extract


def _figures(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


# Finnish: the plural partitive of a currency's name ("euroja") is the currency.
FINNISH_PLURAL_CURRENCY = [
    ("autovahinkoja noin 5 miljoonaa euroja sekä erilaiselle irtaimistolle ja käyttöomaisuudelle aiheutuneita "
     "vahinkoja noin 15,4 miljoonaa euroa.",
     [("5 miljoonaa euroja", 5_000_000, "EUR"), ("15,4 miljoonaa euroa", 15_400_000, "EUR")]),
]


@pytest.mark.parametrize("text, expected", FINNISH_PLURAL_CURRENCY)
def test_finnish_plural_partitive_names_the_currency(text, expected):
    assert _figures(text) == expected


# A bare decimal before "ja" and one word takes the percent of the next rate: the verb is left out of the second
# clause. A whole number so placed stays bare.
PARALLEL_RATES = [
    ("Rovaniemellä nousu oli vuoden 2022 loka-joulukuussa 3,0 prosenttia, Tampereella 2,8 ja Turussa 2,3 prosenttia.",
     [("3,0 prosenttia", 3.0, "%"), ("2,8", 2.8, "%"), ("2,3 prosenttia", 2.3, "%")]),  # the year is a date
    ("Perheasuntojen vuokrat nousivat Helsingissä hiukan nopeammin, 1,5 prosenttia, kun taas Tampereella nousu oli "
     "3,8 ja Turussa 3,4 prosenttia.",
     [("1,5 prosenttia", 1.5, "%"), ("3,8", 3.8, "%"), ("3,4 prosenttia", 3.4, "%")]),
]


@pytest.mark.parametrize("text, expected", PARALLEL_RATES)
def test_a_decimal_before_and_one_word_takes_the_next_rates_percent(text, expected):
    assert _figures(text) == expected


def test_a_whole_number_before_and_one_word_stays_bare():
    assert _figures("Tampereella 3 ja Turussa 2,3 prosenttia.") == [("3", 3, None), ("2,3 prosenttia", 2.3, "%")]


# Half a percent in Finnish and German words; a half of a percentage point is no percent.
HALF_PERCENTS = [
    ("Helsingissä vuokrien nousu jäi runsaaseen puoleen prosenttiin.", [("puoleen prosenttiin", 0.5, "%")]),
    ("Die Preise stiegen um ein halbes Prozent.", [("halbes Prozent", 0.5, "%")]),
    ("Die Quote sank um einen halben Prozentpunkt.", []),
]


@pytest.mark.parametrize("text, expected", HALF_PERCENTS)
def test_half_a_percent_in_words(text, expected):
    assert _figures(text) == expected


# Japanese: a range of months written with the wave dash is a date; "の倍" is a double.
JAPANESE = [
    ("観光庁が16日発表した1〜9月の訪日外国人による消費額(速報)は、前年同期比61・7%増の5兆8582億円",
     [("61・7%", 61.7, "%"), ("5兆8582億円", 5_858_200_000_000, "JPY")]),
    ("消費額は4〜6月期に2兆1402億円と四半期で過去最高を記録したのに続き、7〜9月期は1兆9480億円で",
     [("2兆1402億円", 2_140_200_000_000, "JPY"), ("1兆9480億円", 1_948_000_000_000, "JPY")]),
    ("約499万人と14年の倍以上の数字。", [("499万", 4_990_000, None), ("倍", 2, "x")]),
    ("競争の倍率は高い", []),  # a ratio's name, no multiple
]


@pytest.mark.parametrize("text, expected", JAPANESE)
def test_japanese_month_ranges_and_the_double(text, expected):
    assert _figures(text) == expected


# Chinese counters of cases, batches and incidents after a number word.
CHINESE_COUNTERS = [
    ("记者昨日从江门海关获悉,该关近期持续查获两宗案值千万元涉嫌走私冻品案件",
     [("两", 2, None), ("千万元", 10_000_000, "CNY")]),
    ("截至目前,国家旅游局共批准了两批500个国家全域旅游示范区创建单位", [("两", 2, None), ("500", 500, None)]),
    ("其中,连续查获的三起走私冻品大案案值达8.25亿元", [("三", 3, None), ("8.25亿元", 825_000_000, "CNY")]),
    ("他们一起去", []),  # "together"
    ("从5月1日起", []),  # "from 1 May"
]


@pytest.mark.parametrize("text, expected", CHINESE_COUNTERS)
def test_chinese_counters_of_cases_batches_and_incidents(text, expected):
    assert _figures(text) == expected


# Kazakh: the similative ending ("about") on a unit.
KAZAKH_ABOUT = [
    ("Ұлттық статистика бюросының мәліметіне сүйенсек, қыркүйекте баға үш пайыздай өскен. Ал жыл басынан бері 14 "
     "пайызға көтеріліп отыр.", [("үш пайыздай", 3, "%"), ("14 пайызға", 14, "%")]),
]


@pytest.mark.parametrize("text, expected", KAZAKH_ABOUT)
def test_kazakh_similative_ending_on_a_unit(text, expected):
    assert _figures(text) == expected


# Turkish: a measure in two units whose smaller part has decimals; per mille before the number.
TURKISH = [
    ("piyasa değeri yaklaşık 16 milyon lira olan 247 bin 300 paket sigara, 12 ton 102,5 kilogram kaçak sigara "
     "tütünü ele geçirdi.",
     [("16 milyon lira", 16_000_000, "TRY"), ("247 bin 300", 247_300, None), ("12 ton 102,5 kilogram", 12_102.5, None)]),
    ("Son 22 yılda madenciliğimizin gayrisafi yurt içi hasıla içindeki payını binde 6’lardan yüzde 1’e",
     [("22", 22, None), ("binde 6", 0.6, "%"), ("yüzde 1", 1, "%")]),
    ("Bin hektar alan yandığında", []),  # "bin" (a thousand) is no per mille
]


@pytest.mark.parametrize("text, expected", TURKISH)
def test_turkish_two_unit_measures_and_per_mille(text, expected):
    assert _figures(text) == expected


# German: ranks after "Plätzen", fractions in the dative plural, adjectives of a span on a number word, and an
# earlier time's rate in parentheses.
GERMAN = [
    ("Auf den Plätzen zwei und drei landeten Trier und Ingolstadt. Dort haben sich die Mieten um 19,4 Prozent "
     "beziehungsweise 18,1 Prozent verteuert.",
     [("19,4 Prozent", 19.4, "%"), ("18,1 Prozent", 18.1, "%")]),
    ("sind die Wohnungsmieten seit dem vierten Quartal 2005 in über zwei Dritteln der deutschen Großstädten "
     "gestiegen, während die Kaufpreise für Eigentumswohnungen im gleichen Zeitraum in drei Vierteln der Standorte "
     "zurückgingen.", []),
    ("Die Vergabe wurde mit Dringlichkeit begründet, obwohl es eine nahezu dreijährige Sondierungs- und "
     "Verhandlungsphase gegeben hatte.", [("dreijährige", 3, None)]),
    ("Die Arbeitslosenquote erhöhte sich auf 6,3 (Februar: 6,2) Prozent.", [("6,3", 6.3, "%"), ("6,2", 6.2, "%")]),
    ("Der Preis stieg um 5,3 Prozent (Seite 12).", [("5,3 Prozent", 5.3, "%")]),  # no earlier time's rate
]


@pytest.mark.parametrize("text, expected", GERMAN)
def test_german_ranks_fractions_spans_and_asides(text, expected):
    assert _figures(text) == expected


# A scale and currency (or a currency's code) wrapped to the next line right after the number; a scale alone or a
# count on the next line stays bare.
WRAPPED = [
    ("Und schließlich führte der\nVertragsabschluss zu einem Abfluss der Umsatzsteuer in Höhe von rund 2,57\n"
     "Millionen Euro ins Ausland.", [("2,57\nMillionen Euro", 2_570_000, "EUR")]),
    ("Güncel fiyatlar\naçısından söz konusu ilaçların bedeli 929.840.950.000\nTL civarındadır",
     [("929.840.950.000\nTL", 929_840_950_000, "TRY")]),
    ("in Höhe von 2019\nMillionen Menschen", []),
    ("Umsatz 2019\nMillionen Euro 5,4", [("5,4", 5.4, None)]),  # a table's year over its unit's row
    ("Einwohner 1.234.567\nEinwohner", [("1.234.567", 1_234_567, None)]),
]


@pytest.mark.parametrize("text, expected", WRAPPED)
def test_amounts_wrapped_to_the_next_line(text, expected):
    assert _figures(text) == expected


# A number word of one language alone before its scale, in a headline with no word that tells the language.
def test_finnish_headline_number_word_before_its_scale():
    assert _figures("Viisi miljoonaa savuketta takavarikkoon") == [("Viisi miljoonaa", 5_000_000, None)]


# Korean: a scale alone before 여 and a counter.
KOREAN = [
    ("방사청은 올해 외국산 무기 구매 계약 건수는 천여 건이며 평균 규모는 약 3백만 달러로 예상했습니다.",
     [("천여", 1000, None), ("3백만 달러", 3_000_000, "USD")]),
    ("천여 가지 색", []),  # no counter of ours after it
]


@pytest.mark.parametrize("text, expected", KOREAN)
def test_korean_lone_scale_before_a_counter(text, expected):
    assert _figures(text) == expected


# German: a list of sums each given so many times shares the currency of its last item.
GERMAN_TIMES_ITEMS = [
    ("Neun Taten nennt die Anklage. Sie sind dergestalt: sieben Bargeldzusteckereien (viermal 20, dreimal 50 Euro), "
     "ein Hugo-Boss-T-Shirt",
     [("Neun", 9, None), ("sieben", 7, None), ("vier", 4, None), ("20", 20, "EUR"), ("drei", 3, None),
      ("50 Euro", 50, "EUR")]),
    ("Er zahlte 20, dreimal 50 Euro", [("20", 20, None), ("drei", 3, None), ("50 Euro", 50, "EUR")]),
]


@pytest.mark.parametrize("text, expected", GERMAN_TIMES_ITEMS)
def test_german_sums_given_so_many_times_share_the_currency(text, expected):
    assert _figures(text) == expected


# Finnish thousands written as one word, hundreds after them joined.
FINNISH_THOUSANDS = [
    ("Polttopuiden alta löytyi läpivalaisussa yli kymmenentuhatta kartonkia eli kaksi miljoonaa kappaletta Jin Ling "
     "-savukkeita", [("kymmenentuhatta", 10_000, None), ("kaksi miljoonaa", 2_000_000, None)]),
    ("löytyi kaksituhatta viisisataa kartonkia ja", [("kaksituhatta viisisataa", 2500, None)]),
    ("löytyi kaksituhatta kolmetuhatta kartonkia ja", [("kaksituhatta", 2000, None), ("kolmetuhatta", 3000, None)]),
]


@pytest.mark.parametrize("text, expected", FINNISH_THOUSANDS)
def test_finnish_thousands_in_one_word(text, expected):
    assert _figures(text) == expected


# Turkish: the months "of the year" are a calendar period (a date); a trailing window stays a duration.
TURKISH_PERIODS = [
    ("Yılın 7 aylık döneminde ihracat yüzde 7 artışla 96,3 milyar dolara ulaştı.",
     [("yüzde 7", 7, "%"), ("96,3 milyar dolara", 96_300_000_000, "USD")]),
    ("Savunma ve Havacılık Sanayii'nde bu yılın 10 ayında geçtiğimiz yılın aynı dönemine göre yüzde 14.4 artışla",
     [("yüzde 14.4", 14.4, "%")]),
    ("Son 12 aylık dönemde ihracat arttı", [("12", 12, None)]),
]


@pytest.mark.parametrize("text, expected", TURKISH_PERIODS)
def test_turkish_months_of_the_year_are_a_period(text, expected):
    assert _figures(text) == expected


# Kazakh in the Latin script, which Turkish letters would make Turkish, reads its own number words; half of a
# measure or span in Finnish and Kazakh is a value of 0.5.
KAZAKH_LATIN_AND_HALVES = [
    ("«Zańsyz aınalymnan segiz keliden astam sıntetıkalyq esirtki tárkilendi. 2022 jyldyń birinshi toqsanynda",
     [("segiz", 8, None)]),
    ("Almaty, Aqtóbe, Atyraý jáne Shyǵys Qazaqstan oblystarynda jarty jyl boıy esirtki satýshylardyń",
     [("jarty jyl", 0.5, None)]),
    ("– Aiemmin takavarikoimme alfa-PVP:tä alle puoli kiloa vuodessa, mutta viime vuonna takavarikkomäärä nousi "
     "10,6 kiloon.", [("puoli kiloa", 0.5, None), ("10,6", 10.6, None)]),
    ("Türkiye'de sekiz kişi öldü", [("sekiz", 8, None)]),
]


@pytest.mark.parametrize("text, expected", KAZAKH_LATIN_AND_HALVES)
def test_kazakh_latin_number_words_and_halves_of_a_unit(text, expected):
    assert _figures(text) == expected
