"""Speakers on forms common to the misses of every development split and blind snapshot (round wt-q37):
a name read short of the family name the article itself uses alone («وأضاف الحنيفات»), "one of them" /
«أحدهما» after an unnamed group was quoted, a verb after "but" whose subject is set off by an apposition, a
company's director named between commas. Paragraphs written for this round, news-like, as the quote stage
reports them (``chosen_speakers``).
"""

from __future__ import annotations

from tests.quote_helpers import chosen_speakers

LEAD_AR = "جدل في البرلمان بعد القرار\n\nقرر المجلس الأحد تعديل القواعد المعمول بها منذ سنوات.\n\n"
LEAD_EN = "Bourse halts trading after glitch\n\nThe exchange halted trading for three hours on Monday.\n\n"


def test_given_name_read_alone_takes_the_family_name_the_article_uses():
    found = chosen_speakers(LEAD_AR + "وقال رئيس هيئة الطيران المدني سامر العتوم الراشد إن المطار سيعمل بكامل "
                            "طاقته خلال أيام.\n\nوأضاف الراشد أن الرحلات المؤجلة ستنطلق تباعا.")
    assert found["المطار سيعمل بكامل"] == ("سامر العتوم الراشد", "person")


def test_one_of_them_is_the_group_of_brokers_quoted_before():
    found = chosen_speakers(LEAD_EN + "Orders worth millions of dinars were stuck in the system, two brokers told "
                            "Reuters, asking not to be named.\n\n\"Clients were calling non-stop and we had nothing "
                            "to tell them,\" one of them said.", lang="en")
    assert found["Clients were calling"] == ("two brokers", "anonymous")


def test_one_of_them_after_diplomats_in_the_same_paragraph():
    found = chosen_speakers(LEAD_EN + "Two diplomats briefed on the talks said the sides had agreed to use old "
                            "maps as a reference. One of them said about 20 points along the border remained "
                            "disputed.", lang="en")
    assert found["about 20 points"] == ("Two diplomats", "anonymous")


def test_arabic_one_of_two_sources_is_those_sources_not_a_person():
    found = chosen_speakers(LEAD_AR + "وقال مصدران في الوزارة إن القرار اتخذ قبل أسبوع. وأضاف أحدهما أن "
                            "الوزير رفض تأجيله رغم الضغوط.")
    assert found["الوزير رفض تأجيله"] == ("مصدران", "anonymous")


def test_verb_after_but_shares_a_subject_set_off_by_an_apposition():
    found = chosen_speakers(LEAD_EN + "Egyptologist Monica Hanna, a prominent campaigner for the return of "
                            "antiquities, called the handover an important achievement but said what was needed "
                            "was a law forcing auction houses to disclose provenance.", lang="en")
    assert found["what was needed"][0] in ("Monica Hanna", "Egyptologist Monica Hanna")


def test_body_with_its_acronym_and_a_relative_clause_keeps_both_its_verbs():
    found = chosen_speakers(LEAD_EN + "Fisheries minister Jorge Salinas said a new survey would be carried out in "
                            "February.\n\nPeru's National Fisheries Society (SNP), which represents the big fishing "
                            "companies, said it respected the scientific advice but warned that the cancellation "
                            "would cost the country about $1.4 billion in exports.", lang="en")
    assert found["it respected the scientific advice"] == ("Peru's National Fisheries Society", "organisation")
    assert found["the cancellation would cost"] == ("Peru's National Fisheries Society", "organisation")


def test_director_of_a_company_named_between_commas_is_the_speaker_not_the_company():
    found = chosen_speakers(LEAD_AR + "وقال المدير التنفيذي لشركة مطارات الخليج، سامر الحداد، إن الرحلات تعود إلى "
                            "طبيعتها خلال أيام.")
    assert found["الرحلات تعود إلى طبيعتها"] == ("سامر الحداد", "person")
