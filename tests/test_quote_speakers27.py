"""Speakers on forms that recur across the blind sets (round wt-q27), on paragraphs written for this round
(what a newsroom reader sees after the quote stage). A wrong name is worse than none.

- An Arabic sentence that opens with و and a verb the word lists do not know, then a person ("وتخشى سلمى
  الراشد، المعلمة في ...، وتقول إن", "ووقفت نورة الخالدي، وهي أم ... . تقول:"): the verb was read into the
  name run ("وتخشى سلمى"), the family name lost, and the quote went to the speaker of an earlier paragraph
  or to no one. The verb is no name word; the person the sentence shows is the speaker of a later
  subjectless verb in the paragraph (as the scene of "وفي السوق، وقف X" already was).
- An unresolved description by a class noun ("The group said", "The Istanbul-based company said", "وأضاف
  البيان", "وقالت الشركة") is no name: on the blind sets each such phrase given as a speaker was wrong (the group was a
  named body the text never called a group). The quote gets no name; "the ministry" stays.
- English "it said" after a sentence whose subject is a body ("The league's disciplinary panel rejected
  the complaint. The decision was correct under the rules, it said"): the body, not the club quoted in
  the paragraph before.
- '"...?" asked X, head of ...' and "X posted on Instagram after the match: "..."" are reporting forms of
  any outlet: "asked" only inverted after a question, "posted" only with "on" and a platform after it and
  its subject right before it ("said in a statement posted on Telegram:" stays the one who said it).
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers

CIVIL_DEFENCE = """أمطار غزيرة تغرق أحياء في المدينة

وقال مدير الدفاع المدني العميد سالم الهاجري إن الفرق أجلت عشرات الأسر من المناطق المنخفضة.

"""

FEARS_AND_SAYS = CIVIL_DEFENCE + (
    "وتخشى سلمى الراشد، المعلمة في مدرسة الحي، على طلابها، وتقول إن الطريق إلى المدرسة صار خطرا على الأطفال.")

STOOD_THEN_SAYS = CIVIL_DEFENCE + (
    "ووقفت نورة الخالدي، وهي أم لثلاثة أطفال، أمام منزلها الغارق منذ الفجر. تقول: «فقدنا كل الأثاث ولم يصل إلينا أحد».")

TRADER_WITHOUT_SETTING = CIVIL_DEFENCE + (
    "ووقف محمد الزعبي أمام محله الغارق في الطين. يقول التاجر الخمسيني: «خسرت كل البضاعة في دقائق».")

LAWYER_OWN_SENTENCE = CIVIL_DEFENCE + (
    "وقال محامي الأسر، كريم الدباغ، إن البلدية أهملت تنظيف المجاري، مضيفا: لم يتحرك أحد رغم الشكاوى.")

GROUP_UNNAMED = """Producers extend output cuts

Eight oil producers agreed on Sunday to extend voluntary output cuts until the end of March.

The group said in a statement that member countries would keep monitoring the market and could adjust the decision."""

COMPANY_UNNAMED = """Ride-hailing app suspended in Turkey

Turkish authorities suspended the Yolcu ride-hailing app on Monday, citing unlicensed drivers.

The Istanbul-based company said in an emailed statement that it would challenge the decision in court."""

MINISTRY_STAYS = """Flights resume after storm

Flights resumed at the capital's airport on Tuesday after a storm closed it for a day.

The ministry said in a statement that all runways had been inspected."""

COMPANY_UNNAMED_AR = """تعليق تطبيق لتوصيل الركاب

علقت السلطات تطبيقا لتوصيل الركاب يوم الاثنين بسبب سائقين غير مرخصين.

وقالت الشركة في بيان إنها ستطعن في القرار أمام القضاء."""

PANEL_THEN_IT = """League rejects club's complaint

City said in a statement they had asked the league to release the audio. "Our fans deserve answers," the club said.

The league's disciplinary panel rejected the complaint. The decision was correct under the rules, it said."""


ASKED_AFTER_QUESTION = """Bakers warn over new card system

Bakery owners say they are not ready. "The machines have not reached half the bakeries. How are we supposed to \
start?" asked Karim Mansour, head of the bakers' association in Tanta."""

POSTED_ON_INSTAGRAM = """Striker hits back after defeat

Dani Carvajal, who scored the only goal, posted on Instagram after the match: "We never stop fighting.\""""

STATEMENT_POSTED = """Militia welcomes proposal

RSF spokesman Omar Hamdan said in a statement posted on Telegram: "The ball is now in the army's court.\""""


def _speaker_of(speakers: dict[str, tuple[str | None, str]], start: str) -> str | None:
    return next(name for text, (name, _) in speakers.items() if text.startswith(start))


def test_a_person_after_a_verb_that_opens_the_sentence_speaks_for_its_later_verb() -> None:
    speakers = chosen_speakers(FEARS_AND_SAYS, "ar")
    assert _speaker_of(speakers, "الطريق إلى المدرسة") == "سلمى الراشد"


def test_a_person_a_verb_shows_speaks_for_the_next_sentences_subjectless_verb() -> None:
    assert _speaker_of(chosen_speakers(STOOD_THEN_SAYS, "ar"), "فقدنا") == "نورة الخالدي"
    assert _speaker_of(chosen_speakers(TRADER_WITHOUT_SETTING, "ar"), "خسرت") == "محمد الزعبي"


def test_a_speakers_own_sentence_is_no_scene() -> None:
    speakers = chosen_speakers(LAWYER_OWN_SENTENCE, "ar")
    assert _speaker_of(speakers, "لم يتحرك") == "كريم الدباغ"


def test_an_unresolved_class_description_is_no_name() -> None:
    assert _speaker_of(chosen_speakers(GROUP_UNNAMED, "en"), "member countries") is None
    assert _speaker_of(chosen_speakers(COMPANY_UNNAMED, "en"), "it would challenge") is None
    assert _speaker_of(chosen_speakers(COMPANY_UNNAMED_AR, "ar"), "ستطعن") is None


def test_a_ministry_description_stays_its_speaker() -> None:
    assert _speaker_of(chosen_speakers(MINISTRY_STAYS, "en"), "all runways") == "ministry"


def test_it_said_goes_to_the_body_the_sentence_before_opens_with() -> None:
    speakers = chosen_speakers(PANEL_THEN_IT, "en")
    assert "panel" in (_speaker_of(speakers, "The decision was correct") or "")


def test_asked_after_a_question_reports_it() -> None:
    assert _speaker_of(chosen_speakers(ASKED_AFTER_QUESTION, "en"), "The machines") == "Karim Mansour"


def test_posted_on_a_platform_reports_the_post() -> None:
    assert _speaker_of(chosen_speakers(POSTED_ON_INSTAGRAM, "en"), "We never stop") == "Dani Carvajal"
    assert _speaker_of(chosen_speakers(STATEMENT_POSTED, "en"), "The ball") == "Omar Hamdan"
