"""Speakers named again by family name, title or pronoun (round wt-q31), on paragraphs written for this round.

An article names a speaker once in full, then by the family name ("أما الشيباني فقال", "وأضاف ملك،"), the
title alone ("وأكد الوزير السوري", "the CEO said") or a pronoun after an apposition ("Its managing director,
Claire Hatton, apologised. ..., she said"). The article's register of persons (``register``) gives
the one person who fits; where two fit equally, the quote stays unattributed (no name beats a wrong one).
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers, speakers

HEAD_AR = "اتفاق على لجنة مشتركة لترسيم الحدود بين البلدين\n\n"
MINISTERS_AR = (HEAD_AR + "اتفق وزيرا الخارجية اللبناني يوسف رجي والسوري أسعد حسن الشيباني، أمس في الرياض، على "
                "تشكيل لجنة تقنية مشتركة.\n\n"
                "وقال رجي في مؤتمر صحفي إن اللجنة ستشكل خلال ثلاثين يوما.\n\n")


def test_family_name_alone_after_a_shared_title_is_the_second_minister():
    found = speakers(MINISTERS_AR + "أما الشيباني فقال: «نريد أن تكون الحدود جسرا لا جدارا».")
    assert found["نريد أن تكون الحدود"] == ("أسعد حسن الشيباني", "person")


def test_title_with_nationality_alone_is_the_one_minister_of_that_country():
    found = speakers(MINISTERS_AR + "وأكد الوزير السوري أن دمشق ملتزمة بملاحقة شبكات التهريب في الاتجاهين.\n\n"
                     "وأضاف الشيباني أن بلاده تريد علاقات جديدة.")
    assert found["دمشق ملتزمة بملاحقة"] == ("أسعد حسن الشيباني", "person")


def test_family_name_that_is_also_a_title_word_after_a_comma_apposition():
    found = speakers("قطار جديد بين المدينتين\n\n"
                     "وقال الرئيس التنفيذي لشركة قطارات الاتحاد، شادي ملك، إن الرحلة ستستغرق 57 دقيقة فقط.\n\n"
                     "وأضاف ملك، خلال مؤتمر صحفي: «أول قطار سينطلق في الخامس عشر من يناير المقبل».")
    assert found["أول قطار سينطلق"] == ("شادي ملك", "person")


def test_two_ministers_share_the_title_and_the_bare_title_names_no_one():
    found = speakers(HEAD_AR + "اجتمع وزير الخارجية الأردني أيمن الصفدي ووزير الخارجية المصري بدر عبد العاطي في "
                     "عمان.\n\n"
                     "وقال الصفدي إن الاجتماع كان مثمرا.\n\n"
                     "وأضاف عبد العاطي أن التنسيق مستمر بين البلدين.\n\n"
                     "وأكد وزير الخارجية أن الحل السياسي هو الطريق الوحيد للخروج من الأزمة.")
    assert found["الحل السياسي هو"][0] is None


def test_the_ceo_alone_is_the_chief_executive_named_before():
    text = ("Riyadh Air delays launch\n\n"
            "Saudi Arabia's new carrier will push back its first flights, Chief Executive Tony Douglas said on Monday.\n\n"
            "Rania Haddad, an aviation analyst, said the delay was expected.\n\n"
            "Douglas, a former airline boss, insisted the plans were intact. \"We have not changed a single one of "
            "our targets for 2030,\" the CEO said.")
    found = chosen_speakers(text, lang="en")
    assert found["We have not changed"] == ("Tony Douglas", "person")


def test_she_after_a_possessive_apposition_is_the_officer_not_the_operator():
    text = ("Rail operator cancels Christmas trains\n\n"
            "Northern Link Trains said on Tuesday it would cancel one in five services over the holiday.\n\n"
            "The operator said a scheduling mistake had left it without enough drivers.\n\n"
            "Its managing director, Claire Hatton, apologised to passengers. \u201cWe got this wrong, and I am "
            "sorry,\u201d she said.")
    found = speakers(text, lang="en")
    assert found["We got this wrong"] == ("Claire Hatton", "person")
