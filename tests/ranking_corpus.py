"""The ranking documents: seeded random texts where common words are in almost all, rare words in few, and
some phrases are planted, in order and out of order. tests/test_ranking.py ingests them as Markdown files;
the search contract (tests/contract/) indexes them directly."""

from __future__ import annotations

import random
from dataclasses import dataclass

COMMON = "the of and to in for on with said that over".split()
RARE = "moon landing drone export budget council ministry".split()


@dataclass(frozen=True)
class RankingDocument:
    """One seeded document: its file name, title, language and text."""

    name: str
    title: str
    lang: str
    body: str


def ranking_documents(count: int) -> list[RankingDocument]:
    """Return `count` seeded documents (the same ones every time)."""
    rng = random.Random(7)
    documents = []
    for n in range(count):
        words = [rng.choice(COMMON) for _ in range(40)] + rng.sample(RARE, rng.randint(0, 3))
        rng.shuffle(words)
        words.insert(0, "the")  # in every document
        if n % 9 == 0:
            words[5:5] = ["the", "moon", "landing"]
        if n % 13 == 0:
            words[20:20] = ["landing", "the", "moon"]  # the words of the phrase, out of order
        lang = "de" if n % 4 == 0 else "en"
        body = " ".join(words) + (" 无人机出口价值" if n % 6 == 0 else "")
        title = "Moon report" if n % 10 == 0 else f"Note {n}"
        documents.append(RankingDocument(f"doc-{n:03}.md", title, lang, body))
    return documents
