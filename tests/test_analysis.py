import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.analysis import keyword_analyzer, tokens


def test_english_words_are_stemmed():
    assert tokens("Drones exported") == ["drone", "export"]


def test_case_and_accents_fold():
    assert tokens("CAFÉ Café cafe") == ["cafe", "cafe", "cafe"]
    assert tokens("Straße") == tokens("STRASSE")


def test_cyrillic_is_kept_as_written_and_folded_for_case():
    assert tokens("Дронови ДРОНОВИ") == ["дронови", "дронови"]


def test_cjk_runs_become_overlapping_bigrams():
    assert tokens("无人机出口") == ["无人", "人机", "机出", "出口"]
    assert tokens("ドローン") == ["ドロ", "ロー", "ーン"]
    assert tokens("中") == ["中"]


def test_indic_vowel_signs_stay_inside_words():
    assert tokens("हिन्दी समाचार") == ["हिन्दी", "समाचार"]


def test_compatibility_forms_fold():
    assert tokens("ﬁction １２３") == ["fiction", "123"]


def test_names_are_not_stemmed():
    assert [t.text for t in keyword_analyzer()("Business Insider")] == ["business", "insider"]


def test_numbers_keep_their_separators():
    assert tokens("$1.23 million, 1,23 милиони, 14.372,4 at 10:30") == [
        "1.23", "million", "1,23", "милиони", "14.372,4", "at", "10:30"]


def test_token_spans_agree_with_the_tokenizer():
    from archive.analysis import MultilingualTokenizer, token_spans
    text = "Drones, 无人机出口 and हिन्दी समाचार: $1.23 million; 中 Café."
    tokens_ = [(t.pos, t.startchar, t.endchar) for t in MultilingualTokenizer()(text, positions=True, chars=True)]
    every = {pos for pos, _, _ in tokens_}
    assert token_spans(text, every) == [(start, end) for _, start, end in tokens_]
    assert token_spans(text, {2, 5}) == [(tokens_[2][1], tokens_[2][2]), (tokens_[5][1], tokens_[5][2])]
    assert token_spans(text, set()) == []


def test_token_marks_let_spans_start_midway_with_the_same_answer():
    from archive.analysis import analyse, token_spans
    text = " ".join(f"word{i} 无人机出口{i}" for i in range(400))
    marks = analyse(text, every=50).marks
    assert len(marks) >= 2 and marks[0] >= 50
    for wanted in ({3}, {777}, {1200, 1203}, {1599}):
        assert token_spans(text, wanted, marks) == token_spans(text, wanted)


def test_analyse_gives_the_terms_and_positions_of_the_analyzer():
    # The index takes analyse()'s terms as they are and reads queries with text_analyzer(): they must agree.
    from collections import defaultdict

    from archive.analysis import analyse, text_analyzer
    text = ("Drones EXPORTED, Café déjà-vu; 无人机出口 and हिन्दी समाचार: $1.23 million, 14.372,4 km; "
            "Дронови во Русија; ｆｕｌｌ-width ﬁle; ไทยภาษา 中 x.") * 3
    expected = defaultdict(list)
    for token in text_analyzer()(text, positions=True):
        expected[token.text].append(token.pos)
    assert analyse(text).terms == dict(expected)
    assert analyse("").terms == {} and analyse("").marks == []


def test_the_written_out_combining_marks_are_what_unicode_says():
    import unicodedata

    from archive import analysis

    if unicodedata.unidata_version != analysis._MARKS_UNICODE_VERSION:
        pytest.skip(f"this Python has Unicode {unicodedata.unidata_version}: the marks are computed")
    assert analysis._MARKS_14 == analysis._mark_ranges()


ASCII_TEXTS = st.text(alphabet=st.characters(max_codepoint=127), max_size=200)


@settings(derandomize=True, database=None, deadline=None, max_examples=500)
@given(ASCII_TEXTS)
def test_an_ascii_text_is_split_as_the_full_pattern_splits_it(text):
    # A text of ASCII characters alone (most queries) is read with a pattern that compiles in a fiftieth of
    # the time: it must find the same tokens, of the same kinds.
    from archive import analysis

    assert analysis._token_pattern(text) is analysis._ASCII_TOKEN_RE
    def found(pattern):
        return [(match.lastgroup, match.span()) for match in pattern.finditer(text)]
    assert found(analysis._ASCII_TOKEN_RE) == found(analysis._TOKEN_RE)


def test_the_ascii_pattern_is_taken_for_ascii_texts_only():
    from archive import analysis

    written = "Drones_2022 sent: 1,23 / 10:30 / 14.372,4 / a.b.c 3/4"
    assert analysis._token_pattern(written) is analysis._ASCII_TOKEN_RE
    assert analysis._token_pattern(written + " Café") is analysis._TOKEN_RE
    assert tokens(written) == ["drones_2022", "sent", "1,23", "10:30", "14.372,4", "a", "b", "c", "3/4"]
    assert tokens(written + " 无人机") == tokens(written) + ["无人", "人机"]
