"""Forms met across the fresh sets (dev5..dev9), written as news sentences for these tests: a compound
given name before a family name that looks like an adjective, a three-word statement joined to a second
one under the same verb."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers


def test_a_compound_given_name_keeps_its_second_half_before_an_adjective_like_family_name():
    found = _speakers("العملة\n\nوقال محافظ البنك المركزي عبد الرحمن الشمرية، في مؤتمر صحافي، إن الأوراق "
                      "النقدية الجديدة ستطرح للتداول مطلع الشهر المقبل.")
    assert found["الأوراق النقدية الجديدة"] == ("عبد الرحمن الشمرية", "person")


def test_a_three_word_statement_joined_to_a_second_one_is_a_quote_ar():
    found = _speakers("التسمم\n\nوقال مدير المستشفى العام الدكتور عادل منصور إن المصابين بحالة جيدة، وإن "
                      "أغلبهم غادروا المستشفى مساء أمس بعد تلقي العلاج.")
    assert found["المصابين بحالة جيدة"] == ("عادل منصور", "person")
    assert found["أغلبهم غادروا المستشفى"] == ("عادل منصور", "person")


def test_a_three_word_statement_joined_to_a_second_one_is_a_quote_en():
    found = _speakers("Poisoning\n\nHospital director Adel Mansour said that casualties were stable and that most "
                      "had gone home on Tuesday evening after treatment.", lang="en")
    assert found["casualties were stable"] == ("Adel Mansour", "person")
    assert found["most had gone home"] == ("Adel Mansour", "person")


def test_a_lone_three_word_clause_is_still_no_quote():
    found = _speakers("التسمم\n\nوقال مدير المستشفى العام الدكتور عادل منصور إن المصابين بحالة جيدة.")
    assert not found
