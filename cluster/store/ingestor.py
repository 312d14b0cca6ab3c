"""Adding articles to a store: only new or changed articles are segmented, embedded, searched against
the stored index (and each other), verified, assigned to stories and written, one transaction per
batch.

Order of work, and why: everything slow (segmentation, embedding, search, verification, story
signals) happens before the write transaction, reading the store as it was; the transaction then
writes the batch's rows in one go, and only after it commits is the in-memory faiss index updated; its
file is replaced (atomically) once enough has changed and at close (``INDEX_SAVE_SHARE``). A kill before the
commit leaves the batch out; a kill after it leaves an index file one generation or more behind, which the
next open notices and rebuilds from SQLite.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from cluster.config import Config
from cluster.documents import Article, Passage, Segment
from cluster.embed import Encoder, LazyEncoder, embed_with_config
from cluster.gcpause import without_gc
from cluster.segment.stage import segment_pages
from cluster.store.batch import Batch, split_by_article
from cluster.store.blas import one_blas_thread
from cluster.store.db import Store, check_store_dir
from cluster.store.duplicates import (
    StoredWords,
    aligned_new,
    is_searchable,
    new_candidates,
    verify_new,
    with_aligned_new,
)
from cluster.store.index import VectorIndex, open_index
from cluster.store.lock import LOCK_NAME, acquire_lock
from cluster.store.lock import StoreBusyError as StoreBusyError  # callers import it from here
from cluster.store.matchgraph import MatchGraph
from cluster.store.materialise import (
    PENDING,
    RefreshProgress,
    after_batch,
    after_recluster,
    component_articles,
    fill_if_behind,
    refresh_in_parts,
    refresh_pending,
    speaker_names,
    summarise_pending,
)
from cluster.store.placement import Placement
from cluster.store.queries import NewArticleRows, content_hash
from cluster.store.stories import BodyMatrix, assign_new, full_clusters, remember_paragraphs
from cluster.store.story_ids import apply_clusters, batch_story_ids, merge_bridged, retire_if_empty
from cluster.store.warmup import warm_libraries
from cluster.stories.bodies import article_bodies
from cluster.stories.features import remember_cues
from cluster.stories.vocabulary import TermVocabulary

DEFAULT_DIM = 512
"""USE-m3's width; only used for the empty index of a new store (replaced on the first add)."""
INDEX_SAVE_SHARE = 0.25
"""The index file is rewritten once the passages changed since its last write reach this share of the index,
and at ``close``; not after every batch. The file only spares a rebuild from SQLite at the next open (10,500
articles, 25,345 passages: open 0.2 s with the file, 0.47 s rebuilding), while writing it costs the whole index
each time (0.23 s of a 0.62 s add of 10 articles there, and growing with the store: a POST paid for the size of
the archive). A process killed between writes loses nothing: SQLite holds every vector, and the next open finds
the file a generation behind and rebuilds it (``index.open_index``)."""


@dataclass(frozen=True)
class ArticleStatus:
    id: str
    status: str
    """added | replaced | unchanged"""
    story: str | None

    def to_json(self) -> dict:
        return {"id": self.id, "status": self.status, "story": self.story}


@dataclass(frozen=True)
class IngestSettings:
    """Store behaviour that is not part of the matching config (kept out of the JSON contract)."""

    recluster_every: int = 500
    """Re-cluster every story after this many added or replaced articles (0: only on request)."""
    batch_size: int = 64
    """Articles written per transaction when a corpus is added."""
    segment_context: int = 100
    """Most recently stored articles segmented beside each batch: site furniture is recognised by
    lines repeated across articles, which a batch of a few articles alone would not show."""


def default_store_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("news-cluster")) / "store"


class Ingestor:
    """A store opened for writing: the SQLite rows, the faiss index in memory, the encoder, a lock."""

    def __init__(
        self,
        directory: Path,
        config: Config | None = None,
        *,
        encoder: Encoder | None = None,
        settings: IngestSettings = IngestSettings(),
        create: bool = True,
    ) -> None:
        """``create=False``: a missing store is a ``StoreError`` (commands that expect one), not a new one."""
        self.directory = Path(directory)
        check_store_dir(self.directory, create)  # before the lock file would create the directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self._lock = acquire_lock(self.directory / LOCK_NAME)
        try:
            self.store = Store(self.directory, config, create=create)
            self.store.defer_checkpoints()  # run where no caller waits: after a batch's groups, between batches
            self._open_index()
        except BaseException:
            os.close(self._lock)
            raise
        self.config = self.store.config
        self.listing_filled_in = fill_if_behind(self.store)
        """Seconds spent filling the service's list tables on open (a store made before them), or None."""
        self.settings = settings
        self.encoder = LazyEncoder.for_model(self.config.model) if encoder is None else encoder
        self.stored_words = StoredWords(self.config.duplicates)
        self.match_graph = MatchGraph()
        self.vocabulary = TermVocabulary()
        """Every stored match in memory (``matchgraph``), read on the first add and kept current."""
        self._bodies: BodyMatrix | None = None

    def _open_index(self) -> None:
        store = self.store
        opened = open_index(self.directory, store.generation, store.searchable_ids(), store.searchable_vectors,
                            DEFAULT_DIM, store.index_record())
        if opened.rebuilt:
            store.record_index(store.generation, opened.checksum)
        self.index: VectorIndex = opened.index
        self.index_rebuilt_because = opened.reason if opened.rebuilt else ""
        self._unsaved_passages = 0
        """Passages added to or removed from the index since its file was written."""

    def _save_index(self) -> None:
        self.store.record_index(self.store.generation, self.index.save(self.directory, self.store.generation))
        self._unsaved_passages = 0

    def close(self) -> None:
        """Writes the groups the batches left (``refresh_groups``) and the index file if batches since its last
        write are not in it, then releases the store."""
        try:
            self.refresh_groups()
            if self._unsaved_passages:
                self._save_index()
            self.store.checkpoint()
        finally:
            self.store.close()
            os.close(self._lock)

    def __enter__(self) -> Ingestor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- adding -----------------------------------------------------------------------------------

    def add_corpus(
        self, articles: Sequence[Article], on_commit: Callable[[int], None] | None = None
    ) -> list[ArticleStatus]:
        """Add articles in batches of ``settings.batch_size``, one transaction each."""
        out: list[ArticleStatus] = []
        size = self.settings.batch_size
        for lo in range(0, len(articles), size):
            out += self.add(articles[lo : lo + size])
            if on_commit is not None:
                on_commit(lo // size + 1)
        return out

    def add(self, articles: Sequence[Article], *, recluster_due: bool = True,
            groups_due: bool = True) -> list[ArticleStatus]:
        """Add one batch atomically; identical re-adds are recognised, changed articles replace theirs.
        ``recluster_due=False``: leave a due re-clustering to the caller (the service runs it after
        answering the POST that made it due: ``maybe_recluster``). ``groups_due=False``: commit the batch
        with its stories and leave its duplicate groups' list rows to ``refresh_groups`` (the service runs
        it after answering: ``materialise.after_batch``)."""
        self.summarise_pending()  # an earlier batch's, from the store it left, before anything else is written
        batch = list({a.id: a for a in articles}.values())  # the last version of an id in a batch wins
        known = self.store.article_hashes([a.id for a in batch])
        todo = [a for a in batch if known.get(a.id) != content_hash(a)]
        replaced = [a.id for a in todo if a.id in known]
        if todo:
            self._write(todo, replaced, groups_due)
        if recluster_due:
            self.maybe_recluster()
        if groups_due:  # the batch is complete (``add_corpus``: between batches); the service's, after its groups
            self.store.checkpoint()
        written = {a.id for a in todo}
        stories = self.store.stories_of([a.id for a in batch])  # after any re-clustering: current ids
        return [
            ArticleStatus(a.id, "unchanged" if a.id not in written else ("replaced" if a.id in known else "added"),
                          stories.get(a.id))
            for a in batch
        ]

    @without_gc
    @one_blas_thread
    def _write(self, todo: list[Article], replaced: list[str], groups_due: bool = True) -> None:
        """Segment, embed, match, place and write one batch, then derive what the lists read. Without the cyclic
        collector (``gcpause``: it walked every stored word at each allocation burst), BLAS on one thread (``blas``).
        ``groups_due=False``: the speakers and summaries are left to ``summarise_pending`` too (``after_batch``)."""
        batch = self._matched(todo)
        graph = self.match_graph.load(self.store)
        placement = assign_new(self.store, batch.bodies, batch.matches, self.config.stories,
                               stored=self._stored_bodies(), graph=graph, vocabulary=self.vocabulary)
        speakers = speaker_names(todo, batch.segments) if groups_due else {}
        old_passages = self.store.passage_ids_of(replaced)
        with graph.writing(), self.store.transaction():
            passage_id = self._commit(todo, replaced, batch, placement, speakers, graph, groups_due)
        if self.stored_words.loaded:
            self.stored_words.update(todo, batch.segments)
        self._remember_bodies([a.id for a in todo], replaced)
        self.index.remove(old_passages)
        fresh = [k for k, ok in enumerate(batch.searchable) if ok]
        if fresh:
            self.index.add(np.array([passage_id[k] for k in fresh], dtype=np.int64), batch.vectors[fresh])
        self._unsaved_passages += len(fresh) + len(old_passages)
        if self._unsaved_passages >= INDEX_SAVE_SHARE * self.index.size:
            self._save_index()

    def _matched(self, todo: list[Article]) -> Batch:
        """The batch segmented, embedded, searched against the index, verified and aligned (before the write,
        reading the store as it is), with its bodies for story placement."""
        cfg = self.config
        segments, units, titled = self._segment(todo)  # rows keep the input (its hash tells re-adds apart)
        vectors = self._embed([u.text for u in units])
        if self.index.size == 0 and vectors.size and self.index.dim != vectors.shape[1]:
            self.index = VectorIndex(vectors.shape[1])
        searchable = [is_searchable(u, cfg.duplicates) for u in units]
        candidates, stored_order = new_candidates(units, vectors, searchable, self.index, cfg.duplicates)
        stored = self.store.passages_by_id(stored_order)  # read once: verification and the aligned regions
        matches = verify_new(self.store, units, candidates, stored_order, cfg.duplicates, stored)
        regions = aligned_new(self.store, self.stored_words, todo, segments, cfg.duplicates)
        found = [p for pair in regions for p in (pair.a, pair.b)]
        found_vectors = self._embed([p.text for p in found]) if found else vectors[:0]
        matches = with_aligned_new(self.store, units, vectors, stored_order, matches, regions, found_vectors,
                                   cfg.duplicates, stored)
        bodies = article_bodies(titled, segments, units, vectors)
        if bodies.vectors.shape[1] != self.index.dim:  # nothing to embed in the batch: zeros of the store's width
            zeros = np.zeros((len(todo), self.index.dim), np.float32)
            bodies = replace(bodies, vectors=zeros, leads=zeros.copy())
        return Batch(segments, units, vectors, searchable, list(stored_order), matches, found, found_vectors, bodies)

    def _commit(self, todo: list[Article], replaced: list[str], batch: Batch, placement: Placement,
                speakers: dict[str, set[str]], graph: MatchGraph, groups_due: bool) -> list[int]:
        """Inside the batch's transaction: its rows, matches and stories, and what the lists read
        (``after_batch``); the passage ids of its units."""
        store = self.store
        old_stories = sorted({store.story_of_article(a) for a in replaced})
        old_component = component_articles(store, replaced, graph) if replaced else set()
        store.delete_articles(replaced)
        graph.drop(replaced)
        merge_bridged(store, placement.merges, todo)
        story_ids = batch_story_ids(store, todo, placement.decided)
        passage_id: list[int] = []  # units are grouped by article in ``todo`` order: ids follow them
        per_article = split_by_article(batch.units, batch.vectors, batch.searchable)
        bodies = batch.bodies
        for k, article in enumerate(todo):
            rows, vecs, flags = per_article.get(article.id, ([], batch.vectors[:0], []))
            passage_id += store.insert_article(NewArticleRows(
                article, batch.segments[article.id], rows, vecs, flags, bodies.counts[k], bodies.vectors[k],
                bodies.leads[k], story_ids[k]))
        found_ids = store.insert_passages(batch.found, batch.found_vectors, [False] * len(batch.found), aligned=True)
        number = passage_id + batch.stored_order + found_ids  # combined numbering -> passage ids
        store.insert_matches([m.renumbered(number) for m in batch.matches])
        graph.catch_up(store)
        retire_if_empty(store, old_stories, "its articles were replaced")
        store.set_meta("added_since_recluster", str(int(store.get_meta("added_since_recluster") or 0) + len(todo)))
        store.bump_generation()
        stories = {*story_ids, *old_stories, *(sid for pair in placement.merges for sid in pair)}
        after_batch(store, [a.id for a in todo], replaced, old_component, stories, speakers, graph, groups_due)
        return passage_id

    def summarise_pending(self, progress: RefreshProgress | None = None) -> bool:
        """The speakers and story summaries of the batches added with ``groups_due=False``
        (``materialise.summarise_pending``), in a transaction of their own, told to ``progress``; False when none
        were waiting. ``add`` runs it first, so they are always derived from the store their batch left."""
        if self.store.get_meta(PENDING) is None:
            return False
        try:
            with self.store.transaction():
                return summarise_pending(self.store)
        finally:
            if progress is not None:
                progress.summarised(self.store.revision)

    def refresh_groups(self, progress: RefreshProgress | None = None, pause: Callable[[], bool] | None = None) -> bool:
        """``_refresh_groups``, then, when no group is left pending, the WAL checkpointed (``Store.checkpoint``):
        in the service after the POST's answer, so that no POST's commit runs one; the WAL stays bounded."""
        refreshed = self._refresh_groups(progress, pause)
        if not self.groups_pending():
            self.store.checkpoint()
        return refreshed

    def _refresh_groups(self, progress: RefreshProgress | None, pause: Callable[[], bool] | None) -> bool:
        """The duplicate groups' list rows of the batches added with ``groups_due=False``; False when none were
        waiting (``materialise.refresh_pending``). With ``progress`` (the service), one match component at a
        time, each in its own transaction, told to ``progress`` as it commits, so that a read of one component's
        articles need not wait for the others (``listing_revision`` moves when all are done); ``pause``, asked
        between components: True leaves the rest recorded (``groups_pending`` then says so)."""
        if self.store.get_meta(PENDING) is None:
            return False
        graph = self.match_graph.load(self.store)
        if progress is not None and refresh_in_parts(self.store, graph, progress, pause or (lambda: False),
                                                     lambda: self.summarise_pending(progress)):
            return True
        self.summarise_pending(progress)
        with graph.writing(), self.store.transaction():
            return refresh_pending(self.store, graph)

    def groups_pending(self) -> bool:
        """Some batch's groups are recorded, not stored (added with ``groups_due=False``, or a refresh paused)."""
        return self.store.get_meta(PENDING) is not None

    def warm(self) -> None:
        """Read into memory what every add keeps there (the stored words, windows and buckets, the match graph and its
        links, the body vectors, their paragraphs' cues and terms, the passages on their principal axes), with room to
        append, and run the libraries' first use (``warmup``): the service calls it before it answers, so that the
        first POST does not pay for them (docs/scale-log.md, sessions 12 and 19). Adds load the same on first use
        when this was not called (the body terms: each neighbourhood's paragraphs as they come)."""
        articles = self.store.articles()  # read once for the stored words and the bodies
        segments = self.store.segments(articles)
        if self.config.duplicates.align_reuse:
            words = self.stored_words
            words.load(self.store, articles, segments)
            remember_paragraphs(words.segments, {aid: t.lang for aid, t in words.tokens.items()})
        graph = self.match_graph.load(self.store)
        if self._bodies is None:
            self._bodies = BodyMatrix(self.store, articles, segments)
        self.vocabulary.learn([text for _, text in self._bodies.articles.values()])
        remember_cues((text, a.lang, a.date) for a, text in self._bodies.articles.values())
        graph.links(self._bodies.ids)  # every stored pair's links, listed as a neighbourhood lists them
        self.index.prepare()  # the passage search's principal axes (~1.2 s CPU at 43,651 stored passages)
        self.index.reserve()  # else the first add copies every stored vector into a larger buffer
        warm_libraries(self.config, [text for _, text in list(self._bodies.articles.values())[:2]])

    def _stored_bodies(self) -> BodyMatrix:
        """The body vectors of every stored article, read from SQLite once and then kept current."""
        if self._bodies is None:
            self._bodies = BodyMatrix(self.store)
        return self._bodies

    def _remember_bodies(self, ids: list[str], replaced: list[str]) -> None:
        """After a commit: new rows join the bodies in memory; a replacement (rare) reloads them."""
        if replaced:
            self._bodies = None
        elif self._bodies is not None:
            self._bodies.append(self.store, ids)

    def _segment(self, todo: list[Article]) -> tuple[dict[str, list[Segment]], list[Passage], list[Article]]:
        """Segments and passages of ``todo``, segmented beside the latest stored articles (their own
        segments stay as stored), and ``todo`` with furniture titles replaced by the pages' headlines."""
        batch = {a.id for a in todo}
        size = self.settings.segment_context
        recent = [a for a in self.store.recent_articles(size + len(todo)) if a.id not in batch] if size else []
        context = recent[len(recent) - size :]  # the newest ``size`` (oldest first)
        pages = segment_pages(context + todo, self.config, only=batch)
        return pages.segments, pages.units, pages.retitled(todo)

    def _embed(self, texts: list[str]) -> np.ndarray:
        return embed_with_config(self.encoder, texts, self.config)

    # --- re-clustering ----------------------------------------------------------------------------

    def recluster(self, reason: str = "re-clustering requested") -> dict[str, list[str]]:
        """Run the one-shot story stage over the whole store and map its clusters onto stable ids."""
        clusters = full_clusters(self.store, self.config.stories)
        with self.store.transaction():
            refresh_pending(self.store, self.match_graph if self.match_graph.loaded else None)  # then all current
            before = self.store.story_of()
            final = apply_clusters(self.store, clusters, reason)
            self.store.set_meta("added_since_recluster", "0")
            self.store.bump_revision()
            after_recluster(self.store, before, final)
        self.store.checkpoint()
        return final

    def maybe_recluster(self) -> bool:
        """Re-cluster when ``settings.recluster_every`` additions have accumulated; True if it ran."""
        every = self.settings.recluster_every
        if every > 0 and int(self.store.get_meta("added_since_recluster") or 0) >= every:
            self.recluster(f"automatic re-clustering after {every} additions")
            return True
        return False
