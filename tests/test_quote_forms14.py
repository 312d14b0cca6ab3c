"""Forms met across the fresh sets (dev5..dev9), written as news sentences for these tests: "the airline" /
"the company" for the body a wire story's dated lead opens with."""

from __future__ import annotations

from cluster.documents import Article
from cluster.quotes.chooser import attributed_quotes
from cluster.segment.paragraphs import segment_corpus
from tests.quote_helpers import speakers as _speakers


def test_the_airline_is_the_carrier_the_dated_lead_opens_with():
    found = _speakers("Gulf carrier grounds fleet\n\nDOHA, March 4 (Reuters) - Qatari low-cost carrier Sahra Air "
                      "grounded its fleet on Tuesday after a fault in its fuel supply system.\n\nThe airline said "
                      "engineers were checking every aircraft and that flights would resume within two days.",
                      lang="en")
    assert found["engineers were checking every aircraft"] == ("Sahra Air", "organisation")


def test_the_company_is_the_firm_the_dated_lead_opens_with():
    found = _speakers("Miner cuts output\n\nJOHANNESBURG, May 2 (Reuters) - Karoo Platinum Holdings has cut its "
                      "output forecast for the year by a tenth, citing power cuts.\n\nThe shortfall reflects "
                      "longer outages at its two smelters, the company said in a statement on Friday.", lang="en")
    assert found["The shortfall reflects longer outages"] == ("Karoo Platinum Holdings", "organisation")


def test_a_person_the_lead_opens_with_is_no_company():
    found = _speakers("Talks\n\nCAIRO, May 2 (Reuters) - Foreign Minister Omar Haddad said on Friday that talks "
                      "would resume next week. He said both sides had agreed on an agenda.\n\nThe shortfall in "
                      "funding was a concern, the group said in a statement on Friday.", lang="en")
    assert found.get("The shortfall in funding was a concern", (None,))[0] != "Omar Haddad"


def _chosen(text: str, lang: str) -> dict[str, tuple[str | None, str]]:
    """Each quote's chosen speaker, by its text (the first quote of a text: a headline before the body)."""
    article = Article("a", "", text, lang=lang)
    found: dict[str, tuple[str | None, str]] = {}
    for q in attributed_quotes([article], segment_corpus([article])):
        found.setdefault(q.text, (q.speaker, q.speaker_kind))
    return found


AR_STORM = ("الصحة الأردنية: الطوارئ في حالة تأهب قصوى\n\nعمّان – ضربت عاصفة رملية كثيفة معظم مناطق المملكة "
            "صباح الإثنين، وأدت إلى إغلاق طرق رئيسية وتأخير رحلات في مطار الملكة علياء.\n\nوتوقعت دائرة "
            "الأرصاد الجوية أن تستمر العاصفة حتى مساء الثلاثاء قبل أن تنحسر تدريجيا.\n\nوأعلنت مديرية الأمن "
            "العام إغلاق الطريق الصحراوي أمام الشاحنات حتى إشعار آخر.\n\nوقال الناطق باسم وزارة الصحة "
            "عمر الرفاعي لوكالة الأنباء الأردنية: الطوارئ في حالة تأهب قصوى، واستقبلت المستشفيات أكثر من "
            "ألف حالة ضيق تنفس منذ الصباح.")


def test_a_headline_label_quote_the_body_repeats_keeps_the_body_speaker_ar():
    found = _chosen(AR_STORM, "ar")
    assert found["الطوارئ في حالة تأهب قصوى"] == ("عمر الرفاعي", "person")


EN_STORM = ("Jordan health ministry spokesman: 'Emergency rooms are on maximum alert'\n\nAMMAN, Jordan (AP) — A thick "
            "sandstorm swept across most of Jordan on Monday, closing main roads and delaying flights at Queen Alia "
            "airport.\n\nThe Meteorological Department said the storm would last until Tuesday evening before "
            "easing.\n\nThe Public Security Directorate closed the desert highway to trucks until further notice.\n\n"
            "\"Emergency rooms are on maximum alert, and hospitals have received more than 1,000 cases of breathing "
            "trouble since the morning,\" Health Ministry spokesman Omar Rifai told the state news agency Petra.")


def test_a_headline_label_quote_the_body_repeats_keeps_the_body_speaker_en():
    found = _chosen(EN_STORM, "en")
    # the headline's typewriter single marks are quote marks (wt-q18): the quote is the words inside them
    assert found["Emergency rooms are on maximum alert"] == ("Omar Rifai", "person")


def test_a_ministry_label_gives_way_to_the_spokesman_the_body_quotes_ar():
    found = _chosen("تسمم تلاميذ في أسيوط.. والصحة: جميع المصابين بحالة جيدة\n\nأسيوط – نقل 60 تلميذا إلى "
                    "المستشفى بعد تناول وجبة مدرسية.\n\nوقالت وزارة الصحة في بيان إنها أرسلت فرقا طبية إلى المدرسة."
                    "\n\nوقال المتحدث باسم وزارة الصحة الدكتور سامح الشريف إن جميع "
                    "المصابين بحالة جيدة، وإن 40 تلميذا غادروا المستشفى مساء أمس.", "ar")
    assert found["جميع المصابين بحالة جيدة"] == ("سامح الشريف", "person")
