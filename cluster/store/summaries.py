"""A story's derived fields (label, keywords, central article, dates, outlets) from its own rows: one
derivation for the live story read (``lookup.story_detail``) and for the summaries the writer stores for the
lists (``materialise``), so a list item and ``GET /stories/{id}`` agree.

Keywords are the one field that needs other articles (TF-IDF weights): a story's members are weighed against
the ``KEYWORD_BACKGROUND`` most recently stored articles, not the whole store, so the cost follows the story,
not the archive. Several stories are summarised together (a batch's, a re-clustering's, a fill's) with one
read of their bodies and one count of their words; each story's keywords are still computed on its own
texts and the background alone (its columns of the shared counts are exactly those a count of its texts
would have, in the same order), so they equal a summary of that story by itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from cluster.report.contract_base import iso
from cluster.store.db import Store
from cluster.store.listing import StoryRow
from cluster.store.stories import stored_bodies
from cluster.stories.bodies import ArticleBodies
from cluster.stories.describe import make_story, story_keywords
from cluster.stories.signals import BodyTerms, cosines
from cluster.textnorm import normalize

KEYWORD_BACKGROUND = 100
"""Recently stored articles a story's words are weighed against (document frequency)."""


def summarise(store: Store, members_of: Mapping[str, Sequence[str]]) -> dict[str, StoryRow]:
    """Story id -> its summary, for stories given with their (non-empty) members. Read inside the
    caller's snapshot or transaction."""
    wanted = {sid: list(m) for sid, m in members_of.items() if m}
    if not wanted:
        return {}
    background = [a.id for a in store.recent_articles(KEYWORD_BACKGROUND)]
    pool = stored_bodies(store, list(dict.fromkeys([*(a for m in wanted.values() for a in m), *background])))
    row_of = {a.id: k for k, a in enumerate(pool.articles)}
    counts = _word_counts(pool)
    top = store.config.stories.keywords
    out: dict[str, StoryRow] = {}
    for sid, members in wanted.items():
        rows = sorted(row_of[a] for a in members)  # insertion order, as ``stored_bodies`` of the members
        inside = set(members)
        rest = [row_of[a] for a in background if a not in inside]
        keywords = _keywords(pool, counts, rows, rest, top)
        out[sid] = describe(sid, _subset(pool, rows), keywords)
    return out


def describe(story_id: str, bodies: ArticleBodies, keywords: Sequence[str]) -> StoryRow:
    """The story of exactly these member bodies, labelled by its central member's title."""
    idx = list(range(len(bodies.articles)))
    story = make_story(story_id, idx, bodies.articles, cosines(bodies.vectors), tuple(keywords))
    outlets = frozenset(s for a in bodies.articles if (s := (a.source or "").casefold()))
    return StoryRow(story_id, story.label, tuple(story.keywords), tuple(story.articles), story.central,
                    iso(story.first_date), iso(story.last_date), outlets)


def _word_counts(pool: ArticleBodies) -> tuple[object, np.ndarray] | None:
    """Word counts of every pooled body (one fit), with the vocabulary; None when no body has a word."""
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer()
    try:
        matrix = vectorizer.fit_transform([normalize(t) for t in pool.texts]).tocsr()
    except ValueError:  # no word in any text
        return None
    return matrix, vectorizer.get_feature_names_out()


def _keywords(pool: ArticleBodies, counts: tuple | None, rows: list[int], rest: list[int], top: int) -> tuple[str, ...]:
    """Keywords of the members at ``rows`` weighed against the background at ``rest``: the columns of the
    pooled counts these texts use, which are those (and in that order) a count of these texts alone makes."""
    if counts is None:
        return ()
    matrix, names = counts
    sub = matrix[rows + rest]
    used = np.flatnonzero(np.asarray(sub.sum(axis=0)).ravel() > 0)
    if not len(used):
        return ()
    texts = [pool.texts[k] for k in rows + rest]
    terms = BodyTerms(sub[:, used].tocsr(), names[used])
    return story_keywords(texts, terms, [list(range(len(rows)))], top)[0]


def _subset(bodies: ArticleBodies, rows: list[int]) -> ArticleBodies:
    return ArticleBodies([bodies.articles[k] for k in rows], [bodies.texts[k] for k in rows], bodies.vectors[rows],
                         bodies.leads[rows], [bodies.counts[k] for k in rows])
