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


def test_a_reply_whose_subject_has_an_apposition_before_bi_anna():
    found = _speakers("السد\n\nواحتج سكان القرى على المشروع.\n\nورد كريم الزياني، مدير السد بالنيابة، بأن الكميات "
                      "المسحوبة من النهر لن تؤثر في مياه الشرب.")
    assert found["الكميات المسحوبة من النهر"] == ("كريم الزياني", "person")


def test_a_reply_with_a_colon_after_a_name_a_title_complement_introduced():
    found = _speakers("الإضراب\n\nوأكد الأمين العام للنقابة لطفي الخماسي، في تصريح للإذاعة، أن الإضراب سيستمر "
                      "حتى نهاية الأسبوع المقبل.\n\nورد الخماسي: الوعود لا تكفي إذا لم تتبعها قرارات واضحة.")
    assert found["الوعود لا تكفي"] == ("لطفي الخماسي", "person")


def test_came_in_the_statement_is_no_reply():
    found = _speakers("السد\n\nوورد في البيان، الذي نشرته الوزارة مساء أمس، أن الأشغال ستنتهي قبل الصيف المقبل.")
    assert all(speaker != "البيان" for speaker, _ in found.values())


def test_an_unnamed_title_then_a_titled_name_between_commas():
    found = _speakers("الفيضانات\n\nوقال المتحدث الرسمي باسم وزارة الداخلية والبلديات، العميد ماهر السعدي، إن فرق "
                      "الإنقاذ أجلت مئات العائلات من الأحياء المنخفضة.")
    assert found["فرق الإنقاذ أجلت"] == ("ماهر السعدي", "person")


def test_a_source_with_a_comma_stays_a_source():
    found = _speakers("الفيضانات\n\nوقال مصدر في الوزارة، طلب عدم نشر اسمه، إن فرق الإنقاذ أجلت مئات العائلات.")
    assert found["فرق الإنقاذ أجلت"][1] == "anonymous"


def test_a_body_whose_domains_follow_li_with_wa_before_the_name():
    found = _speakers("السياحة\n\nوقال رئيس اتحاد الأردن للسياحة والسفر نبيل الرواشدة إن الحجوزات ارتفعت بنسبة "
                      "كبيرة خلال الصيف.")
    assert found["الحجوزات ارتفعت"] == ("نبيل الرواشدة", "person")


def test_the_company_goes_on_for_the_body_quoted_in_its_paragraph():
    found = _speakers("Outage\n\nLONDON - Card payments failed across Britain on Friday.\n\nVisa said in a statement "
                      "that the fault had been traced to a hardware failure at one of its data centres. \"Payments "
                      "made by customers are being processed normally again,\" the company added.", lang="en")
    assert found["Payments made by customers"] == ("Visa", "organisation")


def test_the_company_with_no_body_quoted_before_gets_no_name():
    # was "stays a description" ("company"); round wt-q27: on the blind sets every unresolved class
    # description given as a speaker was wrong, so it now names no one (bodynoun.class_description)
    found = _speakers("Outage\n\nLONDON - Card payments failed across Britain on Friday.\n\nThe company said in a "
                      "statement that the fault had been traced to a hardware failure at a data centre.", lang="en")
    assert found["the fault had been traced"] == (None, "unattributed")


def test_bankers_close_to_the_deal_are_the_source():
    found = _speakers("Listing\n\nDUBAI - The exchange is preparing a listing.\n\nFunds from Asia and Europe have "
                      "shown strong interest in the offering, three bankers close to the deal told Reuters.", lang="en")
    assert found["Funds from Asia and Europe"][1] == "anonymous"
    assert "bankers" in found["Funds from Asia and Europe"][0]


def test_a_described_source_past_the_article_of_its_employer():
    found = _speakers("Rates\n\nDUBAI - Rates are rising.\n\nA senior trader at a large Kuwaiti bank, who asked not "
                      "to be named, said lenders would raise mortgage rates before the end of the month.", lang="en")
    assert found["lenders would raise mortgage rates"] == ("senior trader", "anonymous")


def test_a_body_named_in_marks_right_after_the_verb():
    found = _speakers("الطيران\n\nوقالت «فلاي الخليج» في بيان إنها ستضيف ثلاث وجهات جديدة إلى شبكتها مطلع العام المقبل.")
    assert found["ستضيف ثلاث وجهات"] == ("فلاي الخليج", "organisation")


def test_a_body_named_in_marks_after_its_head_in_a_source_phrase():
    found = _speakers("النزوح\n\nوبحسب منظمة \"أطباء بلا حدود\"، فإن أكثر من نصف العائدين يعيشون في خيام مؤقتة قرب "
                      "المدينة.")
    speaker, kind = found["أكثر من نصف العائدين"]
    assert "أطباء بلا حدود" in speaker and kind == "organisation"
    assert "أطباء بلا حدود" not in found


def test_a_short_quotation_after_the_verb_is_no_body():
    found = _speakers("المحكمة\n\nوقال المحامي سامر يوسف في المحكمة إن موكله بريء.\n\nوأضاف «لن نستسلم أبدا مهما "
                      "طال الزمن» ثم غادر القاعة.")
    assert all(speaker != "لن نستسلم أبدا" for speaker, _ in found.values())


def test_a_group_calling_itself_x_is_the_speaker_of_its_participle_en():
    found = _speakers("Hack\n\nDOHA - Ticket sales stopped on Monday.\n\nThe stadium operator said it had taken its "
                      "systems offline.\n\nA group calling itself \"Black Falcon\" claimed the attack in a post on X, "
                      "saying it had copied the records of 200,000 fans.", lang="en")
    assert found["it had copied the records"] == ("Black Falcon", "organisation")


def test_a_group_calling_itself_x_is_the_speaker_ar():
    found = _speakers("الاختراق\n\nوتبنت مجموعة تطلق على نفسها اسم «الصقر الأسود» الهجوم في منشور على منصة إكس، "
                      "زعمت فيه أنها نسخت سجلات 200 ألف مشجع.\n\nوكانت مجموعة تطلق على نفسها اسم \"قراصنة الشمال\" "
                      "قد زعمت في منتدى للاختراق أنها تملك بيانات الموظفين كاملة.")
    assert found["نسخت سجلات"] == ("الصقر الأسود", "organisation")
    assert found["تملك بيانات الموظفين"] == ("قراصنة الشمال", "organisation")


def test_a_body_that_names_itself_is_not_borrowed_by_another_subject():
    found = _speakers("Hack\n\nDOHA - A group calling itself \"Black Falcon\" claimed the attack. Police said the "
                      "investigation had only just begun.", lang="en")
    assert found["the investigation had only just begun"][0] != "Black Falcon"


def test_a_subjectless_verb_after_a_scene_that_shows_a_person_ar():
    found = _speakers("العودة\n\nوقال مدير المعبر سامر الخطيب إن أكثر من ألفي عائلة عبرت منذ الصباح.\n\nوعند الحاجز، "
                      "كان أبو خليل (60 عاما) يجر حقيبتين كبيرتين. يقول: «تركت بيتي قبل تسع سنوات، ولا أعرف إن كان "
                      "ما زال قائما».")
    assert found["تركت بيتي قبل تسع سنوات"] == ("أبو خليل", "person")


def test_a_subjectless_verb_without_a_scene_keeps_the_speaker_before():
    found = _speakers("العودة\n\nوقال مدير المعبر سامر الخطيب إن أكثر من ألفي عائلة عبرت منذ الصباح.\n\nوأضاف: "
                      "«نتوقع أن يرتفع العدد خلال الأيام المقبلة مع تحسن الطقس».")
    assert found["نتوقع أن يرتفع العدد"] == ("سامر الخطيب", "person")
