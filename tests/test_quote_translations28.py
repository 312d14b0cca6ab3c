"""Which copy of a statement a cross-language group holds, and statements shared clause by clause (round wt-tr7).

- A headline that restates a body quote of its article («لن نتهاون مع أي مخبز يتلاعب بوزن الرغيف».. over
  the minister's «الوزارة لن تتهاون ...» in the body): the headline keeps the first person and translates
  the English body quote a little closer, and the one-to-one rule of an article pair then kept the body
  quote out. The body quote, the article's own report of the statement, now takes the headline's place.
- A quote that runs on past what the other report carries ("Downtown is dying slowly ... . The buses should
  have come first, then the fees") against the one clause the other report quotes, with the two readings
  naming two people: the whole quotes' cosine (0.45) is pulled away by the extra sentence, too low to excuse
  the two names between linked reports; the clause they share reads 0.8 or more. Between two linked
  reports, the best-aligned clauses decide, after the whole quotes have taken their slots.
- A Spanish name in Arabic script writes j as kh (Juan Jesús Vivas / خوان خيسوس فيفاس).

The quotes are built as the extractor gives them (text, speaker as read, the paragraph's names); the encoder
is the pipeline's (USE-m3), so the cosines are the real ones.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from cluster.config import Config
from cluster.quotes.matching import QuoteSettings, match_quotes
from cluster.quotes.speakers import same_person
from tests.quote_helpers import grouped_together, marked_quote, match_reports

EN_SUPPLY = ("The Supply Ministry said \"bakeries that sell subsidised bread above the fixed price will lose their "
             "licences\".")
AR_SUPPLY = "وقالت وزارة التموين إن «المخابز التي تبيع الخبز المدعم بأعلى من السعر المحدد ستسحب رخصها»."
EN_MINISTER = ("\"We will show no leniency to any bakery that tampers with the weight of the loaf,\" Supply Minister "
               "Sherif Farouk told reporters in Cairo.")
AR_HEADLINE = "«لن نتهاون مع أي مخبز يتلاعب بوزن الرغيف».. وزير التموين يحذر المخابز"
AR_MINISTER = "وقال وزير التموين شريف فاروق للصحفيين: «الوزارة لن تتهاون مع أي مخبز يتلاعب بوزن الرغيف»."

EN_MAYOR = ("Mayor Yousef Shawarbeh said \"the new fees will fund free shuttle buses between downtown and the car parks "
            "of Ras Al Ain and Abdali\".")
AR_MAYOR = ("وقال أمين عمّان يوسف الشواربة إن «الرسوم الجديدة ستمول حافلات مجانية بين وسط البلد ومواقف رأس العين "
            "والعبدلي».")
EN_COUNCIL = ("A council member who voted against the plan answered the mayor: \"Downtown is dying slowly and this "
              "decision will speed that up. The buses should have come first, then the fees.\"")
AR_COUNCIL = "وقالت عضو مجلس الأمانة هالة الدعجة، التي صوتت ضد القرار: «الحافلات كان يجب أن تأتي أولا ثم الرسوم»."


@pytest.mark.slow
def test_the_body_quote_a_headline_restates_is_the_one_grouped(use_encoder):
    quotes = [marked_quote("bread-en", "en", 1, EN_SUPPLY, "Supply Ministry", "organisation"),
              marked_quote("bread-en", "en", 2, EN_MINISTER, "Sherif Farouk", "person"),
              replace(marked_quote("bread-ar", "ar", 0, AR_HEADLINE, "شريف فاروق", "person"), segment_index=0),
              marked_quote("bread-ar", "ar", 1, AR_SUPPLY, "وزارة التموين", "organisation"),
              marked_quote("bread-ar", "ar", 2, AR_MINISTER, "شريف فاروق", "person")]
    result = match_quotes(quotes, use_encoder, QuoteSettings.from_config(Config()))
    assert grouped_together(result, 0, 3)
    assert grouped_together(result, 1, 4)  # the minister's words in both bodies
    assert not grouped_together(result, 1, 2)  # the headline's summary stands apart


@pytest.mark.slow
def test_a_quote_that_runs_on_is_grouped_by_the_clause_both_reports_carry(use_encoder):
    # the English reading gave the council member's words to the mayor, named in the paragraph before
    result = match_reports("amman", [(EN_MAYOR, "Yousef Shawarbeh", "person"),
                                     (EN_COUNCIL, "Yousef Shawarbeh", "person")],
                           [(AR_MAYOR, "يوسف الشواربة", "person"), (AR_COUNCIL, "هالة الدعجة", "person")], use_encoder)
    assert grouped_together(result, 0, 2)
    assert grouped_together(result, 1, 3)


@pytest.mark.slow
def test_the_shared_sentence_links_nothing_between_reports_of_two_events(use_encoder):
    # no other translation links the two reports: a clause alone does not excuse two speakers
    result = match_reports("amman", [(EN_COUNCIL, "Yousef Shawarbeh", "person")],
                           [(AR_COUNCIL, "هالة الدعجة", "person")], use_encoder)
    assert not grouped_together(result, 0, 1)


def test_a_spanish_j_is_the_kh_of_its_arabic_spelling():
    assert same_person("Juan Jesús Vivas", "خوان خيسوس فيفاس")
    assert same_person("Javier Milei", "خافيير ميلي")
    # and the English j stays the ج
    assert same_person("John Kerry", "جون كيري")
