"""A body named by a noun ("the exchange", "the bank", «البورصة», "the statement") is the body the article
names (``cluster.quotes.bodynoun``, ``bodyname``), on news paragraphs written for it: what a newsroom reader
sees after the quote stage (rules, checks, chooser).

A reader of "..., the exchange said" knows which exchange the story is about; the quote stage gave no
speaker, or the bare noun, so the body's statements could not be told from another body's. Each article
below failed before; the guards keep a description where two bodies fit.
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers as _speakers


def test_the_exchange_is_the_bourse_the_story_names():
    """"Bourse de Tunis" is an exchange by its name: "the exchange said" and its "adding that" are its."""
    text = """Tunis bourse suspends trading after power cut

TUNIS (Reuters) - Trading on the Bourse de Tunis was halted for most of Wednesday's session after a power cut hit its data centre.

Power was restored by early afternoon but the backup generator had failed to start, the exchange said in a statement, adding that no orders had been lost.
"""
    found = _speakers(text, "en")
    assert found["Power was restored"] == ("Bourse de Tunis", "organisation")
    assert found["no orders had been lost"] == ("Bourse de Tunis", "organisation")


def test_the_company_two_paragraphs_after_it_spoke():
    """"Nahr Holdings" is a company by its name; it spoke, then a customer, and "the company said" after
    her is still the one company of the story, not the bare noun."""
    text = """Court orders developer to refund buyers

AMMAN (Reuters) - A court in Amman on Sunday ordered Nahr Holdings to refund 300 buyers of flats that were never built.

Nahr Holdings said it was studying the ruling.

Buyer Rania Haddad, 58, said she had waited four years for the money.

"We sold the flats in good faith and the delays were caused by the permits," the company said.
"""
    assert _speakers(text, "en")["We sold the flats"] == ("Nahr Holdings", "organisation")


def test_two_banks_leave_the_bank_unnamed():
    """Guard: two banks named, "the bank" could be either: no name is guessed for it."""
    text = """Two lenders fined over card fees

DUBAI (Reuters) - The central bank fined Al Noor Bank and Gulf Union Bank on Monday over hidden card fees.

"We will refund every customer affected," the bank said.
"""
    speaker, _ = _speakers(text, "en")["We will refund"]
    assert speaker not in ("Al Noor Bank", "Gulf Union Bank")


def test_the_statement_is_what_the_company_issued():
    """"Petromar said in an emailed statement that ... "...," the statement said.": the statement is
    Petromar's (a one-word company name, read as a person's)."""
    text = """Refinery fire forces evacuation

A fire broke out at a refinery in the port city on Friday, forcing the evacuation of nearby homes.

Petromar said in an emailed statement that the fire had been contained. "We are working with the authorities to find the cause," the statement said.
"""
    assert _speakers(text, "en")["We are working"] == ("Petromar", "organisation")


def test_albourse_is_the_exchange_the_story_names():
    """«وقالت البورصة» after "بورصة عمان": the exchange named in full, not no one; its name ends before
    "نحو ساعتين" (how long trading stopped)."""
    text = """تعليق التداول في بورصة عمان بسبب عطل فني

توقف التداول في بورصة عمان نحو ساعتين صباح اليوم بسبب عطل في نظام التداول الإلكتروني.

وقالت البورصة في بيان إن العطل نجم عن انقطاع في أحد خطوط الاتصال، مؤكدة أن جميع الأوامر محفوظة.
"""
    found = _speakers(text, "ar")
    assert found["العطل نجم"] == ("بورصة عمان", "organisation")


def test_a_short_name_in_marks_is_the_body_spelled_out_before():
    """'وأفادت «جاكا»' after "الهيئة العامة للطيران المدني «جاكا»": the authority by the full name the
    article gave it, not the short name alone, which shares no word with it."""
    text = """توسعة مطار العقبة تبدأ العام المقبل

وقعت الهيئة العامة للطيران المدني «جاكا»، الخميس، عقدا بقيمة 90 مليون دينار لتوسعة مبنى الركاب في مطار العقبة.

وأفادت «جاكا»، في بيان لها، بأن التوسعة ستضاعف قدرة المطار خلال عامين.
"""
    assert _speakers(text, "ar")["التوسعة ستضاعف"] == ("الهيئة العامة للطيران المدني", "organisation")


def test_a_definite_head_before_a_verb_is_no_name():
    """"إن الوزارة رصدت تراجعا" is the ministry again, not a ministry named "الوزارة رصدت تراجعا": a later
    "وأكدت الوزارة" stays the ministry, with no verb glued to it."""
    text = """الحكومة تطمئن على مخزون القمح

قال وزير الزراعة خالد السعدي إن الوزارة رصدت تراجعا في إنتاج القمح هذا العام بسبب الجفاف.

وأكدت الوزارة في بيان أن مخزون الحبوب يكفي ستة أشهر.
"""
    assert _speakers(text, "ar")["مخزون الحبوب"] == ("الوزارة", "organisation")
