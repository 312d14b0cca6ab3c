"""Arabic normalisation and the match types a reader sees."""

from __future__ import annotations

from cluster.config import DuplicateConfig
from cluster.duplicates.lexical import MatchType, classify, lexical
from cluster.textnorm import names_and_numbers, normalize, numbers, script_language, words


def test_arabic_spelling_variants_compare_equal():
    a = "أكّد الرئيسُ ـ إبراهيم قالن ـ أنّ تركيا ستقف إلى جانب غزة في ٢٠٢٥"
    b = "اكد الرئيس ابراهيم قالن ان تركيا ستقف الى جانب غزه في 2025"
    assert words(a) == words(b)
    assert numbers("قرار رقم ٢٧٣٥ و۲۰۲۴") == {"2735", "2024"}
    assert normalize("«حماس»") == '"حماس"'


def test_script_language():
    assert script_language("قال الرئيس الأميركي") == "ar"
    assert script_language("The president said") == "en"
    assert script_language("12 34") == "und"


def test_names_and_numbers_skip_sentence_initial_capitals():
    found = names_and_numbers("The quake hit Peru on Sunday. Officials in Arequipa counted 1,200 homes.")
    assert "the" not in found and "officials" not in found
    assert {"peru", "sunday", "arequipa", "1200"} <= set(found)


def _type(text_a, text_b, sim, lang_a="ar", lang_b="ar"):
    return classify(sim, lexical(text_a, text_b, lang_a, lang_b), lang_a, lang_b, DuplicateConfig())


QUOTE = "رغم الجهود الكبيرة التي بذلها الوسطاء، لا يبدو أن حماس حسنة النية. سندرس الآن خيارات بديلة لإعادة الرهائن إلى ديارهم"


def test_verbatim_after_normalisation():
    variant = QUOTE.replace("الكبيرة", "الكبيره").replace("أن", "ان")
    assert _type(QUOTE, variant, 0.99) is MatchType.VERBATIM


def test_cut_quote_is_edited():
    assert _type(QUOTE, "لا يبدو أن حماس حسنة النية. سندرس الآن خيارات بديلة لإعادة الرهائن", 0.85) is MatchType.EDITED


def test_translation_needs_the_cross_language_cut():
    english = "While the mediators have made a great effort, Hamas does not appear to be acting in good faith."
    assert _type(QUOTE, english, 0.75, "ar", "en") is MatchType.TRANSLATION
    assert _type(QUOTE, english, 0.40, "ar", "en") is None


def test_reports_of_another_meeting_are_not_duplicates():
    a = "التقى رئيس الاستخبارات التركية إبراهيم قالن، الجمعة، قادة من حماس في أنقرة في 13 سبتمبر 2024 وبحث معهم المفاوضات"
    b = "التقى رئيس الاستخبارات التركية إبراهيم قالن، الأربعاء، وفد حماس في إسطنبول في 5 نوفمبر 2025 وبحث معهم وقف النار"
    assert _type(a, b, 0.78) is None  # other date, other numbers: another event


def test_short_headlines_must_be_verbatim():
    assert _type("رئيس الاستخبارات التركي يلتقي وفدا من حماس", "رئيس الاستخبارات التركية يلتقي وفد حماس في إسطنبول", 0.89) is None


def test_word_order_similarity_is_the_same_once_the_words_run_out_of_characters(monkeypatch):
    """Passages compare word sequences as one character a word; past the supply of characters they fall back
    to word tuples, and a wire paragraph and its edited copy score the same either way."""
    from cluster.duplicates import lexical as lex

    wire = "قال المبعوث الأميركي ستيف ويتكوف إن المحادثات مع حماس في الدوحة كانت بناءة وإن جولة جديدة ستعقد الأسبوع المقبل"
    edited = "وقال ويتكوف للصحفيين إن المحادثات مع حماس في الدوحة كانت بناءة، مضيفا أن جولة جديدة ستعقد قريبا"
    coded = lex.compare(lex.profile(wire, "ar"), lex.profile(edited, "ar"))
    lex.profile.cache_clear()
    monkeypatch.setattr(lex, "_CODE_OF", {})
    monkeypatch.setattr(lex, "_CODE_SUPPLY", 5)  # fewer characters than the paragraph has words
    a, b = lex.profile(wire, "ar"), lex.profile(edited, "ar")
    assert a.word_codes is None and b.word_codes is None
    assert lex.compare(a, b) == coded
    assert 0.5 < coded.sequence < 1.0 and classify(0.9, coded, "ar", "ar", DuplicateConfig()) is MatchType.EDITED
    lex.profile.cache_clear()
