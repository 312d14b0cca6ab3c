"""How similar two articles are, signal by signal (docs/stories.md has the ablation):

- meaning: cosine of the mean embedding of each article's own body paragraphs (works across
  languages, but blurs two events of the same kind together);
- wording: TF-IDF cosine over the body text, same language only;
- names and numbers: TF-IDF cosine over capitalised names and numbers, what tells two earthquakes or
  two meetings apart;
- shared passages: the share of paragraphs the two articles share as duplicate passages (a wire copy
  or a translation is the same story).

``combined_similarity`` mixes them, because none is enough alone; ``date_penalty`` then lowers the
similarity of articles published far apart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from cluster.config import StoryConfig
from cluster.documents import Article
from cluster.duplicates.matches import DuplicateGroup
from cluster.stories.bodies import ArticleBodies
from cluster.textnorm import event_terms, normalize

ParagraphLink = tuple[tuple[str, int], tuple[str, int]]
"""Two paragraphs, as (article id, segment index), that two articles share as a duplicate passage."""


@dataclass(frozen=True)
class BodyTerms:
    """Word and word-pair counts of each article's body, counted once for two uses: the wording
    signal (all terms) and story keywords (single words only)."""

    counts: sparse.csr_matrix
    names: np.ndarray

    @classmethod
    def count(cls, body_texts: Sequence[str]) -> BodyTerms:
        from sklearn.feature_extraction.text import CountVectorizer  # sklearn's import pulls pandas, scipy.stats

        vectorizer = CountVectorizer(ngram_range=(1, 2))
        try:
            counts = vectorizer.fit_transform([normalize(t) for t in body_texts])
        except ValueError:  # no document has a word
            return cls(sparse.csr_matrix((len(body_texts), 0)), np.array([], dtype=object))
        return cls(counts.tocsr(), vectorizer.get_feature_names_out())

    def tfidf(self, columns: np.ndarray | None = None) -> sparse.csr_matrix:
        """Sublinear TF-IDF rows (unit length) over all terms or the given columns."""
        counts = self.counts if columns is None else self.counts[:, columns]
        if counts.shape[1] == 0:  # no article has a word (e.g. one-letter texts): nothing to weigh
            return sparse.csr_matrix(counts.shape)
        from sklearn.feature_extraction.text import TfidfTransformer

        return TfidfTransformer(sublinear_tf=True).fit_transform(counts).tocsr()


@dataclass(frozen=True)
class ArticleSignals:
    """Pairwise similarity matrices, one per signal (n x n, same order as the articles)."""

    semantic: np.ndarray
    lexical: np.ndarray
    entities: np.ndarray
    shared: np.ndarray
    same_language: np.ndarray
    has_entities: np.ndarray
    leads: np.ndarray
    """Cosine of the articles' first body paragraphs (headline or lead): who did what, in brief."""
    terms: BodyTerms | None = None
    """The body term counts the wording signal came from (story keywords reuse them)."""

    @property
    def continuation(self) -> np.ndarray:
        """How strongly two articles are about the same actors and subject, whatever the event."""
        return continuation(self.semantic, self.leads)


def cosines(vectors: np.ndarray) -> np.ndarray:
    """Cosine of every two unit rows (clipped: rounding may step past 1)."""
    return np.clip(vectors @ vectors.T, -1.0, 1.0)


def continuation(semantic: np.ndarray, leads: np.ndarray) -> np.ndarray:
    """Mean of body and lead cosines: what links stories into a storyline."""
    return (semantic + leads) / 2


def paragraph_links(groups: Iterable[DuplicateGroup]) -> list[ParagraphLink]:
    """The paragraphs each linked pair of a duplicate group joins: all the shared-passage signal reads."""
    links = []
    for group in groups:
        for pair in group.pairs:
            a, b = group.passages[pair.a], group.passages[pair.b]
            links.append(((a.article_id, a.segment_index), (b.article_id, b.segment_index)))
    return links


def build_signals(bodies: ArticleBodies, links: Iterable[ParagraphLink], cfg: StoryConfig) -> ArticleSignals:
    """Every signal for every pair of articles, from their bodies and the paragraphs they share."""
    terms = BodyTerms.count(bodies.texts)
    wording = terms.tfidf()
    lexical = (wording @ wording.T).toarray()  # all zeros when no article has a word
    entity_docs = [event_terms(t, a.lang) for t, a in zip(bodies.texts, bodies.articles)]
    entities = _tfidf_cosine([" ".join(e) for e in entity_docs], token_pattern=r"\S+")
    langs = np.array([a.lang for a in bodies.articles])
    counts = np.array([len(set(e)) for e in entity_docs])
    has = counts >= cfg.min_entities
    return ArticleSignals(
        semantic=cosines(bodies.vectors),
        lexical=lexical,
        entities=entities,
        shared=_shared_share(bodies.articles, bodies.counts, links),
        same_language=langs[:, None] == langs[None, :],
        has_entities=has[:, None] & has[None, :],
        leads=cosines(bodies.leads),
        terms=terms,
    )


def combined_similarity(signals: ArticleSignals, cfg: StoryConfig) -> np.ndarray:
    """One similarity per pair of articles, before dates weigh in."""
    ent_w = np.where(signals.has_entities, cfg.entity_weight, 0.0)
    lex_w = cfg.lexical_weight + cfg.entity_weight - ent_w
    same = cfg.semantic_weight * signals.semantic + lex_w * signals.lexical + ent_w * signals.entities
    same /= max(1e-9, cfg.semantic_weight + cfg.lexical_weight + cfg.entity_weight)
    cross = signals.semantic - cfg.cross_language_shift
    sim = np.where(signals.same_language, same, cross)
    sim = sim + cfg.duplicate_weight * signals.shared * (1.0 - sim)
    np.fill_diagonal(sim, 1.0)
    return sim


def date_penalty(dates: Sequence[dt.date | None], cfg: StoryConfig) -> np.ndarray:
    """Similarity removed for each pair of dated articles published far apart (0 when undated)."""
    ordinals = np.array([d.toordinal() if d else np.nan for d in dates], dtype=float)
    gap = np.abs(ordinals[:, None] - ordinals[None, :])
    window = max(1, cfg.date_window_days)
    excess = np.clip((gap - cfg.date_window_days) / window, 0.0, 3.0)
    return np.nan_to_num(cfg.date_penalty * excess, nan=0.0)


def pair_date_penalty(
    dates: Sequence[dt.date | None], left: np.ndarray, right: np.ndarray, cfg: StoryConfig
) -> np.ndarray:
    """``date_penalty`` for the listed pairs only (the sparse candidate graph never builds n x n)."""
    ordinals = np.array([d.toordinal() if d else np.nan for d in dates], dtype=float)
    gap = np.abs(ordinals[left] - ordinals[right]) if len(left) else np.zeros(0)
    window = max(1, cfg.date_window_days)
    excess = np.clip((gap - cfg.date_window_days) / window, 0.0, 3.0)
    return np.nan_to_num(cfg.date_penalty * excess, nan=0.0)


def _tfidf_cosine(docs: list[str], **options: object) -> np.ndarray:
    if not any(d.strip() for d in docs):
        return np.zeros((len(docs), len(docs)))
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer

        matrix = TfidfVectorizer(sublinear_tf=True, **options).fit_transform(docs)
    except ValueError:  # every document is empty after tokenisation
        return np.zeros((len(docs), len(docs)))
    return (matrix @ matrix.T).toarray()


def _shared_share(
    articles: Sequence[Article], body_paragraphs: Sequence[int], links: Iterable[ParagraphLink]
) -> np.ndarray:
    """Share of the longer article's body paragraphs that the two articles share as duplicates.

    The longer side, because one reused passage inside an otherwise unrelated article (a quote, a
    recycled background paragraph) must not make it the same story; a wire copy or a translation
    shares most paragraphs of both.
    """
    index = {a.id: i for i, a in enumerate(articles)}
    shared: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for (left, left_segment), (right, right_segment) in links:
        a, b = index[left], index[right]
        if a == b:
            continue
        key = (min(a, b), max(a, b))
        shared[key].add((a, left_segment))
        shared[key].add((b, right_segment))
    matrix = np.zeros((len(articles), len(articles)))
    for (a, b), paras in shared.items():
        longer = max(1, body_paragraphs[a], body_paragraphs[b])
        per_side = max(sum(1 for x, _ in paras if x == a), sum(1 for x, _ in paras if x == b))
        matrix[a, b] = matrix[b, a] = min(1.0, per_side / longer)
    return matrix
