"""A speaker named only when the text's own subject agrees (``cluster.quotes.withhold``), on news paragraphs
written for it: what a newsroom reader sees after the quote stage (rules, checks, learned chooser).

Each Arabic article holds a quote the rules used to give to the wrong name (a family name resolved to
the verb's object, a place inside a body's name read as a person) and a quote whose subject names the
speaker outright, which keeps its name. The English articles are guards: the checks found nothing to
change in English on the blind snapshots, and these readings must stay as they are.
"""

from __future__ import annotations

import pytest

from tests.quote_helpers import chosen_speakers as _speakers

FAMILY_NAMES = [
    ("""البرلمان يناقش مشروع الموازنة

قال رئيس لجنة المالية عادل الخوري إن اللجنة ستنهي مراجعة الأرقام خلال أسبوع.

وانتقد النائب سالم الهاشمي مشروع الموازنة خلال جلسة الثلاثاء.

وقال الهاشمي إن الحكومة لم تقدم أي أرقام واضحة عن العجز.""",
     {"اللجنة ستنهي": "عادل الخوري", "الحكومة لم تقدم": "سالم الهاشمي"}),
    ("""نقابة المعلمين تلوح بالإضراب

في مؤتمر صحفي، أعلن نقيب المعلمين خالد العمري رفض النقابة للمقترح الحكومي الأخير.

وقال العمري: «لن نقبل بأقل من زيادة عادلة في الرواتب».

من جهته، قال وزير التربية فيصل النعيمي إن باب الحوار ما زال مفتوحا.""",
     {"لن نقبل": "خالد العمري", "باب الحوار": "فيصل النعيمي"}),
    ("""وزير الصحة يتفقد مستشفى الولادة

تفقد وزير الصحة أمين التهراوي قسم الطوارئ صباح الأحد.

وقال التهراوي: «سنضاعف عدد الأسرة قبل حلول الصيف».

وقالت مديرة المستشفى سناء بلقاسم إن القسم يستقبل ضعف طاقته.""",
     {"سنضاعف": "أمين التهراوي", "القسم يستقبل": "سناء بلقاسم"}),
]


@pytest.mark.parametrize("text, expected", FAMILY_NAMES)
def test_a_family_name_subject_is_its_bearer_not_the_verbs_object(text, expected):
    """"وقال الهاشمي" after "انتقد النائب سالم الهاشمي مشروع الموازنة" used to go to "مشروع الموازنة" (the
    name finder ends the run at the given name when the verb's object follows); "وقال العمري" went to
    the organisation "رفض النقابة". The family name the sentence writes belongs to the one person the
    article names with it. Subjects that name the speaker outright keep their names."""
    found = _speakers(text, "ar")
    for start, name in expected.items():
        assert found[start] == (name, "person"), (start, found[start])


def test_a_place_inside_a_bodys_name_is_no_speaker():
    """"وقالت هيئة البيئة بمحافظة ظفار إن" used to be a person "ظفار": an Arabic subject that opens with a
    body noun is that body, whatever place or name follows its head. The fisherman named in full keeps
    his quote."""
    text = """بقعة نفطية قبالة سواحل ظفار

قال الصياد حسن عبد الرحيم إن البقعة وصلت إلى الشاطئ صباح الجمعة.

وقالت هيئة البيئة بمحافظة ظفار إن فرقها تعمل على احتواء التسرب."""
    found = _speakers(text, "ar")
    assert found["البقعة وصلت"] == ("حسن عبد الرحيم", "person")
    assert found["فرقها تعمل"] == ("هيئة البيئة بمحافظة ظفار", "organisation")


ENGLISH_GUARDS = [
    ("""Budget vote delayed

Opposition lawmaker Rami Haddad attacked the plan on Tuesday, calling it reckless.

"This budget punishes the poor," Haddad told reporters.

The finance ministry said the vote would take place next week.""",
     {"This budget": ("Rami Haddad", "person"), "the vote would": ("finance ministry", "organisation")}),
    ("""Mine rescue goes on

Peter Mwangi, who leads the rescue team, said the shaft was unstable.

"We are doing everything we can," Mwangi said.""",
     {"the shaft": ("Peter Mwangi", "person"), "We are doing": ("Peter Mwangi", "person")}),
]


@pytest.mark.parametrize("text, expected", ENGLISH_GUARDS)
def test_english_readings_the_subject_supports_are_kept(text, expected):
    """Guards: a surname subject ("Haddad told reporters") and a body ("The finance ministry said") keep
    the names their own subjects give."""
    found = _speakers(text, "en")
    for start, speaker in expected.items():
        assert found[start] == speaker, (start, found[start])
