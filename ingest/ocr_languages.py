"""Which Tesseract language packs to read a page with: those asked for, else those a first pass points to.

Asked for (`--ocr-lang rus+eng`), each must be installed, or the capture fails with one sentence naming the
Debian package to install. Otherwise the languages are detected, as measured to work on pages of the archive's
ten languages (eng rus ukr mkd kaz chi_sim fin deu fra spa; bench/RESULTS.md):
1. Tesseract's orientation and script detection (`--psm 0`, osd.traineddata) is asked for the script. Only a
   script other than Latin and Cyrillic is believed (Han: read with chi_sim): on a page of a few lines it
   named Cyrillic for English, with no confidence figure that told the two cases apart.
2. A script with one installed pack is read with it. Otherwise a first pass reads the page with each script's
   lead pack (eng and rus for Latin and Cyrillic), and py3langid tells the language of what it read among the
   installed packs of those scripts only (unrestricted, Kazakh read as Kyrgyz, which has no pack).
3. The page is read with that language's pack; when it is the first pass's, that reading is kept.
Step 2 reads a page larger than DETECT_SIDE at a half or less of its resolution: detection needs the words,
not their exact letters, and with both steps at full size ten scanned pages took 1.8 times as long to capture
as with their language given (bench/RESULTS.md). Script detection costs about a second whatever the size.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from archive.errors import OcrError
from ingest import tesseract
from ingest.language import detect_among

if TYPE_CHECKING:
    from PIL import Image


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, as py3langid names it
    pack: str  # Tesseract's code
    script: str  # as Tesseract's script detection names it
    name: str


# The languages detection can choose, by script as Tesseract's script detection names it: the ISO 639-1 code
# (as py3langid names it), the Tesseract pack and the name of each; a script's lead pack (its first pass reads
# with it) first.
_TABLE = """
    Latin: en eng English, de deu German, fr fra French, es spa Spanish, fi fin Finnish, it ita Italian,
        pt por Portuguese, nl nld Dutch, pl pol Polish, cs ces Czech, sk slk Slovak, sl slv Slovenian,
        hr hrv Croatian, ro ron Romanian, hu hun Hungarian, sv swe Swedish, da dan Danish, no nor Norwegian,
        et est Estonian, lv lav Latvian, lt lit Lithuanian, tr tur Turkish, az aze Azerbaijani,
        sq sqi Albanian, ca cat Catalan, id ind Indonesian, vi vie Vietnamese
    Cyrillic: ru rus Russian, uk ukr Ukrainian, mk mkd Macedonian, kk kaz Kazakh, be bel Belarusian,
        bg bul Bulgarian, sr srp Serbian, ky kir Kyrgyz, mn mon Mongolian
    Han: zh chi_sim Chinese (simplified)
    Japanese: ja jpn Japanese
    Hangul: ko kor Korean
    Greek: el ell Greek
    Arabic: ar ara Arabic, fa fas Persian
    Hebrew: he heb Hebrew
    Georgian: ka kat Georgian
    Armenian: hy hye Armenian
    Devanagari: hi hin Hindi
    Thai: th tha Thai
"""


def _languages(table: str) -> tuple[Language, ...]:
    """Read the table: a script, a colon, its languages as "code pack name" separated by commas."""
    languages = []
    for line in table.replace(",\n", ", ").strip().splitlines():
        script, _, entries = line.partition(":")
        for entry in entries.split(","):
            code, pack, name = entry.split(maxsplit=2)
            languages.append(Language(code, pack, script.strip(), name))
    return tuple(languages)


LANGUAGES = _languages(_TABLE)
# Told apart by a first pass, not by script detection (see above).
FIRST_PASS_SCRIPTS = ("Latin", "Cyrillic")
# Pixels of a page's longer side that detection reads at most: enough for the words of 10-point text, and a
# quarter of the work of a full page at 300 dpi.
DETECT_SIDE = 1800


def debian_package(pack: str) -> str:
    """Return the Debian package of a Tesseract language pack (chi_sim: tesseract-ocr-chi-sim)."""
    return "tesseract-ocr-" + pack.replace("_", "-")


def check_installed(packs: list[str], installed: set[str]) -> None:
    """Raise OcrError naming the Debian package of the first pack that is not installed."""
    for pack in packs:
        if pack not in installed:
            named = next((f"{language.name} ({pack})" for language in LANGUAGES if language.pack == pack), pack)
            package = debian_package(pack)
            raise OcrError(f"the Tesseract language pack for {named} is not installed: install Debian's package "
                           f"{package} (apt-get install {package})")


def choose(image: Image.Image, installed: set[str], left: Callable[[], float | None],
           dpi: int | None = None) -> tuple[list[str], list[tesseract.Word] | None]:
    """Return the packs to read an image with, detected as the module says, and the words of the first pass
    when it read the whole image with those packs (None: read the image with them). `left` tells the seconds
    each run of Tesseract may take."""
    known = [language for language in LANGUAGES if language.pack in installed]
    if not known:  # no pack of a language detection knows: read with one that is installed, if any
        packs = sorted(installed - {"osd"})[:1]
        check_installed(packs or ["eng"], installed)
        return packs, None
    sample, sample_dpi = _for_detection(image, dpi)
    script = tesseract.script_of(sample, left()) if "osd" in installed else None
    group = [language for language in known if language.script == script and script not in FIRST_PASS_SCRIPTS]
    if not group:
        group = [language for language in known if language.script in FIRST_PASS_SCRIPTS] or known
    if len(group) == 1:
        return [group[0].pack], None
    scripts = dict.fromkeys(language.script for language in group)
    leads = [next(language.pack for language in group if language.script == script) for script in scripts]
    words = tesseract.read_words(sample, leads, left(), sample_dpi)
    found = detect_among(" ".join(word.text for word in words), {language.code for language in group})
    chosen = [next(language.pack for language in group if language.code == found)] if found else leads
    return chosen, words if chosen == leads and sample is image else None


def _for_detection(image: Image.Image, dpi: int | None) -> tuple[Image.Image, int | None]:
    """Return the image detection reads, and its resolution: a page larger than DETECT_SIDE on its longer side
    reduced by a whole factor (an A4 page at 300 dpi read at 150 dpi, a quarter of the pixels)."""
    factor = -(-max(image.size) // DETECT_SIDE)
    if factor <= 1:
        return image, dpi
    return image.reduce(factor), dpi // factor if dpi else None
