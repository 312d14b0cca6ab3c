"""Quote forms without quote marks, speaker kinds and within-article coreference, on news-like text;
and the quote matcher's copy handling, which must give the groups that verifying every pair gives."""

from __future__ import annotations

import numpy as np
import pytest

from cluster.config import Config
from cluster.documents import Article
from cluster.evaluation.bench import build_corpus, sources_missing
from cluster.quotes.candidates import candidate_pairs, units
from cluster.quotes.extract import extract_quotes
from cluster.quotes.guard import GroupGuard, same_words
from cluster.quotes.matching import QuoteSettings, components, match_quotes, verify
from cluster.segment.paragraphs import segment_corpus
from cluster.unionfind import UnionFind

ARABIC = """ويتكوف: رد حماس على المقترح الأميركي غير مقبول

الدوحة – رفض المبعوث الأميركي الخاص إلى الشرق الأوسط ستيف ويتكوف، السبت، رد حركة حماس على مقترح وقف إطلاق النار.

وقال المبعوث الأميركي في بيان: "ما تلقيناه من حماس غير مقبول على الإطلاق ويعيدنا إلى الوراء".

وقال المتحدث باسم الدفاع المدني في غزة محمود بصل: نعمل بأدوات بدائية، ومعظم آلياتنا دمرت بالكامل.

وبحسب مصادر مصرية مطلعة على المفاوضات، فإن الوسطاء يعملون على صيغة معدلة تسد الفجوات بين الطرفين.

ونقلت هيئة البث الإسرائيلية عن مسؤول إسرائيلي قوله إن رد الحركة يعني عمليا رفض الصفقة المطروحة.

وقالت وزارة الصحة اللبنانية في بيان إن حصيلة الغارات على الجنوب منذ مطلع الشهر بلغت 12 قتيلا."""

ENGLISH = """Witkoff: Hamas response to US proposal is unacceptable

DOHA - US special envoy to the Middle East Steve Witkoff on Saturday rejected Hamas's response to a proposal.

"What we received from Hamas is totally unacceptable and only sets us back," the envoy said in a statement.

He added that the United States would keep working with mediators in Egypt and Qatar.

According to officials familiar with the talks, a deal on car exports could be signed within weeks.

Business Secretary Jonathan Reynolds told the BBC: The steel industry needs certainty, and we will give it.

Climate activist Greta Thunberg said:

"Leaders keep making promises they have no intention of keeping.

"We are tired of words. We need action.\""""


class _Found(dict):
    def __getitem__(self, start: str) -> tuple[str | None, str, str]:
        hits = [v for k, v in self.items() if k.startswith(start)]
        assert len(hits) == 1, (start, list(self))
        return hits[0]


def _quotes(text: str, lang: str) -> _Found:
    article = Article("a", "", text, lang=lang)
    quotes = extract_quotes([article], segment_corpus([article]))
    return _Found({q.text: (q.speaker, q.speaker_kind, q.text) for q in quotes})


def test_arabic_headline_colon_speech_titles_and_sources():
    found = _quotes(ARABIC, "ar")
    assert found["رد حماس على المقترح الأمي"][:2] == ("ستيف ويتكوف", "person")  # headline, surname -> full name
    assert found["ما تلقيناه من حماس غير مق"][:2] == ("ستيف ويتكوف", "person")  # "المبعوث الأميركي"
    assert found["نعمل بأدوات بدائية، ومعظم"][:2] == ("محمود بصل", "person")  # colon speech, no marks
    assert found["الوسطاء يعملون على صيغة م"][:2] == ("مصادر مصرية مطلعة", "anonymous")
    assert found["رد الحركة يعني عمليا رفض"][:2] == ("مسؤول إسرائيلي", "anonymous")  # not the broadcaster
    assert found["حصيلة الغارات على الجنوب "][1] == "organisation"


def test_english_titles_pronouns_sources_colons_and_multi_paragraph_quotes():
    found = _quotes(ENGLISH, "en")
    assert found["Hamas response to US pro"][:2] == ("Steve Witkoff", "person")
    assert found["What we received from Ha"][:2] == ("Steve Witkoff", "person")  # "the envoy"
    assert found["the United States would "][:2] == ("Steve Witkoff", "person")  # "He added"
    assert found["a deal on car exports co"][:2] == ("officials", "anonymous")
    assert found["The steel industry needs"][:2] == ("Jonathan Reynolds", "person")
    speech = found["Leaders keep making prom"]
    assert speech[:2] == ("Greta Thunberg", "person") and speech[2].endswith("We need action.")  # one quote


def test_rubric_headlines_are_not_quotes():
    found = _quotes("عاجل: انفجار قوي يهز وسط العاصمة بيروت\n\nأفاد شهود عيان بسماع دوي انفجار.", "ar")
    assert not any(text.startswith("انفجار قوي") for _, _, text in found.values())


@pytest.mark.parametrize("teaser, lang", [
    ("Recommended: Local bakery wins national award for its sourdough", "en"),
    ("اقرأ المزيد: افتتاح محطة لتحلية المياه تخدم نصف مليون نسمة", "ar"),
    ("ذات صلة: توقيع اتفاقية تعاون في مجال الطاقة المتجددة", "ar"),
])
def test_a_read_also_teaser_is_not_a_quote_of_its_marker(teaser, lang):
    """An outlet's teaser of another story ("Recommended: <headline>") says nothing, and its marker is no speaker."""
    body = ENGLISH if lang == "en" else ARABIC
    found = _quotes(body.replace("\n\n", f"\n\n{teaser}\n\n", 2), lang)
    headline = teaser.split(":", 1)[1].strip()
    assert not any(text.startswith(headline[:20]) for _, _, text in found.values())
    own = "What we received" if lang == "en" else "ما تلقيناه"
    assert any(own in text and speaker for speaker, _, text in found.values())  # the article's own quotes stay


@pytest.mark.parametrize("sentence, source", [
    ('حسبما ذكر أحد المصادر: "إن الشركة كانت حتى الآن أعلى أولويات الإدارة في الأعوام المقبلة."', "أحد المصادر"),
    ('وذكر أحد أعضاء الجمعية من حزب العمال بأن جماعته قلقة بشأن "استخدام السجع المتسم بالسخافة."',
     "أحد أعضاء الجمعية"),
])
def test_one_of_the_sources_is_an_unnamed_source_not_a_person_called_one(sentence, source):
    found = _quotes("عنوان الخبر هنا\n\n" + sentence, "ar")
    assert [(speaker, kind) for speaker, kind, _ in found.values()] == [(source, "anonymous")]


@pytest.mark.skipif(sources_missing() is not None, reason=sources_missing() or "")
def test_copies_and_spanning_links_give_the_groups_of_verifying_every_pair(fake_encoder):
    records = build_corpus(2400)
    articles = [Article(r["id"], r.get("title", ""), r["text"], lang=r.get("lang") or "und") for r in records]
    quotes = extract_quotes(articles, segment_corpus(articles))
    settings = QuoteSettings.from_config(Config())
    result = match_quotes(quotes, fake_encoder, settings)
    # A reference without the shortcuts: every unit of every quote searched, every candidate verified.
    owners, texts = units(quotes, settings.quotes.min_part_words)
    vectors = np.asarray(fake_encoder.encode(texts), dtype=np.float32)
    candidates = candidate_pairs(vectors, owners, quotes, settings.quotes.candidate_radius, {})
    verified = [link for (a, b), sim in candidates.items()
                if (link := verify(quotes, a, b, sim, settings, result.speaker_of))]
    # ... then joined best first, each join checked against what the two groups already hold
    guard = GroupGuard(quotes, result.speaker_of, UnionFind(len(quotes)))
    links = []
    for link in sorted(verified, key=lambda x: -x.similarity):
        if guard.sets.find(link.a) != guard.sets.find(link.b) and (
                same_words(link) or not guard.conflict(link.a, link.b)):
            guard.join(link.a, link.b)
            links.append(link)
    expected = {g.members for g in components(len(quotes), links)}
    assert {g.members for g in result.groups} == expected
