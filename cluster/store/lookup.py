"""Per-id reads straight from the store's tables: an article with its story and duplicate groups, a
story with its members and evidence. Current as soon as the write that changed them commits, and
costing only the neighbourhood they touch, however large the store.

Why this is exact for duplicate groups: the one-paragraph-per-article pairing only lets matches that
share a paragraph compete, and grouping works per connected component of the kept matches, so the
groups holding an article's paragraphs are decided inside the connected component of the stored
match graph around them (``match_component``). Those groups equal the whole-store view's.

Group ids are stable here: ``D<n>`` with n the smallest row id of the stored matches a group links
(each kept match belongs to one group, row ids are never reused). The service's lists use the same
ids (``cluster/service/view.py``), so an id read from one answer finds its group in another.
Story keywords are the one derived field that needs the whole store (TF-IDF weights): a live read
weighs the story's members against the ``KEYWORD_BACKGROUND`` most recently stored articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from cluster.config import DuplicateConfig
from cluster.documents import Article, Segment
from cluster.duplicates.matches import DuplicateGroup, ParagraphMatch
from cluster.report.contract import ArticleOut, DuplicateGroupOut
from cluster.store.db import Store
from cluster.store.duplicates import groups_of_matches
from cluster.store.stories import stored_bodies
from cluster.store.story_ids import history, resolve
from cluster.stories.bodies import ArticleBodies
from cluster.stories.describe import make_story, story_keywords
from cluster.stories.signals import BodyTerms, cosines
from cluster.textnorm import normalize

KEYWORD_BACKGROUND = 100
"""Recently stored articles a live story read weighs its members' words against (document frequency)."""
SUMMARY_KEYS = ("id", "title", "date", "lang", "source", "url")

Paragraph = tuple[str, int]
KnownKeywords = Callable[[str, list[str]], Sequence[str] | None]


def match_component(store: Store, article_ids: Iterable[str]) -> dict[int, ParagraphMatch]:
    """Row id -> match, for every stored match connected (through shared paragraphs) to a matched
    paragraph of the given articles: a breadth-first walk of the match graph, one query per paragraph."""
    seen: set[Paragraph] = set()
    frontier = store.matched_paragraphs(article_ids)
    edges: dict[int, ParagraphMatch] = {}
    while frontier:
        seen.update(frontier)
        reached: set[Paragraph] = set()
        for rid, match in store.matches_at(frontier):
            if rid not in edges:
                edges[rid] = match
                reached.update(node for node in (match.left, match.right) if node not in seen)
        frontier = sorted(reached)
    return edges


def stable_group_id(links: Iterable[tuple[Paragraph, Paragraph]], row_ids: dict[tuple[str, int, str, int], int]) -> str:
    """``D<smallest row id>`` of the stored matches behind a group's links (either orientation)."""
    found = [row_ids.get((*a, *b), row_ids.get((*b, *a))) for a, b in links]
    known = [rid for rid in found if rid is not None]
    return f"D{min(known)}" if known else "D0"


def group_links(group: DuplicateGroup) -> list[tuple[Paragraph, Paragraph]]:
    out = []
    for pair in group.pairs:
        a, b = group.passages[pair.a], group.passages[pair.b]
        out.append(((a.article_id, a.segment_index), (b.article_id, b.segment_index)))
    return out


@dataclass
class Neighbourhood:
    """The duplicate groups carried by some articles, with what rendering them reads."""

    groups: list[tuple[str, DuplicateGroup]]
    articles: dict[str, Article]
    segments: dict[str, list[Segment]]

    def to_json(self) -> list[dict[str, Any]]:
        return [DuplicateGroupOut.from_group(gid, g, self.articles, self.segments).model_dump(mode="json")
                for gid, g in self.groups]


def groups_around(store: Store, article_ids: Sequence[str], cfg: DuplicateConfig) -> Neighbourhood:
    """The duplicate groups carrying any of ``article_ids``, largest first, with stable ids."""
    edges = match_component(store, article_ids)
    carriers = dict.fromkeys([*article_ids, *(x for m in edges.values() for x in (m.left[0], m.right[0]))])
    articles = {a.id: a for a in store.articles(list(carriers))}
    segments = store.segments(list(articles.values()))
    texts = {aid: a.text for aid, a in articles.items()}
    groups = groups_of_matches(store, list(edges.values()), texts, cfg)
    row_ids = {(*m.left, *m.right): rid for rid, m in edges.items()}
    wanted = set(article_ids)
    chosen = [(stable_group_id(group_links(g), row_ids), g) for g in groups if wanted.intersection(g.articles)]
    return Neighbourhood(chosen, articles, segments)


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """``GET /articles/{id}``: the article as in the JSON contract, its story, indexed passages and
    duplicate groups, read in one snapshot; None for an unknown id."""
    with store.snapshot():
        found = store.articles([article_id])
        if not found:
            return None
        article = found[0]
        story = store.story_of_article(article_id)
        indexed = store.searchable_count(article_id)
        around = groups_around(store, [article_id], store.config.duplicates)
        segments = around.segments.get(article_id) or store.segments([article])[article_id]
    out = ArticleOut.from_article(article, segments).model_dump(mode="json")
    return {**out, "story": story, "indexed_passages": indexed, "duplicate_groups": around.to_json()}


def article_groups(store: Store, article_id: str) -> list[dict[str, Any]] | None:
    """The duplicate groups one article carries (``GET /duplicates?article=``); None for an unknown id."""
    with store.snapshot():
        if not store.article_hashes([article_id]):
            return None
        return groups_around(store, [article_id], store.config.duplicates).to_json()


def story_detail(store: Store, story_id: str, known: KnownKeywords | None = None) -> dict[str, Any] | None:
    """``GET /stories/{id}``: the live story an id stands for (an old id resolves to its successor,
    with ``resolved_from``), its members, evidence groups and history; None for an unknown id.
    ``known(story id, members)``: keywords already computed for exactly these members (the lists'
    view, weighed against the whole store), or None to compute them here."""
    with store.snapshot():
        live, chain = resolve(store, story_id)
        members = store.story_members(live) if live else []
        if not members:
            return None
        answer = _describe(store, live, members, known)
        answer["history"] = [e.to_json() for e in history(store, live)]
    if chain:
        answer["resolved_from"] = story_id
    return answer


def live_keywords(store: Store, bodies: ArticleBodies, members: list[str]) -> tuple[str, ...]:
    """Keywords of a story weighed against the most recently stored articles; single words only are
    counted (all keywords are), which keeps this a fraction of the one-shot stage's term count."""
    from sklearn.feature_extraction.text import CountVectorizer

    background = [a.id for a in store.recent_articles(KEYWORD_BACKGROUND) if a.id not in set(members)]
    texts = bodies.texts + (stored_bodies(store, background).texts if background else [])
    vectorizer = CountVectorizer()
    try:
        terms = BodyTerms(vectorizer.fit_transform([normalize(t) for t in texts]).tocsr(),
                          vectorizer.get_feature_names_out())
    except ValueError:  # no word in any text
        return ()
    return story_keywords(texts, terms, [list(range(len(bodies.articles)))], store.config.stories.keywords)[0]


def _describe(store: Store, story_id: str, members: list[str], known: KnownKeywords | None) -> dict[str, Any]:
    """The story's contract fields, members and evidence, from its own rows (inside a snapshot)."""
    cfg = store.config
    bodies = stored_bodies(store, members)
    idx = list(range(len(bodies.articles)))
    cached = known(story_id, members) if known is not None else None
    keywords = tuple(cached) if cached is not None else live_keywords(store, bodies, members)
    story = make_story(story_id, idx, bodies.articles, cosines(bodies.vectors), keywords)
    around = groups_around(store, members, cfg.duplicates)
    inside = set(members)
    evidence = [(gid, g) for gid, g in around.groups if len(inside.intersection(g.articles)) >= 2]
    by_id = {a.id: a for a in bodies.articles}
    summaries = [{**{k: _field(by_id[a], k) for k in SUMMARY_KEYS}, "story": story_id} for a in story.articles]
    return {
        "id": story_id, "label": story.label, "keywords": list(story.keywords), "articles": list(story.articles),
        "central_article": story.central, "first_date": _iso(story.first_date), "last_date": _iso(story.last_date),
        "evidence": [gid for gid, _ in evidence], "members": summaries,
        "evidence_groups": Neighbourhood(evidence, around.articles, around.segments).to_json(),
    }


def _field(article: Article, key: str) -> Any:
    return _iso(article.date) if key == "date" else getattr(article, key)


def _iso(day: Any) -> str | None:
    return day.isoformat() if day else None

