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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
from scipy import sparse

from cluster.config import StoryConfig
from cluster.duplicates.matches import DuplicateGroup
from cluster.stories.bodies import ArticleBodies
from cluster.stories.lookups import BothTrue, Continuation, RowCosines, SameValue, SparsePairs
from cluster.stories.sharing import ParagraphLink, SharedParagraphs
from cluster.stories.terms import BodyTerms
from cluster.stories.vocabulary import TermVocabulary
from cluster.textnorm import MEMO_PARAGRAPHS, event_terms


class PairLookup(Protocol):
    """A signal read for listed pairs only: ``lookup[left, right]`` -> one value per pair."""

    def __getitem__(self, index: tuple[np.ndarray, np.ndarray]) -> np.ndarray: ...


PairSignal = np.ndarray | PairLookup
"""An n x n matrix (the mix reads every pair) or a lookup (the learned scorer reads candidate pairs)."""


@dataclass(frozen=True)
class ArticleSignals:
    """Pairwise signals, one per kind (same order as the articles): n x n matrices from ``build_signals``,
    or per-pair lookups from ``pair_signals`` that never build n x n."""

    semantic: PairSignal
    lexical: PairSignal
    entities: PairSignal
    shared: PairSignal
    same_language: PairSignal
    has_entities: PairSignal
    leads: PairSignal
    """Cosine of the articles' first body paragraphs (headline or lead): who did what, in brief."""
    terms: BodyTerms | None = None
    """The body term counts the wording signal came from (story keywords reuse them)."""
    factors: Continuation | None = None
    """``continuation`` as factors, when the matrices are not built."""
    names: Any = None
    """The fitted names-and-numbers TF-IDF (``stories.reuse`` re-reads a pair's text with it)."""
    reused: SharedParagraphs | None = None
    """For each pair of articles sharing passages: the paragraphs they share."""

    @property
    def continuation(self) -> np.ndarray | Continuation:
        """How strongly two articles are about the same actors and subject, whatever the event."""
        if self.factors is not None:
            return self.factors
        return continuation(self.semantic, self.leads)


def cosines(vectors: np.ndarray) -> np.ndarray:
    """Cosine of every two unit rows (clipped: rounding may step past 1)."""
    return np.clip(vectors @ vectors.T, -1.0, 1.0)


def continuation(semantic: np.ndarray, leads: np.ndarray) -> np.ndarray:
    """Mean of body and lead cosines: what links stories into a storyline."""
    return (semantic + leads) / 2


def paragraph_links(groups: Iterable[DuplicateGroup]) -> Iterator[ParagraphLink]:
    """The paragraphs each linked pair of a duplicate group joins: all the shared-passage signal reads.
    One at a time: the 300k-passage bench corpus has ~3 million (a list of them held 500 MB)."""
    for group in groups:
        for pair in group.pairs:
            a, b = group.passages[pair.a], group.passages[pair.b]
            yield (a.article_id, a.segment_index), (b.article_id, b.segment_index)


def build_signals(bodies: ArticleBodies, links: Iterable[ParagraphLink], cfg: StoryConfig,
                  vocabulary: TermVocabulary | None = None) -> ArticleSignals:
    """Every signal for every pair of articles, from their bodies and the paragraphs they share. ``vocabulary``:
    the store writer's, which numbers the body terms of paragraphs it has seen without reading them again."""
    rows = _article_rows(bodies, links, cfg, vocabulary)
    return ArticleSignals(
        semantic=cosines(bodies.vectors),
        lexical=(rows.wording @ rows.wording.T).toarray(),  # all zeros when no article has a word
        entities=(rows.names @ rows.names.T).toarray(),
        shared=rows.shared.toarray(),
        same_language=rows.langs[:, None] == rows.langs[None, :],
        has_entities=rows.has[:, None] & rows.has[None, :],
        leads=cosines(bodies.leads),
        terms=rows.terms, names=rows.vectorizer, reused=rows.reused,
    )


def pair_signals(bodies: ArticleBodies, links: Iterable[ParagraphLink], cfg: StoryConfig,
                 vocabulary: TermVocabulary | None = None) -> ArticleSignals:
    """The same signals as ``build_signals``, read per pair when asked: the learned scorer reads its
    candidate pairs only (about 30 per article), so the story stage never builds n x n."""
    rows = _article_rows(bodies, links, cfg, vocabulary)
    return ArticleSignals(
        semantic=RowCosines(bodies.vectors),
        lexical=RowCosines(rows.wording),
        entities=RowCosines(rows.names),
        shared=SparsePairs(rows.shared),
        same_language=SameValue(rows.langs),
        has_entities=BothTrue(rows.has),
        leads=RowCosines(bodies.leads),
        terms=rows.terms, names=rows.vectorizer, reused=rows.reused,
        factors=Continuation(bodies.vectors, bodies.leads),
    )


def story_signals(bodies: ArticleBodies, links: Iterable[ParagraphLink], cfg: StoryConfig) -> ArticleSignals:
    """What the story stage needs: every pair for the mix, per-pair lookups for the learned scorer."""
    return (pair_signals if cfg.scorer == "learned" else build_signals)(bodies, links, cfg)


@dataclass(frozen=True)
class _Rows:
    """Per-article rows the pairwise signals are read from."""

    terms: BodyTerms
    wording: sparse.csr_matrix
    names: sparse.csr_matrix
    vectorizer: Any
    langs: np.ndarray
    has: np.ndarray
    shared: sparse.csr_matrix
    reused: SharedParagraphs


def _article_rows(bodies: ArticleBodies, links: Iterable[ParagraphLink], cfg: StoryConfig,
                  vocabulary: TermVocabulary | None = None) -> _Rows:
    """Body terms and their TF-IDF, the TF-IDF of names and numbers (and its vectorizer), each
    article's language and whether it has enough names, and the paragraphs pairs share."""
    terms = BodyTerms.count(bodies.texts) if vocabulary is None else vocabulary.count(bodies.texts)
    entity_docs = [body_event_terms(t, a.lang) for t, a in zip(bodies.texts, bodies.articles)]
    names, vectorizer = _tfidf_rows([" ".join(e) for e in entity_docs], token_pattern=r"\S+")
    langs = np.array([a.lang for a in bodies.articles])
    has = np.array([len(set(e)) for e in entity_docs]) >= cfg.min_entities
    reused = SharedParagraphs.of(bodies.articles, links)
    return _Rows(terms, terms.tfidf(), names, vectorizer, langs, has, reused.share(bodies.counts), reused)


def body_event_terms(text: str, lang: str) -> list[str]:
    """``event_terms`` of a body, read paragraph by paragraph: the same terms as of the whole text (names
    and numbers are read line by line, words never span a paragraph break), in another order, which
    their TF-IDF does not see. Per paragraph, because the story scorer reads the same paragraphs again:
    for their day, place and number cues and for each article less a shared paragraph (``stories.reuse``)."""
    return [term for paragraph in text.split("\n\n") for term in paragraph_event_terms(paragraph, lang)]


@lru_cache(maxsize=MEMO_PARAGRAPHS)
def paragraph_event_terms(paragraph: str, lang: str) -> tuple[str, ...]:
    """``event_terms`` of one paragraph, memoised."""
    return tuple(event_terms(paragraph, lang))


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


def _tfidf_rows(docs: list[str], **options: object) -> tuple[sparse.csr_matrix, Any]:
    """Unit-length sublinear TF-IDF rows (all zero when no document has a token) and the fitted
    vectorizer (None then)."""
    empty = sparse.csr_matrix((len(docs), 0))
    if not any(d.strip() for d in docs):
        return empty, None
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(sublinear_tf=True, **options)
        return vectorizer.fit_transform(docs).tocsr(), vectorizer
    except ValueError:  # every document is empty after tokenisation
        return empty, None
