"""The endpoints, one router per resource: articles, stories, duplicate groups, health.

Handlers read ``app.state``: the ``Reader`` (views of the store), the ``Ingestor`` and the
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
from cluster.service.view import Reader, StoreView
from cluster.store.ingestor import Ingestor


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


def _article_summary(article: dict, view: StoreView) -> dict:
    keys = ("id", "title", "date", "lang", "source", "url")
    return {**{k: article[k] for k in keys}, "story": view.story_of.get(article["id"])}


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
    view = reader.view()
    rows = list(view.articles.values())
    page = [_article_summary(a, view) for a in rows[offset : offset + limit]]
    return {"articles": page, "total": len(rows), "offset": offset, "limit": limit, "revision": view.revision}


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
    view = reader.view()
    found, ignored = _filter_stories(view, date_from, date_to, outlet, speaker)
    return {"stories": found[offset : offset + limit], "total": len(found), "offset": offset,
            "limit": limit, "ignored_filters": ignored, "revision": view.revision}


@story_routes.get("/{story_id}", summary="One story: members and evidence; an old id answers its successor",
             response_model=StoryDetail, response_model_exclude_unset=True, responses=_NOT_FOUND)
def get_story(story_id: str, reader: ReaderDep) -> Any:
    """Read from the tables: members, evidence and history as of the latest commit."""
    answer = reader.story(story_id)
    if answer is None:
        return error_response(404, f"unknown story id {story_id!r}")
    return answer


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
        if outlet and not any(_source_of(view, a) == outlet.casefold() for a in story["articles"]):
            continue
        if speaker and speakers_of is not None:
            wanted = speaker.casefold()
            if not any(wanted in name for a in story["articles"] for name in speakers_of.get(a, ())):
                continue
        out.append(story)
    return out, ignored


def _source_of(view: StoreView, article_id: str) -> str:
    return (view.articles[article_id]["source"] or "").casefold()


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


# --- duplicate groups and health -------------------------------------------------------------------


@duplicate_routes.get("", summary="Duplicate passage groups, largest first", response_model=DuplicatePage,
                responses=_NOT_FOUND)
def list_duplicates(
    reader: ReaderDep,
    article: Optional[str] = Query(None, max_length=300, description="Only groups carried by this article."),
    offset: Offset = 0,
    limit: Limit = 50,
) -> Any:
    if article is not None:  # one article's groups: a live read, like GET /articles/{id}
        groups = reader.article_groups(article)
        if groups is None:
            return error_response(404, f"unknown article id {article!r}")
        revision = reader.revision()
    else:
        view = reader.view()
        groups, revision = view.data["duplicate_groups"], view.revision
    return {"duplicate_groups": groups[offset : offset + limit], "total": len(groups), "offset": offset,
            "limit": limit, "revision": revision}


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
