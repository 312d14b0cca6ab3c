"""Speakers on the forms the fifteenth blind set (dev17) showed (round wt-q36): a family name in ات before
أن after a clause verb, an association's representative named in apposition, a place phrase or a verb
opening a sentence read as a person, a title set off by commas after the name, a scene's person named
after a title or with عبد, "وفق" inside a reported clause, a counterpart's office, a second English
apposition, "she asked" after a question, a name inside a quotation taken for a newcomer.
Paragraphs written for this round, as the quote stage reports them (``chosen_speakers``).
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers

LEAD_AR = "جدل في البرلمان بعد القرار\n\nقرر المجلس الأحد تعديل القواعد المعمول بها منذ سنوات.\n\n"
LEAD_EN = "Council row over new fees\n\nThe council on Sunday changed rules in place for years.\n\n"


def test_family_name_in_at_before_that_after_a_clause_verb():
    found = chosen_speakers(LEAD_AR + "من جهته، أوضح وزير المياه سامر البركات أن الآبار الجديدة ستدخل الخدمة "
                            "قبل نهاية الصيف.")
    assert found["الآبار الجديدة ستدخل"] == ("سامر البركات", "person")


def test_association_representative_named_in_apposition():
    found = chosen_speakers(LEAD_AR + "وقال رئيس تجمع مزارعي التبغ في الجنوب، حسين الموسوي، إن أسعار الشتول "
                            "تضاعفت خلال عام واحد.")
    assert found["أسعار الشتول تضاعفت"] == ("حسين الموسوي", "person")


def test_place_phrase_opening_the_sentence_is_no_speaker_and_the_apposed_deputy_is():
    found = chosen_speakers(LEAD_AR + "وتحت قبة المجلس، طالب النائب عن دائرة الشوف، مروان الحاج، بلجنة تحقيق. "
                            "وقال لـ«النهار»: لن نقبل بأن تمر هذه الصفقة من دون محاسبة.")
    assert found["لن نقبل بأن تمر"] == ("مروان الحاج", "person")


def test_scene_shopkeeper_named_after_his_trade_not_the_street():
    found = chosen_speakers(LEAD_AR + "وفي سوق باب التبانة، أبقى صاحب محل الخضار خالد حمود متجره مفتوحا رغم "
                            "العتمة. وقال: خسرت نصف البضاعة في ليلة واحدة.")
    assert found["خسرت نصف البضاعة"] == ("خالد حمود", "person")


def test_scene_person_named_with_abd():
    found = chosen_speakers(LEAD_AR + "في قرية الجبايش، يقف حسن عبد الكريم (60 عاما) قرب ما تبقى من قاربه. "
                            "يقول لوكالة محلية: «كان النهر يصل إلى باب البيت، واليوم نمشي ساعة لنرى الماء».")
    assert found["كان النهر يصل"] == ("حسن عبد الكريم", "person")


def test_governor_titled_after_his_name_and_a_verb_before_his_title():
    found = chosen_speakers("محافظ الجيزة يمهل الباعة أسبوعا\n\nأصدر اللواء عادل منصور فهمي، محافظ الجيزة، "
                            "قرارا بإزالة الأكشاك المخالفة على الكورنيش.\n\nوقال المحافظ، خلال جولة ميدانية صباح "
                            "السبت، إن الرصيف ملك للمشاة وليس للباعة.\n\nوفي ختام جولته، عاد المحافظ ليؤكد أنه "
                            "لن يكون هناك أي استثناء.")
    assert found["الرصيف ملك للمشاة"] == ("عادل منصور فهمي", "person")
    assert found["لن يكون هناك أي استثناء"][0] != "عاد المحافظ"


def test_according_to_inside_a_reported_clause_is_no_source():
    found = chosen_speakers(LEAD_AR + "في المقابل، أكد وزير الزراعة والري كريم داود أن الأسعار تحتسب وفق معادلة "
                            "ثابتة تأخذ في الاعتبار سعر السماد وكلفة النقل وهامش ربح محدود، مشددا على أن أي "
                            "احتكار للأسمدة مخالفة ستلاحق قانونيا.")
    assert found["أي احتكار للأسمدة"] == ("كريم داود", "person")


def test_counterpart_holds_the_office_of_the_one_he_meets():
    found = chosen_speakers("عمان وأنقرة تتفقان على فتح المعابر\n\nوقال وزير الخارجية أيمن الصفدي، في مؤتمر صحافي "
                            "مشترك مع نظيره التركي هاكان فيدان، إن البلدين متفقان على فتح المعابر.\n\nمن جهته، قال "
                            "فيدان إن التجارة بين البلدين ستتضاعف.\n\nوأضاف الوزير التركي أن بلاده مستعدة لتسهيل "
                            "حركة الشاحنات.")
    assert found["بلاده مستعدة لتسهيل"] == ("هاكان فيدان", "person")


def test_name_read_before_two_english_appositions():
    found = chosen_speakers(LEAD_EN + "Maria Santos, president of the Kilusang Magbubukid ng Pilipinas, a peasant "
                            "group that opposes the plan, said farmers had not been consulted.")
    assert found["farmers had not been consulted"] == ("Maria Santos", "person")


def test_she_asked_after_a_question():
    found = chosen_speakers(LEAD_EN + "Parent governor Helen Price said families had been left out of the "
                            "talks.\n\n\"Why should four-year-olds pay for a budget hole they did not make?\" she "
                            "asked.")
    assert found["Why should four-year-olds pay"] == ("Helen Price", "person")


def test_name_inside_the_quotation_is_no_newcomer():
    found = chosen_speakers("Flights resume\n\nForeign Minister Omar Haddad said on Monday the two countries "
                            "would resume flights. \"This is a new page,\" he told reporters.\n\nTransport "
                            "minister Leila Nasser, who travelled with Haddad, said carriers were ready. "
                            "\"Gulf Air and Royal Jordanian have the crews. What we need now is the slots,\" she "
                            "told state TV.")
    assert found["Gulf Air and Royal Jordanian have the crews"] == ("Leila Nasser", "person")
