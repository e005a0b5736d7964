"""Download a URL for the readers: bounded in time and size, with one clear error on failure.

``public_only`` (what the web server uses) refuses any address that is not on the public internet
— loopback, private, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, multicast,
reserved — checked on the addresses the name resolves to, and the connection is made to the very
address that was checked, so a DNS answer that changes between check and connect (rebinding)
cannot slip through. Every redirect opens a new connection through the same check, and a
redirect to anything but http(s) is refused.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import FetchError

USER_AGENT = "duiding/0.1 (+news analysis; respects robots by fetching only what the user names)"
CHUNK = 65536


class BlockedAddressError(FetchError):
    """A URL whose host is (or resolves to) an address a server-side fetch must not reach."""

    code = "blocked"


def check_public(host: str, port: int) -> list[tuple[Any, ...]]:
    """The ``getaddrinfo`` entries of ``host``, all on the public internet, else BlockedAddressError."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise FetchError(f"{host}: name does not resolve ({e.strerror})") from e
    for info in infos:
        ip = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        mapped = getattr(ip, "ipv4_mapped", None)
        if not (mapped or ip).is_global or (mapped or ip).is_multicast:
            raise BlockedAddressError(f"{host} resolves to {ip}, a loopback, private or link-local address: "
                                      "the server does not fetch internal addresses")
    return infos


def _guarded_connection(address: tuple[str, int], timeout: Any = socket._GLOBAL_DEFAULT_TIMEOUT,  # type: ignore[attr-defined]
                        source_address: Any = None, **_: Any) -> socket.socket:
    """``socket.create_connection`` to an address that passed :func:`check_public` (the same one)."""
    host, port = address
    last: OSError | None = None
    for family, kind, proto, _name, sockaddr in check_public(host, port):
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:  # type: ignore[attr-defined]
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as e:
            sock.close()
            last = e
    raise last or OSError(f"cannot connect to {host}")


class _HTTP(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connection


class _HTTPS(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req: Any) -> Any:
        return self.do_open(_HTTP, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: Any) -> Any:
        return self.do_open(_HTTPS, req)


class _Redirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if urlsplit(newurl).scheme not in ("http", "https"):
            raise BlockedAddressError(f"{req.full_url}: redirects to {newurl[:200]}, which is not http(s)")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(public_only: bool) -> urllib.request.OpenerDirector:
    if not public_only:
        return urllib.request.build_opener(_Redirects)
    # no proxy: a proxy would connect on our behalf to whatever the name resolves to
    return urllib.request.build_opener(urllib.request.ProxyHandler({}), _HTTPHandler, _HTTPSHandler, _Redirects)


def _read_timeout(response: Any, seconds: float) -> None:
    """Let no single read outlast the download's deadline (CPython's response keeps its socket here)."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        sock.settimeout(max(seconds, 0.01))


def fetch_bytes(url: str, *, timeout: float = 15.0, max_bytes: int = 20_000_000,
                public_only: bool = False) -> tuple[bytes, str]:
    """Return ``(body, content_type)``; raise FetchError with the reason (offline, 404, too large, too slow).

    ``timeout`` bounds the whole download, not each read: a server that trickles a byte at a time
    used to hold ``analyze`` for as long as it liked.
    """
    got = fetch_conditional(url, timeout=timeout, max_bytes=max_bytes, public_only=public_only)
    return got.body, got.content_type


@dataclass(frozen=True)
class Fetched:
    """One download: ``status`` 304 means "not modified since" (``body`` empty)."""

    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


def fetch_conditional(url: str, *, etag: str | None = None, last_modified: str | None = None,
                      timeout: float = 15.0, max_bytes: int = 20_000_000, public_only: bool = False) -> Fetched:
    """A GET that sends ``If-None-Match`` / ``If-Modified-Since`` when given (what ``watch`` polls with).

    A server that answers 304 costs one round trip and no parsing; the validators it sends back
    are returned for the next poll. Every other failure is a FetchError, as for ``fetch_bytes``.
    """
    if urlsplit(url).scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http:// and https:// URLs are downloaded")
    headers = {"User-Agent": USER_AGENT, "Accept-Language": "nl,en;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    deadline = time.monotonic() + timeout
    try:
        with _opener(public_only).open(request, timeout=timeout) as response:
            status = int(getattr(response, "status", 200) or 200)
            new_etag, new_modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
            content_type = response.headers.get("Content-Type", "")
            parts: list[bytes] = []
            size = 0
            while size <= max_bytes:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise FetchError(f"{url}: download took longer than {timeout:g} s (setting fetch_timeout)")
                _read_timeout(response, left)
                chunk = response.read1(CHUNK)
                if not chunk:
                    break
                parts.append(chunk)
                size += len(chunk)
            data = b"".join(parts)
    except FetchError:
        raise
    except urllib.error.HTTPError as e:
        if e.code == 304 and (etag or last_modified):
            return Fetched(304, b"", "", e.headers.get("ETag") or etag,
                           e.headers.get("Last-Modified") or last_modified)
        raise FetchError(f"{url}: HTTP {e.code} {e.reason}") from e
    except TimeoutError as e:
        raise FetchError(f"{url}: download took longer than {timeout:g} s (setting fetch_timeout)") from e
    except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
        reason = getattr(e, "reason", e)
        if isinstance(reason, FetchError):
            raise reason from None
        raise FetchError(f"{url}: could not download ({reason}); offline? save the page and pass the file") from e
    if len(data) > max_bytes:
        raise FetchError(f"{url}: larger than {max_bytes:,} bytes; not an article page")
    return Fetched(status, data, content_type, new_etag, new_modified)
