"""What two articles say beyond the passages they share, for the learned scorer's features.

A paragraph reused inside another report (a background paragraph, an agency's account of a meeting
inside a report of a forum) brings its names, numbers, day and place along, so every text cue of the
host agrees with the source and the pair looks like one story. The shared-passage feature already
says how much two articles share; the other text features should say how alike the rest is. So for
a pair in one language where neither article is mostly the shared text (each side under half of its
body paragraphs shared: a wire copy, a translation or a short excerpt is compared whole), wording,
names and the day/place/number cues are read again from the two bodies without the shared paragraphs,
and the pair's shared share is left out too (compared as if nothing were shared). Two reports of one
event still agree beyond a shared paragraph; a host about something else does not. (Keeping the share
for these pairs was worse: on ECB+ nearly every partly shared pair is one story, so its learned weight
joins any host of a reused paragraph. Reading the rest alone lifted the out-of-fold F1 on both sets.)
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from cluster.stories.bodies import ArticleBodies
from cluster.stories.features import all_cues, article_cues, pair_features
from cluster.stories.graph import distinct
from cluster.stories.lookups import BothTrue, RowCosines, SameValue, SparsePairs
from cluster.stories.signals import ArticleSignals, body_event_terms

MOSTLY_SHARED = 0.5
"""An article with at least this share of its body paragraphs shared is a copy of the other: compared whole."""


StandIn = tuple[int, frozenset[int]]
"""An article read without some of its paragraphs: (article position, segment indices left out)."""


def candidate_features(
    bodies: ArticleBodies, signals: ArticleSignals, left: np.ndarray, right: np.ndarray, min_entities: int
) -> np.ndarray:
    """``pair_features`` of the candidate pairs, text cues read beyond a partly reused passage."""
    paired = set(distinct(np.concatenate([left, right])).tolist())
    rows = pair_features(signals, all_cues(bodies, paired), left, right)
    todo, stand_ins = _partly_reused(bodies, signals, left, right)
    for lo in range(0, len(todo), REREAD_CHUNK):
        rows[todo[lo : lo + REREAD_CHUNK]] = _reread(bodies, signals, stand_ins[lo : lo + REREAD_CHUNK], min_entities)
    return rows


REREAD_CHUNK = 4096
"""Pairs read again at a time. Each pair's row depends on its two stand-ins only, so the chunks give the rows
all pairs at once would; at once, the stand-ins' texts, TF-IDF rows and cues of the 300k-passage bench corpus
held ~0.8 GB."""


def _partly_reused(
    bodies: ArticleBodies, signals: ArticleSignals, left: np.ndarray, right: np.ndarray
) -> tuple[list[int], list[tuple[StandIn, StandIn]]]:
    """Positions of the pairs to read again, and each one's two articles less the paragraphs they share."""
    reused = signals.reused
    if bodies.paragraphs is None or not reused or not len(left):
        return [], []
    found = reused.find(left, right)
    langs = np.array([a.lang for a in bodies.articles])
    paragraphs = np.array([len(p) for p in bodies.paragraphs])
    low_count, high_count = (np.concatenate([c, [0]])[found] for c in reused.counts())
    swapped = left > right
    left_count, right_count = np.where(swapped, high_count, low_count), np.where(swapped, low_count, high_count)
    todo = np.flatnonzero((found >= 0) & (langs[left] == langs[right])
                          & (left_count < MOSTLY_SHARED * paragraphs[left])
                          & (right_count < MOSTLY_SHARED * paragraphs[right]))  # fmt: skip
    stand_ins = [tuple((side, reused.segments(found[k], side)) for side in (int(left[k]), int(right[k])))
                 for k in todo.tolist()]  # fmt: skip
    return todo.tolist(), stand_ins


def _reread(
    bodies: ArticleBodies, signals: ArticleSignals, pairs: list[tuple[StandIn, StandIn]], min_entities: int
) -> np.ndarray:
    """The feature rows of the pairs from their articles' unshared rest. Each distinct stand-in article
    (an article less some paragraphs) is read once and keeps its vectors, language and date; nothing
    is shared between stand-ins."""
    unique = list(dict.fromkeys(side for pair in pairs for side in pair))
    position = {stand_in: k for k, stand_in in enumerate(unique)}
    sides = np.array([side for side, _ in unique])
    kept = [[t for i, t in sorted(bodies.paragraphs[side].items()) if i not in left_out] for side, left_out in unique]
    texts = ["\n\n".join(paragraphs) for paragraphs in kept]
    langs = np.array([bodies.articles[i].lang for i in sides])
    entity_docs = [body_event_terms(t, lang) for t, lang in zip(texts, langs)]
    has = np.array([len(set(e)) for e in entity_docs]) >= min_entities
    names = (signals.names.transform([" ".join(e) for e in entity_docs]).tocsr() if signals.names is not None
             else sparse.csr_matrix((len(texts), 0)))
    stand_in = ArticleSignals(
        semantic=RowCosines(bodies.vectors[sides]), lexical=RowCosines(signals.terms.tfidf_of(kept)),
        entities=RowCosines(names), shared=SparsePairs(sparse.csr_matrix((len(unique), len(unique)))),
        same_language=SameValue(langs), has_entities=BothTrue(has), leads=RowCosines(bodies.leads[sides]),
    )
    cues = [article_cues(t, lang, bodies.articles[i].date) for t, lang, i in zip(texts, langs, sides)]
    left = np.array([position[a] for a, _ in pairs])
    right = np.array([position[b] for _, b in pairs])
    return pair_features(stand_in, cues, left, right)
