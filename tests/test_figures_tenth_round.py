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


NO_FIGURES = [
    # Japanese era years and dates typeset with spaces, articles spaced from 第, a footnote mark after the verb
    ("平成 26 年度決算検査報告は、検査院が平成 26 年 10 月から 27 年9月までに実施した検査(平成 27 年次会計検査)の結果が"
     "掲載され ており、27 年 11 月6日に検査院から内閣に送付された1。", []),
    ("平成 26 年度決算検査報告は、本編が 1,148 頁となっている2。(会計検査院法 第 29 条各号)。", [("1,148", 1148, None)]),
    ("平成17年独占禁止法改正法の経過措置により,独占禁止法第48条の2第1項の規定に基づき,入札参加業者10社に対し",
     [("10", 10, None)]),
    # clock times
    ("en el primer avance de datos provisionales de las 14.00 horas el porcentaje era de un punto por debajo al "
     "registrado en 2011, mientras que a las 18.00 horas ya era medio punto superior", [("medio punto", 0.5, "pp")]),
    # a day and month closed by dots, where decimals take a comma
    ("Kokous pidetään 27.10. Helsingissä.", []),
    # references: lists of articles with letters, Finnish budget chapters and statute sections, French code articles,
    # pages, budget programmes, Russian points and parts
    ("en el ejercicio de su función fiscalizadora establecida en los artículos 2.a), 9 y 21.3.a) de la Ley Orgánica "
     "2/1982", []),
    ("2. Onko talousarvioesityksen tavoitteiden esittämistä parannettu erityisesti luvuissa 27.10 ja 27.30?", []),
    ("8. Kirjataanko puolustusmateriaali valtion taseeseen talousarvioasetuksen 66 ja 66 a :n mukaisesti?", []),
    ("Les sanctions pécuniaires prononcées en application des articles L. 464-2, L. 464-3 et L. 464-5 peuvent faire "
     "l’objet d’une majoration, dans la limite de 10 % de leur montant", [("10 %", 10, "%")]),
    ("Jean-Louis FOURGOUX, Revue des Juristes de SciencesPo, été 2012, n° 6, p 45-51", []),
    ("Alors que les crédits de paiement du programme 146 « Équipement des forces » devraient passer de 18,69 "
     "milliards à 22,88 milliards d'euros",
     [("18,69 milliards", 18.69e9, "EUR"), ("22,88 milliards d'euros", 22.88e9, "EUR")]),
    ("Антиконкурентные соглашения, запрещенные пунктом 2 части 1 статьи 11 Федерального закона", []),
    ("Davon entfallen 62,43 Milliarden Euro auf den regulären Wehretat (Einzelplan 14).",
     [("62,43 Milliarden Euro", 62.43e9, "EUR")]),
    # addresses: a French street number, a postal code after its town
    ("Son siège est à Paris, au 11 rue de l'Échelle (certains services tels que celui des concentrations se "
     "trouvent au 6 avenue de l'Opéra).", []),
    ("Nouvelle-Église (62370) est rattachée à la 7e circonscription du Pas-de-Calais.", []),
    # a Korean date with a dot after each part
    ("1. 피고가 2018. 3. 15. 의결 제2018-090호로 원고에 대하여 한 과징금납부명령 중 16,000,000원을 초과하는 부분을 취소한다.",
     [("16,000,000원", 1.6e7, "KRW")]),
]


@pytest.mark.parametrize("text, expected", NO_FIGURES)
def test_numbers_that_are_no_figures(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # counts and multiples in the same shapes stay figures
    ("They hired 500 street vendors and 2000 people.", [("500", 500, None), ("2000", 2000, None)]),
    ("Desde 1946 a 2014 el PIB se multiplicó por 10 y el presupuesto de defensa por 3.3. Tomando como referencia",
     [("multiplicó por 10", 10, "x"), ("por 3.3", 3.3, "x")]),
    ("Los arrestos se practicaron en las ciudades de Málaga (1), Gran Canaria (1) y Madrid (3).",
     [("1", 1, None), ("1", 1, None), ("3", 3, None)]),
    ("Il y avait 12000 électeurs inscrits dans 500 communes.", [("12000", 12000, None), ("500", 500, None)]),
    ("La sesión empezó a las 14.00 y duró 3.5 horas.", [("3.5", 3.5, None)]),
    ("Die Inflation lag bei 2,5 Prozent.", [("2,5 Prozent", 2.5, "%")]),
])
def test_counts_in_the_shapes_of_no_figures(text, expected):
    assert _figures(text) == expected


ARABIC_KAZAKH = [
    # China's Kazakh press writes Kazakh in the Arabic script: tenge, percent with its case ending, number words
    ("- جاردەماقى ەڭ تومەنگى كۇنكورىس دەڭگەيىنىڭ 10 پايىزعا وسۋىنە بايلانىستى قايتا ەسەپتەلدى. ءبىر بالا نەمەسە ءبىر "
     "ەڭبەككە قابىلەتسىز مۇشە - 46783 تەڭگە، ەكى بالا - 86447 تەڭگە، ءۇش بالا - 114415 تەڭگە، ءتورت بالا - 132213 "
     "تەڭگە، بەس بالا - 139841 تەڭگە",
     [("10 پايىزعا", 10, "%"), ("46783 تەڭگە", 46783, "KZT"), ("ەكى", 2, None), ("86447 تەڭگە", 86447, "KZT"),
      ("ءۇش", 3, None), ("114415 تەڭگە", 114415, "KZT"), ("ءتورت", 4, None), ("132213 تەڭگە", 132213, "KZT"),
      ("بەس", 5, None), ("139841 تەڭگە", 139841, "KZT")]),
    ("ونىڭ ايتۋىنشا، التى جانە ودان دا كوپ بالا بولعان جاعدايدا جالپى جاردەماقى 152553 تەڭگە مولشەرىندە ەسەپتەلىپ",
     [("التى", 6, None), ("152553 تەڭگە", 152553, "KZT")]),
    # its scale words, with the units after the thousand as Kazakh writes them
    ("جالپى 5 ميلليون تەڭگە ءبولىندى، 2 مىڭ 500 تەڭگە",
     [("5 ميلليون تەڭگە", 5e6, "KZT"), ("2 مىڭ 500 تەڭگە", 2500, "KZT")]),
]


@pytest.mark.parametrize("text, expected", ARABIC_KAZAKH)
def test_kazakh_in_the_arabic_script(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Kako su saopštili iz srpske Uprave carina, time je dosadašnja rekordna zapljena od 50 tona tog akciznog "
     "proizvoda nadmašena dvostruko većom količinom.", [("50", 50, None), ("dvostruko", 2, "x")]),
    ("병사 복무기간 단축과 급격한 월급 인상으로 초급간부들의 사기 진작을 위한 당직비 인상비를 두배 늘리고, 보수를 최대 6.6% "
     "인상한다.", [("두배", 2, "x"), ("6.6%", 6.6, "%")]),
    ("Por otro lado, otra de las partidas que recibirá mayor impulso será las de las fragatas, pues se cuadriplican "
     "con respecto a 2022.", [("cuadriplican", 4, "x")]),
    # the adjective of a double agent, and the Korean New Year's bow, are no multiples
    ("Uhapšen je dvostruki agent.", []),
    ("설날에 부모님께 세배 드렸다.", []),
])
def test_multiples_in_words(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # a percent its sentence's noun implies, and the decimals listed after it
    ("En 2015 los porcentajes fueron de 72,37 en las primarias, 81,23 en la primera vuelta y 80,93 en el balotaje.",
     [("72,37", 72.37, "%"), ("81,23", 81.23, "%"), ("80,93", 80.93, "%")]),
    ("En 2011, la novedad de las PASO se plasmó en una participación del 81,41 por ciento, la más alta del siglo XXI, "
     "en tanto en las elecciones generales el porcentaje bajó a 79,39.",
     [("81,41 por ciento", 81.41, "%"), ("79,39", 79.39, "%")]),
    ("La participación ha sido del 73,21%, según la última cifra ofrecida por el Gobierno con casi el cien por cien "
     "del voto escrutado.", [("73,21%", 73.21, "%"), ("cien por cien", 100, "%")]),
    ("Weil die Hilfen sinken sollen, versucht die Bundesregierung, das Zwei-Prozent-Ziel der Nato zu erfüllen.",
     [("Zwei-Prozent", 2, "%")]),
    # a decimal that the noun of a percentage does not name stays a count
    ("The percentage of votes was counted in 3.5 hours.", [("3.5", 3.5, None)]),
])
def test_percent_implied_by_the_sentence(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the half after an English number, the hundreds after a Russian one
    ("The haul has the equivalent weight of two and a half bull African bush elephants, seven rhinoceros or 13 "
     "hatchback cars.", [("two and a half", 2.5, None), ("seven", 7, None), ("13", 13, None)]),
    ("ФАС начала расследование против полутора сотен фирм, потом число фигурантов сократилось до 90.",
     [("полутора сотен", 150, None), ("90", 90, None)]),
    ("На митинг пришли две сотни человек.", [("две сотни", 200, None)]),
    ("It cost two and a half billion dollars.", [("two and a half billion dollars", 2.5e9, "USD")]),
    # "a half of", "two and a half of the": still the count before it, nothing more
    ("Two and a half of the cases were closed.", [("Two", 2, None)]),
])
def test_number_words_with_a_half_or_hundreds(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # Spanish "mil" alone is a thousand before a currency, "mil millones" a billion even with none after it
    ("Esto significa que desde que llegó al cargo Marín Quemada, las multas impuestas por la CNMC superan los mil "
     "millones. En concreto, 1.052 millones.", [("mil millones", 1e9, None), ("1.052 millones", 1.052e9, None)]),
    ("Las multas superan los mil millones de euros.", [("mil millones de euros", 1e9, "EUR")]),
    ("El ayuntamiento pagó mil euros.", [("mil euros", 1000, "EUR")]),
    # after a number word, "mil" is that number's scale, never a thousand of its own
    ("El gobierno gastó dos mil millones de euros.", [("dos mil millones de euros", 2e9, "EUR")]),
    ("Se gastaron tres mil euros.", [("tres mil euros", 3000, "EUR")]),
])
def test_spanish_mil_alone(text, expected):
    assert _figures(text) == expected


@pytest.mark.parametrize("text, expected", [
    # addresses of the sixth held-out set: a Cyrillic street's number after its name, a Kazakh address
    ("«Капітальний ремонт спортивного майданчика ліцею «Галицький» на вул. Замковій, 4» у м. Львові (коригування)",
     []),
    ("Óńir turǵyndary Petropavl qalasy, Internatsıonalnaıa kóshesi, 60 mekenjaıy boıynsha aýmaqtyq departamentke "
     "júginýine bolady.", []),
    # a count after a comma with no street before it stays
    ("Він сказав, 4 особи", [("4", 4, None)]),
])
def test_addresses(text, expected):
    assert _figures(text) == expected
