"""Story clustering on hand-built signals: how names, dates and shared passages decide a story, under the
learned scorer (the default) and the hand-weighted mix alike."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from cluster.config import StoryConfig
from cluster.documents import Article
from cluster.stories.bodies import ArticleBodies
from cluster.stories.clustering import cluster_stories
from cluster.stories.signals import ArticleSignals, combined_similarity, date_penalty

both_scorers = pytest.mark.parametrize("scorer", ["learned", "mix"])


def _signals(n, semantic, entities=None, lexical=None, shared=None, langs=None):
    langs = np.array(langs or ["en"] * n)
    full = lambda m, default: np.array(m if m is not None else default, dtype=float)  # noqa: E731
    eye = np.eye(n)
    return ArticleSignals(
        semantic=full(semantic, eye),
        lexical=full(lexical, eye),
        entities=full(entities, eye),
        shared=full(shared, np.zeros((n, n))),
        same_language=langs[:, None] == langs[None, :],
        has_entities=np.ones((n, n), dtype=bool),
        leads=full(semantic, eye),
    )


def _bodies(n, dates=None, langs=None, texts=None):
    """Articles with bodies: only their ids, titles, dates, languages and texts matter once signals are given."""
    dates = dates or [None] * n
    langs = langs or ["en"] * n
    articles = [Article(id=f"a{i}", title=f"t{i}", text=f"text {i}", date=dates[i], lang=langs[i]) for i in range(n)]
    vectors = np.eye(n, dtype=np.float32)
    return ArticleBodies(articles, list(texts or ["x"] * n), vectors, vectors.copy(), [1] * n)


@both_scorers
def test_same_event_shares_names_and_is_one_story(scorer):
    # Two earthquakes: every article reads alike, but a0/a1 name one town, a2/a3 another.
    sem = np.full((4, 4), 0.8) + 0.2 * np.eye(4)
    ent = np.array([[1, 0.7, 0.1, 0.1], [0.7, 1, 0.1, 0.1], [0.1, 0.1, 1, 0.6], [0.1, 0.1, 0.6, 1]])
    result = cluster_stories(_bodies(4), _signals(4, sem, ent, ent), StoryConfig(scorer=scorer))
    assert {frozenset(s.articles) for s in result.stories} == {frozenset({"a0", "a1"}), frozenset({"a2", "a3"})}


@both_scorers
def test_months_apart_is_another_story_in_the_same_storyline(scorer):
    sem = np.array([[1, 0.75], [0.75, 1]])
    ent = np.array([[1, 0.45], [0.45, 1]])
    cfg = StoryConfig(scorer=scorer)
    close = _bodies(2, [dt.date(2024, 9, 13), dt.date(2024, 9, 14)], texts=["x", "y"])
    far = _bodies(2, [dt.date(2024, 9, 13), dt.date(2025, 4, 5)], texts=["x", "y"])
    assert len(cluster_stories(close, _signals(2, sem, ent, ent), cfg).stories) == 1
    apart = cluster_stories(far, _signals(2, sem, ent, ent), cfg)
    assert len(apart.stories) == 2
    assert len(apart.storylines) == 1 and apart.storylines[0].stories == tuple(s.id for s in apart.stories)


@both_scorers
def test_translation_pair_joins_across_languages_through_shared_passages(scorer):
    sem = np.array([[1, 0.7], [0.7, 1]])
    shared = np.array([[0, 0.9], [0.9, 0]])
    signals = _signals(2, sem, shared=shared, langs=["en", "ar"])
    mix = StoryConfig(scorer="mix")
    assert combined_similarity(signals, mix)[0, 1] > 1 - mix.distance_threshold
    cfg = StoryConfig(scorer=scorer)
    stories = cluster_stories(_bodies(2, langs=["en", "ar"], texts=["x", "y"]), signals, cfg).stories
    assert len(stories) == 1


def test_date_penalty_grows_with_the_gap_and_ignores_undated():
    dates = [dt.date(2025, 1, 1), dt.date(2025, 1, 3), dt.date(2025, 3, 1), None]
    penalty = date_penalty(dates, StoryConfig())
    assert penalty[0, 1] == 0.0
    assert penalty[0, 2] > 0.0
    assert penalty[0, 3] == 0.0 and penalty[3, 3] == 0.0


@both_scorers
def test_members_in_date_order_and_label_from_central_article(scorer):
    # a2 is the closest to both others (a0 and a1 are further from each other): the story's centre.
    sem = np.array([[1, 0.8, 0.95], [0.8, 1, 0.95], [0.95, 0.95, 1]])
    ent = np.array([[1, 0.7, 0.9], [0.7, 1, 0.9], [0.9, 0.9, 1]])
    central = max(range(3), key=lambda i: sem[i].sum() + ent[i].sum())
    assert central == 2  # neither the first by date (a1) nor the first given (a0)
    bodies = _bodies(3, [dt.date(2025, 5, 3), dt.date(2025, 5, 1), dt.date(2025, 5, 2)])
    story = cluster_stories(bodies, _signals(3, sem, ent, ent), StoryConfig(scorer=scorer)).stories[0]
    assert story.articles == ("a1", "a2", "a0")
    assert story.label == f"t{central}" and story.central == f"a{central}"
    assert story.first_date == dt.date(2025, 5, 1) and story.last_date == dt.date(2025, 5, 3)
