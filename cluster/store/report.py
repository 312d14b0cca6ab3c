"""The whole store as a pipeline ``Result``, so ``cluster/report/terminal.py`` renders it (text or the JSON
contract of docs/output.md) exactly as it renders a one-shot run, with the store's stable story ids.

Story labels, keywords and storylines are derived views, recomputed from the stored articles each time
(cheap next to embedding); only membership and ids are state. Storyline ids (``L1``...) are therefore
not stable across additions, story ids are.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict

import numpy as np

from cluster.embed import Encoder
from cluster.quotes.stage import find_quotes
from cluster.result import Result
from cluster.store.db import Store
from cluster.store.duplicates import groups_from_store
from cluster.store.stories import stored_features
from cluster.stories.clustering import BodyTerms, Story, StoryResult, _keywords, _storylines


def store_result(store: Store, quotes_encoder: Encoder | None = None) -> Result:
    """Every stored article, duplicate group and story, ready for ``report.to_json``/``render_text``.

    With ``quotes_encoder`` the quotes are found too (``quotes.stage.find_quotes``, through the embedding
    cache), as a one-shot run does; without it the ``quotes`` key of the report is empty.
    """
    started = time.perf_counter()
    features = stored_features(store)
    articles = features.articles
    segments = store.segments(articles)
    texts = {a.id: a.text for a in articles}
    groups = groups_from_store(store, texts, store.config.duplicates)
    stories = _stories(store, features)
    quotes = find_quotes(articles, segments, store.config, quotes_encoder) if quotes_encoder and articles else None
    return Result(
        articles=articles,
        segments=segments,
        groups=groups,
        stories=stories,
        skipped=[],
        notices=[],
        model=store.config.model,
        config=store.config,
        timings={"store_view": time.perf_counter() - started},
        passages=store.count("passages"),
        quotes=quotes,
    )


def _stories(store: Store, features) -> StoryResult:
    articles = features.articles
    if not articles:
        return StoryResult((), ())
    position = {a.id: k for k, a in enumerate(articles)}
    members: dict[str, list[int]] = defaultdict(list)
    for aid, sid in store.story_of().items():
        members[sid].append(position[aid])
    semantic = np.clip(features.body_vecs @ features.body_vecs.T, -1.0, 1.0)
    leads = np.clip(features.lead_vecs @ features.lead_vecs.T, -1.0, 1.0)
    order = sorted(members, key=lambda sid: (-len(members[sid]), _first(articles, members[sid]), _number(sid)))
    clusters = [sorted(members[sid]) for sid in order]
    cfg = store.config.stories
    keywords = _keywords(features.body_texts, BodyTerms.count(features.body_texts), clusters, cfg.keywords)
    stories = [_story(sid, idx, articles, semantic, kw) for sid, idx, kw in zip(order, clusters, keywords)]
    lines = _storylines(stories, clusters, (semantic + leads) / 2, cfg.storyline_threshold)
    return StoryResult(tuple(stories), tuple(lines))


def _story(story_id: str, idx: list[int], articles, semantic: np.ndarray, keywords: tuple[str, ...]) -> Story:
    """A story as the one-shot stage describes it; the central article is the one closest in meaning
    to the other members (the one-shot stage also weighs wording and names)."""
    central = idx[int(np.argmax(semantic[np.ix_(idx, idx)].sum(axis=1)))] if len(idx) > 1 else idx[0]
    ordered = sorted(idx, key=lambda i: (articles[i].date or dt.date.max, articles[i].id))
    dates = [articles[i].date for i in idx if articles[i].date]
    return Story(
        id=story_id,
        label=articles[central].title.strip() or articles[central].id,
        keywords=keywords,
        articles=tuple(articles[i].id for i in ordered),
        central=articles[central].id,
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
    )


def _first(articles, idx: list[int]) -> dt.date:
    dates = [articles[i].date for i in idx if articles[i].date]
    return min(dates) if dates else dt.date.max


def _number(story_id: str) -> int:
    digits = story_id.lstrip("S")
    return int(digits) if digits.isdigit() else 1 << 30
