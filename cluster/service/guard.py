"""Who may talk to the service: the ``Host`` a request names, and a bearer token when one is set.

Why a Host check on a loopback server: a web page a user opens can make their browser send requests
to 127.0.0.1 under a domain the attacker controls (DNS rebinding) and read the answers of the GET
endpoints; such requests carry the attacker's name in ``Host``, so only the names the server is bound
to (and the loopback names) are answered. Why a token on any other address: nothing else stands
between the network and the store. Both are plain ASGI middlewares so that they run before routing,
body parsing and the body limit.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Iterable

LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
OPEN_PATHS = frozenset({"/health"})
"""Answered without a token: liveness probes carry no secrets and reveal only counts."""


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` only exposes the service to this machine."""
    if host.strip().lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_name(header: str) -> str:
    """The name part of a ``Host`` header value: no port, no IPv6 brackets, no trailing dot, lower case."""
    value = header.strip().lower()
    if value.startswith("["):
        value = value[1 : value.find("]")] if "]" in value else value[1:]
    elif value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_names(bound: str | None, extra: Iterable[str] = ()) -> frozenset[str]:
    names = {*LOOPBACK_NAMES, *(host_name(h) for h in extra if h.strip())}
    if bound:
        names.add(host_name(bound) if not bound.startswith("[") else bound.strip("[]").lower())
    return frozenset(names)


class HostCheck:
    """Answers 400 to a request whose ``Host`` is not one of ``names``."""

    def __init__(self, app, names: frozenset[str]) -> None:
        self.app, self.names = app, names

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
            if host_name(header) not in self.names:
                shown = header[:100].encode("ascii", "backslashreplace").decode() or "(none)"
                await send_json(send, 400, f"Host {shown!r} is not served here; start the server with "
                                "--allowed-host NAME to accept it")
                return
        await self.app(scope, receive, send)


class BearerToken:
    """Answers 401 unless ``Authorization: Bearer <token>`` matches (constant-time), except on OPEN_PATHS."""

    def __init__(self, app, token: str) -> None:
        self.app, self.token = app, token.encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope.get("path") not in OPEN_PATHS:
            header = dict(scope.get("headers") or []).get(b"authorization", b"")
            scheme, _, given = header.partition(b" ")
            if scheme.lower() != b"bearer" or not hmac.compare_digest(given.strip(), self.token):
                await send_json(send, 401, "missing or wrong token: send 'Authorization: Bearer <token>'",
                                [(b"www-authenticate", b"Bearer")])
                return
        await self.app(scope, receive, send)


async def send_json(send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})
