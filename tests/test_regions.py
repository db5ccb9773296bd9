"""Regions of a page's picture and table cells as users give them: parsed, bounded, described."""

import pytest

from archive.errors import InvalidInputError
from archive.regions import (CellRequest, Region, RegionRequest, TableCell, describe_cell, parse_cell, parse_region,
                             region_of_box)


def test_a_region_is_page_then_x_y_width_height_in_whole_pixels():
    assert parse_region("2:72,100,200,40") == RegionRequest(2, 72, 100, 200, 40)
    assert parse_region(" 1 : 0, 0 ,10,10 ") == RegionRequest(1, 0, 0, 10, 10)
    assert parse_region({"page": 3, "x": 1, "y": 2, "w": 3, "h": 4}) == RegionRequest(3, 1, 2, 3, 4)


@pytest.mark.parametrize("given", ["2:72,100,200", "72,100,200,40", "2:-5,100,200,40", "2:7.5,100,200,40",
                                   "page 2", "", "2:1,1,1,1,1", "x:1,2,3,4", "２:1,2,3,4", "2:1e3,1,1,1",
                                   ["2", 1, 2, 3], 17, None])
def test_a_region_written_otherwise_is_refused_with_its_form(given):
    with pytest.raises(InvalidInputError, match="PAGE:X,Y,WIDTH,HEIGHT|must be a whole number"):
        parse_region(given)


@pytest.mark.parametrize("given", ["2:10,10,0,40", "2:10,10,200,0", {"page": 1, "x": 0, "y": 0, "w": 0, "h": 5}])
def test_a_region_of_no_size_is_refused(given):
    with pytest.raises(InvalidInputError, match="at least one pixel"):
        parse_region(given)


@pytest.mark.parametrize("given", [{"page": 1, "x": -1, "y": 0, "w": 5, "h": 5},
                                   {"page": 1, "x": 0, "y": 0, "w": -5, "h": 5},
                                   {"page": 1, "x": True, "y": 0, "w": 5, "h": 5},
                                   {"page": 1, "x": 1.5, "y": 0, "w": 5, "h": 5},
                                   {"page": 1, "x": "1", "y": 0, "w": 5, "h": 5},
                                   {"page": 1, "y": 0, "w": 5, "h": 5}])
def test_an_api_region_takes_whole_numbers_of_at_least_zero(given):
    with pytest.raises(InvalidInputError, match="whole number"):
        parse_region(given)


def test_page_zero_and_pages_past_any_document_are_refused():
    for given in ("0:1,1,1,1", "100001:1,1,1,1"):
        with pytest.raises(InvalidInputError, match="page number"):
            parse_region(given)


def test_a_region_lies_on_its_page_or_is_refused():
    asked = parse_region("2:395,800,200,42")
    assert asked.on(595, 842, pages=3) == Region(2, 395, 800, 200, 42, 595, 842)
    with pytest.raises(InvalidInputError, match="reaches outside page 2, whose picture is 595 × 841"):
        asked.on(595, 841, pages=3)
    with pytest.raises(InvalidInputError, match="x \\+ width must be at most 594"):
        asked.on(594, 842, pages=3)
    with pytest.raises(InvalidInputError, match="There is no page 2: the capture has 1 page\\."):
        asked.on(595, 842, pages=1)


def test_a_region_is_a_media_fragment_of_whole_pixels_with_its_reference_size():
    region = Region(2, 72, 100, 200, 40, 595, 842)
    assert region.fragment == "xywh=pixel:72,100,200,40"
    assert region.to_json() == {"page": 2, "x": 72, "y": 100, "w": 200, "h": 40, "width": 595, "height": 842}
    assert region.describe() == "page 2: 200 × 40 px at (72, 100) of the page's picture (595 × 842 px)"


def test_a_box_in_points_becomes_the_whole_pixels_around_it_inside_the_page():
    assert region_of_box(1, [56.94, 120.0, 130.71, 138.0], 595, 842) == Region(1, 56, 120, 75, 18, 595, 842)
    assert region_of_box(1, [-3.0, 830.5, 600.2, 845.0], 595, 842) == Region(1, 0, 830, 595, 12, 595, 842)


def test_a_cell_is_page_table_row_column():
    assert parse_cell("2:1:3:4") == CellRequest(2, 1, 3, 4)
    assert parse_cell({"page": 2, "table": 1, "row": 3, "column": 4}) == CellRequest(2, 1, 3, 4)
    for given in ("2:1:3", "2:0:3:4", "a:b:c:d", {"page": 2, "table": 1, "row": 3}, 5):
        with pytest.raises(InvalidInputError, match="table cell|whole number"):
            parse_cell(given)


def test_a_cell_is_described_with_its_headers():
    cell = TableCell(2, 1, 3, 4, "9013", "Value, USD", "410,500")
    assert cell.describe() == "Table 1, row 3 (9013), column 4 (Value, USD)"
    assert describe_cell({"table": 1, "row": 1, "column": 2, "row_header": "HS code", "column_header": None}) == \
        "Table 1, row 1 (HS code), column 2"
    assert describe_cell({"table": 2, "row": 4, "column": 1, "row_header": None,
                          "column_header": "Стоимость,\nдолл. США"}) == "Table 2, row 4, column 1 (Стоимость, долл. США)"
