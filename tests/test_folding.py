"""Tests for archive.folding: search terms lose case and accents, quotes only their typography."""

from __future__ import annotations

import random
import sys
import unicodedata

import pytest

from archive import folding
from archive.folding import fold, normalise, normalise_with_map


def test_search_folding_drops_case_accents_and_compatibility_forms():
    assert fold("CAFÉ") == fold("cafe\u0301") == "cafe"
    assert fold("Ｄｒｏｎｅ ﬁ") == "drone fi"
    assert fold("Дронови") == "дронови"


def test_quote_folding_keeps_case_and_accents_that_search_folding_drops():
    assert normalise("The Minister’s café") == "The Minister's café"
    assert fold("The Minister’s café") != normalise("The Minister’s café")


def test_map_back_gives_the_original_span_of_a_folded_match():
    text = "He said\u00a0\u00a0“no”\u2009— twice."
    folded = normalise_with_map(text)
    assert folded.text == 'He said "no" - twice.'
    start = folded.text.index('"no"')
    assert folded.original_span(start, start + 4) == (text.index("“"), text.index("”") + 1)
    dots = "Wait… then"
    assert normalise_with_map(dots).original_span(4, 5) is None  # one "." of an ellipsis is no span


# normalise()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a \n\t b", "a b"),
        ("a\u00a0\u202f\u2009b", "a b"),
        ("a\u200bb", "a b"),
        ("„Gut“, ‚so‘", '"Gut", \'so\''),
        ("「引用」『内側』", "\"引用\"'内側'"),
        ("1–2—3−4", "1-2-3-4"),
        ("soft\u00adhyphen", "softhyphen"),
        ("wait…", "wait..."),
        ("ﬁ ２ Ⅻ", "fi 2 XII"),
        ("Case Kept", "Case Kept"),
        ("cafe\u0301", "café"),
    ],
)
def test_normalise(raw, expected):
    assert normalise(raw) == expected


def test_normalise_agrees_with_nfkc_on_mixed_text():
    rng = random.Random(20240611)
    pool = list("abc XYZ éèü ﬁ½２ｶﾞ한\u1100\u1161\u0301\u0308\u0327ก่ำ中，😀𝐀") + ["\u212b", "\u2126"]
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(rng.randrange(1, 30)))
        expected = unicodedata.normalize("NFKC", text)
        expected = " ".join(expected.split(" "))  # no white space but single spaces in the pool
        while "  " in expected:
            expected = expected.replace("  ", " ")
        assert normalise(text) == expected, repr(text)


def test_normalise_gives_the_same_result_whatever_the_chunk_size(monkeypatch):
    rng = random.Random(11)
    pool = list("ab  \n\t“—…ﬁ２ｶﾞé\u0301\u0308\u1100\u1161ก่中，😀") + ["\u00a0 ", "e\u0301"]
    texts = ["".join(rng.choice(pool) for _ in range(200)) for _ in range(200)]
    whole = [normalise(text) for text in texts]
    monkeypatch.setattr(folding, "_CHUNK_SIZE", 3)
    assert [normalise(text) for text in texts] == whole


def test_unicode_scan_limits_hold_for_this_interpreter():
    # The module scans code points below these limits only; check that nothing above them matters.
    for code_point in range(folding._SCAN_LIMIT, sys.maxunicode + 1):
        char = chr(code_point)
        assert not unicodedata.decomposition(char) and not unicodedata.combining(char), hex(code_point)
    assert all(not chr(code_point).isspace() for code_point in range(0x3001, sys.maxunicode + 1))
