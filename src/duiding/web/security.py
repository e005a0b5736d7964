"""Who may write, and which requests the server answers at all.

Reading is open (it is what the server is for); writing (``POST /api/ingest``) needs the server's
token. A script sends it as ``Authorization: Bearer TOKEN``. A browser gets it once from the link
``duiding serve`` prints (``/?token=TOKEN``): the server answers with an HttpOnly, SameSite=Strict
cookie, and a write with that cookie must also carry the page's CSRF token (an HMAC of the token),
which another site's page cannot read. So a form on any other site cannot add articles.

Every request's ``Host`` must be one this server was started for (loopback names, the bound
address, ``--allowed-host``): an attacker's domain re-pointed at 127.0.0.1 (DNS rebinding) is
refused. A write whose ``Origin`` is another site is refused before it is read. A write's body
is limited per request (``Content-Length`` checked first, the bytes counted as they come).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from collections.abc import Awaitable, Callable, Iterable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.requests import cookie_parser
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "duiding_token"
CSRF_HEADER = "x-csrf-token"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def new_token() -> str:
    return secrets.token_urlsafe(24)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


class Guard:
    """The token, the CSRF token derived from it, and the Host names this server answers to."""

    def __init__(self, token: str | None, hosts: Iterable[str] = (), *, any_host: bool = False,
                 max_request_bytes: int = 25_000_000, private: bool = False) -> None:
        self.token = token or new_token()
        self.csrf = hmac.new(self.token.encode(), b"duiding-csrf", hashlib.sha256).hexdigest()
        self.hosts = {h.lower().strip("[]") for h in (*LOOPBACK_NAMES, *hosts)}
        self.any_host = any_host
        self.max_request_bytes = max_request_bytes
        self.private = private  # reads need the token too (the cookie of the link, or the bearer header)

    def has_token(self, headers: Any, cookies: dict[str, str]) -> bool:
        auth = headers.get("authorization", "")
        return (auth.lower().startswith("bearer ") and self._same(auth[7:].strip(), self.token)) or \
            self._same(cookies.get(COOKIE), self.token)

    def host_ok(self, host_header: str) -> bool:
        if self.any_host:
            return True
        host = host_header.lower()
        host = host.rsplit("]", 1)[0].lstrip("[") if host.startswith("[") else host.rsplit(":", 1)[0]
        return host in self.hosts

    def _same(self, given: str | None, expected: str) -> bool:
        return bool(given) and hmac.compare_digest(str(given).encode(), expected.encode())

    def write_refusal(self, headers: Any, cookies: dict[str, str], form_csrf: str | None) -> tuple[int, str] | None:
        """Why a write is refused (status, message), or None when it may go ahead."""
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            if self._same(auth[7:].strip(), self.token):
                return None
            return 401, "wrong token: send the token `duiding serve` printed as Authorization: Bearer TOKEN"
        if self._same(cookies.get(COOKIE), self.token):
            if self._same(headers.get(CSRF_HEADER) or form_csrf, self.csrf):
                return None
            return 403, "missing or wrong CSRF token: submit the form of this server's own /ingest page"
        return 401, ("writing needs the server's token: send Authorization: Bearer TOKEN, or open the link "
                     "`duiding serve` printed (/?token=TOKEN) in this browser")


class GuardMiddleware:
    """Host check, token link, Origin check and body limit, before any route runs (pure ASGI)."""

    def __init__(self, app: ASGIApp, guard: Guard) -> None:
        self.app, self.guard = app, guard

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope["method"]
        host = headers.get("host", "")
        if not self.guard.host_ok(host):
            await _refuse(400, f"Host {host[:100]!r} is not a name this server answers to (a DNS rebinding "
                               "attempt?); start `duiding serve` with --allowed-host NAME to allow it",
                          scope, receive, send)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if method == "GET" and "token" in query:
            await self._token_link(query, scope, receive, send)
            return
        if self.guard.private and not self.guard.has_token(headers, cookie_parser(headers.get("cookie", ""))):
            await _refuse(401, "this server is private (--private): open the link `duiding serve` printed "
                               "(/?token=TOKEN), or send Authorization: Bearer TOKEN", scope, receive, send)
            return
        if method in UNSAFE:
            origin = headers.get("origin")
            if origin is not None and _origin_host(origin) != host.lower():
                await _refuse(403, f"cross-site request refused: Origin {origin[:100]!r} is not this server",
                              scope, receive, send)
                return
            if headers.get("sec-fetch-site") == "cross-site":
                await _refuse(403, "cross-site request refused (Sec-Fetch-Site: cross-site)", scope, receive, send)
                return
            length = headers.get("content-length")
            limit = self.guard.max_request_bytes
            if length is None and headers.get("transfer-encoding"):
                await _refuse(411, "a write needs a Content-Length header", scope, receive, send)
                return
            if length is not None and (not length.isdigit() or int(length) > limit):
                await _refuse(413, f"request body of {length} bytes is over the {limit:,}-byte limit per request",
                              scope, receive, send)
                return
            refused = self.guard.write_refusal(headers, cookie_parser(headers.get("cookie", "")), None)
            if refused and refused[0] == 401:  # no token at all: refused before a byte of the body is read
                await _refuse(*refused, scope, receive, send)
                return
            receive = _counted(receive, limit)  # a cookie without CSRF header: the route checks the form field
        await self.app(scope, receive, send)

    async def _token_link(self, query: dict[str, str], scope: Scope, receive: Receive, send: Send) -> None:
        if not self.guard._same(query.get("token"), self.guard.token):
            await _refuse(403, "wrong token in the link: use the one `duiding serve` printed", scope, receive, send)
            return
        rest = urlencode({k: v for k, v in query.items() if k != "token"})
        target = scope.get("path", "/") + (f"?{rest}" if rest else "")
        response: Response = RedirectResponse(target if target.startswith("/") and not target.startswith("//")
                                              else "/", status_code=303)
        response.set_cookie(COOKIE, self.guard.token, httponly=True, samesite="strict", path="/")
        await response(scope, receive, send)


class BodyTooLarge(Exception):
    """The body grew past the per-request limit while it was being received."""


def _counted(receive: Receive, limit: int) -> Callable[[], Awaitable[Message]]:
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise BodyTooLarge(f"request body is over the {limit:,}-byte limit per request")
        return message

    return wrapped


def _origin_host(origin: str) -> str:
    parts = urlsplit(origin)
    return (parts.netloc or origin).lower()


async def _refuse(status: int, message: str, scope: Scope, receive: Receive, send: Send) -> None:
    response = JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)
    await response(scope, receive, send)
