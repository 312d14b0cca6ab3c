"""Quote extraction and span edges on prose new to the rules (round wt-x22), written as news sentences for
these tests: a reported clause ends where the writer adds what the speaker did besides speaking («، داعيا
...»، «، متهما ...»، «، ودعت ...»), the same speaker's next statement after «لكنه» and a reporting verb, the
writer's «، وذلك خلال ...» and, in English, a time clause of events (", hours after ..."); colon speech ends
at its closing mark and before a sentence that opens with a reporting verb, so the quotation after it is
found; a passive "was told that" inside a statement is part of it; "X told the Y newspaper" closes the
clause fronted before it."""

from __future__ import annotations

from tests.quote_helpers import speakers


def _texts(text: str, lang: str = "ar") -> list[str]:
    return list(speakers(text, lang))


def test_action_participle_after_a_comma_ends_the_arabic_clause():
    texts = _texts("حريق\n\nاندلع حريق في سوق الخضار وسط المدينة.\n\n"
                   "وقال وزير الداخلية سامي العلي إن الحريق أتى على أكثر من أربعين محلا تجاريا، داعيا التجار "
                   "إلى التقيد بشروط السلامة.\n\n"
                   "وأعلنت النقابة أن أعضاءها سيضربون عن العمل ثلاثة أيام، متهمة الإدارة بالتهرب من الحوار.")
    assert "الحريق أتى على أكثر من أربعين محلا تجاريا" in texts
    assert "أعضاءها سيضربون عن العمل ثلاثة أيام" in texts


def test_finite_action_verb_with_waw_after_a_comma_ends_the_arabic_clause():
    texts = _texts("إضراب\n\nوأكدت شركة الطيران أن رحلاتها إلى أوروبا لن تتأثر بالإضراب، ودعت المسافرين إلى "
                   "متابعة مواعيد رحلاتهم عبر موقعها.")
    assert texts == ["رحلاتها إلى أوروبا لن تتأثر بالإضراب"]


def test_but_he_warned_that_is_a_statement_of_its_own():
    texts = _texts("كهرباء\n\nوأكدت الشركة أن الكهرباء ستعود إلى الحي خلال يومين، لكنها حذرت من أن الانقطاعات "
                   "قد تتكرر في الصيف.")
    assert texts == ["الكهرباء ستعود إلى الحي خلال يومين", "الانقطاعات قد تتكرر في الصيف"]


def test_but_before_a_predicate_keeps_the_clause_whole():
    texts = _texts("اقتصاد\n\nوقال الخبير سمير عادل إن البلاد خفضت العجز هذا العام، لكنها بحاجة إلى إصلاحات "
                   "أعمق في الدعم.")
    assert texts == ["البلاد خفضت العجز هذا العام، لكنها بحاجة إلى إصلاحات أعمق في الدعم"]


def test_writers_wa_dhalika_ends_the_arabic_clause():
    texts = _texts("زيارة\n\nوأعلن المحافظ أن المتضررين سيحصلون على تعويضات عاجلة، وذلك خلال زيارته للسوق صباح "
                   "الأحد.")
    assert texts == ["المتضررين سيحصلون على تعويضات عاجلة"]


def test_time_clause_of_events_after_a_comma_ends_the_english_clause():
    texts = _texts("Fire\n\nCAIRO (Reuters) - A fire swept through a market on Monday.\n\n"
                   "The interior minister said the blaze had destroyed more than 40 shops, hours after a gas "
                   "cylinder exploded nearby.\n\n"
                   "The central bank said it would raise its main rate by half a point, following a similar move "
                   "by Jordan.", lang="en")
    assert "the blaze had destroyed more than 40 shops" in texts
    assert "it would raise its main rate by half a point" in texts


def test_colon_speech_in_marks_ends_at_the_closing_mark():
    found = speakers("مياه\n\nوقال رئيس البلدية سالم المبروك لموقع محلي: «الأحياء الشرقية بلا ماء منذ أسبوع». "
                     "ويقول سكان إن سعر الصهريج تضاعف خلال شهر واحد.")
    assert "سعر الصهريج تضاعف خلال شهر واحد" in found
    assert found["الأحياء الشرقية"][0] == "سالم المبروك"


def test_unmarked_colon_speech_ends_before_the_next_reporting_sentence():
    texts = _texts("جلسة\n\nوقال رئيس اللجنة النائب خالد سعيد خلال الجلسة: لدينا أسر تنتظر منذ عشر سنوات، وأسر "
                   "أخرى حصلت على البيوت في أشهر. وتابع: «لن نسكت عن هذا الملف حتى تظهر الحقيقة».")
    assert texts == ["لدينا أسر تنتظر منذ عشر سنوات، وأسر أخرى حصلت على البيوت في أشهر",
                     "لن نسكت عن هذا الملف حتى تظهر الحقيقة"]


def test_passive_told_inside_a_statement_is_part_of_it():
    texts = _texts("Fire\n\nCAIRO (Reuters) - A fire swept through a market on Monday.\n\n"
                   "Shop owner Ali Hassan said he had paid for a fire licence and was told every year that his "
                   "shop was safe.", lang="en")
    assert texts == ["he had paid for a fire licence and was told every year that his shop was safe"]


def test_told_the_named_newspaper_closes_the_fronted_clause():
    found = speakers("Strike\n\nALGIERS (Reuters) - Dockers stopped work on Sunday.\n\n"
                     "About 70% of dockers had joined the stoppage, port union leader Karim Saadi told the El Khabar "
                     "newspaper.", lang="en")
    assert found["About 70% of dockers"][0] == "Karim Saadi"


def test_short_clause_keeps_the_action_participle():
    texts = _texts("نزاع\n\nوقالت الجماعة المسلحة في بيان إنها لا تقصف الأحياء، متهمة الجيش بنشر مدافعه بين "
                   "المنازل.")
    assert texts == ["لا تقصف الأحياء، متهمة الجيش بنشر مدافعه بين المنازل"]


def test_but_declined_to_ends_the_english_clause():
    texts = _texts("Listing\n\nRIYADH (Reuters) - Shares of the utility rose 5% on their debut.\n\n"
                   "A bourse official said three more state firms could list before the end of the year but declined "
                   "to name them.", lang="en")
    assert texts == ["three more state firms could list before the end of the year"]
