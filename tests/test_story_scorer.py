"""The learned same-story scorer (the default): the shipped JSON, the cues it reads across scripts, the
sparse graph's exactness, and the decisions it must get right (one event in two languages is one story;
two meetings of the same people on different days in different cities are two stories, one storyline;
an undated report of one meeting is not a dated report of another)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from cluster.config import StoryConfig
from cluster.documents import Article
from cluster.stories.bodies import ArticleBodies
from cluster.stories.clustering import cluster_stories
from cluster.stories.features import FEATURES, all_cues, article_cues, event_days, pair_features
from cluster.stories.graph import candidate_pairs, sparse_average_linkage, sparse_similarity
from cluster.stories.linkage import agglomerate
from cluster.stories.reuse import candidate_features
from cluster.stories.scorer import SHIPPED, StoryScorer, load_scorer
from cluster.stories.signals import ArticleSignals, BodyTerms, build_signals, pair_signals
from cluster.stories.terms import weigh
from cluster.stories.textdates import calendar_days
from cluster.textnorm import normalize

MEETING_1 = ("Turkish intelligence chief Ibrahim Kalin met Hamas leaders in Istanbul on Wednesday to discuss "
             "a ceasefire in Gaza and the release of 24 hostages.")
MEETING_2 = ("Turkish intelligence chief Ibrahim Kalin met Hamas leaders in Ankara on Saturday to discuss "
             "a ceasefire in Gaza and the delivery of 300 aid trucks.")
MEETING_1_AR = ("التقى رئيس الاستخبارات التركية إبراهيم قالن قادة من حماس في إسطنبول يوم الأربعاء لبحث وقف "
                "إطلاق النار في غزة والإفراج عن ٢٤ رهينة.")


def test_shipped_model_is_small_json_and_scores():
    raw = SHIPPED.read_text(encoding="utf-8")
    assert len(raw) < 8000
    data = json.loads(raw)
    assert tuple(data["features"]) == FEATURES
    assert {"means", "scales", "coefficients", "intercept", "cut", "meta"} <= set(data)
    scorer = load_scorer()
    rows = np.array([scorer.means, np.array(scorer.means) + np.array(scorer.scales)])
    p = scorer.probability(rows)
    assert p.shape == (2,) and np.all((p > 0) & (p < 1))
    assert 0 < scorer.cut < 1


def test_model_with_other_features_is_refused():
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["features"] = list(reversed(data["features"]))
    with pytest.raises(ValueError, match="refit"):
        StoryScorer.from_dict(data)


def test_cues_agree_across_scripts():
    en, ar = article_cues(MEETING_1, "en"), article_cues(MEETING_1_AR, "ar")
    assert en.weekdays == ar.weekdays == {2}
    assert en.places & ar.places  # Istanbul / إسطنبول, by consonant skeleton
    assert "24" in en.numbers and "24" in ar.numbers  # Arabic-Indic digits folded
    other = article_cues(MEETING_2, "en")
    assert not (en.weekdays & other.weekdays) and not (en.places & other.places)


def _signals(n, semantic, langs):
    langs = np.array(langs)
    return ArticleSignals(
        semantic=semantic, lexical=np.where(langs[:, None] == langs[None, :], semantic, 0.0), entities=semantic,
        shared=np.zeros((n, n)), same_language=langs[:, None] == langs[None, :],
        has_entities=np.ones((n, n), dtype=bool), leads=semantic,
    )


def test_conflicting_day_place_and_counts_lower_the_probability():
    scorer = load_scorer()
    texts = [MEETING_1, MEETING_1.replace("24", "25"), MEETING_2]
    cues = [article_cues(t, "en") for t in texts]
    signals = _signals(3, np.full((3, 3), 0.85), ["en"] * 3)
    rows = pair_features(signals, cues, np.array([0, 0]), np.array([1, 2]))
    same_event, other_event = scorer.probability(rows)
    assert same_event > other_event


def _bodies(texts, langs, dates, vectors):
    articles = [Article(id=f"a{i}", title=f"t{i}", text=t, date=d, lang=lang)
                for i, (t, lang, d) in enumerate(zip(texts, langs, dates))]
    return ArticleBodies(articles, list(texts), vectors, vectors.copy(), [1] * len(texts))


def test_two_meetings_on_different_days_in_different_cities_are_two_stories_one_storyline():
    texts = [MEETING_1, MEETING_1, MEETING_2, MEETING_2]
    dates = [dt.date(2024, 9, 11), dt.date(2024, 9, 11), dt.date(2024, 11, 16), dt.date(2024, 11, 16)]
    sem = np.array([[1, .95, .8, .8], [.95, 1, .8, .8], [.8, .8, 1, .95], [.8, .8, .95, 1]])
    vectors = np.linalg.cholesky(sem).astype(np.float32)  # rows whose cosines are ``sem``
    result = cluster_stories(_bodies(texts, ["en"] * 4, dates, vectors), _signals(4, sem, ["en"] * 4), StoryConfig())
    assert {frozenset(s.articles) for s in result.stories} == {frozenset({"a0", "a1"}), frozenset({"a2", "a3"})}
    assert len(result.storylines) == 1


def test_sparse_average_linkage_equals_dense_with_unscored_pairs_at_zero():
    rng = np.random.default_rng(3)
    n = 60
    vectors = rng.normal(size=(n, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    left, right = candidate_pairs(vectors, np.zeros((n, n)), [None] * n, k=6, window_days=7)
    p = np.clip(vectors[left] @ np.ones(8) * 0 + (vectors[left] * vectors[right]).sum(1), 0, 1)
    sim = sparse_similarity(n, left, right, p)
    dense = sim.toarray()
    np.fill_diagonal(dense, 1.0)
    for cut in (0.3, 0.5, 0.7):
        a, b = sparse_average_linkage(sim, cut), agglomerate(dense, cut)
        assert len(set(zip(a.tolist(), b.tolist()))) == len(set(a.tolist())) == len(set(b.tolist()))


def test_heap_linkage_of_a_large_component_equals_the_dense_cut():
    """A feed of short near-copies chains thousands of articles into one component: it is cut on the
    scored pairs only, with the stories the dense cut would give."""
    from cluster.stories.graph import heap_average_linkage

    rng = np.random.default_rng(5)
    n = 80
    vectors = rng.normal(size=(n, 6)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    left, right = candidate_pairs(vectors, np.zeros((n, n)), [None] * n, k=8, window_days=7)
    sim = sparse_similarity(n, left, right, np.clip((vectors[left] * vectors[right]).sum(1), 0, 1))
    dense = sim.toarray()
    np.fill_diagonal(dense, 1.0)
    for cut in (0.3, 0.5, 0.7):
        a, b = heap_average_linkage(sim.tocoo(), cut), agglomerate(dense, cut)
        assert len(set(zip(a.tolist(), b.tolist()))) == len(set(a.tolist())) == len(set(b.tolist()))
        assert len(set(a.tolist())) < n  # something merged: the test compares real cuts


def test_candidates_skip_far_dates_but_keep_shared_passages():
    vectors = np.array([[1, 0], [1, 0], [1, 0]], dtype=np.float32)
    shared = np.zeros((3, 3))
    shared[0, 2] = shared[2, 0] = 0.5
    dates = [dt.date(2024, 1, 1), dt.date(2024, 1, 2), dt.date(2024, 6, 1)]
    left, right = candidate_pairs(vectors, shared, dates, k=5, window_days=7)
    assert set(zip(left.tolist(), right.tolist())) == {(0, 1), (0, 2)}


def test_a_large_feed_searches_nearest_articles_in_an_index_with_the_exact_candidates(monkeypatch):
    """Past ``IVF_MIN_ARTICLES`` each article's nearest come from an IVF index (exact search costs articles²):
    on 12,000 articles in 600 stories of 20 (47 cells, 16 probed) it proposes the pairs exact search proposes."""
    import cluster.stories.graph as graph

    rng = np.random.default_rng(11)
    centres = rng.normal(size=(600, 48)).astype(np.float32)
    vectors = np.repeat(centres, 20, axis=0) + rng.normal(0, 0.3, size=(12000, 48)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    dates, shared = [None] * len(vectors), sparse.csr_matrix((12000, 12000))
    exact = set(zip(*(a.tolist() for a in candidate_pairs(vectors, shared, dates, k=10, window_days=7))))
    monkeypatch.setattr(graph, "IVF_MIN_ARTICLES", 5000)
    indexed = set(zip(*(a.tolist() for a in candidate_pairs(vectors, shared, dates, k=10, window_days=7))))
    assert len(exact & indexed) >= 0.99 * len(exact)
    assert len(indexed) <= 1.01 * len(exact)


def test_calendar_days_read_in_both_scripts():
    assert calendar_days("Ri spoke on March 23 at the UN; the deal of Dec. 11 stands.") == {(3, 23), (12, 11)}
    assert calendar_days("التقى قالن الوفد في 23 مارس/ آذار 2026") == {(3, 23)}
    assert calendar_days("Talks may 5 times be delayed") == frozenset()  # 'may' the verb is no month


def test_a_dated_report_stands_in_its_publication_day_only_when_it_names_none():
    monday = dt.date(2026, 3, 23)
    assert article_cues("Kalin met a Hamas delegation.", "en", monday).weekdays == {0, 6}  # that day or the day before
    named = article_cues("Kalin met Hamas on Monday; on Saturday he had met Qatar's envoy.", "en", monday)
    assert named.weekdays == {0}  # the day that fits the date, not the background's
    assert event_days(frozenset({4}), frozenset({0, 6})) == {4}  # a report of an earlier day keeps it
    undated = article_cues("Security sources said on Saturday that Kalin met a Hamas delegation.", "ar")
    assert not (undated.weekdays & article_cues("Kalin met a Hamas delegation.", "en", monday).weekdays)


def test_undated_report_of_another_meeting_scores_lower_than_a_report_of_the_same_day():
    scorer = load_scorer()
    meeting = "Kalin met a Hamas delegation in Istanbul."
    texts = [meeting, f"Security sources said on Saturday that {meeting}", f"Security sources said on Monday that {meeting}"]
    cues = [article_cues(texts[0], "en", dt.date(2026, 3, 23))] + [article_cues(t, "en") for t in texts[1:]]
    rows = pair_features(_signals(3, np.full((3, 3), 0.85), ["en"] * 3), cues, np.array([0, 0]), np.array([1, 2]))
    other_day, same_day = scorer.probability(rows)
    assert other_day < same_day


def test_per_pair_signals_give_the_stories_of_the_full_matrices():
    rng = np.random.default_rng(5)
    words = ["Kalin", "Hamas", "Istanbul", "Ankara", "ceasefire", "Gaza", "hostages", "trucks", "Doha", "Cairo"]
    texts = [" ".join(rng.choice(words, 12)) + f" on day {k % 7}" for k in range(40)]
    vectors = rng.normal(size=(40, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    bodies = _bodies(texts, ["en"] * 40, [None] * 40, vectors)
    cfg = StoryConfig(candidate_neighbours=8)
    dense, lazy = (cluster_stories(bodies, build(bodies, [], cfg), cfg) for build in (build_signals, pair_signals))
    assert [s.articles for s in dense.stories] == [s.articles for s in lazy.stories]
    assert [s.central for s in dense.stories] == [s.central for s in lazy.stories]
    assert [line.stories for line in dense.storylines] == [line.stories for line in lazy.storylines]


@pytest.mark.slow
def test_one_event_in_arabic_and_english_is_one_story(run_corpus):
    other = ("Floods in southern Brazil forced 12,000 people from their homes on Monday, officials in "
             "Porto Alegre said, as rivers rose to record levels.")
    articles = [Article(id="en", title="", text=MEETING_1, lang="en"),
                Article(id="ar", title="", text=MEETING_1_AR, lang="ar"),
                Article(id="other", title="", text=other, lang="en")]
    stories = {frozenset(s.articles) for s in run_corpus(articles).stories.stories}
    assert frozenset({"en", "ar"}) in stories and frozenset({"other"}) in stories


@pytest.mark.slow
def test_sample_is_five_meetings_in_one_storyline_with_either_scorer(run_corpus):
    """The five reports of five meetings of Kalin with Hamas (one undated, 002; the Istanbul one of
    2026-03-23, 004, names no day) stay five stories in one storyline."""
    for scorer in ("learned", "mix"):
        result = run_corpus(Path(__file__).resolve().parents[1] / "seeds", **{"stories.scorer": scorer})
        assert sorted(len(s.articles) for s in result.stories.stories) == [1] * 5, scorer
        assert len(result.stories.storylines) == 1, scorer


def test_a_paragraph_reused_in_a_report_about_something_else_is_read_beyond_the_reuse():
    """The forum report carries the agency's paragraph on the meeting: its names, day and place agree with
    the meeting report only inside that paragraph, so the pair is compared on the rest."""
    meeting = ["Kalin met Hamas leaders in Ankara on Friday.", MEETING_1, "Sources gave no names of the leaders.",
               "The talks covered a ceasefire in Gaza and 24 hostages."]
    forum = ["The Ankara Security Forum opened with diplomats from twenty countries.",
             "Speakers discussed Black Sea grain exports and mediation in Ukraine.", MEETING_1,
             "The forum closes on Sunday with a session on energy security."]
    copy = list(meeting)
    texts = ["\n\n".join(p) for p in (meeting, forum, copy)]
    vectors = np.eye(3, 8, dtype=np.float32)
    articles = [Article(id=f"a{i}", title="", text=t, lang="en") for i, t in enumerate(texts)]
    paragraphs = [dict(enumerate(p)) for p in (meeting, forum, copy)]
    bodies = ArticleBodies(articles, texts, vectors, vectors.copy(), [4, 4, 4], paragraphs)
    links = [(("a0", 1), ("a1", 2))] + [(("a0", k), ("a2", k)) for k in range(4)]
    signals = pair_signals(bodies, links, StoryConfig())
    left, right = np.array([0, 0]), np.array([1, 2])
    plain = pair_features(signals, all_cues(bodies), left, right)
    read = candidate_features(bodies, signals, left, right, min_entities=3)
    wording, shared = FEATURES.index("wording"), FEATURES.index("shared_passages")
    assert read[0, wording] < plain[0, wording] and read[0, shared] == 0.0  # the host, beyond the reuse
    assert np.array_equal(read[1], plain[1])  # a wire copy is compared whole
    assert load_scorer().probability(read[:1])[0] < load_scorer().probability(plain[:1])[0]
    assert signals.shared[np.array([0, 1, 2]), np.array([1, 2, 0])].tolist() == [0.25, 0.0, 1.0]
    backwards = candidate_features(bodies, signals, right, left, min_entities=3)
    assert np.allclose(backwards, read)  # a pair listed the other way round is read the same


def test_wording_of_an_article_read_as_paragraphs_equals_the_joined_text():
    paragraphs = [["Kalin met Hamas in Ankara.", "The talks covered Gaza aid."], ["Gaza aid trucks left Egypt", "", "Ankara"]]
    terms = BodyTerms.count(["\n\n".join(p) for p in paragraphs] + ["Cairo talks on Gaza aid"])
    joined = terms.tfidf()[:2].toarray()
    assert np.allclose(terms.tfidf_of(paragraphs).toarray(), joined)


def test_body_terms_counted_by_paragraph_equal_a_count_of_the_whole_text():
    """The wording signal counts each paragraph once and adds the word pairs across breaks: the same
    counts as scikit-learn over the joined text, for repeated, empty and Arabic paragraphs."""
    from sklearn.feature_extraction.text import CountVectorizer

    texts = [
        "Kalin met Hamas in Ankara.\n\nThe talks covered Gaza aid.",
        "The talks covered Gaza aid.\n\n\n\nAnkara said on Monday",
        "التقى كالن وفد حماس في أنقرة\n\nوبحث الجانبان المساعدات ٢٠٢٦",
        "I",
    ]
    terms = BodyTerms.count(texts)
    reference = CountVectorizer(ngram_range=(1, 2))
    counts = reference.fit_transform([normalize(t) for t in texts])
    assert list(terms.names) == list(reference.get_feature_names_out())
    assert (terms.counts != counts).nnz == 0


def test_wording_of_paragraphs_never_counted_before_equals_the_joined_text():
    """A paragraph the corpus count never saw (a segment holding a blank line) is counted on the corpus's
    terms and IDF: the row equals the joined text's."""
    from sklearn.feature_extraction.text import CountVectorizer

    terms = BodyTerms.count(["Kalin met Hamas in Ankara.\n\nThe talks covered Gaza aid.", "Cairo talks on Gaza aid"])
    unseen = [["Kalin met Hamas\n\nin Cairo.", "The talks covered Gaza aid."]]
    counter = CountVectorizer(ngram_range=(1, 2), vocabulary=terms.names)
    joined = weigh(counter.transform([normalize("\n\n".join(unseen[0]))]), terms.idf)
    assert np.allclose(terms.tfidf_of(unseen).toarray(), joined.toarray())


def test_story_cv_takes_the_most_regularised_of_tied_settings():
    from cluster.evaluation.story_cv import most_regularised

    choices = {(0.1, 0.15): (0.9483, 0.425), (1.0, 0.15): (0.9484, 0.425), (10.0, 1.0): (0.9400, 0.45)}
    assert most_regularised(choices) == (0.1, 0.15)
    assert most_regularised({(0.1, 0.15): (0.930, 0.4), (1.0, 0.15): (0.948, 0.425)}) == (1.0, 0.15)
