"""Print the README's tables of heldout21 from heldout21.jsonl: languages, units, currencies, topics, sources."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

SET = Path(__file__).resolve().parents[1]
# A page's topic, by a piece of its address (the brief's topics; one page, one topic).
TOPICS = [
    ("parking", ["funkemedien.de/nrw-waz/archiv", "abendblatt", "gaukmotor", "britanniaradio", "dazzlingdawn", "harrow",
                 "aol.co.uk", "verkkouutiset", "iltalehti", "talouselama", "mtvuutiset", "split-airport", "novilist",
                 "vecernji", "larazon", "dgtcita", "medaenvidia", "elcapitalista", "lbdfilm", "muchiuchi", "winzeman",
                 "investorwho", "ohmynews", "donga.com/news/Society", "poortechguy", "hankyung", "snsmatch", "ya.ru",
                 "podcast.app", "dagestan"]),
    ("kindergarten and school fees", ["familien-welt", "stern.de", "kostenblick", "klubmalucha", "pakoslaw",
                                      "przedszkole1dt", "opiekunczemisie", "spranizow", "almaty.tv", "aqjolgazet",
                                      "abai.kz"]),
    ("ransom demands and cyber-attack losses", ["monacomatin", "labearnaise", "europe1", "cybersicherheit", "cybercrimelaw",
                                                "reisevor9", "marktspiegel", "donga.com/news/amp", "rancert", "moneys.co.kr",
                                                "panewslab", "0xcj", "chinadaily", "daokoudai", "7klian"]),
    ("port fees", ["anp.com.uy", "kantvik", "portofturku", "ludnz"]),
    ("fertiliser prices and crop yields", ["sanliurfatv", "birliktenkuvvet", "torbaliguncel", "tarimdanhaber", "farmer.pl",
                                           "topagrar", "wspolczesna", "adyrna", "soltustikkaz", "ar.inform.kz"]),
    ("railway construction contracts", ["sabah.com.tr", "haberimsamsun", "trendekonomi", "yellowstar", "kurir.rs",
                                        "krstarica", "birn.me", "poslovni.hr", "jutarnji"]),
    ("losses of state-owned companies", ["mamakaje", "epravda", "censor.net", "bohemia", "denar.mk", "economist.mk",
                                         "trending.mk", "puls24", "libertas", "lokalno.mk", "utrinski", "pcnen"]),
    ("dental fees", ["jiusong", "zahnbehandlung", "familienversicherung", "kostencheck", "zahnzusatz", "implant-clinic",
                     "kakogawa", "teech", "pitali"]),
    ("museum ticket prices", ["wabyc", "hk.chat", "orientaldaily", "macluj", "impreunasuntem", "newskeeper", "locuri.md",
                              "oradesibiu", "lapresse", "tf1info", "boursorama"]),
    ("bank fees and loan interest rates", ["ziaruldeiasi", "5th.ro", "defapt", "sttinfo", "funkemedien.de/nrw-waz/wirtschaft",
                                           "morgenweb", "test.de", "kontofinder", "aktiencheck"]),
    ("mining royalties and oil and gas revenues", ["tass.ru", "holod", "rambler", "vedomosti", "referatbooks", "greystar",
                                                   "financialentrepreneur", "portaltrabajo", "latercera", "ciperchile",
                                                   "slideshare"]),
    ("other: e-cigarette fines, school trips", ["egemen.kz", "ekaraganda"]),
    ("damages awarded by courts", ["vrh.sud", "uns.org.rs", "bg.ap.sud", "bih-pravo", "legalis", "uplex", "legalplanet",
                                   "opendatabot"]),
]


def topic(source: str) -> str:
    for name, pieces in TOPICS:
        if any(piece in source for piece in pieces):
            return name
    return "?"


def row(*cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main() -> None:
    rows = [json.loads(line) for line in (SET / "heldout21.jsonl").read_text(encoding="utf-8").splitlines()]
    money = lambda r: [f for f in r["figures"] if f["unit"] not in (None, "%", "pp", "x")]
    print(row("lang", "paragraphs", "pages", "figures", "money", "with no figure"))
    print(row(*["---"] * 6))
    langs = sorted({r["lang"] for r in rows}) + ["all"]
    for lang in langs:
        part = [r for r in rows if lang in ("all", r["lang"])]
        print(row(lang, len(part), len({r["source"] for r in part}), sum(len(r["figures"]) for r in part),
                  sum(len(money(r)) for r in part), sum(1 for r in part if not r["figures"])))
    units = Counter(f["unit"] for r in rows for f in r["figures"])
    print("\nunits:", dict(units.most_common()))
    print()
    print(row("topic", "languages", "paragraphs", "figures", "money"))
    print(row(*["---"] * 5))
    by_topic = defaultdict(list)
    for r in rows:
        by_topic[topic(r["source"])].append(r)
    for name, part in sorted(by_topic.items()):
        print(row(name, " ".join(sorted({r["lang"] for r in part})), len(part), sum(len(r["figures"]) for r in part),
                  sum(len(money(r)) for r in part)))
    print()
    pages = defaultdict(lambda: [0, 0])
    for r in rows:
        pages[(r["lang"], r["source"])][0] += 1
        pages[(r["lang"], r["source"])][1] += len(r["figures"])
    for lang in langs[:-1]:
        items = [f"{src} ({n} ¶, {k} figures)" for (l, src), (n, k) in pages.items() if l == lang]
        print(f"- **{lang}**: " + "; ".join(items))


if __name__ == "__main__":
    main()
