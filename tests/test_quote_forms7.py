"""Speaker and reporting forms behind the errors left on the third blind labeller's articles (dev5),
on news-like sentences written for these tests (Arabic and English): family names with a particle,
compound given names, and the other general forms listed in docs/quotes.md (dev5 table)."""

from __future__ import annotations

from tests.quote_helpers import speakers as _speakers


def test_a_name_after_the_verb_keeps_its_lower_case_particle():
    found = _speakers("Headline here\n\nDUBAI (Reuters) - The bank held its rate.\n\n"
                      "\"Nobody expected a change this month, so markets barely moved,\" said Khalid al-Mansouri, "
                      "an analyst at a Dubai brokerage.")
    assert found["Nobody expected"] == ("Khalid al-Mansouri", "person")


def test_a_family_name_with_the_article_follows_a_compound_given_name():
    found = _speakers("عنوان الخبر هنا\n\nالرياض – وقال وزير الطاقة عبد الله بن عبد الرحمن الفيصل، في بيان، "
                      "إن الإنتاج سيرتفع تدريجيا خلال الربع المقبل.")
    assert found["الإنتاج سيرتفع"][0] == "عبد الله بن عبد الرحمن الفيصل"
