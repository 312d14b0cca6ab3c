"""Speaker and quote forms met in a second blind labeller's articles (dev4) that the earlier rules
missed, on news-like sentences written for these tests (Arabic and English)."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers


def test_a_reply_verb_written_with_its_shadda_reports_colon_speech():
    found = _speakers("عنوان الخبر\n\nوقال رئيس النادي سمير الحداد إن الموسم كان صعبا على الجميع.\n\n"
                      "وردّ الحداد على سؤال حول المدرب: المدرب باق حتى نهاية العقد ولن نغيره.")
    assert found["المدرب باق"] == ("سمير الحداد", "person")
