"""Who said it when the sentence does not say: newcomers, descriptions, counterparts, standalone quotes;
quote groups that hold one statement each; translations that keep the facts."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from cluster.config import Config
from cluster.documents import Article, SegmentKind
from cluster.duplicates.lexical import MatchType
from cluster.quotes.extract import Quote, extract_quotes
from cluster.quotes.matching import QuoteSettings, match_quotes, verify
from cluster.segment.paragraphs import segment_corpus
from tests.quote_helpers import speakers as _speakers

FEATURE = """Emma Stone is leaving the stage for a while, her agent said on Friday.

"She needs a long rest after two years of touring," the agent, Paul Harris, said.

Harris gave no date for Stone's return and no other details were released.

The news surprised Broadway producer Daniel Kaplan, who worked with Stone on last year's revival.

"Emma was the hardest-working actor in the company," he told Variety.

"She never missed a single rehearsal."

When asked about her plans, the Oscar winner said, "I want to read, sleep and see my family."

Stone said last month that she would take on fewer roles in the coming years."""


def test_a_pronoun_after_a_newly_introduced_person_is_that_person():
    found = _speakers(FEATURE, "en")
    assert found["She needs a long rest aft"] == ("Paul Harris", "person")
    assert found["Emma was the hardest-work"] == ("Daniel Kaplan", "person")  # not the agent quoted before
    assert found["She never missed a single"] == ("Daniel Kaplan", "person")  # stands alone: same speaker


def test_a_description_no_title_explains_is_the_person_the_article_is_about():
    assert _speakers(FEATURE, "en")["I want to read, sleep and"] == ("Emma Stone", "person")  # "the Oscar winner"


MINISTERS = """عمان – التقى وزير الخارجية الأردني أيمن الصفدي، الأحد، نظيره المصري بدر عبد العاطي في العاصمة.

وقال الصفدي في مؤتمر صحفي مشترك: "لن نقبل بأي تهجير للفلسطينيين من أرضهم تحت أي ظرف".

بدوره، أكد الوزير المصري أن القاهرة ترفض أي حلول على حساب الشعب الفلسطيني.

وقال نارسيس تيرميز الذي يبلغ من العمر 68 عاما إنه لم يعد متفائلا بنتائج المحادثات الجارية."""


def test_a_counterpart_is_a_title_and_a_relative_clause_describes_the_speaker():
    found = _speakers(MINISTERS, "ar")
    assert found["لن نقبل بأي تهجير"] == ("أيمن الصفدي", "person")  # "في مؤتمر صحفي": no place before a name
    assert found["القاهرة ترفض أي حلول على"] == ("بدر عبد العاطي", "person")  # "الوزير المصري", not الصفدي
    assert found["لم يعد متفائلا بنتائج ال"] == ("نارسيس تيرميز", "person")  # not "... الذي يبلغ"


STATEMENT = """Navy ships escorted the tanker out of the strait, a Defence Ministry statement said.

"The boats turned away when the helicopter approached and no shots were fired."

A Labour Party spokesman told The Times: 'The plan is not party policy and is not being considered.' The party has made no other comment.

قال متحدث باسم الحزب إن الخطة ليست من سياسة الحزب في الوقت الحالي."""


def test_a_quotation_standing_alone_after_a_statement_and_single_marked_colon_speech():
    found = _speakers(STATEMENT.split("\n\nقال")[0], "en")
    assert found["The boats turned away whe"] == ("Defence Ministry statement", "organisation")
    assert found["The plan is not party"] == ("Labour Party spokesman", "anonymous")
    assert not any("comment" in text for text in found)  # the writer's sentence after the closing mark
    arabic = _speakers("قال" + STATEMENT.split("\n\nقال")[1], "ar")
    assert arabic["الخطة ليست من سياسة الحز"] == ("متحدث باسم الحزب", "anonymous")


class _TableEncoder:
    """Vectors from a table: the test decides which quotes look alike."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table = {k: np.asarray(v, dtype=np.float32) / np.linalg.norm(v) for k, v in table.items()}

    def encode(self, sentences: list[str], **kwargs: object) -> np.ndarray:
        return np.vstack([next(v for k, v in self.table.items() if s.startswith(k)) for s in sentences])


def test_a_group_holds_one_statement_of_each_article_and_one_speaker():
    ar = Article("ar", "", 'ويتكوف: رد حماس غير مقبول على الإطلاق\n\nوقال ويتكوف: "سنعيد فريقنا '
                 'من الدوحة للتشاور مع الشركاء".', lang="ar")
    en = Article("en", "", 'Witkoff: Hamas response is totally unacceptable\n\n"We are bringing our team '
                 'home from Doha for consultations," Witkoff said.', lang="en")
    other = Article("x", "", '"We are bringing the team home for talks with partners," Netanyahu said.', lang="en")
    articles = [ar, en, other]
    quotes = extract_quotes(articles, segment_corpus(articles))
    encoder = _TableEncoder({
        "رد حماس": [1, 0, 0, 0], "Hamas response": [0.9, 0.3, 0, 0],
        "سنعيد": [0.2, 0.9, 0.1, 0], "We are bringing our": [0.5, 0.8, 0.2, 0],  # the body quote is also
        "We are bringing the": [0.2, 0.88, 0.15, 0.1],                          # near the other headline
    })
    result = match_quotes(quotes, encoder, QuoteSettings.from_config(Config()))
    groups = [{quotes[m].text[:12] for m in g.members} for g in result.groups if len(g.members) > 1]
    assert sorted(map(sorted, groups)) == [["Hamas respon", "رد حماس غير "], ["We are bring", "سنعيد فريقنا"]]
    assert all(quotes[m].speaker != "Netanyahu" for g in result.groups if len(g.members) > 1 for m in g.members)


def _quote(article: str, lang: str, text: str, speaker: str | None, kind: str) -> Quote:
    return Quote(article, 0, SegmentKind.BODY, lang, text, 0, len(text), "indirect", speaker, speaker, kind)


def test_a_translation_keeps_the_numbers_and_an_unnamed_source_on_both_sides_is_evidence():
    settings = QuoteSettings.from_config(Config())
    toll = [_quote("a", "en", "at least 384 people were killed when the tsunami hit the island", None, "unattributed"),
            _quote("b", "ar", "عدد القتلى ارتفع إلى 832 شخصا بعد أن ضرب تسونامي الجزيرة", None, "unattributed")]
    assert verify(toll, 0, 1, 0.8, settings, [None, None]) is None  # 384 is not 832
    official = [_quote("a", "ar", "رد الحركة يعني عمليا رفض الصفقة المطروحة", "مسؤول إسرائيلي", "anonymous"),
                _quote("b", "en", "the group's response effectively meant rejecting the deal", "Israeli official",
                       "anonymous"),
                _quote("c", "en", "the group's response effectively meant rejecting the deal", None, "unattributed")]
    # 0.56: under the cross-language cut, above the cut for copies that name the same kind of source
    assert verify(official, 0, 1, 0.56, settings, [0, 1, None]).match_type is MatchType.TRANSLATION
    assert verify(official, 0, 2, 0.56, settings, [0, None, None]) is None


def test_told_a_listener_and_said_it_report_the_clause_that_follows():
    found = _speakers("Chad Hammel told KSWB-TV in San Diego he had been diving with friends for half an hour.\n\n"
                      "Assistant chief fire officer Peter Guest admitted it was impossible to save the building.\n\n"
                      "Araghchi told a news conference in Muscat on Sunday.", "en")
    assert found["he had been diving with"] == ("Chad Hammel", "person")
    assert found["it was impossible to save"] == ("Peter Guest", "person")
    assert not any(text.startswith(("a news conference", "KSWB")) for text in found)


def test_a_misread_speaker_named_next_to_the_other_copy_does_not_veto_a_close_translation():
    settings = QuoteSettings.from_config(Config())
    misread = replace(_quote("a", "ar", "الفريق سيلعب مباراته الأولى بكامل لاعبيه هذا الموسم", "لاكيرز",
                             "person"), context_names=("لوك والتون", "لاكيرز", "جيمس"))
    english = replace(_quote("b", "en", "The team will play its first game with its full squad this season",
                             "Luke Walton", "person"), context_names=("James", "Luke Walton", "Denver Nuggets"))
    assert verify([misread, english], 0, 1, 0.75, settings, [0, 1]).match_type is MatchType.TRANSLATION
    assert verify([misread, english], 0, 1, 0.66, settings, [0, 1]) is None  # a looser match: two people
    elsewhere = replace(english, context_names=("James", "Denver Nuggets"))
    unnamed = replace(misread, context_names=("جيمس",))
    assert verify([unnamed, elsewhere], 0, 1, 0.9, settings, [0, 1]) is None  # nobody names the other


def test_a_claim_owned_by_someone_is_a_noun_not_a_reporting_verb():
    found = _speakers("Hamas official Hossam Badran told reporters Netanyahu's claim that Hamas had rejected "
                      "the deal was false.\n\nPolice claim that local residents have been evacuated.", "en")
    assert not any(speaker == "Netanyahu's" for speaker, _ in found.values())
    assert found["local residents have been"] == ("Police", "organisation")
