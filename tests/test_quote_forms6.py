"""Speaker and reporting forms behind the errors left on the second blind labeller's articles (dev4),
on news-like sentences written for these tests (Arabic and English): an unnamed spokesperson, an
institution after a person, a named person of an outlet, chanting, posts on a platform, promises,
descriptions after the verb, headline fragments and short indirect clauses."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers


def test_an_unnamed_spokesperson_of_the_government_is_not_the_head_of_government():
    found = _speakers("عنوان الخبر هنا\n\nعمّان – أدت حكومة الشيخ سالم ناصر الخالد اليمين الدستورية أمس.\n\n"
                      "وقال الناطق الرسمي باسم الحكومة، في تصريح لوكالة الأنباء الرسمية، إن الحكومة ستعوض "
                      "المزارعين المتضررين قبل نهاية الشهر.")
    assert found["الحكومة ستعوض"] == ("الناطق الرسمي باسم الحكومة", "anonymous")


def test_a_named_spokesperson_of_the_government_is_still_found():
    found = _speakers("عنوان الخبر هنا\n\nعمّان – قال المتحدث باسم الحكومة مهند المبيضين إن الأسعار ستبقى "
                      "على حالها حتى الصيف.\n\nوأضاف المتحدث باسم الحكومة أن الدعم سيصل إلى كل الأسر المحتاجة.")
    assert found["الدعم سيصل"] == ("مهند المبيضين", "person")


def test_a_consulate_after_a_named_minister_is_the_consulate():
    found = _speakers("عنوان الخبر هنا\n\nإسطنبول – قال وزير الداخلية التركي علي يرلي كايا إن النيران "
                      "طالت ثلاث قرى قرب الساحل.\n\nمن جهتها، أكدت القنصلية العامة لفرنسا في إسطنبول، في "
                      "تغريدة، أن جميع المواطنين الفرنسيين في المنطقة بخير.")
    assert found["جميع المواطنين"] == ("القنصلية العامة لفرنسا", "organisation")
