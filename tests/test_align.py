"""Edited reuse inside longer text: a shuffled 60-word passage pasted mid-paragraph is found, with its span."""

from __future__ import annotations

import random

import numpy as np
import pytest

from cluster.config import Config
from cluster.documents import Article
from cluster.duplicates.align import aligned_span_pairs
from cluster.duplicates.shingles import BUCKET_PARTNERS, Windows, candidate_pairs
from cluster.evaluation.reuse_data import obfuscate
from cluster.pipeline import run_pipeline
from cluster.segment.paragraphs import segment_corpus
from cluster.unionfind import UnionFind

SOURCE_TITLE = "وزارة المياه تطلق خطة وطنية لمواجهة الجفاف في المحافظات الجنوبية"
REUSED = (
    "أعلنت وزارة المياه والري أمس إطلاق خطة وطنية لمواجهة موجة الجفاف التي تضرب المحافظات الجنوبية منذ ثلاثة "
    "أعوام، وتشمل الخطة حفر مئة وعشرين بئرا جوفية جديدة وإعادة تأهيل شبكات الري القديمة في القرى الزراعية. "
    "وقال وكيل الوزارة إن تكلفة المشروع تبلغ نحو أربعمئة مليون دولار بتمويل مشترك من البنك الدولي وصندوق "
    "التنمية العربي، مضيفا أن المرحلة الأولى ستنتهي قبل نهاية الصيف المقبل."
)
SOURCE_REST = (
    "ويعاني المزارعون في المنطقة من تراجع حاد في منسوب الأنهار والآبار، ما أدى إلى خسارة جزء كبير من محصول "
    "القمح والشعير خلال الموسم الماضي، بحسب تقارير منظمة الأغذية والزراعة."
)
HOST_BEFORE = (
    "افتتح المهرجان السينمائي الدولي دورته العاشرة مساء الخميس في العاصمة بحضور عدد كبير من النجوم والمخرجين "
    "العرب والأجانب، وتتنافس في المسابقة الرسمية ستة عشر فيلما روائيا طويلا من أربع عشرة دولة. وقالت مديرة "
    "المهرجان في كلمة الافتتاح إن الدورة الحالية تحتفي بالسينما الأفريقية وتخصص لها برنامجا خاصا يضم عروضا "
    "نادرة لأفلام رممت حديثا، إلى جانب ورش عمل لكتابة السيناريو والتصوير يشرف عليها مختصون من مدارس سينمائية "
    "عريقة. وأضافت أن لجنة التحكيم يرأسها مخرج مغربي معروف حاز جوائز عدة في مهرجانات أوروبية."
)
HOST_AFTER = (
    "وشهد حفل الافتتاح عرض فيلم وثائقي عن تاريخ دور العرض في المدينة القديمة، كما كرم المهرجان ممثلة مصرية "
    "قديرة عن مجمل أعمالها التي تجاوزت مئة فيلم ومسلسل. ومن المنتظر أن تعلن النتائج في حفل الختام يوم السبت "
    "المقبل، وسط توقعات بمنافسة قوية بين الأفلام القادمة من تونس والسنغال ونيجيريا، في حين تباع التذاكر في "
    "شبابيك المسارح الثلاثة المشاركة بأسعار رمزية لتشجيع الشباب والطلاب على الحضور ومتابعة العروض اليومية."
)
CLEAN = (
    "سجلت بورصة الأوراق المالية ارتفاعا ملحوظا في ختام تعاملات الأسبوع مدفوعة بمكاسب أسهم البنوك وشركات "
    "الاتصالات، وارتفع المؤشر الرئيسي بنسبة اثنين في المئة وسط تداولات نشطة من المستثمرين الأجانب. وقال محللون "
    "إن صعود الأسهم يعكس تحسن التوقعات الاقتصادية بعد صدور بيانات إيجابية عن النمو والتضخم، متوقعين أن تستمر "
    "الموجة الصاعدة خلال الأسابيع المقبلة إذا استقرت أسعار النفط في الأسواق العالمية."
)


def _corpus() -> tuple[list[Article], tuple[int, int]]:
    shuffled = " ".join(obfuscate(REUSED.split(), "shuffle", random.Random(3)))
    assert shuffled != REUSED
    paragraph = f"{HOST_BEFORE} {shuffled} {HOST_AFTER}"
    host = f"مهرجان السينما الدولي يفتتح دورته العاشرة بمشاركة واسعة\n\n{paragraph}"
    start = host.index(shuffled)
    articles = [
        Article("source", "", f"{SOURCE_TITLE}\n\n{REUSED}\n\n{SOURCE_REST}", lang="ar"),
        Article("host", "", host, lang="ar"),
        Article("clean", "", f"البورصة تغلق على ارتفاع مدفوعة بأسهم البنوك\n\n{CLEAN}", lang="ar"),
    ]
    return articles, (start, start + len(shuffled))


def _check_host_span(start: int, end: int, gold: tuple[int, int], host: Article) -> None:
    paragraph = host.text.index(HOST_BEFORE), len(host.text)
    inside = min(end, gold[1]) - max(start, gold[0])
    assert inside >= 0.9 * (gold[1] - gold[0])  # covers the reused region...
    assert end - start <= 1.25 * (gold[1] - gold[0])  # ...and not the paragraph around it
    assert end - start < 0.5 * (paragraph[1] - paragraph[0])


def test_shuffled_passage_is_aligned_to_its_span():
    articles, gold = _corpus()
    assert len(f"{HOST_BEFORE} {HOST_AFTER}".split()) + len(REUSED.split()) >= 180
    pairs = aligned_span_pairs(articles, segment_corpus(articles), Config().duplicates)
    assert len(pairs) == 1
    pair = pairs[0]
    host = pair.a if pair.a.article_id == "host" else pair.b
    source = pair.b if host is pair.a else pair.a
    assert source.article_id == "source"
    _check_host_span(host.start, host.end, gold, articles[1])
    reused = articles[0].text.index(REUSED), articles[0].text.index(REUSED) + len(REUSED)
    assert source.start >= reused[0] - 1 and source.end <= reused[1]  # not the headline nor the next paragraph
    assert source.end - source.start >= 0.9 * len(REUSED)


def test_host_without_reuse_yields_nothing():
    articles, _ = _corpus()
    pairs = aligned_span_pairs([articles[0], articles[2]], segment_corpus([articles[0], articles[2]]),
                               Config().duplicates)
    assert pairs == []


@pytest.mark.slow
def test_pipeline_reports_the_reused_span_as_edited(use_encoder):
    articles, gold = _corpus()
    groups = run_pipeline(articles, Config(), encoder=use_encoder).groups
    assert len(groups) == 1
    assert sorted(groups[0].articles) == ["host", "source"]
    assert groups[0].pairs[0].match_type.value == "edited"
    host = next(p for p in groups[0].passages if p.article_id == "host")
    _check_host_span(host.start, host.end, gold, articles[1])
    assert articles[1].text[host.start : host.end] == host.text


def test_cover_share_counts_only_spans_inside_the_region():
    from cluster.duplicates.align import covered_share

    assert covered_share([(100, 150), (140, 200)], (100, 200)) == 1.0
    assert covered_share([(0, 1000)], (100, 200)) == 0.0  # a whole paragraph around the region
    assert covered_share([(100, 130)], (100, 200)) == 0.3


def _word_shuffled(text: str) -> str:
    """``text`` with runs of 1-4 words moved across the whole of it (the reuse sets' word shuffle)."""
    from cluster.evaluation.reuse_data import obfuscate_labelled

    for seed in range(20):
        words, label = obfuscate_labelled(text.split(), "shuffle", random.Random(seed))
        if label == "word-shuffle":
            return " ".join(words)
    raise AssertionError("no word shuffle drawn")


def test_long_word_shuffled_passage_is_aligned():
    """A 115-word passage whose words moved across its whole length: no 32-word window of the copy
    shares enough with one of the source, a windows two and four times as long do."""
    passage = f"{REUSED} {SOURCE_REST} {CLEAN}"
    shuffled = _word_shuffled(passage)
    host_text = f"مهرجان السينما الدولي يفتتح دورته العاشرة\n\n{HOST_BEFORE} {shuffled} {HOST_AFTER}"
    articles = [Article("source", "", f"{SOURCE_TITLE}\n\n{passage}", lang="ar"),
                Article("host", "", host_text, lang="ar")]
    pairs = aligned_span_pairs(articles, segment_corpus(articles), Config().duplicates)
    assert len(pairs) == 1
    host = pairs[0].a if pairs[0].a.article_id == "host" else pairs[0].b
    start = host_text.index(shuffled)
    _check_host_span(host.start, host.end, (start, start + len(shuffled)), articles[1])


def test_whole_paragraphs_on_both_sides_are_left_to_the_paragraph_matcher():
    """Two versions of one wire story, paragraph for paragraph: no aligned region beside the
    paragraph pairs (it would report the whole story again as one edited pair)."""
    story = f"{REUSED}\n\n{SOURCE_REST}\n\n{CLEAN}"
    articles = [Article("wire", "", f"{SOURCE_TITLE}\n\n{story}", lang="ar"),
                Article("outlet", "", f"{SOURCE_TITLE} اليوم\n\n{story.replace('أمس', 'الأحد')}", lang="ar")]
    assert aligned_span_pairs(articles, segment_corpus(articles), Config().duplicates) == []


def test_two_passages_pasted_near_each_other_are_two_reuses():
    """Two consecutive paragraphs of a source pasted into one host paragraph with 35 words of the host
    between them: two reused regions, each with its own span, not one spanning the host text."""
    between = " ".join(HOST_AFTER.split()[:35])
    source_text = f"{SOURCE_TITLE}\n\n{REUSED}\n\n{CLEAN}"
    host_text = f"مهرجان السينما الدولي يفتتح دورته العاشرة\n\n{HOST_BEFORE} {REUSED} {between} {CLEAN} {HOST_BEFORE}"
    articles = [Article("source", "", source_text, lang="ar"), Article("host", "", host_text, lang="ar")]
    pairs = aligned_span_pairs(articles, segment_corpus(articles), Config().duplicates)
    hosts = sorted(((p.a if p.a.article_id == "host" else p.b) for p in pairs), key=lambda p: p.start)
    assert len(hosts) == 2
    for host, passage in zip(hosts, (REUSED, CLEAN)):
        start = host_text.index(passage)
        _check_host_span(host.start, host.end, (start, start + len(passage)), articles[1])


def test_windows_kept_per_article_equal_the_windows_of_the_corpus():
    """The store keeps each stored article's windows; joined, they are what the one-shot stage hashes."""
    import numpy as np

    from cluster.duplicates.shingles import article_tokens, joined, windows

    articles, _ = _corpus()
    segments = segment_corpus(articles)
    tokens = [article_tokens(a, segments[a.id]) for a in articles]
    cfg = Config().duplicates
    whole, parts = windows(tokens, cfg), joined([windows([t], cfg) for t in tokens])
    for field in ("article", "lo", "hi", "signatures"):
        assert np.array_equal(getattr(whole, field), getattr(parts, field))


def _same_window_in(outlets: int) -> Windows:
    """One window (identical MinHash signature) in each of ``outlets`` articles."""
    signature = np.random.default_rng(0).integers(0, 1 << 30, (1, Config().duplicates.shingle_permutations))
    zeros = np.zeros(outlets, np.int64)
    return Windows(np.arange(outlets), zeros, zeros + 40, np.repeat(signature, outlets, axis=0))


def test_a_window_in_a_few_outlets_meets_every_other_and_in_forty_a_chain_that_connects_them():
    cfg = Config().duplicates
    few = candidate_pairs(_same_window_in(BUCKET_PARTNERS + 1), cfg)
    assert len(few) == (BUCKET_PARTNERS + 1) * BUCKET_PARTNERS // 2  # all pairs, as without the cap
    many = candidate_pairs(_same_window_in(40), cfg)
    assert len(many) < 40 * 39 // 2  # not every pair: alignment would grow with the square of the carriers
    sets = UnionFind(40)
    for i, j in many.tolist():
        sets.union(i, j)
    assert len({sets.find(k) for k in range(40)}) == 1
