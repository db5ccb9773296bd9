"""Issue 18, sixteenth round (fig16a): the money of the fifteenth blind set (heldout15, now seen) outside Japanese,
Korean, Chinese and Kazakh, and its other classes in the European languages, each decided once from the shape for
every language and tested with sentences quoted from their real paragraphs; beside each, what must stay no money."""

import pytest

from archive.figures import extract


def _figures(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


def _money(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text) if f.unit not in (None, "%", "x", "pp")]


def test_the_rand_glued_to_an_amount_with_its_scale_letter():
    text = ("In 2019, the average Premier League player salary exceeded £3m (R63.5m) per year (Global Sports Salary "
            "Survey). This translates to roughly £61k (R1.3m) per week. This figure has risen by ~£10k (R200k) in 2 "
            "years.")
    assert _money(text) == [("£3m", 3e6, "GBP"), ("R63.5m", 63.5e6, "ZAR"), ("£61k", 61e3, "GBP"),
                            ("R1.3m", 1.3e6, "ZAR"), ("£10k", 1e4, "GBP"), ("R200k", 2e5, "ZAR")]
    assert _money("For context, the Paul Pogba’s reported transfer fee to Man Utd was £89m (R1.9bn).") == [
        ("£89m", 89e6, "GBP"), ("R1.9bn", 1.9e9, "ZAR")]


def test_an_r_without_a_scale_letter_or_before_people_is_no_rand():
    assert _money("Take the R5 and then the R2 towards the coast; R5m people live there.") == []


def test_kopecks_take_the_currency_of_the_text_around():
    # the dot of "коп." ends its sentence before the hryvnia's price
    assert _money("Зокрема бензин А-95 подорожчав на 10-11 коп. - до 10,69-10,70 грн./л, а дизпаливо - на 6 коп. "
                  "- до 9,95 грн./л.") == [
        ("10", 0.10, "UAH"), ("11 коп.", 0.11, "UAH"), ("10,69", 10.69, "UAH"), ("10,70 грн.", 10.70, "UAH"),
        ("6 коп.", 0.06, "UAH"), ("9,95 грн.", 9.95, "UAH")]
    # Russian "копеек" about Ukrainian prices
    assert _money("Средняя цена дизельного топлива выросла на 5 копеек — 20,3420 грн/литр.") == [
        ("5 копеек", 0.05, "UAH"), ("20,3420 грн", 20.342, "UAH")]


def test_kopecks_near_roubles_stay_roubles():
    assert _money("Проезд в метро подорожал на 50 копеек, до 45 рублей.") == [
        ("50 копеек", 0.5, "RUB"), ("45 рублей", 45, "RUB")]


def test_a_dash_before_an_amount_and_less_opens_an_aside():
    text = ("Esta cantidad supone una subida del 3,6% con respecto al actual salario mínimo, que se situaba en 965 "
            "euros -35 euros menos- desde el pasado septiembre.")
    assert _money(text) == [("965 euros", 965, "EUR"), ("35 euros", 35, "EUR")]


def test_a_minus_sign_on_an_amount_stays():
    assert _money("Le déficit devrait atteindre les -20 milliards d’euros.") == [
        ("-20 milliards d’euros", -20e9, "EUR")]


FROM_TO_RANGES = [
    ("Дурмиши нагласи дека одлуката за зголемување нема да се носи под притисок, и истакна дека во март 2026 "
     "година минималната плата ќе се покачи од сегашните 1.500 на 2.000 денари, зависно од резултатите од "
     "пресметката.", [("1.500", 1500, "MKD"), ("2.000 денари", 2000, "MKD")]),
    ("Salariul minim pe economie va crește din nou începând cu 1 ianuarie anul viitor, de la 3.700 la 4.050 lei "
     "brut, conform discuțiilor dintre guvern, patronate și sindicate.", [("3.700", 3700, "RON"),
                                                                         ("4.050 lei", 4050, "RON")]),
    ("Minimalna neto plaća od iduće godine trebala bi biti veća za čak 94 eura i iznositi 654 eura, dok bi se u "
     "bruto iznosu povećala sa sadašnjih 700 na 800 eura, doznajemo iz Ministarstva rada.",
     [("94 eura", 94, "EUR"), ("654 eura", 654, "EUR"), ("700", 700, "EUR"), ("800 eura", 800, "EUR")]),
    # and the Croatian accusative "kunu"
    ("Od 1. srpnja minimalna će plaća biti veća za 300 kuna, s dosadašnjih 2441 kunu bruto na 2747 kuna bruto, "
     "odlučio je danas Hrvatski sabor.", [("300 kuna", 300, "HRK"), ("2441 kunu", 2441, "HRK"),
                                          ("2747 kuna", 2747, "HRK")]),
]


@pytest.mark.parametrize("text, expected", FROM_TO_RANGES)
def test_from_to_ranges_share_the_currency(text, expected):
    assert _money(text) == expected


def test_from_a_year_to_another_stays_no_money():
    assert _money("Cijena je od 2019 na 2020 godinu porasla na 5 eura.") == [("5 eura", 5, "EUR")]


PRICES_WRITTEN_ONCE = [
    # "respectively" between a bare price and the priced one
    ("Цените на Еуросупер БС-95 и Еуросупер БС-98 остануваат 73,5, односно 75,5 денари за литар.",
     [("73,5", 73.5, "MKD"), ("75,5 денари", 75.5, "MKD")]),
    # a bare decimal after "for", written as the price before it
    ("Новата цена на ЕУРОСУПЕР-95 е 46,50 денари за литар, ЕУРОСУПЕР-98 се продава за 47,50.",
     [("46,50 денари", 46.5, "MKD"), ("47,50", 47.5, "MKD")]),
    # a bare price before a contrasting clause that names the currency
    ("BEOGRAD - Gorivo na našim pumpama pojeftinjuje. Litar evrodizela koštaće 207, dok će benzin biti 180 dinara.",
     [("207", 207, "RSD"), ("180 dinara", 180, "RSD")]),
    # a symbol CLDR writes with its dot, without it before a price's slash
    ("Екстра лесното масло за домаќинство (ЕЛ-1), поскапува за 0,50 денар/литар и новата цена ќе изнесува 62,50 "
     "ден/лит, додека цената на мазутот се зголемува за 1,144 ден/кг и ќе изнесува 37,152 ден/кг.",
     [("0,50 денар", 0.5, "MKD"), ("62,50 ден", 62.5, "MKD"), ("1,144 ден", 1.144, "MKD"),
      ("37,152 ден", 37.152, "MKD")]),
]


@pytest.mark.parametrize("text, expected", PRICES_WRITTEN_ONCE)
def test_prices_written_once_for_two(text, expected):
    assert _money(text) == expected


def test_bare_numbers_near_prices_that_are_no_prices():
    # a whole number after "for" and a year before "while" stay bare
    assert _money("Цената е 46,50 денари за литар, а се продава за 5 дена.") == [("46,50 денари", 46.5, "MKD")]
    assert _money("U 2019, dok je cena bila 180 dinara.") == [("180 dinara", 180, "RSD")]


FUEL_GRADES = [
    "Paikallisella bensa-asemalla 95 maksoi 1,659 euroa litralta ja diesel 1,499 euroa.",
    "Nesteen paikallisen aseman torni näytti 95:n litrahinnaksi 1,557 euroa ja 98:n vastaavaksi hinnaksi 1,597 euroa.",
    "Huhtikuun alussa 95-oktaanisen bensiinin hinta oli 2,18 euroa litralta ja dieselin 2,26 euroa.",
    "Le litre d'essence sans plomb 95 (SP95) s'affichait à 1,4570 euro, soit une augmentation de 0,30 centime d'euro.",
    "Новата малопродажна цена на ЕУРОСУПЕР БС – 95 е 79,5 денари за литар.",
]


@pytest.mark.parametrize("text", FUEL_GRADES)
def test_fuel_grades_are_names(text):
    assert not any(figure[1] in (95, 98) for figure in _figures(text))


def test_a_count_of_95_stays():
    assert ("95", 95, None) in _figures("Asemalla oli 95 autoa jonossa.")


def test_halves_of_a_currency():
    assert _money("По неколку поевтинувања, бензините од ноќеска на полноќ поскапеа за половина денар, а дизел "
                  "горивото за пет денари за литар.") == [("половина денар", 0.5, "MKD"), ("пет денари", 5, "MKD")]
    assert _money("Од ноќеска на полноќ и во текот на следните седум дена ќе се зголемат за денар и половина кога "
                  "станува збор за бензините.") == [("денар и половина", 1.5, "MKD")]


def test_half_of_a_year_is_no_money():
    assert _money("Pola godine kasnije cijena je bila ista.") == []


def test_this_billion_of_euros():
    assert _money("D'abord, c'est nous qui avons proposé ce milliard d'euros pour les études amont à l'horizon "
                  "2022.") == [("milliard d'euros", 1e9, "EUR")]


def test_turkish_genitive_of_a_currency_name():
    assert _money("Tapularına 10 milyon euronun üzerinde ücret ödenen bu futbolcular, bedava giderken.") == [
        ("10 milyon euronun", 10e6, "EUR")]


def test_a_list_of_names_each_with_its_number():
    assert _money("Caner 2, Serdar 4.75, Kadlec ise 4.5 milyon euroya alınmıştı.") == [
        ("2", 2e6, "EUR"), ("4.75", 4.75e6, "EUR"), ("4.5 milyon euroya", 4.5e6, "EUR")]


def test_a_list_of_names_that_counts_players_is_no_money():
    assert _money("Bu dönemde Beşiktaş 8, Galatasaray 14, Fenerbahçe 12 ve Trabzonspor da 17 futbolcuyu "
                  "renklerine bağladı.") == []


def test_an_amount_instead_of_the_one_planned():
    assert _money("En tout état de cause, sur ces sujets, nous sommes aujourd’hui à 1,2 milliard d’euros, au lieu "
                  "des 450 millions prévus, et nous savons que ces dépenses ne vont pas diminuer.") == [
        ("1,2 milliard d’euros", 1.2e9, "EUR"), ("450 millions", 450e6, "EUR")]


def test_an_amount_before_sums_of_money():
    assert _money("L'administration a procédé en 2014 à des redressements fiscaux de 15,3 milliards d'euros de "
                  "droits, assortis de près de 4 milliards de pénalités.") == [
        ("15,3 milliards d'euros", 15.3e9, "EUR"), ("4 milliards", 4e9, "EUR")]


def test_people_after_a_comparison_stay_people():
    assert _money("cuesta 5 millones de euros, frente a los 400 millones de usuarios") == [
        ("5 millones de euros", 5e6, "EUR")]


def test_look_alike_letters_of_another_script():
    assert _figures("Согласнο данным издания, 85 прοцентов от этой суммы (40 миллионοв еврο) дοстанутся клубу.") == [
        ("85 прοцентов", 85, "%"), ("40 миллионοв еврο", 40e6, "EUR")]
    assert _money("Prva isplata ćе biti u fеbruaru, a minimalnе zaradе bićе u prоsеku dvе hiljadе dinara višе.") == [
        ("dvе hiljadе dinara", 2000, "RSD")]


def test_another_amount_of_the_same_scale():
    assert _money("«Челси» получил за игрока 32 млн евро, и может заработать еще пять в виде бонусов.") == [
        ("32 млн евро", 32e6, "EUR"), ("пять", 5e6, "EUR")]


def test_another_few_players_stay_players():
    assert _money("Клуб заплатил 32 млн евро и купил еще пять игроков.") == [("32 млн евро", 32e6, "EUR")]


def test_times_as_occasions_and_as_multiples():
    assert _figures("Окремі оператори двічі підвищували ціни – спочатку на 0,5 грн/л, потім за тиждень ще на 1 "
                    "грн/л.") == [("двічі", 2, None), ("0,5 грн", 0.5, "UAH"), ("1 грн", 1, "UAH")]
    assert _figures("наказывается штрафом в размере от пятикратной до тридцатикратной суммы взятки") == [
        ("пятикратной", 5, "x"), ("тридцатикратной", 30, "x")]
    assert _figures("Côté finances, cela veut dire un doublement du budget.") == [("doublement", 2, "x")]


def test_titles_and_adverbs_that_are_no_multiples():
    assert _figures("Владимира Голубничего, легендарного украинского легкоатлета, двукратного олимпийского "
                    "чемпиона по спортивной ходьбе.") == []
    assert _figures("Il est doublement fautif.") == []


def test_spaced_decimal_comma_before_a_percent():
    assert ("14, 3 odsto", 14.3, "%") in _figures(
        "Od prvog januara minimalna zarada biće 230 dinara po satu, odnosno 40.020 dinara. To je povećanje od 14, 3 "
        "odsto. Socijalno ekonomski savet održao je ranije danas sednicu.")


def test_items_of_a_list_before_a_percent_stay_apart():
    assert _figures("Cijene su porasle za 3, 5 i 7 posto u odnosu na prošlu godinu, rekao je ministar financija.")[
        :2] == [("3", 3, None), ("5", 5, None)]


def test_a_percent_written_once_for_a_list_after_the_same_word():
    assert _figures("бележат зголемување кај бензините во просек за 13,384 отсто, кај дизелот за 36,134, кај "
                    "екстра лесното масло за 32,102 и кај мазутот за 27,87 отсто.") == [
        ("13,384 отсто", 13.384, "%"), ("36,134", 36.134, "%"), ("32,102", 32.102, "%"), ("27,87 отсто", 27.87, "%")]


NO_FIGURES = [
    ("as their £2.4 bln gross spend was around the same as the other four members of the traditional “Big Five”",
     "Five"),
    ('Salt bu sezon için 115,5 milyon avroluk yükümlülüğün altına giren "Dört büyükler"in, geçen sezon', "Dört"),
    ("Pe locul doi se clasează AUR, cu peste 30 de milioane de lei", "doi"),
    ("Damit belegt die Bundesrepublik Platz zwei der internationalen Rangliste.", "zwei"),
    ('сообщает: В ночь с 21 на 22 февраля, итальянская "Рома", из одноименного города', "21"),
]


@pytest.mark.parametrize("text, word", NO_FIGURES)
def test_names_ranks_and_dates_are_no_figures(text, word):
    assert word not in [figure[0] for figure in _figures(text)]


def test_two_and_a_half_months_in_macedonian():
    assert ("два и пол", 2.5, None) in _figures(
        "„Тенденцијата е минималната плата да биде 18.000 денари за два и пол месеци“, најави премиерот.")


def test_a_noun_of_a_multiple_quoted_after_its_article():
    assert _figures("Pour les établissements publics de santé, la Cour observe en fait un « triplement » de la dette "
                    "depuis 2003.") == [("triplement", 3, "x")]
    assert _figures("Le mot « doublé » revient souvent.") == []


def test_a_day_range_with_weekdays_is_a_date():
    assert _figures("C’est dans la nuit du jeudi 11 au vendredi 12 août 2022 que le feu s’est déclaré dans la forêt "
                    "de Brocéliande.") == []


def test_a_day_after_its_weekday_is_a_date():
    assert _figures("la subasta de espectro radioeléctrico destinado a la 5G, iniciada este miércoles 18, ha "
                    "recaudado en su primera jornada 194 millones de euros") == [
        ("194 millones de euros", 194e6, "EUR")]
    assert _figures("Finalmente, el pasado día 21 se produjo el registro en los domicilios de los sospechosos.") == []
    assert ("18", 18, None) in _figures("El lunes 18 personas fueron detenidas.")


def test_a_place_in_a_ranking_in_digits_is_a_rank():
    assert _figures("Judeţul Bistriţa-Năsăud este pe locul 38 în topul judeţelor.") == []
    assert ("43,2%", 43.2, "%") in _figures("Gabriela Firea se mentine pe locul 1, cu 43,2%, urmata de Nicusor Dan.")
    assert not any(figure[0] == "1" for figure in _figures(
        "Gabriela Firea se mentine pe locul 1, cu 43,2%, urmata de Nicusor Dan."))


def test_the_first_hour_of_a_span_of_the_day():
    assert _figures("Glasačka mjesta otvorena su od 7 do 19 sati, a tijekom cijelog dana vrijedi izborna šutnja.") == []
    assert ("7", 7, None) in _figures("Projekt je trajao od 7 do 19 mjeseci.")


def test_the_last_hour_of_a_span_after_a_word_of_the_hour():
    assert _figures("Kalleimmillaan sähkö on aamulla ja aamupäivällä, kun sähkön hinta on kello 9–11 lähes 22 senttiä "
                    "kilowattitunnilta.") == [("22 senttiä", 0.22, "EUR")]


def test_a_composite_count_of_two_scales():
    assert _figures("În total, cu mai puțin de o oră până la închiderea urnelor, au votat 1 milion 526 de mii de "
                    "alegători.") == [("1 milion 526 de mii", 1_526_000, None)]


def test_two_amounts_of_scales_apart_stay_two():
    assert len(_figures("Il a reçu 2 millions, puis 300 000 euros.")) == 2


def test_hours_glued_to_their_number_and_counted_by_a_week():
    assert [figure[1] for figure in _figures("Le SMIC mensuel pour 35h par semaine est de 1 554,58 euros bruts.")] == [
        35, 1554.58]
    assert _figures("Rendez-vous à 14h devant la mairie.") == []
