"""Every error the service answers is JSON ``{"error": "<one line>"}`` (validation errors add ``detail``).

One line a person can act on: FastAPI's default validation answer is a list of pydantic errors; here
the first one becomes a sentence that names the field, for a posted article in the record readers'
words ("missing 'text'") and with its place in a posted list ("article 3: ...").
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from cluster.ingest.records import describe_problem
from cluster.service.schemas import ARTICLE_LIST, ONE_ARTICLE


def error_response(status: int, message: str, detail: Any = None) -> JSONResponse:
    body: dict[str, Any] = {"error": message}
    if detail is not None:
        body["detail"] = detail
    return JSONResponse(status_code=status, content=body)


def _body_problem(error: dict[str, Any]) -> str:
    """A posted article's problem: the record readers' wording, prefixed with its place in a list."""
    loc = list(error.get("loc", ()))[1:]  # after "body"
    if loc and loc[0] in (ONE_ARTICLE, ARTICLE_LIST):
        loc.pop(0)
    prefix = f"article {loc.pop(0)}: " if loc and isinstance(loc[0], int) else ""
    return prefix + describe_problem({**error, "loc": tuple(loc)})


def validation_message(errors: list[dict[str, Any]]) -> str:
    """One line for a 422, about the first error; a posted article's names the field as records do."""
    first = errors[0] if errors else {}
    loc = first.get("loc", ())
    if loc and loc[0] == "body" and "msg" in first:
        return _body_problem(first)
    where = ".".join(str(p) for p in loc if p != "body")
    return f"{where}: {first.get('msg', 'invalid request')}" if where else first.get("msg", "invalid request")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = list(exc.errors())
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "malformed JSON body")
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors[:20]]
        return error_response(422, validation_message(errors), detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        return error_response(500, f"internal error: {type(exc).__name__}")


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
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
