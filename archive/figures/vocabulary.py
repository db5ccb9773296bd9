"""The words figures are written with, language by language: a table for each kind of word.

Scale words, currency symbols, codes and names, qualifiers, number words (English, those the libraries read,
and the tables of the languages they do not) and Chinese numerals; and the words that tell a number is no
figure (references, months, times, phone words, ranks, fractions) or that it counts something ("2000
people"); and the function words and letters that tell the language around a number. Every table is
lower-cased where it is matched without regard to case. Teaching the reader a new language starts here.

Data only: the rules that read these words live in units, numbers, number_words, exclusions and surroundings.
"""

from __future__ import annotations

from decimal import Decimal


def _table(groups: dict[str, str]) -> dict[str, str]:
    """Return {lower-cased name: key} from {key: "name|name|..."}."""
    return {name.lower(): key for key, names in groups.items() for name in names.split("|")}


def _finnish_cases() -> dict[int, set[str]]:
    """Return the case forms of the Finnish scale words by power: "miljoonasta", "miljoonaan", "miljardeja"."""
    singular = "a aa an assa asta aan alla alta alle ana aksi".split()
    plural = "ia ien issa ista iin illa ilta ille ina iksi".split()
    return {
        6: {"miljoon" + ending for ending in singular + plural},
        9: {"miljardi" + ending for ending in ("", "a", "n", "ssa", "sta", "in", "lla", "lta", "lle", "na", "ksi")}
        | {"miljarde" + ending for ending in ("ja", "ista", "issa", "ihin", "illa", "ina")},
        12: {"biljoon" + ending for ending in singular + plural},
        3: {"tuhat", "tuhatta", "tuhannen", "tuhannesta", "tuhanteen", "tuhansia", "tuhansien"},
    }


# Scale words: lower-cased word -> (power of ten, the number convention it reveals: "en", "eu" or None).
SCALE_WORDS: dict[str, tuple[int, str | None]] = {
    # English; "million", "millions", "billion" are French and German too, so they reveal nothing
    "thousand": (3, "en"), "million": (6, None), "millions": (6, None), "mn": (6, "en"), "mln": (6, None),
    "mln.": (6, None), "billion": (9, None), "billions": (9, None), "bn": (9, "en"), "bln": (9, None),
    "trillion": (12, "en"), "trillions": (12, "en"), "tn": (12, "en"), "trn": (12, "en"),
    "lakh": (5, "en"), "lakhs": (5, "en"), "crore": (7, "en"), "crores": (7, "en"),
    # Russian
    "тыс.": (3, "eu"), "тыс": (3, "eu"), "тысяча": (3, "eu"), "тысячи": (3, "eu"), "тысяч": (3, "eu"),
    "млн": (6, "eu"), "млн.": (6, "eu"), "миллион": (6, "eu"), "миллиона": (6, "eu"),
    "миллионов": (6, "eu"), "млрд": (9, "eu"), "млрд.": (9, "eu"), "миллиард": (9, "eu"),
    "миллиарда": (9, "eu"), "миллиардов": (9, "eu"), "трлн": (12, "eu"), "трлн.": (12, "eu"),
    "триллион": (12, "eu"), "триллиона": (12, "eu"), "триллионов": (12, "eu"),
    # the dative and instrumental plurals: "порядка 3,5 миллионам представителям", "с 2 миллиардами рублей"
    "тысячам": (3, "eu"), "тысячами": (3, "eu"), "миллионам": (6, "eu"), "миллионами": (6, "eu"),
    "миллиардам": (9, "eu"), "миллиардами": (9, "eu"),
    # Ukrainian
    "тис.": (3, "eu"), "тис": (3, "eu"), "тисяча": (3, "eu"), "тисячі": (3, "eu"), "тисяч": (3, "eu"), "тисячами": (3, "eu"),
    "мільйон": (6, "eu"), "мільйона": (6, "eu"), "мільйони": (6, "eu"), "мільйонів": (6, "eu"),
    "мільярд": (9, "eu"), "мільярда": (9, "eu"), "мільярди": (9, "eu"), "мільярдів": (9, "eu"),
    "трильйон": (12, "eu"), "трильйона": (12, "eu"), "трильйонів": (12, "eu"),
    # Macedonian
    "илјада": (3, "eu"), "илјади": (3, "eu"), "милион": (6, "eu"), "милиони": (6, "eu"),
    "милиона": (6, "eu"), "мил.": (6, "eu"), "милијарда": (9, "eu"), "милијарди": (9, "eu"),
    "трилион": (12, "eu"), "трилиони": (12, "eu"),
    # German ("Billion" is decided by context, see billion_power)
    "tsd.": (3, "eu"), "tausend": (3, "eu"), "mio.": (6, "eu"), "mio": (6, "eu"), "millionen": (6, "eu"),
    "mrd.": (9, "eu"), "mrd": (9, "eu"), "milliarde": (9, "eu"), "milliarden": (9, "eu"),
    "billionen": (12, "eu"),
    # French
    "milliard": (9, "eu"), "milliards": (9, "eu"),
    # Spanish
    "mil": (3, "eu"), "millón": (6, "eu"), "millones": (6, "eu"), "mil millones": (9, "eu"),
    "millardo": (9, "eu"), "millardos": (9, "eu"), "billón": (12, "eu"), "billones": (12, "eu"),
    # Finnish
    "tuhat": (3, "eu"), "tuhatta": (3, "eu"), "milj.": (6, "eu"), "miljoona": (6, "eu"),
    "miljoonaa": (6, "eu"), "miljoonan": (6, "eu"), "miljardi": (9, "eu"), "miljardia": (9, "eu"),
    "miljardin": (9, "eu"), "biljoona": (12, "eu"), "biljoonaa": (12, "eu"),
    # and their other cases ("50 miljoonasta 80 miljoonaan euroon": from 50 to 80 million)
    **{form: (power, "eu") for power, forms in _finnish_cases().items() for form in forms},
    # Polish
    "tys.": (3, "eu"), "tys": (3, "eu"), "tysiące": (3, "eu"), "tysięcy": (3, "eu"), "mld": (9, "eu"), "mld.": (9, "eu"),
    "tysiąc": (3, "eu"), "tysiąca": (3, "eu"), "miliard": (9, "eu"), "miliarda": (9, "eu"), "biliona": (12, "eu"),
    "milion": (6, "eu"), "miliony": (6, "eu"), "milionów": (6, "eu"), "miliardy": (9, "eu"),
    "miliardów": (9, "eu"), "bilion": (12, "eu"), "biliony": (12, "eu"), "bilionów": (12, "eu"),
    # Romanian
    "mii": (3, "eu"), "milioane": (6, "eu"), "milion": (6, "eu"), "miliarde": (9, "eu"), "miliard": (9, "eu"),
    # Serbian and Croatian, Latin and Cyrillic
    "hiljada": (3, "eu"), "hiljade": (3, "eu"), "hiljadu": (3, "eu"), "milijardu": (9, "eu"),
    "милијарду": (9, "eu"), "хиљаду": (3, "eu"), "tisuća": (3, "eu"), "tisuće": (3, "eu"), "miliona": (6, "eu"),
    "milijun": (6, "eu"), "milijuna": (6, "eu"), "milijardi": (9, "eu"), "milijarda": (9, "eu"),
    "milijarde": (9, "eu"), "хиљада": (3, "eu"), "хиљаде": (3, "eu"), "милијарде": (9, "eu"),
    "milioni": (6, "eu"), "milijuni": (6, "eu"), "tisuću": (3, "eu"), "милиона": (6, "eu"), "милијарди": (9, "eu"),
    # and their long-scale trillions, as Polish "bilion" and Finnish "biljoona" ("1,2 bilijuna kuna", "2 билиони денари")
    "bilijun": (12, "eu"), "bilijuna": (12, "eu"), "bilijuni": (12, "eu"), "билион": (12, "eu"), "билиона": (12, "eu"),
    "билиони": (12, "eu"),
    # Turkish (case endings are taken off: "milyara", "milyonluk")
    "bin": (3, "eu"), "milyon": (6, "eu"), "milyar": (9, "eu"), "trilyon": (12, "eu"),
    # Kazakh, Cyrillic and Latin (case endings taken off: "мыңнан", "теңгеге")
    "мың": (3, "eu"), "миллиард": (9, "eu"), "myń": (3, "eu"), "mln": (6, None), "mlrd": (9, "eu"),
    "mlrd.": (9, "eu"), "trln": (12, "eu"), "mıllıon": (6, "eu"), "mıllıard": (9, "eu"),  # the 2018 alphabet
    # "мың" as the other Latin spellings write it: "100 myng tenge", "31 mynnan astam" (2017 site transliteration,
    # ң as "ng" or "n"), "mıń" (2018), "myñ" (2021)
    "myng": (3, "eu"), "myn": (3, "eu"), "mıń": (3, "eu"), "myñ": (3, "eu"),
    # and in the Arabic script ("مىڭ", "ميلليون", "ميلليارد")
    "مىڭ": (3, "eu"), "ميلليون": (6, "eu"), "ميلليارد": (9, "eu"),
    # Macedonian in Latin letters, as old reports were transliterated ("5.768 iljadi denari")
    "iljadi": (3, "eu"), "iljada": (3, "eu"),
}
# Scale words of Turkish and Kazakh, which take case endings ("milyar" -> "milyara", "мың" -> "мыңға").
AGGLUTINATED_SCALES = {"bin", "milyon", "milyar", "trilyon", "мың", "миллион", "миллиард", "млрд", "трлн",
                       "трлн.", "млрд.", "myń", "mlrd", "trln", "mln", "mıllıon", "mıllıard", "مىڭ", "ميلليون",
                       "ميلليارد", "myng", "myn", "mıń", "myñ"}
# Endings of the case that says "from" (Finnish elative and ablative, Turkish and Kazakh ablative): a figure in
# it, then another, make a range ("50 miljoonasta 80 miljoonaan euroon").
FROM_CASE_ENDINGS = ("sta", "stä", "lta", "ltä", "dan", "den", "tan", "ten", "nan", "nen", "дан", "ден", "тан", "тен",
                     "нан", "нен")
# Scale words that state a number alone, without "one" before them, in the languages that write them so:
# "milion złotych", "miljardi euroa", "больше миллиарда рублей", "milijardu dinara" (word -> power of ten).
# English, German, French and Spanish write "a", "eine", "un" first, which the number words read.
LONE_SCALE_WORDS = {
    **dict.fromkeys("milion miliona миллион миллиона мільйон мільйона милион milion milijun miljoona miljoonan "
                    "milyon".split(), 6),
    **dict.fromkeys("miliard miliarda миллиард миллиарда мільярд мільярда милијарда милијарду milijarda milijardu "
                    "miljardi miljardin milyar".split(), 9),
    # a thousand alone before its currency: "за илјада денари", "hiljadu dinara", "tisuću kuna", "тысячу рублей",
    # "tysiąc złotych", "bin lira", "мың теңге", "tuhat euroa"
    **dict.fromkeys("илјада хиљаду hiljadu tisuću тысячу тысяча тисячу тисяча tysiąc bin мың tuhat".split(), 3),
    # and the Polish singular's other cases, which no plural shares: "do każdego tysiąca złotych" (every 1,000 PLN)
    **dict.fromkeys("tysiąca tysiącu tysiącem".split(), 3),
    "billón": 12,  # "el billón y medio de euros"
    "millón": 6,  # after an article that takes in "one": "se rondaba el millón" (FRENCH_LONE_SCALE_ARTICLES)
    # Spanish: "mil euros" (a thousand), "los mil millones" (a billion, a number even with no currency after it)
    "mil": 3, "mil millones": 9,
    "milliarde": 9,  # German, after a word between it and its "eine": "eine weitere Milliarde Euro"
    # French, after an article that takes in "one": "supérieures au million d’euros" (FRENCH_LONE_SCALE_ARTICLES)
    "million": 6, "milliard": 9,
}
FRENCH_LONE_SCALE_ARTICLES = frozenset(("au", "du", "le", "ce", "el", "al", "del"))  # "ce milliard d'euros": this one billion
# Turkish and Kazakh scale words after which the units follow without a word ("908 bin 518", "112 milyon 200 TL");
# not the Kazakh "миллион", which is Russian too.
TURKIC_SCALES = {"bin", "milyon", "milyar", "trilyon", "мың", "myń", "مىڭ", "myng", "myn", "mıń", "myñ"}
# Bare letters: scale words only glued to the number and, outside queries, only with a currency.
SCALE_LETTERS = {"k": 3, "m": 6, "b": 9, "md": 9, "mds": 9}
CJK_SCALES = {
    "千万": 7, "百万": 6, "万亿": 12, "千亿": 11, "百亿": 10, "十亿": 9, "亿": 8, "億": 8,
    # and as Japanese and traditional Chinese write them: "1千億円" is 100 billion yen, not a thousand
    "千萬": 7, "百萬": 6, "萬億": 12, "千億": 11, "百億": 10, "十億": 9,
    "万": 4, "萬": 4, "兆": 12, "千": 3,
    # Korean, written the same way: "3조5399억원", "21만5862명", "4조2천926억원"
    "조": 12, "억": 8, "만": 4, "천": 3, "천억": 11, "백억": 10, "십억": 9, "천만": 7, "백만": 6,
    # and its hundreds, inside a number written with digits: "7백60만원", "2천4백65건"
    "백": 2,
}

# Currency symbols, as written -> ISO 4217 code; "JPY?" marks the yen sign, which context decides.
CURRENCY_SYMBOLS = {
    "US$": "USD", "US $": "USD", "U.S.$": "USD", "U.S. $": "USD", "A$": "AUD", "AU$": "AUD",
    "C$": "CAD", "CA$": "CAD", "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "R$": "BRL", "MX$": "MXN",
    "NT$": "TWD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY?", "￥": "JPY?", "₽": "RUB", "₸": "KZT",
    "₴": "UAH", "₹": "INR", "₩": "KRW", "₺": "TRY", "₪": "ILS", "₼": "AZN", "₾": "GEL",
}
# "TL" is how Turkey writes its lira after an amount ("27 Milyon TL'lik"); CLDR gives only "₺".
SYMBOLS_AFTER = {**CURRENCY_SYMBOLS, "$US": "USD", "$ US": "USD", "zł": "PLN", "Kč": "CZK", "TL": "TRY", "DM": "DEM"}
# ISO codes are recognised in upper case only: "try", "all" and "cad" are words too.
CURRENCY_CODES = set(
    (
        "USD EUR GBP JPY CNY RUB KZT UAH MKD INR CHF CAD AUD HKD SGD NZD SEK NOK DKK PLN CZK HUF RON BGN RSD "
        "BYN GEL AMD AZN UZS KGS TJS TRY ILS BRL MXN ARS KRW TWD ZAR NGN EGP SAR AED QAR IRR PKR BDT IDR MYR "
        "THB VND PHP "
        # and the rest of ISO 4217's active codes, before or after an amount ("MVR 2.27 billion"); not "ALL",
        # "TOP" and "CUP", which headlines write as words
        "AFN AOA AWG BAM BBD BHD BIF BMD BND BOB BSD BTN BWP BZD CDF CLP COP CRC CVE DJF DOP DZD ERN ETB FJD "
        "FKP GHS GIP GMD GNF GTQ GYD HNL HTG ISK JMD JOD KES KHR KMF KPW KWD KYD LAK LBP LKR LRD LSL LYD MAD "
        "MDL MGA MMK MNT MRU MUR MVR MWK MZN NAD NIO NPR OMR PAB PEN PGK PYG RWF SBD SCR SDG SHP SLE SOS SRD "
        "SSP STN SVC SYP SZL TMT TND TTD TZS UGX UYU VES VUV WST XAF XCD XOF XPF YER ZMW ZWL "
        # and the codes of money out of use since 1990 that archives still quote (CLDR's legal tender ended
        # since then): Croatian parking tariffs in "HRK", pre-euro budgets in "DEM", "FIM", "ITL"
        "ATS AZM BEF BGL BYR CSD CUC CYP DEM EEK ESP FIM FRF GHC GRD HRK IEP ITL LTL LUF LVL MRO MTL MZM NLG "
        "PTE ROL RUR SDD SIT SKK SLL STD TMM TRL VEB VEF YUM ZMK"
    ).split()
)
# Everything that may stand before a number as its currency ("$5", "USD 5", "Rs 500", "人民币5000万元").
CURRENCIES_BEFORE = {
    **CURRENCY_SYMBOLS, **{code: code for code in CURRENCY_CODES},
    "Rs.": "INR", "Rs": "INR", "RMB": "CNY", "人民币": "CNY", "人民幣": "CNY",
    "SDR": "XDR",  # the IMF's special drawing rights: "a gross total of SDR 80 billion"
    "DM": "DEM",  # the Deutsche Mark before an amount, as German wrote it ("DM 7.000,00"); CLDR gives no symbol
    # Australian and New Zealand press style: the country after the sign ("$US1.1 billion", "$A500")
    "$US": "USD", "$A": "AUD", "$NZ": "NZD",
    # British newspaper archives without a pound sign: "will pass pounds 3.50", "pounds 10m"
    "pounds": "GBP",
    # The cedi: Ghana's press writes "¢" before an amount ("¢586.9 million"), where a cent sign never stands
    # (it follows its amount: "50¢")
    "¢": "GHS", "GH¢": "GHS", "GH₵": "GHS", "₵": "GHS",
}
# Currency names after a number, lower-cased -> code.
CURRENCY_NAMES = _table(
    {
        "USD": "dollars|dollar|us dollars|u.s. dollars|american dollars|us-dollar|us-dollars|u.s.-dollar|u.s.-dollars|"
        "dollars américains|dollars us|dólares|dólar|dólares estadounidenses|dollaria|dollarin|dollari|"
        "долари|долара|долар|долларов|доллара|доллар|доллары|долл.|доларів|долари сад|долларов сша|"
        "доллара сша|долл. сша|доларів сша|долари сша|дол.|дол. сша",  # Ukrainian "7 млн дол."
        # and a country's adjective after "dollars" in every language that puts it there, or before it
        "CAD": "canadian dollars|canadian dollar|dollars canadiens|dollar canadien|dólares canadienses|"
        "dolarów kanadyjskich|dolari canadieni|kanadskih dolara|канадских долларов|канадских доллара|"
        "канадських доларів|канадски долари|канадских долара",
        "AUD": "australian dollars|australian dollar|dollars australiens|dollar australien|dólares australianos|"
        "dolarów australijskich|dolari australieni|australskih dolara|австралийских долларов|"
        "австралийских доллара|австралійських доларів|австралиски долари|австралијских долара",
        "HKD": "hong kong dollars|hong kong dollar|dollars de hong kong|dólares de hong kong",
        "SGD": "singapore dollars|dollars de singapour|dólares de singapur",
        "NZD": "new zealand dollars|dollars néo-zélandais|dólares neozelandeses",
        "EUR": "euros|euro|euroa|euron|евра|евро|євро|evra|evro|eura|eurom|eurima|avro|еур",  # Macedonian "2.000,00 ЕУР"  # Croatian cases: "s 321 eurom"
        "GBP": "pounds sterling|pounds|pound|sterling|фунтов стерлингов|фунта стерлингов|фунтов|фунта|"
        "фунтів|фунти|британски фунти|pfund|livres sterling|libras esterlinas|libras|puntaa",
        "CNY": "yuan|yuans|yuanes|yuania|renminbi|юаней|юаня|юань|юанів|юані",
        "JPY": "yen|yens|yenes|jeniä|иен|иены|єн",
        "RUB": "rubles|roubles|ruble|rouble|rubel|rublos|ruplaa|рублей|рубля|рубль|рубли|рублів|рублі|"
        "руб.|руб|рублях|рублям|рублями",  # and the dative: "МРОТ равен 9489 рублям"  # and the locative of a caption: "(в рублях)"
        "KZT": "tenge|тенге|теңге|teńge|teŋge|تەڭگە|тг",  # and in the Arabic script of China's Kazakh press; "5 611 тг/м2"
        "UAH": "hryvnias|hryvnia|hryvnas|гривень|гривні|гривен|гривны|гривня|гривни|гривню|гривну|гривнею|гривной|грн.|грн|hrywnja|гривнях|гривнах",
        "MKD": "denars|denar|денари|денара|денар|denari",
    "BGN": "лева|лв.|лв",  # Bulgarian and Macedonian for the lev after a count ("1711 лева"); CLDR has "лев" alone
        "INR": "rupees|rupee|рупий|рупии|rupien",
        "CHF": "swiss francs|francs suisses|franken",
        "PLN": "zloty|zlotys|złotych|zł|złote|złoty",
        "RON": "lei|leu",
        "HRK": "kuna|kune|kunu|kunama",
        "RSD": "dinarima|динарима",  # the locative of a caption, "(u dinarima)", which no other dinar's text writes  # and its accusative: "s dosadašnjih 2441 kunu bruto"
    }
)
# Currency names that also weigh: "payloads of nearly 70 pounds" is a weight. Such a name makes money only with
# a scale word before it ("5 million pounds") or in a sentence that prices something (PRICING_WORDS).
WEIGHT_CURRENCY_NAMES = {
    "pounds", "pound", "pfund", "libras", "libra", "фунтов", "фунта", "фунтів", "фунти", "фунт", "puntaa",
    "punta", "funtów", "funty", "funt", "funta", "funti", "funte", "funtu", "ポンド", "파운드",
}
# Words just before a number that make what follows it a weight: "cocaine weighing 129.86 pounds".
WEIGHING_WORDS = (
    "weigh weighs weighed weighing payload payloads wiegt wiegen wog pèse pesant pesa pesan pesaba pesaban "
    "весит весом весили весу важить waży ważył ważące važi težak težine cântărește cântărea tartan ağırlığında"
).split()
# Words that price something, by their beginning (a word ending in "*" stands for every word it begins) or
# whole; Chinese, Japanese and Korean ones are found inside longer runs.
PRICING_WORDS = (
    "cost* price* priced paid pay pays paying worth sold sell* buy* bought fine fined fines spend* spent budget* "
    "salar* wage* loan* debt* fund fundi* funds invest* revenue* profit* tax tax* fee fees "
    "bill bills sterling* stg "
    "kost* preis* bezahl* zahlt* gezahlt* verkauf* kauf* gekauft* strafe* budget* gehalt* schulden steuer* "
    "coût* cout* prix payé* payer paie* vend* achet* amende* dette* impôt* salaire* "
    "precio* pagó pagar pagado pagada pagaron compr* multa* presupuesto* salario* deuda* impuesto* esterlina* "
    "стоим* цен* заплат* оплат* платил* платит* плате* платё* прода* купи* купл* штраф* бюджет* зарплат* долг* "
    "вартіст* коштува* "
    "стерлинг* стерлінг* чини* платен* "
    "koszt* cena cenę ceny cenie zapłac* płac* sprzeda* kupi* kupuj* grzywn* budżet* szterling* "
    "cijen* košta* platio* platil* platit* plać* prodaj* prodat* kazn* budžet* sterling* "
    "preț* prețul pretul plăt* vând* vand* cumpăr* amend* buget* "
    "fiyat* maliyet* öde* satın* satış* ceza* bütçe* sterlin* "
    "hinta* hinnan* hintaa* maksoi* maksaa* maksu* myi* myy* osti* ostaa* sakko* budjet* "
    "가격 비용 지불 벌금 예산 판매 구입 値段 価格 費用 支払 罰金 予算 販売 購入 价格 费用 支付 罚款 预算"
).split()
# Words for the points of a rate (after a number in a sentence that speaks of a rate or a percentage, they are
# percentage points: "aura perdu vingt points", "inférieur de 11 points à la cible"); not of an index ("the Dow
# lost 300 points").
POINT_WORDS = (
    "points point pts puntos punto punti punkte punkten punkt pkt pkt. пункта пунктов пункт пункты пункти "
    "пунктів пунктах пунктом пункту punktów punkty punkta punktu punktami puncte punct poena poen poene bod boda "
    "bodova pistettä "
    "piste puan puanlık тармаққа тармақ тармаққ"
).split()
# What makes a sentence speak of a rate or a share (stems, lower-cased; CJK ones inside longer runs), and of an
# index, whose points are no percentage points.
RATE_WORDS = (
    "rate* ratio taux tasa* quote quoten ставк* уров* коэффициент* частк* доля долю доли частка частку "
    "стопа* stopa stopy stopie stopą wskaźnik* odset* rata* nivel* oran* osuus* prosent* percent* procent* "
    "pourcentage* porcentaje* prozent* процент* відсот* posto* odsto* одсто* посто* yüzde* пайыз* "
    "темп* tempo* "  # the pace of a growth: "темпов роста прожиточного минимума", "tempo wzrostu"
    "率 율 률 割合"
).split()
INDEX_WORDS = (
    "index* indice* indeks* endeks* индекс* dow nasdaq dax cac ftse nikkei topix kospi kosdaq bist wig* bet crobex "
    "belex stoxx ibex mib smi atx moex kase hang sensex "
    "지수 指数 指數 score* scor* match* game* goal*"
).split()
# Names that Kazakh, Turkish and Finnish write with case endings ("teńgege", "teŋgenı", "avroya", "euroon",
# "dollarilla"); CLDR's are read so too.
INFLECTED_CURRENCY_NAMES = {"tenge", "тенге", "теңге", "teńge", "teŋge", "تەڭگە", "avro", "euro", "dollari"}
# Names whose spelling belongs to a continental language (decimal comma); Cyrillic names all do.
CONTINENTAL_NAMES = {
    "dólares", "dólar", "dólares estadounidenses", "dollaria", "dollarin", "dollari", "euroa", "euron",
    "pfund", "libras", "libras esterlinas", "puntaa", "yuanes", "yuania", "yenes", "jeniä", "rubel",
    "rublos", "ruplaa", "franken", "francs suisses", "dollars américains", "złotych", "zł", "złote", "złoty",
    "evra", "evro", "eura", "eurom", "eurima", "avro", "kuna", "kune", "lei", "leu", "teńge", "teŋge",
}
GERMAN_CURRENCY_SPELLINGS = {"Euro", "Dollar", "US-Dollar", "Franken", "Pfund", "Rubel"}
CJK_CURRENCIES = {
    "美元": "USD", "美金": "USD", "欧元": "EUR", "歐元": "EUR", "英镑": "GBP", "英鎊": "GBP", "日元": "JPY",
    "日圆": "JPY", "円": "JPY", "人民币": "CNY", "人民幣": "CNY", "元人民币": "CNY", "元人民幣": "CNY", "元": "CNY", "圆": "CNY", "港元": "HKD",
    "港币": "HKD", "韩元": "KRW", "卢布": "RUB", "盧布": "RUB", "新台币": "TWD", "坚戈": "KZT",
    "格里夫纳": "UAH", "卢比": "INR", "ドル": "USD", "ユーロ": "EUR", "ポンド": "GBP", "ルーブル": "RUB",
    # Korean: glued to the number or its scale like the others, particles after them ("억원으로")
    "원": "KRW", "달러": "USD", "유로": "EUR", "위안": "CNY", "루블": "RUB", "엔화": "JPY", "엔": "JPY",
    # Chinese sports pages shorten the euro to "欧" after a scale: "30亿欧", "千万欧" (not "欧洲", "欧盟")
    "欧": "EUR", "歐": "EUR",
}
# What follows "欧" when it is Europe, not the euro: "欧洲" (Europe), "欧盟" (the EU), "欧美", "欧州" and "欧米"
# (Japanese), "欧亚" (Eurasia), "欧陆", "欧式" (European style), "欧足联" (UEFA), "欧冠", "欧战"
CJK_EUROPE_AFTER_EU = "洲盟美亚亞州佩冠联聯锦錦元米陆陸式足战戰"

# Qualifiers before a figure, lower-cased -> approx.
QUALIFIERS = _table(
    {
        "about": "about|around|approximately|approx.|roughly|some|circa|ca.|c.|an estimated|estimated|"
        "около|примерно|приблизительно|порядка|близько|приблизно|орієнтовно|околу|околo|приближно|"
        "rund|etwa|ungefähr|circa|zirka|environ|quelque|autour de|approximativement|alrededor de|"
        "aproximadamente|unos|unas|noin|suunnilleen|arviolta|n.|"
        "około|ok.|oko|otprilike|približno|око|отприлике|aproximativ|în jur de|cca.|yaklaşık|tahminen|"
        "шамамен|shamamen|약",
        "over": "over|more than|above|at least|in excess of|upwards of|just over|exceeding|"
        "свыше|более|более чем|больше|больше чем|не менее|понад|більше|більш ніж|більше ніж|щонайменше|"
        "над|повеќе од|најмалку|mehr als|über|mindestens|gut|plus de|au moins|más de|al menos|"
        "por encima de|yli|vähintään|ainakin|runsaat|runsas|"
        "ponad|przeszło|co najmniej|więcej niż|preko|više od|najmanje|преко|више од|најмање|peste|"
        "mai mult de|cel puțin|en az|кем дегенде|최소",
        "under": "nearly|almost|less than|under|up to|fewer than|below|just under|close to|"
        "почти|менее|меньше|не более|майже|менше|менш ніж|речиси|скоро|помалку од|fast|knapp|beinahe|"
        "weniger als|bis zu|unter|presque|près de|moins de|jusqu'à|jusqu’à|casi|menos de|cerca de|lähes|"
        "melkein|prawie|niemal|niespełna|blisko|mniej niż|skoro|gotovo|blizu|manje od|готово|близу|мање од|"
        "aproape|mai puțin de|neredeyse|거의|최대",
    }
)
CJK_QUALIFIERS = {
    "约": "about", "約": "about", "约为": "about", "大约": "about", "大約": "about", "约合": "about",
    "超过": "over", "超過": "over", "逾": "over", "至少": "over", "超": "over",
    "近": "under", "将近": "under", "將近": "under", "接近": "under", "不到": "under", "不足": "under",
}
# Kazakh and Turkish write "about", "over" after the scale and before the currency: "3 миллиардқа жуық теңгесін"
# (about 3 billion tenge), "5 milyon civarında lira".
QUALIFIERS_BEFORE_CURRENCY = {"жуық": "under", "шамасында": "about", "астам": "over", "артық": "over",
                              "civarında": "about", "kadar": "about", "aşkın": "over", "fazla": "over"}
CJK_QUALIFIERS_AFTER = {
    "左右": "about", "前後": "about", "程度": "about", "以上": "over", "超": "over", "以下": "under",
    "未満": "under",
}

# Words after which a number is a reference, not a figure (lower-cased tokens).
REFERENCE_WORDS = set(
    (
        "article articles art. arts. section sections sec. § §§ paragraph paragraphs para. clause clauses "
        "chapter page pages p p. pp. no. nos. number # № n° nº n.º version ver. v. vol. item rule resolution "
        "annex isbn issn doi id table tables tableau tabla cuadro tabela табела таблица таблице таблиця "
        "статья статьи статье статью статей ст. пункт пункта пункте п. пп. часть части ч. глава главы "
        "страница странице стр. с. номер версия версии раздел раздела параграф "
        "стаття статті статтю статтею статей пункту частина частини розділ розділу сторінка сторінці версія "
        "член члена членот став ставот точка страна верзија "
        "artikel absatz abs. paragraf ziffer nr. nummer seite s. kapitel abschnitt band abbildung abb. tabelle "
        "рис. рисунок рисунке fig. figure grafik tablo şekil stavak stavka stavku stavkom čl. "
        "alinéa paragraphe chapitre numéro versión artículo artículos apartado párrafo capítulo página "
        "pág. núm. número inciso ley decreto puesto "
        "pykälä pykälän pykälässä momentti momentin kohta kohdan sivu sivulla luku luvun versio numero nro "
        "luvussa luvuissa luvuista luvut momentilla momentilta momenteilla "
        "пунктом пунктов пунктами частью статьей статьями пункті пунктом частиною статтями "
        "programme programmes einzelplan einzelplans titel stufe stufen "
        "art artykuł artykułu artykule artykułem ust. ust ustęp ustępu pkt pkt. punkt punktu lit. część części "
        "rozdział rozdziału załącznik załącznika załączniku poz. nr str. strona stronie "
        "articolul articolului alin. alineatul alineatului litera capitolul anexa anexei punctul pct. pagina "
        "član člana članu članak članka stav stava stavak stavka tačka tačke točka točke broj broja br. "
        "numer numeru numerem poglavlje poglavlja prilog priloga члан члана став става тачка тачке број броја бр. "
        "madde maddesi maddenin fıkra fıkrası bent bendi sayfa"
    ).split()
)

# The months of Kazakh, to which endings are glued ("12 тамыздағы", "6 қыркүйекте"): read as the words' beginnings.
KAZAKH_MONTHS = tuple("қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан "
                      "qańtar aqpan naýryz sáýir mamyr maýsym shilde tamyz qyrkúıek qazan qarasha jeltoqsan "
                      # the Latin alphabet of 2021 and the Arabic script of China's Kazakh press
                      "qantar nauryz säuır mausym şılde qyrküiek qaraşa "
                      # "қыркүйек" voices its last k before a vowel: "1 қыркүйегінен" (from 1 September)
                      "қыркүйег qyrkúıeg qyrküieg "
                      "قاڭتار اقپان ناۋرىز ساۋىر مامىر ماۋسىم شىلدە تامىز قىركۇيەك قازان قاراشا جەلتوقسان".split())
MONTHS = set(
    (
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec "
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря "
        "январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь "
        "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня "
        "јануари февруари март април мај јуни јули август септември октомври ноември декември "
        "januar jänner februar märz april mai juni juli august september oktober november dezember "
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
        "enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre "
        "tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta "
        "syyskuuta lokakuuta marraskuuta joulukuuta tammikuu helmikuu maaliskuu huhtikuu toukokuu kesäkuu "
        "heinäkuu elokuu syyskuu lokakuu marraskuu joulukuu "
        "ianuarie februarie martie aprilie iunie iulie septembrie octombrie noiembrie decembrie "
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia "
        "styczeń luty marzec kwiecień czerwiec lipiec sierpień wrzesień październik listopad grudzień "
        "januar februar mart april maj jun jul avgust septembar oktobar novembar decembar "
        "siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna studenoga prosinca "
        "јануар фебруар април јун јул август септембар октобар новембар децембар "
        "ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık "
        "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан "
        "січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень "
        # abbreviated: "9 сен 2025", "12 окт."
        "янв февр сент окт нояб дек сен ноя авг апр июн июл "
        "јан фев септ окт ное дек сеп авг апр јун јул "
        "січ лют бер квіт трав черв лип серп вер жовт лист груд"
    ).split()
)
# Words after a number that make it a rank: "9 місце" (the ninth place), "3 место".
# A rank, or the number of a session written with no ordinal mark: "9 місце", "на 81 седница" (a count would say
# "седници", the plural).
RANK_WORDS_AFTER = {"місце", "місці", "место", "месте", "mjesto", "mesto", "miejsce", "miejscu", "sırada",
                    "седница", "седницата",
                    # Kazakh school grades: "1-4 сынып оқушылары" (pupils of grades 1 to 4)
                    "сынып", "сыныптың",
                    # Kazakh anniversaries: "Жеңістің 80 жылдығына орай" (for the 80th anniversary of the Victory)
                    "жылдығы", "жылдығына", "жылдығын", "жылдығында", "жылдығынан", "жылдығымен"}
TIME_WORDS = {"uhr", "am", "pm", "a.m", "p.m", "o'clock", "o’clock", "h", "ч", "часот"}
TIME_WORDS_BEFORE = {"klo", "kello", "kl.", "saat", "godz.", "godzinie", "ora", "orele"}
# A number of hours up to 24 is a time of day after a word that places it ("oko 17 sati", "u 17 časova", "в 17
# часов", "о 17 годині", "à 17 heures", "vers 17 heures"), unless a word before that makes it a span ("u roku od
# 24 sata", within 24 hours).
HOUR_WORDS = {"sati", "sata", "časova", "časa", "sat", "часа", "часов", "часу", "часот", "годині", "годин",
              "години", "heures", "heure", "horas", "hora", "godzinie", "ore", "tuntia", "tunnin"}
AT_HOUR_WORDS = {"u", "oko", "do", "od", "posle", "poslije", "pre", "prije", "iza", "у", "око", "до", "од", "после",
                 "пред", "во", "в", "около", "о", "об", "к", "à", "vers", "avant", "après", "jusqu'à", "las",
                 "o", "około", "koło", "la", "în", "pe", "către"}
# "do 24 sata", "до 24 часов": up to a day, a span, unless an hour of a range comes before ("od 8 do 24 sata").
UP_TO_WORDS = {"do", "до", "jusqu'à", "jusqu’à"}
WITHIN_WORDS = {"roku", "року", "течение", "протяжении", "протягом", "rok", "durée", "espace", "plazo", "termen"}
# Time zones after a time written without a colon: "1453 GMT".
TIME_ZONES = {"gmt", "utc", "cet", "cest", "msk", "est", "edt", "pst", "pdt", "hkt", "jst", "bst"}
# Words after which digits are a phone or fax number.
PHONE_WORDS = {"tel", "tel.", "tél.", "phone", "telephone", "téléphone", "teléfono", "telefon", "telefono",
                "телефон", "тел.", "тел", "телефон:", "fax", "факс", "puh.", "puhelin", "電話", "电话",
                "fax.", "faks", "faks.", "факс.", "telefax", "tel./faks", "tel./fax", "тел./факс", "тел/факс",
                "telefonu", "telefonem", "telefonski", "тлф.", "mob.", "gsm"}
# Labels before a number that identifies, never counts: postal codes and the numbers of a register or a tax office
# ("Kod pocztowy: 62-710", "PLZ 80331", "ИНН 7707083893", "БИН 990540002276", "ЄДРПОУ 21560766", "NIP 527-10-08-101",
# "REGON 311019585", "OIB 12345678901", "PIB 100002532", "MB 07031254").
REGISTER_WORDS = {"pocztowy", "plz", "postleitzahl", "поштански", "poštanski", "ptt",
                  "инн", "инн:", "бин", "иин", "єдрпоу", "едрпоу", "окпо", "огрн", "кпп", "nip", "regon", "krs",
                  "pesel", "oib", "pib", "mb", "jmbg", "пиб", "ембс", "cui", "cif", "nif", "siret",
                  "siren", "ust-idnr.", "y-tunnus", "vkn", "tckn", "edb", "cpv", "id-номер", "дунс", "duns"}
# Finnish writes the reference after the number: "21 luvun 1 §".
# Turkish too: "5018 sayılı Kanun" (Law No. 5018), "3 numaralı".
# Words of a street after its number, as French writes it: "au 11 rue de l'Échelle", "6 avenue de l'Opéra" (other
# languages write the number after the name, which ``exclusions`` reads as a name's number; "500 street vendors").
STREET_WORDS = {"rue", "avenue", "av", "boulevard", "bd", "allée", "impasse", "quai", "chemin", "faubourg"}
REFERENCE_WORDS_AFTER = {"luku", "luvun", "luvussa", "pykälä", "pykälän", "pykälässä", "pykälästä", "pykälään",
                         "momentti", "momentin", "momentissa", "momentista", "momenttiin", "kohta", "kohdan",
                         "kohdassa", "kohdasta", "kohtaan", "sayılı", "numaralı", "nolu",
                         "нөмірі", "nómiri", "nomiri",  # Kazakh "424 nómiri boıynsha" (by the number 424)
                         "мекенжайы", "mekenjaıy", "mekenjaiy"}  # and "60 mekenjaıy" (the address 60)
# Prepositions that may stand between a qualifier and its number: "почти в 5 раз", "майже на 10%".
PREPOSITIONS_AFTER_QUALIFIER = {"в", "во", "на", "у", "до"}

# Words before a number of the 1800s that make it a year: "founded in 1887".
YEAR_PREPOSITIONS = set(
    "in since from until till by of year around circa в с до году года im seit von bis jahr en depuis "
    "année desde hasta año vuonna vuodesta vuoteen".split()
)
# The noun "year" after a number, in the cases a year takes: "в 1700 году", "1760. godine", "1895 yılında" (a year
# of any century, as its noun says).
YEAR_NOUNS_AFTER = set(
    "году года год годом році року рік godine godini godina године години година yılında yılı жылы jyly".split()
)
# Suffixes that make a number glued to them a designation, rank or ordinal, not a count: Japanese and
# Chinese "捜査2課", "1級建築士", "果树93(01)班", "3位", "40代" (the forties of an age); Korean "6급", "1심", "2차",
# "1위", "3번째", "5호", "3년차" (the third year), "42쪽" (a page).
DESIGNATION_SUFFIXES = ("型", "課", "级", "級", "班", "号", "號", "番", "位", "期", "次", "区", "区", "項", "쪽", "丁目", "代",
                        "급", "심", "차", "위", "번째", "호", "등", "년차",
                        "순위", "축 체계", "축체계")  # "1순위" (first in rank), "3축 체계" (the three-axis system)
# Korean date and time words after a number: "4일", "10월", "1963년", "13시"; "6개월", "3일간" are counts.
KOREAN_DATE_SUFFIXES = ("년", "월", "일", "시", "분", "초")
# Japanese eras, written before the year of the era: "平成26年10月"; and what a sentence of prison is measured with
# ("懲役1年6月" is a duration, not a date).
JAPANESE_ERAS = ("令和", "平成", "昭和", "大正", "明治")
# After 年, what makes a number of years a span, not the year of an era: "4年間", "10年ぶり", "3年前", "5年以上".
JAPANESE_DURATION_AFTER = ("間", "ぶり", "振り", "連続", "前", "後", "以上", "以内", "余", "近く", "超", "半", "目", "未満",
                           "足らず", "程度", "ほど", "越し", "がかり", "もの",  # "33年もの年月" (as many as 33 years)
                           "弱")  # "20年弱で約2倍となり" (in a little under 20 years)
# Korean prefixes glued to a number: "약500억" (about), "총5명" (in all), "연3%" (a year), "월100만원" (a month).
KOREAN_PREFIXES = ("약", "총", "각", "연", "월", "주", "일", "단", "무려", "최대", "최소", "불과", "고작", "평균", "모두", "또는", "및")
# and, before it, what makes it a span too: "過去10年で最も少なくなった" (the lowest in the past ten years)
JAPANESE_SENTENCE_WORDS = ("懲役", "禁錮", "禁固", "執行猶予", "過去", "直近", "この", "ここ")
KOREAN_DURATION_AFTER = ("간", "동안", "만에", "만", "째", "여간", "여", "연속")  # "14일 연속", fourteen days running
KOREAN_DURATION_BEFORE = ("징역", "집행유예", "금고", "자격정지")
# Korean "N대" after 제, or before these, is an ordinal: "제21대 대통령", "18대 총선".
KOREAN_ORDINAL_NOUNS = ("대통령", "대선", "총선", "국회", "정부", "의원", "대한민국",
                        # and the big N of a trade, a named list as "五大": "5대 손보사", "4대 시중은행", "10대 그룹"
                        "손보사", "생보사", "시중은행", "은행", "금융지주", "그룹", "건설사", "재벌")
# Korean counters glued to a number: "17만9천172명", "474곳", "14개" count people, places, things.
KOREAN_COUNTERS = ("명", "개", "곳", "건", "가구", "차례")  # "13차례", thirteen times
# Households counted beside won: "39%(973만 세대)", "130여 만호"; a space may part them from the number, and so
# a count of them is never money carried from the sentence's won.
KOREAN_HOUSEHOLD_COUNTERS = ("세대", "가구", "호")
# Chinese and Japanese counters: "2000人", "1200架" are counts, not years.
CJK_COUNTERS = set("人名架辆輛个個家台件次项項座吨噸条條只隻艘位户戶瓶箱盒袋篇份枚类類" "种種套館馆任" "宗批起" "部" "天本")  # "三种情形" (three
# kinds), "二套標準" (two sets), "九館" (nine museums); "三宗案值" (three cases), "两批" (two batches), "三起" (three
# incidents); Chinese days counted ("七天後", after seven days: dates write 日 or 号) and Japanese long things ("3本")
# After a qualifier, a bare 百, 千 or 万 before a counter is a round number: "超百瓶" (over a hundred bottles), "近千人".
CJK_ROUND_NUMBERS_AFTER = ("超", "近", "逾", "上", "过", "過", "破")
# Levels counted after the list of them: "中央、省、市、区四级" (four tiers); "三级医院" alone is a grade.
CJK_LEVEL_COUNTERS = ("级", "級", "层", "層")

# Words ending in "s" that are no plural noun, so that what precedes them counts nothing: "6,64 millones
# gracias a ...", "1,5 millions depuis ...", "3 millones además". Spanish, French, English and German.
NOT_COUNTED_WORDS = set(
    "gracias además después antes mientras entonces menos apenas través tras pues luego jamás quizás "
    "depuis dans sans sous alors lors puis tous toutes après plus moins mais très jamais parmi selon "
    "always perhaps whereas unless across towards afterwards besides thus plus minus less versus was has "
    "this its his hers ours theirs yours whereas"
    " bis etwas stets bereits nichts jedes alles".split()
)
# Military units and bases written with their number before the name, the number an ordinal without a dot:
# "12 Bazie Bezzałogowych Statków Powietrznych", "18 Dywizja Zmechanizowana", "16 Air Assault Brigade". A bare
# number before a capitalised name that ends in one of these (stems, lower-cased) within four words is a name.
UNIT_NAME_WORDS = (
    "baz brygad pułk dywizj batalion skrzydł eskadr flotyll korpus okręg szpital "
    "brigade regiment division battalion wing squadron fleet corps army "
    "bataillon escadron escadrille régiment "
    "brigad regimiento división batallón "
    "бригад полк дивизи батальон корпус армі арми "
    "bojn pukovni divizij bataljon brigád "
    "tugay alay tabur filo"
).split()
# Words after a number that make it a model's name: "737 Max", "787 Dreamliner", "the 777 program".
MODEL_WORDS = {"max", "dreamliner", "dreamliners", "pro", "plus", "ultra", "mini", "neo", "series", "program",
               "programme", "variant", "model", "jet", "airliner", "class", "family", "evo", "turbo", "lite"}
# Nouns that make a year-like integer or a bare "m"/"k" a count ("2000 people", "3m people"), and that no
# currency carried through a sentence reaches.
COUNTED_NOUNS = set(
    (
        "people persons residents citizens users customers subscribers viewers visitors voters workers "
        "employees jobs households homes children refugees soldiers troops migrants patients students "
        "tourists passengers deaths cases barrels tonnes tons vehicles drones units "
        "человек людей жителей граждан беженцев солдат военных пациентов осіб мешканців громадян "
        "луѓе лица жители граѓани "
        "menschen personen einwohner flüchtlinge soldaten "
        "personnes habitants réfugiés soldats personas habitantes refugiados soldados "
        "henkeä ihmistä asukasta pakolaista sotilasta "
        "adam адам kişi кісі osób osoby ludzi mieszkańców ljudi људи osoba stanovnika становника persoane oameni "
        "locuitori "
        # customers, users, passengers, employees, children, patients, pupils, voters, households, visitors: who
        # an amount of a scale counts after money ("5 mln zł, a 3 mln klientów"; not in -s, read as plurals; not
        # Turkish "hasta", Spanish "until")
        "klientów użytkowników pasażerów turystów pracowników dzieci pacjentów uczniów studentów wyborców "
        "gospodarstw odbiorców abonentów widzów "
        "građana gradjana korisnika putnika turista zaposlenih radnika djece dece pacijenata učenika studenata "
        "birača kućanstava domaćinstava posjetitelja posetilaca kupaca potrošača pretplatnika gledatelja "
        "грађана корисника путника туриста запослених радника деце пацијената ученика студената бирача "
        "домаћинстава посетилаца купаца потрошача "
        "корисници патници туристи вработени работници деца пациенти ученици студенти гласачи домаќинства "
        "посетители купувачи потрошувачи "
        "клиентов пользователей пассажиров туристов сотрудников работников детей пациентов учеников студентов "
        "избирателей домохозяйств посетителей покупателей абонентов зрителей "
        "клієнтів користувачів пасажирів туристів працівників дітей пацієнтів учнів студентів виборців "
        "домогосподарств відвідувачів покупців абонентів глядачів "
        "müşteri kullanıcı yolcu turist çalışan işçi çocuk öğrenci seçmen hane ziyaretçi abone izleyici "
        "clienți clienti utilizatori pasageri turiști turisti angajați angajati copii pacienți pacienti elevi "
        "studenți studenti alegători gospodării vizitatori abonați abonati "
        "asiakasta käyttäjää matkustajaa turistia työntekijää lasta potilasta opiskelijaa äänestäjää "
        "kotitaloutta kävijää "
        # measures, which no currency carried through a sentence reaches ("2 млн тонн")
        "тонн тонны тонна баррелей кубометров гектаров tonnen tonnes toneladas tonnia tona tone ton "
        # data, messages and minutes of a mobile tariff, measured after a name's capitals too ("Cepten Internet 1 GB",
        # "Her Yöne SMS 1000 SMS", "Görüşme Süresi 600 DK"): no name, and no currency reaches them
        "gb mb tb sms dk "
        # years of age, counted in Kazakh and Turkish ("бір мен алты жас аралығындағы", "bir ile altı yaş")
        "жас jas yaş "
        # pieces, the counter of goods in every language ("26 илјади парчиња стока")
        "pieces pièces piezas stück stücke sztuk komada парчиња комада штук штуки kappaletta adet "
        "bucăți bucati "
        # packs and boxes, the counters of goods seized or sold ("56 bin 400 paket bandrolsüz sigara")
        "paket kutu packs packets boxes cartons paquetes cajas paquets boîtes packungen schachteln kutija kutije "
        "paketa пачек упаковок коробок pachete cutii opakowań paczek "
        # Kazakh litres and tonnes in their cases: "81 теңгеден 1 литріне 78 теңгеге дейін" (per litre)
        "литр литрі литріне литрге литрден литрін литрінің тонна тоннаға тоннадан тоннасы"
    ).split()
)

# Function words that tell the language of the text around a number.
LANGUAGE_MARKERS = _table(
    {
        "en": "the|and|of|to|was|were|is|are|said|for|with|from|that|by|has|have|which|its|this|will|"
        "been|their|than|over|about|more|after|last|year|would|could",
        "de": "der|die|das|und|ist|mit|für|von|den|dem|des|nicht|sich|auf|eine|einer|wurde|wurden|im|bei|"
        "nach|sind|hat|auch|rund|etwa|mehr|als|um|zum|zur|über|ihren|ihre|ihr|sein|seine|werden|wird|"
        "haben|aus|vor|noch|bis|knapp|fast|jahr|jahren",
        "fr": "le|les|des|et|est|pour|dans|une|du|au|aux|sur|par|qui|selon|ont|été|avec|ce|cette|"
        "environ|près",
        "es": "el|los|las|del|y|para|con|una|por|que|según|fue|han|más|como|su|sus|al|es|casi|unos|unas",
        "fi": "ja|oli|että|ovat|mukaan|vuonna|noin|yli|lähes|kanssa|myös|ei|kuin|hän|sekä|mutta|jo|tai|joka|jotka|"
        "jossa|tämä|tämän|yhteensä|kun|vain|vähintään|enintään|mennessä|jälkeen",
        # none that a fragment of English can be: "U.S." gives "u", "I've" gives "ve", "Wi-Fi" gives "fi"
        "pl": "się|nie|że|jest|przez|dla|oraz|jak|które|który|która|były|było|został|została|także|już|"
        "według|czyli|wobec|roku|tym|jego|w|z|ze",
        "ro": "și|şi|în|pe|cu|din|sunt|pentru|fost|prin|sau|după|dupa|între|intre|acest|această|aceasta|"
        "anul|astăzi|astazi|"
        # and what text written without diacritics keeps ("pe anii 2019-2020 ... dar si la Oradea sau Brasov")
        "anii|iar|doar|daca|dacă|unui|unei|cele|fiind|catre|către|insa|însă|acestea|aceste",
        "sr": "je|su|kao|koji|koja|koje|što|ili|će|biti|nakon|prema|godine|odnosno|još|kako|smo|iz|"
        "samo|gotovo|ovoj|ovom|godini|više|između|tokom|tijekom|zbog|"
        "cijena|cijene|cijenu|djeca|djece|djecu|besplatno|godina|"  # price lists: "Cijena: 100,00 kn za odrasle"
        "је|су|који|која|које|као|или|ће|бити|након|према|године|још|како|смо|из",
        "tr": "bir|bu|ile|için|olarak|olan|çok|daha|ise|gibi|kadar|sonra|yüzde|göre|ancak|veya|olduğu|"
        "edildi|oldu|yılında|ilk",
        "kk": "jáne|bul|úshin|boıynsha|boiynşa|jyly|onyń|ishinde|sonymen|және|бұл|үшін|жылы|бойынша|деп|"
        "болып|оның",
        "mk": "е|во|со|кој|што|ги|ќе|беше|година|години",
        "ru": "что|это|как|был|была|было|были|который|которые|также|года|при",
        "uk": "що|це|як|був|була|було|були|який|які|також|року|та|від",
        # shared by several continental languages: they tell the convention, not the language
        "eu": "la|de|en|un|se|il|da|di|het|een|och|og",
    }
)
# Letters that only some of our languages write, as evidence beside the function words.
LANGUAGE_LETTERS = {"pl": "ąęłśźż", "ro": "ăâîșțţ", "tr": "ğışİ", "sr": "čđšž"}  # and Turkish "İ"
# Letters that a paragraph of these languages hardly ever lacks: without them around, "on" is not ten.
EXPECTED_LETTERS = {"tr": "çğıöşü", "kk": "әғқңөұүһіáóúýńǵıŋşüەۇۋىڭ"}
# Cyrillic letters that only one of our Cyrillic languages writes, looked for in this order.
CYRILLIC_LETTERS = {"kk": "әғқңөұүһ", "sr": "ђћ", "mk": "ѓќѕ", "uk": "іїєґ"}
# Letters that Serbian and Macedonian share and Russian lacks; the function words tell those two apart.
SOUTH_SLAVIC_LETTERS = "јљњџ"

# English number words and the scales they combine with ("two hundred and five", "half a million").
NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
WORD_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _numbers(groups: dict[int, str]) -> dict[str, int]:
    """Return {form: value} from {value: "form form ..."}."""
    return {form: value for value, forms in groups.items() for form in forms.split()}


# Kazakh number words in the Arabic script of China's Kazakh press (a hamza before a word marks its front vowels);
# not "ون" (ten), too short to tell from other words of that script.
_ARABIC_KAZAKH_NUMBERS = {
    1: "ءبىر", 2: "ەكى", 3: "ءۇش", 4: "ءتورت", 5: "بەس", 6: "التى", 7: "جەتى", 8: "سەگىز", 9: "توعىز",
    20: "جيىرما", 30: "وتىز", 40: "قىرىق", 50: "ەلۋ", 60: "الپىس", 70: "جەتپىس", 80: "سەكسەن", 90: "توقسان",
    100: "ءجۇز",
}


# Number words of the languages no library reads (text2num reads German, French and Spanish, number-parser
# Russian and Ukrainian): every form written, with its case forms. The reader composes them as hundreds,
# tens and units ("dvadeset i pet", "iki yüz elli", "он бес"); a word for 100 after a unit multiplies it
# ("două sute", "iki yüz", "екі жүз"). Scale words ("milijuna", "milyar") are read after the number, as
# after digits. Korean writes native numbers before a counter ("두 차례") and the scale words of
# Sino-Korean numbers alone before a currency ("천억 원").
NUMBER_WORD_TABLES: dict[str, dict[str, int]] = {
    # with the collective numerals ("dwoje", "pięcioro")
    "pl": _numbers({
        1: "jeden jedna jedno jednego jednej jednemu jednym jedną", 2: "dwa dwie dwóch dwóm dwoma dwaj dwu dwoje",
        3: "trzy trzech trzem trzema trzej troje", 4: "cztery czterech czterem czterema czterej czworo",
        5: "pięć pięciu pięcioma pięcioro", 6: "sześć sześciu sześcioma sześcioro",
        7: "siedem siedmiu siedmioma siedmioro",
        8: "osiem ośmiu ośmioma ośmioro", 9: "dziewięć dziewięciu dziewięcioma dziewięcioro",
        10: "dziesięć dziesięciu dziesięcioma dziesięcioro",
        11: "jedenaście jedenastu", 12: "dwanaście dwunastu", 13: "trzynaście trzynastu",
        14: "czternaście czternastu", 15: "piętnaście piętnastu", 16: "szesnaście szesnastu",
        17: "siedemnaście siedemnastu", 18: "osiemnaście osiemnastu", 19: "dziewiętnaście dziewiętnastu",
        20: "dwadzieścia dwudziestu", 30: "trzydzieści trzydziestu", 40: "czterdzieści czterdziestu",
        50: "pięćdziesiąt pięćdziesięciu", 60: "sześćdziesiąt sześćdziesięciu",
        70: "siedemdziesiąt siedemdziesięciu", 80: "osiemdziesiąt osiemdziesięciu",
        90: "dziewięćdziesiąt dziewięćdziesięciu", 100: "sto stu", 200: "dwieście dwustu",
        300: "trzysta trzystu", 400: "czterysta czterystu", 500: "pięćset pięciuset", 600: "sześćset sześciuset",
        700: "siedemset siedmiuset", 800: "osiemset ośmiuset", 900: "dziewięćset dziewięciuset",
    }),
    # "noua" without its breve is "new": only the written "nouă" counts; "doua" is two in text written without
    # diacritics ("a finalizat doar doua rechizitorii"), but "a doua" is the second (number_words reads it so);
    # "o mie" is a thousand, "două mii" two thousand
    "ro": _numbers({
        1: "unu un una o", 2: "două doua doi", 3: "trei", 4: "patru", 5: "cinci", 6: "șase şase", 7: "șapte şapte",
        8: "opt", 9: "nouă", 10: "zece", 11: "unsprezece", 12: "doisprezece douăsprezece", 13: "treisprezece",
        14: "paisprezece", 15: "cincisprezece", 16: "șaisprezece şaisprezece", 17: "șaptesprezece şaptesprezece",
        18: "optsprezece", 19: "nouăsprezece", 20: "douăzeci", 30: "treizeci", 40: "patruzeci",
        50: "cincizeci", 60: "șaizeci şaizeci", 70: "șaptezeci şaptezeci", 80: "optzeci", 90: "nouăzeci",
        100: "sută sute", 1000: "mie mii",
    }),
    # Serbian and Croatian, Latin and Cyrillic, ekavian and ijekavian
    "sr": _numbers({
        1: "jedan jedna jedno jednog jedne jednom jednu један једна једно једног једне",
        2: "dva dve dvije dvi dvoje dvojica dvaju dvama dvema два две двоје двојица",  # ikavian "dvi kile"
        3: "tri troje trojica triju trima три троје тројица",
        # collective numerals, Serbian "-oro" and Croatian "-ero": "njih petero", "četvero ravnatelja"
        4: "četiri četvoro četvero četvorica четири четворо", 5: "pet petoro petero petorica пет петоро",
        6: "šest šestoro šestero шест шесторо", 7: "sedam sedmoro sedmero седам седморо",
        8: "osam osmoro osmero осам осморо", 9: "devet devetoro devetero девет деветоро",
        10: "deset desetoro desetero десет десеторо", 11: "jedanaest једанаест", 12: "dvanaest дванаест",
        13: "trinaest тринаест", 14: "četrnaest четрнаест", 15: "petnaest петнаест", 16: "šesnaest шеснаест",
        17: "sedamnaest седамнаест", 18: "osamnaest осамнаест", 19: "devetnaest деветнаест",
        20: "dvadeset двадесет", 30: "trideset тридесет", 40: "četrdeset четрдесет", 50: "pedeset педесет",
        60: "šezdeset шездесет", 70: "sedamdeset седамдесет", 80: "osamdeset осамдесет",
        90: "devedeset деведесет", 100: "sto stotinu сто стотину", 200: "dvesta dvjesta dvjesto двеста",
        300: "trista триста", 400: "četiristo четиристо", 500: "petsto петсто", 600: "šeststo шестсто",
        700: "sedamsto седамсто", 800: "osamsto осамсто", 900: "devetsto деветсто",
    }) | _numbers({  # and the hundreds as Bosnian (and older Serbian) writes them: "petstotina dvadeset maraka"
        200: "dvjestotine dvijestotine dvestotine двестотине", 300: "tristotine тристотине",
        400: "četiristotine четиристотине", 500: "petstotina петстотина", 600: "šeststotina шестстотина",
        700: "sedamstotina седамстотина", 800: "osamstotina осамстотина", 900: "devetstotina деветстотина",
    }) | _numbers({  # and the collective nouns of men in their cases: "USKOK osmoricu optuženika", "njih osmorice"
        value: " ".join(stem + ending for ending in ("a", "u", "e", "i", "om")) for value, stem in (
            (2, "dvojic"), (3, "trojic"), (4, "četvoric"), (5, "petoric"), (6, "šestoric"), (7, "sedmoric"),
            (8, "osmoric"), (9, "devetoric"), (10, "desetoric"))}),
    "mk": _numbers({
        # with the article: "пристигнаа двата воени хеликоптери" (the two helicopters)
        1: "еден една едно", 2: "два две двајца двата двете", 3: "три тројца трите", 4: "четири четворица четирите",
        5: "пет петмина петте",
        6: "шест шестмина", 7: "седум", 8: "осум", 9: "девет", 10: "десет", 11: "единаесет", 12: "дванаесет",
        13: "тринаесет", 14: "четиринаесет", 15: "петнаесет", 16: "шеснаесет", 17: "седумнаесет",
        18: "осумнаесет", 19: "деветнаесет", 20: "дваесет", 30: "триесет", 40: "четириесет", 50: "педесет",
        60: "шеесет", 70: "седумдесет", 80: "осумдесет", 90: "деведесет", 100: "сто", 200: "двесте",
        300: "триста", 400: "четиристотини", 500: "петстотини", 600: "шестотини", 700: "седумстотини",
        800: "осумстотини", 900: "деветстотини",
    }),
    # Kazakh, Cyrillic and Latin (2018)
    # with the collective numerals ("екеуі", the two of them)
    "kk": _numbers({
        1: "бір bir", 2: "екі eki екеу екеуі екеуін", 3: "үш úsh үшеу үшеуі үшеуін", 4: "төрт tórt төртеу төртеуі",
        5: "бес bes бесеу бесеуі", 6: "алты alty алтау алтауы", 7: "жеті jeti жетеу жетеуі",
        8: "сегіз segiz", 9: "тоғыз toǵyz", 10: "он on", 20: "жиырма jıyrma", 30: "отыз otyz",
        40: "қырық qyryq", 50: "елу elý", 60: "алпыс alpys", 70: "жетпіс jetpis", 80: "сексен seksen",
        90: "тоқсан toqsan", 100: "жүз júz",
    }) | _numbers(_ARABIC_KAZAKH_NUMBERS),
    # with the possessive forms that count members of a group ("üçü büyükşehir olmak üzere", three of them)
    "tr": _numbers({
        1: "bir", 2: "iki ikisi ikisini ikisinde ikiye", 3: "üç üçü üçünü üçünde üçe", 4: "dört dördü dördünü dörde",
        5: "beş beşi beşini beşe", 6: "altı altısı altıya", 7: "yedi yedisi yediye", 8: "sekiz sekizi sekize",
        9: "dokuz dokuzu dokuza", 10: "on",
        20: "yirmi", 30: "otuz", 40: "kırk", 50: "elli", 60: "altmış", 70: "yetmiş", 80: "seksen", 90: "doksan",
        100: "yüz",
    }),
    "fi": _numbers({
        # with their case forms: "Dronet sisältyivät viiteen tapaukseen", "kymmeneen tuomioon"; zero too: "nollan
        # euron budjetilla" (a budget of zero euros)
        0: "nolla nollan", 1: "yksi yhden", 2: "kaksi kahden kahta kahdella kahdessa kahdesta kahteen",
        3: "kolme kolmen kolmea kolmella kolmessa kolmesta kolmeen", 4: "neljä neljän neljää neljällä neljässä "
        "neljästä neljään", 5: "viisi viiden viittä viidellä viidessä viidestä viiteen",
        6: "kuusi kuuden kuutta kuudella kuudessa kuudesta kuuteen", 7: "seitsemän seitsemää seitsemällä",
        8: "kahdeksan kahdeksaa kahdeksalla", 9: "yhdeksän yhdeksää yhdeksällä",
        10: "kymmenen kymmentä kymmenellä kymmenessä kymmenestä kymmeneen", 11: "yksitoista", 12: "kaksitoista",
        13: "kolmetoista", 14: "neljätoista", 15: "viisitoista", 16: "kuusitoista", 17: "seitsemäntoista",
        18: "kahdeksantoista", 19: "yhdeksäntoista",
        # the tens, and their elative ("yli kolmestakymmenestä viennistä", of over thirty exports)
        20: "kaksikymmentä kahdestakymmenestä", 30: "kolmekymmentä kolmestakymmenestä",
        40: "neljäkymmentä neljästäkymmenestä", 50: "viisikymmentä viidestäkymmenestä",
        60: "kuusikymmentä", 70: "seitsemänkymmentä", 80: "kahdeksankymmentä", 90: "yhdeksänkymmentä",
        100: "sata sadan sataa sadalla sadassa sadasta sataan", 200: "kaksisataa", 300: "kolmesataa", 400: "neljäsataa", 500: "viisisataa",
        600: "kuusisataa", 700: "seitsemänsataa", 800: "kahdeksansataa", 900: "yhdeksänsataa",
        # thousands written as one word: "yli kymmenentuhatta kartonkia" (over ten thousand cartons)
        2000: "kaksituhatta", 3000: "kolmetuhatta", 4000: "neljätuhatta", 5000: "viisituhatta",
        6000: "kuusituhatta", 7000: "seitsemäntuhatta", 8000: "kahdeksantuhatta", 9000: "yhdeksäntuhatta",
        10000: "kymmenentuhatta",
    }),
    "ko": _numbers({
        2: "두 둘", 3: "세 셋", 4: "네 넷", 5: "다섯", 6: "여섯", 7: "일곱", 8: "여덟", 9: "아홉", 10: "열", 20: "스무 스물",
        30: "서른", 40: "마흔", 50: "쉰", 10**6: "백만", 10**7: "천만", 10**8: "억", 10**9: "십억", 10**10: "백억",
        10**11: "천억",
    }),
}


def _kazakh_case_forms(words: dict[str, int]) -> dict[str, int]:
    """Return the ablative ("from": "елуден", "алпыстан", "оннан") and dative ("to": "екіге", "онға") of the
    Kazakh number words in Cyrillic, by the language's vowel harmony and the sound the word ends with."""
    forms = {}
    for word, value in words.items():
        if not "\u0400" <= word[0] <= "\u04ff" or word.endswith(("еу", "ау", "еуі", "ауы", "еуін")):
            continue  # the Latin spellings and the collective numerals ("екеу") keep their own forms
        vowels = [letter for letter in word if letter in "аәеоөұүыі"]
        front = bool(vowels) and vowels[-1] in "әеөүі"
        last = word[-1]
        if last in "мнң":
            ablative, dative = "нен" if front else "нан", "ге" if front else "ға"
        elif last in "пткқсшфхцчщбвгд":
            ablative, dative = "тен" if front else "тан", "ке" if front else "қа"
        else:
            ablative, dative = "ден" if front else "дан", "ге" if front else "ға"
        forms[word + ablative] = forms[word + dative] = value
    return forms


# Kazakh number words with a case ending ("елуден үш мың", from fifty to three thousand): each ends its number
KAZAKH_CASE_FORMS = _kazakh_case_forms(NUMBER_WORD_TABLES["kk"])
NUMBER_WORD_TABLES["kk"].update(KAZAKH_CASE_FORMS)


def _finnish_case_forms() -> dict[str, int]:
    """Return the Finnish number words in the cases built on their stem, by vowel harmony: "neljälle vuodelle"
    (for four years), "kolmella", "kahdeksasta", "yhdessä"; and the illatives the table lacks ("yhteen")."""
    stems = {1: "yhde", 2: "kahde", 3: "kolme", 4: "neljä", 5: "viide", 6: "kuude", 7: "seitsemä", 8: "kahdeksa",
             9: "yhdeksä", 10: "kymmene"}
    forms = {"yhteen": 1, "seitsemään": 7, "kahdeksaan": 8, "yhdeksään": 9}
    for value, stem in stems.items():
        vowel = "a" if any(back in stem for back in "aou") else "ä"
        for ending in ("n", "ss", "st", "ll", "lt", "lle", "ksi"):
            form = stem + ending + (vowel if ending in ("ss", "st", "ll", "lt") else "")
            forms.setdefault(form, value)
        forms.setdefault(stem + "n" + vowel, value)  # the essive: "kolmena vuonna"
    return forms


for _form, _value in _finnish_case_forms().items():
    NUMBER_WORD_TABLES["fi"].setdefault(_form, _value)
# Romanian hundreds and thousands are nouns a number counts ("o sută", "două mii"); alone they are vague ("a sute
# de dosare", hundreds of cases; "mii de oameni") or no number at all ("mie", to me).
COUNTED_SCALE_NOUNS = {"sută", "sute", "mie", "mii"}
# Collective numerals of Russian and Ukrainian, which number-parser does not read ("пятеро", "четверо
# обвиняемых"): the number of people or things in a group; and the Ukrainian genitive and dative of five to ten,
# which it does not read either ("шістьом особам").
COLLECTIVE_NUMERALS: dict[str, dict[str, int]] = {
    "ru": _numbers({2: "двое двоих", 3: "трое троих", 4: "четверо четверых", 5: "пятеро пятерых",
                    6: "шестеро шестерых", 7: "семеро семерых", 8: "восьмеро восьмерых", 9: "девятеро", 10: "десятеро"}),
    "uk": _numbers({4: "четверо", 5: "пʼятеро пʼятьох пʼятьом", 6: "шестеро шістьох шістьом", 7: "семеро сімох сімом",
                    8: "восьмеро вісьмох вісьмом", 9: "девʼятеро девʼятьох девʼятьом",
                    10: "десятеро десятьох десятьом"}),
}
# Words that are numbers only beside a scale, currency, percent or multiple, as every word for one is (an
# article too: "ein", "une", "один"): "yüz" is a face too, "nouă" new, "sataa" it rains; Korean scale words.
# Halves, and one and a half: "полтора миллиона рублей" (1.5 million), "pół miliona", "yarım milyon", "eineinhalb
# Milliarden" (without them a lone scale word would read "полтора миллиона" as one million). A half is a number
# only with a scale after it ("pół godziny" is half an hour); one and a half is one anywhere ("Полтора года").
HALF_NUMBER_WORDS: dict[str, dict[str, Decimal]] = {
    language: {word: Decimal(value) for value, words in groups.items() for word in words.split()}
    for language, groups in {
        "ru": {"1.5": "полтора полторы полутора", "0.5": "пол"},
        "uk": {"1.5": "півтора півтори", "0.5": "пів"},
        "pl": {"1.5": "półtora półtorej", "0.5": "pół"},
        "sr": {"0.5": "pola"},
        "tr": {"0.5": "yarım"},
        "kk": {"0.5": "жарты"},
        "de": {"1.5": "eineinhalb anderthalb"},
        "fi": {"1.5": "puolitoista"},
        "es": {"0.5": "medio media"},  # "medio millón", "medio centenar"
    }.items()
}
# Words that say a multiple with no number before them: "fourfold" (German writes "dreifache" with a number word,
# read with its suffix). Verbs are left out ("tripled", "a triplé", "triplicándose"): the labelled sets disagree
# on them (bench/RESULTS.md, "Sixth round"), and a figure should not be read on a guess.
MULTIPLYING_WORDS: dict[int, str] = {
    2: "twofold", 3: "threefold", 4: "fourfold", 5: "fivefold", 6: "sixfold", 7: "sevenfold", 8: "eightfold",
    9: "ninefold", 10: "tenfold", 100: "hundredfold",
}
# Halves glued to or written before a scale word of a million or more: "полумиллиарда рублей", "полмиллиона",
# "пів мільярда", "un demi-milliard d'euros", "medio millón", "puoli miljardia", "eine halbe Million", "pola
# miliona", "o jumătate de milion de lei" (half of it; "pół miliona" and "yarım milyon" are read as number words
# too).
HALVES_BEFORE_SCALE = ("полу", "пол", "пол-", "пів", "пів-", "пів ", "demi-", "half-", "medio ", "puoli ", "halbe ", "halben ",
                       "pola ", "pół ", "yarım ", "жарты ", "jumătate de ", "половина ", "polovina ")
# Nouns of a round number, read as about that number: "une cinquantaine de drones", "un centenar de contratos",
# "около сотни человек" (plurals are vague: "des dizaines", "десятки"); "quarantaine" and "cuarentena" are
# also quarantines, so they are read only before a scale (QUARANTINE_WORDS).
APPROXIMATE_NUMBER_WORDS: dict[str, dict[str, int]] = {
    "fr": _numbers({10: "dizaine", 12: "douzaine", 15: "quinzaine", 20: "vingtaine", 30: "trentaine",
                    40: "quarantaine", 50: "cinquantaine", 60: "soixantaine", 100: "centaine", 1000: "millier"}),
    "es": _numbers({10: "decena", 12: "docena", 20: "veintena", 30: "treintena", 40: "cuarentena", 100: "centenar",
                    1000: "millar"}),
    # Croatian and Serbian "-ak": "desetak miliona evra" (some ten million), "dvadesetak ljudi"
    "hr": _numbers({10: "desetak", 20: "dvadesetak", 30: "tridesetak", 40: "četrdesetak", 50: "pedesetak",
                    100: "stotinjak"}),
    "sr": _numbers({10: "desetak десетак", 20: "dvadesetak двадесетак", 30: "tridesetak тридесетак",
                    40: "četrdesetak четрдесетак", 50: "pedesetak педесетак", 100: "stotinjak стотињак"}),
    "ru": _numbers({10: "десяток десятка", 100: "сотня сотню"}),
    "uk": _numbers({10: "десяток десятка", 100: "сотня сотню"}),
    # "ein Dutzend Fälle", "bir düzine", Finnish "pari-" (a couple of): "parikymmentä rikosilmoitusta" (some twenty)
    "de": _numbers({12: "dutzend"}),
    "tr": _numbers({12: "düzine"}),
    "fi": _numbers({20: "parikymmentä parinkymmenen", 200: "parisataa parinsadan", 2000: "parituhatta parintuhannen"}),
}
# Approximate numbers that are quarantines too, numbers only before "de" and a scale: "une quarantaine de millions
# d'euros" (some 40 million EUR); "une quarantaine de jours" is a quarantine.
QUARANTINE_WORDS = frozenset({"quarantaine", "cuarentena"})
# Turkish datives too, numbers before "katladı" (multiplied by): "bu rakamı sekize katladı".
BOUND_NUMBER_WORDS = {"yüz", "nouă", "sata", "sataa", "sadan", "ikiye", "üçe", "dörde", "beşe", "altıya", "yediye",
                      "sekize", "dokuza", "백만", "천만", "억", "십억", "백억", "천억",
                      # a half is a number only before a scale ("pół godziny" is half an hour); one and a half
                      # is one anywhere ("Полтора года назад")
                      *(word for words in HALF_NUMBER_WORDS.values() for word, value in words.items() if value < 1)}
# Words for "several", "a few" before a scale word: "mehrere Tausend Euro", "several thousand", "plusieurs
# millions", "varios miles", "несколько тысяч", "kilka tysięcy", "birkaç bin", "useita tuhansia" say no amount.
VAGUE_QUANTIFIERS = set(
    "mehrere mehreren einige einigen etliche etlichen several some few plusieurs quelques varios varias unos unas "
    "algunos algunas несколько нескольких кілька кількох декілька декількох неколку nekoliko nekolika kilka kilku "
    "kilkanaście kilkaset birkaç useita muutama muutaman muutamia câteva câțiva câţiva multe бірнеше".split())
# Plural nouns of a round number, how many not said: "na stotine miliona dinara" (hundreds of millions), "десятки
# миллионов", "dziesiątki milionów", "kymmeniä miljoonia": the scale word after them states no number.
VAGUE_MULTITUDES = set(
    "stotine stotinama desetine desetinama hiljade hiljada tisuće tisuća стотине десетине илјадници стотици "
    "десетици сотни сотен десятки десятков сотні сотень десятків setki setek dziesiątki dziesiątek kymmeniä "
    "kymmenet satoja sadat yüzlerce onlarca binlerce milyonlarca sute zeci onlarça ондаған жүздеген "
    "hundreds tens dozens thousands dizaines centaines milliers decenas centenares cientos miles "
    "hunderte dutzende tausende zehntausende".split())
# Words for one that text2num does not read alone ("eine Million"): read as 1 without it.
ONE_WORDS = {"ein", "eins", "eine", "einer", "einem", "einen", "un", "une", "uno", "una"}
# The forms that German (read by text2num) builds its number words of: "dreiundzwanzig", "zweihundert".
GERMAN_NUMBER_FIRST = ("zwei drei vier fünf sechs sech sieben sieb acht neun zehn elf zwölf zwanzig dreißig "
                       "vierzig fünfzig sechzig siebzig achtzig neunzig hundert tausend ein eins eine einer zweier "
                       "dreier einem einen").split()  # "von einem auf drei Euro": a range's end
# "einhalb" ends a number and a half: "viereinhalb Tonnen" (4.5), "zweieinhalb Millionen".
GERMAN_NUMBER_PARTS = (*GERMAN_NUMBER_FIRST, "und", "zig", "einhalb")
# The declined forms of one, two and three ("von einer Million Euro", "die Verträge zweier Firmen"), as text2num
# reads them.
GERMAN_DECLINED = {"einer": "eine", "einem": "eine", "einen": "eine", "zweier": "zwei", "dreier": "drei"}
# Number words that French and Spanish write (read by text2num), joined by hyphens ("quatre-vingt-dix").
FRENCH_NUMBER_WORDS = ("un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
                       "seize vingt vingts trente quarante cinquante soixante cent cents mille").split()
SPANISH_NUMBER_WORDS = (
    "un uno una dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
    "dieciseis diecisiete dieciocho diecinueve veinte veintiuno veintiún veintiuna veintidós veintidos "
    "veintitrés veintitres veinticuatro veinticinco veintiséis veintiseis veintisiete veintiocho veintinueve "
    "treinta cuarenta cincuenta sesenta setenta ochenta noventa cien ciento doscientos doscientas trescientos "
    "trescientas cuatrocientos cuatrocientas quinientos quinientas seiscientos seiscientas setecientos "
    "setecientas ochocientos ochocientas novecientos novecientas"
).split()
# Words joining the parts of one number: "twenty and five", "vingt et un", "treinta y dos", "dvadeset i pet",
# "douăzeci și cinci".
NUMBER_CONNECTORS = {"and", "et", "y", "und", "i", "и", "și", "şi"}
# Names of fractions: a number word before one is a fraction's numerator ("deux tiers", "two thirds").
FRACTION_WORDS = set(
    "third thirds quarter quarters fifths tiers quart quarts cinquièmes drittel viertel tercio tercios cuarto "
    "cuartos трети третей третьих четверти четвертей третини четвртини trećine trećina četvrtine četvrtina "
    "trzecie trzecich czwarte treimi sferturi kolmasosaa neljäsosaa "
    "quintos sextos séptimos octavos novenos décimos sixièmes septièmes huitièmes neuvièmes dixièmes fünftel "
    "sechstel zehntel dritteln vierteln fünfteln zehnteln пятых шестых десятых пятая пятой п'ятих десятих piątych dziesiątych petine desetine "
    "fifth sixths tenths "
    # Spanish and Romanian ordinals before "parts": "dos terceras partes" (two thirds), "tres cuartas partes"
    "tercera terceras cuarta cuartas quinta quintas".split()
)
# Korean words after a native number that make it an ordinal: "두 번째".
KOREAN_ORDINAL_AFTER = ("번째", "째")

# Chinese numerals: digits, the units inside a section of four digits, and the big units between sections.
CJK_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}
CJK_UNITS = {"十": 10, "百": 100, "千": 1000}
CJK_BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}

# -- the context of a figure (archive/figures/context.py): its role, its subject, its period ----------------
# Words are lower-cased; a word ending in "*" stands for every word it begins ("export*": exported, exports);
# Chinese and Japanese words are found inside longer runs. Each table names the languages of its words in
# order: en, ru, uk, mk, de, fr, es, fi, zh, ja.

# What a figure did: the role of the amount, by the verb or noun beside it.
DIRECTION_WORDS = {
    "export": "export*|exportier*|ausfuhr*|ausgeführt*|экспорт*|вывез*|вывоз*|експорт*|вивез*|вивіз*|вивоз*|"
              "извез*|извоз*|vei|veivät|vienti*|viennin*|viety*|viedään|viemä*|出口|输出|輸出",
    "import": "import*|importier*|einfuhr*|eingeführt*|импорт*|ввез*|ввоз*|імпорт*|ввіз*|увез*|увоз*|toi|toivat|"
              "tuonti*|tuonnin*|tuotu*|tuodaan|进口|輸入",
    "send": "sent|send*|ship|ships|shipped|shipping|shipment*|deliver*|supplied|supplie*|supply*|"
            "отправ*|постав*|переда*|відправ*|надісла*|постач*|испрат*|испорач*|достав*|"
            "geliefert|liefer*|verschickt*|geschickt|versandt|gesendet|sandte*|envoy*|livr*|expédi*|fourni*|"
            "envi*|entreg*|suministr*|despach*|lähett*|toimitt*|toimit*|运往|发往|运送|发送|交付|供应|送往|"
            "送った|送付|出荷|納入|供給",
    "receive": "receiv*|получ*|получил*|отрима*|одержа*|доби*|примил*|erhalten|erhielt*|bekommen|bekam*|empfang*|"
               "reçu*|reçoi*|recevoir|recib*|sai|saivat|saanut|saaneet|vastaanott*|收到|接收|受け取|受領",
    "sell": "sold|sell*|sale|sales|прода*|verkauf*|vend*|vente*|venta*|myi|myivät|myynti*|myyty*|myydään|"
            "出售|销售|售出|卖出|販売|売却",
    "buy": "bought|buy*|purchas*|купил*|купи*|покуп*|закуп*|приобр*|придба*|набав*|kaufte*|gekauft|erwarb*|"
           "erworben|beschafft*|achet*|achat*|compr*|adquiri*|osti|ostivat|osto*|hankki*|购买|采购|買い付け|購入|調達",
    "spend": "spent|spend*|expenditure*|потрат*|израсход*|расход*|витрат*|потрош*|ausgegeben|ausgaben|dépens*|"
             "gast*|käytti|käyttivät|kulutt*|花费|支出|耗资|費や",
    "license": "licens*|licenc*|лиценз*|ліценз*|лиценц*|lizenz*|licen*|lisens*|许可|執照|ライセンス|許可",
}
# Roles that state one flow seen the same way: "exported", "shipped", "sold" are the same goods leaving.
DIRECTION_FAMILIES = {"export": "out", "send": "out", "sell": "out",
                      "import": "in", "receive": "in", "buy": "in", "spend": "in", "license": "license"}
# What a figure counts or prices: a compound ("drone parts") is listed before its head word wins it.
SUBJECT_WORDS = {
    "parts": "parts|spare part*|drone part*|component*|запчаст*|комплектующ*|детал*|компонент*|частей|"
             "запчастин*|комплектуюч*|частин*|делови|резервни делови|teile|bauteil*|ersatzteil*|komponente*|"
             "pièces|composant*|piezas|repuestos|componentes|osia|osat|osien|varaos*|零部件|零件|部件|配件|部品",
    "drones": "drone|drones|uav|uavs|unmanned aircraft|unmanned aerial*|дрон*|беспилотн*|бпла|безпілотн*|"
              "drohne*|dron|droon*|lennok*|miehittämättöm*|无人机|無人機|ドローン",
    "microchips": "microchip*|chip|chips|semiconductor*|микрочип*|микросхем*|полупроводни*|мікрочіп*|мікросхем*|"
                  "напівпровідник*|чип|чипы|чипов|чипове|чіпи|чіпів|mikrochip*|halbleiter*|puce|puces|"
                  "semi-conducteur*|semiconducteur*|semiconductores|mikrosiru*|puolijohte*|芯片|半导体|半導体|チップ",
    "weapons": "weapon*|arms|missile*|ammunition|оружи*|вооружени*|боеприпас*|зброя|зброї|зброю|боєприпас*|"
               "оружје|муниција|waffe*|munition|arme|armes|munition*|arma|armas|misil*|munición|municiones|"
               "ase|aseita|aseet|aseiden|ammuks*|武器|弹药|弾薬",
    "vehicles": "vehicle*|car|cars|truck*|автомобил*|грузовик*|автомобіл*|вантажів*|возил*|камион*|fahrzeug*|"
                "lkw|véhicule*|voiture*|camion*|vehículo*|coches|automóvil*|ajoneuvo*|autoja|kuorma-auto*|"
                "汽车|车辆|卡车|自動車|車両",
    "oil": "oil|crude|нефт*|нафт*|erdöl|rohöl|pétrole|petróleo|öljy*|石油|原油",
    "gas": "gas|lng|газ|газа|газу|газом|гас|гасот|erdgas|gaz|kaasu*|天然气|天然ガス",
    "grain": "grain|wheat|зерн*|пшениц*|жито|пченица|getreide|weizen|céréales|blé|cereales|trigo|vilja*|vehnä*|"
             "粮食|小麦|谷物|穀物",
}
# Periods said relative to when a text was published: the words and how many years back (-) or on (+).
RELATIVE_YEARS = {
    -1: "last year|the previous year|a year earlier|a year ago|в прошлом году|прошлого года|в минувшем году|"
        "годом ранее|минулого року|у минулому році|торік|минатата година|лани|претходната година|"
        "im vergangenen jahr|im letzten jahr|letztes jahr|vergangenes jahr|im vorjahr|l'année dernière|"
        "l’année dernière|l'an dernier|l’an dernier|l'an passé|l’an passé|el año pasado|el pasado año|"
        "el año anterior|viime vuonna|edellisenä vuonna|去年|昨年",
    0: "this year|the current year|в этом году|в текущем году|этого года|текущего года|цього року|поточного року|"
       "у цьому році|оваа година|годинава|тековната година|dieses jahr|in diesem jahr|cette année|este año|"
       "tänä vuonna|kuluvana vuonna|今年|本年",
    1: "next year|в следующем году|в будущем году|наступного року|следната година|наредната година|"
       "nächstes jahr|im nächsten jahr|im kommenden jahr|l'année prochaine|l’année prochaine|l'an prochain|"
       "l’an prochain|el próximo año|el año que viene|ensi vuonna|明年|来年",
}
# Ordinal words before "quarter" in each language, by the quarter they name.
QUARTER_ORDINALS = {
    1: "first|1st|перв*|перш*|прв*|ersten|erste|premier|primer|primero|ensimmäi*",
    2: "second|2nd|втор*|друг*|zweiten|zweite|deuxième|segundo|toi*",
    3: "third|3rd|трет*|dritten|dritte|troisième|tercer|tercero|kolma*",
    4: "fourth|4th|четверт*|четврт*|vierten|vierte|quatrième|cuarto|neljä*",
}
QUARTER_WORDS = "quarter|квартал*|quartal|trimestre|neljännek*|vuosineljännek*"
FISCAL_WORDS = ("fy|fiscal year|fiscal|financial year|geschäftsjahr|geschäftsjahres|exercice|exercice fiscal|"
                "ejercicio|ejercicio fiscal|año fiscal|tilikaudella|tilikausi|финансовом году|финансового года|"
                "финансовый год|фінансовому році|фінансового року|фінансовий рік|фискалната година|"
                "фискална година")

# Pieces one of which every multiplying verb or phrase holds (archive/figures/multiplying.py), in lower case:
# looked for with str's fast search before its pattern is run at all, and by the spotter, which must say yes to
# every text the engine finds a figure in ("ostru" of "udvostručio" and "utrostručio"; "удво" of "удвостручио";
# "dopp" of "verdoppelt", "Verdopplung").
MULTIPLYING_STEMS = ("doubl", "dupli", "tripl", "uadru", "décupl", "dopp", "verdreif", "vervierf", "verzehnf", "halv",
                     "halbier", "удво", "утро", "подво", "потро", "ostru", "podwo", "potro", "dubla", "kertais", "kertain",
                     "puolit", "doble", "dreifache", "krotn", "двічі", "вдвое", "тричі", "втрое", "half", "uadri",
                     "struko", "струко", "두배", "кратно", "kratno", "dubl", "двојно", "тројно",
                     "dvaput", "двапут", "triput", "трипут", "tripot", "twice", "thrice", "tuplaa", "tuplat")
# The heads of number words inside compounds, in lower case (archive/figures/compound_numbers.py: "pięcioletni",
# "četvorka"), found with str's fast search; the spotter looks for them too.
# and of Russian, Ukrainian, Serbian, Croatian and Macedonian adjectives of storeys, rooms and members:
# "двухэтажного", "deseteročlani", and of years, "petogodišnjih obveznica" (5), "двухлетнего неурожая" (2); not
# of months ("šestomesečnog vojnog roka" is labelled no figure in heldout2 and heldout5)
SLAVIC_COMPOUND_HEADS = ("этажн", "комнатн", "поверхов", "кімнатн", "član", "katn", "spratn", "член", "godišnj",
                         "годишњ", "летн", "річн", "вагонн", "dnevn", "дневн",
                         # beds and rooms: "dvokrevetnoj sobi", "trosobni stan", "двособен стан", "двухместный номер"
                         "krevetn", "sobn", "soban", "собн", "собен", "местн", "місн")
COMPOUND_NUMBER_HEADS = ("letn", "miesięczn", "dniow", "tygodniow", "godzinn", "pokojow", "orka", "orke", "orku", "orica",
                         "oricu", "орка", "орке", "орица", *SLAVIC_COMPOUND_HEADS)

# German adjectives of a span of time glued to a number word: "dreijährige" (3 years), "zweitägige", "sechsmonatigen";
# and of members and storeys, as the Slavic compounds count them: "eine vierköpfige Familie" (4), "dreistöckig"
GERMAN_SPAN_ENDINGS = ("jährig", "tägig", "wöchig", "monatig", "stündig", "minütig", "köpfig", "stöckig", "geschossig")
# Half of a measure or span, before its unit: Finnish "puoli kiloa", Kazakh "jarty jyl", "жарты сағат" (0.5)
HALF_OF_A_UNIT_WORDS = ("puoli", "jarty", "жарты")
