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
"""

from __future__ import annotations

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


# The languages detection can choose, each script's lead pack first (the one its first pass reads with).
LANGUAGES = (
    Language("en", "eng", "Latin", "English"), Language("de", "deu", "Latin", "German"),
    Language("fr", "fra", "Latin", "French"), Language("es", "spa", "Latin", "Spanish"),
    Language("fi", "fin", "Latin", "Finnish"), Language("it", "ita", "Latin", "Italian"),
    Language("pt", "por", "Latin", "Portuguese"), Language("nl", "nld", "Latin", "Dutch"),
    Language("pl", "pol", "Latin", "Polish"), Language("cs", "ces", "Latin", "Czech"),
    Language("sk", "slk", "Latin", "Slovak"), Language("sl", "slv", "Latin", "Slovenian"),
    Language("hr", "hrv", "Latin", "Croatian"), Language("ro", "ron", "Latin", "Romanian"),
    Language("hu", "hun", "Latin", "Hungarian"), Language("sv", "swe", "Latin", "Swedish"),
    Language("da", "dan", "Latin", "Danish"), Language("no", "nor", "Latin", "Norwegian"),
    Language("et", "est", "Latin", "Estonian"), Language("lv", "lav", "Latin", "Latvian"),
    Language("lt", "lit", "Latin", "Lithuanian"), Language("tr", "tur", "Latin", "Turkish"),
    Language("az", "aze", "Latin", "Azerbaijani"), Language("sq", "sqi", "Latin", "Albanian"),
    Language("ca", "cat", "Latin", "Catalan"), Language("id", "ind", "Latin", "Indonesian"),
    Language("vi", "vie", "Latin", "Vietnamese"),
    Language("ru", "rus", "Cyrillic", "Russian"), Language("uk", "ukr", "Cyrillic", "Ukrainian"),
    Language("mk", "mkd", "Cyrillic", "Macedonian"), Language("kk", "kaz", "Cyrillic", "Kazakh"),
    Language("be", "bel", "Cyrillic", "Belarusian"), Language("bg", "bul", "Cyrillic", "Bulgarian"),
    Language("sr", "srp", "Cyrillic", "Serbian"), Language("ky", "kir", "Cyrillic", "Kyrgyz"),
    Language("mn", "mon", "Cyrillic", "Mongolian"),
    Language("zh", "chi_sim", "Han", "Chinese (simplified)"), Language("ja", "jpn", "Japanese", "Japanese"),
    Language("ko", "kor", "Hangul", "Korean"), Language("el", "ell", "Greek", "Greek"),
    Language("ar", "ara", "Arabic", "Arabic"), Language("fa", "fas", "Arabic", "Persian"),
    Language("he", "heb", "Hebrew", "Hebrew"), Language("ka", "kat", "Georgian", "Georgian"),
    Language("hy", "hye", "Armenian", "Armenian"), Language("hi", "hin", "Devanagari", "Hindi"),
    Language("th", "tha", "Thai", "Thai"),
)
# Told apart by a first pass, not by script detection (see above).
FIRST_PASS_SCRIPTS = ("Latin", "Cyrillic")


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


def choose(image: Image.Image, installed: set[str], timeout: float | None,
           dpi: int | None = None) -> tuple[list[str], list[tesseract.Word] | None]:
    """Return the packs to read an image with, detected as the module says, and the words of the first pass
    when it read with those packs (None: read the image with them)."""
    known = [language for language in LANGUAGES if language.pack in installed]
    if not known:  # no pack of a language detection knows: read with one that is installed, if any
        packs = sorted(installed - {"osd"})[:1]
        check_installed(packs or ["eng"], installed)
        return packs, None
    script = tesseract.script_of(image, timeout) if "osd" in installed else None
    group = [language for language in known if language.script == script and script not in FIRST_PASS_SCRIPTS]
    if not group:
        group = [language for language in known if language.script in FIRST_PASS_SCRIPTS] or known
    if len(group) == 1:
        return [group[0].pack], None
    scripts = dict.fromkeys(language.script for language in group)
    leads = [next(language.pack for language in group if language.script == script) for script in scripts]
    words = tesseract.read_words(image, leads, timeout, dpi)
    found = detect_among(" ".join(word.text for word in words), {language.code for language in group})
    chosen = [next(language.pack for language in group if language.code == found)] if found else leads
    return chosen, words if chosen == leads else None

