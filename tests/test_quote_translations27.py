"""Statements a report gives without quote marks, which one language's extractor missed (round wt-tr6).

Most missed Arabic/English pairs are statements that one side never extracted. The forms here are the
ones both languages' wire copy uses every day:

- "CLAUSE, said Captain Fahad al-Otaibi, spokesman for ...": the speaker after an inverted "said", whose
  family name is written "al-Otaibi"; the name read as lower-case ended the speaker at once, and the name
  itself was taken for the reported clause.
- "CLAUSE, Harbi told reporters at the Jeddah Islamic Port terminal.": where the listener was told, after
  the listener, up to the sentence's end.
- "The Seafarers' Union said it would ...": a possessive apostrophe is no closing single quote mark.
- «أعلنت «نقابة البحارة» في بيان أنها ستقاضي الشركة»: a two-word Arabic clause after a complementizer that
  carries the subject pronoun ("said it would sue the company").
- «... أن أكثر من 1500 مسافر ... سيستردون ثمن تذاكرهم كاملا، معتذرة عن «...»»: the apology after the comma
  is the writer's, so the clause ends before it and no longer runs into the quoted words.

And on the matching side, a Gulf family name of two words written as one in the other script ("Saeed Rashid
Bu Khater" / «سعيد راشد بوخاطر»): the two speakers were read as two people, which keeps a freely worded
translation apart.
"""

from __future__ import annotations

import pytest

from cluster.config import Config
from cluster.documents import Article
from cluster.quotes.chooser import attributed_quotes
from cluster.quotes.matching import QuoteSettings, match_quotes
from cluster.quotes.speakers import same_person
from cluster.segment.paragraphs import segment_corpus
from tests.quote_helpers import chosen_speakers

EN_TITLE = "Red Sea ferry operator halts Jeddah-Suakin crossings after engine fire"
EN_PARAGRAPHS = (
    "JEDDAH, March 4 (Reuters) - A Saudi ferry operator suspended its crossings between Jeddah and the Sudanese "
    "port of Suakin on Tuesday after a fire broke out in the engine room of one of its ships.",
    "All 412 passengers and 38 crew members were taken safely back to the port, said Captain Fahad al-Otaibi, "
    "spokesman for the Saudi Border Guard.",
    "\"The fire was contained within forty minutes and nobody was hurt,\" the company's chief executive Majed "
    "al-Harbi said.",
    "Crossings will resume on Sunday once inspectors have cleared the other two ships, Harbi told reporters at "
    "the Jeddah Islamic Port terminal.",
    "More than 1,500 travellers booked for this week will get a full refund, the company said in a statement on "
    "Tuesday evening.",
)
AR_TITLE = "توقف رحلات العبارات بين جدة وسواكن بعد حريق في سفينة"
AR_PARAGRAPHS = (
    "جدة – «الوطن»",
    "أوقفت شركة العبارات السعودية أمس رحلاتها بين جدة وميناء سواكن السوداني، بعد اندلاع حريق في غرفة محركات "
    "إحدى سفنها.",
    "وقال المتحدث باسم حرس الحدود النقيب فهد العتيبي إن جميع الركاب الـ412 وأفراد الطاقم الـ38 أعيدوا بسلام "
    "إلى الميناء.",
    "وقال الرئيس التنفيذي للشركة ماجد الحربي: «تمت السيطرة على الحريق خلال أربعين دقيقة ولم يصب أحد بأذى».",
    "وأضاف الحربي أن الرحلات ستستأنف يوم الأحد بعد أن يفحص المفتشون السفينتين الأخريين.",
    "وأعلنت الشركة في بيان مساء أمس أن أكثر من 1500 مسافر حجزوا هذا الأسبوع سيستردون ثمن تذاكرهم كاملا، "
    "معتذرة عن «الإزعاج الكبير للمسافرين» الذي سببه التوقف.",
)


def _text(title: str, paragraphs: tuple[str, ...]) -> str:
    return "\n\n".join((title, *paragraphs))


def test_a_spokesman_named_after_an_inverted_said_is_the_speaker_not_the_clause():
    found = chosen_speakers(_text(EN_TITLE, EN_PARAGRAPHS), "en")
    assert found["All 412 passengers and 38 crew members were taken safely back to the port"][0] == (
        "Fahad al-Otaibi")
    assert not any(text.startswith("Captain") for text in found)


def test_a_clause_told_to_reporters_at_a_place_is_extracted():
    found = chosen_speakers(_text(EN_TITLE, EN_PARAGRAPHS), "en")
    assert found["Crossings will resume on Sunday once inspectors have cleared the other two ships"][0] == "Harbi"


def test_a_possessive_before_the_verb_is_no_closing_quote_mark():
    found = chosen_speakers("Ferry crossings halted\n\nThe Seafarers' Union said it would sue the company over "
                            "repeated safety complaints.", "en")
    assert "it would sue the company over repeated safety complaints" in found


def test_an_arabic_two_word_clause_after_a_pronoun_complementizer_is_a_statement():
    found = chosen_speakers("نقابة البحارة تقاضي شركة العبارات\n\nفي المقابل، أعلنت «نقابة البحارة» في بيان أنها "
                            "ستقاضي الشركة، مشيرة إلى شكاوى متكررة بشأن السلامة.")
    assert "ستقاضي الشركة" in found
    assert not any(len(text.split()) < 2 for text in found)


def test_an_arabic_clause_ends_before_the_writers_apology():
    found = chosen_speakers(_text(AR_TITLE, AR_PARAGRAPHS))
    assert "أكثر من 1500 مسافر حجزوا هذا الأسبوع سيستردون ثمن تذاكرهم كاملا" in found


@pytest.mark.slow
def test_the_two_reports_share_the_statements_given_without_quote_marks(use_encoder):
    articles = [Article("ferry-en", EN_TITLE, _text(EN_TITLE, EN_PARAGRAPHS), lang="en"),
                Article("ferry-ar", AR_TITLE, _text(AR_TITLE, AR_PARAGRAPHS), lang="ar")]
    quotes = attributed_quotes(articles, segment_corpus(articles))
    result = match_quotes(quotes, use_encoder, QuoteSettings.from_config(Config()))

    def together(english: str, arabic: str) -> bool:
        en = next(k for k, q in enumerate(quotes) if q.lang == "en" and q.text.startswith(english))
        ar = next(k for k, q in enumerate(quotes) if q.lang == "ar" and q.text.startswith(arabic))
        return any({en, ar} <= set(g.members) for g in result.groups)

    assert together("All 412 passengers", "جميع الركاب")
    assert together("Crossings will resume", "الرحلات ستستأنف")
    assert together("More than 1,500 travellers", "أكثر من 1500 مسافر")


def test_a_family_name_written_as_one_word_in_the_other_script_is_one_person():
    assert same_person("Saeed Rashid Bu Khater", "سعيد راشد بوخاطر")
    assert same_person("Ali Bousaada", "علي بو سعادة")
    # the joined family name alone does not make two given names one person
    assert not same_person("Saeed Rashid Bu Khater", "خالد بوخاطر")
