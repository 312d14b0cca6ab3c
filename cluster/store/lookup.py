"""Per-id reads straight from the store's tables: an article with its story and duplicate groups, a
story with its members and evidence. Current as soon as the write that changed them commits, and
costing only the neighbourhood they touch, however large the store.

Why this is exact for duplicate groups: the one-paragraph-per-article pairing only lets matches that
share a paragraph compete, and grouping works per connected component of the kept matches, so the
groups holding an article's paragraphs are decided inside the connected component of the stored
match graph around them (``match_component``). Those groups equal a whole-store grouping's. The writer
forms them so for every component a batch changes and stores them (``cluster/store/materialise.py``); the id
reads take them from those tables when they are current, and form them here only on a store whose tables lag.

Group ids are stable here: ``D<n>`` with n the smallest row id of the stored matches a group links
(each kept match belongs to one group, row ids are never reused), so an id read from one answer finds its
group in another. A story's label, keywords, central article and dates come from ``summaries`` (the derivation the
stored list summaries use); when the stored summary holds exactly the story's members it is read as stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from cluster.config import DuplicateConfig
from cluster.documents import Article, Segment
from cluster.duplicates.matches import DuplicateGroup, ParagraphMatch
from cluster.report.contract import ArticleOut, DuplicateGroupOut
from cluster.report.contract_base import iso
from cluster.store.db import Store
from cluster.store.duplicates import groups_of_matches
from cluster.store.listing import group_number
from cluster.store.story_ids import history, resolve
from cluster.store.summaries import summarise

SUMMARY_KEYS = ("id", "title", "date", "lang", "source", "url")

Paragraph = tuple[str, int]


class MatchSource(Protocol):
    """Where the stored matches are read: the store's tables, or the writer's copy of them in memory
    (``matchgraph.MatchGraph``)."""

    def matched_paragraphs(self, article_ids: Iterable[str]) -> list[Paragraph]: ...

    def matches_at(self, paragraphs: Iterable[Paragraph]) -> list[tuple[int, ParagraphMatch]]: ...


def match_component(store: MatchSource, article_ids: Iterable[str]) -> dict[int, ParagraphMatch]:
    """Row id -> match, for every stored match connected (through shared paragraphs) to a matched
    paragraph of the given articles: a breadth-first walk of the match graph, one read per round."""
    return paragraph_component(store, store.matched_paragraphs(article_ids))


def paragraph_component(store: MatchSource, paragraphs: Sequence[Paragraph]) -> dict[int, ParagraphMatch]:
    """``match_component`` around these (article, segment) paragraphs."""
    seen: set[Paragraph] = set()
    frontier = list(paragraphs)
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


def groups_of_component(store: Store, edges: dict[int, ParagraphMatch], cfg: DuplicateConfig,
                        also: Sequence[str] = ()) -> Neighbourhood:
    """Every duplicate group of the given matches (closed under the match graph: ``match_component``),
    with stable ids, in list order (``group_order``); ``also``: articles to load beside the carriers."""
    carriers = dict.fromkeys([*also, *match_articles(edges)])
    articles = {a.id: a for a in store.articles(list(carriers))}
    segments = store.segments(list(articles.values()))
    texts = {aid: a.text for aid, a in articles.items()}
    groups = groups_of_matches(store, [edges[rid] for rid in sorted(edges)], texts, cfg)  # row-id order: as a whole-store run
    row_ids = {(*m.left, *m.right): rid for rid, m in edges.items()}
    named = [(stable_group_id(group_links(g), row_ids), g) for g in groups]
    return Neighbourhood(sorted(named, key=group_order), articles, segments)


def match_articles(edges: Mapping[int, ParagraphMatch]) -> list[str]:
    """The articles these matches link, each once, in the matches' order."""
    return list(dict.fromkeys(x for m in edges.values() for x in (m.left[0], m.right[0])))


def group_order(named: tuple[str, DuplicateGroup]) -> tuple[int, float, int]:
    """Most articles first, then best similarity, then the older id: the order of every group list
    (``GET /duplicates``, an article's groups, a story's evidence; ``listing`` sorts the same way)."""
    gid, group = named
    return (-len(group.articles), -group.best_similarity, group_number(gid))


def groups_around(store: Store, article_ids: Sequence[str], cfg: DuplicateConfig) -> Neighbourhood:
    """The duplicate groups carrying any of ``article_ids``, in list order, with stable ids."""
    around = groups_of_component(store, match_component(store, article_ids), cfg, also=article_ids)
    wanted = set(article_ids)
    around.groups = [(gid, g) for gid, g in around.groups if wanted.intersection(g.articles)]
    return around


def article_detail(store: Store, article_id: str, tables_at: int | None = None) -> dict[str, Any] | None:
    """``GET /articles/{id}``: the article as in the JSON contract, its story, indexed passages and
    duplicate groups, read in one snapshot; None for an unknown id. ``tables_at``: a revision at which the
    stored group rows hold this read's groups although the tables lag (the writer stored its component; the
    service's ``GroupsGate`` says so)."""
    with store.snapshot():
        found = store.articles([article_id])
        if not found:
            return None
        article = found[0]
        story = store.story_of_article(article_id)
        indexed = store.searchable_count(article_id)
        groups = _groups_of_article(store, article_id, tables_at)
        segments = store.segments([article])[article_id]
    out = ArticleOut.from_article(article, segments).model_dump(mode="json")
    return {**out, "story": story, "indexed_passages": indexed, "duplicate_groups": groups}


def article_groups(store: Store, article_id: str, tables_at: int | None = None) -> list[dict[str, Any]] | None:
    """The duplicate groups one article carries (``GET /duplicates?article=``); None for an unknown id."""
    with store.snapshot():
        if not store.article_hashes([article_id]):
            return None
        return _groups_of_article(store, article_id, tables_at)


def _groups_of_article(store: Store, article_id: str, tables_at: int | None = None) -> list[dict[str, Any]]:
    """An article's groups (inside a snapshot): as the writer stored them when the tables are current, else
    formed here from its match component (the same groups; the tables only save regrouping a component of
    wire copies, ~0.4-0.8 s at 1,000 articles, on every read)."""
    if _tables_current(store, tables_at):
        return store.groups_carried_by(article_id)
    return groups_around(store, [article_id], store.config.duplicates).to_json()


def _tables_current(store: Store, tables_at: int | None = None) -> bool:
    """The group rows hold this read's groups: the tables reflect this snapshot's revision (the writer marks them
    so after the group refresh; a store written by an older version lags until a writer opens it and fills
    them), or it is ``tables_at``, at which the writer had stored the components of the articles read."""
    revision = store.revision
    return store.listing_revision() == revision or revision == tables_at


def story_detail(store: Store, story_id: str, tables_at: int | None = None) -> dict[str, Any] | None:
    """``GET /stories/{id}``: the live story an id stands for (an old id resolves to its successor,
    with ``resolved_from``), its members, evidence groups and history; None for an unknown id."""
    with store.snapshot():
        live, chain = resolve(store, story_id)
        members = store.story_members(live) if live else []
        if not members:
            return None
        answer = _describe(store, live, members, tables_at)
        answer["history"] = [e.to_json() for e in history(store, live)]
    if chain:
        answer["resolved_from"] = story_id
    return answer


def _describe(store: Store, story_id: str, members: list[str], tables_at: int | None) -> dict[str, Any]:
    """The story's contract fields, members and evidence, from its own rows (inside a snapshot): the
    stored summary when it holds exactly these members (the writer keeps it so), else derived here."""
    summary = store.stored_story(story_id)
    if summary is None or set(summary.articles) != set(members):
        summary = summarise(store, {story_id: members})[story_id]
    evidence_ids, evidence = _evidence(store, story_id, members, tables_at)
    by_id = {a.id: a for a in store.articles(members)}
    summaries = [{**{k: _field(by_id[a], k) for k in SUMMARY_KEYS}, "story": story_id} for a in summary.articles]
    return {**summary.to_json(evidence_ids), "members": summaries, "evidence_groups": evidence}


def _evidence(store: Store, story_id: str, members: list[str],
              tables_at: int | None) -> tuple[list[str], list[dict[str, Any]]]:
    """The ids and JSON of the groups linking two of the story's members or more, in list order (as stored
    when the tables are current, else formed from the members' match components)."""
    if _tables_current(store, tables_at):
        ids = store.evidence_of([story_id]).get(story_id, [])
        return ids, store.group_bodies(ids)
    around = groups_around(store, members, store.config.duplicates)
    inside = set(members)
    evidence = [(gid, g) for gid, g in around.groups if len(inside.intersection(g.articles)) >= 2]
    return [gid for gid, _ in evidence], Neighbourhood(evidence, around.articles, around.segments).to_json()


def _field(article: Article, key: str) -> Any:
    return iso(article.date) if key == "date" else getattr(article, key)
