"""Issue 18, fifteenth round: the money of the fourteenth blind set (heldout14, now seen) and the remaining classes of
heldout6-13, each decided once from the shape for every language, and tested with sentences quoted from their real
paragraphs; beside each, what must stay no money."""

import pytest

from archive.figures import extract


def _figures(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


def _money(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text) if f.unit not in (None, "%", "x", "pp")]


COMPOSITES_JOINED_BY_AND = [
    # a composite amount whose smaller part, with its own scale word, follows "и"/"i" before the currency
    ("Фондот за здравствено осигурување на Македонија 2017 година ја започнува со историски најголемиот буџет на "
     "институцијата во висина од 26 милијарди и 947 милиони денари. Овој буџет е за 1 милијарда и 370 милиони "
     "денари повисок од буџетот на почетокот на 2016 година, односно зголемување за 5,4%.",
     [("26 милијарди и 947 милиони денари", 26_947_000_000, "MKD"),
      ("1 милијарда и 370 милиони денари", 1_370_000_000, "MKD")]),
    ("Proračun je porastao za 1 milijarda i 370 miliona kuna u odnosu na prošlu godinu.",
     [("1 milijarda i 370 miliona kuna", 1_370_000_000, "HRK")]),
]


@pytest.mark.parametrize("text, expected", COMPOSITES_JOINED_BY_AND)
def test_composites_joined_by_and(text, expected):
    assert _money(text) == expected


def test_a_pair_of_counts_joined_by_and_stays_two():
    # no currency after the smaller part: two counts, never joined
    assert _figures("Во регионот живеат 2 милијарди и 500 милиони луѓе, според проценките.") == [
        ("2 милијарди", 2e9, None), ("500 милиони", 5e8, None)]


MINOR_UNITS = [
    # "коп." in Ukrainian text is the hryvnia's hundredth, and "28, 02" a decimal comma spaced before it
    ("Зокрема, при споживанні менше 150 кВт·година у місяць (включно) тариф складатиме 28, 02 коп. за кВт·година "
     "У разі ж перевищення цього нормативу тариф вже складатиме 36,48 коп. за кВт·година",
     [("150", 150, None), ("28, 02 коп.", 0.2802, "UAH"), ("36,48 коп.", 0.3648, "UAH")]),
    # in Russian text it stays the rouble's
    ("В Москве тариф на электроэнергию вырос до 36,48 коп. за киловатт-час, сообщили в мэрии.",
     [("36,48 коп.", 0.3648, "RUB")]),
    # two decimals after a spaced comma right before the currency: the hundredths
    ("Do 1. studenog prosječno je kućanstvo plaćalo 40, 65 eura na mjesec. Od 1. studenog računi su podignuti na "
     "43,65 eura.", [("40, 65 eura", 40.65, "EUR"), ("43,65 eura", 43.65, "EUR")]),
]


@pytest.mark.parametrize("text, expected", MINOR_UNITS)
def test_minor_units_and_spaced_hundredths(text, expected):
    assert [figure for figure in _figures(text) if figure[0] != "1."] == expected


def test_spaced_items_of_a_list_stay_apart():
    # "10, 20 i 30 eura" is a list: no decimal comma is read into "10, 20"
    assert [figure[0] for figure in _figures("Karte koštaju 10, 20 i 30 eura, ovisno o mjestu u dvorani.")] == [
        "10", "20", "30 eura"]


LABELLED_PARENTHESES = [
    ("Iznad 4500 eura neto primaju i karlovačka županica Martina Furdek-Hajdin (HDZ, 4703 eura), varaždinski župan "
     "Anđelko Stričak (HDZ, 4581), šibensko-kninski župan Paško Rakić (HDZ, 4577), splitsko-dalmatinski župan "
     "Blaženko Boban (HDZ, 4518) i istarski župan Boris Miletić (nezavisni, 4512).",
     [("4500 eura", 4500, "EUR"), ("4703 eura", 4703, "EUR"), ("4581", 4581, "EUR"), ("4577", 4577, "EUR"),
      ("4518", 4518, "EUR"), ("4512", 4512, "EUR")]),
]


@pytest.mark.parametrize("text, expected", LABELLED_PARENTHESES)
def test_currency_written_once_for_labelled_parentheses(text, expected):
    assert _figures(text) == expected


def test_a_year_or_a_count_after_a_label_takes_no_currency():
    # a year, and a number of another length, after the same label shape stay no money
    assert _money("Plaću primaju Ivan Horvat (HDZ, 4703 eura), Marko Kovač (SDP, 2019) i Ana Babić (Most, 13).") == [
        ("4703 eura", 4703, "EUR")]


SCALES_ALONE = [
    # French "au million d’euros": one million; the bare "(60 millions)" after it takes its currency
    ("• Avec des amendes souvent supérieures au million d’euros – la plus importante ayant concerné Microsoft "
     "(60 millions) –, la CNIL semble vouloir montrer au marché qu’elle assume aujourd’hui pleinement son rôle",
     [("million d’euros", 1e6, "EUR"), ("60 millions", 6e7, "EUR")]),
    # a quarter of a scale, in English
    ("Salaries vary for different individuals however, with some close to the quarter of a million pound mark.",
     [("quarter of a million pound", 250_000, "GBP")]),
    # Russian "тысячу рублей": a thousand alone before its currency
    ("Организовал ее часовщик Яков Гассениус, билет стоил гривну (10 копеек), максимальный выигрыш составлял "
     "тысячу рублей, а по копейке с каждого билета устроитель клал себе в карман.",
     [("10 копеек", 0.1, "RUB"), ("тысячу рублей", 1000, "RUB")]),
    # German writes a fraction of a scale as one word
    ("Er verursachte einen Sachschaden in Höhe von rund einer halben Million Euro. Zusammen also rund eine "
     "Dreiviertelmillion Euro zu Lasten der Banken.",
     [("halben Million Euro", 500_000, "EUR"), ("Dreiviertelmillion Euro", 750_000, "EUR")]),
]


@pytest.mark.parametrize("text, expected", SCALES_ALONE)
def test_scales_alone_and_fractions_of_scales(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # "le million de visiteurs" names no currency: no figure
    ("Le budget atteint 2 milliards d'euros, et le million de visiteurs a été dépassé en juin.",
     [("2 milliards d'euros", 2e9, "EUR")]),
    # "тысячу" after a number word is that number's thousand, never a thousand roubles of its own
    ("Он заплатил двадцать одну тысячу рублей за билет.", []),
    # a German fraction of a scale with no currency is a manner of speaking
    ("Eine Viertelmilliarde Menschen lebt dort.", []),
])
def test_scale_words_that_make_no_money(text, expected):
    assert _money(text) == expected


def test_a_range_whose_lower_bound_leaves_its_thousand_out():
    assert _figures("3. The median annual salary for a County Council, Metropolitan or London Borough Chief "
                    "Executive ranges from £174-£184,000, with a Unitary Council Chief Executive receiving around "
                    "£157,000.") == [("£174", 174_000, "GBP"), ("£184,000", 184_000, "GBP"),
                                     ("£157,000", 157_000, "GBP")]


def test_a_range_from_a_price_to_a_thousand_is_taken_as_written():
    # 5 and 10,000: a thousand times 5 is half the upper bound, so no thousand is left out
    assert _money("Tickets cost £5-£10,000 depending on the seat, and £900-£1,000 for the box.") == [
        ("£5", 5, "GBP"), ("£10,000", 10_000, "GBP"), ("£900", 900, "GBP"), ("£1,000", 1000, "GBP")]


def test_a_number_in_words_with_digit_decimals():
    assert _figures("La subasta apenas duró unas horas y se saldó con una colecta desilusionante de treinta y "
                    "seis,2 millones de euros, lejos de los 56 millones del precio de salida.") == [
        ("treinta y seis,2 millones de euros", 36_200_000, "EUR"), ("56 millones", 56_000_000, "EUR")]


def test_spanish_mil_and_its_hundreds():
    assert _figures("Telefónica, Orange, Vodafone se han adjudicado mil ochocientos de los dos mil cuatrocientos "
                    "megahercios subastados en los bloques estatales.") == [
        ("mil ochocientos", 1800, None), ("dos mil cuatrocientos", 2400, None)]


MULTIPLES = [
    ("Количество точек продаж лотерейных билетов «Победы» с июля прошлого года увеличилось в два с половиной раза.",
     [("два с половиной раза", 2.5, "x")]),
    ("Буџетот од околу 27 милијарди денари е повеќе од двојно повисок во споредба со 2000та година.",
     [("27 милијарди денари", 27e9, "MKD"), ("двојно", 2, "x")]),
    # a multiple smaller divides (LABELLING.md section 8, read so since the twentieth round): a third
    ("bolju sliku daje podatak da je naša mjesečna plaća oko triput niža od prosjeka zapadne Europe",
     [("triput niža", 1 / 3, "x")]),
    ("Suma pierdută de Educație este dublă față de cea tăiată la prima rectificare bugetară de Guvernul Dăncilă.",
     [("dublă", 2, "x")]),
]


@pytest.mark.parametrize("text, expected", MULTIPLES)
def test_multiples(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text", [
    "Sastaju se dvaput godišnje u Zagrebu, a ponekad i triput mjesečno.",  # occasions, not multiples
    "Тој има двојно државјанство и живее во Скопје.",  # dual citizenship
    "Au fost cazați într-o cameră dublă la hotel.",  # a double room
])
def test_not_multiples(text):
    assert [figure for figure in _figures(text) if figure[2] == "x"] == []


def test_finnish_percent_in_its_cases():
    assert _figures("Yksi jo päätetyistä keinoista on sähkön arvonlisäveron alennus 24 prosentista 10 "
                    "prosenttiin.") == [("24 prosentista", 24, "%"), ("10 prosenttiin", 10, "%")]


def test_a_carried_currency_reaches_an_amount_counted_by_a_period():
    assert _money("para 2025, el umbral de pobreza aumentará un 4,26%, situándose en 11.944,88 euros al año, un "
                  "revalorización que tendrá un coste de unos 900 millones al año adicionales.") == [
        ("11.944,88 euros", 11944.88, "EUR"), ("900 millones", 9e8, "EUR")]


@pytest.mark.parametrize("text, expected", [
    # what a period counts, named after it: visitors
    ("El parque costó 3 euros por entrada y recibe 2 millones al año de visitantes.", [("3 euros", 3, "EUR")]),
    # packs of cigarettes seized, after the money
    ("Yapılan çalışmalarda piyasa değeri yaklaşık 268 bin 675 TL olan, toplam 56 bin 400 paket bandrolsüz gümrük "
     "kaçağı sigara ele geçirildi.", [("268 bin 675 TL", 268_675, "TRY")]),
    # customers, citizens: who an amount counts
    ("Spółka zapłaciła 5 mln zł, a 3 mln klientów straciło prąd.", [("5 mln zł", 5e6, "PLN")]),
    ("Firma je platila 5 milijuna eura, a 3 milijuna građana ostalo je bez struje.", [("5 milijuna eura", 5e6, "EUR")]),
    ("Şirket 5 milyon TL ödedi ve 3 milyon müşteri etkilendi.", [("5 milyon TL", 5e6, "TRY")]),
    # a measure
    ("Il a coûté 5 millions d'euros pour 3 millions de m3 d'eau traitée.", [("5 millions d'euros", 5e6, "EUR")]),
    # an amount of the scale of a count left without currency since the money
    ("Bileti 50 TL, maç 2-1 bitti, 40 bin seyirci vardı, 2023'te 30 bin.", [("50 TL", 50, "TRY")]),
])
def test_a_carried_currency_reaches_no_count(text, expected):
    assert _money(text) == expected


def test_spanish_hasta_after_a_year_is_no_count():
    # Turkish "hasta" (patient) is no counted noun: "2006 hasta agosto" stays a date, no figure
    assert _figures("por intercambiar información comercial sensible desde febrero de 2006 hasta agosto de "
                    "2013.") == []


@pytest.mark.parametrize("text, expected", [
    # Serbian and Croatian adjectives of years count them, as "pięcioletni" does
    ("Uprava za javni dug je 3. februara okončala drugu aukciju petogodišnjih državnih obveznica u ovoj godini.",
     [("petogodišnjih", 5, None)]),
    ("Na aukciji dvogodišnjih državnih obveznica Srbije u evrima prodato je 53,08 odsto obima emisije.",
     [("dvogodišnjih", 2, None), ("53,08 odsto", 53.08, "%")]),
])
def test_compounds_of_years(text, expected):
    assert _figures(text) == expected


def test_compounds_without_a_number_stay_words():
    # "last year's", "multi-year": no number inside
    assert _figures("U odnosu na prošlogodišnju isplatu i višegodišnjim planovima nema promjena.") == []


def test_first_months_in_croatian_are_a_period():
    # "u prva tri mjeseca" (in the first three months) dates, it does not count
    assert _figures("Morske luke u prva tri mjeseca zabilježile su porast prometa putnika za 8,7 posto.") == [
        ("8,7 posto", 8.7, "%")]


@pytest.mark.parametrize("text, expected", [
    ("Slijede luke Zadar i Preko, s 123,4 tisuće, odnosno 112,7 tisuće putnika, što predstavlja povećanje na "
     "godišnjoj razini od 35 odnosno 25,7 posto.",
     [("123,4 tisuće", 123_400, None), ("112,7 tisuće", 112_700, None), ("35", 35, "%"), ("25,7 posto", 25.7, "%")]),
    ("Manji broj putnika nego prošle godine imale su samo luke Trogir i Poreč, za 8, odnosno 75,1 posto.",
     [("8", 8, "%"), ("75,1 posto", 75.1, "%")]),
])
def test_a_percent_written_once_for_items_parted_by_respectively(text, expected):
    assert _figures(text) == expected


def test_a_year_of_any_century_before_its_noun():
    assert _figures("По словам историков, первая российская лотерея состоялась в 1700 году в Москве. Первая "
                    "государственная лотерея была проведена в 1760 году.") == []


def test_a_comparison_with_an_elided_noun_takes_the_amount_before():
    assert _money("En total, 2018 se saldó con 24 sanciones que en su conjunto sumaron 221 millones de euros, "
                  "respecto a los 155 del año anterior.") == [
        ("221 millones de euros", 221e6, "EUR"), ("155", 155e6, "EUR")]


@pytest.mark.parametrize("text", [
    "Ingresó 500 millones de euros, frente a los 400 millones de usuarios del año anterior.",  # users
    "La empresa pagó 20 euros por hora, frente a los 155 trabajadores que despidió.",  # workers
])
def test_a_comparison_naming_what_it_counts_takes_no_currency(text):
    assert len(_money(text)) == 1


@pytest.mark.parametrize("text, expected", [
    # a thousand alone before its currency, as "hiljadu dinara" was read
    ("Za bilet zapłacił tysiąc złotych, a za drugi pół miliona złotych w zeszłym roku.",
     [("tysiąc złotych", 1000, "PLN"), ("pół miliona złotych", 500_000, "PLN")]),
    ("Ceza olarak bin lira ödedi ve yarım milyon lira daha borçlandı geçen yıl.",
     [("bin lira", 1000, "TRY"), ("yarım milyon lira", 500_000, "TRY")]),
    ("Sakko oli tuhat euroa, ja toinen puoli miljoonaa euroa viime vuonna.",
     [("tuhat euroa", 1000, "EUR"), ("puoli miljoonaa euroa", 500_000, "EUR")]),
    # Macedonian "половина" (half) before a scale word: half of it, never the whole
    ("Глобата изнесува илјада денари, а втората половина милион денари минатата година.",
     [("илјада денари", 1000, "MKD"), ("половина милион денари", 500_000, "MKD")]),
    # "and a half" after a number in words, before its scale
    ("Kosztowało to dwanaście i pół tysiąca złotych, jak podano w raporcie.",
     [("dwanaście i pół tysiąca złotych", 12_500, "PLN")]),
    ("Projekt je koštao dva i pol milijuna kuna, a drugi dva i po miliona dinara.",
     [("dva i pol milijuna kuna", 2_500_000, "HRK"), ("dva i po miliona dinara", 2_500_000, "RSD")]),
    # a composite joined by "and" before a currency CLDR alone names
    ("Bütçe 2 milyar ve 300 milyon lira, geçen yıl ise 1 milyar 900 milyon lira olarak açıklandı.",
     [("2 milyar ve 300 milyon lira", 2.3e9, "TRY"), ("1 milyar 900 milyon lira", 1.9e9, "TRY")]),
])
def test_thousands_halves_and_composites_across_languages(text, expected):
    assert _figures(text) == expected


def test_a_thousand_after_a_number_word_is_that_numbers():
    # "iki bin lira" is the number words' 2,000, never "bin lira" alone
    assert _money("Ceza olarak iki bin lira ödedi, geçen yıl.") == [("iki bin lira", 2000, "TRY")]


def test_the_ukrainian_abbreviation_of_dollars():
    assert _money("Компанія отримала 5 тисяч доларів США та 7 млн дол. виручки минулого року.") == [
        ("5 тисяч доларів США", 5000, "USD"), ("7 млн дол.", 7e6, "USD")]


def test_a_plural_agreeing_with_a_spanish_scale_noun_counts_nothing():
    # what "millones" counts follows "de"; "establecidos" agrees with it: the 100 million are euros
    assert _money("El ministerio ha informado que la subasta ha recaudado en su primera jornada 194 millones de "
                  "euros, prácticamente el doble de los 100 millones establecidos como precio de salida.") == [
        ("194 millones de euros", 194e6, "EUR"), ("100 millones", 1e8, "EUR")]


def test_what_a_spanish_scale_noun_counts_after_de_takes_no_currency():
    assert _money("La empresa pagó 5 millones de euros y atendió a 3 millones de clientes.") == [
        ("5 millones de euros", 5e6, "EUR")]


@pytest.mark.parametrize("text, expected", [
    ("Grund für steigende Preise: Nachfrage nach Mietwohnungen hat sich 2022 mehr als verdoppelt (+137 Prozent)",
     [("verdoppelt", 2, "x"), ("137 Prozent", 137, "%")]),
    ("Найвищі обсяги виплат були зафіксовані у ІІ та IV кварталах 2025 року – 367,0 млн грн (+180,9% до ІІ "
     "кварталу 2024 року)", [("367,0 млн грн", 367e6, "UAH"), ("180,9%", 180.9, "%")]),
])
def test_a_plus_sign_before_a_short_number_is_no_phone_number(text, expected):
    assert _figures(text) == expected


def test_phone_numbers_with_a_plus_stay_no_figures():
    assert _figures("Kontakt: Tel. +7 727 123 45 67 oder +49.30.1234567 oder +380441234567.") == []


def test_romanian_percent_after_de():
    assert _figures("s-a prevazut, in proiectul noii legi a educatiei, o majorare de peste 40 de procente a "
                    "bugetelor Ministerului Educatiei.") == [("40 de procente", 40, "%")]


def test_english_twice_and_thrice_before_a_comparison():
    assert [figure for figure in _figures("There are three SOEs that have to spend twice or even thrice more on "
                                          "employee salaries.") if figure[2] == "x"] == [
        ("twice", 2, "x"), ("thrice", 3, "x")]


def test_english_twice_of_occasions_is_no_multiple():
    assert [figure for figure in _figures("They meet twice a year and he called twice.") if figure[2] == "x"] == []


@pytest.mark.parametrize("text, expected", [
    # times with no "в" before and no comparison after count occasions
    ("Природоохранные прокуроры и чиновники 139 раз просили очистить просеки от веток, опилок.", [("139", 139, None)]),
    ("la sorprendente circunstancia de pagar dos veces la misma factura, por citar algunas notas.",
     [("dos", 2, None)]),
    # with either, they are multiples
    ("el gasto militar de la OTAN en 2021 fue 17,5 veces superior al de Rusia.", [("17,5 veces", 17.5, "x")]),
    ("Це в 12 разів більше, ніж у 2022-му.", [("12 разів", 12, "x")]),
])
def test_times_of_occasions_and_multiples(text, expected):
    assert [figure for figure in _figures(text) if figure[0] not in ("2021", "2022")] == expected


def test_times_after_a_verb_of_change_are_a_multiple():
    assert _figures("Las ventas crecieron 10 veces en una década.") == [("10 veces", 10, "x")]


def test_russian_and_ukrainian_adjectives_of_years():
    assert _figures("В 1892 году правительственная лотерея помогла собрать 9,6 млн рублей на помощь пострадавшим "
                    "от двухлетнего неурожая, а летний сезон и многолетний план в стороне.") == [
        ("9,6 млн рублей", 9.6e6, "RUB"), ("двухлетнего", 2, None)]


@pytest.mark.parametrize("text, expected", [
    ("Die Kosten liegen bei 3, 4 oder 5 Millionen Euro je nach Variante.",
     [("3", 3e6, "EUR"), ("4", 4e6, "EUR"), ("5 Millionen Euro", 5e6, "EUR")]),
    # a number after a place declined after its preposition is no model's number
    ("Cena: 3-5 tys. zł; w Warszawie 4-6 tys. zł.",
     [("3", 3000, "PLN"), ("5 tys. zł", 5000, "PLN"), ("4", 4000, "PLN"), ("6 tys. zł", 6000, "PLN")]),
])
def test_pairs_with_or_and_numbers_after_a_place(text, expected):
    assert _figures(text) == expected


def test_a_model_name_before_a_number_stays_a_name():
    assert _figures("Сегодня в Москве 300 человек вышли, а Windows 11 и Boeing 787 остались.") == [
        ("300", 300, None)]


@pytest.mark.parametrize("text, expected", [
    ("Cena chleba wzrosła o 50 gr, a bułki kosztują 80 groszy w tym roku.",
     [("50 gr", 0.5, "PLN"), ("80 groszy", 0.8, "PLN")]),
    ("Ekmeğin fiyatı 50 kuruş arttı ve simit 75 kr oldu bu yıl.", [("50 kuruş", 0.5, "TRY"), ("75 kr", 0.75, "TRY")]),
    ("Prețul a crescut cu 50 de bani, iar pâinea costă 3 lei și 50 de bani anul acesta.",
     [("50 de bani", 0.5, "RON"), ("3 lei și 50 de bani", 3.5, "RON")]),
])
def test_minor_units_abbreviated_or_after_de(text, expected):
    assert _figures(text) == expected


def test_grams_outside_polish_are_no_money():
    assert _money("Se necesitan 50 gr de harina y 200 gr de azúcar para la receta.") == []


def test_a_model_after_a_slavic_preposition_stays_a_name():
    assert _figures("Nowa funkcja pojawiła się w Windows 11, a w Zagrebu 300 osób czekało.") == [("300", 300, None)]


def test_a_count_after_a_croatian_place():
    assert _figures("Biračka mjesta, kojih je u Hrvatskoj 6409, otvorena su od 7 do 19 sati.")[:1] == [
        ("6409", 6409, None)]


@pytest.mark.parametrize("text, expected", [
    ("He spent 14 and a half years in prison.", [("14 and a half", 14.5, None)]),
    ("Прошло 2 с половиной года, а выручка выросла в 2 с половиной раза и на 3 с половиной процента.",
     [("2 с половиной", 2.5, None), ("2 с половиной раза", 2.5, "x"), ("3 с половиной процента", 3.5, "%")]),
    ("Suđenje je trajalo 3 i pol godine u Zagrebu.", [("3 i pol", 3.5, None)]),
])
def test_and_a_half_after_digits(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Well done to Kate and the local team for polling exactly double the number of votes as the Green Party.",
     [("double", 2, "x")]),
    ("It was a double murder in a double room.", []),
])
def test_english_double_before_the(text, expected):
    assert _figures(text) == expected


def test_a_german_quota_names_its_percent():
    assert _figures("Die Arbeitslosenquote erhöhte sich auf 6,3 Prozent. Die Quote lag bei 5,9 und die Zahl "
                    "stieg auf 3,5 Millionen.") == [
        ("6,3 Prozent", 6.3, "%"), ("5,9", 5.9, "%"), ("3,5 Millionen", 3.5e6, None)]


@pytest.mark.parametrize("text, expected", [
    ("Mjera od 30. travnja ove godine proširena je dva puta, u srpnju i u studenom.",
     [("30.", 30, None), ("dva", 2, None)]),
    ("Ministarstvo zdravstva ugovorilo opremu po 100 puta višoj cijeni, a izvoz je čak pet puta više od uvoza.",
     [("100 puta", 100, "x"), ("pet puta", 5, "x")]),
])
def test_croatian_times_of_occasions_and_multiples(text, expected):
    assert [figure for figure in _figures(text) if figure[0] != "30."] == [
        figure for figure in expected if figure[0] != "30."]
