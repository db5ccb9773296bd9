"""Which packs OCR reads with: detected from a first pass on pages of the archive's languages, or asked for and
then installed, or refused in one sentence naming the Debian package."""

import pytest

from archive.errors import OcrError
from ingest import ocr_languages, tesseract
from tests.scans import needs_tesseract, page_image

# The same report in each language with a pack whose script our fonts draw (Chinese needs a CJK font).
REPORTS = {
    "eng": "The customs office reported that 1,230 drones were\nexported in 2022 through three border crossings.",
    "rus": "Таможенная служба сообщила, что в 2022 году было\nэкспортировано 1230 дронов через три перехода.",
    "ukr": "Митна служба повідомила, що у 2022 році було\nекспортовано 1230 дронів через три переходи.",
    "mkd": "Царинската управа соопшти дека во 2022 година биле\nизвезени 1230 дронови низ три гранични премини.",
    "kaz": "Кеден қызметі 2022 жылы 1230 дронның үш шекара\nбекеті арқылы экспортталғанын хабарлады.",
    "deu": "Das Zollamt berichtete, dass im Jahr 2022 insgesamt\n1230 Drohnen über drei Grenzübergänge "
           "ausgeführt wurden.",
    "fra": "Le bureau des douanes a indiqué que 1230 drones ont\nété exportés en 2022 par trois postes frontières.",
    "spa": "La oficina de aduanas informó que en 2022 se exportaron\n1230 drones a través de tres pasos fronterizos.",
    "fin": "Tullilaitos ilmoitti, että vuonna 2022 maasta vietiin\n1230 droonia kolmen rajanylityspaikan kautta.",
}


@needs_tesseract(*REPORTS)
@pytest.mark.parametrize("pack", REPORTS)
def test_the_language_of_a_page_is_detected_from_a_first_pass(pack):
    installed = tesseract.installed_languages()
    chosen, _ = ocr_languages.choose(page_image(REPORTS[pack], (1700, 240)), installed, lambda: 60)
    assert chosen == [pack]


@needs_tesseract("eng", "deu")
def test_the_first_pass_is_kept_when_it_read_in_the_pack_chosen():
    latin_only = {"eng", "deu", "osd"}  # the first pass reads in eng alone
    chosen, words = ocr_languages.choose(page_image(REPORTS["eng"], (1700, 240)), latin_only, lambda: 60)
    assert chosen == ["eng"] and words is not None and words[0].text == "The"


@needs_tesseract("eng", "rus", "kaz")
@pytest.mark.parametrize("pack", ["eng", "kaz"])
def test_a_full_page_is_detected_at_half_its_resolution(pack):
    page = page_image((REPORTS[pack] + "\n") * 6, (2480, 3508), font_size=42)  # A4 at 300 dpi, 10-point text
    chosen, words = ocr_languages.choose(page, tesseract.installed_languages(), lambda: 60, 300)
    assert chosen == [pack] and words is None  # the first pass read a smaller copy: the page is read again


def test_a_missing_pack_is_named_with_its_debian_package():
    with pytest.raises(OcrError) as raised:
        ocr_languages.check_installed(["eng", "chi_sim"], {"eng", "osd"})
    assert str(raised.value) == ("the Tesseract language pack for Chinese (simplified) (chi_sim) is not installed: "
                                 "install Debian's package tesseract-ocr-chi-sim "
                                 "(apt-get install tesseract-ocr-chi-sim)")
    with pytest.raises(OcrError, match=r"pack for xyz is not installed: install Debian's package tesseract-ocr-xyz"):
        ocr_languages.check_installed(["xyz"], {"eng"})


def test_without_any_pack_english_is_asked_for():
    with pytest.raises(OcrError, match="install Debian's package tesseract-ocr-eng"):
        ocr_languages.choose(None, {"osd"}, lambda: None)
