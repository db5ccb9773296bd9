"""Tests for archive.quotes: anchoring quotes with W3C selectors, typographic tolerance, suggestions, re-anchoring."""

from __future__ import annotations

import random
import unicodedata

import pytest

from archive.errors import ArchiveError
from archive.folding import normalise
from archive.quotes import (
    PREFIX_LEN,
    AmbiguousQuoteError,
    Anchor,
    EmptyQuoteError,
    QuoteError,
    QuoteNotFoundError,
    anchor,
    context,
    find_all,
    find_normalised,
    reanchor,
)

ARTICLE = (
    "Kazakhstan exported $1.23 million of drones to Russia in 2022, customs data show. "
    "The minister said the figures were “not accurate” and that re-exports were rare. "
    "Analysts disagreed — strongly."
)


def assert_is_span_of(text: str, found: Anchor) -> None:
    """Check that an anchor names a real span of the text with the right context."""
    assert text[found.start : found.end] == found.exact
    assert found.prefix == text[max(0, found.start - PREFIX_LEN) : found.start]
    assert found.suffix == text[found.end : found.end + PREFIX_LEN]


# anchor(): exact matches


def test_unique_quote_is_anchored_with_context():
    found = anchor(ARTICLE, "exported $1.23 million of drones")
    assert found.start == ARTICLE.index("exported")
    assert found.exact == "exported $1.23 million of drones"
    assert found.prefix == "Kazakhstan "
    assert len(found.suffix) == PREFIX_LEN
    assert_is_span_of(ARTICLE, found)


def test_anchor_is_immutable():
    found = anchor(ARTICLE, "customs data show")
    with pytest.raises(AttributeError):
        found.start = 0


def test_outer_white_space_of_a_selection_is_trimmed():
    found = anchor(ARTICLE, " \n\tcustoms data show\u00a0 \u200b")
    assert found.exact == "customs data show"
    assert found.start == ARTICLE.index("customs")


def test_inner_white_space_must_match_exactly_when_it_can():
    text = "line one\nline two"
    assert anchor(text, "one\nline").exact == "one\nline"


def test_repeated_quote_without_position_is_ambiguous():
    text = "Exports rose. Imports fell. Exports rose again."
    with pytest.raises(AmbiguousQuoteError) as raised:
        anchor(text, "Exports rose")
    assert raised.value.quote == "Exports rose"
    assert [found.start for found in raised.value.occurrences] == [0, 28]
    assert "2 times" in str(raised.value)
    for found in raised.value.occurrences:
        assert_is_span_of(text, found)


def test_repeated_quote_with_position_takes_the_nearest():
    text = "Exports rose. Imports fell. Exports rose again."
    assert anchor(text, "Exports rose", position=28).start == 28
    assert anchor(text, "Exports rose", position=0).start == 0
    # A browser offset is approximate: it may include white space or be off by a few characters.
    assert anchor(text, "Exports rose", position=25).start == 28
    assert anchor(text, "Exports rose", position=10).start == 0


def test_position_does_not_matter_for_a_unique_quote():
    assert anchor(ARTICLE, "customs data show", position=0).start == ARTICLE.index("customs")


def test_overlapping_occurrences_count_as_several():
    assert [found.start for found in find_all("aaa", "aa")] == [0, 1]


def test_quote_not_in_text_is_refused_without_suggestion():
    with pytest.raises(QuoteNotFoundError) as raised:
        anchor(ARTICLE, "Kazakhstan imported drones")
    assert raised.value.quote == "Kazakhstan imported drones"
    assert raised.value.suggestion is None
    assert "not in the text" in str(raised.value)


def test_case_difference_is_refused_with_the_stored_passage_as_suggestion():
    with pytest.raises(QuoteNotFoundError) as raised:
        anchor(ARTICLE, "the Minister said")
    assert raised.value.suggestion.exact == "The minister said"
    assert_is_span_of(ARTICLE, raised.value.suggestion)
    assert find_normalised(ARTICLE, "the Minister said") == []


LONG_PASSAGE = ("An earlier version of our story said Kazakhstan exported $1.32 million of drones to Russia in 2022. "
                "Customs records show the figure was $1.23 million. The digits were transposed in editing.")


def test_a_quote_spaced_differently_around_punctuation_gets_the_full_stored_passage():
    # What an old snippet gave to paste: a space before the full stop, line breaks folded.
    quote = "Customs records show the figure was $1.23 million . The digits were transposed in editing."
    with pytest.raises(QuoteNotFoundError) as raised:
        anchor(LONG_PASSAGE, quote)
    stored = LONG_PASSAGE[LONG_PASSAGE.index("Customs"):]
    assert raised.value.suggestion.exact == stored and len(stored) > 80
    assert_is_span_of(LONG_PASSAGE, raised.value.suggestion)
    assert stored in str(raised.value)  # in full, to copy


def test_suggestion_with_a_position_is_the_nearest_similar_passage():
    text = "Exports Rose. Then exports rose again."
    with pytest.raises(QuoteNotFoundError) as raised:
        anchor(text, "EXPORTS ROSE", position=20)
    assert raised.value.suggestion.start == text.rindex("exports")
    with pytest.raises(QuoteNotFoundError) as raised:
        anchor(text, "EXPORTS ROSE")
    assert raised.value.suggestion.start == 0 and "2 such passages" in str(raised.value)


@pytest.mark.parametrize("quote", ["Kazakhstan exported $1.23 million of drones to Russia in 2021",
                                   "exported drones", "Kazakhstanexported"])
def test_other_words_are_no_suggestion(quote):
    with pytest.raises(QuoteNotFoundError) as raised:
        anchor(ARTICLE, quote)
    assert raised.value.suggestion is None


def test_a_typographic_variant_is_anchored_however_it_is_written():
    stored = "the figures were “not accurate”"
    for quote in ['the figures were "not accurate"', "the figures were ”not accurate“",
                  "the\u00a0figures  were\n«not accurate»"]:
        assert anchor(ARTICLE, quote).exact == stored


@pytest.mark.parametrize("quote", ["", " ", "\n\t ", "\u00a0\u202f", "\u200b"])
def test_empty_quote_is_refused(quote):
    with pytest.raises(EmptyQuoteError):
        anchor(ARTICLE, quote)
    with pytest.raises(EmptyQuoteError):
        find_all(ARTICLE, quote)
    with pytest.raises(EmptyQuoteError):
        find_normalised(ARTICLE, quote)


def test_quote_errors_are_archive_errors():
    assert issubclass(QuoteError, ArchiveError)
    for error in (QuoteNotFoundError, AmbiguousQuoteError, EmptyQuoteError):
        assert issubclass(error, QuoteError)


# anchor(): typographic variants are anchored, and the citation keeps the stored characters


def tolerant(text: str, quote: str, position: int | None = None) -> Anchor:
    """Anchor a quote that is not in the text exactly but differs only in typography; check the stored span."""
    assert not find_all(text, quote), "the quote must differ from the text"
    found = anchor(text, quote, position)
    assert_is_span_of(text, found)
    return found


def test_white_space_differences_anchor_the_stored_passage():
    text = "The ministry said that\n  exports  of drones\twere small."
    found = tolerant(text, "said that exports of drones")
    assert found.exact == "said that\n  exports  of drones"
    assert found.start == text.index("said")


def test_no_break_narrow_and_zero_width_spaces_count_as_white_space():
    text = "a fine of 1\u00a0000\u202f000 tenge\u200b was paid"
    found = tolerant(text, "1 000 000 tenge was paid")
    assert found.exact == "1\u00a0000\u202f000 tenge\u200b was paid"


def test_curly_quotes_match_straight_ones():
    found = tolerant(ARTICLE, 'the figures were "not accurate"')
    assert found.exact == "the figures were “not accurate”"


def test_apostrophes_and_guillemets_match_straight_quotes():
    text = "It’s «rare», he said, and ‹so› what."
    assert tolerant(text, "It's \"rare\", he said, and 'so'").exact == "It’s «rare», he said, and ‹so›"


@pytest.mark.parametrize("dash", ["‐", "‑", "‒", "–", "—", "―", "−"])
def test_dashes_match_a_hyphen(dash):
    text = f"Analysts disagreed {dash} strongly."
    assert tolerant(text, "disagreed - strongly").exact == f"disagreed {dash} strongly"


def test_hyphen_in_quote_and_dash_in_text_differ_only_by_normalisation():
    assert tolerant(ARTICLE, "Analysts disagreed - strongly").exact == "Analysts disagreed — strongly"


def test_ligatures_and_full_width_digits_match_by_nfkc():
    text = "The ﬁnal ﬁgure for ２０２２ was ＄１.２３ million."
    found = tolerant(text, "final figure for 2022 was $1.23 million")
    assert found.exact == "ﬁnal ﬁgure for ２０２２ was ＄１.２３ million"


def test_soft_hyphens_are_ignored():
    text = "The re\u00adex\u00adports were rare."
    assert tolerant(text, "The reexports were").exact == "The re\u00adex\u00adports were"
    assert find_normalised(text, "re-exports") == []  # a soft hyphen is no hyphen


def test_ellipsis_matches_three_dots_but_not_part_of_them():
    text = "He paused… then went on."
    assert tolerant(text, "paused... then").exact == "paused… then"
    assert find_normalised(text, "paused.. then") == []
    assert find_normalised(text, "paused.") == []


def test_decomposed_and_composed_accents_match():
    decomposed = "Le cafe\u0301 est ferme\u0301."
    assert tolerant(decomposed, "café est fermé").exact == "cafe\u0301 est ferme\u0301"
    composed = "Le café est fermé."
    assert tolerant(composed, "cafe\u0301 est").exact == "café est"


def test_a_quote_does_not_match_a_letter_without_its_accent():
    assert find_normalised("Le cafe\u0301 est fermé.", "Le cafe est") == []


def test_half_width_katakana_matches_full_width():
    assert tolerant("ﾃﾞｰﾀを公開", "データを公開").exact == "ﾃﾞｰﾀを公開"


def test_astral_characters_are_kept_and_mapped():
    text = "Fact 😀 check: 𝐁𝐎𝐋𝐃 claim, 𠀀 kept."
    found = tolerant(text, "check: BOLD claim, 𠀀 kept")
    assert found.exact == "check: 𝐁𝐎𝐋𝐃 claim, 𠀀 kept"
    assert anchor(text, "😀 check").start == 5


def test_several_similar_passages_without_position_are_ambiguous_as_stored():
    text = "he said “no”. Later he said “no” again."
    with pytest.raises(AmbiguousQuoteError) as raised:
        anchor(text, 'he said "no"')
    assert [found.exact for found in raised.value.occurrences] == ["he said “no”", "he said “no”"]
    assert [found.start for found in raised.value.occurrences] == [0, text.rindex("he said")]
    assert "2 times" in str(raised.value)


def test_several_similar_passages_with_position_take_the_nearest():
    text = "He said “no”. Later he said “no” again."
    assert tolerant(text, 'said "no"', position=20).start == text.rindex("said")
    assert tolerant(text, 'said "no"', position=0).start == text.index("said")


def test_find_normalised_returns_every_occurrence_as_stored():
    text = "A\u00a0“B”\nA \"B\"  A ‘B’"
    found = find_normalised(text, 'A "B"')
    assert [item.exact for item in found] == ["A\u00a0“B”", 'A "B"']
    for item in found:
        assert_is_span_of(text, item)


def test_a_normalised_match_never_starts_or_ends_with_white_space():
    text = "x\n\u00a0 said  so \n y"
    (found,) = find_normalised(text, "said so")
    assert found.exact == "said  so"


# Multilingual text


def test_cyrillic_quote_with_straight_marks_finds_the_typographic_passage():
    text = "Министр заявил: «Экспорт вырос в 70 раз» — по данным таможни.\nДругие — не согласны."
    assert anchor(text, "Экспорт вырос в 70 раз").start == text.index("Экспорт")
    found = tolerant(text, 'заявил: "Экспорт вырос в 70 раз" - по данным')
    assert found.exact == "заявил: «Экспорт вырос в 70 раз» — по данным"


def test_case_is_kept_in_cyrillic():
    assert find_normalised("Министр заявил", "министр заявил") == []


def test_chinese_quote_is_anchored_and_full_width_punctuation_normalised():
    text = "哈萨克斯坦（2022年）向俄罗斯出口无人机，增长了七十倍。“数据”如此显示。"
    found = anchor(text, "向俄罗斯出口无人机")
    assert found.start == text.index("向")
    found = tolerant(text, "(2022年)向俄罗斯出口无人机,增长了七十倍")
    assert found.exact == "（2022年）向俄罗斯出口无人机，增长了七十倍"
    assert tolerant(text, '"数据"如此').exact == "“数据”如此"


def test_korean_decomposed_jamo_match_syllables():
    decomposed = unicodedata.normalize("NFD", "한국 수출")
    assert tolerant("기록: " + decomposed + " 증가", "한국 수출").exact == decomposed


def test_normalised_matches_normalise_like_the_quote():
    rng = random.Random(7)
    pool = list("ab cd\n“”‘’—–…\u00a0\u00adﬁ２éе\u0301中，") + ["  "]
    matched = 0
    for _ in range(300):
        text = "".join(rng.choice(pool) for _ in range(60))
        start = rng.randrange(0, 50)
        quote = text[start : start + rng.randrange(1, 10)]
        if not quote.strip():
            continue
        wanted = normalise(quote).strip(" ")
        for found in find_normalised(text, quote):
            assert_is_span_of(text, found)
            assert normalise(found.exact) == wanted, (text, quote, found)
            matched += 1
    assert matched > 200


# reanchor()


CITED = "The minister said the figures were “not accurate” and that re-exports were rare."


def stored(text: str, quote: str) -> dict:
    """Return the selectors of a citation as the catalog keeps them."""
    found = anchor(text, quote)
    return {
        "exact": found.exact,
        "prefix": found.prefix,
        "suffix": found.suffix,
        "start": found.start,
        "end": found.end,
    }


def test_reanchor_in_unchanged_text_returns_the_same_anchor():
    citation = stored(CITED, "the figures were")
    assert reanchor(CITED, **citation) == anchor(CITED, "the figures were")


def test_reanchor_follows_text_shifted_by_an_insertion():
    citation = stored(CITED, "the figures were")
    newer = "Update, 3 May: corrected.\n" + CITED
    found = reanchor(newer, **citation)
    assert found.start == citation["start"] + len("Update, 3 May: corrected.\n")
    assert found.exact == citation["exact"]
    assert_is_span_of(newer, found)


def test_reanchor_lets_prefix_and_suffix_pick_among_duplicates():
    text = "Officials said the figures were wrong. The minister said the figures were “not accurate”."
    cited = anchor(text, "the figures were", position=text.index("minister"))
    citation = {name: getattr(cited, name) for name in ("exact", "prefix", "suffix", "start", "end")}
    # In the newer version a paragraph is inserted before, so the old offsets point elsewhere.
    newer = "Officials said the figures were fine. " + text
    found = reanchor(newer, **citation)
    assert found.start == newer.index("the figures were “not")
    assert found.suffix.startswith(" “not accurate”")


def test_reanchor_prefers_context_over_the_old_position():
    text = "A: said the figures. B: said the figures, twice."
    citation = {"exact": "said the figures", "prefix": "B: ", "suffix": ", twice.", "start": 3, "end": 19}
    assert reanchor(text, **citation).start == text.index("B: said") + 3


def test_reanchor_breaks_ties_by_nearest_old_start():
    text = "x said y. x said y. x said y."
    citation = {"exact": "said", "prefix": "x ", "suffix": " y", "start": 11, "end": 15}
    assert reanchor(text, **citation).start == 12
    citation.update(start=25, end=29)
    assert reanchor(text, **citation).start == 22


def test_reanchor_returns_none_when_the_quote_is_gone():
    citation = stored(CITED, "“not accurate”")
    assert reanchor(CITED.replace("not accurate", "accurate"), **citation) is None
    assert reanchor("", **citation) is None


def test_reanchor_does_not_accept_a_normalised_match():
    citation = stored(CITED, "“not accurate”")
    assert reanchor(CITED.replace("“not accurate”", '"not accurate"'), **citation) is None


def test_reanchor_survives_offsets_past_the_end():
    citation = {"exact": "rare", "prefix": "were ", "suffix": ".", "start": 500, "end": 504}
    assert reanchor(CITED, **citation).start == CITED.index("rare")
    citation.update(start=-4, end=0)
    assert reanchor(CITED, **citation).start == CITED.index("rare")


# context()


LONG = " ".join(f"word{number}" for number in range(60))


def test_context_cuts_at_words_with_ellipses():
    found = anchor(LONG, "word30 word31")
    before, exact, after = context(LONG, found, width=20)
    assert exact == "word30 word31"
    assert before.startswith("…") and after.endswith("…")
    assert before == "…word28 word29 "  # "ord27" was cut
    assert after == " word32 word33…"  # "word3" was cut
    assert LONG[found.start - len(before) + 1 : found.start] == before[1:]


def test_context_keeps_short_text_whole():
    found = anchor(ARTICLE, "customs data show")
    before, exact, after = context(ARTICLE, found, width=1000)
    assert before + exact + after == ARTICLE
    assert "…" not in before + after


def test_context_at_the_edges_has_no_ellipsis_on_that_side():
    found = anchor(LONG, "word0")
    before, _, after = context(LONG, found, width=12)
    assert before == ""
    assert after == " word1 word2…"


def test_context_without_spaces_cuts_inside_the_text():
    text = "哈萨克斯坦向俄罗斯出口无人机增长了七十倍在二零二二年根据海关数据"
    found = anchor(text, "增长了")
    before, _, after = context(text, found, width=5)
    assert before == "…出口无人机"
    assert after == "七十倍在二…"


def test_context_refuses_an_anchor_of_another_text():
    found = anchor(ARTICLE, "customs data show")
    with pytest.raises(ValueError):
        context("another text entirely, much shorter", found)
