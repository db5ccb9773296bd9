"""When a PDF page's text layer is used and when the page is read by OCR instead (ingest/textlayer.py)."""

import pytest

from ingest.textlayer import BROKEN, MISSING, STAMPED, ocr_reason

TEXT = "Kazakhstan exported drones worth $1.23 million to Russia in 2022, customs data show."


@pytest.mark.parametrize("text, cover, reason", [
    ("", 0.0, MISSING),
    (" \n\t ", 1.0, MISSING),
    (TEXT, 0.0, None),
    (TEXT, 1.0, None),  # a scan with a good text layer (an OCR'd PDF): the layer is used
    # A few unmapped glyphs among real text (a bullet, a ligature) leave the layer usable...
    (TEXT + " (cid:12) \ufffd \ue001", 0.0, None),
    # ...a font without a Unicode map turns nearly every character into one.
    ("(cid:40)(cid:41)(cid:42)(cid:43) (cid:44)(cid:45)", 0.0, BROKEN),
    ("\ufffd\ufffd\ufffd\ufffd data \ufffd\ufffd\ufffd", 0.0, BROKEN),
    ("\ue000\ue001\ue002 \ue003\ue004 12", 0.0, BROKEN),
    ("\x01\x02\x03\x04\x05 ok", 0.0, BROKEN),
    # A page or Bates number printed on a scanned page: the scan is read.
    ("EXHIBIT-000123", 0.95, STAMPED),
    ("Page 3 of 10", 0.6, STAMPED),
    ("Page 3 of 10", 0.2, None),  # a page with little text and no scan holds what it holds
])
def test_a_page_is_read_by_ocr_when_its_text_layer_is_missing_broken_or_a_stamp_on_a_scan(text, cover, reason):
    assert ocr_reason(text, cover) == reason
