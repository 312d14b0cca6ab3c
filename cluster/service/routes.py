"""The endpoints, one router per resource: articles, stories, duplicate groups, health.

Handlers read ``app.state``: the ``Reader`` (every read, from SQLite), the ``Ingestor`` and the
``BatchWorker`` that ``create_app`` put there; docs/service.md describes every answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Optional

from fastapi import APIRouter, Depends, Query, Request

from cluster.service.errors import error_response
from cluster.service.schemas import (
    DUPLICATE_IN_BATCH,
    MAX_BATCH,
    MAX_BODY_BYTES,
    MAX_PAGE,
    MAX_TEXT_CHARS,
    POSTED_FROM,
    ArticleDetail,
    ArticlePage,
    DuplicatePage,
    ErrorOut,
    HealthOut,
    PostBody,
    PostedOut,
    StoryDetail,
    StoryPage,
)
from cluster.service.view import Reader
from cluster.store.ingestor import Ingestor
from cluster.store.listing import StoryFilter


def _reader(request: Request) -> Reader:
    return request.app.state.reader


ReaderDep = Annotated[Reader, Depends(_reader)]
Offset = Annotated[int, Query(ge=0)]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE)]
_NOT_FOUND = {404: {"model": ErrorOut, "description": "Unknown id"}}
_INVALID = {422: {"model": ErrorOut, "description": "Invalid request"}}

article_routes = APIRouter(prefix="/articles", tags=["articles"])
story_routes = APIRouter(prefix="/stories", tags=["stories"])
duplicate_routes = APIRouter(prefix="/duplicates", tags=["duplicates"])
health_routes = APIRouter(tags=["health"])
ROUTERS = (article_routes, story_routes, duplicate_routes, health_routes)


# --- articles --------------------------------------------------------------------------------------


@article_routes.post("", summary="Add one article or a list of them", response_model=PostedOut,
               response_model_exclude_unset=True,
               responses={**_INVALID, 413: {"model": ErrorOut, "description": "Too many articles or too large"}})
async def post_articles(body: PostBody, request: Request) -> Any:
    items = body if isinstance(body, list) else [body]
    if not items:
        return error_response(422, "empty list: post at least one article")
    if len(items) > MAX_BATCH:
        return error_response(413, f"{len(items)} articles in one request; at most {MAX_BATCH}")
    first = list({item.id: item for item in reversed(items)}.values())[::-1]  # first occurrence of each id
    statuses = await request.app.state.worker.submit([item.to_article(POSTED_FROM) for item in first])
    by_id = {s.id: s.to_json() for s in statuses}
    answer: dict[str, Any] = {"articles": _per_item(items, by_id), "total": len(items)}
    notices = [f"{item.id}: {remark}" for item in first for remark in item.remarks]
    if notices:
        answer["notices"] = notices
    return answer


def _per_item(items: list, by_id: dict[str, dict]) -> list[dict]:
    """One answer per posted item, in order; a repeated id says so instead of claiming a second add."""
    seen: set[str] = set()
    out = []
    for item in items:
        out.append(by_id[item.id] if item.id not in seen else {**by_id[item.id], "status": DUPLICATE_IN_BATCH})
        seen.add(item.id)
    return out


@article_routes.get("", summary="Stored articles, paged, in insertion order", response_model=ArticlePage)
def list_articles(reader: ReaderDep, offset: Offset = 0, limit: Limit = 50) -> Any:
    """Read from the tables: an article is listed as soon as the POST that added it returned."""
    return reader.articles(offset, limit)


@article_routes.get("/{article_id:path}", summary="One article, its segments, story and duplicate passages",
              response_model=ArticleDetail, responses=_NOT_FOUND)
def get_article(article_id: str, reader: ReaderDep) -> Any:
    """Read from the tables (``cluster.store.lookup``): current as soon as the POST that added it returned."""
    answer = reader.article(article_id)
    if answer is None:
        return error_response(404, f"unknown article id {article_id!r}")
    return answer


# --- stories ---------------------------------------------------------------------------------------


@story_routes.get("", summary="Stories, filtered by date range, outlet and (when quotes exist) speaker",
             response_model=StoryPage, responses=_INVALID)
def list_stories(
    reader: ReaderDep,
    date_from: Optional[dt.date] = Query(None, alias="from", description="Stories ending on or after (YYYY-MM-DD)."),
    date_to: Optional[dt.date] = Query(None, alias="to", description="Stories starting on or before."),
    outlet: Optional[str] = Query(None, max_length=300, description="A member's source (case-insensitive)."),
    speaker: Optional[str] = Query(None, max_length=300, description="A speaker quoted in a member article."),
    offset: Offset = 0,
    limit: Limit = 50,
) -> Any:
    if date_from and date_to and date_from > date_to:
        return error_response(422, f"'from' ({date_from}) is after 'to' ({date_to})")
    wanted = StoryFilter(date_from.isoformat() if date_from else None, date_to.isoformat() if date_to else None,
                         outlet.casefold() if outlet else None, speaker.casefold() if speaker else None)
    return reader.stories(wanted, offset, limit)


@story_routes.get("/{story_id}", summary="One story: members and evidence; an old id answers its successor",
             response_model=StoryDetail, response_model_exclude_unset=True, responses=_NOT_FOUND)
def get_story(story_id: str, reader: ReaderDep) -> Any:
    """Read from the tables: members, evidence and history as of the latest commit."""
    answer = reader.story(story_id)
    if answer is None:
        return error_response(404, f"unknown story id {story_id!r}")
    return answer


# --- duplicate groups and health -------------------------------------------------------------------


@duplicate_routes.get("", summary="Duplicate passage groups, largest first", response_model=DuplicatePage,
                responses=_NOT_FOUND)
def list_duplicates(
    reader: ReaderDep,
    article: Optional[str] = Query(None, max_length=300, description="Only groups carried by this article."),
    offset: Offset = 0,
    limit: Limit = 50,
) -> Any:
    if article is None:  # every group: the writer's table
        return reader.duplicate_groups(offset, limit)
    groups = reader.article_groups(article)  # one article's groups, read as GET /articles/{id} reads them
    if groups is None:
        return error_response(404, f"unknown article id {article!r}")
    return {"duplicate_groups": groups[offset : offset + limit], "total": len(groups), "offset": offset,
            "limit": limit, "revision": reader.revision()}


@health_routes.get("/health", summary="Liveness and store counts", response_model=HealthOut)
def health(request: Request, reader: ReaderDep) -> Any:
    ingestor: Ingestor = request.app.state.ingestor
    worker = getattr(request.app.state, "worker", None)
    return {
        "status": "ok", **reader.counts(),
        "index_size": ingestor.index.size, "model": ingestor.config.model,
        "batches": worker.stats.batches if worker else 0,
        "largest_batch": worker.stats.largest_batch if worker else 0,
        "limits": {"max_text_chars": MAX_TEXT_CHARS, "max_batch": MAX_BATCH, "max_body_bytes": MAX_BODY_BYTES},
    }
