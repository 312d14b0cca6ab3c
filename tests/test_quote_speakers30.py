"""Speakers on forms of the twelfth blind set (round wt-q30), on paragraphs written for this round (what a
newsroom reader sees after the quote stage). A wrong name is worse than none.

- The outlet told, right after a full name and in its own name, not after a media noun: "وقالت رئيستها X Y
  لهسبريس إن" and "وقال العميد X Y، لشفق نيوز، إن" gave "X Y لهسبريس" and "لشفق نيوز" (a given name in ل,
  "أحمد لطفي", stays a name); "رئيستها" (its president) is a title, no name word.
- English "governor Sayyid X bin Y Al Said said": the capitalised "Said" before "said" is the family name,
  not the verb ("... Al" was the speaker).
- "الرئيس التنفيذي لشركة X Y، Z W، إن": the title's holder is the name after the company, so a headline
  label "الرئيس التنفيذي لـ«X Y»:" is Z W, not the company read as a person.
"""

from __future__ import annotations

from tests.quote_helpers import speakers

LEAD_AR = "أزمة في الأسواق بعد القرار\n\nقرر المجلس الأحد تعديل القواعد المعمول بها منذ سنوات.\n\n"
LEAD_EN = "Markets shaken after decision\n\nThe council on Sunday changed rules in place for years.\n\n"


def test_outlet_between_commas_after_a_full_name_is_no_speaker():
    found = speakers(LEAD_AR + "وقال مدير الإعلام في مديرية الدفاع المدني العقيد سامر الدليمي، لشفق نيوز، إن الحريق "
                     "أخمد بالكامل قبل منتصف الليل.")
    assert found["الحريق أخمد بالكامل"] == ("سامر الدليمي", "person")


def test_outlet_after_a_full_name_before_the_complementizer_is_cut():
    found = speakers(LEAD_AR + "وطالبت النقابة بفتح تحقيق، وقالت رئيستها سلمى بلقاسم لهسبريس إن الحالة ليست معزولة "
                     "أبدا في الجهة.")
    assert found["الحالة ليست معزولة"] == ("سلمى بلقاسم", "person")


def test_given_name_in_lam_and_a_name_between_commas_stay_whole():
    found = speakers(LEAD_AR + "وقال وزير المالية أحمد لطفي إن الرواتب ستصرف في موعدها المحدد.\n\n"
                     "وقال الرئيس البرازيلي، لولا دا سيلفا، إن بلاده لن تقبل بهذه الشروط أبدا.")
    assert found["الرواتب ستصرف"] == ("أحمد لطفي", "person")
    assert found["بلاده لن تقبل"] == ("لولا دا سيلفا", "person")


def test_family_name_said_before_said_is_part_of_the_name():
    found = speakers(LEAD_EN + "Port director Salim bin Ali Al Said said the harbour would reopen on Monday after "
                     "the storm.")
    assert found["the harbour would reopen on Monday after the storm"] == ("Salim bin Ali Al Said", "person")


def test_headline_title_of_a_company_is_its_holder_not_the_company():
    found = speakers("الرئيس التنفيذي لـ«موانئ الخليج»: الميناء يعمل بكامل طاقته في الربيع\n\n"
                     "أعلنت شركة موانئ الخليج الأحد موعد افتتاح الميناء الجديد في المنطقة الشرقية.\n\n"
                     "وقال الرئيس التنفيذي لشركة موانئ الخليج، سامي حداد، إن الميناء سيعمل بكامل طاقته في الربيع "
                     "المقبل بعد اكتمال الأعمال.")
    assert found["الميناء يعمل بكامل طاقته في الربيع"] == ("سامي حداد", "person")
