"""Duplicate groups: one group per passage, no chaining through a hub.

Every copy here is word for word, so the fake encoder (fast tier) must get them right as well as the
real one (slow tier): each test runs with both.
"""

from __future__ import annotations

from itertools import combinations

import pytest

from cluster.config import DuplicateConfig
from cluster.documents import Article
from cluster.duplicates.groups import find_duplicate_groups
from cluster.duplicates.neighbours import MAX_CANDIDATES
from cluster.embed import embed_texts
from cluster.segment.paragraphs import passages, segment_corpus

WITKOFF = ("رغم الجهود الكبيرة التي بذلها الوسطاء، لا يبدو أن حماس حسنة النية. "
           "سندرس الآن خيارات بديلة لإعادة الرهائن إلى ديارهم ومحاولة تهيئة بيئة أكثر استقرارا لسكان غزة.")
TRUMP = ("لا أعتقد أن هناك مجاعة في غزة والأمر ربما يتعلق بسوء تغذية، فحماس تسرق المساعدات، "
         "وتحدثت مع نتنياهو بشأن إدخال المساعدات إلى غزة وأمور أخرى.")
FILLER = {
    "a": "أعلنت وزارة الزراعة المصرية بدء موسم حصاد القمح في محافظات الدلتا وسط توقعات بإنتاج قياسي هذا العام.",
    "b": "وافتتح المعرض الدولي للكتاب في الرباط أبوابه أمام الزوار بمشاركة أكثر من سبعمئة دار نشر عربية وأجنبية.",
    "c": "سجلت أسعار الذهب في الأسواق العالمية ارتفاعا جديدا مع تزايد الطلب على الملاذات الآمنة خلال تعاملات الأسبوع.",
    "d": "أطلقت شركة الطيران الوطنية خطا جديدا يربط العاصمة بعدد من المدن الأوروبية اعتبارا من الشهر المقبل.",
}


def _article(key: str, *paragraphs: str) -> Article:
    text = "\n\n".join((f"عنوان الخبر رقم {key} عن موضوع مختلف تماما",) + paragraphs)
    return Article(id=key, title=f"عنوان {key}", text=text, lang="ar")


@pytest.fixture(params=["fake_encoder", "use_encoder"])
def encoder(request):
    return request.getfixturevalue(request.param)


def _groups(encoder, articles, cfg: DuplicateConfig | None = None):
    segments = segment_corpus(articles)
    units = [p for a in articles for p in passages(segments[a.id], a.lang)]
    vectors = embed_texts(encoder, [u.text for u in units])
    return find_duplicate_groups(units, vectors, {a.id: a.text for a in articles}, cfg or DuplicateConfig())


def test_quote_carried_by_four_outlets_is_one_group(encoder):
    articles = [_article(k, FILLER[k], f"وقال المبعوث الأميركي: \"{WITKOFF}\"") for k in "abcd"]
    groups = _groups(encoder, articles)
    assert [sorted(g.articles) for g in groups] == [["a", "b", "c", "d"]]
    (group,) = groups
    linked = {frozenset((group.passages[p.a].article_id, group.passages[p.b].article_id)) for p in group.pairs}
    assert linked == {frozenset(pair) for pair in combinations("abcd", 2)}  # every outlet with every other
    assert all(group.passages[p.a].text == group.passages[p.b].text for p in group.pairs)


def test_a_paragraph_carrying_two_quotes_does_not_chain_them(encoder):
    articles = [
        _article("a", FILLER["a"], WITKOFF),
        _article("b", FILLER["b"], TRUMP),
        _article("c", FILLER["c"], f"{WITKOFF} {TRUMP}"),  # a round-up quoting both
    ]
    groups = _groups(encoder, articles)
    for group in groups:
        assert not {"a", "b"} <= set(group.articles), "the two unrelated quotes were chained"
    linked = {frozenset(g.articles) for g in groups}
    assert frozenset({"a", "c"}) in linked and frozenset({"b", "c"}) in linked


def test_fillers_alone_match_nothing(encoder):
    articles = [_article(k, FILLER[k]) for k in "abcd"]
    assert _groups(encoder, articles) == []


def test_quote_carried_by_a_hundred_outlets_is_one_group_without_every_pair(fake_encoder):
    """A wire quote carried by 100 outlets: one group of all 100, each carrier verified against its nearest
    (neighbours.MAX_CANDIDATES) rather than all 4,950 pairs, whose cost grows with the square of the carriers."""
    articles = [_article(f"o{k:03d}", f"وقال المبعوث الأميركي: \"{WITKOFF}\"") for k in range(100)]
    groups = _groups(fake_encoder, articles)
    assert [len(g.articles) for g in groups] == [100]
    (group,) = groups
    assert len(group.pairs) <= MAX_CANDIDATES * 100 < 100 * 99 // 2
    assert all(any(k in (p.a, p.b) for p in group.pairs) for k in range(100))


def test_archive_sized_search_finds_the_same_hundred_outlet_group(fake_encoder):
    """The IVF search an archive gets (here from 2 passages on, cells of 16) keeps each passage's strongest
    links as it searches, instead of every link in range: the same one group of 100 carriers forms, with
    no more links than the exact search verifies."""
    articles = [_article(f"o{k:03d}", f"وقال المبعوث الأميركي: \"{WITKOFF}\"", FILLER["abcd"[k % 4]]) for k in range(100)]
    exact = _groups(fake_encoder, articles)
    archive = DuplicateConfig(search={"ann_min_passages": 2, "ann_cell_size": 16, "ann_nprobe": 4})
    found = _groups(fake_encoder, articles, archive)
    assert [sorted(g.articles) for g in found] == [sorted(g.articles) for g in exact]
    assert len(found[0].articles) == 100
    assert len(found[0].pairs) <= MAX_CANDIDATES * 100


def test_archive_search_by_cell_finds_what_faiss_finds():
    """The archive search meets each IVF cell with all the block's queries that probe it in one matrix product
    (``neighbours.range_by_cells``): the same hits as faiss's own range search of those cells, in faiss's order
    and with its cosines to the bit (the strongest-per-passage cut keeps the first of equal cosines, so exact
    copies must stay exact ties)."""
    import numpy as np

    from cluster.duplicates.neighbours import cell_lists, ivf_index, range_by_cells

    rng = np.random.default_rng(7)
    originals = rng.normal(size=(300, 64)).astype(np.float32)
    copies = originals[rng.integers(0, 300, 6000)] + 0.3 * rng.normal(size=(6000, 64)).astype(np.float32)
    copies[::50] = copies[1::50]  # exact copies: equal cosines, where order decides
    matrix = copies / np.linalg.norm(copies, axis=1, keepdims=True)
    index = ivf_index(matrix, 6000 // 64, 6)
    queries = np.ascontiguousarray(matrix[:1000])
    probes = index.quantizer.search(queries, index.nprobe)[1]
    lims, sims, ids = index.range_search_preassigned(queries, 0.8, probes, None)
    at, found, cosines = range_by_cells(cell_lists(index), queries, probes, 0.8)
    assert len(ids) > 1000
    assert np.array_equal(at, np.repeat(np.arange(1000), np.diff(lims).astype(np.int64)))
    assert np.array_equal(found, ids.astype(np.int64))
    assert np.array_equal(cosines, sims)


def test_archive_search_computes_again_only_what_the_strongest_cut_can_keep():
    """Told what the caller keeps (hits of other articles, each query's strongest), the cell search computes
    again with faiss only the hits that can be among them, and the caller's cut then keeps exactly what it keeps
    from faiss's full answer: the same pairs, cosines to the bit, equal cosines of exact copies in faiss's order."""
    import numpy as np

    from cluster.duplicates.neighbours import _strongest_of_query, cell_lists, ivf_index, range_by_cells

    rng = np.random.default_rng(11)
    originals = rng.normal(size=(200, 64)).astype(np.float32)
    copies = originals[rng.integers(0, 200, 6000)] + 0.3 * rng.normal(size=(6000, 64)).astype(np.float32)
    copies[::40] = copies[1::40]  # exact copies: ties the cut must break as faiss's order does
    copies[2::40] = copies[1::40]
    matrix = copies / np.linalg.norm(copies, axis=1, keepdims=True)
    owners = rng.integers(0, 1500, 6000)  # articles: some hits share the query's article and are dropped
    index = ivf_index(matrix, 6000 // 64, 6)
    queries = np.ascontiguousarray(matrix[:1500])
    probes = index.quantizer.search(queries, index.nprobe)[1]
    lims, sims, ids = index.range_search_preassigned(queries, 0.8, probes, None)
    i, j = np.repeat(np.arange(1500), np.diff(lims).astype(np.int64)), ids.astype(np.int64)
    other = owners[i] != owners[j]
    expected = _strongest_of_query(i[other], j[other], sims[other], k=5)

    at, found, cosines = range_by_cells(cell_lists(index), queries, probes, 0.8,
                                        lambda q, rows: owners[q] != owners[rows], strongest=5)
    assert len(at) < other.sum(), "every hit was computed again"
    other = owners[at] != owners[found]
    got = _strongest_of_query(at[other], found[other], cosines[other], k=5)
    assert len(expected[0]) > 5000
    for mine, theirs in zip(got, expected):
        assert np.array_equal(mine, theirs)
