"""A hundred written as a word, and a statement quoted whole in one language and in parts in the other (round wt-tr8).

- «بنسبة مئة في المئة» / "100 percent": the facts check reads a translation's numbers again with its number
  words as digits, but the table's «مئة» was never found (the text is normalised ئ -> ي before the look-up),
  so a faithful translation read as one that drops the English side's number.
- «الضبطية جاءت بعد تحريات ...، وإنها أسفرت عن توقيف سبعة أشخاص ...» quoted whole in Arabic, and as two
  quotes in English, the second of two sentences ("Seven people were detained in the raid. Two of them ...").
  The parts rule took any quote of the English article in the group with as many clauses as the whole for
  the statement whole, without reading which clauses its sentences carry: both carry the second clause, so
  the first part ("the seizure followed three months of inquiries ...") was never linked.
- A guard, true before and after: a headline that repeats the first sentence of the body quote beside it is
  no part of the other report's whole (the body quote carries both clauses).

The quotes are built as the extractor gives them (text, speaker as read, the paragraph's names); the encoder
is the pipeline's (USE-m3), so the cosines are the real ones.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from cluster.config import Config
from cluster.quotes.extract import Quote
from cluster.quotes.links import QuoteSettings, _keeps_facts
from cluster.quotes.matching import match_quotes
from cluster.quotes.numberwords import as_digits
from tests.quote_helpers import grouped_together, marked_quote, match_reports

EN_MINISTER = ("Health Minister Nabil Haddad said \"the vaccination campaign will reach every school in the country "
               "before the end of the month\".")
AR_MINISTER = "وقال وزير الصحة نبيل حداد إن «حملة التطعيم ستصل إلى كل مدارس البلاد قبل نهاية الشهر»."
EN_DOCTOR = ("Dr Leila Mansour, who heads the immunisation programme, said \"the vaccine protects 100 percent of "
             "children who get both doses\".")
AR_DOCTOR = ("وقالت الدكتورة ليلى منصور، رئيسة برنامج التحصين، إن «اللقاح يحمي الأطفال بنسبة مئة في المئة متى تلقوا "
             "الجرعتين كاملتين في موعدهما المحدد من دون أي تأخير».")

EN_PORT = ("Port director Khalid al-Mansouri said \"the cargo terminal will reopen on Sunday after the fire damage "
           "has been repaired\".")
AR_PORT = "وقال مدير الميناء خالد المنصوري إن «محطة البضائع ستعاود العمل يوم الأحد بعد إصلاح الأضرار التي خلفها الحريق»."
EN_SEIZURE = ("Customs spokesman Sami al-Otaibi said \"the seizure followed three months of inquiries carried out "
              "with the border guard\".")
EN_ARRESTS = ("Al-Otaibi added: \"Seven people were detained in the raid. Two of them work for a shipping company at "
              "the port.\"")
AR_WHOLE = ("وقال المتحدث باسم هيئة الجمارك سامي العتيبي إن «الضبطية جاءت بعد تحريات استمرت ثلاثة أشهر بالتنسيق مع حرس "
            "الحدود، وإنها أسفرت عن توقيف سبعة أشخاص، بينهم موظفان في شركة شحن تعمل في الميناء».")

EN_UNION = ("\"They left us no choice. We made three offers in two months, and management turned down every one of "
            "them,\" union leader Karim Haddad told reporters outside the plant.")
AR_HEADLINE = "«لم يتركوا لنا خيارا».. عمال المصنع يبدأون إضرابا مفتوحا"
AR_UNION = ("وقال رئيس النقابة كريم حداد للصحفيين أمام المصنع: «لم يتركوا لنا خيارا. قدمنا ثلاثة عروض خلال شهرين، "
            "ورفضتها الإدارة كلها».")


def _quote(paragraph: str, lang: str) -> Quote:
    return marked_quote(f"measles-{lang}", lang, 1, paragraph, "", "person")


def test_a_hundred_written_as_a_word_is_read_as_the_number():
    assert "100" in as_digits("اللقاح يحمي الأطفال بنسبة مئة في المئة", "ar")
    assert "100" in as_digits("تجاوز عدد المصابين مائة شخص", "ar")
    assert "بنسبة 100 في المئة" in as_digits("بنسبة مئة في المئة", "ar")  # «المئة» of "percent" stays a word


def test_the_facts_check_keeps_a_translation_that_writes_a_hundred_in_words():
    settings = QuoteSettings.from_config(Config())
    assert _keeps_facts(_quote(AR_DOCTOR, "ar"), _quote(EN_DOCTOR, "en"), settings)
    # a number the other copy does not carry still fails
    assert not _keeps_facts(_quote(AR_DOCTOR, "ar"), _quote(EN_DOCTOR.replace("100", "70"), "en"), settings)


@pytest.mark.slow
def test_the_doctors_hundred_percent_is_grouped_with_its_arabic_copy(use_encoder):
    result = match_reports("measles", [(EN_MINISTER, "Nabil Haddad", "person"), (EN_DOCTOR, "Leila Mansour", "person")],
                           [(AR_MINISTER, "نبيل حداد", "person"), (AR_DOCTOR, "ليلى منصور", "person")], use_encoder)
    assert grouped_together(result, 0, 2)
    assert grouped_together(result, 1, 3)


@pytest.mark.slow
def test_the_first_part_of_a_statement_is_grouped_when_the_second_part_runs_to_two_sentences(use_encoder):
    result = match_reports("port", [(EN_PORT, "Khalid al-Mansouri", "person"), (EN_SEIZURE, "Sami al-Otaibi", "person"),
                                    (EN_ARRESTS, "Sami al-Otaibi", "person")],
                           [(AR_PORT, "خالد المنصوري", "person"), (AR_WHOLE, "سامي العتيبي", "person")], use_encoder)
    assert grouped_together(result, 0, 3)
    assert grouped_together(result, 2, 4)  # the arrests: the second clause
    assert grouped_together(result, 1, 4)  # the inquiries: the first clause, a part of the same statement
    part = next(link for g in result.groups for link in g.links if {link.a, link.b} == {1, 4})
    assert part.within is not None and "ثلاثة أشهر" in result.quotes[4].text[slice(*part.within)]


@pytest.mark.slow
def test_a_headline_that_repeats_the_body_quote_is_no_part_of_the_other_reports_quote(use_encoder):
    quotes = [marked_quote("strike-en", "en", 1, EN_UNION, "Karim Haddad", "person"),
              replace(marked_quote("strike-ar", "ar", 0, AR_HEADLINE, "كريم حداد", "person"), segment_index=0),
              marked_quote("strike-ar", "ar", 2, AR_UNION, "كريم حداد", "person")]
    result = match_quotes(quotes, use_encoder, QuoteSettings.from_config(Config()))
    assert grouped_together(result, 0, 2)
    assert not grouped_together(result, 0, 1)
