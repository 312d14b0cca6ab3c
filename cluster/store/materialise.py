"""What the writer stores for the service's lists (``listing.py``'s tables), and when: inside the transaction
of the write that changes it, for the part of the store the write touched, so a list is current the moment
the write commits and costs a query, however large the store.

- **Stories** whose members changed (a batch's new and joined stories, the stories it bridged, those its
  replaced articles left; after a re-clustering every story whose member set changed) are summarised again
  (``summaries.summarise``, the live story read's derivation); a story left empty or merged away is removed.
- **Duplicate groups** of every match component a batch changed (the components of its articles, and the old
  component of a replaced article, which may have split) are deleted and formed again from that component
  (``lookup.groups_of_component``: the groups a whole-store grouping forms there, with the same stable ids).
  The service forms them right after answering the POST, in a transaction of its own (``groups_now=False``,
  ``refresh_pending``): a batch's component is its whole wire story, and average linkage is formed again over
  all of it (0.6-1.0 s of a POST of 10 into the 20,000-article store); ``listing_revision`` stays behind the
  store's revision until then.
- **Speakers** of each new article: its quotes extracted and attributed on their own (``quotes.chooser``,
  about 0.2 ms a passage, before the transaction), each named speaker stored case-folded with the other-script
  forms the quote feature's tables know (ترامب also as "donald trump" and "trump", Witkoff also as ويتكوف).
  The service stores the summaries and speakers right after answering too, before the groups
  (``summarise_pending``: ~0.3 s of a POST of 10 at 20,000 articles), from the store the batch left: the writer
  runs it before it writes anything else.

A store written before these tables existed (or by an older version) is filled once when the writer opens
it (``fill_if_behind``): the same derivations over every story, group and article.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from cluster.documents import Article, Segment
from cluster.duplicates.matches import DuplicateGroup, ParagraphMatch
from cluster.quotes.chooser import attributed_quotes
from cluster.quotes.speakers import name_forms
from cluster.store.db import Store
from cluster.store.listing import GroupRow
from cluster.store.lookup import (
    Neighbourhood,
    group_links,
    groups_of_component,
    match_articles,
    match_component,
    paragraph_component,
)
from cluster.store.matchgraph import MatchGraph
from cluster.store.summaries import summarise

log = logging.getLogger(__name__)


def speaker_names(articles: Sequence[Article], segments: Mapping[str, list[Segment]]) -> dict[str, set[str]]:
    """Article id -> the case-folded names (and known other-script forms) of the speakers its quotes name."""
    out: dict[str, set[str]] = {a.id: set() for a in articles}
    for quote in attributed_quotes(articles, segments):
        if quote.speaker:
            out[quote.article_id].update(name_forms(quote.speaker))
    return out


def component_articles(store: Store, article_ids: Sequence[str], graph: MatchGraph | None = None) -> set[str]:
    """The articles of the match components around these (read before a replacement deletes their matches)."""
    return set(match_articles(_component(store, article_ids, graph)))


def _component(store: Store, article_ids: Sequence[str], graph: MatchGraph | None) -> dict[int, ParagraphMatch]:
    """``lookup.match_component``, walked in the writer's graph in memory when it has one."""
    return match_component(graph if graph is not None else store, article_ids)


def after_batch(store: Store, articles: Sequence[str], replaced: Sequence[str], old_component: Iterable[str],
                stories: Iterable[str], speakers: Mapping[str, Iterable[str]], graph: MatchGraph | None = None,
                groups_now: bool = True) -> None:
    """Inside the batch's transaction, after its rows: speakers of its articles, groups of the components it
    changed, summaries of the stories whose members changed; then the tables are marked current.
    ``replaced``: the batch's articles that replaced a stored version; ``old_component``: the articles of
    their former match components (``component_articles``, read before their matches were deleted); ``graph``:
    the writer's stored matches in memory, current with the batch's rows. ``groups_now=False``: the groups'
    part is recorded (``PENDING``) for ``refresh_pending`` to do after the commit, and the tables are not marked
    current: ``listing_revision`` stays where the groups are until then. The speakers and summaries are then
    recorded too (``speakers`` is not read: they are derived from the stored rows, as ``fill`` does), for
    ``summarise_pending``, which the writer runs before it writes anything else (the service right after the
    POST's answer), so they are those this transaction would have stored: the same members, and the same recent
    articles their keywords are weighed against."""
    if groups_now:
        store.put_speakers(dict(speakers))
        work = _pending_with(store, articles, replaced, old_component)
        refresh_stories(store, stories)
        _refresh_work(store, work, graph)
    else:
        work = _pending_with(store, articles, replaced, old_component, sorted(set(stories)), articles)
        store.set_meta(PENDING, json.dumps({**work, "revision": store.revision}))


PENDING = "groups_pending"
"""Meta key: the group work of batches committed without it (``after_batch(groups_now=False)``), as JSON lists
of ``articles``, ``replaced`` and ``old_component`` (what ``refresh_groups`` takes, merged over the batches), the
``stories`` to summarise and the articles whose ``speakers`` to store (emptied by ``summarise_pending``), and
the ``revision`` of the last such batch: a writer that opens the store at that revision does the work
(``fill_if_behind``); at another (a write that did not keep the tables came between) it fills them all."""


def _pending_with(store: Store, articles: Sequence[str], replaced: Sequence[str], old_component: Iterable[str],
                  stories: Sequence[str] = (), speakers: Sequence[str] = ()) -> dict[str, list[str]]:
    """The recorded work, with this batch's."""
    work = json.loads(store.get_meta(PENDING) or "{}")
    work.pop("revision", None)
    for key, ids in (("articles", articles), ("replaced", replaced), ("old_component", sorted(old_component)),
                     ("stories", stories), ("speakers", speakers)):
        work[key] = list(dict.fromkeys([*work.get(key, []), *ids]))
    return work


def _refresh_work(store: Store, work: Mapping[str, list[str]], graph: MatchGraph | None) -> None:
    _summaries_of(store, work)
    refresh_groups(store, work["articles"], work["replaced"], set(work["old_component"]), graph)
    _mark_done(store)


def summarise_pending(store: Store) -> bool:
    """Inside a transaction: the speakers and story summaries of the batches committed without them
    (``after_batch(groups_now=False)``), stored, and struck from the recorded work (its groups stay recorded);
    False when none were waiting. Why after the commit: ~0.3 s of a POST of 10 into the 20,000-article store
    (the summaries' keywords, the quotes' attribution) that its answer does not need; ``GET /stories`` waits
    for them (``summaries_pending``, the service's ``GroupsGate``)."""
    recorded = store.get_meta(PENDING)
    work = json.loads(recorded) if recorded is not None else {}
    if not (work.get("stories") or work.get("speakers")):
        return False
    _summaries_of(store, work)
    store.set_meta(PENDING, json.dumps({**work, "stories": [], "speakers": []}))
    return True


def summaries_pending(store: Store) -> bool:
    """Some committed batch's speakers or story summaries are not stored yet (``summarise_pending``)."""
    recorded = store.get_meta(PENDING)
    work = json.loads(recorded) if recorded is not None else {}
    return bool(work.get("stories") or work.get("speakers"))


def _summaries_of(store: Store, work: Mapping[str, list[str]]) -> None:
    """The recorded speakers (from the stored rows, as ``fill`` derives them) and story summaries."""
    if work.get("speakers"):
        articles = store.articles(work["speakers"])
        store.put_speakers(speaker_names(articles, store.segments(articles)))
    if work.get("stories"):
        refresh_stories(store, work["stories"])


def refresh_pending(store: Store, graph: MatchGraph | None = None) -> bool:
    """Inside a transaction: the groups of the batches committed without them (``after_batch(groups_now=False)``)
    formed, and the tables marked current; False when none were waiting. Exact whenever it runs: the components
    are read as they are now, and a component's groups depend on its matches only."""
    recorded = store.get_meta(PENDING)
    if recorded is None:
        return False
    _refresh_work(store, json.loads(recorded), graph)
    return True


def refresh_groups(store: Store, articles: Sequence[str], replaced: Sequence[str], old_component: set[str],
                   graph: MatchGraph | None = None) -> None:
    """The groups of the match components around ``articles`` (and ``old_component``, which may have split)
    formed again, in place of the stored groups they supersede: those linking one of the components' matches
    (a carrier's groups elsewhere stay: its other paragraphs may lie in other components) and those carried
    by a replaced article (whose links were deleted with its old version). Only groups whose id or content
    changed are rewritten (a batch of wire copies reaches ~1,900 groups, nearly all unchanged)."""
    refresh_component(store, _component(store, [*articles, *sorted(old_component - set(articles))], graph), replaced)


def refresh_component(store: Store, edges: dict[int, ParagraphMatch], replaced: Sequence[str] = ()) -> None:
    """``refresh_groups`` over these matches (closed under the match graph: one component or several)."""
    stored = {**store.group_digests_linking(edges), **store.group_digests_of(replaced)}
    if not edges:
        store.delete_groups(stored)
        return
    around = groups_of_component(store, edges, store.config.duplicates)
    hashes = store.article_hashes(match_articles(edges))
    digests = {gid: group_digest(g, hashes) for gid, g in around.groups}
    store.delete_groups([gid for gid, digest in stored.items() if digests.get(gid) != digest])
    changed = [(gid, g) for gid, g in around.groups if stored.get(gid) != digests[gid]]
    store.put_groups(group_rows(Neighbourhood(changed, around.articles, around.segments), digests, edges))


def pending_parts(store: Store, graph: MatchGraph | None = None) -> list[dict[int, ParagraphMatch]] | None:
    """The recorded group work as disjoint match components, in the order of the batches' articles, so that each
    can be stored on its own (``refresh_component``) and read before the others are done; None when the work
    has replaced articles (their old components are done with the rest, in one go) or none is recorded. Groups
    never span two components, so the parts' groups are the whole work's."""
    recorded = store.get_meta(PENDING)
    work = json.loads(recorded) if recorded is not None else None
    if work is None or work["replaced"] or work["old_component"]:
        return None
    source = graph if graph is not None else store
    parts: list[dict[int, ParagraphMatch]] = []
    covered: set[tuple[str, int]] = set()  # components join paragraphs: an article's may lie in several
    for aid in work["articles"]:
        start = [p for p in source.matched_paragraphs([aid]) if p not in covered]
        if start:
            edges = paragraph_component(source, start)
            covered.update(end for m in edges.values() for end in (m.left, m.right))
            parts.append(edges)
    return parts


class RefreshProgress(Protocol):
    """Told when the speakers and summaries of the batches up to a revision are stored (``summarise_pending``);
    told what a group refresh in parts will store (the articles of its components, at the store's revision),
    then the articles whose every part is committed, as each part commits (the service's ``GroupsGate``)."""

    def summarised(self, revision: int) -> None: ...

    def planned(self, revision: int, articles: set[str]) -> None: ...

    def stored(self, articles: set[str]) -> None: ...


def refresh_in_parts(store: Store, graph: MatchGraph, progress: RefreshProgress,
                     pause: Callable[[], bool] = lambda: False, after_first: Callable[[], object] = lambda: None) -> bool:
    """The recorded group work one match component at a time (``pending_parts``), each in a transaction of its
    own, told to ``progress``; the tables are marked current after the last. False (nothing done) when the work
    cannot be cut so (replacements) or none is recorded. ``pause``, asked between parts: True stops there, the
    parts not done left recorded (``_keep_left``) for the next refresh, which forms their components as they are
    then (the service: a POST queued behind a refresh of 2.5-4.7 s at 20,000 articles need not wait for it).
    ``after_first``: run once the first part is stored (at once when there is none), before ``pause`` is asked:
    the service's speakers and summaries, which the first id read of a batch need not wait for (neither reads
    what the other writes: the summaries read articles and bodies, the groups matches and segments)."""
    parts = pending_parts(store, graph)
    if parts is None:
        return False
    left = Counter(a for edges in parts for a in match_articles(edges))  # the parts each article lies in
    progress.planned(store.revision, set(left))
    for number, edges in enumerate(parts):
        if number and pause():
            with store.transaction():
                _keep_left(store, left)
            return True
        with graph.writing(), store.transaction():
            refresh_component(store, edges)
        done = match_articles(edges)
        left.subtract(done)
        progress.stored({a for a in done if not left[a]})
        if not number:
            after_first()
    if not parts:
        after_first()
    with store.transaction():
        _mark_done(store)
    return True


def _keep_left(store: Store, left: Counter[str]) -> None:
    """Inside a transaction: the recorded work cut to the batches' articles that lie in a part not stored yet (each
    part starts from one of them, ``pending_parts``); the rest of the record, its revision too, stays as it was.
    Exact whenever the rest is done: a stored part's component changes only when a later batch's article joins
    it, and that article's component is then formed again whole."""
    work = json.loads(store.get_meta(PENDING) or "{}")
    store.set_meta(PENDING, json.dumps({**work, "articles": [a for a in work["articles"] if left[a] > 0]}))


def _mark_done(store: Store) -> None:
    """Inside a transaction, once the recorded group work is stored: the tables are current."""
    store.db.execute("DELETE FROM meta WHERE k = ?", (PENDING,))
    store.mark_listing_current()


def refresh_stories(store: Store, story_ids: Iterable[str]) -> None:
    """Summaries of these stories as they now are; emptied or merged-away ones are removed."""
    members = {sid: store.story_members(sid) for sid in sorted(set(story_ids))}
    store.delete_stories([sid for sid, m in members.items() if not m])
    store.put_stories(summarise(store, members).values())


def after_recluster(store: Store, before: Mapping[str, str], final: Mapping[str, Sequence[str]]) -> None:
    """Inside a re-clustering's transaction: stories whose member set changed are summarised again."""
    old: dict[str, set[str]] = {}
    for aid, sid in before.items():
        old.setdefault(sid, set()).add(aid)
    changed = {sid for sid, m in final.items() if set(m) != old.get(sid)} | (set(old) - set(final))
    refresh_stories(store, changed)
    store.mark_listing_current()


def group_rows(around: Neighbourhood, digests: Mapping[str, str], edges: Mapping[int, ParagraphMatch]) -> list[GroupRow]:
    bodies = around.to_json()
    row_ids = {(*m.left, *m.right): rid for rid, m in edges.items()}
    return [GroupRow(gid, tuple(g.articles), g.best_similarity, body, digests[gid], _linked(g, row_ids))
            for (gid, g), body in zip(around.groups, bodies)]


def _linked(group: DuplicateGroup, row_ids: Mapping[tuple[str, int, str, int], int]) -> tuple[int, ...]:
    """Row ids of the stored matches behind a group's links (as ``lookup.stable_group_id`` finds them)."""
    found = (row_ids.get((*a, *b), row_ids.get((*b, *a))) for a, b in group_links(group))
    return tuple(sorted({rid for rid in found if rid is not None}))


def group_digest(group: DuplicateGroup, hashes: Mapping[str, str]) -> str:
    """What a group's JSON is made of: its passages, its links and its carriers' versions (a replaced
    carrier changes dates and provenance even where a passage reads the same)."""
    passages = [(p.article_id, p.segment_index, p.start, p.end) for p in group.passages]
    pairs = [(p.a, p.b, float(p.similarity), float(p.lexical_overlap), p.match_type.value) for p in group.pairs]
    carriers = [hashes.get(a, "") for a in group.articles]
    return hashlib.blake2b(repr((passages, pairs, carriers)).encode(), digest_size=16).hexdigest()


def fill_if_behind(store: Store) -> float | None:
    """Fill the list tables when they do not reflect the store's revision (a store made before them, or
    written by a version that did not keep them); the seconds it took, or None when they were current."""
    recorded = store.get_meta(PENDING)
    if recorded is not None and json.loads(recorded).get("revision") == store.revision:
        with store.transaction():  # batches committed without their groups, and nothing since: their groups
            refresh_pending(store)
    if store.listing_revision() == store.revision:
        return None
    if not store.count("articles"):  # a new (or emptied) store: nothing to derive
        with store.transaction():
            store.clear_listing()
            store.mark_listing_current()
        return None
    started = time.perf_counter()
    with store.transaction():
        fill(store)
    seconds = time.perf_counter() - started
    log.warning("%s: list tables filled (%d articles, %d stories, %d duplicate groups) in %.1f s",
                store.directory, store.count("articles"), store.live_story_count(), store.group_page(0, 1)[1], seconds)
    return seconds


def fill(store: Store) -> None:
    """Every summary, group and speaker of the store, from scratch (inside the caller's transaction)."""
    store.clear_listing()
    store.db.execute("DELETE FROM meta WHERE k = ?", (PENDING,))
    articles = store.articles()
    if articles:
        segments = store.segments(articles)
        store.put_speakers(speaker_names(articles, segments))
        edges = store.matches_by_row()
        if edges:
            around = groups_of_component(store, edges, store.config.duplicates)
            hashes = store.article_hashes()
            store.put_groups(group_rows(around, {gid: group_digest(g, hashes) for gid, g in around.groups}, edges))
        members: dict[str, list[str]] = {}
        story_of = store.story_of()
        for a in articles:  # insertion order within each story
            members.setdefault(story_of[a.id], []).append(a.id)
        store.put_stories(summarise(store, members).values())
    store.mark_listing_current()
