"""The whole store as a pipeline ``Result``, so ``cluster/report/terminal.py`` renders it (text or the JSON
contract of docs/output.md) exactly as it renders a one-shot run, with the store's stable story ids.

Story labels, keywords and storylines are derived views, recomputed from the stored articles each time
(cheap next to embedding); only membership and ids are state. Storyline ids (``L1``...) are therefore
not stable across additions, story ids are.
"""

from __future__ import annotations

import time
from collections import defaultdict

from cluster.embed import Encoder
from cluster.quotes.stage import find_quotes
from cluster.result import Result
from cluster.store.db import Store
from cluster.store.duplicates import groups_from_store
from cluster.store.listing import story_number
from cluster.store.stories import stored_bodies
from cluster.stories.bodies import ArticleBodies
from cluster.stories.describe import StoryResult, describe_stories, first_date
from cluster.stories.signals import BodyTerms, continuation, cosines


def store_result(store: Store, quotes_encoder: Encoder | None = None) -> Result:
    """Every stored article, duplicate group and story, ready for ``report.to_json``/``render_text``.

    With ``quotes_encoder`` the quotes are found too (``quotes.stage.find_quotes``, through the embedding
    cache), as a one-shot run does; without it the ``quotes`` key of the report is empty.
    """
    started = time.perf_counter()
    bodies = stored_bodies(store)
    articles = bodies.articles
    segments = store.segments(articles)
    texts = {a.id: a.text for a in articles}
    groups = groups_from_store(store, texts, store.config.duplicates)
    stories = _stories(store, bodies)
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
        passages=store.segment_passages(),
        quotes=quotes,
    )


def _stories(store: Store, bodies: ArticleBodies) -> StoryResult:
    """The stored stories, described as the one-shot stage describes its own; the central article is
    the one closest in meaning to the other members (the one-shot stage also weighs wording and names)."""
    articles = bodies.articles
    if not articles:
        return StoryResult((), ())
    position = {a.id: k for k, a in enumerate(articles)}
    members: dict[str, list[int]] = defaultdict(list)
    for aid, sid in store.story_of().items():
        members[sid].append(position[aid])
    order = sorted(members, key=lambda sid: (-len(members[sid]), first_date(articles, members[sid]), story_number(sid)))
    clusters = [sorted(members[sid]) for sid in order]
    semantic = cosines(bodies.vectors)
    linked = continuation(semantic, cosines(bodies.leads))
    terms = BodyTerms.count(bodies.texts)
    return describe_stories(bodies, order, clusters, terms, semantic, linked, store.config.stories)
