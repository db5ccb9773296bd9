"""The cheap test a search runs before loading the figure engine: it may say yes to a text without a figure,
never no to one with a figure (else a figure search would silently become a word search)."""

import json
from pathlib import Path

import pytest

from archive.figures import extract, figure_query
from archive.figures.spotting import may_state_figure

SETS = Path(__file__).resolve().parent.parent / "bench" / "figures"


def _evaluation_texts() -> list[str]:
    """Return the text of every labelled sentence and paragraph of bench/figures/."""
    found = []
    for path in [SETS / "labelled.jsonl", *sorted(SETS.glob("*/*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(json.loads(line)["text"])
    return found


def test_every_figure_the_engine_finds_in_the_evaluation_sets_passes():
    # What the engine reads is what must pass; a labelled figure it cannot read yet ("petero", a collective
    # numeral) passes once its word is in the tables the engine and this check share.
    texts = _evaluation_texts()
    assert len(texts) > 600  # the sets are there: labelled sentences, wild and held-out paragraphs
    found = [figure.text for text in texts for figure in extract(text)]
    assert len(found) > 1500
    assert [written for written in found if not may_state_figure(written)] == []


@pytest.mark.parametrize("query", ["$1.23 million", "five million dollars", "a million", "пять миллионов",
                                   "трёх", "пʼятьох мільйонів", "dreiundzwanzig", "quatre-vingt-dix", "d'un million",
                                   "两百万", "一千", "۱۲۳", "١٢٣", "kolme miljoonaa", "figure:1230000 USD drones"])
def test_figures_written_in_digits_numerals_or_words_of_any_language_pass(query):
    assert may_state_figure(query)


@pytest.mark.parametrize("query", ["drone", "drones Russia", "Nebesnaya Mekhanika", "Небесная механика",
                                   "export licence", "无人机", "\"customs data\"", "title:correction"])
def test_words_that_state_no_figure_are_told_apart(query):
    assert not may_state_figure(query)
    assert figure_query(query) is None  # and the engine agrees
