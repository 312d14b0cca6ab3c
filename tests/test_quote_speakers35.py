"""Speakers on the forms the fourteenth blind set (dev16) showed (round wt-q35): a woman's given name in
-ية after her title, a title ending on the body behind «بـ» before the apposed name, a place after a
region noun, the owners' association before its head's name, "who is called", أمين closing a name, a
participle of manner after the verb, an English family name on its particle before "from PLACE".
Paragraphs written for this round, as the quote stage reports them (``chosen_speakers``).
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers

LEAD_AR = "جدل في البرلمان بعد القرار\n\nقرر المجلس الأحد تعديل القواعد المعمول بها منذ سنوات.\n\n"
LEAD_EN = "Council row over new fees\n\nThe council on Sunday changed rules in place for years.\n\n"


def test_feminine_given_name_after_her_title_in_apposition():
    found = chosen_speakers(LEAD_AR + "وأكدت مديرة الصحة المدرسية بالوزارة، الدكتورة نادية بوعزيز، في حديث "
                            "للتلفزيون الرسمي، أن الحملة تشمل كل الولايات، وأضافت: «التلقيح مجاني ولا يحتاج "
                            "إلى موعد مسبق».")
    assert found["التلقيح مجاني"] == ("نادية بوعزيز", "person")


def test_title_ending_on_its_body_behind_a_preposition_is_not_the_name():
    found = chosen_speakers(LEAD_AR + "من جانبه، أكد الباحث الأثري بالمعهد الوطني للآثار، كمال الدريدي، في "
                            "تصريح للإذاعة، أن «الأسوار القديمة تحتاج إلى ترميم عاجل قبل فصل الأمطار».")
    assert found["الأسوار القديمة"] == ("كمال الدريدي", "person")


def test_place_after_a_region_noun_is_no_speaker():
    found = chosen_speakers(LEAD_AR + "وقال عضو مجلس محافظة نينوى عن الحزب الديمقراطي الكردستاني، شيرزاد "
                            "عمر، إن الحكومة المحلية تأخرت في صرف التعويضات للمتضررين.")
    assert found["الحكومة المحلية تأخرت"] == ("شيرزاد عمر", "person")


def test_owners_association_head_named_after_the_place():
    found = chosen_speakers(LEAD_AR + "في المقابل، قال رئيس جمعية أصحاب المواشي في الموصل سامان رشيد لوكالة "
                            "الأنباء المحلية إن القرار يهدد مئات المربين الصغار.")
    assert found["القرار يهدد مئات"] == ("سامان رشيد", "person")


def test_unnamed_witness_who_is_called_by_name():
    found = chosen_speakers(LEAD_AR + "ومن داخل المستشفى الجامعي، روى أحد الناجين، ويدعى سامح عبد الحميد، "
                            "للصحيفة ما جرى قائلا: كانت الحافلة مسرعة جدا ولم يتوقف السائق رغم صراخ الركاب.")
    assert found["كانت الحافلة مسرعة"] == ("سامح عبد الحميد", "person")


def test_amin_closing_a_three_word_name_before_that():
    found = chosen_speakers(LEAD_AR + "وقالت المتحدثة باسم مديرية التربية الدكتورة نسرين كاكه أمين إن "
                            "المدارس ستفتح أبوابها الأسبوع المقبل بعد انتهاء أعمال الصيانة.")
    assert found["المدارس ستفتح"] == ("نسرين كاكه أمين", "person")


def test_participle_of_manner_after_said_is_no_name():
    found = chosen_speakers(LEAD_AR + "وعن خططها بعد الاعتزال، قالت مبتسمة: «ربما أفتح مدرسة صغيرة للتنس في "
                            "مدينتي».")
    assert found["ربما أفتح مدرسة"][0] != "مبتسمة"


def test_family_name_on_its_particle_before_from_a_place():
    found = chosen_speakers(LEAD_EN + "Lawmaker Hassan al-Jubouri from Mosul said the budget ignored the north. "
                            "\"We will vote against it if nothing changes,\" he said.", "en")
    assert found["We will vote against"] == ("Hassan al-Jubouri", "person")
