"""Speakers on news forms that a new blind set (dev12, round wt-q26) showed the rules misreading, on
paragraphs written for this round (what a newsroom reader sees after the quote stage).

- An Arabic witness named between two parts of a quotation with a description after a comma
  ('"..."، يقول X، صاحب محل مجاور، "..."') was read as "X صاحب محل مجاور": the description's words pass
  as a name by elimination. The apposition closes at the comma that opens the quotation's next part.
- A banner's words ("رفع محتجون لافتة كتب عليها: «...»") have no speaker: لافتة is the noun, not the
  participle "pointing out", which reports only as "لافتة إلى أن".
- "وأعلن محافظ البصرة أسعد العيداني تشكيل لجنة ...، وقال: ..." gave the quote to "تشكيل" (or to "X Y
  توقيف"): a verbal noun of the pattern تفعيل after the name, with its complement, is the verb's object.
- '"...," said the station commander, Helen Marsh.': the name apposed to the description after an
  inverted verb is the speaker (the quote was left without one).
- "قال مدير إدارة ... في الهيئة العامة للزراعة، الدكتور فهد المطيري، لـ«الرأي»: ..." was the unnamed
  director: the name apposed between commas, right before the listener and the colon, is the speaker
  (as one right before إن was in round wt-q25).
- "وإن" / "وأن" ("and that") are no name words: a headline label "الأوقاف:" went to the "person" "وإن
  الأوقاف" of a body sentence "..., وإن الأوقاف لم تقدم طلبا".
- "Member of the State Council Aisha Al Rawahi said ... “...,” she said" gave her words to the speaker
  before: the subject was read as the body "Council Aisha Al Rawahi". A body word followed by a name of
  two words or more is a member of that body.
"""

from __future__ import annotations

import pytest

from tests.quote_helpers import chosen_speakers

WITNESS_BETWEEN_PARTS = """حريق يلتهم سوق الخضار

اندلع حريق في سوق الخضار وسط المدينة فجر الأحد، وأتى على عشرات المحال.

"استيقظنا على صراخ الجيران"، يقول كريم حداد، صاحب مخبز قريب، "ثم رأينا الدخان يغطي الشارع كله".

وأضاف: لم تصل سيارات الإطفاء إلا بعد ساعة كاملة."""

BANNER = """احتجاج على انقطاع المياه أمام البلدية

وتجمع العشرات أمام مبنى البلدية ظهر الثلاثاء احتجاجا على انقطاع المياه منذ أسبوعين.

وفي الساحة رفع محتجون لافتة كتب عليها: «نريد ماء لا وعودا».

وقال رئيس البلدية سمير نصار إن المشروع الجديد سينجز قبل الصيف."""

STILL_POINTING = """أزمة المياه في الصيف

وأكدت المتحدثة باسم الوزارة سلمى يونس أن التوزيع سيبدأ غدا، لافتة إلى أن الحصص ستزيد في الصيف المقبل."""

VERBAL_NOUN_OBJECT = """انهيار جسر قيد الإنشاء في الريف

من جهته، أعلن محافظ البصرة أسعد العيداني تشكيل لجنة للتحقيق في الانهيار، وقال: لن نتهاون مع أي مقاول مقصر في عمله.

وأعلن وزير النقل رزاق محيبس توقيف العمل في المشروع، وقال للصحفيين: سنراجع كل العقود الموقعة مع الشركة.

وقال المهندس توفيق الراشد إن الجسر صمم وفق المعايير الدولية."""

NAMED_AFTER_DESCRIPTION = """Fire destroys seaside pier arcade

Firefighters worked through the night to contain the blaze on the town's Victorian pier.

“The flames were already through the roof when we arrived,” said the station commander, Helen Marsh. “We focused on saving the lifeboat station.”

Police said the cause was not yet known."""

APPOSED_BEFORE_LISTENER = """نفوق آلاف الأسماك في البحيرة

من جهته، قال مدير إدارة الثروة السمكية في الهيئة العامة للزراعة، الدكتور فهد المطيري، لـ«الرأي»: أخذنا عينات من المياه وسنعلن النتائج خلال أسبوع."""

AND_THAT = """الأوقاف: إغلاق المقبرة القديمة يهدد مئات القبور بالإهمال

أغلقت السلطات المحلية المقبرة القديمة في المدينة منذ الشهر الماضي بحجة أعمال تطوير.

في المقابل، قالت البلدية في بيان إن الأعمال تجري وفق القانون، وإن الأوقاف لم تعترض على المخطط في حينه."""

MEMBER_OF_A_BODY = """Council members demand a review of the port tender

Salim Al Harthy, the company's chief executive, said the bid was fair. "We followed every rule," he said.

Member of the State Council Aisha Al Rawahi said the process needed an overhaul. "The same firms win every time," she said.

Member of Parliament Laura Benson said the vote was a mistake."""

DESCRIPTION_ONLY = """Fire destroys seaside pier arcade

“The flames were already through the roof when we arrived,” said the station commander. “We focused on saving the lifeboat station.”"""


def _speaker_of(speakers: dict[str, tuple[str | None, str]], start: str) -> str | None:
    return next(name for text, (name, _) in speakers.items() if text.startswith(start))


def test_a_witness_between_two_parts_of_a_quotation_is_the_name_alone() -> None:
    speakers = chosen_speakers(WITNESS_BETWEEN_PARTS, "ar")
    assert _speaker_of(speakers, "استيقظنا") == "كريم حداد"
    assert _speaker_of(speakers, "ثم رأينا") == "كريم حداد"
    assert _speaker_of(speakers, "لم تصل") == "كريم حداد"


def test_a_banners_words_have_no_speaker() -> None:
    speakers = chosen_speakers(BANNER, "ar")
    assert _speaker_of(speakers, "نريد ماء") is None
    assert _speaker_of(speakers, "المشروع الجديد") == "سمير نصار"


def test_pointing_out_still_reports() -> None:
    assert _speaker_of(chosen_speakers(STILL_POINTING, "ar"), "الحصص ستزيد") == "سلمى يونس"


def test_a_verbal_noun_after_the_name_is_the_verbs_object() -> None:
    speakers = chosen_speakers(VERBAL_NOUN_OBJECT, "ar")
    assert _speaker_of(speakers, "لن نتهاون") == "أسعد العيداني"
    assert _speaker_of(speakers, "سنراجع") == "رزاق محيبس"
    assert _speaker_of(speakers, "الجسر صمم") == "توفيق الراشد"  # a given name of that pattern stays a name


def test_a_name_apposed_to_the_description_after_said_is_the_speaker() -> None:
    speakers = chosen_speakers(NAMED_AFTER_DESCRIPTION, "en")
    assert _speaker_of(speakers, "The flames") == "Helen Marsh"
    assert _speaker_of(speakers, "We focused") == "Helen Marsh"


def test_a_name_apposed_before_the_listener_is_the_speaker() -> None:
    assert chosen_speakers(APPOSED_BEFORE_LISTENER, "ar")[
        "أخذنا عينات من المياه وسنعلن النتائج خلال أسبوع"] == ("فهد المطيري", "person")


def test_and_that_is_no_name() -> None:
    speakers = chosen_speakers(AND_THAT, "ar")
    assert all(not (name or "").startswith("وإن") for name, _ in speakers.values())
    assert _speaker_of(speakers, "إغلاق المقبرة") in {None, "الأوقاف"}


def test_a_member_named_after_her_body_is_a_person() -> None:
    speakers = chosen_speakers(MEMBER_OF_A_BODY, "en")
    assert speakers["the process needed an overhaul"] == ("Aisha Al Rawahi", "person")
    assert _speaker_of(speakers, "The same firms") == "Aisha Al Rawahi"
    assert speakers["the vote was a mistake"] == ("Laura Benson", "person")
    assert _speaker_of(speakers, "We followed") == "Salim Al Harthy"


@pytest.mark.parametrize("lang", ["en"])
def test_a_description_without_a_name_names_no_one(lang: str) -> None:
    assert _speaker_of(chosen_speakers(DESCRIPTION_ONLY, lang), "The flames") is None
