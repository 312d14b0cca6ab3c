"""Articles -> stories (one real-world event) -> storylines (events that continue one another).

The similarity of two articles mixes four signals, because none is enough alone (docs/stories.md
has the ablation):
- meaning: cosine of the mean embedding of each article's own body paragraphs (works across
  languages, but blurs two events of the same kind together);
- wording: TF-IDF cosine over the body text, same language only;
- names and numbers: TF-IDF cosine over capitalised names and numbers, what tells two earthquakes or
  two meetings apart;
- shared passages: the share of paragraphs the two articles share as duplicate passages (a wire copy
  or a translation is the same story).
Dates then lower the similarity of articles published far apart. Average-linkage agglomerative
clustering cuts the result at ``distance_threshold``. Stories whose articles are, on average, close
in meaning, body and lead alike (``ArticleSignals.continuation`` >= ``storyline_threshold``: the
same actors and subject, whatever the dates) are linked into a storyline without being merged.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer, TfidfVectorizer

from cluster.config import StoryConfig
from cluster.documents import Article
from cluster.duplicates.groups import DuplicateGroup
from cluster.textnorm import event_terms, normalize, stopwords, words

_KEYWORD = re.compile(r"[^\W\d_]{3,}")
"""A keyword candidate (and how its spellings are found): a word of three letters or more, no digits."""


@dataclass(frozen=True)
class BodyTerms:
    """Word and word-pair counts of each article's body, counted once for two uses: the wording
    signal (all terms) and story keywords (single words only)."""

    counts: sparse.csr_matrix
    names: np.ndarray

    @classmethod
    def count(cls, body_texts: Sequence[str]) -> BodyTerms:
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
        return TfidfTransformer(sublinear_tf=True).fit_transform(counts).tocsr()


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
        return (self.semantic + self.leads) / 2


def build_signals(
    articles: Sequence[Article],
    body_texts: Sequence[str],
    body_vectors: np.ndarray,
    lead_vectors: np.ndarray,
    body_paragraphs: Sequence[int],
    groups: Sequence[DuplicateGroup],
    cfg: StoryConfig,
) -> ArticleSignals:
    """Every signal for every pair of articles.

    ``body_vectors``: mean body-paragraph embedding per article; ``lead_vectors``: the embedding of
    its first body paragraph.
    """
    semantic = np.clip(body_vectors @ body_vectors.T, -1.0, 1.0)
    terms = BodyTerms.count(body_texts)
    wording = terms.tfidf()
    lexical = (wording @ wording.T).toarray()  # all zeros when no article has a word
    entity_docs = [event_terms(t, a.lang) for t, a in zip(body_texts, articles)]
    entities = _tfidf_cosine([" ".join(e) for e in entity_docs], token_pattern=r"\S+")
    langs = np.array([a.lang for a in articles])
    counts = np.array([len(set(e)) for e in entity_docs])
    has = counts >= cfg.min_entities
    return ArticleSignals(
        semantic=semantic,
        lexical=lexical,
        entities=entities,
        shared=_shared_share(articles, body_paragraphs, groups),
        same_language=langs[:, None] == langs[None, :],
        has_entities=has[:, None] & has[None, :],
        leads=np.clip(lead_vectors @ lead_vectors.T, -1.0, 1.0),
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


def cluster_stories(
    articles: Sequence[Article], signals: ArticleSignals, body_texts: Sequence[str], cfg: StoryConfig
) -> StoryResult:
    similarity = combined_similarity(signals, cfg)
    dated = similarity - date_penalty([a.date for a in articles], cfg)
    labels = attach_strays(dated, _agglomerate(dated, cfg.distance_threshold), cfg.stray_min_similarity)
    members: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        members[int(label)].append(i)
    order = sorted(members.values(), key=lambda m: (-len(m), _first_date(articles, m), articles[m[0]].id))
    keywords = _keywords(body_texts, signals.terms or BodyTerms.count(body_texts), order, cfg.keywords)
    stories = [
        _make_story(f"S{k + 1}", idx, articles, dated, keywords[k]) for k, idx in enumerate(order)
    ]
    storylines = _storylines(stories, order, signals.continuation, cfg.storyline_threshold)
    return StoryResult(stories=tuple(stories), storylines=tuple(storylines))


def _agglomerate(similarity: np.ndarray, threshold: float) -> np.ndarray:
    if len(similarity) < 2:
        return np.zeros(len(similarity), dtype=int)
    distance = np.clip(1.0 - similarity, 0.0, None)
    distance = (distance + distance.T) / 2
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=threshold
    )
    return model.fit(distance).labels_


def attach_strays(
    similarity: np.ndarray, labels: np.ndarray, min_similarity: float, max_size: int = 2, min_target: int = 3
) -> np.ndarray:
    """Clusters of one or two articles join the story (of at least three) they are closest to, on
    average, when that closeness reaches ``min_similarity``.

    Average linkage leaves behind articles that report an event from an unusual angle (a follow-up
    detail, a shorter note): their mean similarity to the story is just under the cut, while the
    story's core is tightly knit. On ECB+ most such strays belong to the nearest large story. One
    pass over the first cut, so attached articles never pull others along.
    """
    labels = np.asarray(labels).copy()
    ids, counts = np.unique(labels, return_counts=True)
    members = {c: np.flatnonzero(labels == c) for c in ids}
    targets = [c for c, k in zip(ids, counts) if k >= min_target]
    moves = {}
    for c, k in zip(ids, counts):
        if k > max_size or not targets:
            continue
        closeness, target = max((float(similarity[np.ix_(members[c], members[t])].mean()), t) for t in targets)
        if closeness >= min_similarity:
            moves[c] = target
    for c, target in moves.items():
        labels[members[c]] = target
    return labels


def _tfidf_cosine(docs: list[str], **options: object) -> np.ndarray:
    if not any(d.strip() for d in docs):
        return np.zeros((len(docs), len(docs)))
    try:
        matrix = TfidfVectorizer(sublinear_tf=True, **options).fit_transform(docs)
    except ValueError:  # every document is empty after tokenisation
        return np.zeros((len(docs), len(docs)))
    return (matrix @ matrix.T).toarray()


def _shared_share(
    articles: Sequence[Article], body_paragraphs: Sequence[int], groups: Sequence[DuplicateGroup]
) -> np.ndarray:
    """Share of the longer article's body paragraphs that the two articles share as duplicates.

    The longer side, because one reused passage inside an otherwise unrelated article (a quote, a
    recycled background paragraph) must not make it the same story; a wire copy or a translation
    shares most paragraphs of both.
    """
    index = {a.id: i for i, a in enumerate(articles)}
    shared: dict[tuple[int, int], set[tuple[int, int]]] = defaultdict(set)
    for group in groups:
        for pair in group.pairs:
            pa, pb = group.passages[pair.a], group.passages[pair.b]
            a, b = index[pa.article_id], index[pb.article_id]
            if a == b:
                continue
            key = (min(a, b), max(a, b))
            shared[key].add((a, pa.segment_index))
            shared[key].add((b, pb.segment_index))
    matrix = np.zeros((len(articles), len(articles)))
    for (a, b), paras in shared.items():
        longer = max(1, body_paragraphs[a], body_paragraphs[b])
        per_side = max(sum(1 for x, _ in paras if x == a), sum(1 for x, _ in paras if x == b))
        matrix[a, b] = matrix[b, a] = min(1.0, per_side / longer)
    return matrix


def _first_date(articles: Sequence[Article], idx: list[int]) -> dt.date:
    dates = [articles[i].date for i in idx if articles[i].date]
    return min(dates) if dates else dt.date.max


def _keywords(
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


def _make_story(
    story_id: str, idx: list[int], articles: Sequence[Article], similarity: np.ndarray, keywords: tuple[str, ...]
) -> Story:
    if len(idx) > 1:
        inner = similarity[np.ix_(idx, idx)]
        central = idx[int(np.argmax(inner.sum(axis=1)))]
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


def _storylines(
    stories: list[Story], members: list[list[int]], similarity: np.ndarray, threshold: float
) -> list[Storyline]:
    """Stories grouped by average linkage on the mean embedding similarity of their articles.

    Average linkage, not single links: a long chain of loosely related stories is not a storyline.
    """
    n = len(stories)
    if n < 2:
        return []
    # Mean similarity between every two stories' articles, as one product: M S M^T / (|s| |t|).
    membership = np.zeros((n, len(similarity)))
    for s, idx in enumerate(members):
        membership[s, idx] = 1.0 / len(idx)
    between = membership @ similarity @ membership.T
    np.fill_diagonal(between, 1.0)
    labels = _agglomerate(between, 1.0 - threshold)
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
