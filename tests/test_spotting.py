"""The cheap test a search runs before loading the figure engine: it may say yes to a text without a figure,
never no to one with a figure (else a figure search would silently become a word search)."""

import json
from pathlib import Path

import pytest

from archive.figures import extract, figure_query
from archive.figures.spotting import may_state_figure

SETS = Path(__file__).resolve().parent.parent / "bench" / "figures"


def _labelled_texts() -> list[tuple[str, list[str]]]:
    """Return (text, the figures labelled in it as written) of every labelled sentence and wild paragraph."""
    found = []
    for path in [SETS / "labelled.jsonl", *sorted((SETS / "wild").glob("*.jsonl"))]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found.append((record["text"], [figure["text"] for figure in record.get("figures", [])]))
    return found


def test_every_figure_labelled_or_found_in_the_evaluation_sets_passes():
    texts = _labelled_texts()
    assert len(texts) > 400  # the sets are there: labelled sentences and the wild paragraphs
    missed = [written for text, labelled in texts
              for written in [*labelled, *(figure.text for figure in extract(text))] if not may_state_figure(written)]
    assert missed == []


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
