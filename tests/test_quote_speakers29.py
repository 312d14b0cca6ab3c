"""Speakers on forms left by session 16's rounds (round wt-q29), on paragraphs written for this round (what a
newsroom reader sees after the quote stage). A wrong name is worse than none.

- "وأكد المتحف" after a spokesperson "باسم المتحف" and a lead "رد متحف الفن ... في القاهرة": the museum the
  body names in full, not the words "رد متحف" read as a person, nor the headline's short name.
- Acronyms spelled in letter names: "وقالت شبكة إن بي سي إن" (not "شبكة"), "شبكة سي إن إن أن" (not "شبكة
  سي"), "شركة تي سي إن أنها" (not "تي سي", and the clause opens after أنها); «تي سي إن» after the body's
  full name leaves the full name (was the person "تي سي").
- A country as the speaker ("Egypt says as it cuts ...", "Jordan says" with "Jordanian" in the story): no
  person; a headline's country quote echoed in the body goes to the one quoted there.
- A headline of two labels ("المجلس: ... .. والوزير: ..."): the second label's quote is the second label's.
- A long fronted subject after غير أن ("غير أن الخبير ... المقيم في لندن X Y Z حذر من أن").
- «...؟»، يتساءل X: a present-tense verb of asking after a quoted question.
- "Former Tunisian minister tells court: '...'": no speaker "... tells court".
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers, speakers

LEAD_AR = "أزمة في الأسواق بعد القرار\n\nقرر المجلس الأحد تعديل القواعد المعمول بها منذ سنوات.\n\n"
LEAD_EN = "Markets shaken after decision\n\nThe council on Sunday changed rules in place for years.\n\n"


def test_museum_is_the_one_the_body_names_in_full():
    found = chosen_speakers(
        "متحف القاهرة يرد على المنتقدين\n\n"
        "رد متحف الفن الحديث في القاهرة، الثلاثاء، على انتقادات فنانين لمعرضه الجديد.\n\n"
        "وقالت المتحدثة باسم المتحف هالة سمير النجار إن اللوحات كلها معارة من مجموعات خاصة موثقة.\n\n"
        "وأكد المتحف في بيان لاحق أن المعرض سيستمر حتى نهاية الشهر المقبل كما كان مقررا.")
    assert found["المعرض سيستمر"] == ("متحف الفن الحديث", "organisation")
    assert found["اللوحات كلها"] == ("هالة سمير النجار", "person")


def test_network_spelled_in_letters_before_its_clause():
    found = speakers(LEAD_AR + "وقالت شبكة إن بي سي إن مسؤولين في البيت الأبيض ناقشوا الخطة في اجتماع مغلق.\n\n"
                     "وذكرت شبكة سي إن إن أن الرئيس سيعلن قراره خلال أيام بعد مشاورات مع حلفائه.")
    assert found["مسؤولين في البيت"] == ("إن بي سي", "organisation")
    assert found["الرئيس سيعلن"] == ("سي إن إن", "organisation")


def test_acronym_ending_in_n_before_its_complementizer():
    found = speakers(LEAD_AR + "وأعلنت شركة تي سي إن أنها ستوقف إنتاج المصنع مؤقتا حتى انتهاء أعمال الصيانة.")
    assert found["ستوقف إنتاج"] == ("تي سي إن", "organisation")


def test_country_speaker_in_a_headline_is_no_person():
    found = chosen_speakers(
        "'No family will be left behind,' Egypt says as it cuts bread subsidy\n\n"
        "CAIRO (Reuters) - Egypt will cut its bread subsidy from March, the government said on Sunday.\n\n"
        "\"No family will be left behind. The money will go to those who need it,\" Supply Minister Karim Adel "
        "Mansour told a news conference in Cairo.", lang="en")
    headline = next(speaker for text, speaker in found.items() if text == "No family will be left behind")
    assert headline == ("Karim Adel Mansour", "person")


def test_country_with_its_nationality_in_the_story_is_an_organisation():
    found = speakers("Ancient coins seized at airport, Morocco says\n\n"
                     "Moroccan customs officers found 300 coins in a traveller's luggage at Casablanca airport.",
                     lang="en")
    assert found["Ancient coins seized"] == ("Morocco", "organisation")


def test_second_headline_label_speaks_its_own_half():
    found = chosen_speakers(
        "المجلس البلدي: الطرق ستفتح خلال أسبوع.. والوزير: لا تهاون مع المقصرين\n\n"
        "قرر المجلس البلدي الأحد فتح الطرق المغلقة بعد السيول.\n\n"
        "وقال وزير النقل سامي خليل العبيدي إن لا أحد فوق القانون في هذه القضية.")
    assert found["لا تهاون"] == ("سامي خليل العبيدي", "person")
    assert not [q for q in found if "والوزير" in q]


def test_long_subject_fronted_after_but_that():
    found = speakers(LEAD_AR + "وقال وزير الاقتصاد ماهر فؤاد الحسن إن الأسواق ستستقر خلال أسابيع.\n\n"
                     "غير أن الباحث الاقتصادي اللبناني المقيم في لندن سامر حسن العلي حذر من أن الأسعار قد "
                     "ترتفع مجددا خلال الأشهر المقبلة.")
    assert found["الأسعار قد ترتفع"] == ("سامر حسن العلي", "person")


def test_present_tense_asking_after_a_quoted_question():
    found = speakers(LEAD_AR + "وقال التاجر سامر حسن العلي إن المحلات خسرت نصف زبائنها منذ الصيف.\n\n"
                     "«من يعوض التجار عن خسائر ستة أشهر كاملة؟»، يتساءل العلي.")
    assert found["من يعوض التجار"] == ("سامر حسن العلي", "person")


def test_headline_label_stops_at_its_reporting_verb():
    found = chosen_speakers("Former Tunisian minister tells court: 'I broke no law'\n\n"
                            "A former Tunisian minister on Sunday told a court in Tunis he was innocent.", lang="en")
    assert all("tells" not in (speaker or "") for speaker, _ in found.values())


def test_acronym_in_marks_after_the_full_name_leaves_the_full_name():
    found = speakers(LEAD_AR + "وأعلنت شركة النقل الوطنية النيجيرية «تي سي إن» أنها أعادت الخدمة إلى معظم أحياء "
                     "العاصمة بعد توقف استمر يومين.")
    assert found["أعادت الخدمة"] == ("شركة النقل الوطنية النيجيرية", "organisation")
