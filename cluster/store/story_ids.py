"""Stable story ids: creation, re-clustering mapped onto old ids by overlap, a history log, resolution.

An analyst bookmarks ``S42``; it must keep meaning the same story while articles join it, and still
lead somewhere after a re-clustering merges it into another story or splits it. So ids are never
reused, a re-clustering hands each new cluster the id of the old story it overlaps most (greedy, by
largest overlap first), and every merge and split is written to ``story_history`` with a timestamp
and reason; a retired id records the id it resolved to.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from cluster.store.db import Store, now_iso


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
    store.db.execute(
        "INSERT INTO story_history (at, event, story_id, other_id, reason, articles) VALUES (?, ?, ?, ?, ?, ?)",
        (now_iso(), event, story_id, other_id, reason, json.dumps(list(articles), ensure_ascii=False)),
    )


def create_story(store: Store, articles: Sequence[str], reason: str) -> str:
    """A new story with a fresh id (inside the caller's transaction)."""
    story_id = store.next_story_id()
    stamp = now_iso()
    store.db.execute("INSERT INTO stories VALUES (?, 'active', ?, ?, NULL)", (story_id, stamp, stamp))
    record(store, "created", story_id, None, reason, articles)
    return story_id


def touch(store: Store, story_id: str) -> None:
    store.db.execute("UPDATE stories SET updated_at = ? WHERE id = ?", (now_iso(), story_id))


def retire_if_empty(store: Store, story_ids: Sequence[str], reason: str) -> None:
    """Stories left without members (their only article was replaced and moved) are retired."""
    for sid in story_ids:
        left = store.db.execute("SELECT COUNT(*) FROM articles WHERE story_id = ?", (sid,)).fetchone()[0]
        if left == 0:
            store.db.execute("UPDATE stories SET status = 'emptied', updated_at = ? WHERE id = ?", (now_iso(), sid))
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
                pairs.append((-shared, _number(sid), -len(members), k, sid))
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
        store.db.execute(
            "UPDATE stories SET status = 'merged', resolved_to = ?, updated_at = ? WHERE id = ?",
            (target, now_iso(), sid),
        )
        record(store, "merged", sid, target, reason, sorted(before))
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
        row = store.db.execute("SELECT status, resolved_to FROM stories WHERE id = ?", (sid,)).fetchone()
        if row is None:
            return None, chain
        status, target = row
        if status != "merged" or not target:
            return sid, chain
        chain.append(sid)
        sid = target
    return None, chain


def history(store: Store, story_id: str | None = None, limit: int = 1000) -> list[HistoryEvent]:
    query = "SELECT at, event, story_id, other_id, reason, articles FROM story_history"
    args: tuple = ()
    if story_id is not None:
        query += " WHERE story_id = ? OR other_id = ? OR other_id LIKE ?"
        args = (story_id, story_id, f"%{story_id},%")
    rows = store.db.execute(query + " ORDER BY seq LIMIT ?", (*args, limit)).fetchall()
    return [HistoryEvent(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5]))) for r in rows]


def _number(story_id: str) -> int:
    digits = story_id.lstrip("S")
    return int(digits) if digits.isdigit() else 1 << 30
