"""Issue 18, eighteenth round (fig18a): the money of the seventeenth blind set (heldout17, now seen) outside Japanese,
Korean, Chinese, Kazakh, German, Finnish and Turkish, each class decided once as a rule of the language and tested
with sentences quoted from their real paragraphs; beside each, what must stay no money."""

import pytest

from archive.figures import extract


def _figures(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text)]


def _money(text):
    return [(f.text, pytest.approx(f.value), f.unit) for f in extract(text) if f.unit not in (None, "%", "x", "pp")]


def test_british_pence_glued_to_the_number_in_a_price_sentence():
    text = ("The price of a litre of cider will rise 1p, as will alcopops, while fortified wine will go up by 5p a "
            "bottle from 1 January.")
    assert _money(text) == [("1p", 0.01, "GBP"), ("5p", 0.05, "GBP")]
    assert _money("Consumers will pay 15p more for a bottle of wine and 54p more for a bottle of spirits from "
                  "Monday.") == [("15p", 0.15, "GBP"), ("54p", 0.54, "GBP")]


def test_a_glued_p_without_a_price_is_no_money():
    assert _money("See the note on 5p and the table on 12p of the report.") == []
    assert _money("Der Preis steigt um 5p.") == []  # English only


def test_pounds_before_the_amount_in_old_newspaper_style():
    text = "THE price of a packet of 20 cigarettes will pass pounds 3.50 for the first time."
    assert _money(text) == [("pounds 3.50", 3.5, "GBP")]
    assert _money("The baby weighed 7 pounds 3 ounces.") == []  # a weight


def test_a_fraction_glyph_glued_to_a_whole_number():
    text = "that is, £75 million from tobacco, £19½ million from spirits, £6½ million from wines"
    assert _money(text) == [("£75 million", 75e6, "GBP"), ("£19½ million", 19.5e6, "GBP"),
                            ("£6½ million", 6.5e6, "GBP")]


def test_a_table_heading_gives_its_cells_currency_and_scale():
    text = ("Duty increase Full year revenue (including VAT) £ million Tobacco 5p for 20 cigarettes* 220 Petrol 5p "
            "per gallon 250 Beer 1p per pint 120 * Cigarettes are subject to specific duty and ad valorem duty.")
    assert _money(text) == [("5p", 0.05, "GBP"), ("220", 220e6, "GBP"), ("5p", 0.05, "GBP"),
                            ("250", 250e6, "GBP"), ("1p", 0.01, "GBP"), ("120", 120e6, "GBP")]
    assert ("20", pytest.approx(20), None) in _figures(text)  # it counts cigarettes


def test_romanian_lei_and_bani_joined_by_the_cedilla_and():
    text = ("Acciza totală la ţigarete a fost stabilită la 412 lei şi 19 bani pentru mia de ţigarete, ceea ce "
            "înseamnă 8 lei şi 24 de bani pentru un pachet.")
    assert _money(text) == [("412 lei şi 19 bani", 412.19, "RON"), ("8 lei şi 24 de bani", 8.24, "RON")]


def test_romanian_old_lei():
    text = "fumători, care vor plăti cu 40 de bani (4.000 lei vechi) mai mult pentru un pachet."
    assert _money(text) == [("40 de bani", 0.4, "RON"), ("4.000 lei vechi", 4000, "ROL")]


def test_macedonian_dinars_are_serbian():
    text = "Цигари произведени од Mercata VT d.o.o. веќе поскапеа на 9 октомври за 10 динари по пакет."
    assert _money(text) == [("10 динари", 10, "RSD")]
    assert _money("Цената на билетите за приградските линии се изедначува на 35 денари.") == [
        ("35 денари", 35, "MKD")]


def test_a_macedonian_change_with_its_verb_between_the_bounds():
    text = "Повисока цена имаат и цигарите Бренд, која од 65 скокна на 70 денари."
    assert _money(text) == [("65", 65, "MKD"), ("70 денари", 70, "MKD")]
    text = ("цената на купен билет вон возило (билетара) од 25 денари се зголемува на 30, а билетите купени во возило "
            "од 30 се зголемуваат на 35 денари.")
    assert _money(text) == [("25 денари", 25, "MKD"), ("30", 30, "MKD"), ("30", 30, "MKD"), ("35 денари", 35, "MKD")]
    assert _money("од 30 години на 35 денари") == [("35 денари", 35, "MKD")]  # a noun counts the lower bound


def test_alternatives_share_their_currency_across_an_aside():
    text = ("Цена месечне карте за студенте износи 1.090 (за прву зону) или 1.120 динара (за прву и другу "
            "зону).")
    assert _money(text) == [("1.090", 1090, "RSD"), ("1.120 динара", 1120, "RSD")]


def test_a_range_of_hectolitres_takes_no_carried_currency():
    text = ("Dochody do budżetu w pierwszym przypadku zwiększyły się z 3,35 do 3,53 mld zł, przy obniżeniu się "
            "spożycia z 35,3 do 33,8 mld hl.")
    assert _money(text) == [("3,35", 3.35e9, "PLN"), ("3,53 mld zł", 3.53e9, "PLN")]


def test_an_item_number_glued_to_the_capital_of_its_line():
    text = "8.The section will increase the price of a packet of 20 cigarettes by 7p."
    assert [figure[0] for figure in _figures(text)] == ["20", "7p"]
    assert ("8", pytest.approx(8), None) in _figures("It rose by 8.The end.")  # not at the start of a line


def test_a_price_now_in_parentheses_after_a_change_in_money():
    text = "el billete sencillo de metro y autobús aumenta su precio en 5 pesetas (130 ahora)."
    assert _money(text) == [("5 pesetas", 5, "ESP"), ("130", 130, "ESP")]
    assert _money("el billete sencillo de metro y autobús aumenta su precio en 5 pesetas (130 viajes).") == [
        ("5 pesetas", 5, "ESP")]  # no "now": a count


def test_a_half_after_digits_takes_the_currency_after_it():
    assert _money("Hoće li kutija cigareta uskoro koštati 7 i pol eura?") == [("7 i pol eura", 7.5, "EUR")]
    assert _money("Čekali smo 3 i pol godine.") == []  # years


def test_a_thousand_alone_after_per_counts():
    text = "Сейчас производитель платит 800 рублей с тысячи сигарет плюс 8,5 процента от их максимальной розничной цены."
    assert _figures(text) == [("800 рублей", 800, "RUB"), ("тысячи", 1000, None), ("8,5 процента", 8.5, "%")]
    assert _figures("Acciza la mia de ţigarete se va majora în două etape.")[0] == ("mia", 1000, None)
    assert ("1 тысячу", pytest.approx(1000), None) in _figures("1,966 тыс. руб. за 1 тысячу штук")
    assert _money("за тысячу рублей") == [("тысячу рублей", 1000, "RUB")]  # money stays money


def test_the_cheap_check_passes_a_thousand_alone_after_per():
    from archive.figures.spotting import may_state_figure

    assert may_state_figure("Acciza la mia de ţigarete se va majora în două etape.")
