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
from cluster.stories.lookups import BothTrue, RowCosines, SameValue, SparsePairs
from cluster.stories.signals import ArticleSignals
from cluster.textnorm import event_terms

MOSTLY_SHARED = 0.5
"""An article with at least this share of its body paragraphs shared is a copy of the other: compared whole."""


def candidate_features(
    bodies: ArticleBodies, signals: ArticleSignals, left: np.ndarray, right: np.ndarray, min_entities: int
) -> np.ndarray:
    """``pair_features`` of the candidate pairs, text cues read beyond a partly reused passage."""
    rows = pair_features(signals, all_cues(bodies), left, right)
    todo, rests = _partly_reused(bodies, signals, left, right)
    if not todo:
        return rows
    rows[todo] = _reread(bodies, signals, left[todo], right[todo], rests, min_entities)
    return rows


def _partly_reused(
    bodies: ArticleBodies, signals: ArticleSignals, left: np.ndarray, right: np.ndarray
) -> tuple[list[int], list[tuple[str, str]]]:
    """Positions of the pairs to read again, and each one's two bodies without the shared paragraphs."""
    if bodies.paragraphs is None or not signals.reused:
        return [], []
    todo, rests = [], []
    for k, (a, b) in enumerate(zip(left.tolist(), right.tolist())):
        shared = signals.reused.get((min(a, b), max(a, b)))
        if not shared or bodies.articles[a].lang != bodies.articles[b].lang:
            continue
        texts = []
        for side in (a, b):
            mine = {segment for x, segment in shared if x == side}
            paragraphs = bodies.paragraphs[side]
            if len(mine) >= MOSTLY_SHARED * max(1, len(paragraphs)):
                break
            texts.append("\n\n".join(t for i, t in sorted(paragraphs.items()) if i not in mine))
        if len(texts) == 2 and all(texts):
            todo.append(k)
            rests.append((texts[0], texts[1]))
    return todo, rests


def _reread(
    bodies: ArticleBodies, signals: ArticleSignals, left: np.ndarray, right: np.ndarray,
    rests: list[tuple[str, str]], min_entities: int,
) -> np.ndarray:
    """The feature rows of the pairs (``left[k]``, ``right[k]``) from their bodies' unshared rest: two
    stand-in articles per pair (2k, 2k + 1) keep their vectors, language and date; nothing is shared."""
    texts = [t for pair in rests for t in pair]
    sides = np.column_stack([left, right]).ravel()
    langs = np.array([bodies.articles[i].lang for i in sides])
    entity_docs = [event_terms(t, lang) for t, lang in zip(texts, langs)]
    has = np.array([len(set(e)) for e in entity_docs]) >= min_entities
    names = (signals.names.transform([" ".join(e) for e in entity_docs]) if signals.names is not None
             else sparse.csr_matrix((len(texts), 0)))
    m = len(rests)
    nothing_shared = sparse.csr_matrix((2 * m, 2 * m))
    stand_in = ArticleSignals(
        semantic=RowCosines(bodies.vectors[sides]), lexical=RowCosines(signals.terms.tfidf_of(texts)),
        entities=RowCosines(names.tocsr()), shared=SparsePairs(nothing_shared), same_language=SameValue(langs),
        has_entities=BothTrue(has), leads=RowCosines(bodies.leads[sides]),
    )
    cues = [article_cues(t, lang, bodies.articles[i].date) for t, lang, i in zip(texts, langs, sides)]
    return pair_features(stand_in, cues, np.arange(0, 2 * m, 2), np.arange(1, 2 * m, 2))
