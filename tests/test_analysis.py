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
