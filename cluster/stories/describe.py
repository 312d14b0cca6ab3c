"""What a story is, once its members are known: a label, keywords, dates, a central article, and the
storylines that link stories continuing one another.

Public, and separate from the clustering, because two paths describe stories: the one-shot run
(``clustering.cluster_stories``) and the store's view (``cluster/store/report.py``), whose members come
from stored ids. Both describe them here, so a story reads the same whichever path made it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from cluster.config import StoryConfig
from cluster.documents import Article
from cluster.stories.bodies import ArticleBodies
from cluster.stories.linkage import agglomerate
from cluster.stories.lookups import Continuation
from cluster.stories.signals import BodyTerms
from cluster.textnorm import normalize, stopwords, words

_KEYWORD = re.compile(r"[^\W\d_]{3,}")
"""A keyword candidate (and how its spellings are found): a word of three letters or more, no digits."""


@dataclass(frozen=True)
class Story:
    id: str
    label: str
    keywords: tuple[str, ...]
    articles: tuple[str, ...]
    """Member article ids in date order (undated last)."""
    central: str
    """The member most similar to the others: its title labels the story."""
    first_date: dt.date | None
    last_date: dt.date | None

    @property
    def size(self) -> int:
        return len(self.articles)


@dataclass(frozen=True)
class Storyline:
    id: str
    stories: tuple[str, ...]
    """Story ids in date order."""
    similarity: float


@dataclass(frozen=True)
class StoryResult:
    stories: tuple[Story, ...]
    storylines: tuple[Storyline, ...]


def describe_stories(
    bodies: ArticleBodies,
    story_ids: Sequence[str],
    clusters: list[list[int]],
    terms: BodyTerms,
    similarity: np.ndarray | sparse.csr_matrix,
    continuation: np.ndarray | Continuation,
    cfg: StoryConfig,
) -> StoryResult:
    """Stories (``story_ids[k]`` made of the articles at positions ``clusters[k]``) and their storylines.

    ``similarity`` picks each story's central article; ``continuation`` (``ArticleSignals.continuation``)
    links stories into storylines.
    """
    articles = bodies.articles
    keywords = story_keywords(bodies.texts, terms, clusters, cfg.keywords)
    stories = [make_story(sid, idx, articles, similarity, kw) for sid, idx, kw in zip(story_ids, clusters, keywords)]
    lines = storylines(stories, clusters, continuation, cfg.storyline_threshold)
    return StoryResult(stories=tuple(stories), storylines=tuple(lines))


def first_date(articles: Sequence[Article], idx: list[int]) -> dt.date:
    """The earliest date among the articles at ``idx`` (``date.max`` when none is dated: sorts last)."""
    dates = [articles[i].date for i in idx if articles[i].date]
    return min(dates) if dates else dt.date.max


def story_keywords(
    body_texts: Sequence[str], terms: BodyTerms, clusters: list[list[int]], top: int
) -> list[tuple[str, ...]]:
    """Terms that are frequent in a story and rare elsewhere (TF-IDF summed over its members)."""
    stop = {w for s in stopwords("ar") | stopwords("en") for w in words(s)}
    columns = np.array(
        [k for k, name in enumerate(terms.names) if _KEYWORD.fullmatch(name) and name not in stop], dtype=int
    )
    if top == 0 or not len(columns):
        return [() for _ in clusters]
    matrix, names = terms.tfidf(columns), terms.names[columns]
    out = []
    for idx in clusters:
        weights = np.asarray(matrix[idx].sum(axis=0)).ravel()
        best = [str(names[i]) for i in np.argsort(-weights)[:top] if weights[i] > 0]
        surface = surface_forms([body_texts[i] for i in idx], wanted=set(best))
        out.append(tuple(surface.get(term, term) for term in best))
    return out


def surface_forms(texts: Sequence[str], wanted: set[str] | None = None) -> dict[str, str]:
    """Normalised word -> its most frequent spelling in the texts, so keywords read as written.

    ``wanted`` limits the answer to those normalised words (a story needs only its keywords')."""
    counts: dict[str, Counter] = defaultdict(Counter)
    spelled = Counter(word for text in texts for word in _KEYWORD.findall(text))
    for word, n in spelled.items():  # each distinct spelling normalised once
        norm = normalize(word)
        if wanted is None or norm in wanted:
            counts[norm][word] += n
    return {norm: max(spellings, key=spellings.__getitem__) for norm, spellings in counts.items()}


def make_story(
    story_id: str, idx: list[int], articles: Sequence[Article], similarity: np.ndarray | sparse.csr_matrix,
    keywords: tuple[str, ...],
) -> Story:
    """The story of the articles at ``idx``, labelled by its central member's title."""
    if len(idx) > 1:
        inner = similarity[idx][:, idx]  # a dense or sparse block
        central = idx[int(np.argmax(np.asarray(inner.sum(axis=1)).ravel()))]
    else:
        central = idx[0]
    ordered = sorted(idx, key=lambda i: (articles[i].date or dt.date.max, articles[i].id))
    dates = [articles[i].date for i in idx if articles[i].date]
    title = articles[central].title.strip() or articles[central].id
    return Story(
        id=story_id,
        label=title,
        keywords=keywords,
        articles=tuple(articles[i].id for i in ordered),
        central=articles[central].id,
        first_date=min(dates) if dates else None,
        last_date=max(dates) if dates else None,
    )


def storylines(
    stories: list[Story], members: list[list[int]], similarity: np.ndarray | Continuation, threshold: float
) -> list[Storyline]:
    """Stories grouped by average linkage on the mean embedding similarity of their articles.

    Average linkage, not single links: a long chain of loosely related stories is not a storyline.
    """
    n = len(stories)
    if n < 2:
        return []
    # Mean similarity between every two stories' articles, as one product: M S M^T / (|s| |t|).
    size = similarity.vectors.shape[0] if isinstance(similarity, Continuation) else len(similarity)
    membership = np.zeros((n, size))
    for s, idx in enumerate(members):
        membership[s, idx] = 1.0 / len(idx)
    if isinstance(similarity, Continuation):
        between = similarity.between(membership)
    else:
        between = membership @ similarity @ membership.T
    np.fill_diagonal(between, 1.0)
    labels = agglomerate(between, 1.0 - threshold)
    lines = []
    for label in set(labels.tolist()):
        comp = [s for s in range(n) if labels[s] == label]
        if len(comp) < 2:
            continue
        comp.sort(key=lambda s: (stories[s].first_date or dt.date.max, stories[s].id))
        mean = float(np.mean([between[a, b] for a in comp for b in comp if a < b]))
        lines.append((comp, mean))
    lines.sort(key=lambda item: (-len(item[0]), -item[1]))
    return [
        Storyline(id=f"L{k + 1}", stories=tuple(stories[s].id for s in comp), similarity=round(sim, 4))
        for k, (comp, sim) in enumerate(lines)
    ]
