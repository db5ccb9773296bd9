"""Issue 18, sixth round: the classes the fourth held-out set missed, each rule tested with sentences quoted from
real pages (the held-out paragraphs of bench/figures/heldout3 and heldout4, now seen, and their sources)."""

import pytest

from archive.figures import extract


def _read(text: str) -> list[tuple]:
    return [(pytest.approx(f.value), f.unit) for f in extract(text)]


# A currency is carried onto an amount of another scale only when nothing but a conjunction, a copula or the end of
# the sentence follows it: a word after it may be what it counts.
@pytest.mark.parametrize("text, expected", [
    ("Görgün, 100 milyar doları aşan 1400 projeyle 100 bine yakın kişinin çalıştığını belirtti.",
     [(100e9, "USD"), (1400, None), (100000, None)]),
    ("348 млрд теңгеге қаржылық бұзушылықтар анықталды, оның 310 млрд теңгеге бұзушылықтар жойылды, әлеуметтік "
     "салада 6 мыңнан астам объект онлайн мониторингпен қамтылды, – дейді Қаржы министрі Мәди Такиев.",
     [(348e9, "KZT"), (310e9, "KZT"), (6000, None)]),
    ("Есепті кезеңде жалпы сомасы 9 трлн 160 млрд теңгеге 1 млрд 428 млн мемлекеттік сатып алу процедуралары "
     "камералдық бақылаумен қамтылды.", [(9.16e12, "KZT"), (1.428e9, None)]),
])
def test_a_currency_is_not_carried_onto_what_is_counted(text, expected):
    assert _read(text) == expected


# A composite amount whose last part has a decimal comma is one amount; halves before a scale word are half of it.
@pytest.mark.parametrize("text, expected", [
    ("Savunma sanayii destekleme fonu için ayrılan kaynak da dahil edildiğinde savunma ve güvenlik sektörü için 2024 "
     "yılında 1 trilyon 133,5 milyar lira ödenek tahsis ediyoruz.", [(1.1335e12, "TRY")]),
    ("В 2023 году участники схемы организовали поставку оборудования, не соответствующего условиям контракта, после "
     "чего присвоили свыше полумиллиарда рублей.", [(5e8, "RUB")]),
    ("A son bord, cachées derrière une cloison en salle des machines, 2,4 tonnes de cocaïne, d'une valeur totale de "
     "80,5 millions d'euros en l'état et de près d'un demi-milliard d'euros une fois coupée.",
     [(2.4, None), (80.5e6, "EUR"), (5e8, "EUR")]),
])
def test_composites_with_decimals_and_halves_of_a_scale(text, expected):
    assert _read(text) == expected
