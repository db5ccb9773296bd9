"""Placing a browser capture's measured text blocks in its extracted text (archive/layout.py): a box only where
the place is certain, none where it is not."""

from __future__ import annotations

from archive.layout import Box, Layout

LINE = 20  # height of a line of the made-up screenshots below


def block(text: str, top: int, words_per_line: int = 100) -> dict:
    """A measured block: its text on lines of `words_per_line` words, each line LINE pixels tall from `top`."""
    words, lines, start = text.split(" "), [], 0
    for first in range(0, len(words), words_per_line):
        run = " ".join(words[first:first + words_per_line])
        lines.append([start, start + len(run), 10, top + len(lines) * LINE, 8 * len(run), LINE])
        start += len(run) + 1
    height = LINE * len(lines)
    return {"text": text, "box": [10, top, max(line[4] for line in lines), height], "lines": lines}


def layout(*blocks: dict, height: int = 2000) -> dict:
    return {"version": 1, "width": 1280, "height": height, "blocks": list(blocks)}


PARAGRAPH = "Customs records show exports of drones worth 1.23 million dollars to Russia in 2022 and after."
TEXT = f"Drone exports\n{PARAGRAPH}\nOfficials declined to comment."


def test_a_passage_gets_the_box_of_the_lines_it_touches():
    placed = Layout(layout(block("Drone exports", 0), block(PARAGRAPH, 40, words_per_line=6),
                           block("Officials declined to comment.", 200)), TEXT)
    assert placed.placed == 3
    start = TEXT.index("1.23 million")
    # words 7-12 and 13-18 of the paragraph are its second and third lines
    second_line = Box(10, 60, 8 * len("worth 1.23 million dollars to Russia"), LINE)
    assert placed.boxes(start, start + len("1.23 million")) == [second_line]
    assert placed.boxes(0, len("Drone exports")) == [Box(10, 0, 8 * 13, LINE)]


def test_a_passage_over_two_blocks_gets_a_box_in_each():
    placed = Layout(layout(block("Drone exports", 0), block(PARAGRAPH, 40)), TEXT)
    end = TEXT.index("Customs records") + len("Customs records")
    assert placed.boxes(0, end) == [Box(10, 0, 104, LINE), Box(10, 40, 8 * len(PARAGRAPH), LINE)]


def test_text_no_block_holds_gets_no_box():
    placed = Layout(layout(block("Drone exports", 0), block(PARAGRAPH, 40)), TEXT)  # the last line unmeasured
    start = TEXT.index("dollars")
    assert placed.boxes(start, len(TEXT)) == []
    assert placed.boxes(TEXT.index("Officials"), len(TEXT)) == []


def test_repeated_blocks_are_placed_in_order_only_when_every_one_was_kept():
    text = "Read more\nFirst story.\nRead more\nSecond story."
    both = Layout(layout(block("Read more", 0), block("First story.", 20), block("Read more", 40),
                         block("Second story.", 60)), text)
    second = text.index("Read more", 1)
    assert both.boxes(second, second + 9) == [Box(10, 40, 72, LINE)]
    one_dropped = "First story.\nRead more\nSecond story."
    unsure = Layout(layout(block("Read more", 0), block("First story.", 20), block("Read more", 40),
                           block("Second story.", 60)), one_dropped)
    start = one_dropped.index("Read more")
    assert unsure.boxes(start, start + 9) == []  # which of the two was kept cannot be told: no box


def test_list_items_and_table_cells_are_placed_in_their_lines():
    text = "Exports\n- Drones to Russia\n- Parts to Belarus\n| 2022 | 1.23 million |"
    placed = Layout(layout(block("Exports", 0), block("Drones to Russia", 20), block("Parts to Belarus", 40),
                           block("2022", 60), block("1.23 million", 60)), text)
    start = text.index("Parts")
    assert placed.boxes(start, start + len("Parts to Belarus")) == [Box(10, 40, 8 * 16, LINE)]
    both_items = placed.boxes(text.index("Drones"), start + len("Parts to Belarus"))
    assert [box.y for box in both_items] == [20, 40]  # "- " between them belongs to no block, and is no gap
    figure = text.index("1.23 million")
    assert placed.boxes(figure, figure + 12) == [Box(10, 60, 96, LINE)]


def test_a_block_broken_by_a_line_break_is_placed_when_it_stands_alone():
    text = "Statement of the ministry\nThe shipments were approved\nby the customs office."
    placed = Layout(layout(block("The shipments were approved by the customs office.", 30)), text)
    start = text.index("approved")
    assert placed.boxes(start, start + len("approved")) == [Box(10, 30, 8 * 50, LINE)]  # its one line


def test_a_short_block_inside_other_text_is_not_placed():
    text = "The drone exports rose.\nExports"
    placed = Layout(layout(block("drone", 0), block("Exports", 20)), text)  # "drone": short, and mid-line
    assert placed.boxes(4, 9) == []
    assert placed.boxes(text.index("Exports"), len(text)) == [Box(10, 20, 56, LINE)]


def test_a_passage_below_the_screenshot_gets_no_box():
    placed = Layout(layout(block("Drone exports", 0), block(PARAGRAPH, 1990), height=2000), TEXT)
    start = TEXT.index("Customs")
    assert placed.boxes(start, start + 7) == []  # its line ends past the 2,000 px kept


def test_malformed_measures_are_ignored():
    measured = layout(block("Drone exports", 0), {"text": PARAGRAPH, "box": "nowhere"}, {"text": 5}, "junk")
    placed = Layout(measured, TEXT)
    assert placed.placed == 1 and placed.boxes(0, 5) == [Box(10, 0, 104, LINE)]
    assert Layout({}, TEXT).boxes(0, 5) == [] and Layout(layout(), "").boxes(0, 1) == []
