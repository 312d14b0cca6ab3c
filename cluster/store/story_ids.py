"""Stable story ids: creation, re-clustering mapped onto old ids by overlap, a history log, resolution.

An analyst bookmarks ``S42``; it must keep meaning the same story while articles join it, and still
lead somewhere after a re-clustering merges it into another story or splits it. So ids are never
reused, a re-clustering hands each new cluster the id of the old story it overlaps most (greedy, by
largest overlap first), and every merge and split is written to ``story_history`` with a timestamp
and reason; a retired id records the id it resolved to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cluster.documents import Article
from cluster.store.db import Store
from cluster.store.listing import story_number


@dataclass(frozen=True)
class HistoryEvent:
    at: str
    event: str
    """created | joined | merged | split | emptied"""
    story_id: str
    other_id: str | None
    reason: str
    articles: tuple[str, ...]

    def to_json(self) -> dict:
        return {"at": self.at, "event": self.event, "story": self.story_id, "other": self.other_id,
                "reason": self.reason, "articles": list(self.articles)}


def record(store: Store, event: str, story_id: str, other_id: str | None, reason: str, articles: Sequence[str]) -> None:
    store.add_history(event, story_id, other_id, reason, articles)


def create_story(store: Store, articles: Sequence[str], reason: str) -> str:
    """A new story with a fresh id (inside the caller's transaction)."""
    story_id = store.next_story_id()
    store.insert_story(story_id)
    record(store, "created", story_id, None, reason, articles)
    return story_id


def touch(store: Store, story_id: str) -> None:
    store.touch_story(story_id)


def mark_merged(store: Store, story_id: str, into: str, reason: str, articles: Sequence[str]) -> None:
    """``story_id`` merged into ``into``: its id resolves there from now on (``resolve``), and the log says so."""
    store.mark_story_merged(story_id, into)
    record(store, "merged", story_id, into, reason, articles)


def retire_if_empty(store: Store, story_ids: Sequence[str], reason: str) -> None:
    """Stories left without members (their only article was replaced and moved) are retired."""
    for sid in story_ids:
        if store.story_size(sid) == 0:
            store.mark_story_emptied(sid)
            record(store, "emptied", sid, None, reason, [])


def map_clusters(clusters: Sequence[set[str]], old: dict[str, set[str]]) -> list[str | None]:
    """The old id each new cluster keeps (None: it gets a fresh one), greedy by largest overlap.

    Ties go to the older story (lower number), then to the larger cluster, so the mapping does not
    depend on dictionary order.
    """
    pairs = []
    for k, members in enumerate(clusters):
        for sid, before in old.items():
            shared = len(members & before)
            if shared:
                pairs.append((-shared, story_number(sid), -len(members), k, sid))
    pairs.sort()
    taken: dict[int, str] = {}
    used: set[str] = set()
    for _, _, _, k, sid in pairs:
        if k in taken or sid in used:
            continue
        taken[k] = sid
        used.add(sid)
    return [taken.get(k) for k in range(len(clusters))]


def apply_clusters(store: Store, clusters: Sequence[set[str]], reason: str) -> dict[str, list[str]]:
    """Replace the stories by ``clusters`` (a partition of the stored articles), keeping old ids by
    overlap, logging merges and splits. Returns {story id: members}. Call inside a transaction."""
    current = store.story_of()
    old: dict[str, set[str]] = {}
    for aid, sid in current.items():
        old.setdefault(sid, set()).add(aid)
    kept = map_clusters(clusters, old)
    final: dict[str, list[str]] = {}
    for members, sid in zip(clusters, kept):
        if sid is None:
            origins = Counter(current[a] for a in members)
            sid = create_story(store, sorted(members), f"{reason}: split from {', '.join(sorted(origins))}")
            for origin in sorted(origins):
                record(store, "split", origin, sid, reason, sorted(a for a in members if current[a] == origin))
        else:
            touch(store, sid)
        final[sid] = sorted(members)
        store.set_story(members, sid)
    holder = {a: sid for sid, members in final.items() for a in members}
    for sid, before in old.items():
        if sid in final:
            continue
        target = Counter(holder[a] for a in before).most_common(1)[0][0]
        mark_merged(store, sid, target, reason, sorted(before))
    for sid, members in final.items():
        joined = sorted(a for a in members if current.get(a) != sid)
        from_ = sorted({current[a] for a in joined} - {sid})
        if joined and from_:
            record(store, "joined", sid, ",".join(from_), reason, joined)
    return final


def resolve(store: Store, story_id: str) -> tuple[str | None, list[str]]:
    """The live id an id stands for now, and the chain followed (``[]`` for a live id).

    Returns (None, chain) for an id never issued. Cycles cannot form (a merged id points to a live
    one when written), but the walk is bounded anyway.
    """
    chain: list[str] = []
    sid = story_id
    for _ in range(1000):
        row = store.story_status(sid)
        if row is None:
            return None, chain
        status, target = row
        if status != "merged" or not target:
            return sid, chain
        chain.append(sid)
        sid = target
    return None, chain


def history(store: Store, story_id: str | None = None, limit: int = 1000) -> list[HistoryEvent]:
    """Every event in order, or those naming ``story_id`` (as the story or as the other side)."""
    return [HistoryEvent(*row[:5], tuple(row[5])) for row in store.history_rows(story_id, limit)]


def batch_story_ids(store: Store, todo: Sequence[Article], decided: Sequence[str | int]) -> list[str]:
    """Existing ids as decided; each new-story number gets a fresh id (inside the transaction)."""
    opened: dict[int, str] = {}
    out: list[str] = []
    for article, choice in zip(todo, decided):
        if isinstance(choice, int):
            if choice not in opened:
                members = [a.id for a, c in zip(todo, decided) if c == choice]
                opened[choice] = create_story(store, members, "new articles matched no existing story")
            out.append(opened[choice])
        else:
            touch(store, choice)
            record(store, "joined", choice, None, "similar to its members above the story cut", [article.id])
            out.append(choice)
    return out


def merge_bridged(store: Store, merges: Sequence[tuple[str, str]], todo: Sequence[Article]) -> None:
    """Stored stories the batch bridged: the merged one's members move to the other and its id
    resolves there (``story_ids.resolve``), as after a re-clustering."""
    bridges = ", ".join(a.id for a in todo[:3]) + (" ..." if len(todo) > 3 else "")
    for gone, into in merges:
        moved = store.story_members(gone)
        store.set_story(moved, into)
        touch(store, into)
        mark_merged(store, gone, into, f"bridged by new articles ({bridges})", moved)
