"""Speakers on the forms of the largest out-of-sample miss classes (round wt-q38): the name span read in the
reporting verb's own subject (a title, an object, a place or the outlet told read as the name), and a bare
verb after a newcomer the sentence before narrates. Paragraphs written for this round, news-like, as the
quote stage reports them (``chosen_speakers``); the title-shaped spans as rules that misread them leave a quote
(the blind snapshots keep such readings), through the last look at the name (``nameshape.shaped``).
"""

from __future__ import annotations

from cluster.documents import SegmentKind
from cluster.quotes.extract import Quote
from cluster.quotes.nameshape import shaped
from tests.quote_helpers import chosen_speakers

LEAD_AR = "أضرار واسعة بعد العاصفة\n\nضربت عاصفة قوية المنطقة مساء الأحد وخلفت أضرارا في المزارع والمنازل.\n\n"
FIRST_SPEAKER = "وقال رئيس البلدية سالم القيسي إن فرق الطوارئ تعمل منذ الصباح.\n\n"


def test_bare_verb_after_a_sentence_narrating_a_titled_newcomer():
    found = chosen_speakers(LEAD_AR + FIRST_SPEAKER + "وكانت المهندسة ريم العلي، وهي من سكان الحي، بين المتضررين. "
                            "وتقول: «فقدت سيارتي وكل أوراقي في ليلة واحدة».")
    assert found["فقدت سيارتي"] == ("ريم العلي", "person")


def test_a_preposition_after_a_family_name_ends_the_name():
    found = chosen_speakers(LEAD_AR + FIRST_SPEAKER + "وفي قرية الرمثا الجنوبية، وقف المزارع حسن الزعبي بين أشجار "
                            "الزيتون المحترقة. وقال لـ«الغد»: «خسرت موسما كاملا في ليلة واحدة».")
    assert found["خسرت موسما"] == ("حسن الزعبي", "person")


def test_a_narrating_verb_without_a_scene_introduces_the_speaker_too():
    found = chosen_speakers(LEAD_AR + FIRST_SPEAKER + "وقف المزارع حسن الزعبي أمام حقله المحترق منذ الصباح. "
                            "وقال: «خسرت موسما كاملا في ليلة واحدة».")
    assert found["خسرت موسما"] == ("حسن الزعبي", "person")


def test_a_reporting_sentence_before_keeps_its_own_speaker_for_the_bare_verb():
    found = chosen_speakers(LEAD_AR + FIRST_SPEAKER + "وترى رنا الحداد، محللة قطاع التأمين في شركة «الأفق»، أن "
                            "الخسائر كبيرة. وقالت: «شركات التأمين ستدفع أكثر من مليون دينار هذا الشهر».")
    assert found["شركات التأمين ستدفع"] == ("رنا الحداد", "person")


def test_title_through_a_body_named_in_marks_to_the_name():
    found = chosen_speakers(LEAD_AR + FIRST_SPEAKER + "ويرى الباحث في «مركز الأفق للدراسات» هادي الزين أن كلفة "
                            "الإصلاح ستتجاوز ميزانية البلدية لهذا العام.")
    assert found["كلفة الإصلاح"] == ("هادي الزين", "person")


def test_an_accusative_verbal_noun_is_the_object_not_more_of_the_name():
    found = chosen_speakers(LEAD_AR + FIRST_SPEAKER + "ووجهت النائبة سعاد الكعبي انتقادا للحكومة، وقالت إن المشاريع "
                            "المعلنة لم ينفذ منها شيء حتى اليوم.")
    assert found["المشاريع المعلنة"] == ("سعاد الكعبي", "person")


def test_a_feminine_opening_verb_makes_a_woman_of_a_title_of_masculine_form():
    found = chosen_speakers(LEAD_AR + FIRST_SPEAKER + "ووجهت عضو المجلس البلدي سعاد الكعبي تحذيرا للحكومة، وقالت "
                            "إن السيول ستعود مع أول منخفض جوي.")
    assert found["السيول ستعود"] == ("سعاد الكعبي", "person")


def _rules_read(text: str, clause: str, speaker: str, kind: str) -> Quote:
    """A quote of ``text`` as rules that read ``speaker`` in its verb's subject left it (the blind snapshots
    keep such readings: ``nameshape`` runs after the rules)."""
    start = text.index(clause)
    return Quote("a", 0, SegmentKind.BODY, "ar", clause, start, start + len(clause), "indirect", speaker, speaker, kind)


def test_a_title_span_then_the_apposed_name_gives_the_name():
    text = "وقال الناطق الرسمي باسم وزارة الزراعة وشؤون الري، المهندس كمال العطار، إن الأضرار ستحصى خلال أسبوع."
    quote = shaped(_rules_read(text, "الأضرار ستحصى خلال أسبوع", "وشؤون الري", "person"), text)
    assert (quote.speaker, quote.speaker_kind) == ("كمال العطار", "person")


def test_a_title_read_as_the_speaker_then_the_name_it_introduces():
    text = "وأوضحت مديرة الطوارئ بالمحافظة، الدكتورة سلمى العبادي، في تصريح للإذاعة، أن المستشفيات استقبلت المصابين."
    quote = shaped(_rules_read(text, "المستشفيات استقبلت المصابين", "مديرة الطوارئ بالمحافظة", "anonymous"), text)
    assert (quote.speaker, quote.speaker_kind) == ("سلمى العبادي", "person")


def test_a_name_before_its_description_is_kept():
    text = "وقال أبو سامر، بائع الخضار في السوق، إن الأسعار تضاعفت منذ أسبوع."
    quote = shaped(_rules_read(text, "الأسعار تضاعفت منذ أسبوع", "أبو سامر", "person"), text)
    assert quote.speaker == "أبو سامر"


def test_a_span_run_into_the_object_is_not_repaired_to_the_object():
    text = "ودعت النائبة سهى الكاظمي الحكومة إلى إيجاد بدائل، وقالت إن القرار متسرع."
    quote = shaped(_rules_read(text, "القرار متسرع", "الحكومة إلى", "organisation"), text)
    assert quote.speaker is None


LEAD_EN = "Storm cuts power to thousands\n\nA storm cut power to thousands of homes on Sunday.\n\n"


def test_pronoun_after_a_newcomer_set_off_by_a_description_after_a_setting():
    found = chosen_speakers(LEAD_EN + "Mayor Sam Keyes said crews would work through the night.\n\nIn the old quarter "
                            "of the city, Omar Haddad, a baker from Aleppo who has lived in the town for 11 years, was "
                            "among those without power.\n\n\"I lost a whole day of bread and nobody told us "
                            "anything,\" he said.", lang="en")
    assert found["I lost a whole day"] == ("Omar Haddad", "person")


def test_pronoun_after_a_paragraph_that_brings_back_a_person_by_family_name():
    found = chosen_speakers(LEAD_EN + "Omar Haddad has run the bakery on Mill Street for thirty years.\n\nMayor Sam "
                            "Keyes said crews would work through the night, according to a council statement.\n\nBack "
                            "in his shop, Haddad was lighting candles for a customer who has come every morning since "
                            "the 1990s.\n\n\"Without power the ovens are just metal boxes,\" he said.", lang="en")
    assert found["Without power the ovens"] == ("Omar Haddad", "person")


def test_a_scene_set_among_a_crowd_shows_the_speaker_of_the_quote_after_it():
    found = chosen_speakers(LEAD_AR + FIRST_SPEAKER + "وبين المتطوعين، جاء أبو خليل مع أبنائه من القرية المجاورة. "
                            "«لم نر سيلا كهذا منذ ثلاثين عاما»، قال وهو يشير إلى الجسر المنهار.")
    assert found["لم نر سيلا"] == ("أبو خليل", "person")


def test_bare_verb_after_a_topic_sentence_whose_description_names_a_relative():
    found = chosen_speakers(LEAD_AR + FIRST_SPEAKER + "أما والد الطفل، حسن الزعبي، فلم يتمالك نفسه أمام باب "
                            "المستشفى. وقال وهو يحمل صورة ابنه: «خرج إلى المدرسة صباحا ولم يعد».")
    assert found["خرج إلى المدرسة"] == ("حسن الزعبي", "person")


def test_a_subject_fronted_by_but_says_what_the_verb_after_it_reports():
    found = chosen_speakers(LEAD_AR + FIRST_SPEAKER + "لكن منى الخطيب، صاحبة متجر للحلويات في الحي، أبدت تخوفها "
                            "من تكرار السيول، وقالت: «لم يعوضنا أحد عن خسائر العام الماضي».")
    assert found["لم يعوضنا أحد"] == ("منى الخطيب", "person")
