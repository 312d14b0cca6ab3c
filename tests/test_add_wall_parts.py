"""Parts of an add made cheaper with the same answers (docs/scale-log.md, session 18): the stories of a batch's
neighbourhood and their members read from covering indexes. They must give what the rows give."""

from __future__ import annotations

import shutil

from cluster.config import Config
from cluster.store.db import Store
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.conftest import EDITED, QUOTES, SEEDS
from tests.store_helpers import labelled_news, load_articles


def _from_rows(store: Store) -> tuple[dict[str, str], dict[str, list[str]]]:
    """Every article's story and every story's members (insertion order) read from the table's own rows."""
    rows = store.db.execute("SELECT id, story_id FROM articles NOT INDEXED ORDER BY seq").fetchall()
    members: dict[str, list[str]] = {}
    for aid, sid in rows:
        members.setdefault(sid, []).append(aid)
    return dict(rows), members


def test_stories_and_members_read_by_the_covering_indexes_are_the_rows(tmp_path, fake_encoder):
    """A store of news with wire copies, edited re-tellings and quotes, added in three batches (stories grow and
    merge): each article's story and each story's members, asked in any order and with unknown ids, equal what
    the rows say; a store opened read-only that predates the indexes answers the same from the rows."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        news = labelled_news(tmp_path, 40)
        for batch in (load_articles([SEEDS, EDITED]), news[:20], load_articles([QUOTES]) + news[20:]):
            writer.add(batch)
        store = writer.store
        plan = store.db.execute("EXPLAIN QUERY PLAN SELECT id, story_id FROM articles INDEXED BY articles_story_of "
                                "WHERE id IN (?, ?)", ("a", "b")).fetchall()
        assert "COVERING INDEX articles_story_of" in str(plan)
        story_of, members = _from_rows(store)
        assert len(story_of) > 40 and any(len(m) >= 2 for m in members.values())
        asked = list(story_of)[::-2] + ["no-such-article"]
        assert store.stories_of(asked) == {aid: story_of[aid] for aid in asked[:-1]}
        wanted = sorted(members)[::-1] + ["S-none"]
        assert store.members_of(wanted) == {sid: members[sid] for sid in wanted[:-1]}
        assert all(store.story_members(sid) == members[sid] for sid in list(members)[:10])
    old = tmp_path / "old"
    shutil.copytree(tmp_path / "store", old)
    writable = Store(old)  # a store written before the indexes existed
    writable.db.execute("DROP INDEX articles_story_of")
    writable.db.execute("DROP INDEX articles_story_members")
    writable.close()
    reader = Store(old, readonly=True)
    try:
        assert reader.stories_of(asked) == {aid: story_of[aid] for aid in asked[:-1]}
        assert reader.members_of(wanted) == {sid: members[sid] for sid in wanted[:-1]}
    finally:
        reader.close()
