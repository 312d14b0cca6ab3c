"""Parts of an add made cheaper with the same answers (docs/scale-log.md, session 17): the stored passages a
batch's candidates name read with each article's text once. Each must give what the code it replaced gave."""

from __future__ import annotations

import numpy as np

from cluster.config import Config
from cluster.documents import Passage, SegmentKind
from cluster.store.ingestor import Ingestor, IngestSettings
from tests.conftest import EDITED, SEEDS


def _articles(folders: list) -> list:
    from cluster.ingest.readers import load_corpus

    return [a for folder in folders for a in load_corpus(folder).articles]


def _passages_by_join(store, ids: list[int]) -> dict:
    """``passages_by_id`` as it was: each passage joined with its article's text."""
    rows = store.db.execute(
        'SELECT p.id, p.article_id, p.segment_index, p.kind, p.start, p."end", p.lang, p.whole, p.vec, a.text '
        f"FROM passages p JOIN articles a ON a.id = p.article_id WHERE p.id IN ({','.join('?' * len(ids))})", ids,
    ).fetchall()
    return {r[0]: (Passage(r[1], r[2], SegmentKind(r[3]), r[9][r[4] : r[5]], r[4], r[5], r[6], r[7] == 1),
                   np.frombuffer(r[8], dtype=np.float32)) for r in rows}  # fmt: skip


def test_stored_passages_read_with_each_article_text_once_are_the_joined_ones(tmp_path, fake_encoder):
    """A store of news with wire copies and edited re-tellings, paragraphs and sentence windows: every passage read
    by id, in any order and with repeats, has the text, offsets, kind, language and vector the join gave."""
    config, settings = Config(cache_dir=tmp_path / "cache"), IngestSettings(recluster_every=0)
    with Ingestor(tmp_path / "store", config, encoder=fake_encoder, settings=settings) as writer:
        writer.add(_articles([SEEDS]))
        writer.add(_articles([EDITED]))
        store = writer.store
        ids = [r[0] for r in store.db.execute("SELECT id FROM passages ORDER BY id")]
        assert len(ids) > 50
        asked = ids[::-3] + ids[:5] + [max(ids) + 1000]  # reversed, repeated, one never stored
        read, joined = store.passages_by_id(asked), _passages_by_join(store, sorted(set(asked)))
        assert read.keys() == joined.keys() == set(ids[::-3] + ids[:5])
        for pid, (passage, vector) in joined.items():
            assert read[pid][0] == passage and read[pid][0].text == passage.text
            np.testing.assert_array_equal(read[pid][1], vector)
