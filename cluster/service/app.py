"""The HTTP service over a store: FastAPI app factory, request limits, and the batching worker.

One process holds the store for writing (``Ingestor``: model loaded once, faiss index in memory).
Posted articles go into an asyncio queue; a single worker drains whatever is pending into one
``Ingestor.add`` call (one encode, one transaction), so concurrent clients share the cost of
embedding instead of each paying it. Reads go through a second SQLite connection and a view of the
whole store in the JSON contract's shape, rebuilt only when the store's revision changes.
Responses use the field names of ``cluster run --format json`` (docs/output.md); docs/service.md
describes every endpoint, limit and error.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import threading
from collections.abc import Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.exceptions import HTTPException as StarletteHTTPException

from cluster.config import Config
from cluster.documents import Article
from cluster.embed import Encoder
from cluster.ingest.dates import parse_date
from cluster.service.view import Reader, StoreView
from cluster.store.ingestor import ArticleStatus, Ingestor, IngestSettings
from cluster.textnorm import script_language

MAX_TEXT_CHARS = 200_000
"""Longest article text accepted (characters): ten times a long feature article."""
MAX_BATCH = 500
"""Most articles in one POST."""
MAX_BODY_BYTES = 16 * 1024 * 1024
"""Largest request body; larger ones are refused with 413 before they are parsed."""
MAX_PAGE = 500


class ArticleIn(BaseModel):
    """One posted article: the fields of a JSONL record (docs/output.md)."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)
    id: str = Field(min_length=1, max_length=300)
    title: str = Field("", max_length=2_000)
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    date: Optional[str] = Field(None, max_length=100)
    url: Optional[str] = Field(None, max_length=4_000)
    source: Optional[str] = Field(None, max_length=300)
    lang: Optional[str] = Field(None, max_length=16)

    @field_validator("id")
    @classmethod
    def _printable_id(cls, value: str) -> str:
        if not value.strip() or any(ord(c) < 32 for c in value):
            raise ValueError("id must be printable and not blank")
        return value

    @field_validator("text")
    @classmethod
    def _text_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("text is blank")
        return value

    @field_validator("date")
    @classmethod
    def _date_parses(cls, value: Optional[str]) -> Optional[str]:
        if value not in (None, "") and parse_date(value) is None:
            raise ValueError(f"unparseable date {value!r} (use YYYY-MM-DD)")
        return value

    def to_article(self) -> Article:
        title = self.title.strip() or self.text.strip().splitlines()[0][:200]
        return Article(
            id=self.id, title=title, text=self.text, date=parse_date(self.date) if self.date else None,
            lang=(self.lang or script_language(self.text)).lower(), source=self.source, url=self.url,
            path="POST /articles",
        )


class SerialEncoder:
    """One model shared by the ingesting worker and the view builder (quotes), one encode at a time."""

    def __init__(self, encoder: Encoder) -> None:
        self._encoder = encoder
        self._lock = threading.Lock()

    def encode(self, sentences: list[str], **kwargs: object) -> Any:
        with self._lock:
            return self._encoder.encode(sentences, **kwargs)


@dataclass
class WorkerStats:
    batches: int = 0
    articles: int = 0
    largest_batch: int = 0


class BatchWorker:
    """Drains every pending POST into one ``Ingestor.add`` call (one encode, one transaction)."""

    def __init__(
        self, ingestor: Ingestor, max_articles: int = 1_000, on_written: Callable[[], None] | None = None
    ) -> None:
        self.ingestor = ingestor
        self.max_articles = max_articles
        self.on_written = on_written
        """Called after each committed batch (the reader starts rebuilding its view)."""
        self.queue: asyncio.Queue[tuple[list[Article], asyncio.Future]] = asyncio.Queue()
        self.stats = WorkerStats()
        self.busy = threading.Lock()
        """Held while a batch is being written: shutdown waits for it before closing the store."""

    def _add(self, articles: list[Article]) -> list[ArticleStatus]:
        with self.busy:
            return self.ingestor.add(articles)

    async def submit(self, articles: list[Article]) -> list[ArticleStatus]:
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        await self.queue.put((articles, future))
        return await future

    async def run(self) -> None:
        while True:
            pending = [await self.queue.get()]
            count = len(pending[0][0])
            while not self.queue.empty() and count < self.max_articles:
                pending.append(self.queue.get_nowait())
                count += len(pending[-1][0])
            await self._process(pending)

    async def _process(self, pending: list[tuple[list[Article], asyncio.Future]]) -> None:
        articles = [a for batch, _ in pending for a in batch]
        try:
            statuses = await asyncio.to_thread(self._add, articles)
        except Exception as exc:  # a failed batch fails its requests, never the worker
            for _, future in pending:
                if not future.done():
                    future.set_exception(exc)
            return
        self.stats.batches += 1
        self.stats.articles += len(articles)
        self.stats.largest_batch = max(self.stats.largest_batch, len(articles))
        if self.on_written is not None:
            self.on_written()
        by_id = {s.id: s for s in statuses}
        for batch, future in pending:
            if not future.done():
                future.set_result([by_id[a.id] for a in batch])


def create_app(
    store_dir: Path,
    encoder: Encoder | None = None,
    *,
    config: Config | None = None,
    settings: IngestSettings = IngestSettings(),
    preload_model: bool = False,
    quotes: bool = True,
) -> FastAPI:
    """The service for one store directory. ``encoder``: a loaded model to share (tests); default: the
    store config's model, loaded once (at start with ``preload_model``, else on the first POST).
    ``quotes``: views carry the quotes (speaker filter), at about a second per rebuild per 800 articles."""
    ingestor = Ingestor(Path(store_dir), config, encoder=encoder, settings=settings)
    ingestor.encoder = SerialEncoder(ingestor.encoder)
    reader = Reader(Path(store_dir), quotes_encoder=ingestor.encoder if quotes else None)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if preload_model:
            await asyncio.to_thread(ingestor.encoder.encode, ["warm up"])
        app.state.worker = BatchWorker(ingestor, on_written=reader.refresh_in_background)
        task = asyncio.create_task(app.state.worker.run())
        try:
            yield
        finally:
            task.cancel()
            with app.state.worker.busy:  # a batch being written finishes (or was never started)
                ingestor.close()
            reader.close()

    app = FastAPI(
        title="news-cluster",
        version="1.0",
        description="Duplicate passages and stable story clusters over a persistent store of news articles.",
        lifespan=lifespan,
    )
    app.add_middleware(BodyLimit, limit=MAX_BODY_BYTES)
    app.state.ingestor, app.state.reader = ingestor, reader
    _install_error_handlers(app)
    _routes(app, reader)
    return app


def _routes(app: FastAPI, reader: Reader) -> None:
    @app.post("/articles", summary="Add one article or a list of them")
    async def post_articles(body: Union[ArticleIn, list[ArticleIn]], request: Request) -> dict:
        items = body if isinstance(body, list) else [body]
        if not items:
            return _error(422, "empty list: post at least one article")
        if len(items) > MAX_BATCH:
            return _error(413, f"{len(items)} articles in one request; at most {MAX_BATCH}")
        statuses = await request.app.state.worker.submit([i.to_article() for i in items])
        return {"articles": [s.to_json() for s in statuses], "total": len(statuses)}

    @app.get("/articles", summary="Stored articles, paged, in insertion order")
    def list_articles(offset: int = Query(0, ge=0), limit: int = Query(50, ge=1, le=MAX_PAGE)) -> dict:
        view = reader.view(fresh=False)
        rows = list(view.articles.values())
        page = [_article_summary(a, view) for a in rows[offset : offset + limit]]
        return {"articles": page, "total": len(rows), "offset": offset, "limit": limit, "revision": view.revision}

    @app.get("/articles/{article_id:path}", summary="One article, its segments, story and duplicate passages")
    def get_article(article_id: str) -> Any:
        state = reader.article_state(article_id)
        if state is None:
            return _error(404, f"unknown article id {article_id!r}")
        view = reader.view(fresh=False)
        if view.hashes.get(article_id) != state[0]:  # new or replaced since the view: wait for a fresh one
            view = reader.view()
        return {**view.articles[article_id], "story": state[1],
                "indexed_passages": reader.indexed_passages(article_id),
                "duplicate_groups": view.groups_of.get(article_id, [])}

    @app.get("/stories", summary="Stories, filtered by date range, outlet and (when quotes exist) speaker")
    def list_stories(
        date_from: Optional[dt.date] = Query(None, alias="from", description="Stories ending on or after (YYYY-MM-DD)."),
        date_to: Optional[dt.date] = Query(None, alias="to", description="Stories starting on or before."),
        outlet: Optional[str] = Query(None, max_length=300, description="A member's source (case-insensitive)."),
        speaker: Optional[str] = Query(None, max_length=300, description="A speaker quoted in a member article."),
        offset: int = Query(0, ge=0),
        limit: int = Query(50, ge=1, le=MAX_PAGE),
    ) -> Any:
        if date_from and date_to and date_from > date_to:
            return _error(422, f"'from' ({date_from}) is after 'to' ({date_to})")
        view = reader.view(fresh=False)
        stories, ignored = _filter_stories(view, date_from, date_to, outlet, speaker)
        return {"stories": stories[offset : offset + limit], "total": len(stories), "offset": offset,
                "limit": limit, "ignored_filters": ignored, "revision": view.revision}

    @app.get("/stories/{story_id}", summary="One story: members and evidence; an old id answers its successor")
    def get_story(story_id: str) -> Any:
        live, chain = reader.resolve(story_id)
        view = reader.view()
        if live is None or live not in view.stories:
            return _error(404, f"unknown story id {story_id!r}")
        story = view.stories[live]
        groups = {g["id"]: g for aid in story["articles"] for g in view.groups_of.get(aid, [])}
        answer = {
            **story,
            "members": [_article_summary(view.articles[a], view) for a in story["articles"]],
            "evidence_groups": [groups[g] for g in story["evidence"] if g in groups],
            "history": reader.history(live),
        }
        if chain:
            answer["resolved_from"] = story_id
        return answer

    @app.get("/duplicates", summary="Duplicate passage groups, largest first")
    def list_duplicates(
        article: Optional[str] = Query(None, max_length=300, description="Only groups carried by this article."),
        offset: int = Query(0, ge=0),
        limit: int = Query(50, ge=1, le=MAX_PAGE),
    ) -> Any:
        view = reader.view(fresh=article is None)
        if article is not None and article not in view.articles:
            return _error(404, f"unknown article id {article!r}")
        groups = view.groups_of.get(article, []) if article is not None else view.data["duplicate_groups"]
        return {"duplicate_groups": groups[offset : offset + limit], "total": len(groups), "offset": offset,
                "limit": limit, "revision": view.revision}

    @app.get("/health", summary="Liveness and store counts")
    def health(request: Request) -> dict:
        ingestor: Ingestor = request.app.state.ingestor
        worker = getattr(request.app.state, "worker", None)
        return {
            "status": "ok", **reader.counts(),
            "index_size": ingestor.index.size, "model": ingestor.config.model,
            "batches": worker.stats.batches if worker else 0,
            "largest_batch": worker.stats.largest_batch if worker else 0,
            "limits": {"max_text_chars": MAX_TEXT_CHARS, "max_batch": MAX_BATCH, "max_body_bytes": MAX_BODY_BYTES},
        }


def _article_summary(article: dict, view: StoreView) -> dict:
    keys = ("id", "title", "date", "lang", "source", "url")
    return {**{k: article[k] for k in keys}, "story": view.story_of.get(article["id"])}


def _filter_stories(
    view: StoreView, date_from: dt.date | None, date_to: dt.date | None, outlet: str | None, speaker: str | None
) -> tuple[list[dict], list[str]]:
    ignored: list[str] = []
    speakers_of: dict[str, set[str]] | None = None
    if speaker is not None:
        speakers_of = _quoted_speakers(view.data.get("quotes"))
        if speakers_of is None:
            ignored.append("speaker")
    out = []
    for story in view.data["stories"]:
        if date_from and (story["last_date"] is None or story["last_date"] < date_from.isoformat()):
            continue
        if date_to and (story["first_date"] is None or story["first_date"] > date_to.isoformat()):
            continue
        if outlet and not any((view.articles[a]["source"] or "").casefold() == outlet.casefold() for a in story["articles"]):
            continue
        if speaker and speakers_of is not None:
            wanted = speaker.casefold()
            if not any(wanted in name for a in story["articles"] for name in speakers_of.get(a, ())):
                continue
        out.append(story)
    return out, ignored


def _quoted_speakers(quotes: Any) -> dict[str, set[str]] | None:
    """Article id -> speaker names (all forms, case-folded) from the ``quotes`` key; None when the
    view carries no quotes (the filter is then ignored, and the answer says so)."""
    if not quotes:
        return None
    out: dict[str, set[str]] = {}
    for group in quotes:
        names = {str(n).casefold() for n in [group.get("speaker"), *(group.get("speaker_forms") or [])] if n}
        for instance in group.get("instances", []):
            out.setdefault(instance["article"], set()).update(names)
    return out


def _error(status: int, message: str, detail: Any = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if detail is not None:
        body["detail"] = detail
    return JSONResponse(status_code=status, content=body)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return _error(400, "malformed JSON body")
        first = errors[0] if errors else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        message = f"{where}: {first.get('msg', 'invalid request')}" if where else first.get("msg", "invalid request")
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors[:20]]
        return _error(422, message, detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error: {type(exc).__name__}")


class BodyLimit:
    """Refuses bodies over ``limit`` bytes with 413, whether or not Content-Length is sent."""

    def __init__(self, app, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await _send_error(send, 413, f"request body over {self.limit} bytes")
            return
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge(self.limit)
            return message

        try:
            await self.app(scope, limited, send)
        except _TooLarge:
            await _send_error(send, 413, f"request body over {self.limit} bytes")


class _TooLarge(StarletteHTTPException):
    """Raised while the body is read; FastAPI passes HTTP exceptions through its body parsing."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body over {limit} bytes")


async def _send_error(send, status: int, message: str) -> None:
    import json

    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
