from archive import quotes
from archive.changes import diff, track

OLD = ("The ministry said on Monday that exports reached $1.23 million in 2022. "
       "Officials declined to comment further. The report was published in March.")


def _cite(text: str, quote: str):
    found = quotes.anchor(text, quote)
    return found.exact, found.prefix, found.suffix, found.start, found.end


def test_quote_still_there_unchanged_or_moved():
    cited = _cite(OLD, "exports reached $1.23 million in 2022")
    assert track(OLD, *cited).status == "unchanged"
    moved = track("UPDATE: new paragraph on top. " + OLD, *cited)
    assert moved.status == "moved" and moved.now == "exports reached $1.23 million in 2022"


def test_quote_edited_reports_how_it_reads_now():
    cited = _cite(OLD, "exports reached $1.23 million in 2022")
    new = OLD.replace("$1.23 million", "$1.32 million")
    result = track(new, *cited)
    assert result.status == "changed" and result.now == "exports reached $1.32 million in 2022"
    assert new[result.start:result.end] == result.now


def test_typographic_change_is_a_change_with_the_stored_passage():
    cited = _cite('He said "no comment" twice.', '"no comment"')
    result = track("He said “no comment” twice.", *cited)
    assert result.status == "changed" and result.now == "“no comment”"


def test_rewritten_sentence_found_by_similarity():
    cited = _cite(OLD, "Officials declined to comment further.")
    new = "Entirely new opening. The officials declined to comment any further. The report was published in March."
    result = track(new, *cited)
    assert result.status == "changed" and "declined to comment any further" in result.now


def test_quote_removed_vanishes():
    cited = _cite(OLD, "Officials declined to comment further.")
    assert track(OLD.replace("Officials declined to comment further. ", ""), *cited).status == "vanished"


def test_diff_by_line_and_word():
    old = "Title\nExports reached $1.23 million.\nUnchanged line.\n"
    new = "Title\nExports reached $1.32 million.\nUnchanged line.\nAdded line.\n"
    pieces = diff(old, new)
    assert ("-", "$1.23") in pieces and ("+", "$1.32") in pieces
    assert pieces[-1] == ("+", "Added line.\n")
    assert "".join(t for op, t in pieces if op != "+") == old
    assert "".join(t for op, t in pieces if op != "-") == new
