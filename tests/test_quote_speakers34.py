"""Speakers on the forms left on the newest blind prose (round wt-q34): an Arabic family name with the article
that is not a nisba, a title alone before a quote closed by "he said", a relative clause that opens a
quotation, a role noun before a newcomer's name, a headline title whose holder the body names with a
compound name. Paragraphs written for this round, as the quote stage reports them (``chosen_speakers``).
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers

LEAD_AR = "جدل في البرلمان بعد القرار\n\nقرر المجلس الأحد تعديل القواعد المعمول بها منذ سنوات.\n\n"
LEAD_EN = "Council row over new fees\n\nThe council on Sunday changed rules in place for years.\n\n"


def test_definite_family_name_before_a_preposition_after_said():
    found = chosen_speakers(LEAD_AR + "وقال وزير الاقتصاد والصناعة سامر نزار الشعار في كلمة الافتتاح: «أبوابنا "
                            "مفتوحة للمستثمرين من كل مكان».")
    assert found["أبوابنا مفتوحة"] == ("سامر نزار الشعار", "person")


def test_definite_family_name_before_a_prepositional_verbal_noun():
    found = chosen_speakers(LEAD_AR + "وطالب النائب السابق عبد الرحمن الفهاد بتشديد العقوبات، وكتب على منصة إكس: "
                            "الغرامة لا تكفي. من يعرض أرواح الناس للخطر مكانه السجن.")
    assert found["الغرامة لا تكفي"] == ("عبد الرحمن الفهاد", "person")


def test_family_name_in_at_before_a_comma_after_said():
    found = chosen_speakers(LEAD_AR + "في البلدة القديمة، قال خالد الحسنات، صاحب محل للتحف قرب الساحة: كل "
                            "أهل البلدة كانوا يعرفون أن الكاميرات متوقفة.")
    assert found["كل أهل البلدة"] == ("خالد الحسنات", "person")


def test_pronoun_after_a_title_alone_is_the_titled_person_not_the_body_before():
    found = chosen_speakers(LEAD_EN + "The city's mayor, Samir Haddad, said the council had paid the contractor "
                            "in full.\n\nThe Order of Physicians said rats could spread disease.\n\nAsked whether "
                            "the city would hire another firm, the mayor was blunt. \"If they are not back at "
                            "work by Monday, yes. We have already spoken to two firms,\" he said.", "en")
    assert found["If they are not back"] == ("Samir Haddad", "person")


def test_relative_clause_that_opens_a_quotation_is_the_named_person():
    found = chosen_speakers(LEAD_AR + "وتعد مصر المرشح الأبرز لحصد اللقب في ظل مشاركة المصنفة الأولى عالميا "
                            "نادين الشربيني، التي قالت عقب فوزها في الدور الثاني: «نلعب من أجل زميلتنا المصابة».")
    assert found["نلعب من أجل"] == ("نادين الشربيني", "person")


def test_relative_clause_with_its_own_that_clause_stays_unread():
    found = chosen_speakers(LEAD_AR + "ورد المتحدث باسم الوزارة على تصريحات النائبة سلمى الربيعي، التي قالت "
                            "إن الوزارة أخفت الأرقام، مؤكدا: «كل الأرقام منشورة على موقعنا».")
    assert found["كل الأرقام منشورة"][0] != "سلمى الربيعي"


def test_she_after_a_council_member_introduced_in_the_paragraph_before():
    found = chosen_speakers(LEAD_EN + "Mayor Yousef Khatib defended the decision. \"This is about congestion,\" "
                            "he told reporters.\n\nKhatib said the money would fund free buses.\n\nCouncil member "
                            "Rana Saleh, one of those who voted against the fees, was blunt.\n\n\"Downtown is dying "
                            "slowly and this decision will speed that up,\" she said.", "en")
    assert found["Downtown is dying"] == ("Rana Saleh", "person")


def test_headline_title_is_the_body_minister_with_a_compound_name():
    found = chosen_speakers("وزير الصحة: الوضع تحت السيطرة ولا داعي للهلع.. 90 إصابة في الشمال\n\n"
                            "ارتفع عدد الإصابات في الشمال إلى 90 حالة منذ مطلع الشهر.\n\n"
                            "وقال وزير الصحة العامة سامي نور الدين، خلال جولة على المستشفى أمس: الوضع تحت السيطرة "
                            "ولا داعي للهلع.\n\nوقال ممثل المنظمة في البلاد عبد النور أبو بكر إن التفشي مؤشر مقلق.")
    assert found["الوضع تحت السيطرة ولا داعي للهلع.."] == ("سامي نور الدين", "person")
