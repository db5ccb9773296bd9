from archive.figures import (agreement, describe_agreement, extract, figure_query, key_terms, search_window,
                             sentence_around)


def test_whole_query_figure():
    query = figure_query("$1.23 million")
    assert query.figure.value == 1_230_000 and query.figure.unit == "USD" and query.words == ""


def test_figure_clause_with_words():
    query = figure_query("drones figure:1230000 USD customs")
    assert query.figure.value == 1_230_000 and query.figure.unit == "USD"
    assert query.words.split() == ["drones", "customs"]
    assert figure_query("drones customs") is None


def test_search_window_covers_one_digit_rounding():
    low, high = search_window(figure_query("$1.23 million").figure)
    assert low <= 1_000_000 and high >= 1_500_000
    low, high = search_window(figure_query("$1.23 million").figure, near=0.8)
    assert low <= 300_000


def test_agreement_marks():
    claim = extract("Kazakhstan exported $1.23 million of drones")
    assert agreement(claim, "worth 1,23 милиони долари").kind == "same"
    rounded = agreement(claim, "about 1.2 million dollars")
    assert rounded.kind == "rounded" and rounded.source_figure.text.startswith("1.2 million")
    different = agreement(claim, "exports of $1.32 million")
    assert different.kind == "different" and round(different.difference, 3) == 0.073
    assert agreement(claim, "drones were exported").kind == "none"
    assert agreement(claim, "up 12% on the year").kind == "none"  # a percentage is not comparable to money


def test_best_agreement_wins_when_a_quote_has_several_figures():
    claim = extract("$1.23 million")
    assert agreement(claim, "first said $1.32 million, then corrected to $1.23 million").kind == "same"


def test_sentence_around():
    text = "First sentence. The figure was $1.23 million in 2022. Last one."
    start, end = sentence_around(text, text.index("$1.23"), text.index("$1.23") + 13)
    assert text[start:end] == "The figure was $1.23 million in 2022."
    chinese = "第一句。出口了123万美元的无人机。最后。"
    start, end = sentence_around(chinese, chinese.index("123"), chinese.index("123") + 6)
    assert chinese[start:end] == "出口了123万美元的无人机。"


def test_key_terms_drop_numbers_and_short_words():
    assert key_terms("Kazakhstan exported $1.23 million of drones to Russia") == {
        "kazakhstan", "export", "million", "drone", "russia"}


def test_sentences_do_not_break_inside_numbers():
    from archive.figures import sentences
    text = "Exports reached $1.32 million in 2022. Officials declined.\n第一句。第二句。"
    assert [text[a:b] for a, b in sentences(text)] == [
        "Exports reached $1.32 million in 2022.", "Officials declined.", "第一句。", "第二句。"]


def test_every_agreement_is_said_in_one_wording_for_commands_pages_and_bundles():
    claim = extract("Kazakhstan exported $1.23 million of drones")
    said = {quote: agreement(claim, quote).describe() for quote in
            ("$1.23 million", "1.2 million dollars", "$1.32 million", "no figure here")}
    assert said == {"$1.23 million": "same figure: $1.23 million",
                    "1.2 million dollars": "rounded figure: 1.2 million dollars for $1.23 million",
                    "$1.32 million": "different figure: $1.32 million vs $1.23 million (+7.3%)",
                    "no figure here": "no figure in the quote"}
    assert agreement(claim, "$1.32 million").describe(percent_sign=" %").endswith("(+7.3 %)")
    # a search hit knows only the figure it found
    assert describe_agreement("different", "$1.32 million", difference=0.073) == "different figure: $1.32 million (+7.3%)"
