"""Where a speaker's name starts and ends (round wt-q32, ``cluster.quotes.nameshape``), on paragraphs
written for this round, as the quote stage reports them (``chosen_speakers``). A wrong name is worse than
none: a span that cannot be a name is withheld; a title of a body, or a name and its description, give
the name the text writes beside them.
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers

LEAD_AR = "أزمة في الأسواق بعد القرار\n\nقرر المجلس الأحد تعديل القواعد المعمول بها منذ سنوات.\n\n"
LEAD_EN = "Markets shaken after decision\n\nThe council on Sunday changed rules in place for years.\n\n"


def test_manner_adverbial_after_the_verb_is_no_name():
    found = chosen_speakers(LEAD_AR + "وقف والد الطفل أمام باب المستشفى طويلا.\n\n"
                            "وأضاف بصوت مرتجف: «ابني دخل سليما وخرج بإعاقة دائمة».")
    assert found["ابني دخل سليما"][0] != "بصوت مرتجف"


def test_verb_of_a_relative_clause_is_no_name():
    found = chosen_speakers(LEAD_AR + "غير أن السكان منقسمون. فأم حسن، التي تركب الحافلة يوميا إلى السوق، "
                            "تقول إنها أرخص وسيلة في المدينة.")
    assert found["أرخص وسيلة"][0] != "تركب الحافلة"


def test_span_ending_in_a_preposition_is_no_name():
    found = chosen_speakers(LEAD_AR + "لكن عضو مجلس بلدية إربد سلوى العمري، التي صوتت ضد القرار، قالت: «السوق "
                            "يموت ببطء، وهذا القرار سيسرع موته».")
    assert found["السوق يموت ببطء"][0] != "صوتت ضد"


def test_title_of_a_company_then_the_name_between_commas_gives_the_name():
    found = chosen_speakers(LEAD_AR + "وقال الرئيس التنفيذي لشركة حافلات الشمال، رامي ملك، إن الرحلة "
                            "ستستغرق أقل من ساعة في أوقات الذروة.")
    assert found["الرحلة ستستغرق"] == ("رامي ملك", "person")


def test_name_then_its_description_between_commas_gives_the_name():
    found = chosen_speakers(LEAD_AR + "في المقابل، اعتبر المحامي سمير العلوي، دفاع المتهم، أن موكله "
                            "لم يكن في المدينة ليلة الحادث.")
    assert found["موكله لم يكن"] == ("سمير العلوي", "person")


# Guards (pass before and after): the repairs and the preposition check leave a name alone.
def test_a_description_before_the_name_is_not_taken_for_it():
    found = chosen_speakers(LEAD_AR + "وقال محامي الصحفي، كريم حمه علي، إن موكله لم يتلق أي استدعاء رسمي "
                            "قبل توقيفه.")
    assert found["موكله لم يتلق"] == ("كريم حمه علي", "person")


def test_given_name_ali_is_not_the_preposition_ala():
    found = chosen_speakers(LEAD_AR + "في البلدة الحدودية، يتابع الأهالي الأخبار بحذر. يقول علي جعفر، وهو مزارع "
                            "يملك أرضا على الحدود، إن القصف لم يتوقف منذ أسبوع.")
    assert found["القصف لم يتوقف"] == ("علي جعفر", "person")


def test_a_name_then_its_description_is_not_taken_for_a_title_of_a_body():
    found = chosen_speakers(LEAD_AR + "وقالت المحامية نادية آيت لحسن، دفاع عائلة الضحية، إن الحكم مخفف جدا "
                            "بالنظر إلى خطورة الوقائع.")
    assert found["الحكم مخفف"][0] in ("نادية آيت لحسن", "آيت لحسن")
