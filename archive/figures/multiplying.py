"""Read the verbs and phrases that state a multiple, and tell "times" that counts occasions from a multiple (and
the Ukrainian and Russian words of times: "двічі", "пятикратной").

The lead's convention (issue 18): a multiplying verb or phrase is a multiple, unit "x", its factor the value, its
span the verb or phrase.
- Verbs with their factor in them: "doubled", "a doublé", "duplicó", "verdoppelt", "удвоился", "подвоїлася",
  "udvostručio", "podwoiła", "s-a dublat", "kaksinkertaistui", Serbian "dvostruko veći", Korean "두배" (2);
  "tripled", "triplé", "triplicó",
  "verdreifacht", "утроился" (3); "quadrupled", "vervierfacht" (4); "décuplé", "verzehnfacht" (10); "halved",
  "halbiert", "puolittui" (0.5). Polish "dwukrotnie" (twofold) and "trzykrotnie" only beside a word of growth or
  comparison ("wzrosła dwukrotnie"): alone it is "twice", two occasions ("był dwukrotnie karany"), and gives nothing.
- Phrases: "el doble", "le double", "das Doppelte", "el triple" (a noun of the multiple, before "de", "que" or
  the end of a clause); "doppelt so hoch wie" (only with its comparison: "doppelt so" alone is no figure);
  "倍増" (a doubling, with no number before 倍).
- "multiplié par dix", "se multiplicó por 10", "multiplied by 10": the number after the verb and its preposition
  is the factor, the span runs from the verb; in the same sentence a bare number after the same preposition is
  a factor of the same verb left out ("... por 10, el presupuesto del Estado lo hizo por 20": "por 20").
Not multiples: "il a doublé la voiture" (overtook), "doublé d'un" (coupled with), "doubled down", "doubles as",
"double murder" (no verb), a word quoted as a word ("le mot « doublé »"), "un duplicado" (a copy).

Times that count occasions. "два пута годишње", "twice a year", "deux fois par an": a number of times before a
word of frequency counts occasions; the number is a count and its span stops before "times". So is a number of
times with a scale word ("понад 1,5 тисячі разів запобігали", prevented over 1,500 times) unless a comparison
follows or "в"/"у" comes before ("в тысячу раз больше"). German "-mal" is a multiple only with a comparison or a
verb of multiplying after it ("fünfmal so hoch", "fünfmal gestreckt"); else it counts occasions ("Zehnmal hatte es
ausgeholfen").
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from archive.figures.surroundings import LETTER, WS, tokens_before
from archive.figures.vocabulary import MULTIPLYING_STEMS
from archive.patterns import LazyPattern

_AFTER = rf"(?!{LETTER})"


def _finnish_times(stem: str) -> str:
    """Finnish "-kertainen" (n-fold) of a stem, its verb and cases: "kaksinkertaistui", "kaksinkertaisena" (at
    double), "viisinkertainen"."""
    return rf"{stem}kertai(?:s(?:t{LETTER}*|eksi|en|ena|ella|essa)|nen)"


# Each factor's verbs, as stems and endings; the names say the factor (x0_5 is a half).
_VERBS = {
    "x2": [
        r"doubl(?:ed|ing|é|ée|és|ées|er|ent|ait|aient|era|eront|erait|eraient)",  # en, fr
        r"duplic(?:ó|a|an|aron|ar|ado|ada|ados|adas|ando|ándose|aría|ará|arán|aba|aban)",
        r"verdoppel(?:t|te|ten|n|ung)", r"verdoppl(?:ung)",
        rf"удво(?:и|е|я|ю){LETTER}*", rf"подво(?:ї|є|ю){LETTER}*",
        rf"udvostruč{LETTER}*", rf"удвоструч{LETTER}*", rf"podwo(?:i|j){LETTER}*",
        r"dubla(?:t|tă|te|ți|tul|rea|rii)", _finnish_times("kaksin"), rf"tuplaantu{LETTER}*", r"tuplattiin",
        r"[ув]двічі", r"вдвое",  # Ukrainian and Russian adverbs: "удвічі вищою за ринкову" (twice the market's)
        # Serbian and Croatian adverbs: "dvostruko većom količinom" (twice as large); not "dvostruki agent"
        r"dvostruko", r"двоструко", r"двократно", r"dvokratno", r"двукратно",
        # Romanian adjectives before "față de" or "decât": "Suma este dublă față de cea tăiată" (twice the sum cut)
        rf"dubl(?:ă|u|e)(?={WS}(?:față{WS}de|fata{WS}de|decât)(?!{LETTER}))",
        # Korean glued, before a space or a particle: "두배 늘리고" (doubled), "과태료도 두배까지"; spaced "두 배" is
        # read as a number
        r"두배(?:까지|로|가|를|나|의|에|이|씩)?",
        # the French noun after a determiner: "un doublement du budget"; not the adverb ("doublement fautif")
        r"(?:(?<=son )|(?<=le )|(?<=un )|(?<=du )|(?<=au )|(?<=« ))doublement",
    ],
    "x3": [
        r"tripl(?:ed|ing|é|ée|és|ées|er|ent|ait|aient|era|eront|erait|eraient)",
        r"triplic(?:ó|a|an|aron|ar|ado|ada|ados|adas|ando|ándose|aría|ará|arán|aba|aban)",
        r"verdreifach(?:t|te|ten|en|ung)", rf"утро(?:и|е|я|ю){LETTER}*", rf"потро(?:ї|є|ю){LETTER}*",
        rf"utrostruč{LETTER}*", rf"утроструч{LETTER}*", rf"potro(?:i|j){LETTER}*",
        r"tripla(?:t|tă|te|ți|tul|rea|rii)", _finnish_times("kolmin"),
        r"[ув]тричі", r"втрое", r"trostruko", r"троструко",
        # Macedonian, Serbian and Russian adverbs in -kratno: "Трикратно е зголемен" (tripled)
        r"трикратно", r"trikratno", r"трехкратно", r"трёхкратно",
        rf"tripl(?:ă|u|e)(?={WS}(?:față{WS}de|fata{WS}de|decât)(?!{LETTER}))",
        # the French noun after a determiner: "son triplement en dix ans"; not the adverb ("triplement fautif")
        # and quoted after its article: "la Cour observe en fait un « triplement » de la dette"
        r"(?:(?<=son )|(?<=le )|(?<=un )|(?<=du )|(?<=au )|(?<=« ))triplement",
    ],
    "x4": [
        r"quadrupl(?:ed|ing|é|ée|és|ées|er|ent|ait|aient|era|eront|erait|eraient)",
        # and "se cuadriplican", as often written
        r"cuadr[ui]plic(?:ó|a|an|aron|ar|ado|ada|ados|adas|ando|ándose)", r"vervierfach(?:t|te|ten|en|ung)",
        _finnish_times("nelin"),
    ],
    "x5": [_finnish_times("viisin"), r"peterostruko", r"petostruko", r"петоструко", r"петкратно", r"petkratno", r"пятикратно"],
    "x10": [_finnish_times("kymmen"), r"décupl(?:é|ée|és|ées|er|ent|ait|era)", r"verzehnfach(?:t|te|ten|en|ung)"],
    "x0_5": [r"halv(?:ed|ing)", r"halbier(?:t|te|ten|en|ung)", rf"puolit(?:tu|ti|taa|tavat){LETTER}*",
             # "to cut the unit cost in half"; not "in half an hour", "in half of the cases"
             rf"in{WS}half(?!{WS}(?:a|an|the|of|past|time|century|year|day|hour|dozen)(?!{LETTER}))"],
}
# Adverbs of a multiple that say "twice" or "three times" as occasions too: a multiple only right before a
# comparative: Macedonian "повеќе од двојно повисок" (more than twice as high), Croatian and Serbian
# "oko triput niža od prosjeka" (about three times lower), English "twice as high"; "dvaput godišnje", "twice a
# year" and "двојно државјанство" (dual citizenship) are none.
_COMPARATIVE_MULTIPLES = {"x2": r"двојно|dvaput|двапут|dvaputa|twice",
                          "x3": r"тројно|triput|трипут|triputa|tripot|thrice"}
_SLAVIC_COMPARATIVE_AFTER = LazyPattern(
    rf"{WS}(?i:по(?:висок|голем|мал|веќе|малку|скап|евтин|долг|краток|низок|брз|добар|лош){LETTER}*|"
    rf"više|manje|već{LETTER}*|manj[aei]|viš{LETTER}*|niž{LETTER}*|skuplj{LETTER}*|jeftinij{LETTER}*|"
    rf"bolj[aei]|duž[aei]|"
    rf"kraći|kraća|kraće|brž[aei]|већ[аеи]|мањ[аеи]|виш[аеи]|ниж[аеи]|скупљ{LETTER}*|јефтиниј{LETTER}*|бољ[аеи]|"
    # English, after at most "or (even) thrice": "spend twice or even thrice more", "twice as high", "twice the size"
    rf"(?:or{WS}(?:even{WS})?(?:thrice|twice){WS})?(?:more|less|as|the|higher|lower|larger|bigger|smaller))"
    rf"(?!{LETTER})"
)
# The nouns of a multiple: Spanish and French before "de", "que" or the end of a clause ("casi el doble de los
# que", not "le double vitrage"), German always ("um das Doppelte gestiegen").
# and after "more than" ("más del doble del de abril", "plus du double"): "del" and "du" hold the article
_NOUNS = {"x2": rf"(?:el|le|del|du){WS}(?:doble|double)", "x3": rf"(?:el|le|del|du){WS}triple"}
_GERMAN_NOUNS = {"x2": rf"das{WS}Doppelte", "x3": rf"das{WS}Dreifache"}
# English "double" and "triple" are verbs after "to", "will", "nearly"...: not "double murder"
_ENGLISH_BASE = {"x2": "double", "x3": "triple", "x4": "quadruple"}
_PHRASE_END = LazyPattern(rf"{WS}?(?:[,.;:)»”\"]|(?:de|del|que|du|des){_AFTER}|qu['’]|d['’]|\Z)")
_DOPPELT = LazyPattern(rf"(?i:doppelt){WS}so{WS}{LETTER}+(?:{WS}{LETTER}+)?{WS}(?:wie|als){_AFTER}")
_POLISH_TIMES = {"dwukrotn": 2, "trzykrotn": 3, "czterokrotn": 4, "pięciokrotn": 5, "dziesięciokrotn": 10}
_GROWTH_OR_COMPARISON = LazyPattern(
    rf"(?i:wzr[oó]s{LETTER}*|wzrost{LETTER}*|zwiększ{LETTER}*|zmniejsz{LETTER}*|spad{LETTER}*|spadł{LETTER}*|"
    rf"więcej|mniej|większ{LETTER}*|mniejsz{LETTER}*|wyższ{LETTER}*|niższ{LETTER}*|drożs?z{LETTER}*|tańsz{LETTER}*|"
    rf"przekr{LETTER}*|przewyż{LETTER}*|niż)"
)


def _verbs_pattern() -> str:
    """Return the pattern of every verb and phrase, each in a group named for its factor and kind."""
    groups = [rf"(?P<{name}>{'|'.join(stems)})" for name, stems in _VERBS.items()]
    groups += [rf"(?P<n{name}>{noun})" for name, noun in _NOUNS.items()]
    groups += [rf"(?P<g{name}>{noun})" for name, noun in _GERMAN_NOUNS.items()]
    groups += [rf"(?P<e{name}>{verb})" for name, verb in _ENGLISH_BASE.items()]
    groups += [rf"(?P<c{name}>{adverb})" for name, adverb in _COMPARATIVE_MULTIPLES.items()]
    groups.append(rf"(?P<pl>{'|'.join(_POLISH_TIMES)}){LETTER}*")
    groups.append(r"(?P<doppelt>doppelt)")
    return rf"(?<!{LETTER})(?i:{'|'.join(groups)}){_AFTER}"


_VERB = LazyPattern(_verbs_pattern)
# and the Japanese "double" of a thing named before it: "14年の倍以上" (more than double that of 2014); not "倍率"
_HAN_DOUBLING = LazyPattern(r"倍[増增]|(?<=の)倍(?![率数數額])")
_HAN_HALVING = LazyPattern(r"半[減减](?!期)|[减減]半")
_FACTORS = {"x2": Decimal(2), "x3": Decimal(3), "x4": Decimal(4), "x5": Decimal(5), "x10": Decimal(10),
            "x0_5": Decimal("0.5")}
_NOT_MULTIPLYING_AFTER = LazyPattern(
    rf"{WS}(?:down|as|up|back|d['’]une?(?!{WS}coup)|(?:la|le|les|un|une|cette|ce){WS}(?:voiture|véhicule|camion|bus|car|"
    rf"moto|cycliste|concurrent|peloton){LETTER}*|par{WS}la{WS}(?:droite|gauche)){_AFTER}",
)
# "double the number of votes", "double the original estimate": a multiple before its determiner
_THE_AFTER = LazyPattern(rf"{WS}(?:the|what|that{WS}of)(?!{LETTER})")
_ENGLISH_BASE_BEFORE = ("to", "will", "would", "could", "can", "may", "might", "did", "does", "nearly", "almost",
                        "than", "roughly")
_QUOTE_OPEN = "«\"“„'‘"
_QUOTE_CLOSE = "»\"”“'’"


def find_multiplying_verbs(text: str) -> list[tuple[int, int, Decimal]]:
    """Return (start, end, factor) of the verbs and phrases that state a multiple: "doubled" (2), "el doble" (2),
    "verdreifacht" (3), "halved" (0.5), "wzrosła dwukrotnie" (2), "倍増" (2)."""
    found = {}
    lowered = _lowered_in_place(text)
    for stem in MULTIPLYING_STEMS:
        at = lowered.find(stem)
        while at >= 0:
            for verb in _verbs_around(text, at):
                factor = _factor(text, verb)
                if factor is not None:
                    found[verb.start()] = (verb.start(), verb.end(), factor)
            at = lowered.find(stem, at + len(stem))
    return sorted(found.values()) + _han_doublings(text) + _han_halvings(text)


def _lowered_in_place(text: str) -> str:
    """Return ``text`` in lower case, each character where it was: "İ" lower-cases to two characters, which would
    shift every position after it."""
    lowered = (text.replace("İ", "i") if "İ" in text else text).lower()  # the one letter of ours that does so
    if len(lowered) != len(text):
        lowered = "".join(char if len(char.lower()) != 1 else char.lower() for char in text)
    return lowered


def _verbs_around(text: str, at: int):
    """Yield the matches of _VERB that may hold the stem found at ``at``: from the start of its word ("kaksin" of
    "kaksinkertaistui"), or of the article before it ("el doble", "das Doppelte")."""
    start = at
    while start and text[start - 1].isalpha():
        start -= 1
    candidates = [start]
    article = start - 2
    while article > 0 and text[article - 1].isalpha() and start - article <= 4:
        article -= 1
    if article < start - 1 and text[start - 1 : start] in " \u00a0":
        candidates.append(article)
    for candidate in candidates:
        verb = _VERB.match(text, candidate)
        if verb is not None:
            yield verb


def _han_doublings(text: str) -> list[tuple[int, int, Decimal]]:
    """Return (start, end, 2) of "倍増" and "倍增" (a doubling) with no number before 倍 ("2倍増" is read as 2倍), and
    of "の倍" (the double of)."""
    if "倍" not in text:
        return []
    found = []
    for doubling in _HAN_DOUBLING.finditer(text):
        before = text[doubling.start() - 1 : doubling.start()]
        if not before or not (before.isdigit() or before in "一二两兩三四五六七八九十百千万萬・."):
            found.append((doubling.start(), doubling.end(), Decimal(2)))
    return found


def _han_halvings(text: str) -> list[tuple[int, int, Decimal]]:
    """Return (start, end, 0.5) of "半減" and "减半" (a halving): "1万人強に半減し"; "半減期" is a half-life."""
    if "半" not in text:
        return []
    return [(halving.start(), halving.end(), Decimal("0.5")) for halving in _HAN_HALVING.finditer(text)]


def _factor(text: str, verb) -> Decimal | None:
    """Return the factor a match of _VERB states where it stands, or None where it states none."""
    name, start, end = verb.lastgroup, verb.start(), verb.end()
    if name == "pl":
        near = text[max(0, start - 30) : end + 30]
        return Decimal(_POLISH_TIMES[verb.group("pl").lower()]) if _GROWTH_OR_COMPARISON.search(near) else None
    if name == "doppelt":
        return Decimal(2) if _DOPPELT.match(text, start) else None
    if name.startswith("n"):  # "el doble": a noun of the multiple before "de", "que" or the end of a clause
        return _FACTORS[name[1:]] if _PHRASE_END.match(text, end) else None
    if name.startswith("c"):  # "двојно повисок", "triput niža"
        return _FACTORS[name[1:]] if _SLAVIC_COMPARATIVE_AFTER.match(text, end) else None
    if name.startswith("g"):  # "das Doppelte"
        return _FACTORS[name[1:]]
    if name.startswith("e"):  # "to double", "nearly tripled" is read as a verb of its own; "double the number"
        return _FACTORS[name[1:]] if _english_base_form(text, start) or _THE_AFTER.match(text, end) else None
    if _NOT_MULTIPLYING_AFTER.match(text, end) or _quoted_as_a_word(text, start, end):
        return None
    word = verb.group().lower()
    if word.endswith("kertainen") and not set(tokens_before(text, start, 3)) & _FINNISH_COPULAS:
        return None  # "Kaksinkertainen maailmanmestari" (a two-time champion); "on yli kaksinkertainen" is a multiple
    if word.endswith(("ado", "ada", "ados", "adas")) and tokens_before(text, start, 1)[-1:] in (
            ["un"], ["una"], ["el"], ["los"], ["las"]):
        return None  # "un duplicado": a copy
    return _FACTORS[name]


_FINNISH_COPULAS = frozenset({"on", "oli", "ovat", "olivat", "olisi", "yli", "lähes", "noin"})


def _quoted_as_a_word(text: str, start: int, end: int) -> bool:
    """Tell whether a word stands alone between quotes, a word spoken of: "le mot « doublé »"; not a noun quoted
    after its article, which is still used: "la Cour observe un « triplement » de la dette"."""
    before = text[max(0, start - 2) : start].rstrip()
    after = text[end : end + 2].lstrip()
    quoted = bool(before) and before[-1] in _QUOTE_OPEN and bool(after) and after[0] in _QUOTE_CLOSE
    return quoted and tokens_before(text, start - len(text[max(0, start - 2) : start]), 1)[-1:] not in [
        [article] for article in _ARTICLES_BEFORE_A_QUOTED_NOUN]


_ARTICLES_BEFORE_A_QUOTED_NOUN = ("un", "le", "son", "du", "au", "el", "the", "a")


def _english_base_form(text: str, start: int) -> bool:
    """Tell whether "double" or "triple" at ``start`` is a verb: after "to", "will", "nearly"..."""
    return tokens_before(text, start, 1)[-1:] in [[word] for word in _ENGLISH_BASE_BEFORE]


# "multiplié par dix", "se multiplicó por 10", "multiplied by 10", "pomnożony przez 3": the verb and preposition
_MULTIPLIED_BY = LazyPattern(
    rf"(?<!{LETTER})(?P<verb>(?i:multipli{LETTER}*|pomnoż{LETTER}*|(?P<divided>divis(?:er|é|ée|és|ées|e|ent|ait|era)|"
    rf"divid(?:e|ed|ir|ido|ida|idos|idas|ió|e)|podziel(?:ony|ona|one|ić|ił|iła|ili)))){WS}"
    # an adverb of about between: "se ha multiplicado casi por seis", "multiplied almost by"
    rf"(?:(?i:casi|almost|nearly|presque|prawie|más{WS}de|plus{WS}de){WS})?(?P<by>(?i:par|por|by|przez)){WS}"
    # and after it: "multipliés par près de seize", "multiplicado por cerca de diez", "multiplied by about ten"
    rf"(?:(?i:près{WS}de|environ|presque|casi|cerca{WS}de|alrededor{WS}de|más{WS}de|plus{WS}de|almost|nearly|"
    rf"about|around|more{WS}than|prawie|około|ponad){WS})?$"
)
_BY_ALONE = LazyPattern(rf"(?<!{LETTER})(?P<by>(?i:par|por|by|przez)){WS}$")


def multiplied_by(text: str, start: int) -> tuple[int, str, bool] | None:
    """Return where "multiplié par" (or "diviser par", "divided by") begins, its preposition and whether it
    divides, when it stands just before ``start``: "diviser par trois" is a multiple of a third."""
    found = _MULTIPLIED_BY.search(text, max(0, start - 48), start)
    return (found.start("verb"), found.group("by").lower(), found.group("divided") is not None) if found else None


def preposition_alone(text: str, start: int) -> int | None:
    """Return where a lone "par", "por", "by" or "przez" begins, when it stands just before ``start``."""
    found = _BY_ALONE.search(text, max(0, start - 8), start)
    return found.start("by") if found else None


_FREQUENCY = LazyPattern(
    rf"{WS}(?i:годишње|godišnje|годишно|месечно|mesečno|mjesečno|недељно|nedeljno|sedmično|tjedno|dnevno|дневно|"
    rf"a{WS}(?:year|month|week|day)|per{WS}(?:year|month|week|day|annum)|each{WS}(?:year|month)|"
    rf"par{WS}(?:an|jour|mois|semaine)|al{WS}(?:año|mes|día)|por{WS}(?:año|mes|día|semana)|a{WS}la{WS}semana|"
    rf"pro{WS}(?:Jahr|Monat|Woche|Tag)|im{WS}(?:Jahr|Monat)|am{WS}Tag|"
    rf"в{WS}(?:год|месяц|неделю|день|сутки)|на{WS}(?:рік|місяць|тиждень|день|годину|год)|"
    rf"w{WS}roku|rocznie|miesięcznie|dziennie|tygodniowo|pe{WS}(?:an|lună|zi|săptămână)|"
    rf"vuodessa|kuukaudessa|viikossa|päivässä){_AFTER}"
)
_COMPARISON_AFTER = LazyPattern(
    rf"{WS}(?i:більше|менше|больше|меньше|вище|нижче|выше|ниже|дорожче|дешевше|дороже|дешевле|more|less|higher|"
    rf"lower|larger|smaller|greater|plus|moins|más|menos|mehr|weniger|höher|više|manje|veći|manji|већи|мањи|више|"
    rf"мање|повеќе|помалку|więcej|mniej|superior|superiores|inferior|inferiores|mayor|mayores|menor|menores|"
    rf"дороже|дешевле"
    # and the Polish comparative adjectives and "as much": "trzy razy wyższa", "dwa razy tyle"
    rf"|(?:wyższ|niższ|większ|mniejsz|droższ|tańsz|dłuższ|krótsz|szybsz|lepsz|gorsz){LETTER}*|tyle|taniej|drożej"
    rf"|szybciej|dłużej){_AFTER}"
)


# Russian, Ukrainian, Spanish, Serbian and Croatian "times": a multiple after "в"/"у"/"за", before a comparison ("в
# 1,7 раза", "у 5 разів більше", "17,5 veces superior", "100 puta višoj cijeni") or after a verb of change ("crecieron
# 10 veces"), else occasions counted ("139 раз просили", "pagar dos veces la misma factura", "proširena je dva puta,
# u srpnju i u studenom").
# Verbs of change before such times, which make them a multiple: "Las ventas crecieron 10 veces en una década".
_CHANGE_STEMS = ("crec", "aument", "multiplic", "increment", "disminu", "reduj", "reduc", "cay", "baj", "sub",
                 "вырос", "увелич", "сократ", "снизи", "уменьш", "зрос", "збільш", "зменш", "скорот",
                 "wzrosł", "wzrós", "zwiększ", "zmniejsz", "spadł", "pomnoż")  # Polish: "wzrosła trzy razy"
# An amount after Spanish times, which they multiply: "multas de hasta seis veces el valor del tabaco incautado".
_AN_AMOUNT_AFTER = LazyPattern(
    rf"{WS}(?i:el|la|lo|su|sus){WS}(?i:valor|importe|precio|cantidad|cuantía|monto|suma|tamaño|salario|sueldo|"
    rf"coste|costo|beneficio|beneficios|superficie|volumen|media|promedio)(?!{LETTER})"
)
_TIMES_OF_OCCASIONS = LazyPattern(rf"(?<!{LETTER})(?i:раз|раза|рази|разів|veces|vez|puta|пута|razy)\Z")
# After German "-mal", what makes it a multiple: a comparison or a verb of multiplying within three words
# ("fünfmal so hoch", "dreimal mehr als", "„drei- bis fünfmal“ gestreckt"); else it counts occasions ("Zehnmal
# hatte es ... ausgeholfen", "viermal kontrolliert", "viermal 20, dreimal 50 Euro").
_MULTIPLE_AFTER_MAL = LazyPattern(
    rf"[“”\"»«]?(?:{WS}[^\W\d_]+){{0,2}}?{WS}(?i:so|mehr|weniger|höher|niedriger|größer|kleiner|teurer|billiger|"
    rf"schneller|stärker|länger|als|gestreckt|verdünnt|vergrößert|verstärkt|multipliziert|vervielfacht){_AFTER}"
)


def counts_occasions(text: str, number_start: int, times_end: int, has_scale: bool) -> bool:
    """Tell whether a number of times counts occasions, not a multiple: "два пута годишње" (twice a year),
    "понад 1,5 тисячі разів запобігали" (a scale word, no comparison after, no "в" before), "Zehnmal hatte es
    ausgeholfen" (ten times it had helped)."""
    if _FREQUENCY.match(text, times_end):
        return True
    if text[times_end - 3 : times_end].lower() == "mal":  # a query "70-mal" (nothing after it) is a multiple
        return bool(text[times_end:].strip()) and _MULTIPLE_AFTER_MAL.match(text, times_end) is None
    if _TIMES_OF_OCCASIONS.search(text, max(0, times_end - 6), times_end) and text[times_end:].strip():
        # "139 раз просили", "pagar dos veces la misma factura": no "в" before, no comparison after
        before = tokens_before(text, number_start, 2)
        compared = _COMPARISON_AFTER.match(text, times_end) or _SLAVIC_COMPARATIVE_AFTER.match(text, times_end) \
            or _AN_AMOUNT_AFTER.match(text, times_end)  # "seis veces el valor del tabaco": a multiple of it
        return compared is None \
            and before[-1:] not in (["в"], ["у"], ["во"], ["за"], ["za"]) \
            and not any(word.startswith(_CHANGE_STEMS) for word in before)  # "crecieron 10 veces"
    if not has_scale or _COMPARISON_AFTER.match(text, times_end):
        return False
    return tokens_before(text, number_start, 1)[-1:] not in (["в"], ["у"], ["in"])


# Ukrainian and Russian adverbs of times: "двічі", "тричі", "дважды", "трижды" (the multiples are "вдвічі", "вдвое").
_TIMES_ADVERB = LazyPattern(rf"(?<!{LETTER})(?i:(?P<two>двічі|дважды)|(?P<three>тричі|трижды))(?!{LETTER})")
_TIMES_ADVERB_PIECES = ("двічі", "Двічі", "дважды", "Дважды", "тричі", "Тричі", "трижды", "Трижды")
# Macedonian, Serbian and Croatian adverbs of times count occasions ("Двапати годишно пензиите ќе ги
# зголемуваме": twice a year, 2); before a comparative they are a multiple, read by find_multiplying_verbs.
_SLAVIC_TIMES_ADVERB = LazyPattern(
    rf"(?<!{LETTER})(?i:(?P<two>двапати|двапут|двапута|dvaput|dvaputa)|(?P<three>трипати|трипут|трипута|triput|"
    rf"triputa|tripot))(?!{LETTER})"
)
_SLAVIC_TIMES_PIECES = ("двапат", "Двапат", "двапут", "Двапут", "dvaput", "Dvaput", "трипат", "Трипат", "трипут",
                        "Трипут", "triput", "Triput", "tripot", "Tripot")
_RUSSIAN_COMPARATIVE_AFTER = LazyPattern(
    rf"{WS}(?i:більш|менш|вищ|нижч|дорожч|дешевш|больше|меньше|выше|ниже|дороже|дешевле){LETTER}*"
)
# Russian and Ukrainian adjectives of a multiple, "-кратный": the number in the genitive glued before "кратн".
_FOLD_NUMBERS = {
    "дву": 2, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5, "шести": 6, "семи": 7,
    "восьми": 8, "девяти": 9, "десяти": 10, "двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50,
    "стократ": 100, "ста": 100, "полутора": Decimal("1.5"), "дво": 2, "трьох": 3, "чотирьох": 4, "п'яти": 5,
    "п’яти": 5,
}
_FOLD_ADJECTIVE = LazyPattern(
    rf"(?<!{LETTER})(?P<number>(?i:{'|'.join(sorted(_FOLD_NUMBERS, key=len, reverse=True))}))кратн{LETTER}*"
)
# A person after the adjective (and a word) makes it a title, times won: "двукратного олимпийского чемпиона".
_PERSON_AFTER = LazyPattern(
    rf"(?:{WS}{LETTER}+)?{WS}(?i:чемпион|победител|переможц|обладател|володар|призер|призёр|лауреат|участник|"
    rf"учасник){LETTER}*"
)


def occurrences(text: str, piece: str) -> Iterator[int]:
    """Yield where each occurrence of ``piece`` in ``text`` begins (str.find: faster than a pattern's scan)."""
    found = text.find(piece)
    while found != -1:
        yield found
        found = text.find(piece, found + 1)


def find_times_words(text: str) -> list[tuple[int, int, Decimal, str | None]]:
    """Return (start, end, value, unit) of the Ukrainian and Russian words of times: the adverbs "двічі", "тричі",
    "дважды", "трижды" count occasions ("Окремі оператори двічі підвищували ціни": 2, no unit) or, before a
    comparative, a multiple ("дважды больше"); the "-кратный" adjectives are multiples ("штрафом в размере от
    пятикратной до тридцатикратной суммы взятки": 5 and 30 x), but before a person a title, no figure
    ("двукратного олимпийского чемпиона")."""
    found = []
    starts = sorted(start for piece in _TIMES_ADVERB_PIECES for start in occurrences(text, piece))
    for adverb in filter(None, (_TIMES_ADVERB.match(text, start) for start in starts)):
        unit = "x" if _RUSSIAN_COMPARATIVE_AFTER.match(text, adverb.end()) else None
        found.append((adverb.start(), adverb.end(), Decimal(2 if adverb.group("two") else 3), unit))
    found.extend(_slavic_times_adverbs(text))
    for fold in occurrences(text, "кратн"):
        adjective = _FOLD_ADJECTIVE.search(text, max(0, fold - 12), fold + 40)
        if adjective is None or adjective.end("number") != fold or _PERSON_AFTER.match(text, adjective.end()):
            continue  # "кратно" alone, a number word of no table, or a title
        found.append((adjective.start(), adjective.end(), Decimal(_FOLD_NUMBERS[adjective.group("number").lower()]),
                      "x"))
    return found


def _slavic_times_adverbs(text: str) -> list[tuple[int, int, Decimal, str | None]]:
    """Return the Macedonian, Serbian and Croatian adverbs of times that count occasions: "Двапати годишно" (2),
    "dvaput godišnje"; not before a comparative ("oko triput niža", a multiple read elsewhere)."""
    starts = sorted({start for piece in _SLAVIC_TIMES_PIECES for start in occurrences(text, piece)})
    found = []
    for adverb in filter(None, (_SLAVIC_TIMES_ADVERB.match(text, start) for start in starts)):
        if not _SLAVIC_COMPARATIVE_AFTER.match(text, adverb.end()):
            found.append((adverb.start(), adverb.end(), Decimal(2 if adverb.group("two") else 3), None))
    return found


# A word of "smaller" after a multiple: the multiple divides ("šest puta manja" is a sixth, "в два раза меньше" a
# half, "three times less", "trois fois moins", "cinco veces menor", "dwa razy mniejsza").
_SMALLER_AFTER = LazyPattern(
    rf"{WS}(?i:меньше|менше|менш{LETTER}*|ниже|нижче|дешевле|дешевше|manj[aeiu]|manji|мањ[аеиу]|мањи|niž[aeiu]|"
    rf"jeftinij{LETTER}*|помал{LETTER}*|less|smaller|fewer|lower|cheaper|moins|menos|menor|menores|weniger|"
    rf"kleiner|niedriger|mniej|mniejsz{LETTER}*|niższ{LETTER}*|tańsz{LETTER}*|taniej|mai{WS}mic{LETTER}*|"
    rf"mai{WS}puțin{LETTER}*)(?!{LETTER})"
)


def divide_smaller_multiples(text: str, drafts: list) -> None:
    """Read a multiple with a word of "smaller" right after it as the part it divides into: "otprilike šest puta
    manja je to cijena" (1/6 x), "в два раза меньше жирного лета-2019" (0.5 x); its span takes the word."""
    for draft in drafts:
        if draft.unit != "x" or draft.mantissa <= 1:
            continue
        smaller = _SMALLER_AFTER.match(text, draft.end)
        if smaller is None:
            continue
        draft.mantissa, draft.step = Decimal(1) / (draft.mantissa * draft.scale), Decimal("1e-10")
        draft.scale, draft.end = Decimal(1), smaller.end()
