"""Issue 18, nineteenth round, Japanese, Korean, Chinese, Kazakh, German, Finnish and Turkish: the classes of errors
of the eighteenth blind set (heldout18, now seen) in these languages and the seen sets' left ones, each decided as a
rule of the language (or of every language, where the same shape is written elsewhere) and tested with sentences
quoted from their real paragraphs; beside each, what must stay no figure or no money."""

import pytest

from archive.figures import extract


def _figures(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


def _units(text):
    return {f.text: f.unit for f in extract(text)}


# Hundredths written after the currency with their coin left unnamed: "18 Euro 36" is 18.36 EUR; only a punctuation
# mark, the text's end or a small word (a preposition, an article, a conjunction) may follow them.
UNNAMED_HUNDREDTHS = [
    ("Die Kommission zur Ermittlung des Finanzbedarfs der Rundfunkanstalten schlägt vor, den Rundfunkbeitrag zum "
     "nächsten Januar um 86 Cent auf 18 Euro 36 pro Monat zu erhöhen.",
     [("86 Cent", 0.86, "EUR"), ("18 Euro 36", 18.36, "EUR")]),
    ("Bisher zahlt jeder Haushalt monatlich 17 Euro 50 zur Finanzierung des öffentlich-rechtlichen Rundfunks.",
     [("17 Euro 50", 17.5, "EUR")]),
    ("Le ticket coûte 2 euros 50 depuis janvier.", [("2 euros 50", 2.5, "EUR")]),
    ("Bilet kosztuje 5 złotych 20 od stycznia.", [("5 złotych 20", 5.2, "PLN")]),
    ("Билет стоит 12 рублей 50.", [("12 рублей 50", 12.5, "RUB")]),
]


@pytest.mark.parametrize("text, expected", UNNAMED_HUNDREDTHS)
def test_hundredths_after_the_currency_with_their_coin_unnamed(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, amount, count", [
    ("Er zahlte 200 Euro 30 Tage lang.", ("200 Euro", 200, "EUR"), ("30", 30, None)),
    ("Билет стоит 30 рублей 40 минут.", ("30 рублей", 30, "RUB"), ("40", 40, None)),
    ("Preis 20 Euro 10% mehr.", ("20 Euro", 20, "EUR"), ("10%", 10, "%")),
])
def test_two_digits_before_a_noun_or_a_unit_stay_their_own_figure(text, amount, count):
    assert _figures(text) == [amount, count]


# German lower-case "pro" before a noun is "per", no model's name ("iPhone 13 Pro").
def test_german_pro_before_a_noun_is_per():
    assert _figures("Es sind 36 pro Monat.") == [("36", 36, None)]


# A number over 31 glued to the CJK word for a day counts days: no date has it.
@pytest.mark.parametrize("text, expected", [
    ("하루 세 끼 식비 단가는 4,802원, 연간(365일)으로 환산 시 1,752,730원이 투입됩니다 .",
     [("세", 3, None), ("4,802원", 4802, "KRW"), ("365", 365, None), ("1,752,730원", 1_752_730, "KRW")]),
    ("1位のベトナムは、技能実習生受け入れ拡大の影響が背景にあり、平均宿泊日数が36日と長く、家電品をそろえたり",
     [("36", 36, None)]),
])
def test_cjk_days_past_a_month_are_counted(text, expected):
    assert _figures(text) == expected


def test_a_day_of_the_month_stays_a_date():
    assert _figures("28일 법무부의 발표") == []


# A carried currency never reaches a CJK number after a word for a number of things ("账户数量").
def test_a_count_of_accounts_after_dollar_amounts_is_no_money():
    text = ("美国国家慈善信托基金2016年的行业报告数据显示,捐赠人建议基金2015年捐赠资产总额累积为786.4亿美元,"
            "总捐赠收入金额222.6亿美元,总捐赠支出金额为145.2亿美元,总捐赠账户数量达到26.918万,较之2014年的指标数据")
    assert _figures(text)[-1] == ("26.918万", 269_180, None)
    assert [f.unit for f in extract(text)][:3] == ["USD", "USD", "USD"]


# A bare CJK scale right after a count and its measure word names a class of the things counted (the set's README):
# no amount; "过亿元" (over a hundred million) after other words is one.
def test_a_bare_scale_after_a_count_and_its_measure_word_is_a_class():
    text = ("据不完全统计,2023年3月共出现41笔1000万元及以上大额捐赠(含承诺捐赠和物资捐赠),包括4笔亿元捐赠,"
            "2笔5000万元至亿元捐赠,35笔1000万元至5000万元捐赠,总额约16.64亿元。")
    assert [f.text for f in extract(text) if f.unit == "CNY"] == ["1000万元", "5000万元", "1000万元", "5000万元",
                                                                   "16.64亿元"]


def test_over_a_bare_scale_of_yuan_stays_an_amount():
    text = "州海关召开新闻发布会,介绍今年以来破获的三宗案值过亿元的冻品走私大案。"
    assert ("亿元", 100_000_000, "CNY") in _figures(text)


# Korean "여" (some) and a smaller scale after the last scale of an amount of won: over that amount.
@pytest.mark.parametrize("text, expected", [
    ("이는 지난해 999억 여만원보다 약 5.4% 인상된 금액으로", ("999억 여만원", 99_900_000_000, "KRW")),
    ("총 3조여억원을 투입", ("3조여억원", 3_000_000_000_000, "KRW")),
    ("총 50억 여원을 들였다.", ("50억 여원", 5_000_000_000, "KRW")),
])
def test_korean_some_of_a_smaller_scale_is_over_the_amount(text, expected):
    figure = extract(text)[0]
    assert (figure.text, figure.value, figure.unit, figure.approx) == (*expected, "over")


# A bare number of a list led by years takes the currency of the item before it.
def test_an_item_of_a_list_led_by_years_takes_the_currency_before():
    text = ("Bei der Kostenentwicklung können die Daten aus Nordrhein-Westfalen als Beispiel dienen: 1980 waren es "
            "rund 41 Euro am Tag, 1990 dann 66 Euro, im Jahr 2000 schon 71 und 2015 schließlich 133,55 Euro.")
    assert ("71", 71, "EUR") in _figures(text)
    assert ("66", 66, "EUR") in _figures("In 2010 the fee was 41 euros, in 2015 already 66 and in 2020 finally 90 "
                                         "euros.")


def test_a_count_led_by_a_year_stays_a_count():
    assert _units("W 2019 roku płacono 41 zł, w 2020 już 50 osób.")["50"] is None


# Named eras and rankings, and the short number a text message goes to, are no figures.
@pytest.mark.parametrize("text, expected", [
    ("日本では少子高齢化が進み、もはや「人生100年時代」「老後資金は2,000万円不足する」などと、まことしやかに言われています。",
     [("2,000万円", 20_000_000, "JPY")]),
    ("바야흐로 100세 시대를 맞아", []),
    ("2016年10月,美国慈善记事报发布了年度慈善400强榜单,美国富达慈善捐赠基金会击败了美国慈善业传统行业领先者全球联合之路登上了"
     "美国年度慈善400强冠军宝座,前者2015年募资46亿美元,年增长率实现20%,而后者2015年仅募资37亿美元。",
     [("46亿美元", 4_600_000_000, "USD"), ("20%", 20, "%"), ("37亿美元", 3_700_000_000, "USD")]),
    ("Gerçek ve tüzel kişiler, kampanya hesap numaralarına havale ücreti ödemeksizin doğrudan bağış yaptı. “GAZZE” "
     "yazıp 2851’e mesaj gönderilerek de kampanyaya 5 lira destek verildi.", [("5 lira", 5, "TRY")]),
    ("Pošaljite SMS na broj 7522 i donirajte 2 KM.", [("2 KM", 2, "BAM")]),
])
def test_names_and_message_numbers_are_no_figures(text, expected):
    assert _figures(text) == expected


def test_a_korean_age_is_still_counted():
    assert _figures("100세 노인. 세 사람") == [("100", 100, None), ("세", 3, None)]


# Chinese writes litres "L" glued to the number: a measure.
def test_chinese_litres_glued_are_a_measure():
    text = "設我國人均排放污水100L每天,全國一天排放污水量為1.3億噸"
    assert _figures(text)[0] == ("100", 100, None)


# A list of places in a local case takes the unit of its last item.
@pytest.mark.parametrize("text, expected", [
    (" • Opiskelijoiden ja yli 70-vuotiaiden 45 prosentin alennus laskettaisiin 40 prosenttiin säästäisi 1,4 me. "
     "Opiskelija-alennus on Turussa 30, Tampereella 25 ja Oulussa 20 prosenttia.",
     {"30": "%", "25": "%", "20 prosenttia": "%"}),
    ("Bensiini maksaa Helsingissä 1,95, Tampereella 1,89 ja Oulussa 1,92 euroa litralta.",
     {"1,95": "EUR", "1,89": "EUR", "1,92 euroa": "EUR"}),
    ("Ал Алматыда 151, Нұр-Сұлтанда 152 және Шымкентте 149 теңге.", {"151": "KZT", "152": "KZT", "149 теңге": "KZT"}),
])
def test_a_list_of_places_takes_the_unit_of_its_last_item(text, expected):
    units = _units(text)
    assert {key: units.get(key) for key in expected} == expected


def test_names_before_counts_take_no_currency():
    text = "Bu dönemde Beşiktaş 8, Galatasaray 14, Fenerbahçe 12 ve Trabzonspor da 17 futbolcuyu renklerine bağladı."
    assert all(f.unit is None for f in extract(text))


# A bare decimal alone in its parentheses takes the percent of an earlier rate alone in its own.
def test_a_parenthesized_decimal_after_parenthesized_rates_is_a_rate():
    text = ("2013 wurde die höchste Beteiligung im Berliner Wahlkreis Steglitz-Zehlendorf registriert (79,8 Prozent), "
            "die niedrigste im Kreis Harz (58,9).")
    assert _units(text) == {"79,8 Prozent": "%", "58,9": "%"}


def test_a_parenthesized_whole_number_after_a_rate_stays_bare():
    assert _units("Die Quote stieg (4,2 Prozent), im Kreis Harz (58) Fälle.").get("58") is None


# Round-number words: Finnish "pari-" (a couple of) tens, hundreds, thousands; German "Dutzend", Turkish "düzine".
@pytest.mark.parametrize("text, expected", [
    ("Ylellisiksi lasketaan arvoltaan yli 300 euron tuotteet, kuten älylaitteet, korut, luksusmuoti ja arvotavarat. "
     "Näistä on tehty parikymmentä rikosilmoitusta.", ("parikymmentä", 20)),
    ("Paikalla oli parisataa ihmistä.", ("parisataa", 200)),
    ("Es wurden ein Dutzend Fälle gemeldet.", ("Dutzend", 12)),
    ("Bir düzine yumurta 50 lira.", ("düzine", 12)),
])
def test_round_number_words_are_about_their_number(text, expected):
    figure = next(f for f in extract(text) if f.text == expected[0])
    assert (figure.value, figure.unit, figure.approx) == (expected[1], None, "about")


def test_german_dozens_say_no_number():
    assert extract("Es wurden Dutzende Fälle gemeldet.") == []


# A service's telephone line named by what it is, and Chinese "二次" (secondary; twice is "两次"), are no counts.
@pytest.mark.parametrize("text, expected", [
    ("İhbar üzerine bölgeye itfaiye, polis ve 112 Acil Sağlık ekipleri sevk edildi.", []),
    ("扬州市公安局还与金融、通信等部门深化合作,用高科技手段破解防范难题。开通96110反诈专线,建成诈骗网站智能拦截识别系统。", []),
    ("打击海南离岛免税“套代购”走私案:涉案团伙组织招揽社会人员套用他人海南离岛免税额度,通过“离岛自提”、“返岛自提”等方式走私"
     "高档洋酒后二次销售牟利,案值8433万元。(完)", [("8433万元", 84_330_000, "CNY")]),
])
def test_service_lines_and_secondary_are_no_counts(text, expected):
    assert _figures(text) == expected


def test_chinese_times_stay_counts():
    assert _figures("他两次获奖,共三次。") == [("两", 2, None), ("三", 3, None)]


# A word with look-alike letters of another script is read in the script of its letters that look like none of the
# other's: Kazakh "бec" (Latin "e" and "c") is "бес" (five), though most of its letters are Latin.
def test_a_word_of_look_alikes_is_read_in_the_script_of_its_own_letters():
    text = ("жеке тұлғаларға - он бec, лауазымды адамдарға отыз айлық есептік көрсеткіш мөлшерiнде айыппұл салуға "
            "әкеп соғады.")
    assert _figures(text) == [("он бec", 15, None), ("отыз", 30, None)]
    assert _figures("Plata je dvе hiljadе dinara.") == [("dvе hiljadе dinara", 2000, "RSD")]


# A Turkish plural with its possessive before a number is a common noun, however capitalised: no model's name.
def test_a_turkish_plural_possessive_before_a_number_is_no_name():
    text = ("Gümrük Muhafaza Ekipleri 7 gün 24 saat aralıksız sürdürdüğü kaçakçılıkla mücadele faaliyetlerine hız "
            "kesmeden devam ettiği kaydedildi.")
    assert _figures(text) == [("7", 7, None), ("24", 24, None)]


# A thousand "per" which a count follows is the figure 1000: Finnish says "per" with its ablative case, German "pro".
@pytest.mark.parametrize("text, expected", [
    ("Dieselin hinta on komission tilastojen mukaan 1 429 euroa tuhannelta litralta eli noin 1,43 euroa litralta.",
     [("1 429 euroa", 1429, "EUR"), ("tuhannelta", 1000, None), ("1,43 euroa", 1.43, "EUR")]),
    ("Die Zahl der Fälle lag bei 12 pro tausend Einwohner.", [("12", 12, None), ("tausend", 1000, None)]),
    ("Die Kosten lagen bei tausend Euro.", [("tausend Euro", 1000, "EUR")]),
])
def test_a_thousand_per_a_count(text, expected):
    assert _figures(text) == expected


# Points are percentage points where a pronoun speaks of the rate the sentence before names (no index named).
def test_points_of_a_rate_named_in_the_sentence_before():
    text = ("Die Arbeitslosenquote verringerte sich leicht um 0,1 Punkte auf 6,0 Prozent. Auf Jahressicht kletterte "
            "sie allerdings um 0,3 Punkte. Das ganze Jahr über läuft es auf dem Arbeitsmarkt bereits schlechter.")
    assert ("0,3 Punkte", 0.3, "pp") in _figures(text)


@pytest.mark.parametrize("text", ["Der DAX stieg um 2 Prozent. Er gewann 120 Punkte.",
                                  "Die Quote lag bei 5 Prozent. Der Springer erhielt 0,3 Punkte Abzug."])
def test_points_of_an_index_or_without_a_pronoun_stay_no_rate(text):
    assert all(f.unit != "pp" for f in extract(text))


# A signed decimal alone in parentheses is a signed percentage when a percentage stands in its sentence or the one
# before; two sentences away it stays bare.
def test_a_signed_change_after_a_percentage_in_the_sentence_before():
    text = ("Мамыр айында еліміздегі тұрғын үй бағасы өсті деген ақпарат бар. Баға динамикасының 2 пайыздан жоғары "
            "көрсеткіші тек Талдықорған қаласында тіркелген. Бұл шаһардағы баға индексі 178 025 теңгені (+2,1) құрады.")
    assert _figures(text)[-1] == ("+2,1", 2.1, "%")
    assert _figures("Die Quote lag bei 5 Prozent. Dann kam lange nichts. Der Wert stieg (+2,1).")[-1] == \
        ("2,1", 2.1, None)


# The short number of a text message in Chinese and Korean layouts; a count stays a count.
@pytest.mark.parametrize("text, expected", [
    ("编辑短信“捐款”发送至10690即可捐赠10元。", [("10元", 10, "CNY")]),
    ("7079로 문자를 보내면 2000원이 기부된다.", [("2000원", 2000, "KRW")]),
    ("全市共10690人参加。", [("10690", 10690, None)]),
])
def test_cjk_message_numbers(text, expected):
    assert _figures(text) == expected


# A dot before three digits ending in zero groups thousands where nothing else tells the convention.
def test_a_dot_before_a_round_hundred_groups():
    assert _figures("Er verdient 4.000 Euro brutto, netto bleiben 2.600.")[-1] == ("2.600", 2600, None)
    assert _figures("The yield was 2.600 percent.") == [("2.600 percent", 2.6, "%")]


# Turkish glues the past copula to a scale word or a currency: "2,1 milyardı" (was 2.1 billion), "50 liraydı".
@pytest.mark.parametrize("text, expected", [
    ("Bütçe 2,5 milyar liraya çıktı, bir önceki yıl 2,1 milyardı.", ("2,1 milyardı", 2_100_000_000, "TRY")),
    ("Geçen yıl fiyat 50 liraydı.", ("50 liraydı", 50, "TRY")),
])
def test_turkish_past_copula_on_a_scale_or_a_currency(text, expected):
    assert _figures(text)[-1] == expected


# A carried currency never reaches an amount after the word for "the number of" (at most two words between).
@pytest.mark.parametrize("text, count", [
    ("Şirketin cirosu 1,5 milyar lira, çalışan sayısı 2 bin.", "2 bin"),
    ("Der Umsatz lag bei 1,5 Milliarden Euro, die Mitarbeiterzahl stieg auf 2 Millionen.", "2 Millionen"),
    ("Le chiffre d'affaires atteint 1,5 milliard d'euros, le nombre de visiteurs 2 millions.", "2 millions"),
])
def test_a_count_named_before_takes_no_carried_currency(text, count):
    assert _units(text)[count] is None


def test_an_amount_after_other_words_still_takes_the_currency():
    assert _units("Der Umsatz lag bei 1,5 Milliarden Euro, der Gewinn bei 2 Millionen.")["2 Millionen"] == "EUR"


# What an amount counts, named in a case or before it, keeps a carried currency away; money named so keeps it.
@pytest.mark.parametrize("text, count", [
    ("Proje 5 milyon liraya mal oldu ve 2 milyon kişiye ulaştı.", "2 milyon"),
    ("项目投资5亿元,受益群众达200万。", "200万"),
    ("Hankkeen kustannukset ovat 5 miljoonaa euroa, käyttäjiä on 2 miljoonaa.", "2 miljoonaa"),
])
def test_counts_named_in_a_case_or_before_take_no_currency(text, count):
    assert _units(text)[count] is None


@pytest.mark.parametrize("text, amount, unit", [
    ("Proje 5 milyon liraya mal oldu ve 2 milyon liraya satıldı.", "2 milyon liraya", "TRY"),
    ("项目投资5亿元,其中中央投资2亿。", "2亿", "CNY"),
    ("Budjetti on 5 miljoonaa euroa, ensi vuonna 4 miljoonaa.", "4 miljoonaa", "EUR"),
])
def test_amounts_of_money_still_take_it(text, amount, unit):
    assert _units(text)[amount] == unit


# Lists led by years in Turkish (the year with its case ending) and Kazakh ("және", and, closes an item).
@pytest.mark.parametrize("text, bare, unit", [
    ("Fiyat 2019'da 41 lira, 2020'de 66 ve 2021'de 90 lira oldu.", "66", "TRY"),
    ("2019 жылы бағасы 41 теңге болды, 2020 жылы 66 және 2021 жылы 90 теңге.", "66", "KZT"),
    ("Fiyat 2019'da 41 lira, 2020'de 66 kişi katıldı.", "66", None),
])
def test_lists_led_by_years_in_turkish_and_kazakh(text, bare, unit):
    assert _units(text)[bare] == unit


# "Of which" before a part of the amount before carries its currency, whatever follows; a count stays a count; the
# number of a thing named before an amount keeps the currency of a later amount away too.
@pytest.mark.parametrize("text, amount, unit", [
    ("Биылғы бюджет 1,5 трлн теңге, оның ішінде 300 млрд білім беруге бөлінді.", "300 млрд", "KZT"),
    ("Der Etat beträgt 2 Milliarden Euro, davon 300 Millionen für Schulen.", "300 Millionen", "EUR"),
    ("Der Etat beträgt 2 Milliarden Euro, davon 300 Millionen Menschen betroffen.", "300 Millionen", None),
    ("Die Zahl der Fahrgäste stieg auf 2,5 Milliarden, der Umsatz auf 44 Milliarden Euro.", "2,5 Milliarden", None),
])
def test_parts_of_an_amount_and_counts_named_before(text, amount, unit):
    assert _units(text)[amount] == unit


def test_japanese_strong_after_a_number_is_a_little_over_it_no_ranking():
    assert [f.value for f in extract("利用者は1000強に達した。")] == [1000]


# German "vom Hundert" (per cent), abbreviated or written out.
@pytest.mark.parametrize("text, expected", [
    ("Die Preise stiegen um 3,5 v. H. im Jahresvergleich.", [("3,5 v. H.", 3.5, "%")]),
    ("Der Anteil beträgt 12 vom Hundert.", [("12 vom Hundert", 12, "%")]),
])
def test_german_vom_hundert_is_percent(text, expected):
    assert _figures(text) == expected
